import type { Server } from 'restify';
import { companyActionsFor } from '../../../services/companies/list';
import { ok, query, refusal, statusOf, tabRoute, type TabRouteDeps } from './tabRoute';
import type { CompaniesResponse } from './wire';

/**
 * GET /api/tab/companies?search=&continuationToken=: the companies a staff member may pick in the MSP
 * app's tab (active client companies). A portal user has exactly one company and gets a 403 here.
 */
export function registerCompaniesRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'get', '/api/tab/companies', async ({ actor, req }) => {
    if (actor.kind !== 'staff') return refusal(403, 'forbidden', 'You can only see your own company.');
    const result = await deps.services.queries.run('companies.list', actor, {
      view: 'active',
      search: query(req, 'search')?.slice(0, 100),
      pageSize: 50,
      continuationToken: query(req, 'continuationToken')
    });
    if (result.status !== 'done') return { status: statusOf(result), body: { error: { code: 'refused', message: result.message } } };
    const body: CompaniesResponse = {
      items: result.value.items
        .filter((company) => !company.isMspCompany)
        .map((company) => {
          const can = companyActionsFor(actor, company);
          return { id: company.id, name: company.name, state: company.state, portalUsers: company.portalUsers, can: { users: can.users, history: can.history, importCsv: can.import } };
        }),
      continuationToken: result.value.continuationToken
    };
    return ok(body);
  });
}
