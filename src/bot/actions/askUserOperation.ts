import { z } from 'zod';
import { changeRoleCard } from '../../cards/changeRoleCard';
import { userConfirmCard } from '../../cards/userConfirmCard';
import { UsersViewSchema } from '../../cards/usersView';
import { USER_OPERATIONS } from '../../domain/userOperations';
import type { Services } from '../../services';
import { cardAction } from './cardAction';
import { renderUsers } from './showUsers';

export const AskUserOperationData = z.object({
  view: UsersViewSchema,
  userId: z.string().min(1).max(80),
  etag: z.string().min(1).max(200),
  operation: z.enum(USER_OPERATIONS)
});

/** users.ask: the confirmation step (or the role form) for one operation on one user. */
export function askUserOperationAction(services: Services) {
  return cardAction(services, AskUserOperationData, async ({ actor }, data) => {
    const detail = await services.queries.run('user.view', actor, { companyId: data.view.companyId, userId: data.userId });
    if (detail.status !== 'done') return renderUsers(services, actor, data.view, { text: detail.message, tone: 'attention' });
    const { user, company, roles, whyNot } = detail.value;
    if (user.etag !== data.etag) {
      return renderUsers(services, actor, data.view, {
        text: `Someone else changed ${user.displayName} since this card was shown. Here is how things are now.`,
        tone: 'warning'
      });
    }
    if (!user.operations.includes(data.operation)) {
      // An older card: say why, as the row now does, rather than only that it does not apply.
      const detail = whyNot[data.operation] || `${user.displayName} is ${user.status.toLowerCase()}.`;
      return renderUsers(services, actor, data.view, { text: `That action does not apply to ${user.displayName} now.`, detail, tone: 'warning' });
    }
    if (data.operation === 'changeRole') return changeRoleCard({ user, companyName: company.name, roles, view: data.view });
    return userConfirmCard({ user, companyName: company.name, operation: data.operation, view: data.view });
  });
}
