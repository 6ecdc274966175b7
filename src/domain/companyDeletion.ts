import type { CompanyState } from './companyLifecycle';
import { refuse, type Refusal } from './decision';

/** The record kinds kept without a company when it is deleted (moved to the unassigned partition); the others go with it. */
export const UNASSIGNED_RECORD_KINDS = ['ticket', 'asset', 'invoice', 'kbArticle', 'quote', 'project', 'passwordEntry'] as const;
export type UnassignedRecordKind = (typeof UNASSIGNED_RECORD_KINDS)[number];

/** What the permanent-delete guards look at, all read from the store. */
export interface DeletionFacts {
  name: string;
  state: CompanyState;
  isMspCompany: boolean;
  /** Invoices of the company with an outstanding balance. */
  outstandingInvoices: number;
  /** The largest of them, named on the refusal with their balance (in the MSP's currency). */
  largestOutstanding?: { title: string; balance: number }[];
  /** Set while the company is linked to a compliance organisation. */
  complianceOrganizationId?: string;
}

/**
 * Every reason a company cannot be permanently deleted right now (DESIGN.md, "Lifecycles"), all of them
 * at once so a person can clear them in one go. Empty when the delete may go ahead.
 */
export function deletionBlockers(facts: DeletionFacts): Refusal[] {
  const { name } = facts;
  if (facts.isMspCompany) return [refuse('mspCompany', `${name} is your own company; it can never be deleted.`)];
  if (facts.state === 'deleting') return [refuse('illegalTransition', `${name} is already being permanently deleted.`)];
  const blockers: Refusal[] = [];
  if (facts.state !== 'archived') {
    blockers.push(refuse('illegalTransition', `${name} is not archived. Archive it first; only an archived company can be permanently deleted.`));
  }
  if (facts.outstandingInvoices > 0) {
    const invoices = facts.outstandingInvoices === 1 ? '1 invoice has' : `${facts.outstandingInvoices} invoices have`;
    blockers.push(refuse('illegalTransition', `${invoices} an outstanding balance.${invoiceFigures(facts)} Settle or write them off first.`));
  }
  if (facts.complianceOrganizationId) {
    blockers.push(refuse('illegalTransition', `${name} is linked to a compliance organisation. Archive that organisation first, to keep its audit trail.`));
  }
  return blockers;
}

/** " Invoice 7: 1,250.50 due; Invoice 2: 80.00 due, and 3 more." for the invoices named, or nothing. */
function invoiceFigures(facts: DeletionFacts): string {
  const named = facts.largestOutstanding ?? [];
  if (named.length === 0) return '';
  const amount = (n: number) => n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const more = facts.outstandingInvoices - named.length;
  return ` ${named.map((i) => `${i.title}: ${amount(i.balance)} due`).join('; ')}${more > 0 ? `, and ${more} more` : ''}.`;
}

export const DELETE_REQUEST_STATES = ['pending', 'approved', 'rejected', 'cancelled', 'expired', 'done'] as const;
export type DeleteRequestState = (typeof DELETE_REQUEST_STATES)[number];

export const DELETE_REQUEST_EVENTS = ['approve', 'reject', 'cancel', 'expire', 'finish'] as const;
export type DeleteRequestEvent = (typeof DELETE_REQUEST_EVENTS)[number];

export interface DeleteRequestFacts {
  state: DeleteRequestState;
  expiresAt: string;
  /** The company's name when the request was made; a rename since voids the request. */
  companyName: string;
}

export type DeleteRequestTransition = { ok: true; state: DeleteRequestState } | Refusal;

const OUTCOME: Record<Exclude<DeleteRequestState, 'pending'>, string> = {
  approved: 'was approved',
  rejected: 'was rejected',
  cancelled: 'was cancelled',
  expired: 'has expired',
  done: 'was carried out'
};

/**
 * The life of a delete request: pending → approved → done, or pending → rejected / cancelled / expired.
 * Only a pending request can be decided, and only before it expires; the first decision wins (the caller
 * writes it conditionally), so a later click sees the outcome instead.
 */
export function nextDeleteRequestState(
  request: DeleteRequestFacts,
  event: DeleteRequestEvent,
  context: { now: Date; currentCompanyName: string }
): DeleteRequestTransition {
  if (event === 'finish') {
    return request.state === 'approved' ? { ok: true, state: 'done' } : refuse('illegalTransition', 'Only an approved deletion can be carried out.');
  }
  if (request.state !== 'pending') return refuse('noop', `This deletion request ${OUTCOME[request.state]}.`);
  const expired = Date.parse(request.expiresAt) <= context.now.getTime();
  if (event === 'expire') return expired ? { ok: true, state: 'expired' } : refuse('illegalTransition', 'This deletion request has not expired yet.');
  if (event === 'cancel') return { ok: true, state: 'cancelled' };
  if (expired) return refuse('illegalTransition', 'This deletion request has expired. The requester can ask again.');
  if (event === 'approve' && context.currentCompanyName !== request.companyName) {
    return refuse('illegalTransition', `The company was renamed to ${context.currentCompanyName} after the request; it cannot be approved. The requester can ask again.`);
  }
  return { ok: true, state: event === 'approve' ? 'approved' : 'rejected' };
}
