import type { Server } from 'restify';
import { AddUserBody, companyChangeRequest } from './bodies';
import { actionReply } from './present';
import { isReply, tabRoute, type TabRouteDeps } from './tabRoute';

/**
 * POST /api/tab/companies/:companyId/users with the add-user card's inputs { name, email, phone, role,
 * invite, addAnyway, key }: adds the person (and invites them when asked). Validated again on the server
 * whatever the card checked; an email already in the company is offered re-invite, never duplicated. A
 * possible match of an existing person is answered with `possibleMatch` and adds nobody, unless
 * `addAnyway` (the card's toggle) names that very match.
 */
export function registerAddUserRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/users', async (call) => {
    const request = await companyChangeRequest(call, deps, AddUserBody);
    if (isReply(request)) return request;
    const { company, key } = request;
    const input = request.value;
    const result = await deps.services.operations.run('user.add', {
      actor: call.actor,
      surface: 'tab',
      idempotencyKey: key,
      payload: input,
      input: { ...input, companyId: company.companyId, phone: input.phone || undefined }
    });
    return actionReply(result);
  });
}
