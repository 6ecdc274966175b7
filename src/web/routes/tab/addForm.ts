import type { Server } from 'restify';
import { EMAIL_PATTERN } from '../../../domain/email';
import { roleChoices } from './present';
import { companyInScope, isReply, ok, param, errorReply, tabRoute, type TabRouteDeps } from './tabRoute';
import type { AddFormResponse } from './wire';

/**
 * GET /api/tab/companies/:companyId/add-form: what the add-user card (adaptiveCards/addUser.json, the
 * bot's own template, rendered in the browser) is bound with: the company and the roles the caller may give.
 */
export function registerAddFormRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'get', '/api/tab/companies/:companyId/add-form', async (call) => {
    const company = await companyInScope(call, deps.services, param(call.req, 'companyId'));
    if (isReply(company)) return company;
    const result = await deps.services.queries.run('user.addForm', call.actor, { companyId: company.companyId });
    if (result.status !== 'done') return errorReply(result);
    const body: AddFormResponse = { companyName: result.value.companyName, roles: roleChoices(result.value.roles), emailPattern: EMAIL_PATTERN };
    return ok(body);
  });
}
