import type { Server } from 'restify';
import { checkedBody, UserOperationBody } from './bodies';
import { isCompanyRole } from '../../../domain/roles';
import { USER_OPERATIONS, type UserOperation } from '../../../domain/userOperations';
import { actionReply } from './present';
import { bodyOf, companyInScope, foreignIds, isReply, param, refusal, requiredKey, tabRoute, type TabRouteDeps } from './tabRoute';

/**
 * POST /api/tab/companies/:companyId/users/:userId/:operation with { key, etag, role? }: invite,
 * re-invite, revoke an invitation, enable, disable, change role or delete, through the same service
 * path as the bot's cards (permission, last-Admin rule, ETag conditional write, idempotency, audit).
 */
export function registerUserOperationRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/users/:userId/:operation', async (call) => {
    const companyId = param(call.req, 'companyId');
    const userId = param(call.req, 'userId');
    const body = bodyOf(call.req);
    const forged = foreignIds(body, { companyId, userId });
    if (forged) return forged;
    const company = await companyInScope(call, deps.services, companyId);
    if (isReply(company)) return company;
    // A user of another company is not found under this one: refused before anything is attempted.
    const seen = await deps.services.portalUsers.view(call.actor, company.companyId, userId);
    if (seen.status !== 'done') return refusal(403, 'forbidden', seen.message);

    const operation = param(call.req, 'operation') as UserOperation;
    if (!USER_OPERATIONS.includes(operation)) return refusal(400, 'invalid', `Unknown operation "${operation.slice(0, 40)}".`);
    const key = requiredKey(body);
    if (isReply(key)) return key;
    const checked = checkedBody(body, UserOperationBody);
    if (isReply(checked)) return checked;
    const { role, etag } = checked.value;
    if (operation === 'changeRole' && !isCompanyRole(role)) return refusal(422, 'invalid', 'Choose the new role.');
    const result = await deps.services.portalUsers.perform({
      actor: call.actor,
      surface: 'tab',
      companyId: company.companyId,
      userId,
      expectedEtag: etag,
      idempotencyKey: key,
      payload: { operation, userId, role, etag },
      operation,
      role: isCompanyRole(role) ? role : undefined
    });
    return actionReply(result);
  });
}
