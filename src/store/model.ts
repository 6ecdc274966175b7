import { UNASSIGNED_RECORD_KINDS, type DeleteRequestState, type UnassignedRecordKind } from '../domain/companyDeletion';
import type { CompanyState } from '../domain/companyLifecycle';
import type { DisabledReason, PortalAccess } from '../domain/portalAccess';
import type { CompanyRole, MspRole } from '../domain/roles';
import type { ConversationRef, EntraIdentity, StaffImportSource, StaffSource } from '../domain/identity';

export type { ConversationRef, EntraIdentity, StaffImportSource, StaffSource } from '../domain/identity';

/**
 * The documents kept in Cosmos DB. Every document carries the MSP's id; company-scoped documents
 * are partitioned by companyId.
 */

/**
 * A change's audit record travels in the same conditional write as the change, and is appended to the
 * audit log (under its own id, so twice is once) and cleared right after, or, when the app stopped in
 * between, on start, by the sweeper, or by the next change of the document (services/pendingAudit.ts).
 */
export interface PendingAudit {
  pendingAudit?: AuditDoc[];
  /** The change is a delete: the document goes once its record is in the log. */
  pendingDelete?: true;
}

export interface CompanyDoc extends PendingAudit {
  id: string;
  /** Partition key; equal to id. */
  companyId: string;
  mspId: string;
  type: 'company';
  name: string;
  /** Lower-cased name, for case-insensitive uniqueness, search and ordering. */
  nameKey: string;
  website?: string;
  phone?: string;
  /** The client's Microsoft 365 tenant, set when its admin consents. */
  tenantId?: string;
  /** The MSP's own company: never archived or deleted. */
  isMspCompany: boolean;
  state: CompanyState;
  archivedAt?: string;
  archivedBy?: string;
  archiveReason?: string;
  /** Set while the company is promoted to a compliance organisation (blocks permanent delete). */
  complianceOrganizationId?: string;
  /** The latest permanent-delete request; written with the company, so a rename in between voids it. */
  deleteRequest?: DeleteRequest;
  /** Idempotency key of the card action that made the last change: a retried action sees its own work. */
  lastActionKey?: string;
  createdAt: string;
  updatedAt: string;
}

/** A staff member as a request names them, from the verified activity at the time. */
export interface StaffRef {
  staffId: string;
  displayName: string;
  tenantId: string;
  objectId: string;
}

export { UNASSIGNED_RECORD_KINDS, type UnassignedRecordKind };

/** What a permanent delete does, counted when it is requested (shown on the cards and in the tombstone). */
export interface DeletionImpact {
  /** Records kept without a company, per kind. */
  unassigned: Record<UnassignedRecordKind, number>;
  slaPolicies: number;
  portalUsers: number;
  /** Pending invitations among those users (their links stop working). */
  invitations: number;
}

/** Where a posted card is, to update it in place. */
export interface PostedCard {
  reference: ConversationRef;
  activityId: string;
}

export interface DeleteRequest {
  id: string;
  state: DeleteRequestState;
  /** The exact name the requester typed, which was the company's name then. */
  companyName: string;
  requestedBy: StaffRef;
  requestedAt: string;
  expiresAt: string;
  /** The requesting card action's idempotency key: a double click finds its own request. */
  key: string;
  impact: DeletionImpact;
  /** The approval card in the approvals channel. */
  card?: PostedCard;
  decidedBy?: StaffRef;
  decidedAt?: string;
  /** Why it was rejected or cancelled, when someone said. */
  note?: string;
}

export interface PortalUserDoc extends PendingAudit {
  id: string;
  companyId: string;
  mspId: string;
  type: 'portalUser';
  displayName: string;
  email: string;
  /** Lower-cased email: emails are compared case-insensitively within a company. */
  emailKey: string;
  /**
   * The keys a possible match is found on (domain/personMatch.ts): the folded email and the
   * normalised name. Kept by the repository on every write; surfaces and services never set them.
   */
  matchEmail?: string;
  matchName?: string;
  phone?: string;
  jobTitle?: string;
  role: CompanyRole;
  access: PortalAccess;
  disabledReason?: DisabledReason;
  /** Bound at the first Teams sign-in; the only identification afterwards. */
  identity?: EntraIdentity;
  /** The Entra object id in the company's tenant this user was imported from or linked to, if any. */
  entraObjectId?: string;
  /** Disabled because of Entra ID, and back in Entra since: shown for re-enabling, never re-enabled silently. */
  entraBack?: boolean;
  /** When the sync found them back in Entra ID (with `entraBack`). */
  entraBackAt?: string;
  lastSyncedAt?: string;
  /** The pending invitation: only the secret's hash is kept. Cleared when accepted, revoked or replaced. */
  invitation?: PendingInvitation;
  /** When invitations were sent to this person in the last 24 hours (the per-person rate limit). */
  invitationsSent?: string[];
  acceptedAt?: string;
  /** Hash of the invitation this user accepted: a second press of Accept sees it used. */
  acceptedInvitationHash?: string;
  /** Idempotency key of the card action that made the last change: a retried action sees its own work. */
  lastActionKey?: string;
  createdAt: string;
  updatedAt: string;
}

export interface PendingInvitation {
  /** SHA-256 of the secret, hex. The secret itself is only ever in the mailed link. */
  hash: string;
  sentAt: string;
  expiresAt: string;
  sentBy: string;
}

/** A staff member's record in a source they were imported from or linked to. */
export interface StaffLink {
  source: StaffImportSource;
  /** The source's own id of the person (Entra object id, PSA member/agent/resource/user id). */
  externalId: string;
  linkedAt: string;
}

export interface StaffDoc extends PendingAudit {
  id: string;
  /** Partition key. */
  mspId: string;
  type: 'staff';
  displayName: string;
  email?: string;
  role: MspRole;
  /** Bound Entra identity in the MSP's tenant; staff are identified by it alone. */
  identity?: EntraIdentity;
  source: StaffSource;
  /** The Teams user id (29:…) last seen in a verified activity: approval cards refresh for it. */
  teamsUserId?: string;
  jobTitle?: string;
  /** The people in the import sources this staff member was imported from or linked to. */
  links?: StaffLink[];
  /**
   * The one source whose name, email and title this staff member follows: the one last linked to them
   * by an import. Absent: the source they came from (Entra ID for the first Super Admin and demo staff).
   */
  follows?: StaffImportSource;
  /** When an import last created, linked or updated this staff member. */
  lastSyncedAt?: string;
  /** When the identity was bound, for a staff member who had only an email at first. */
  identityBoundAt?: string;
  /** Idempotency key of the card action that made the last change: a retried action sees its own work. */
  lastActionKey?: string;
  createdAt: string;
  updatedAt: string;
}

export type RecordKind =
  | 'ticket'
  | 'asset'
  | 'invoice'
  | 'kbArticle'
  | 'quote'
  | 'project'
  | 'passwordEntry'
  | 'slaPolicy';

/** A company record synced from the PSA. The app does not manage these, but archive and delete respect them. */
export interface CompanyRecordDoc {
  id: string;
  companyId: string;
  mspId: string;
  type: 'record';
  kind: RecordKind;
  title: string;
  /** Outstanding balance of an invoice, in the MSP's currency. */
  balance?: number;
  /** Set on a record kept after its company was permanently deleted (then companyId is UNASSIGNED). */
  unassigned?: { at: string; formerCompanyName: string; sourceId: string };
  createdAt: string;
}

/** The partition of records whose company was permanently deleted. */
export const UNASSIGNED = 'unassigned';

export type AuditSurface = 'bot' | 'tab' | 'approval' | 'invitationLink' | 'system';
export type AuditResult = 'done' | 'refused' | 'failed';

export interface AuditActor {
  kind: 'staff' | 'portalUser' | 'invitee' | 'system';
  id: string;
  displayName: string;
  tenantId?: string;
  objectId?: string;
}

export interface AuditTarget {
  kind: 'company' | 'portalUser' | 'staff' | 'settings' | 'invitation' | 'import';
  id: string;
  name?: string;
}

/** Append-only: created once, never replaced or deleted by the app. */
export interface AuditDoc {
  id: string;
  /** Partition key: the company acted on, or the MSP's own company for MSP-wide actions. */
  companyId: string;
  mspId: string;
  type: 'audit';
  at: string;
  actor: AuditActor;
  surface: AuditSurface;
  action: string;
  target: AuditTarget;
  before?: unknown;
  after?: unknown;
  reason?: string;
  /** SHA-256 of the submitted payload (card data or request body), to prove what was asked. */
  payloadHash?: string;
  result: AuditResult;
  /** Why it was refused or failed, as shown to the person. */
  message?: string;
}

export type LookupKind = 'companyName' | 'tenant' | 'staffIdentity' | 'portalIdentity' | 'portalEmail' | 'entraObject' | 'invitation' | 'consentState';

/** What became of an invitation link: kept on its lookup so an old link gets the right page. */
export type InvitationLinkState = 'pending' | 'used' | 'revoked' | 'replaced';

/** A small document read by id, for lookups that would otherwise scan across companies. */
export interface LookupDoc {
  id: string;
  mspId: string;
  type: 'lookup';
  kind: LookupKind;
  companyId?: string;
  userId?: string;
  staffId?: string;
  /** Invitation lookups only. */
  invitationState?: InvitationLinkState;
  createdAt: string;
}
