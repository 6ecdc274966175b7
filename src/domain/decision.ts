/**
 * The answer of every rule: allowed, or refused with a reason a person can read.
 * `code` is stable for tests and for the audit log; `reason` is shown on the card or in the tab.
 */
export type Decision = { ok: true } | Refusal;

export interface Refusal {
  ok: false;
  code: RefusalCode;
  reason: string;
}

export type RefusalCode =
  | 'forbidden'
  | 'otherMsp'
  | 'otherCompany'
  | 'illegalTransition'
  | 'lastAdmin'
  | 'lastSuperAdmin'
  | 'companyArchived'
  | 'mspCompany'
  | 'noop';

export const ALLOWED: Decision = { ok: true };

export function refuse(code: RefusalCode, reason: string): Refusal {
  return { ok: false, code, reason };
}
