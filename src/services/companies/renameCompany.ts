import { companyNameKey, companyNameProblem, normaliseCompanyName } from '../../domain/companyName';
import { refuse } from '../../domain/decision';
import type { CompanyDoc } from '../../store/model';
import type { CompanyDeps } from './deps';
import { cancelPendingRequest, reportCancelledRequest } from './deletion/requestChanges';
import { runCompanyChange, type CompanyChangeRequest, type CompanyChangeResult } from './runCompanyChange';

/**
 * Renames a company: one conditional write on the version the person saw, after claiming the new name
 * (names are unique within the MSP, case-insensitively); the old name is released after the write.
 * A pending permanent-delete request names the old name, so the rename cancels it in the same write.
 */
export async function renameCompany(deps: CompanyDeps, request: CompanyChangeRequest & { name: string }): Promise<CompanyChangeResult> {
  let cancelled: CompanyDoc['deleteRequest'];
  const result = await runCompanyChange(deps, request, 'company.rename', async (company) => {
    const problem = companyNameProblem(request.name ?? '');
    if (problem) return refuse('illegalTransition', problem);
    if (company.state === 'deleting') return refuse('illegalTransition', `${company.name} is being permanently deleted.`);
    const name = normaliseCompanyName(request.name);
    if (name === company.name) return refuse('noop', `${company.name} has that name already.`);
    const withRequest = cancelPendingRequest(company, deps.clock(), request.actor, `The company was renamed to ${name}.`);
    cancelled = withRequest.deleteRequest !== company.deleteRequest ? withRequest.deleteRequest : undefined;
    return {
      next: { ...withRequest, name, nameKey: companyNameKey(name) },
      before: { name: company.name },
      after: { name },
      message: `${company.name} is now called ${name}.${cancelled ? ' Its pending permanent-delete request was cancelled, as it named the old name.' : ''}`,
      whenTaken: async () => {
        const holder = await deps.repos.companies.findByName(name);
        return `Another company is named ${holder?.name ?? name} already. Company names are unique, whatever the capitals.`;
      }
    };
  });
  if (result.status === 'done' && cancelled && result.written) await reportCancelledRequest(deps, result.written, cancelled);
  return result;
}
