import type { Actor } from '../../domain/actor';
import type { CompanyState } from '../../domain/companyLifecycle';
import { authorize } from '../../domain/permissions';
import type { Stored } from '../../store/documents';
import type { CompanyDoc } from '../../store/model';
import { invalid, refused, type ServiceResult } from '../result';
import type { CompanyDeps } from './deps';

export const COMPANY_STATE_LABELS: Record<CompanyState, string> = {
  active: 'Active',
  archived: 'Archived',
  deleting: 'Being deleted'
};

/** A company as the surfaces show it. */
export interface CompanyView {
  id: string;
  mspId: string;
  name: string;
  state: CompanyState;
  stateLabel: string;
  isMspCompany: boolean;
  website?: string;
  phone?: string;
  tenantId?: string;
  archivedAt?: string;
  archivedBy?: string;
  archiveReason?: string;
  /** The version shown: a change submitted from it is refused if the company changed since. */
  etag: string;
}

export function toCompanyView(company: Stored<CompanyDoc>): CompanyView {
  return {
    id: company.companyId,
    mspId: company.mspId,
    name: company.name,
    state: company.state,
    stateLabel: COMPANY_STATE_LABELS[company.state],
    isMspCompany: company.isMspCompany,
    website: company.website,
    phone: company.phone,
    tenantId: company.tenantId,
    archivedAt: company.archivedAt,
    archivedBy: company.archivedBy,
    archiveReason: company.archiveReason,
    etag: company._etag
  };
}

/** One company, when `actor` may see it (`company.view`). */
export async function viewCompany(deps: Pick<CompanyDeps, 'repos'>, actor: Actor, companyId: string): Promise<ServiceResult<CompanyView>> {
  if (actor.kind === 'portalUser' && actor.companyId !== companyId) return refused({ ok: false, code: 'otherCompany', reason: 'That company is not one you can see.' });
  const company = await deps.repos.companies.get(companyId);
  if (!company) return invalid('That company does not exist (any more).');
  const permission = authorize(actor, 'company.view', { mspId: company.mspId, companyId: company.companyId });
  return permission.ok ? { status: 'done', message: '', value: toCompanyView(company) } : refused(permission);
}
