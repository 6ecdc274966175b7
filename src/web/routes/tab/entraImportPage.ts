import type { Server } from 'restify';
import { openerOf } from '../../../services/imports/importBrowser';
import { importInput, importReply, importScope } from './entraImportShared';
import { bodyOf, foreignIds, isReply, param, refusal, tabRoute, type TabCall, type TabReply, type TabRouteDeps } from './tabRoute';

/** The import session named in the path, when it is the caller's own in this company. */
export async function ownSession(call: TabCall, deps: TabRouteDeps, companyId: string, sessionId: string): Promise<TabReply | undefined> {
  const session = /^[0-9a-f-]{36}$/i.test(sessionId) ? await deps.services.repos.importSessions.get(companyId, sessionId) : undefined;
  return session && session.staffId === openerOf(call.actor) ? undefined : refusal(403, 'forbidden', 'That import is not yours. Start a new one.');
}

/**
 * POST /api/tab/companies/:companyId/entra-import/:sessionId with the page's inputs: saves the ticks and
 * typed emails of the rows shown, the role and invite choice, and searches or pages. The selection
 * survives paging and searching.
 */
export function registerEntraImportPageRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/entra-import/:sessionId', async (call) => {
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
    return importReply(deps.services, await deps.services.imports.update(call.actor, input));
  });
}
