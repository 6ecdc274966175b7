import { z } from 'zod';
import { addUserCard } from '../../cards/addUserCard';
import { UsersViewSchema } from '../../cards/usersView';
import type { Services } from '../../services';
import { cardAction } from './cardAction';
import { noticeOf } from '../resultNotice';
import { renderUsers } from './showUsers';

export const AddFormData = z.object({ view: UsersViewSchema });

/** users.addForm: the add-user form for the company of the card. */
export function addUserFormAction(services: Services) {
  return cardAction(services, AddFormData, async ({ actor }, data) => {
    const facts = await services.queries.run('user.addForm', actor, { companyId: data.view.companyId });
    if (facts.status !== 'done') return renderUsers(services, actor, data.view, { text: facts.message, tone: 'attention' });
    return addUserCard({ companyName: facts.value.companyName, roles: facts.value.roles, view: data.view });
  });
}

/** Inputs arrive as the card sends them: strings, the toggle as "true"/"false". Validation is the service's. */
export const AddUserData = z.object({
  view: UsersViewSchema,
  idempotencyKey: z.string().uuid(),
  name: z.string().max(1000).default(''),
  email: z.string().max(1000).default(''),
  phone: z.string().max(1000).default(''),
  role: z.string().max(50).default(''),
  invite: z.union([z.boolean(), z.enum(['true', 'false'])]).default('true'),
  /** The "Add as a new person anyway" toggle: the id of the possible match confirmed, or "false". */
  addAnyway: z.string().max(100).optional()
});

/** user.add (and the legacy users.add): adds (and invites) the person; invalid input returns the form with the reasons beside the fields. */
export function addUserAction(services: Services) {
  return cardAction(services, AddUserData, async ({ actor }, data) => {
    const invite = data.invite === true || data.invite === 'true';
    const result = await services.operations.run('user.add', {
      actor,
      surface: 'bot',
      idempotencyKey: data.idempotencyKey,
      payload: data,
      input: {
        companyId: data.view.companyId,
        name: data.name,
        email: data.email,
        phone: data.phone || undefined,
        role: data.role,
        invite,
        addAnyway: data.addAnyway && data.addAnyway !== 'false' ? data.addAnyway : undefined
      }
    });
    if (result.status === 'invalid' && result.fields) {
      const facts = await services.queries.run('user.addForm', actor, { companyId: data.view.companyId });
      if (facts.status === 'done') {
        // A possible match asks whether this is the same person, with the form as typed; anything else is corrected.
        const match = result.confirm;
        return addUserCard({
          companyName: facts.value.companyName,
          roles: facts.value.roles,
          view: data.view,
          values: { name: data.name, email: data.email, phone: data.phone, role: data.role, invite },
          error: match ? undefined : `Please correct: ${Object.values(result.fields).join(' ')}`,
          fieldErrors: match ? {} : result.fields,
          possibleMatch: match,
          idempotencyKey: data.idempotencyKey
        });
      }
    }
    // An existing person is shown by their email, with re-invite offered when it applies.
    const view =
      result.status === 'noop' && result.current?.user
        ? { companyId: data.view.companyId, category: result.current.user.category, search: result.current.user.email }
        : result.status === 'done' && result.value.user
          ? { companyId: data.view.companyId, category: result.value.user.category }
          : data.view;
    return renderUsers(services, actor, view, noticeOf(result));
  });
}
