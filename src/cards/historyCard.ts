import { HISTORY_ACTION_GROUPS, type HistoryActionGroup } from '../domain/auditActions';
import type { HistoryEntry, HistoryPage } from '../services/companies/history';
import { backToCompanies } from './companyPickerCard';
import { localDateTime } from './localTime';
import { renderCard, type AdaptiveCardJson } from './render';
import { CARD_VERBS } from './verbs';

export interface HistoryViewState {
  companyId: string;
  person?: string;
  group?: HistoryActionGroup;
  page?: string;
  back?: string[];
}

export const HISTORY_PAGE_SIZE = 15;

function entry(e: HistoryEntry) {
  const refused = e.result !== 'done';
  return {
    heading: `${e.who}: ${e.actionLabel}${e.target ? ` \u2014 ${e.target}` : ''}${refused ? ` (${e.result})` : ''}`,
    color: refused ? 'Attention' : 'Default',
    // The viewer's own time zone (Adaptive Cards' DATE and TIME), never raw UTC.
    when: localDateTime(e.at),
    detail: e.detail
  };
}

/** A company's history card: newest first, filters by person and kind of action, paging, and a CSV export. */
export function historyCard(page: HistoryPage, view: HistoryViewState, download?: string): AdaptiveCardJson {
  const back = view.back ?? [];
  // The paging buttons carry the filter they page through under `filter`: the card's inputs (person,
  // action) would overwrite fields of those names, and a half-typed new filter must not be paged with
  // the old filter's continuation token.
  const paging = { companyId: view.companyId, filter: { person: view.person, group: view.group } };
  const footer = [
    ...(back.length ? [{ title: 'Newer', verb: CARD_VERBS.history.show, data: { ...paging, page: back[back.length - 1] || undefined, back: back.slice(0, -1) } }] : []),
    ...(page.continuationToken ? [{ title: 'Older', verb: CARD_VERBS.history.show, data: { ...paging, page: page.continuationToken, back: [...back, view.page ?? ''] } }] : []),
    backToCompanies({ view: 'all' })
  ];
  const filtered = view.person || view.group;
  return renderCard('history', {
    companyName: page.companyName,
    person: view.person ?? '',
    group: view.group ?? 'all',
    groups: [{ title: 'All actions', value: 'all' }, ...Object.entries(HISTORY_ACTION_GROUPS).map(([value, g]) => ({ title: g.label, value }))],
    filterData: { companyId: view.companyId, applyFilter: true },
    download,
    summary: `${filtered ? 'Filtered, n' : 'N'}ewest first${back.length ? `, page ${back.length + 1}` : ''}.`,
    entries: page.entries.map(entry),
    empty: filtered ? 'Nothing matches these filters.' : 'Nothing recorded yet.',
    footer
  });
}
