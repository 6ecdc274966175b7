import type { CompanyListItem, CompanyListValue, CompanyListView } from '../services/companies/list';
import { renderCard, type AdaptiveCardJson } from './render';
import { COMPANIES_PAGE_SIZE, type CompaniesViewState } from './companiesView';
import { NOTICE_STYLE, type Notice } from './usersView';
import { CARD_VERBS } from './verbs';

const VIEW_TITLES: Record<CompanyListView, string> = { active: 'Active', archived: 'Archived', all: 'All' };

/** The companies card: active, archived or all; search by name; one row per company with what may be done; paging. */
export function companiesCard(page: CompanyListValue, view: CompaniesViewState, notice?: Notice): AdaptiveCardJson {
  const back = view.back ?? [];
  const footer = [
    ...(back.length ? [{ title: 'Previous page', verb: CARD_VERBS.companies.show, data: { view: { ...view, page: back[back.length - 1] || undefined, back: back.slice(0, -1) } } }] : []),
    ...(page.continuationToken ? [{ title: 'Next page', verb: CARD_VERBS.companies.show, data: { view: { ...view, page: page.continuationToken, back: [...back, view.page ?? ''] } } }] : []),
    ...(page.mayAdd ? [{ title: 'Add company', verb: CARD_VERBS.company.addForm, data: { view } }] : [])
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

/** The words on a company's row: who it is to the MSP, its portal users and their access, Microsoft 365. */
export function companyDetails(company: CompanyListItem): string {
  if (company.isMspCompany) return 'Your own company';
  const users = `${company.portalUsers} portal user${company.portalUsers === 1 ? '' : 's'}`;
  return [
    company.state === 'active' ? `${users} with access` : `${users}, access paused`,
    company.tenantId ? 'Microsoft 365 connected' : 'Not connected to Microsoft 365',
    company.archiveReason ? `Archived: ${company.archiveReason}` : undefined
  ]
    .filter(Boolean)
    .join(' \u00b7 ');
}

/** State in words; the colour only repeats it, and stays legible in every Teams theme. */
const STATE_COLORS: Record<CompanyListItem['state'], string> = { active: 'Default', archived: 'Accent', deleting: 'Attention' };

function row(company: CompanyListItem, view: CompaniesViewState) {
  const ids = { companyId: company.id, view };
  // The first action that applies is the row's one button (Restore for an archived company, else its
  // users); the others are in its overflow menu ("More options"). Delete is never a red button on a
  // row: its confirmation is where it is red.
  const actions = [
    company.can.restore ? { title: 'Restore', verb: CARD_VERBS.company.restoreForm, data: ids } : undefined,
    company.can.users ? { title: 'Users', verb: CARD_VERBS.users.show, data: { view: { companyId: company.id, category: 'enabled' } } } : undefined,
    company.can.history ? { title: 'History', verb: CARD_VERBS.history.show, data: { companyId: company.id } } : undefined,
    // A connected company offers Import (which offers the consent link again if the consent was
    // revoked); one not connected yet offers Connect. Both at once would be six actions, above the
    // five Teams shows in one row.
    company.can.import && company.tenantId ? { title: 'Import', verb: CARD_VERBS.import.open, data: { companyId: company.id } } : undefined,
    company.can.connect && !company.tenantId ? { title: 'Connect', verb: CARD_VERBS.company.connect, data: ids } : undefined,
    company.can.rename ? { title: 'Rename', verb: CARD_VERBS.company.renameForm, data: ids } : undefined,
    company.can.archive ? { title: 'Archive', verb: CARD_VERBS.company.archiveForm, data: ids } : undefined,
    company.can.delete ? { title: 'Delete permanently', verb: CARD_VERBS.company.deleteForm, data: ids } : undefined
  ]
    .filter((action) => action !== undefined)
    .map((action, index) => ({ ...action, style: 'default', mode: index === 0 ? 'primary' : 'secondary' }));
  return {
    name: company.name,
    details: companyDetails(company),
    state: company.stateLabel,
    stateColor: STATE_COLORS[company.state],
    actions
  };
}
