import { randomUUID } from 'node:crypto';
import type { UserOperation } from '../domain/userOperations';
import type { PortalUserView } from '../services/portalUsers/view';
import { renderCard, type AdaptiveCardJson } from './render';
import { OPERATION_TITLES } from './usersCard';
import type { UsersViewState } from './usersView';

const QUESTIONS: Record<Exclude<UserOperation, 'changeRole'>, (name: string) => string> = {
  invite: (n) => `Invite ${n}?`,
  reinvite: (n) => `Send ${n} a new invitation?`,
  revokeInvitation: (n) => `Revoke the invitation of ${n}?`,
  enable: (n) => `Enable ${n}?`,
  disable: (n) => `Disable ${n}?`,
  delete: (n) => `Delete ${n}?`
};

const EXPLANATIONS: Record<Exclude<UserOperation, 'changeRole'>, string> = {
  invite: 'They get an email with a link to accept. Once accepted, they have portal access.',
  reinvite: 'They get a new email; the link of the previous invitation stops working at once.',
  revokeInvitation: 'The invitation link stops working. They stay known, without portal access.',
  enable: 'They get portal access back at once.',
  disable: 'Their next request to the portal is refused. Their record stays, and they can be enabled again.',
  delete: 'The portal user is removed for good; a pending invitation stops working. This cannot be undone.'
};

/**
 * The confirmation step. Its confirm button carries a new idempotency key: a double click or a Teams
 * retry of that button repeats the same key, and the change happens once.
 */
export function userConfirmCard(input: {
  user: PortalUserView;
  companyName: string;
  operation: Exclude<UserOperation, 'changeRole'>;
  view: UsersViewState;
}): AdaptiveCardJson {
  const { user, operation, view } = input;
  const enablingAfterEntra = operation === 'enable' && (user.disabledReason === 'entra-disabled' || user.disabledReason === 'entra-removed');
  return renderCard('userConfirm', {
    question: QUESTIONS[operation](user.displayName),
    name: user.displayName,
    email: user.email,
    companyName: input.companyName,
    role: user.roleLabel,
    status: user.status,
    explanation: EXPLANATIONS[operation],
    warning: enablingAfterEntra
      ? `${user.displayName} was disabled because of Microsoft Entra ID (${user.status.toLowerCase()}). Unless their Entra account is active again, the next sync disables them again.`
      : undefined,
    confirmTitle: `Yes, ${OPERATION_TITLES[operation].toLowerCase()}`,
    confirmStyle: operation === 'delete' || operation === 'disable' || operation === 'revokeInvitation' ? 'destructive' : 'positive',
    confirmData: { view, userId: user.id, etag: user.etag, operation, key: randomUUID() },
    cancelData: { view }
  });
}
