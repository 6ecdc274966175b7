import type { Server } from 'restify';
import { actionReply } from './present';
import type { ActionResponse } from './wire';
import { bodyOf, companyInScope, foreignIds, isReply, param, requiredKey, tabRoute, type TabRouteDeps } from './tabRoute';

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');

/**
 * POST /api/tab/companies/:companyId/users with the add-user card's inputs { name, email, phone, role,
 * invite, addAnyway, key }: adds the person (and invites them when asked). Validated again on the server
 * whatever the card checked; an email already in the company is offered re-invite, never duplicated. A
 * possible match of an existing person is answered with `possibleMatch` and adds nobody, unless
 * `addAnyway` (the card's toggle) names that very match.
 */
export function registerAddUserRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/users', async (call) => {
    const companyId = param(call.req, 'companyId');
    const body = bodyOf(call.req);
    const forged = foreignIds(body, { companyId });
    if (forged) return forged;
    const company = await companyInScope(call, deps.services, companyId);
    if (isReply(company)) return company;
    const key = requiredKey(body);
    if (isReply(key)) return key;
    const input = { name: text(body.name, 200), email: text(body.email, 300), phone: text(body.phone, 64), role: text(body.role, 32) };
    const result = await deps.services.portalUsers.add({
      actor: call.actor,
      surface: 'tab',
      companyId: company.companyId,
      idempotencyKey: key,
      payload: { ...input, invite: body.invite, addAnyway: body.addAnyway },
      ...input,
      phone: input.phone || undefined,
      // The card's toggle sends "true"/"false"; anything else keeps the person without access.
      invite: body.invite === true || body.invite === 'true',
      addAnyway: typeof body.addAnyway === 'string' && body.addAnyway !== 'false' ? body.addAnyway.slice(0, 100) : undefined
    });
    const reply = actionReply(result);
    if (result.possibleMatch) (reply.body as ActionResponse).possibleMatch = { id: result.possibleMatch.id, text: result.possibleMatch.text };
    return reply;
  });
}
