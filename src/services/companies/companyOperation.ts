import type { ChangeOperation } from '../operations/operation';
import { companyDocuments, type CompanyFacts, type CompanyRef } from '../operations/targets';
import type { Stored } from '../../store/documents';
import type { CompanyDoc } from '../../store/model';
import type { CompanyDeps } from './deps';
import { reportCancelledRequest } from './deletion/requestChanges';
import { toCompanyView, type CompanyView } from './view';

export type CompanyOperation<Input extends CompanyRef> = ChangeOperation<Input, CompanyRef, CompanyFacts, CompanyDoc, CompanyView>;

/**
 * An operation on a company: the company named by `companyId`, the permission of `action` on it, and
 * the company as the surfaces show it. A change that cancelled a pending permanent-delete request
 * (a rename, a restore) updates its approval card and tells the requester.
 */
export function companyOperation<Input extends CompanyRef>(
  deps: CompanyDeps,
  definition: Pick<CompanyOperation<Input>, 'id' | 'action' | 'input' | 'plan'> & Partial<CompanyOperation<Input>>
): CompanyOperation<Input> {
  return {
    target: companyDocuments(deps),
    ref: ({ companyId }) => ({ companyId }),
    permission: { of: ({ doc }) => ({ mspId: doc.mspId, companyId: doc.companyId }) },
    view: ({ doc }) => toCompanyView(doc),
    afterDone: (written, { doc }) => reportCancelled(deps, doc, written),
    ...definition
  };
}

async function reportCancelled(deps: CompanyDeps, before: Stored<CompanyDoc>, written: Stored<CompanyDoc> | undefined): Promise<void> {
  const request = written?.deleteRequest;
  if (written && request?.state === 'cancelled' && before.deleteRequest?.state === 'pending' && before.deleteRequest.id === request.id) {
    await reportCancelledRequest(deps, written, request);
  }
}
