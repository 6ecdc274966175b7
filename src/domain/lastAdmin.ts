import { ALLOWED, refuse, type Decision } from './decision';
import type { PortalAccess } from './portalAccess';
import type { CompanyRole } from './roles';

export type AdminAffectingChange =
  | { kind: 'disable' }
  | { kind: 'delete' }
  | { kind: 'changeRole'; newRole: CompanyRole };

export interface AdminFacts {
  role: CompanyRole;
  access: PortalAccess;
}

/** An enabled Admin: role Admin with active portal access. */
export function isEnabledAdmin(user: AdminFacts): boolean {
  return user.role === 'admin' && user.access === 'active';
}

/**
 * A company always keeps at least one enabled Admin once it has one: disabling, deleting or demoting
 * the last one is refused. `enabledAdminCount` is the company's count including the target.
 */
export function checkLastAdmin(target: AdminFacts, change: AdminAffectingChange, enabledAdminCount: number): Decision {
  if (!isEnabledAdmin(target)) return ALLOWED;
  if (change.kind === 'changeRole' && change.newRole === 'admin') return ALLOWED;
  if (enabledAdminCount > 1) return ALLOWED;
  const verb = change.kind === 'disable' ? 'disabled' : change.kind === 'delete' ? 'deleted' : 'demoted';
  return refuse(
    'lastAdmin',
    `This is the company's last enabled Admin and cannot be ${verb}. Make another user an Admin first.`
  );
}
