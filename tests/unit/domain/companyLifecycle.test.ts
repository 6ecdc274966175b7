import {
  COMPANY_EVENTS,
  COMPANY_STATES,
  nextCompanyState,
  type CompanyEvent,
  type CompanyState
} from '../../../src/domain/companyLifecycle';
import type { RefusalCode } from '../../../src/domain/decision';

/*
 * DESIGN.md, "Lifecycles": active ⇄ archived → deleting → gone.
 * Archive is idempotent (archiving an archived company is a no-op), permanent delete starts only from
 * archived, and while deleting nothing but finishing the delete is possible.
 * The MSP's own company can never be archived or deleted.
 */
type Outcome = { state: CompanyState | 'gone' } | { refused: RefusalCode };

const CLIENT: Record<CompanyState, Record<CompanyEvent, Outcome>> = {
  active: {
    archive: { state: 'archived' },
    restore: { refused: 'noop' },
    startDelete: { refused: 'illegalTransition' },
    finishDelete: { refused: 'illegalTransition' }
  },
  archived: {
    archive: { refused: 'noop' },
    restore: { state: 'active' },
    startDelete: { state: 'deleting' },
    finishDelete: { refused: 'illegalTransition' }
  },
  deleting: {
    archive: { refused: 'illegalTransition' },
    restore: { refused: 'illegalTransition' },
    startDelete: { refused: 'illegalTransition' },
    finishDelete: { state: 'gone' }
  }
};

const MSP_OWN: Record<CompanyState, Record<CompanyEvent, Outcome>> = {
  active: {
    archive: { refused: 'mspCompany' },
    restore: { refused: 'noop' },
    startDelete: { refused: 'mspCompany' },
    finishDelete: { refused: 'mspCompany' }
  },
  archived: {
    archive: { refused: 'mspCompany' },
    restore: { state: 'active' },
    startDelete: { refused: 'mspCompany' },
    finishDelete: { refused: 'mspCompany' }
  },
  deleting: {
    archive: { refused: 'mspCompany' },
    restore: { refused: 'illegalTransition' },
    startDelete: { refused: 'mspCompany' },
    finishDelete: { refused: 'mspCompany' }
  }
};

const NAME = 'Northwind Traders';

function expectSentence(reason: string): void {
  expect(reason.trim().length).toBeGreaterThan(10);
  expect(reason).toMatch(/^[A-Z].*[.!?]$/s);
  expect(reason).not.toMatch(/undefined|null|\[object/);
}

describe('company states and events', () => {
  it('are exactly those of DESIGN.md', () => {
    expect([...COMPANY_STATES].sort()).toEqual(['active', 'archived', 'deleting']);
    expect([...COMPANY_EVENTS].sort()).toEqual(['archive', 'finishDelete', 'restore', 'startDelete']);
  });
});

const cases = [false, true].flatMap((isMspCompany) =>
  COMPANY_STATES.flatMap((state) =>
    COMPANY_EVENTS.map((event) => ({
      kind: isMspCompany ? 'MSP’s own company' : 'client company',
      isMspCompany,
      state,
      event,
      outcome: (isMspCompany ? MSP_OWN : CLIENT)[state][event]
    }))
  )
);

describe('nextCompanyState', () => {
  it('covers every state × event for client companies and the MSP’s own company', () => {
    expect(cases).toHaveLength(2 * COMPANY_STATES.length * COMPANY_EVENTS.length);
  });

  const allowed = cases.flatMap((c) => ('state' in c.outcome ? [{ ...c, next: c.outcome.state }] : []));
  const refused = cases.flatMap((c) => ('refused' in c.outcome ? [{ ...c, code: c.outcome.refused }] : []));

  it.each(allowed)('$kind: $state --$event--> $next', ({ isMspCompany, state, event, next }) => {
    expect(nextCompanyState({ name: NAME, state, isMspCompany }, event)).toEqual({ ok: true, state: next });
  });

  it.each(refused)('$kind: $state --$event--> refused ($code)', ({ isMspCompany, state, event, code }) => {
    const result = nextCompanyState({ name: NAME, state, isMspCompany }, event);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expectSentence(result.reason);
    expect(result.reason).toContain(NAME);
  });

  it.each(['active', 'archived'] as const)('startDelete is refused from %s unless archived', (state) => {
    const result = nextCompanyState({ name: NAME, state, isMspCompany: false }, 'startDelete');
    expect(result.ok).toBe(state === 'archived');
  });

  it.each(COMPANY_EVENTS.filter((e) => e !== 'finishDelete'))(
    'while deleting, %s is refused',
    (event) => {
      const result = nextCompanyState({ name: NAME, state: 'deleting', isMspCompany: false }, event);
      expect(result.ok).toBe(false);
    }
  );
});
