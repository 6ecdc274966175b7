import type { CompanyListItem, CompanyListValue, CompanyListView } from '../services/companies/list';
import { renderCard, type AdaptiveCardJson } from './render';
import { COMPANIES_PAGE_SIZE, type CompaniesViewState } from './companiesView';
import { NOTICE_STYLE, type Notice } from './usersView';

const VIEW_TITLES: Record<CompanyListView, string> = { active: 'Active', archived: 'Archived', all: 'All' };

/** The companies card: active, archived or all; search by name; one row per company with what may be done; paging. */
export function companiesCard(page: CompanyListValue, view: CompaniesViewState, notice?: Notice): AdaptiveCardJson {
  const back = view.back ?? [];
  const footer = [
    ...(back.length ? [{ title: 'Previous page', verb: 'companies.show', data: { view: { ...view, page: back[back.length - 1] || undefined, back: back.slice(0, -1) } } }] : []),
    ...(page.continuationToken ? [{ title: 'Next page', verb: 'companies.show', data: { view: { ...view, page: page.continuationToken, back: [...back, view.page ?? ''] } } }] : []),
    ...(page.mayAdd ? [{ title: 'Add company', verb: 'company.addForm', data: { view } }] : [])
  ];
  const shown = page.items.length;
  const from = back.length * COMPANIES_PAGE_SIZE + (shown ? 1 : 0);
  const which = view.view === 'all' ? 'Companies' : `${VIEW_TITLES[view.view]} companies`;
  return renderCard('companies', {
    title: 'Companies',
    notice: notice ? { text: notice.text, style: NOTICE_STYLE[notice.tone] } : undefined,
    views: (Object.keys(VIEW_TITLES) as CompanyListView[]).map((v) => ({
      title: VIEW_TITLES[v],
      style: v === view.view ? 'positive' : 'default',
      data: { view: { view: v, search: view.search } }
    })),
    search: view.search ?? '',
    searchData: { view: { view: view.view }, applySearch: true },
    summary: `${which}${view.search ? ` matching "${view.search}"` : ''}: ${shown ? `${from}\u2013${from + shown - 1}` : 'none'}`,
    rows: page.items.map((company) => row(company, view)),
    empty: view.search ? `No company matches "${view.search}".` : view.view === 'archived' ? 'No archived companies.' : 'No companies yet.',
    footer
  });
}

function row(company: CompanyListItem, view: CompaniesViewState) {
  const ids = { companyId: company.id, view };
  const details = [
    company.isMspCompany ? 'Your own company' : `${company.portalUsers} portal user${company.portalUsers === 1 ? '' : 's'} with access`,
    company.isMspCompany ? undefined : company.tenantId ? 'Microsoft 365 connected' : 'Not connected to Microsoft 365',
    company.archiveReason ? `Archived: ${company.archiveReason}` : undefined
  ].filter(Boolean);
  const actions = [
    company.can.users ? { title: 'Users', verb: 'users.show', style: 'default', data: { view: { companyId: company.id, category: 'enabled' } } } : undefined,
    company.can.import ? { title: 'Import', verb: 'import.open', style: 'default', data: { companyId: company.id } } : undefined,
    company.can.connect ? { title: company.tenantId ? 'Reconnect' : 'Connect', verb: 'company.connect', style: 'default', data: ids } : undefined,
    company.can.rename ? { title: 'Rename', verb: 'company.renameForm', style: 'default', data: ids } : undefined,
    company.can.history ? { title: 'History', verb: 'history.show', style: 'default', data: { companyId: company.id } } : undefined,
    company.can.archive ? { title: 'Archive', verb: 'company.archiveForm', style: 'default', data: ids } : undefined,
    company.can.restore ? { title: 'Restore', verb: 'company.restoreForm', style: 'positive', data: ids } : undefined,
    company.can.delete ? { title: 'Delete permanently', verb: 'company.deleteForm', style: 'destructive', data: ids } : undefined
  ].filter((action) => action !== undefined);
  return {
    name: company.name,
    details: details.join(' \u00b7 '),
    state: company.stateLabel,
    stateColor: company.state === 'active' ? 'Good' : company.state === 'archived' ? 'Warning' : 'Attention',
    actions
  };
}
