/**
 * The words for portal user operations, the same on the bot's cards and in the tab. No imports, so the
 * tab's bundle takes this file alone. Keys are the operations of userOperations.ts.
 */
export type OperationName = 'invite' | 'reinvite' | 'revokeInvitation' | 'enable' | 'disable' | 'changeRole' | 'delete';
export type ConfirmedOperation = Exclude<OperationName, 'changeRole'>;

export const OPERATION_TITLES: Record<OperationName, string> = {
  invite: 'Invite',
  reinvite: 'Re-invite',
  revokeInvitation: 'Revoke invitation',
  enable: 'Enable',
  disable: 'Disable',
  changeRole: 'Change role',
  delete: 'Delete'
};

/** The question a confirmation step asks. */
export const CONFIRM_QUESTIONS: Record<ConfirmedOperation, (name: string) => string> = {
  invite: (n) => `Invite ${n}?`,
  reinvite: (n) => `Send ${n} a new invitation?`,
  revokeInvitation: (n) => `Revoke the invitation of ${n}?`,
  enable: (n) => `Enable ${n}?`,
  disable: (n) => `Disable ${n}?`,
  delete: (n) => `Delete ${n}?`
};

/** What the confirmation step says will happen. */
export const CONFIRM_EXPLANATIONS: Record<ConfirmedOperation, string> = {
  invite: 'They get an email with a link to accept. Once accepted, they have portal access.',
  reinvite: 'They get a new email; the link of the previous invitation stops working at once.',
  revokeInvitation: 'The invitation link stops working. They stay known, without portal access.',
  enable: 'They get portal access back at once.',
  disable: 'Their next request to the portal is refused. Their record stays, and they can be enabled again.',
  delete: 'The portal user is removed for good; a pending invitation stops working. This cannot be undone.'
};

/** Operations whose confirmation is styled as destructive. */
export const DESTRUCTIVE_OPERATIONS: readonly OperationName[] = ['disable', 'delete', 'revokeInvitation'];

/**
 * The status of a person disabled because of Entra ID who is enabled there again: `since` is the day the
 * sync found them back, as the surface shows dates (the bot's cards: in the viewer's time zone).
 */
export function backInEntraStatus(since?: string): string {
  return since ? `Back in Entra ID since ${since}: enable?` : 'Back in Entra ID: enable?';
}
