/**
 * The id of every operation of the table (services/operations/table.ts). The id is also the card verb
 * that runs it (cards/verbs.ts, bot/actions/index.ts), and the tab's user-operation route runs the
 * `user.*` ones by name (web/routes/tab/userOperation.ts). No imports: the tab's React app reads it too.
 */
export const OPERATION_IDS = [
  'company.add',
  'company.rename',
  'company.connectTenant',
  'company.archive',
  'company.restore',
  'company.requestDelete',
  'company.approveDelete',
  'company.rejectDelete',
  'company.cancelDeleteRequest',
  'user.invite',
  'user.reinvite',
  'user.revokeInvitation',
  'user.enable',
  'user.disable',
  'user.changeRole',
  'user.delete',
  'staff.changeRole',
  'staff.revoke'
] as const;

export type OperationId = (typeof OPERATION_IDS)[number];

/** The operations a card runs: every one but the consent callback's (`company.connectTenant`). */
export type CardOperationId = Exclude<OperationId, 'company.connectTenant'>;
export const CARD_OPERATION_IDS: readonly CardOperationId[] = OPERATION_IDS.filter((id): id is CardOperationId => id !== 'company.connectTenant');

const KNOWN: ReadonlySet<string> = new Set(OPERATION_IDS);

export function isOperationId(value: unknown): value is OperationId {
  return typeof value === 'string' && KNOWN.has(value);
}
