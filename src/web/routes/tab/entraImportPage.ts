import type { Server } from 'restify';
import { importPageRequest, importReply } from './entraImportShared';
import { isReply, tabRoute, type TabRouteDeps } from './tabRoute';

/**
 * POST /api/tab/companies/:companyId/entra-import/:sessionId with the page's inputs: saves the ticks and
 * typed emails of the rows shown, the role and invite choice, and searches or pages. The selection
 * survives paging and searching.
 */
export function registerEntraImportPageRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/entra-import/:sessionId', async (call) => {
    const request = await importPageRequest(call, deps);
    if (isReply(request)) return request;
    return importReply(deps.services, await deps.services.imports.update(call.actor, request.input, 'tab'));
  });
}
