import type { Server } from 'restify';
import { isHistoryActionGroup } from '../../../domain/auditActions';
import { companyInScope, isReply, ok, param, query, errorReply, tabRoute, type TabRouteDeps } from './tabRoute';
import type { HistoryResponse } from './wire';

/**
 * GET /api/tab/companies/:companyId/history?person=&group=&continuationToken=: the company's audit
 * trail, newest first, a page at a time (Admins and Managers of the company; staff).
 */
export function registerHistoryRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'get', '/api/tab/companies/:companyId/history', async (call) => {
    const company = await companyInScope(call, deps.services, param(call.req, 'companyId'));
    if (isReply(company)) return company;
    const group = query(call.req, 'group');
    const result = await deps.services.queries.run('company.history', call.actor, {
      companyId: company.companyId,
      person: query(call.req, 'person'),
      group: isHistoryActionGroup(group) ? group : undefined,
      pageSize: 25,
      continuationToken: query(call.req, 'continuationToken')
    });
    if (result.status !== 'done') return errorReply(result);
    const body: HistoryResponse = {
      companyName: result.value.companyName,
      entries: result.value.entries.map((entry) => ({
        at: entry.at,
        who: entry.who,
        actionLabel: entry.actionLabel,
        target: entry.target,
        result: entry.result,
        detail: entry.detail
      })),
      continuationToken: result.value.continuationToken
    };
    return ok(body);
  });
}
