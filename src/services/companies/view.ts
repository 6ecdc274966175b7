import { z } from 'zod';
import type { CompanyState } from '../../domain/companyLifecycle';
import { refuse } from '../../domain/decision';
import type { Stored } from '../../store/documents';
import type { CompanyDoc } from '../../store/model';
import { CompanyIdInput } from '../operations/inputs';
import { companyOf, type Query } from '../queries/query';
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

/** company.view: the company as `actor` may see it, a portal user only their own, staff any. */
export function companyViewQuery(deps: Pick<CompanyDeps, 'repos'>): Query<{ companyId: string }, Stored<CompanyDoc>, CompanyView> {
  return {
    id: 'company.view',
    action: 'company.view',
    input: z.object({ companyId: CompanyIdInput }),
    before: (actor, { companyId }) => (actor.kind === 'portalUser' && actor.companyId !== companyId ? refuse('otherCompany', 'That company is not one you can see.') : undefined),
    load: ({ companyId }) => companyOf(deps.repos, companyId),
    permission: (company) => ({ mspId: company.mspId, companyId: company.companyId }),
    answer: (company) => toCompanyView(company)
  };
}
