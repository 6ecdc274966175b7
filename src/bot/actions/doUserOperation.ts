import { z } from 'zod';
import { UsersViewSchema } from '../../cards/usersView';
import { COMPANY_ROLES } from '../../domain/roles';
import { OPERATION_ACTION, USER_OPERATIONS } from '../../domain/userOperations';
import type { Services } from '../../services';
import { cardAction } from './cardAction';
import { renderUsers } from './showUsers';
import { noticeOf } from '../resultNotice';

export const DoUserOperationData = z.object({
  view: UsersViewSchema,
  userId: z.string().min(1).max(80),
  etag: z.string().min(1).max(200),
  operation: z.enum(USER_OPERATIONS),
  idempotencyKey: z.string().uuid(),
  /** From the role form's input; checked against what the actor may give. */
  role: z.enum(COMPANY_ROLES).optional()
});

/** users.do: performs the confirmed operation, then shows the list again with the outcome on top. */
export function doUserOperationAction(services: Services) {
  return cardAction(services, DoUserOperationData, async ({ actor }, data) => {
    const result = await services.operations.run(OPERATION_ACTION[data.operation], {
      actor,
      surface: 'bot',
      expectedEtag: data.etag,
      idempotencyKey: data.idempotencyKey,
      payload: data,
      input: { companyId: data.view.companyId, userId: data.userId, role: data.role }
    });
    return renderUsers(services, actor, data.view, noticeOf(result));
  });
}
