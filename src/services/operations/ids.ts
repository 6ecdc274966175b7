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
  'user.add',
  'user.invite',
  'user.reinvite',
  'user.revokeInvitation',
  'user.enable',
  'user.disable',
  'user.changeRole',
  'user.delete',
  'staff.changeRole',
  'staff.revoke',
  'approvals.setChannel'
] as const;

export type OperationId = (typeof OPERATION_IDS)[number];

/** The operations no card runs: the consent callback's and the one a command in a channel runs. */
const NOT_ON_CARDS = ['company.connectTenant', 'approvals.setChannel'] as const;

/** The operations a card runs: every one but those above. */
export type CardOperationId = Exclude<OperationId, (typeof NOT_ON_CARDS)[number]>;
export const CARD_OPERATION_IDS: readonly CardOperationId[] = OPERATION_IDS.filter((id): id is CardOperationId => !(NOT_ON_CARDS as readonly string[]).includes(id));

const KNOWN: ReadonlySet<string> = new Set(OPERATION_IDS);

export function isOperationId(value: unknown): value is OperationId {
  return typeof value === 'string' && KNOWN.has(value);
}
