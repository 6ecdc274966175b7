import type { Server } from 'restify';
import { z } from 'zod';
import type { RowDecision } from '../../../services/imports/engine/answer';
import { importReply, importRowRequest } from './entraImportShared';
import { isReply, refusal, tabRoute, type TabRouteDeps } from './tabRoute';

/** Besides the page's inputs: the row's decision, and for a link the portal user chosen. */
const Decision = z.object({
  resolve: z.enum(['link', 'createNew', 'undo', 'useSignInName']),
  userId: z.string().regex(/^[A-Za-z0-9-]{1,120}$/).optional()
});

/**
 * POST /api/tab/companies/:companyId/entra-import/:sessionId/rows/:rowId with the page's inputs and
 * `resolve` (`userId` for a link): a row's own decision. "link" makes the person that portal user
 * (importing links them, and their name and email follow Entra ID), "createNew" imports a possible
 * match as someone new, "undo" takes either back, "useSignInName" confirms the sign-in name of someone
 * without a mailbox as their email. The page's ticks and typed emails are saved with it; the answer is
 * the page, or 422 with why the decision was refused (then nothing of it is kept).
 */
export function registerEntraImportRowRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/entra-import/:sessionId/rows/:rowId', async (call) => {
    const request = await importRowRequest(call, deps);
    if (isReply(request)) return request;
    const decision = Decision.safeParse(request.body);
    if (!decision.success) {
      const field = decision.error.issues[0]?.path[0];
      return refusal(400, 'invalid', field === 'userId' ? 'The portal user to link to is not a valid id. Nothing was changed.' : 'Say what to do with this person: resolve must be link, createNew, undo or useSignInName. Nothing was changed.');
    }
    const { resolve, userId } = decision.data;
    if (resolve === 'link' && !userId) return refusal(400, 'invalid', 'Choose the portal user to link this person to (userId). Nothing was changed.');
    const chosen: RowDecision = resolve === 'link' ? { kind: 'link', userId: userId as string } : { kind: resolve };
    return importReply(deps.services, await deps.services.imports.decide(call.actor, request.input, request.rowId, chosen, 'tab'));
  });
}
