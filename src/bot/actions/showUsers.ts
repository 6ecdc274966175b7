import { z } from 'zod';
import { noticeCard, resultCard } from '../../cards/noticeCard';
import type { AdaptiveCardJson } from '../../cards/render';
import { usersCard } from '../../cards/usersCard';
import { USERS_PAGE_SIZE, UsersViewSchema, type Notice, type UsersViewState } from '../../cards/usersView';
import type { StaffActor } from '../../domain/actor';
import type { Services } from '../../services';
import { cardAction } from './cardAction';

export const ShowUsersData = z.object({
  view: UsersViewSchema,
  /** Set by the Search button: the typed search replaces the view's. */
  applySearch: z.boolean().optional(),
  search: z.string().max(100).optional()
});

/** Renders a company's users card for a view state, with a notice on top. */
export async function renderUsers(services: Services, actor: StaffActor, view: UsersViewState, notice?: Notice): Promise<AdaptiveCardJson> {
  const result = await services.queries.run('users.list', actor, {
    companyId: view.companyId,
    category: view.category,
    search: view.search,
    pageSize: USERS_PAGE_SIZE,
    continuationToken: view.page
  });
  if (result.status !== 'done') return resultCard(result);
  return usersCard(result.value, view, notice);
}

/** users.show: a category, a search, another page. */
export function showUsersAction(services: Services) {
  return cardAction(services, ShowUsersData, async ({ actor }, data) => {
    const search = (data.applySearch ? data.search : data.view.search)?.trim() || undefined;
    const view: UsersViewState = data.applySearch
      ? { companyId: data.view.companyId, category: data.view.category, search }
      : { ...data.view, search };
    if (search && search.length > 100) return noticeCard({ title: 'Search too long', tone: 'refused', message: 'Search for at most 100 characters.' });
    return renderUsers(services, actor, view);
  });
}
