import type { Server } from 'restify';
import { AddUserBody, checkedBody } from './bodies';
import { actionReply } from './present';
import type { ActionResponse } from './wire';
import { bodyOf, companyInScope, foreignIds, isReply, param, requiredKey, tabRoute, type TabRouteDeps } from './tabRoute';

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
    const checked = checkedBody(body, AddUserBody);
    if (isReply(checked)) return checked;
    const input = checked.value;
    const result = await deps.services.portalUsers.add({
      actor: call.actor,
      surface: 'tab',
      companyId: company.companyId,
      idempotencyKey: key,
      payload: input,
      ...input,
      phone: input.phone || undefined
    });
    const reply = actionReply(result);
    if (result.possibleMatch) (reply.body as ActionResponse).possibleMatch = { id: result.possibleMatch.id, text: result.possibleMatch.text };
    return reply;
  });
}
