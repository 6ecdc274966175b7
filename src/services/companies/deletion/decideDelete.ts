import type { StaffActor } from '../../../domain/actor';
import { nextDeleteRequestState, type DeleteRequestEvent } from '../../../domain/companyDeletion';
import { nextCompanyState } from '../../../domain/companyLifecycle';
import { authorize } from '../../../domain/permissions';
import type { Stored } from '../../../store/documents';
import { ConflictError } from '../../../store/errors';
import type { CompanyDoc, DeleteRequest } from '../../../store/model';
import type { AuditEntry } from '../../../audit/recorder';
import type { ApprovalCardFacts } from '../../notifications';
import { carrying, settle } from '../../pendingAudit';
import type { ServiceResult } from '../../result';
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

const AUDIT_ACTIONS: Record<DeleteDecision, string> = {
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

/**
 * Approve, reject or cancel a delete request. Every click is checked again from the store: the person
 * is a Super Admin (the requester to cancel; anyone else to decide), the request is the company's
 * current one, pending and unexpired, every guard still holds and the name has not changed. The first
 * decision wins by a conditional write on the company; a later or repeated click sees the outcome.
 */
export async function decideDelete(deps: CompanyDeps, input: DecideInput): Promise<ServiceResult<ApprovalCardFacts>> {
  for (let attempt = 0; ; attempt++) {
    const company = await deps.repos.companies.get(input.companyId);
    const request = company?.deleteRequest;
    if (!company || !request || request.id !== input.requestId) {
      const facts = await currentRequest(deps, input.companyId, input.requestId);
      return facts
        ? { status: 'noop', message: outcomeMessage(facts), current: facts }
        : { status: 'refused', code: 'invalid', message: 'This deletion request is no longer current.' };
    }
    const facts = approvalFacts(company, request);
    if (!input.actor) return { status: 'refused', code: 'forbidden', message: 'Only MSP Super Admins can act on deletion requests.' };
    const action = input.decision === 'cancel' ? 'company.cancelDeleteRequest' : 'company.decideDelete';
    const permission = authorize(input.actor, action, { mspId: company.mspId, companyId: company.companyId, requestedByStaffId: request.requestedBy.staffId });
    if (!permission.ok) {
      await audit(deps, input, company, 'refused', permission.reason);
      return { status: 'refused', code: permission.code, message: permission.reason };
    }
    const event: DeleteRequestEvent = input.decision;
    const transition = nextDeleteRequestState(request, event, { now: deps.clock(), currentCompanyName: company.name });
    if (!transition.ok) {
      if (transition.code === 'noop') return { status: 'noop', message: outcomeMessage(facts), current: facts };
      await audit(deps, input, company, 'refused', transition.reason);
      if (Date.parse(request.expiresAt) <= deps.clock().getTime()) await expireRequest(deps, company);
      return { status: 'refused', code: transition.code, message: transition.reason };
    }
    let next: CompanyDoc = {
      ...company,
      deleteRequest: { ...request, state: transition.state, decidedBy: staffRefOf(input.actor), decidedAt: deps.clock().toISOString(), note: input.note?.trim() || undefined }
    };
    if (input.decision === 'approve') {
      const blockers = await currentBlockers(deps.repos, company);
      const lifecycle = nextCompanyState(company, 'startDelete');
      const refusal = blockers.length ? blockedBy(blockers, company.name) : !lifecycle.ok ? lifecycle : undefined;
      if (refusal) {
        await audit(deps, input, company, 'refused', refusal.reason);
        return { status: 'refused', code: refusal.code, message: `Not approved: ${refusal.reason}` };
      }
      next = { ...next, state: 'deleting' };
    }
    next = carrying(deps, next, company, auditEntry(input, input.actor, next, 'done'));
    let written: Stored<CompanyDoc>;
    try {
      written = await deps.repos.companies.replace({ ...next, _etag: company._etag });
    } catch (error) {
      // Someone decided (or changed the company) first: look again; the loop then reports their outcome.
      if (error instanceof ConflictError && attempt < 3) continue;
      throw error;
    }
    const decided = written.deleteRequest as DeleteRequest;
    written = (await settle(deps, 'company', written)) ?? written;
    if (input.decision === 'approve') await queueDeletion(deps, written, decided);
    const after = approvalFacts(written, decided);
    if (decided.card) await deps.notifications.updateApprovalCard(decided.card, after);
    if (input.decision !== 'cancel') await deps.notifications.tell(request.requestedBy, requesterNotice(after, input.actor.displayName));
    return { status: 'done', value: after, message: outcomeMessage(after) };
  }
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

function auditEntry(input: DecideInput, actor: StaffActor, company: CompanyDoc, result: 'done' | 'refused', message?: string): AuditEntry {
  return {
    actor,
    surface: 'approval',
    action: AUDIT_ACTIONS[input.decision],
    companyId: company.companyId,
    target: { kind: 'company', id: company.companyId, name: company.name },
    after: result === 'done' ? { deleteRequest: { id: input.requestId, state: company.deleteRequest?.state }, state: company.state } : undefined,
    reason: input.note?.trim() || undefined,
    payload: input.payload,
    result,
    message,
    idempotencyKey: result === 'done' ? input.requestId : undefined
  };
}

async function audit(deps: CompanyDeps, input: DecideInput, company: CompanyDoc, result: 'refused', message: string): Promise<void> {
  if (input.actor) await deps.audit.record(auditEntry(input, input.actor, company, result, message));
}
