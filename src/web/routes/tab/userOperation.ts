import type { Server } from 'restify';
import { checkedBody, UserOperationBody } from './bodies';
import { isCompanyRole } from '../../../domain/roles';
import { OPERATION_ACTION, USER_OPERATIONS, type UserOperation } from '../../../domain/userOperations';
import { actionReply } from './present';
import { bodyOf, foreignIds, isReply, param, refusal, requiredKey, tabRoute, type TabRouteDeps } from './tabRoute';

/**
 * POST /api/tab/companies/:companyId/users/:userId/:operation with { key, etag, role? }: invite,
 * re-invite, revoke an invitation, enable, disable, change role or delete: the operations of the table
 * (services/operations/table.ts) run by the same pipeline as the bot's cards (permission, last-Admin
 * rule, ETag conditional write, idempotency, audit), which reads the company and the user once.
 */
export function registerUserOperationRoute(server: Server, deps: TabRouteDeps): void {
  tabRoute(server, deps, 'post', '/api/tab/companies/:companyId/users/:userId/:operation', async (call) => {
    const companyId = param(call.req, 'companyId');
    const userId = param(call.req, 'userId');
    const body = bodyOf(call.req);
    const forged = foreignIds(body, { companyId, userId });
    if (forged) return forged;
    // A portal user reaches only their own company: refused before anything is read or recorded elsewhere.
    if (call.actor.kind === 'portalUser' && call.actor.companyId !== companyId) return refusal(403, 'otherCompany', 'That company is not one you can see.');

    const operation = param(call.req, 'operation') as UserOperation;
    if (!USER_OPERATIONS.includes(operation)) return refusal(400, 'invalid', `Unknown operation "${operation.slice(0, 40)}".`);
    const key = requiredKey(body);
    if (isReply(key)) return key;
    const checked = checkedBody(body, UserOperationBody);
    if (isReply(checked)) return checked;
    const { role, etag } = checked.value;
    if (operation === 'changeRole' && !isCompanyRole(role)) return refusal(422, 'invalid', 'Choose the new role.');
    const result = await deps.services.operations.run(OPERATION_ACTION[operation], {
      actor: call.actor,
      surface: 'tab',
      expectedEtag: etag,
      idempotencyKey: key,
      payload: { operation, userId, role, etag },
      input: { companyId, userId, role: isCompanyRole(role) ? role : undefined }
    });
    return actionReply(result);
  });
}
