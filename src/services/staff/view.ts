import type { Actor } from '../../domain/actor';
import { MSP_ROLE_LABELS, type MspRole } from '../../domain/roles';
import { rolesToGrant, type StaffFacts } from '../../domain/staffRoles';
import type { Stored } from '../../store/documents';
import type { StaffDoc } from '../../store/model';
import { STAFF_SOURCE_LABELS } from './sources';

export type StaffLinkStatus = 'linked' | 'waiting' | 'noEmail';

/** A staff member as the staff card shows them, with what the viewer may do to them now. */
export interface StaffMemberView {
  id: string;
  etag: string;
  displayName: string;
  email?: string;
  jobTitle?: string;
  role: MspRole;
  roleLabel: string;
  /** Where they came from, then the other sources they are linked to. */
  sources: string[];
  linkStatus: StaffLinkStatus;
  linkText: string;
  lastSyncedAt?: string;
  isLastSuperAdmin: boolean;
  isYou: boolean;
  /** Why the viewer is offered no change or removal for them (themselves, the last Super Admin), for the row. */
  withheld?: string;
  /** The roles the viewer may give them. */
  roles: MspRole[];
  can: { changeRole: boolean; revoke: boolean };
}

export function staffFacts(staff: StaffDoc): StaffFacts {
  return { id: staff.id, displayName: staff.displayName, role: staff.role, linked: Boolean(staff.identity) };
}

const LINK_TEXT: Record<StaffLinkStatus, string> = {
  linked: 'Linked to their Microsoft Entra account',
  waiting: 'Not linked yet: links by email at their first message to me',
  noEmail: 'Not linked: no email to link by'
};

export function linkStatusOf(staff: StaffDoc): StaffLinkStatus {
  return staff.identity ? 'linked' : staff.email ? 'waiting' : 'noEmail';
}

export function toStaffMemberView(actor: Actor, staff: Stored<StaffDoc>, superAdmins: number): StaffMemberView {
  const linkStatus = linkStatusOf(staff);
  const isLastSuperAdmin = staff.role === 'superAdmin' && superAdmins <= 1;
  const roles = rolesToGrant(actor, staffFacts(staff));
  const isYou = actor.kind === 'staff' && actor.staffId === staff.id;
  const mayChange = roles.length > 0 && !isLastSuperAdmin && !isYou;
  const linkedSources = (staff.links ?? []).map((link) => STAFF_SOURCE_LABELS[link.source]).filter((label) => label !== STAFF_SOURCE_LABELS[staff.source]);
  return {
    id: staff.id,
    etag: staff._etag,
    displayName: staff.displayName,
    email: staff.email,
    jobTitle: staff.jobTitle,
    role: staff.role,
    roleLabel: MSP_ROLE_LABELS[staff.role],
    sources: [STAFF_SOURCE_LABELS[staff.source], ...new Set(linkedSources)],
    linkStatus,
    linkText: LINK_TEXT[linkStatus],
    lastSyncedAt: staff.lastSyncedAt,
    isLastSuperAdmin,
    isYou,
    withheld: roles.length === 0 ? undefined : withheldReason(isYou, isLastSuperAdmin),
    roles,
    can: {
      changeRole: mayChange && roles.some((role) => role !== staff.role),
      revoke: mayChange
    }
  };
}

/** Nobody changes their own role or removes themselves (another Super Admin does); the MSP keeps one Super Admin. */
function withheldReason(isYou: boolean, isLastSuperAdmin: boolean): string | undefined {
  if (isYou && isLastSuperAdmin) return 'You are the only Super Admin: make someone else Super Admin first; they can then change your role.';
  if (isYou) return 'This is you: another Super Admin can change your role or remove you.';
  if (isLastSuperAdmin) return 'The last Super Admin: cannot be removed or given another role until someone else is Super Admin.';
  return undefined;
}
