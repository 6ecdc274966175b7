import type { Server } from 'restify';
import { roleChoices, wireCompany, wireUser } from './present';
import { companyInScope, isReply, ok, param, refusal, tabRoute, type TabRouteDeps } from './tabRoute';
import type { UserResponse } from './wire';

/**
 * GET /api/tab/companies/:companyId/users/:userId: one user with the operations and roles the caller
 * may give now. A user of another company (or none) is "not yours", whatever the id.
 */
export function registerViewUserRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'get', '/api/tab/companies/:companyId/users/:userId', async (call) => {
    const company = await companyInScope(call, deps.services, param(call.req, 'companyId'));
    if (isReply(company)) return company;
    const result = await deps.services.queries.run('user.view', call.actor, { companyId: company.companyId, userId: param(call.req, 'userId') });
    if (result.status !== 'done') return refusal(403, 'forbidden', result.message);
    const body: UserResponse = { company: wireCompany(company), user: wireUser(result.value.user), roles: roleChoices(result.value.roles) };
    return ok(body);
  });
}
