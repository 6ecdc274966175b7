import { nextCompanyState } from '../../domain/companyLifecycle';
import { refuse } from '../../domain/decision';
import type { CompanyDoc } from '../../store/model';
import type { CompanyDeps } from './deps';
import { cancelPendingRequest, reportCancelledRequest } from './deletion/requestChanges';
import { runCompanyChange, type CompanyChangeRequest, type CompanyChangeResult } from './runCompanyChange';

export const MAX_ARCHIVE_REASON_LENGTH = 500;

/**
 * Archives a company: one conditional write of its state. Nothing else changes: its users keep their
 * own state (access is derived from the company's, so it is paused) and every record stays. Archiving
 * an archived company is a no-op that says so.
 */
export async function archiveCompany(deps: CompanyDeps, request: CompanyChangeRequest & { reason?: string }): Promise<CompanyChangeResult> {
  return runCompanyChange(deps, request, 'company.archive', async (company) => {
    const reason = request.reason?.replace(/\s+/g, ' ').trim() || undefined;
    if (reason && [...reason].length > MAX_ARCHIVE_REASON_LENGTH) {
      return refuse('illegalTransition', `The reason is longer than ${MAX_ARCHIVE_REASON_LENGTH} characters.`);
    }
    const transition = nextCompanyState(company, 'archive');
    if (!transition.ok) return transition;
    const next: CompanyDoc = {
      ...company,
      state: 'archived',
      archivedAt: deps.clock().toISOString(),
      archivedBy: request.actor.displayName,
      archiveReason: reason
    };
    return {
      next,
      before: { state: company.state },
      after: { state: 'archived', reason },
      reason,
      message: `${company.name} is archived. Its portal users cannot sign in ("Portal access is paused") and it is hidden from lists, pickers and syncs. Every record is kept; restore it to bring everything back as it was.`
    };
  });
}

/**
 * Restores an archived company: one conditional write that clears the archive, so everything is as it
 * was before. A pending permanent-delete request is cancelled in the same write.
 */
export async function restoreCompany(deps: CompanyDeps, request: CompanyChangeRequest): Promise<CompanyChangeResult> {
  let cancelled: CompanyDoc['deleteRequest'];
  const result = await runCompanyChange(deps, request, 'company.restore', async (company) => {
    const transition = nextCompanyState(company, 'restore');
    if (!transition.ok) return transition;
    if (company.state !== 'archived') return refuse('illegalTransition', `${company.name} is not archived.`);
    const withRequest = cancelPendingRequest(company, deps.clock(), request.actor, 'The company was restored.');
    cancelled = withRequest.deleteRequest !== company.deleteRequest ? withRequest.deleteRequest : undefined;
    const { archivedAt, archivedBy, archiveReason, ...rest } = withRequest;
    return {
      next: { ...rest, state: 'active' },
      before: { state: company.state, archivedAt, archivedBy, reason: archiveReason },
      after: { state: 'active' },
      message: `${company.name} is restored: its portal users can sign in again, exactly as before it was archived.${cancelled ? ' Its pending permanent-delete request was cancelled.' : ''}`
    };
  });
  if (result.status === 'done' && cancelled && result.written) await reportCancelledRequest(deps, result.written, cancelled);
  return result;
}
