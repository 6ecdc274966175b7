import type { Server } from 'restify';
import { importScope, wireJob } from './entraImportShared';
import { isReply, ok, param, refusal, tabRoute, type TabRouteDeps } from './tabRoute';

/**
 * GET /api/tab/companies/:companyId/jobs/:jobId: the progress of an Entra import running in the
 * background, for the person who started it (staff: any import of a company they may import into).
 */
export function registerJobRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'get', '/api/tab/companies/:companyId/jobs/:jobId', async (call) => {
    const company = await importScope(call, deps.services, param(call.req, 'companyId'));
    if (isReply(company)) return company;
    const jobId = param(call.req, 'jobId');
    const job = await deps.services.imports.importJob(call.actor, company.companyId, jobId);
    if (!job) return refusal(403, 'forbidden', 'That import is not yours.');
    return ok(wireJob(deps.services, job, false));
  });
}
