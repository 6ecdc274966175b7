import { z } from 'zod';
import { companiesCard } from '../../cards/companiesCard';
import { COMPANIES_PAGE_SIZE, CompaniesViewSchema, type CompaniesViewState } from '../../cards/companiesView';
import { resultCard } from '../../cards/noticeCard';
import type { AdaptiveCardJson } from '../../cards/render';
import type { Notice } from '../../cards/usersView';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import { cardAction } from './cardAction';

export const ShowCompaniesData = z.object({
  view: CompaniesViewSchema,
  /** Set by the Search button: the typed search replaces the view's. */
  applySearch: z.boolean().optional(),
  search: z.string().max(100).optional()
});

/** Renders the companies card for a view state, with a notice on top. */
export async function renderCompanies(services: Services, actor: StaffActor, view: CompaniesViewState, notice?: Notice): Promise<AdaptiveCardJson> {
  const result = await services.companies.list(actor, {
    view: view.view,
    search: view.search,
    pageSize: COMPANIES_PAGE_SIZE,
    continuationToken: view.page
  });
  if (result.status !== 'done') return resultCard(result);
  return companiesCard(result.value, view, notice);
}

/** companies.show: active, archived or all; a search; another page. */
export function showCompaniesAction(services: Services) {
  return cardAction(services, ShowCompaniesData, async ({ actor }, data) => {
    const search = (data.applySearch ? data.search : data.view.search)?.trim() || undefined;
    const view: CompaniesViewState = data.applySearch ? { view: data.view.view, search } : { ...data.view, search };
    return renderCompanies(services, actor, view);
  });
}
