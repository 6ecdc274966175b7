import type { Server } from 'restify';
import { importPageRequest, importReply } from './entraImportShared';
import { isReply, requiredKey, tabRoute, type TabRouteDeps } from './tabRoute';

/**
 * POST /api/tab/companies/:companyId/entra-import/:sessionId/start with the page's inputs and a key:
 * imports the people picked (or every unlinked member) with the role and invite choice. Small imports
 * finish in the request; large ones run in the background (poll the job). The key makes a retry find
 * the same job.
 */
export function registerEntraImportStartRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/entra-import/:sessionId/start', async (call) => {
    const request = await importPageRequest(call, deps);
    if (isReply(request)) return request;
    const key = requiredKey(request.body);
    if (isReply(key)) return key;
    return importReply(deps.services, await deps.services.imports.start(call.actor, request.input, key, undefined, 'tab'));
  });
}
