import type { Action } from './actions';
import type { Actor } from './actor';
import { checkCompanyAcceptsUserChanges, type CompanyFacts } from './companyAccess';
import { ALLOWED, refuse, type Decision } from './decision';
import { checkLastAdmin, type AdminAffectingChange } from './lastAdmin';
import { authorize } from './permissions';
import { nextPortalAccess, type PortalAccess, type PortalAccessEvent } from './portalAccess';
import { COMPANY_ROLES, COMPANY_ROLE_LABELS, type CompanyRole } from './roles';

/** What can be done to one portal user from a card or the tab. */
export const USER_OPERATIONS = ['invite', 'reinvite', 'revokeInvitation', 'enable', 'disable', 'changeRole', 'delete'] as const;
export type UserOperation = (typeof USER_OPERATIONS)[number];

export const OPERATION_ACTION = {
  invite: 'user.invite',
  reinvite: 'user.reinvite',
  revokeInvitation: 'user.revokeInvitation',
  enable: 'user.enable',
  disable: 'user.disable',
  changeRole: 'user.changeRole',
  delete: 'user.delete'
} as const satisfies Record<UserOperation, Action>;

const OPERATION_EVENT: Record<UserOperation, PortalAccessEvent | undefined> = {
  invite: 'invite',
  reinvite: 'reinvite',
  revokeInvitation: 'revokeInvitation',
  enable: 'enable',
  disable: 'disable',
  changeRole: undefined,
  delete: 'delete'
};

export interface UserFacts {
  id: string;
  role: CompanyRole;
  access: PortalAccess;
}

export interface CompanyTarget extends CompanyFacts {
  companyId: string;
  mspId: string;
}

/**
 * Whether `actor` may do `operation` to `user` of `company` right now. Every fact comes from the store;
 * the order of the checks decides which reason a person sees first: permission, archived company,
 * the user's state, then the last-Admin rule.
 */
export function checkUserOperation(
  actor: Actor,
  operation: UserOperation,
  user: UserFacts,
  company: CompanyTarget,
  enabledAdminCount: number,
  newRole?: CompanyRole
): Decision {
  const permission = authorize(actor, OPERATION_ACTION[operation], {
    mspId: company.mspId,
    companyId: company.companyId,
    userId: user.id,
    role: user.role
  });
  if (!permission.ok) return permission;
  const open = checkCompanyAcceptsUserChanges(company);
  if (!open.ok) return open;

  const event = OPERATION_EVENT[operation];
  if (event) {
    const transition = nextPortalAccess(user.access, event);
    if (!transition.ok) return transition;
  }

  let change: AdminAffectingChange | undefined;
  if (operation === 'disable') change = { kind: 'disable' };
  if (operation === 'delete') change = { kind: 'delete' };
  if (operation === 'changeRole') {
    if (!newRole) return refuse('illegalTransition', 'Choose the new role.');
    if (newRole === user.role) return refuse('noop', `This user is already ${COMPANY_ROLE_LABELS[newRole]}.`);
    const mayGive = authorize(actor, 'user.invite', { mspId: company.mspId, companyId: company.companyId, role: newRole });
    if (!mayGive.ok) return refuse('forbidden', `Your role cannot make someone ${COMPANY_ROLE_LABELS[newRole]}.`);
    change = { kind: 'changeRole', newRole };
  }
  return change ? checkLastAdmin(user, change, enabledAdminCount) : ALLOWED;
}

/**
 * The operations to offer on a user's row: those that would be accepted now, but not Disable for
 * someone with a pending invitation (Revoke is what ends it; Disable would only add a second way).
 */
export function offeredOperations(actor: Actor, user: UserFacts, company: CompanyTarget, enabledAdminCount: number): UserOperation[] {
  const accepted = USER_OPERATIONS.filter((operation) =>
    operation === 'changeRole'
      ? rolesToChangeTo(actor, user, company, enabledAdminCount).length > 0
      : checkUserOperation(actor, operation, user, company, enabledAdminCount).ok
  );
  return accepted.includes('revokeInvitation') ? accepted.filter((operation) => operation !== 'disable') : accepted;
}

/** Why `operation` is not offered on this user now, in the words a card shows (for an older card's button). */
export function whyNotOffered(actor: Actor, operation: UserOperation, user: UserFacts, company: CompanyTarget, enabledAdminCount: number): string {
  if (operation === 'disable' && checkUserOperation(actor, 'revokeInvitation', user, company, enabledAdminCount).ok) {
    return 'Their invitation is still pending: revoke it instead.';
  }
  if (operation !== 'changeRole') {
    const decision = checkUserOperation(actor, operation, user, company, enabledAdminCount);
    return decision.ok ? '' : decision.reason;
  }
  const refusals = COMPANY_ROLES.filter((role) => role !== user.role)
    .map((role) => checkUserOperation(actor, 'changeRole', user, company, enabledAdminCount, role))
    .filter((decision): decision is Exclude<Decision, { ok: true }> => !decision.ok);
  return refusals[0]?.reason ?? '';
}

/**
 * Why a row offers fewer actions than the viewer's role allows, when the reason is the company's rule
 * and not the viewer's role: the last enabled Admin can be neither disabled, deleted nor demoted.
 */
export function withheldReason(actor: Actor, user: UserFacts, company: CompanyTarget, enabledAdminCount: number): string | undefined {
  const disable = checkUserOperation(actor, 'disable', user, company, enabledAdminCount);
  if (disable.ok || disable.code !== 'lastAdmin') return undefined;
  return "The company's last enabled Admin: to disable, delete or demote them, make another user an Admin first.";
}

/** The roles a user could be changed to by this actor. */
export function rolesToChangeTo(actor: Actor, user: UserFacts, company: CompanyTarget, enabledAdminCount: number): CompanyRole[] {
  return COMPANY_ROLES.filter((role) => checkUserOperation(actor, 'changeRole', user, company, enabledAdminCount, role).ok);
}

/** The roles this actor may give to a new user of the company (a Manager: User and Training Only). */
export function rolesToInviteAs(actor: Actor, company: CompanyTarget): CompanyRole[] {
  return COMPANY_ROLES.filter(
    (role) => authorize(actor, 'user.invite', { mspId: company.mspId, companyId: company.companyId, role }).ok
  );
}
