import { z } from 'zod';
import { companyNameKey, companyNameProblem, normaliseCompanyName } from '../../domain/companyName';
import { refuse } from '../../domain/decision';
import { CompanyIdInput } from '../operations/inputs';
import type { CompanyDeps } from './deps';
import { companyOperation } from './companyOperation';
import { cancelPendingRequest } from './deletion/requestChanges';

export const RenameInput = z.object({ companyId: CompanyIdInput, name: z.string().max(1000) });

/**
 * company.rename: one conditional write on the version the person saw, after claiming the new name
 * (names are unique within the MSP, case-insensitively); the old name is released after the write.
 * A pending permanent-delete request names the old name, so the rename cancels it in the same write.
 */
export function renameOperation(deps: CompanyDeps) {
  return companyOperation(deps, {
    id: 'company.rename',
    action: 'company.rename',
    input: RenameInput,
    async plan({ doc: company }, { input, request }) {
      const problem = companyNameProblem(input.name);
      if (problem) return { invalid: problem, fields: { name: problem } };
      if (company.state === 'deleting') return refuse('illegalTransition', `${company.name} is being permanently deleted.`);
      const name = normaliseCompanyName(input.name);
      if (name === company.name) return refuse('noop', `${company.name} has that name already.`);
      const withRequest = cancelPendingRequest(company, deps.clock(), request.actor, `The company was renamed to ${name}.`);
      const cancelled = withRequest.deleteRequest !== company.deleteRequest;
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
    }
  });
}
