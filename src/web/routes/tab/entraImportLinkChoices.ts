import type { Server } from 'restify';
import { z } from 'zod';
import type { LinkChoicesView } from '../../../services/imports/view';
import { importReply, importRowRequest } from './entraImportShared';
import { isReply, ok, refusal, tabRoute, type TabRouteDeps } from './tabRoute';
import type { LinkChoicesResponse, WireLinkChoices } from './wire';

/** Besides the page's inputs: the dialog's search, by name or email (on this route, not the page's own). */
const Extra = z.object({ search: z.string().max(100).default('') });

/**
 * POST /api/tab/companies/:companyId/entra-import/:sessionId/rows/:rowId/link-choices with the page's
 * inputs and `search`: a row's "Link to…", the company's portal users not linked to anyone whom this
 * person may be, searched by name or email. The page's ticks and typed emails are saved first.
 */
export function registerEntraImportLinkChoicesRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/entra-import/:sessionId/rows/:rowId/link-choices', async (call) => {
    const request = await importRowRequest(call, deps);
    if (isReply(request)) return request;
    const extra = Extra.safeParse(request.body);
    if (!extra.success) return refusal(400, 'invalid', 'The search must be text of at most 100 characters. Nothing was changed.');
    const result = await deps.services.imports.linkChoices(call.actor, request.input, request.rowId, extra.data.search, 'tab');
    if ('kind' in result) return importReply(deps.services, result);
    return ok({ kind: 'linkChoices', choices: wireLinkChoices(result) } satisfies LinkChoicesResponse);
  });
}

function wireLinkChoices(view: LinkChoicesView): WireLinkChoices {
  return { rowId: view.rowId, person: view.person, search: view.search, users: view.choices, more: view.more, shown: view.shown, current: view.current };
}
