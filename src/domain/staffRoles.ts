import type { Actor } from './actor';
import { ALLOWED, refuse, type Decision } from './decision';
import { authorize, roleCanEver } from './permissions';
import { isMspRole, MSP_ROLE_LABELS, MSP_ROLES, type MspRole } from './roles';

/**
 * Rules for the MSP's staff roles (DESIGN.md, "Words": MSP staff; the matrix row "grant / revoke MSP
 * staff roles"). Pure: callers load the staff member and count the Super Admins.
 *
 * Security invariants held here:
 * - only a Super Admin grants, changes or revokes staff roles (the permission matrix decides);
 * - an import gives at most MSP Admin: Super Admin is given one person at a time, from the staff card,
 *   and only to someone whose Microsoft Entra identity is bound (an email from a PSA is not proof);
 * - the MSP always keeps at least one Super Admin: the last one cannot be demoted or removed.
 */

/** The roles an import may give to everyone it brings in. */
export const IMPORT_ROLES: readonly MspRole[] = ['mspAdmin', 'technician'];

/** The role an import card starts with: the least privilege. */
export const DEFAULT_IMPORT_ROLE: MspRole = 'technician';

/** What the rules need to know about the staff member acted on. */
export interface StaffFacts {
  id: string;
  displayName: string;
  role: MspRole;
  /** Bound to an Entra identity in the MSP's tenant. */
  linked: boolean;
}

/** The roles `actor` may give `target` (empty when the actor may not manage staff at all). */
export function rolesToGrant(actor: Actor, target: Pick<StaffFacts, 'linked'>): MspRole[] {
  if (!roleCanEver(actor, 'staff.manage')) return [];
  return target.linked ? [...MSP_ROLES] : [...IMPORT_ROLES];
}

const SUPER_ADMIN_NEEDS_LINK =
  'Super Admin can be given only to someone linked to their Microsoft Entra account in your tenant. They are linked at import when the directory has their email, or at their first message to me.';

function notARole(role: unknown): string {
  return `"${String(role).slice(0, 40)}" is not a staff role. The roles are ${MSP_ROLES.map((r) => MSP_ROLE_LABELS[r]).join(', ')}.`;
}

/** Whether `role` (from card data) is one an import may give. */
export function checkImportRole(actor: Actor, mspId: string, role: unknown): Decision {
  const permission = authorize(actor, 'staff.manage', { mspId });
  if (!permission.ok) return permission;
  if (!isMspRole(role)) return refuse('forbidden', notARole(role));
  if (!IMPORT_ROLES.includes(role)) {
    return refuse('forbidden', `An import gives ${IMPORT_ROLES.map((r) => MSP_ROLE_LABELS[r]).join(' or ')}. ${SUPER_ADMIN_NEEDS_LINK} Then give it from the staff list.`);
  }
  return ALLOWED;
}

function lastSuperAdmin(target: StaffFacts, what: string): Decision {
  return refuse('lastSuperAdmin', `${target.displayName} is the last Super Admin: ${what}. Make someone else Super Admin first.`);
}

/**
 * Changing `target`'s role to `next`. `superAdmins` counts the Super Admins including `target`, minus
 * those other changes are removing at this moment (see SuperAdminGuardRepository).
 */
export function checkRoleChange(actor: Actor, mspId: string, target: StaffFacts, next: unknown, superAdmins: number): Decision {
  const permission = authorize(actor, 'staff.manage', { mspId });
  if (!permission.ok) return permission;
  if (!isMspRole(next)) return refuse('forbidden', notARole(next));
  if (!rolesToGrant(actor, target).includes(next)) return refuse('forbidden', SUPER_ADMIN_NEEDS_LINK);
  if (next === target.role) return refuse('noop', `${target.displayName} is ${MSP_ROLE_LABELS[next]} already.`);
  if (target.role === 'superAdmin' && superAdmins <= 1) return lastSuperAdmin(target, 'the MSP must keep at least one');
  return ALLOWED;
}

/** Removing `target` from the staff (revoking their role). */
export function checkRevoke(actor: Actor, mspId: string, target: StaffFacts, superAdmins: number): Decision {
  const permission = authorize(actor, 'staff.manage', { mspId });
  if (!permission.ok) return permission;
  if (target.role === 'superAdmin' && superAdmins <= 1) return lastSuperAdmin(target, 'the MSP must keep at least one');
  return ALLOWED;
}

/** Whether a change takes a Super Admin away (and so must go through the guard). */
export function removesSuperAdmin(target: Pick<StaffFacts, 'role'>, next: MspRole | 'none'): boolean {
  return target.role === 'superAdmin' && next !== 'superAdmin';
}
