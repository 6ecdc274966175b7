import { z } from 'zod';
import { UsersViewSchema, type Notice } from '../../cards/usersView';
import { COMPANY_ROLES } from '../../domain/roles';
import { USER_OPERATIONS } from '../../domain/userOperations';
import type { Services } from '../../services';
import type { ServiceResult } from '../../services/result';
import { cardAction } from './cardAction';
import { renderUsers } from './showUsers';

export const DoUserOperationData = z.object({
  view: UsersViewSchema,
  userId: z.string().min(1).max(80),
  etag: z.string().min(1).max(200),
  operation: z.enum(USER_OPERATIONS),
  idempotencyKey: z.string().uuid(),
  /** From the role form's input; checked against what the actor may give. */
  role: z.enum(COMPANY_ROLES).optional()
});

/** The notice for a service result; in embedded mode an invitation link is shown so it can be followed. */
export function noticeOf(result: ServiceResult<unknown>): Notice {
  switch (result.status) {
    case 'done': {
      const link = (result.value as { link?: string } | undefined)?.link;
      return { text: link ? `${result.message} Embedded mode, invitation link: ${link}` : result.message, tone: 'good' };
    }
    case 'noop':
      return { text: result.message, tone: 'info' };
    case 'conflict':
      return { text: result.message, tone: 'warning' };
    case 'refused':
      return { text: result.message, tone: 'attention' };
  }
}

/** users.do: performs the confirmed operation, then shows the list again with the outcome on top. */
export function doUserOperationAction(services: Services) {
  return cardAction(services, DoUserOperationData, async ({ actor }, data) => {
    const result = await services.portalUsers.perform({
      actor,
      surface: 'bot',
      companyId: data.view.companyId,
      userId: data.userId,
      expectedEtag: data.etag,
      idempotencyKey: data.idempotencyKey,
      payload: data,
      operation: data.operation,
      role: data.role
    });
    return renderUsers(services, actor, data.view, noticeOf(result));
  });
}
