import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import { roleCanEver } from '../../domain/permissions';
import type { CompanyDoc } from '../../store/model';
import { PageSizeInput, SearchInput, TokenInput, type Query } from '../queries/query';
import type { CompanyDeps } from './deps';
import { toCompanyView, type CompanyView } from './view';

export const CompanyListInput = z.object({ view: z.enum(['active', 'archived', 'all']), search: SearchInput, pageSize: PageSizeInput, continuationToken: TokenInput });
export type CompanyListRequest = z.infer<typeof CompanyListInput>;
export type CompanyListView = CompanyListRequest['view'];

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

/** companies.list: one page of companies, active ones by default, archived ones only when asked; search by name. */
export function companiesListQuery(deps: CompanyDeps): Query<CompanyListRequest, { mspId: string }, CompanyListValue> {
  return {
    id: 'companies.list',
    action: 'company.view',
    input: CompanyListInput,
    load: async () => ({ mspId: deps.repos.mspId }),
    permission: ({ mspId }) => ({ mspId }),
    answer: (_msp, request, actor) => companiesPage(deps, actor, request),
    said: ({ items }) => (items.length === 1 ? '1 company' : `${items.length} companies`)
  };
}

async function companiesPage(deps: CompanyDeps, actor: Actor, request: CompanyListRequest): Promise<CompanyListValue> {
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
  return { items, continuationToken: page.continuationToken, mayAdd: roleCanEver(actor, 'company.add') };
}
