import type { Server } from 'restify';
import { importInput, importReply, importScope } from './entraImportShared';
import { ownSession } from './entraImportPage';
import { actionKey, bodyOf, foreignIds, isReply, param, refusal, tabRoute, type TabRouteDeps } from './tabRoute';

/**
 * POST /api/tab/companies/:companyId/entra-import/:sessionId/start with the page's inputs and a key:
 * imports the people picked (or every unlinked member) with the role and invite choice. Small imports
 * finish in the request; large ones run in the background (poll the job). The key makes a retry find
 * the same job.
 */
export function registerEntraImportStartRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/entra-import/:sessionId/start', async (call) => {
    const companyId = param(call.req, 'companyId');
    const sessionId = param(call.req, 'sessionId');
    const body = bodyOf(call.req);
    const forged = foreignIds(body, { companyId });
    if (forged) return forged;
    const company = await importScope(call, deps.services, companyId);
    if (isReply(company)) return company;
    const notOwn = await ownSession(call, deps, company.companyId, sessionId);
    if (notOwn) return notOwn;
    const input = importInput(body, company.companyId, sessionId);
    if (isReply(input)) return input;
    const key = actionKey(body);
    if (!key) return refusal(400, 'invalid', 'The request has no valid idempotency key.');
    return importReply(deps.services, await deps.services.imports.start(call.actor, input, key, undefined, 'tab'));
  });
}
