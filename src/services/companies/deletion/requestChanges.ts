import type { Actor, StaffActor } from '../../../domain/actor';
import type { Stored } from '../../../store/documents';
import type { CompanyDoc, DeleteRequest, StaffRef } from '../../../store/model';
import type { ApprovalCardFacts } from '../../notifications';
import type { CompanyDeps } from '../deps';

export function staffRefOf(actor: StaffActor): StaffRef {
  return { staffId: actor.staffId, displayName: actor.displayName, tenantId: actor.tenantId, objectId: actor.objectId };
}

/** The company with its pending delete request cancelled (same object when none is pending). */
export function cancelPendingRequest(company: Stored<CompanyDoc>, now: Date, actor: Actor, note: string): Stored<CompanyDoc> {
  const request = company.deleteRequest;
  if (!request || request.state !== 'pending') return company;
  const decidedBy = actor.kind === 'staff' ? staffRefOf(actor) : undefined;
  return { ...company, deleteRequest: { ...request, state: 'cancelled', decidedBy, decidedAt: now.toISOString(), note } };
}

export function approvalFacts(company: Pick<CompanyDoc, 'companyId' | 'name' | 'state'>, request: DeleteRequest): ApprovalCardFacts {
  return { companyId: company.companyId, companyName: request.companyName, request, companyState: company.state };
}

/** After a write that cancelled a pending request: its approval card shows it, and the requester hears why. */
export async function reportCancelledRequest(deps: CompanyDeps, company: Stored<CompanyDoc>, request: DeleteRequest): Promise<void> {
  if (request.card) await deps.notifications.updateApprovalCard(request.card, approvalFacts(company, request));
  await deps.notifications.tell(request.requestedBy, {
    title: 'Deletion request cancelled',
    tone: 'info',
    message: `Your request to permanently delete ${request.companyName} was cancelled: ${request.note ?? 'it no longer applies.'}`
  });
}
