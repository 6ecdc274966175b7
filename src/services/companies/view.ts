import type { CompanyState } from '../../domain/companyLifecycle';
import type { Stored } from '../../store/documents';
import type { CompanyDoc } from '../../store/model';

export const COMPANY_STATE_LABELS: Record<CompanyState, string> = {
  active: 'Active',
  archived: 'Archived',
  deleting: 'Being deleted'
};

/** A company as the surfaces show it. */
export interface CompanyView {
  id: string;
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
