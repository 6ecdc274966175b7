import { deletionBlockers } from '../../../domain/companyDeletion';
import type { Refusal } from '../../../domain/decision';
import type { CompanyDoc, DeletionImpact } from '../../../store/model';
import type { Repositories } from '../../../store/repositories';

/** Everything a permanent delete would do to the company, counted from the store. */
export async function deletionImpact(repos: Repositories, companyId: string): Promise<DeletionImpact> {
  const [records, stats] = await Promise.all([repos.records.deletionCounts(companyId), repos.userStats.get(companyId)]);
  const { counts } = stats;
  return {
    unassigned: records.unassigned,
    slaPolicies: records.slaPolicies,
    portalUsers: counts.active + counts.invited + counts.disabled + counts.none,
    invitations: counts.invited
  };
}

/** The guards of DESIGN.md, on the company as stored now (outstanding invoices counted now). */
export async function currentBlockers(repos: Repositories, company: CompanyDoc): Promise<Refusal[]> {
  const [outstandingInvoices, largestOutstanding] = company.isMspCompany
    ? [0, []]
    : await Promise.all([repos.records.countOutstandingInvoices(company.companyId), repos.records.largestOutstandingInvoices(company.companyId, 3)]);
  return deletionBlockers({
    name: company.name,
    state: company.state,
    isMspCompany: company.isMspCompany,
    outstandingInvoices,
    largestOutstanding,
    complianceOrganizationId: company.complianceOrganizationId
  });
}

/** One refusal that lists every blocker. */
export function blockedBy(blockers: Refusal[], companyName: string): Refusal {
  if (blockers.length === 1) return blockers[0];
  return { ok: false, code: blockers[0].code, reason: `${companyName} cannot be permanently deleted yet: ${blockers.map((b) => b.reason).join(' ')}` };
}
