import type { Server } from 'restify';
import { USER_LISTS, type UserList } from '../../../domain/portalAccess';
import { roleChoices, wireCompany, wireUser } from './present';
import { companyInScope, isReply, ok, param, query, refusal, errorReply, tabRoute, type TabRouteDeps } from './tabRoute';
import type { UsersResponse } from './wire';

export const TAB_PAGE_SIZE = 25;

/**
 * GET /api/tab/companies/:companyId/users?category=&search=&continuationToken=: one page of a category
 * (or of the people back in Entra ID: `category=backInEntra`), with counts and, on each user, the
 * operations the caller may do now.
 */
export function registerListUsersRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'get', '/api/tab/companies/:companyId/users', async (call) => {
    const company = await companyInScope(call, deps.services, param(call.req, 'companyId'));
    if (isReply(company)) return company;
    const category = (query(call.req, 'category') ?? 'enabled') as UserList;
    if (!USER_LISTS.includes(category)) return refusal(400, 'invalid', `The category must be one of ${USER_LISTS.join(', ')}.`);
    const result = await deps.services.queries.run('users.list', call.actor, {
      companyId: company.companyId,
      category,
      search: query(call.req, 'search')?.trim().slice(0, 100) || undefined,
      pageSize: TAB_PAGE_SIZE,
      continuationToken: query(call.req, 'continuationToken')
    });
    if (result.status !== 'done') return errorReply(result);
    const page = result.value;
    const body: UsersResponse = {
      company: wireCompany(company),
      category: page.category,
      search: page.search,
      counts: page.counts,
      users: page.users.map(wireUser),
      continuationToken: page.continuationToken,
      addRoles: roleChoices(page.addRoles)
    };
    return ok(body);
  });
}
