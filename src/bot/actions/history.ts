import { z } from 'zod';
import { CompanyIdSchema } from '../../cards/companiesView';
import { HISTORY_PAGE_SIZE, historyCard, type HistoryViewState } from '../../cards/historyCard';
import type { AdaptiveCardJson } from '../../cards/render';
import { HISTORY_ACTION_GROUPS, isHistoryActionGroup } from '../../domain/auditActions';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import { cardAction } from './cardAction';
import { companyRefusalCard } from './companies';

const GroupSchema = z.enum(Object.keys(HISTORY_ACTION_GROUPS) as [keyof typeof HISTORY_ACTION_GROUPS]);

export const HistoryData = z.object({
  companyId: CompanyIdSchema,
  person: z.string().max(100).optional(),
  /** From the filter's choice set: a group, or "all". */
  group: z.union([GroupSchema, z.literal('all')]).optional(),
  /** Set by the paging buttons: the filter of the page shown (the inputs may hold a new one not applied yet). */
  filter: z.object({ person: z.string().max(100).optional(), group: z.union([GroupSchema, z.literal('all')]).optional() }).optional(),
  page: z.string().max(4000).optional(),
  back: z.array(z.string().max(4000)).max(200).optional(),
  applyFilter: z.boolean().optional()
});

function viewOf(data: z.infer<typeof HistoryData>): HistoryViewState {
  const paged = data.filter && !data.applyFilter ? data.filter : data;
  const group = isHistoryActionGroup(paged.group) ? paged.group : undefined;
  const person = paged.person?.trim() || undefined;
  // A new filter starts from the newest entries again.
  return data.applyFilter ? { companyId: data.companyId, person, group } : { companyId: data.companyId, person, group, page: data.page, back: data.back };
}

export async function renderHistory(services: Services, actor: StaffActor, view: HistoryViewState, download?: string): Promise<AdaptiveCardJson> {
  const result = await services.queries.run('company.history', actor, { ...view, pageSize: HISTORY_PAGE_SIZE, continuationToken: view.page });
  if (result.status !== 'done') return companyRefusalCard({ title: 'No history to show', reason: result.message }, { view: 'all' });
  return historyCard(result.value, view, download);
}

/** history.show: filters and pages. */
export function showHistoryAction(services: Services) {
  return cardAction(services, HistoryData, async ({ actor }, data) => renderHistory(services, actor, viewOf(data)));
}

/** history.export: the card again, with a short-lived link to the filtered history as CSV. */
export function exportHistoryAction(services: Services) {
  return cardAction(services, HistoryData, async ({ actor }, data) => {
    const view = viewOf({ ...data, applyFilter: true });
    const link = await services.companies.historyExportLink(actor, view.companyId, { person: view.person, group: view.group });
    if (link.status !== 'done') return companyRefusalCard({ title: 'No export', reason: link.message }, { view: 'all' });
    return renderHistory(services, actor, view, link.value.url);
  });
}
