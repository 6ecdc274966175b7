import type { CompanyRole, MspRole } from './roles';

/**
 * Who is acting. Built only from a verified Bot Framework activity or a verified Entra token,
 * never from card or request data.
 */
export type Actor = StaffActor | PortalUserActor | InviteeActor | SystemActor;

export interface StaffActor {
  kind: 'staff';
  mspId: string;
  staffId: string;
  role: MspRole;
  displayName: string;
  tenantId: string;
  objectId: string;
}

export interface PortalUserActor {
  kind: 'portalUser';
  mspId: string;
  companyId: string;
  userId: string;
  role: CompanyRole;
  displayName: string;
  tenantId: string;
  objectId: string;
}

/**
 * Someone holding a valid invitation link. The link's secret is their only credential, and the only
 * thing it allows is accepting that invitation; the permission matrix grants them nothing.
 */
export interface InviteeActor {
  kind: 'invitee';
  mspId: string;
  companyId: string;
  userId: string;
  displayName: string;
}

/** The app itself: start-up bootstrap, scheduled sync, resumed jobs. */
export interface SystemActor {
  kind: 'system';
  mspId: string;
  displayName: string;
}

export function describeActor(actor: Actor): string {
  return actor.displayName;
}
