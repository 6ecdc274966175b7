import { ACTION_LABELS, type Action } from './actions';
import type { Actor } from './actor';
import { ALLOWED, refuse, type Decision } from './decision';
import { COMPANY_ROLE_LABELS, MSP_ROLE_LABELS, type CompanyRole } from './roles';

/** The columns of the permission matrix in DESIGN.md. */
export type MatrixColumn =
  | 'superAdmin'
  | 'mspAdmin'
  | 'technician'
  | 'clientAdmin'
  | 'clientManager'
  | 'clientUser';

/**
 * What a cell of the matrix allows:
 * - yes / no
 * - ownCompany: only on the actor's own company
 * - ownProfile: only the actor's own portal user record
 * - ownCompanyBasicRoles: own company, and only for users whose role is User or Training Only
 * - ownCompanyNotSelf: own company, never the actor's own record
 * - ownRequest / notOwnRequest: a delete request the actor made / did not make
 */
export type Cell =
  | 'yes'
  | 'no'
  | 'ownCompany'
  | 'ownProfile'
  | 'ownCompanyBasicRoles'
  | 'ownCompanyNotSelf'
  | 'ownRequest'
  | 'notOwnRequest';

type Row = Record<MatrixColumn, Cell>;
const row = (
  superAdmin: Cell,
  mspAdmin: Cell,
  technician: Cell,
  clientAdmin: Cell,
  clientManager: Cell,
  clientUser: Cell
): Row => ({ superAdmin, mspAdmin, technician, clientAdmin, clientManager, clientUser });

/**
 * The permission matrix of DESIGN.md, one row per action. This table is the only place that decides
 * who may do what; every surface (bot, tab, approval cards) goes through `authorize`.
 */
export const PERMISSION_MATRIX: Record<Action, Row> = {
  'company.view': row('yes', 'yes', 'yes', 'ownCompany', 'ownCompany', 'ownCompany'),
  'users.list': row('yes', 'yes', 'yes', 'ownCompany', 'ownCompany', 'no'),
  'history.view': row('yes', 'yes', 'yes', 'ownCompany', 'ownCompany', 'no'),
  'profile.view': row('yes', 'yes', 'yes', 'ownCompany', 'ownCompany', 'ownProfile'),
  'company.add': row('yes', 'yes', 'no', 'no', 'no', 'no'),
  'company.rename': row('yes', 'yes', 'no', 'no', 'no', 'no'),
  'company.connect': row('yes', 'yes', 'no', 'no', 'no', 'no'),
  'users.import': row('yes', 'yes', 'no', 'ownCompany', 'no', 'no'),
  'users.sync': row('yes', 'yes', 'no', 'ownCompany', 'no', 'no'),
  'user.invite': row('yes', 'yes', 'yes', 'ownCompany', 'ownCompanyBasicRoles', 'no'),
  'user.reinvite': row('yes', 'yes', 'yes', 'ownCompany', 'ownCompanyBasicRoles', 'no'),
  'user.revokeInvitation': row('yes', 'yes', 'yes', 'ownCompany', 'ownCompanyBasicRoles', 'no'),
  'user.enable': row('yes', 'yes', 'yes', 'ownCompany', 'no', 'no'),
  'user.disable': row('yes', 'yes', 'yes', 'ownCompany', 'no', 'no'),
  'user.changeRole': row('yes', 'yes', 'no', 'ownCompanyNotSelf', 'no', 'no'),
  'user.delete': row('yes', 'yes', 'no', 'ownCompany', 'no', 'no'),
  'company.archive': row('yes', 'yes', 'no', 'no', 'no', 'no'),
  'company.restore': row('yes', 'yes', 'no', 'no', 'no', 'no'),
  'company.requestDelete': row('yes', 'no', 'no', 'no', 'no', 'no'),
  'company.cancelDeleteRequest': row('ownRequest', 'no', 'no', 'no', 'no', 'no'),
  'company.decideDelete': row('notOwnRequest', 'no', 'no', 'no', 'no', 'no'),
  'approvals.setChannel': row('yes', 'no', 'no', 'no', 'no', 'no'),
  'staff.manage': row('yes', 'no', 'no', 'no', 'no', 'no')
};

/** What an action is done to. Every field comes from the store, not from card data. */
export interface PermissionTarget {
  mspId: string;
  /** The company acted on (absent for MSP-wide actions such as adding a company). */
  companyId?: string;
  /** The portal user acted on. */
  userId?: string;
  /** The company role given (invite) or held (re-invite, revoke) by the target user, or the new role. */
  role?: CompanyRole;
  /** The staff member who asked for a permanent delete. */
  requestedByStaffId?: string;
}

const BASIC_ROLES: readonly CompanyRole[] = ['user', 'trainingOnly'];

export function matrixColumn(actor: Actor): MatrixColumn | undefined {
  switch (actor.kind) {
    case 'staff':
      return actor.role;
    case 'portalUser':
      switch (actor.role) {
        case 'admin':
          return 'clientAdmin';
        case 'manager':
          return 'clientManager';
        case 'user':
        case 'trainingOnly':
          return 'clientUser';
      }
      return undefined;
    case 'invitee':
    case 'system':
      return undefined;
  }
}

function roleLabel(actor: Actor): string {
  if (actor.kind === 'staff') return MSP_ROLE_LABELS[actor.role];
  if (actor.kind === 'portalUser') return COMPANY_ROLE_LABELS[actor.role];
  return actor.kind === 'invitee' ? 'Invitee' : 'The system';
}

/**
 * Decides whether `actor` may do `action` to `target`.
 *
 * Invariants:
 * - an actor of one MSP never acts on another MSP's data;
 * - a portal user only ever acts inside their own company;
 * - the system actor (bootstrap, scheduled sync, resumed jobs) is allowed by the caller's own checks,
 *   never by this matrix: it cannot be produced from a request.
 */
export function authorize(actor: Actor, action: Action, target: PermissionTarget): Decision {
  if (actor.mspId !== target.mspId) {
    return refuse('otherMsp', 'That belongs to another service provider.');
  }
  const column = matrixColumn(actor);
  if (!column) return refuse('forbidden', 'Only people can do that.');
  const cell = PERMISSION_MATRIX[action][column];
  const denied = refuse('forbidden', `Your role (${roleLabel(actor)}) cannot ${ACTION_LABELS[action]}.`);

  if (actor.kind === 'portalUser' && cell !== 'no') {
    if (!target.companyId || target.companyId !== actor.companyId) {
      return refuse('otherCompany', 'You can only act on your own company.');
    }
  }

  switch (cell) {
    case 'yes':
    case 'ownCompany':
      return ALLOWED;
    case 'no':
      return denied;
    case 'ownProfile':
      return actor.kind === 'portalUser' && target.userId === actor.userId ? ALLOWED : denied;
    case 'ownCompanyBasicRoles':
      if (target.role && BASIC_ROLES.includes(target.role)) return ALLOWED;
      return refuse(
        'forbidden',
        `Your role (${roleLabel(actor)}) can ${ACTION_LABELS[action]} only for the roles User and Training Only.`
      );
    case 'ownCompanyNotSelf':
      if (actor.kind === 'portalUser' && target.userId === actor.userId) {
        return refuse('forbidden', 'You cannot change your own company role.');
      }
      return ALLOWED;
    case 'ownRequest':
      if (actor.kind === 'staff' && target.requestedByStaffId === actor.staffId) return ALLOWED;
      return refuse('forbidden', 'Only the person who asked for this deletion can cancel it.');
    case 'notOwnRequest':
      if (actor.kind === 'staff' && target.requestedByStaffId && target.requestedByStaffId !== actor.staffId) {
        return ALLOWED;
      }
      return refuse('forbidden', 'A deletion must be approved by a Super Admin other than the one who asked for it.');
  }
}

/**
 * Whether the actor's role can do `action` to at least some target: used to decide which commands
 * and buttons to offer. Offering is not allowing: `authorize` still runs on every submission.
 */
export function roleCanEver(actor: Actor, action: Action): boolean {
  const column = matrixColumn(actor);
  return column !== undefined && PERMISSION_MATRIX[action][column] !== 'no';
}
