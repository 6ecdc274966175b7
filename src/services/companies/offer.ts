import type { StaffActor } from '../../domain/actor';
import { companyOperationRefusal, type CompanyOperation, type CompanyOperationRefusal } from '../../domain/companyOperations';
import type { Stored } from '../../store/documents';
import type { CompanyDoc } from '../../store/model';
import type { CompanyDeps } from './deps';

export interface CompanyOffer {
  company: Stored<CompanyDoc>;
  /** Portal users with access (enabled and unconfirmed), from the company's counters. */
  portalUsers: number;
  /** Why the form or confirmation is not offered (the role, the MSP's own company, the company's state). */
  refusal?: CompanyOperationRefusal;
  /** Whether the actor could restore it instead (an archived company asked to be archived). */
  mayRestore: boolean;
}

/**
 * The company a form or confirmation for `operation` is for, as it is now, and whether it is offered:
 * nobody fills in a form that will be refused. The change itself checks everything again on submit.
 * Undefined when the company does not exist (any more).
 */
export async function offerCompanyOperation(deps: CompanyDeps, actor: StaffActor, companyId: string, operation: CompanyOperation): Promise<CompanyOffer | undefined> {
  const company = await deps.repos.companies.get(companyId);
  if (!company) return undefined;
  const stats = await deps.repos.userStats.get(company.companyId);
  return {
    company,
    portalUsers: stats.counts.active + stats.counts.invited,
    refusal: companyOperationRefusal(actor, company, operation),
    mayRestore: company.state === 'archived' && !companyOperationRefusal(actor, company, 'restore')
  };
}
