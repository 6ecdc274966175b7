import type { StaffActor } from '../../../domain/actor';
import { nextDeleteRequestState } from '../../../domain/companyDeletion';
import { nextCompanyState } from '../../../domain/companyLifecycle';
import { z } from 'zod';
import { refuse } from '../../../domain/decision';
import type { Stored } from '../../../store/documents';
import { ConflictError } from '../../../store/errors';
import { CompanyIdInput } from '../../operations/inputs';
import type { ChangeOperation, Target } from '../../operations/operation';
import { runChange } from '../../operations/pipeline';
import { companyDocuments, type CompanyFacts } from '../../operations/targets';
import type { CompanyDoc, DeleteRequest } from '../../../store/model';
import type { ApprovalCardFacts } from '../../notifications';
import { carrying, settle } from '../../pendingAudit';
import { invalid, type ServiceResult } from '../../result';
import type { CompanyDeps } from '../deps';
import { blockedBy, currentBlockers } from './impact';
import { queueDeletion, deletionJobOf } from './deletionJob';
import { approvalFacts, staffRefOf } from './requestChanges';

export type DeleteDecision = 'approve' | 'reject' | 'cancel';

export interface DecideInput {
  /** Undefined when the person clicking is not MSP staff: they may look, never decide. */
  actor: StaffActor | undefined;
  companyId: string;
  requestId: string;
  decision: DeleteDecision;
  note?: string;
  payload: unknown;
}

const AUDIT_ACTIONS: Record<DeleteDecision, 'company.approveDelete' | 'company.rejectDelete' | 'company.cancelDeleteRequest'> = {
  approve: 'company.approveDelete',
  reject: 'company.rejectDelete',
  cancel: 'company.cancelDeleteRequest'
};

/**
 * The request as it stands, for the card: from the company while it exists, from the deletion job
 * once the company is gone. Undefined when the store knows no such request.
 */
export async function currentRequest(deps: CompanyDeps, companyId: string, requestId: string): Promise<ApprovalCardFacts | undefined> {
  const company = await deps.repos.companies.get(companyId);
  if (company?.deleteRequest?.id === requestId) return approvalFacts(company, company.deleteRequest);
  const job = await deletionJobOf(deps, companyId, requestId);
  if (!job) return undefined;
  return { companyId, companyName: job.params.request.companyName, request: job.params.request, companyState: job.state === 'done' ? 'gone' : 'deleting' };
}

export const DecisionInput = z.object({ companyId: CompanyIdInput, requestId: z.string().min(1).max(200), note: z.string().max(2000).optional() });
type DecisionInput = z.infer<typeof DecisionInput>;
type DecisionRef = { companyId: string; requestId: string };

/** The company while it holds this very request; otherwise nothing to decide. */
function requestTarget(deps: CompanyDeps): Target<DecisionRef, CompanyFacts, CompanyDoc> {
  const company = companyDocuments(deps);
  return {
    ...company,
    async load(ref) {
      const loaded = await company.load(ref);
      return 'doc' in loaded && loaded.doc.deleteRequest?.id === ref.requestId ? loaded : { missing: 'This deletion request is no longer current.' };
    }
  };
}

/**
 * company.approveDelete, company.rejectDelete, company.cancelDeleteRequest. Every click is checked
 * again from the store: the person is a Super Admin (the requester to cancel; anyone else to decide),
 * the request is the company's current one, pending and unexpired, every guard still holds and the
 * name has not changed. The first decision wins by a conditional write on the company (its key is the
 * request's id); a later or repeated click sees the outcome.
 */
export function deleteDecisionOperation(deps: CompanyDeps, decision: DeleteDecision): ChangeOperation<DecisionInput, DecisionRef, CompanyFacts, CompanyDoc, ApprovalCardFacts> {
  const view = ({ doc }: CompanyFacts) => approvalFacts(doc, doc.deleteRequest as DeleteRequest);
  return {
    id: AUDIT_ACTIONS[decision],
    action: decision === 'cancel' ? 'company.cancelDeleteRequest' : 'company.decideDelete',
    audit: AUDIT_ACTIONS[decision],
    input: DecisionInput,
    target: requestTarget(deps),
    ref: ({ companyId, requestId }) => ({ companyId, requestId }),
    permission: { of: ({ doc }) => ({ mspId: doc.mspId, companyId: doc.companyId, requestedByStaffId: doc.deleteRequest?.requestedBy.staffId }) },
    async absent({ companyId, requestId }) {
      const facts = await currentRequest(deps, companyId, requestId);
      return facts ? { status: 'noop', message: outcomeMessage(facts), current: facts } : invalid('This deletion request is no longer current.');
    },
    async plan({ doc: company }, { input, request: { actor } }) {
      const request = company.deleteRequest as DeleteRequest;
      const transition = nextDeleteRequestState(request, decision, { now: deps.clock(), currentCompanyName: company.name });
      if (!transition.ok) return transition.code === 'noop' ? refuse('noop', outcomeMessage(approvalFacts(company, request))) : transition;
      const note = input.note?.trim() || undefined;
      let next: CompanyDoc = { ...company, deleteRequest: { ...request, state: transition.state, decidedBy: staffRefOf(actor as StaffActor), decidedAt: deps.clock().toISOString(), note } };
      if (decision === 'approve') {
        const blockers = await currentBlockers(deps.repos, company);
        const lifecycle = nextCompanyState(company, 'startDelete');
        const refusal = blockers.length ? blockedBy(blockers, company.name) : !lifecycle.ok ? lifecycle : undefined;
        if (refusal) return refuse(refusal.code, `Not approved: ${refusal.reason}`);
        next = { ...next, state: 'deleting' };
      }
      return {
        next,
        after: { deleteRequest: { id: request.id, state: transition.state }, state: next.state },
        reason: note,
        message: outcomeMessage(approvalFacts(next, next.deleteRequest as DeleteRequest))
      };
    },
    view,
    replayed: (_facts, facts) => ({ status: 'noop', message: outcomeMessage(facts), current: facts }),
    async afterDone(written) {
      if (!written) return;
      const decided = written.deleteRequest as DeleteRequest;
      if (decision === 'approve') await queueDeletion(deps, written, decided);
      const after = approvalFacts(written, decided);
      if (decided.card) await deps.notifications.updateApprovalCard(decided.card, after);
      if (decision !== 'cancel' && decided.decidedBy) await deps.notifications.tell(decided.requestedBy, requesterNotice(after, decided.decidedBy.displayName));
    },
    retries: 3
  };
}

/**
 * Approve, reject or cancel a delete request from its card. Only MSP staff decide; anyone else who
 * clicks is told the outcome or that they may not. An expired request found on the way is marked so.
 */
export async function decideDelete(deps: CompanyDeps, input: DecideInput): Promise<ServiceResult<ApprovalCardFacts>> {
  const { actor, companyId, requestId, decision, note, payload } = input;
  if (!actor) {
    const facts = await currentRequest(deps, companyId, requestId);
    if (!facts) return invalid('This deletion request is no longer current.');
    if (facts.request.state !== 'pending') return { status: 'noop', message: outcomeMessage(facts), current: facts };
    return { status: 'refused', code: 'forbidden', message: 'Only MSP Super Admins can act on deletion requests.' };
  }
  const result = await runChange(deps, deleteDecisionOperation(deps, decision), { actor, surface: 'approval', idempotencyKey: requestId, payload, input: { companyId, requestId, note } });
  if (result.status === 'refused') {
    const company = await deps.repos.companies.get(companyId);
    const pending = company?.deleteRequest;
    if (company && pending?.id === requestId && pending.state === 'pending' && Date.parse(pending.expiresAt) <= deps.clock().getTime()) await expireRequest(deps, company);
  }
  return result;
}

/** Marks an expired pending request expired (once: a conditional write), updates its card and tells the requester. */
export async function expireRequest(deps: CompanyDeps, company: Stored<CompanyDoc>): Promise<void> {
  const request = company.deleteRequest;
  if (!request) return;
  const transition = nextDeleteRequestState(request, 'expire', { now: deps.clock(), currentCompanyName: company.name });
  if (!transition.ok) return;
  const expired: DeleteRequest = { ...request, state: 'expired', decidedAt: deps.clock().toISOString() };
  const next = carrying(deps, { ...company, deleteRequest: expired }, company, {
    actor: { kind: 'system', mspId: company.mspId, displayName: 'Approvals' },
    surface: 'system',
    action: 'company.expireDeleteRequest',
    companyId: company.companyId,
    target: { kind: 'company', id: company.companyId, name: company.name },
    after: { deleteRequest: { id: request.id, state: 'expired' } },
    result: 'done',
    idempotencyKey: request.id
  });
  try {
    await settle(deps, 'company', await deps.repos.companies.replace(next));
  } catch (error) {
    if (error instanceof ConflictError) return;
    throw error;
  }
  const facts = approvalFacts(company, expired);
  if (expired.card) await deps.notifications.updateApprovalCard(expired.card, facts);
  await deps.notifications.tell(request.requestedBy, {
    title: 'Deletion request expired',
    tone: 'info',
    message: `Nobody approved your request to permanently delete ${request.companyName} in time, so it expired. ${company.name} stays archived; ask again if it should still go.`
  });
}

function requesterNotice(facts: ApprovalCardFacts, decider: string) {
  const name = facts.companyName;
  return facts.request.state === 'approved'
    ? { title: 'Deletion approved', tone: 'done' as const, message: `${decider} approved your request: ${name} is being permanently deleted. I will tell you when it is done.` }
    : { title: 'Deletion rejected', tone: 'warning' as const, message: `${decider} rejected your request to permanently delete ${name}${facts.request.note ? `: "${facts.request.note}"` : ''}. It stays archived.` };
}

export function outcomeMessage(facts: ApprovalCardFacts): string {
  const { request, companyName } = facts;
  const by = request.decidedBy?.displayName;
  switch (request.state) {
    case 'pending':
      return `The request to delete ${companyName} waits for approval.`;
    case 'approved':
      return facts.companyState === 'gone' ? `${companyName} was permanently deleted.` : `${by} approved it: ${companyName} is being deleted.`;
    case 'done':
      return `${companyName} was permanently deleted.`;
    case 'rejected':
      return `${by} rejected this request.`;
    case 'cancelled':
      return `This request was cancelled${request.note ? `: ${request.note}` : '.'}`;
    case 'expired':
      return 'This request expired before anyone approved it.';
  }
}
