import { randomUUID } from 'node:crypto';
import { COMPANY_ROLE_LABELS, type CompanyRole } from '../domain/roles';
import type { PortalUserView } from '../services/portalUsers/view';
import { renderCard, type AdaptiveCardJson } from './render';
import type { UsersViewState } from './usersView';
import type { CardVerb } from './verbs';

/** The change-role form: only the roles this person may give this user are offered. */
export function changeRoleCard(input: { user: PortalUserView; companyName: string; roles: CompanyRole[]; view: UsersViewState }): AdaptiveCardJson {
  const { user, view } = input;
  return renderCard('changeRole', {
    name: user.displayName,
    email: user.email,
    companyName: input.companyName,
    role: user.roleLabel,
    roles: input.roles.map((role) => ({ title: COMPANY_ROLE_LABELS[role], value: role })),
    confirmVerb: 'user.changeRole' satisfies CardVerb,
    confirmData: { view, userId: user.id, etag: user.etag, idempotencyKey: randomUUID() },
    cancelData: { view }
  });
}
