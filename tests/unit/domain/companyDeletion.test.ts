import {
  DELETE_REQUEST_EVENTS,
  DELETE_REQUEST_STATES,
  deletionBlockers,
  nextDeleteRequestState,
  type DeleteRequestEvent,
  type DeleteRequestFacts,
  type DeleteRequestState,
  type DeletionFacts
} from '../../../src/domain/companyDeletion';
import type { RefusalCode } from '../../../src/domain/decision';

/*
 * DESIGN.md, "Lifecycles": a company can be permanently deleted only when it is archived, has no
 * outstanding invoice, is not linked to a compliance organisation, and is not the MSP's own company;
 * every blocker is reported at once. A delete request is pending → approved → done, or pending →
 * rejected / cancelled / expired; the first decision wins, a rename voids the approval.
 */

const DELETABLE: DeletionFacts = { name: 'Tailspin Toys', state: 'archived', isMspCompany: false, outstandingInvoices: 0 };

describe('deletionBlockers', () => {
  it('an archived company with nothing outstanding has no blocker', () => {
    expect(deletionBlockers(DELETABLE)).toEqual([]);
  });

  it.each<[string, Partial<DeletionFacts>, RegExp]>([
    ['not archived', { state: 'active' }, /^Tailspin Toys is not archived\. Archive it first/],
    ['one unpaid invoice', { outstandingInvoices: 1 }, /^1 invoice has an outstanding balance\./],
    ['three unpaid invoices', { outstandingInvoices: 3 }, /^3 invoices have an outstanding balance\./],
    [
      'three unpaid invoices, the largest two named with their balance',
      { outstandingInvoices: 3, largestOutstanding: [{ title: 'Invoice 7', balance: 1250.5 }, { title: 'Invoice 2', balance: 80 }] },
      /^3 invoices have an outstanding balance\. Invoice 7: 1,250\.50 due; Invoice 2: 80\.00 due, and 1 more\. Settle or write them off first\.$/
    ],
    ['linked to a compliance organisation', { complianceOrganizationId: 'compliance-wwi' }, /linked to a compliance organisation/],
    ['already being deleted', { state: 'deleting' }, /already being permanently deleted/]
  ])('%s: exactly that one blocker', (_label, change, reason) => {
    const blockers = deletionBlockers({ ...DELETABLE, ...change });
    expect(blockers).toHaveLength(1);
    expect(blockers[0]).toMatchObject({ ok: false, code: 'illegalTransition' });
    expect(blockers[0].reason).toMatch(reason);
  });

  it('every blocker is reported at once, in order', () => {
    const blockers = deletionBlockers({ ...DELETABLE, state: 'active', outstandingInvoices: 2, complianceOrganizationId: 'compliance-wwi' });
    expect(blockers.map((b) => b.code)).toEqual(['illegalTransition', 'illegalTransition', 'illegalTransition']);
    expect(blockers[0].reason).toMatch(/not archived/);
    expect(blockers[1].reason).toMatch(/2 invoices have an outstanding balance/);
    expect(blockers[2].reason).toMatch(/compliance organisation/);
  });

  it.each<[string, Partial<DeletionFacts>]>([
    ['archived and clear', {}],
    ['active, unpaid and linked', { state: 'active', outstandingInvoices: 5, complianceOrganizationId: 'c' }]
  ])("the MSP's own company (%s) can never be deleted, whatever else holds", (_label, change) => {
    const blockers = deletionBlockers({ ...DELETABLE, ...change, name: 'Contoso IT Services', isMspCompany: true });
    expect(blockers).toEqual([{ ok: false, code: 'mspCompany', reason: 'Contoso IT Services is your own company; it can never be deleted.' }]);
  });

  it('a company in deletion reports only that, not its other facts', () => {
    const blockers = deletionBlockers({ ...DELETABLE, state: 'deleting', outstandingInvoices: 1 });
    expect(blockers).toHaveLength(1);
    expect(blockers[0].reason).toMatch(/already being permanently deleted/);
  });
});

const NOW = new Date('2025-06-01T12:00:00.000Z');
const LATER = '2025-06-02T12:00:00.000Z';
const EARLIER = '2025-06-01T11:59:59.999Z';

function request(state: DeleteRequestState, expiresAt = LATER): DeleteRequestFacts {
  return { state, expiresAt, companyName: 'Tailspin Toys' };
}

type Expected = { state: DeleteRequestState } | { refused: RefusalCode; reason: RegExp };

interface Row {
  label: string;
  state: DeleteRequestState;
  event: DeleteRequestEvent;
  expired: boolean;
  renamed: boolean;
  expected: Expected;
}

const OUTCOME_OF: Record<Exclude<DeleteRequestState, 'pending'>, RegExp> = {
  approved: /was approved/,
  rejected: /was rejected/,
  cancelled: /was cancelled/,
  expired: /has expired/,
  done: /was carried out/
};

/** The whole table: every state × event × (expired?) × (renamed?), from the rules of the state machine. */
function expectedOf(state: DeleteRequestState, event: DeleteRequestEvent, expired: boolean, renamed: boolean): Expected {
  if (event === 'finish') return state === 'approved' ? { state: 'done' } : { refused: 'illegalTransition', reason: /Only an approved deletion/ };
  if (state !== 'pending') return { refused: 'noop', reason: OUTCOME_OF[state] };
  if (event === 'expire') return expired ? { state: 'expired' } : { refused: 'illegalTransition', reason: /not expired yet/ };
  if (event === 'cancel') return { state: 'cancelled' };
  if (expired) return { refused: 'illegalTransition', reason: /has expired\. The requester can ask again/ };
  if (event === 'approve' && renamed) return { refused: 'illegalTransition', reason: /renamed to Tailspin Toys Ltd after the request/ };
  return { state: event === 'approve' ? 'approved' : 'rejected' };
}

const ROWS: Row[] = DELETE_REQUEST_STATES.flatMap((state) =>
  DELETE_REQUEST_EVENTS.flatMap((event) =>
    [false, true].flatMap((expired) =>
      [false, true].map((renamed) => ({
        label: `${state} + ${event}${expired ? ', expired' : ''}${renamed ? ', renamed' : ''}`,
        state,
        event,
        expired,
        renamed,
        expected: expectedOf(state, event, expired, renamed)
      }))
    )
  )
);

function decide(row: Pick<Row, 'state' | 'event' | 'expired' | 'renamed'>) {
  return nextDeleteRequestState(request(row.state, row.expired ? EARLIER : LATER), row.event, {
    now: NOW,
    currentCompanyName: row.renamed ? 'Tailspin Toys Ltd' : 'Tailspin Toys'
  });
}

describe('nextDeleteRequestState', () => {
  it.each(ROWS)('$label', (row) => {
    const result = decide(row);
    if ('state' in row.expected) {
      expect(result).toEqual({ ok: true, state: row.expected.state });
    } else {
      expect(result).toMatchObject({ ok: false, code: row.expected.refused });
      expect(result.ok ? '' : result.reason).toMatch(row.expected.reason);
    }
  });

  // The rows the design names, spelled out (the table above also covers them).
  it.each<[string, DeleteRequestState, DeleteRequestEvent, { expired?: boolean; renamed?: boolean }, DeleteRequestState | RefusalCode]>([
    ['a pending request is approved', 'pending', 'approve', {}, 'approved'],
    ['a pending request is rejected', 'pending', 'reject', {}, 'rejected'],
    ['the requester cancels a pending request', 'pending', 'cancel', {}, 'cancelled'],
    ['an expired request can still be cancelled', 'pending', 'cancel', { expired: true }, 'cancelled'],
    ['a renamed company\'s request can still be cancelled', 'pending', 'cancel', { renamed: true }, 'cancelled'],
    ['approval after expiry is refused', 'pending', 'approve', { expired: true }, 'illegalTransition'],
    ['approval after a rename is refused', 'pending', 'approve', { renamed: true }, 'illegalTransition'],
    ['a rename does not stop a rejection', 'pending', 'reject', { renamed: true }, 'rejected'],
    ['a second approval is a no-op', 'approved', 'approve', {}, 'noop'],
    ['a rejection after an approval is a no-op', 'approved', 'reject', {}, 'noop'],
    ['an approval after a rejection is a no-op', 'rejected', 'approve', {}, 'noop'],
    ['an approval after a cancel is a no-op', 'cancelled', 'approve', {}, 'noop'],
    ['an approval of an expired request is a no-op', 'expired', 'approve', {}, 'noop'],
    ['cancelling after approval is a no-op', 'approved', 'cancel', {}, 'noop'],
    ['the job finishes an approved request', 'approved', 'finish', {}, 'done'],
    ['a pending request cannot be finished', 'pending', 'finish', {}, 'illegalTransition'],
    ['a done request cannot be finished again', 'done', 'finish', {}, 'illegalTransition'],
    ['the sweeper expires a pending request past its time', 'pending', 'expire', { expired: true }, 'expired'],
    ['the sweeper leaves a request in time alone', 'pending', 'expire', {}, 'illegalTransition'],
    ['an approved request never expires', 'approved', 'expire', { expired: true }, 'noop']
  ])('%s', (_label, state, event, { expired = false, renamed = false }, outcome) => {
    const result = decide({ state, event, expired, renamed });
    if (result.ok) expect(result.state).toBe(outcome);
    else expect(result.code).toBe(outcome);
  });

  it('a request expires at its expiry instant, not a millisecond later', () => {
    const atExpiry = request('pending', NOW.toISOString());
    const context = { now: NOW, currentCompanyName: 'Tailspin Toys' };
    expect(nextDeleteRequestState(atExpiry, 'approve', context)).toMatchObject({ ok: false, code: 'illegalTransition' });
    expect(nextDeleteRequestState(atExpiry, 'expire', context)).toEqual({ ok: true, state: 'expired' });
    const oneMsLeft = request('pending', new Date(NOW.getTime() + 1).toISOString());
    expect(nextDeleteRequestState(oneMsLeft, 'approve', context)).toEqual({ ok: true, state: 'approved' });
  });

  it('the rename check compares names exactly: a change of case voids the approval', () => {
    const result = nextDeleteRequestState(request('pending'), 'approve', { now: NOW, currentCompanyName: 'TAILSPIN TOYS' });
    expect(result).toMatchObject({ ok: false, code: 'illegalTransition' });
  });

  it('the table covers every state and event', () => {
    expect(new Set(ROWS.map((r) => r.state))).toEqual(new Set(DELETE_REQUEST_STATES));
    expect(new Set(ROWS.map((r) => r.event))).toEqual(new Set(DELETE_REQUEST_EVENTS));
    expect(ROWS).toHaveLength(DELETE_REQUEST_STATES.length * DELETE_REQUEST_EVENTS.length * 4);
  });
});
