import { randomUUID } from 'node:crypto';
import { OPERATION_ACTION, type UserOperation } from '../domain/userOperations';
import { CONFIRM_EXPLANATIONS, CONFIRM_QUESTIONS, DESTRUCTIVE_OPERATIONS, OPERATION_TITLES } from '../domain/userOperationWords';
import type { PortalUserView } from '../services/portalUsers/view';
import { renderCard, type AdaptiveCardJson } from './render';
import { localDate } from './localTime';
import { factStatus } from './userStatus';
import type { UsersViewState } from './usersView';
import type { CardVerb } from './verbs';

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
  // Someone back in Entra ID is not disabled again by the next sync: their account is active there.
  const enablingAfterEntra = operation === 'enable' && !user.backInEntra && (user.disabledReason === 'entra-disabled' || user.disabledReason === 'entra-removed');
  return renderCard('userConfirm', {
    question: CONFIRM_QUESTIONS[operation](user.displayName),
    name: user.displayName,
    email: user.email,
    companyName: input.companyName,
    role: user.roleLabel,
    status: factStatus(user),
    explanation:
      operation === 'enable' && user.backInEntra && user.entraBackAt
        ? `${CONFIRM_EXPLANATIONS.enable} Their Microsoft Entra ID account is active again since ${localDate(user.entraBackAt)}.`
        : CONFIRM_EXPLANATIONS[operation],
    warning: enablingAfterEntra
      ? `${user.displayName} was disabled because of Microsoft Entra ID (${user.status.toLowerCase()}). Unless their Entra account is active again, the next sync disables them again.`
      : undefined,
    confirmTitle: `Yes, ${OPERATION_TITLES[operation].toLowerCase()}`,
    confirmStyle: DESTRUCTIVE_OPERATIONS.includes(operation) ? 'destructive' : 'positive',
    confirmVerb: OPERATION_ACTION[operation] satisfies CardVerb,
    confirmData: { view, userId: user.id, etag: user.etag, idempotencyKey: randomUUID() },
    cancelData: { view }
  });
}
