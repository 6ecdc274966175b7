import { z } from 'zod';
import { nextCompanyState } from '../../domain/companyLifecycle';
import { refuse } from '../../domain/decision';
import { CompanyIdInput } from '../operations/inputs';
import type { CompanyDeps } from './deps';
import { companyOperation } from './companyOperation';
import { cancelPendingRequest } from './deletion/requestChanges';

export const MAX_ARCHIVE_REASON_LENGTH = 500;

export const ArchiveInput = z.object({ companyId: CompanyIdInput, reason: z.string().max(2000).optional() });
export const RestoreInput = z.object({ companyId: CompanyIdInput });

/**
 * company.archive: one conditional write of the company's state. Nothing else changes: its users keep
 * their own state (access is derived from the company's, so it is paused) and every record stays.
 * Archiving an archived company is a no-op that says so.
 */
export function archiveOperation(deps: CompanyDeps) {
  return companyOperation(deps, {
    id: 'company.archive',
    action: 'company.archive',
    input: ArchiveInput,
    async plan({ doc: company }, { input, request }) {
      const reason = input.reason?.replace(/\s+/g, ' ').trim() || undefined;
      if (reason && [...reason].length > MAX_ARCHIVE_REASON_LENGTH) {
        return { invalid: `The reason is longer than ${MAX_ARCHIVE_REASON_LENGTH} characters.`, fields: { reason: `At most ${MAX_ARCHIVE_REASON_LENGTH} characters.` } };
      }
      const transition = nextCompanyState(company, 'archive');
      if (!transition.ok) return transition;
      return {
        next: { ...company, state: 'archived', archivedAt: deps.clock().toISOString(), archivedBy: request.actor.displayName, archiveReason: reason },
        before: { state: company.state },
        after: { state: 'archived', reason },
        reason,
        message: `${company.name} is archived. Its portal users cannot sign in ("Portal access is paused") and it is hidden from lists, pickers and syncs. Every record is kept; restore it to bring everything back as it was.`
      };
    }
  });
}

/**
 * company.restore: one conditional write that clears the archive, so everything is as it was before.
 * A pending permanent-delete request is cancelled in the same write.
 */
export function restoreOperation(deps: CompanyDeps) {
  return companyOperation(deps, {
    id: 'company.restore',
    action: 'company.restore',
    input: RestoreInput,
    async plan({ doc: company }, { request }) {
      const transition = nextCompanyState(company, 'restore');
      if (!transition.ok) return transition;
      if (company.state !== 'archived') return refuse('illegalTransition', `${company.name} is not archived.`);
      const withRequest = cancelPendingRequest(company, deps.clock(), request.actor, 'The company was restored.');
      const cancelled = withRequest.deleteRequest !== company.deleteRequest;
      const { archivedAt, archivedBy, archiveReason, ...rest } = withRequest;
      return {
        next: { ...rest, state: 'active' },
        before: { state: company.state, archivedAt, archivedBy, reason: archiveReason },
        after: { state: 'active' },
        message: `${company.name} is restored: its portal users can sign in again, exactly as before it was archived.${cancelled ? ' Its pending permanent-delete request was cancelled.' : ''}`
      };
    }
  });
}
