import { z } from 'zod';
import { UsersViewSchema } from '../../cards/usersView';
import type { StaffActor } from '../../domain/actor';
import { COMPANY_ROLES } from '../../domain/roles';
import { OPERATION_ACTION, USER_OPERATIONS, type UserOperation } from '../../domain/userOperations';
import type { Services } from '../../services';
import { cardAction } from './cardAction';
import { renderUsers } from './showUsers';
import { noticeOf } from '../resultNotice';

export const UserOperationData = z.object({
  view: UsersViewSchema,
  userId: z.string().min(1).max(80),
  etag: z.string().min(1).max(200),
  idempotencyKey: z.string().uuid(),
  /** From the role form's input; checked against what the actor may give. */
  role: z.enum(COMPANY_ROLES).optional()
});
type UserOperationData = z.infer<typeof UserOperationData>;

/** user.invite … user.delete: the confirmed operation (the verb names it), then the list again with the outcome on top. */
export function userOperationAction(services: Services, operation: UserOperation) {
  return cardAction(services, UserOperationData, ({ actor }, data) => perform(services, actor, operation, data));
}

/** users.do, the verb of confirmations posted before each operation had its own: the data names the operation. */
export function legacyUserOperationAction(services: Services) {
  return cardAction(services, UserOperationData.extend({ operation: z.enum(USER_OPERATIONS) }), ({ actor }, data) => perform(services, actor, data.operation, data));
}

async function perform(services: Services, actor: StaffActor, operation: UserOperation, data: UserOperationData) {
  const result = await services.operations.run(OPERATION_ACTION[operation], {
    actor,
    surface: 'bot',
    expectedEtag: data.etag,
    idempotencyKey: data.idempotencyKey,
    payload: data,
    input: { companyId: data.view.companyId, userId: data.userId, role: data.role }
  });
  return renderUsers(services, actor, data.view, noticeOf(result));
}
