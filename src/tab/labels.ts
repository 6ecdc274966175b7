import type { WireCategory, WireOperation } from '../web/routes/tab/wire';

export const CATEGORY_LABELS: Record<WireCategory, string> = {
  enabled: 'Enabled',
  disabled: 'Disabled',
  unconfirmed: 'Unconfirmed',
  noAccess: 'Without access'
};

export const OPERATION_TITLES: Record<WireOperation, string> = {
  invite: 'Invite',
  reinvite: 'Re-invite',
  revokeInvitation: 'Revoke invitation',
  enable: 'Enable',
  disable: 'Disable',
  changeRole: 'Change role',
  delete: 'Delete'
};

/** The same questions and explanations as the bot's confirmation card (src/cards/userConfirmCard.ts). */
export const QUESTIONS: Record<Exclude<WireOperation, 'changeRole'>, (name: string) => string> = {
  invite: (n) => `Invite ${n}?`,
  reinvite: (n) => `Send ${n} a new invitation?`,
  revokeInvitation: (n) => `Revoke the invitation of ${n}?`,
  enable: (n) => `Enable ${n}?`,
  disable: (n) => `Disable ${n}?`,
  delete: (n) => `Delete ${n}?`
};

export const EXPLANATIONS: Record<Exclude<WireOperation, 'changeRole'>, string> = {
  invite: 'They get an email with a link to accept. Once accepted, they have portal access.',
  reinvite: 'They get a new email; the link of the previous invitation stops working at once.',
  revokeInvitation: 'The invitation link stops working. They stay known, without portal access.',
  enable: 'They get portal access back at once.',
  disable: 'Their next request to the portal is refused. Their record stays, and they can be enabled again.',
  delete: 'The portal user is removed for good; a pending invitation stops working. This cannot be undone.'
};

export const DESTRUCTIVE: readonly WireOperation[] = ['disable', 'delete', 'revokeInvitation'];

export function when(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
