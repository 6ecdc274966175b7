import type { Actor } from '../../domain/actor';
import { authorize, roleCanEver } from '../../domain/permissions';
import type { CompanyDoc } from '../../store/model';
import { refused, type ServiceResult } from '../result';
import type { CompanyDeps } from './deps';
import { toCompanyView, type CompanyView } from './view';

export type CompanyListView = 'active' | 'archived' | 'all';

export interface CompanyListRequest {
  view: CompanyListView;
  search?: string;
  pageSize: number;
  continuationToken?: string;
}

export interface CompanyListItem extends CompanyView {
  /** Portal users with access (enabled and unconfirmed), from the company's counters. */
  portalUsers: number;
  /** What the actor's role may do to this company (offered as buttons; re-checked on submit). */
  can: CompanyActions;
}

export interface CompanyActions {
  users: boolean;
  import: boolean;
  rename: boolean;
  connect: boolean;
  archive: boolean;
  restore: boolean;
  delete: boolean;
  history: boolean;
}

export interface CompanyListValue {
  items: CompanyListItem[];
  continuationToken?: string;
  mayAdd: boolean;
}

/** What `actor` may do to `company` in its current state. */
export function companyActionsFor(actor: Actor, company: Pick<CompanyDoc, 'state' | 'isMspCompany'>): CompanyActions {
  const active = company.state === 'active';
  const archived = company.state === 'archived';
  return {
    users: roleCanEver(actor, 'users.list') && !company.isMspCompany,
    import: roleCanEver(actor, 'users.import') && active && !company.isMspCompany,
    rename: roleCanEver(actor, 'company.rename') && company.state !== 'deleting',
    connect: roleCanEver(actor, 'company.connect') && active && !company.isMspCompany,
    archive: roleCanEver(actor, 'company.archive') && active && !company.isMspCompany,
    restore: roleCanEver(actor, 'company.restore') && archived,
    delete: roleCanEver(actor, 'company.requestDelete') && archived && !company.isMspCompany,
    history: roleCanEver(actor, 'history.view')
  };
}

/** One page of companies: active ones by default, archived ones only when asked; search by name. */
export async function listCompanies(deps: CompanyDeps, actor: Actor, request: CompanyListRequest): Promise<ServiceResult<CompanyListValue>> {
  const permission = authorize(actor, 'company.view', { mspId: deps.repos.mspId });
  if (!permission.ok) return refused(permission);
  const page = await deps.repos.companies.list({
    search: request.search,
    includeArchived: request.view === 'all',
    archivedOnly: request.view === 'archived',
    pageSize: request.pageSize,
    continuationToken: request.continuationToken
  });
  const items = await Promise.all(
    page.items.map(async (company): Promise<CompanyListItem> => {
      const stats = company.isMspCompany ? undefined : await deps.repos.userStats.get(company.companyId);
      return {
        ...toCompanyView(company),
        portalUsers: stats ? stats.counts.active + stats.counts.invited : 0,
        can: companyActionsFor(actor, company)
      };
    })
  );
  const shown = items.length === 1 ? '1 company' : `${items.length} companies`;
  return {
    status: 'done',
    value: { items, continuationToken: page.continuationToken, mayAdd: roleCanEver(actor, 'company.add') },
    message: shown
  };
}
