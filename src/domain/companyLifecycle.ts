import { refuse, type Refusal } from './decision';

/** Company lifecycle (DESIGN.md): active ⇄ archived → deleting → gone. */
export const COMPANY_STATES = ['active', 'archived', 'deleting'] as const;
export type CompanyState = (typeof COMPANY_STATES)[number];

export const COMPANY_EVENTS = ['archive', 'restore', 'startDelete', 'finishDelete'] as const;
export type CompanyEvent = (typeof COMPANY_EVENTS)[number];

export type CompanyTransition = { ok: true; state: CompanyState | 'gone' } | Refusal;

export interface CompanyLifecycleFacts {
  name: string;
  state: CompanyState;
  /** The MSP's own company can never be archived or deleted. */
  isMspCompany: boolean;
}

export function nextCompanyState(company: CompanyLifecycleFacts, event: CompanyEvent): CompanyTransition {
  const { name, state } = company;
  if (company.isMspCompany && (event === 'archive' || event === 'startDelete' || event === 'finishDelete')) {
    return refuse('mspCompany', `${name} is your own company; it can never be archived or deleted.`);
  }
  if (state === 'deleting' && event !== 'finishDelete') {
    return refuse('illegalTransition', `${name} is being permanently deleted.`);
  }
  switch (event) {
    case 'archive':
      return state === 'archived'
        ? refuse('noop', `${name} is already archived.`)
        : { ok: true, state: 'archived' };
    case 'restore':
      return state === 'active'
        ? refuse('noop', `${name} is not archived.`)
        : { ok: true, state: 'active' };
    case 'startDelete':
      return state === 'archived'
        ? { ok: true, state: 'deleting' }
        : refuse('illegalTransition', `${name} must be archived before it can be permanently deleted.`);
    case 'finishDelete':
      return state === 'deleting'
        ? { ok: true, state: 'gone' }
        : refuse('illegalTransition', `${name} is not being deleted.`);
  }
}
