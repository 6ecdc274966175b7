import type { Server } from 'restify';
import { importReply, importScope } from './entraImportShared';
import { bodyOf, foreignIds, isReply, param, tabRoute, type TabRouteDeps } from './tabRoute';

/**
 * POST /api/tab/companies/:companyId/entra-import: a Client Admin opens their own tenant's directory for
 * an import (a session of their own, kept 24 hours): the first page, with each person's link status.
 */
export function registerEntraImportOpenRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/entra-import', async (call) => {
    const companyId = param(call.req, 'companyId');
    const forged = foreignIds(bodyOf(call.req), { companyId });
    if (forged) return forged;
    const company = await importScope(call, deps.services, companyId);
    if (isReply(company)) return company;
    return importReply(deps.services, await deps.services.imports.open(call.actor, company.companyId));
  });
}
