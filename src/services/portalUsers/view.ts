import { categoryOf, isBackInEntra, type UserCategory } from '../../domain/portalAccess';
import { COMPANY_ROLE_LABELS, type CompanyRole } from '../../domain/roles';
import type { UserOperation } from '../../domain/userOperations';
import { backInEntraStatus } from '../../domain/userOperationWords';
import type { Stored } from '../../store/documents';
import type { PortalUserDoc } from '../../store/model';

/** A portal user as surfaces show it. `etag` lets a card say which version a person acted on. */
export interface PortalUserView {
  id: string;
  companyId: string;
  displayName: string;
  email: string;
  phone?: string;
  jobTitle?: string;
  role: CompanyRole;
  roleLabel: string;
  access: PortalUserDoc['access'];
  category: UserCategory;
  /** What the row says; for someone back in Entra ID with the day in UTC (the surfaces show `entraBackAt` their way). */
  status: string;
  disabledReason?: PortalUserDoc['disabledReason'];
  /** Disabled because of Entra ID and enabled there again since `entraBackAt` (when known): offered Enable first. */
  backInEntra: boolean;
  entraBackAt?: string;
  invitationExpiresAt?: string;
  lastSyncedAt?: string;
  etag: string;
  /** What the viewer may do to this user now; empty when nothing applies. */
  operations: UserOperation[];
  /** Why actions the viewer's role allows are not offered on this user now (the last-Admin rule). */
  withheld?: string;
}

const STATUS: Record<PortalUserDoc['access'], string> = {
  active: 'Enabled',
  disabled: 'Disabled',
  invited: 'Invited, not confirmed',
  none: 'No portal access'
};

const DISABLED_REASON: Record<NonNullable<PortalUserDoc['disabledReason']>, string> = {
  manual: 'Disabled',
  'entra-disabled': 'Disabled: account disabled in Entra ID',
  'entra-removed': 'Disabled: removed from Entra ID'
};

/** A day as YYYY-MM-DD in UTC: where a surface gives no way of its own to show it. */
function utcDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 10);
}

/**
 * What a user's row says about their access. Someone back in Entra ID is asked about: "Back in Entra ID
 * since <day>: enable?", the day as `day` formats it (the bot's cards: in the viewer's time zone).
 */
export function statusOf(
  user: Pick<PortalUserDoc, 'access' | 'disabledReason' | 'entraBack' | 'entraBackAt'>,
  day: (iso: string) => string = utcDay
): string {
  if (isBackInEntra(user)) return backInEntraStatus(user.entraBackAt ? day(user.entraBackAt) : undefined);
  if (user.access === 'disabled' && user.disabledReason) return DISABLED_REASON[user.disabledReason];
  return STATUS[user.access];
}

/** Enable first for someone back in Entra ID: it is what their row asks about. */
function ordered(operations: UserOperation[], backInEntra: boolean): UserOperation[] {
  return backInEntra && operations.includes('enable') ? ['enable', ...operations.filter((operation) => operation !== 'enable')] : operations;
}

export function toView(user: Stored<PortalUserDoc>, operations: UserOperation[] = [], withheld?: string): PortalUserView {
  const backInEntra = isBackInEntra(user);
  return {
    id: user.id,
    companyId: user.companyId,
    displayName: user.displayName,
    email: user.email,
    phone: user.phone,
    jobTitle: user.jobTitle,
    role: user.role,
    roleLabel: COMPANY_ROLE_LABELS[user.role],
    access: user.access,
    category: categoryOf(user.access),
    status: statusOf(user),
    disabledReason: user.disabledReason,
    backInEntra,
    entraBackAt: backInEntra ? user.entraBackAt : undefined,
    invitationExpiresAt: user.invitation?.expiresAt,
    lastSyncedAt: user.lastSyncedAt,
    etag: user._etag,
    operations: ordered(operations, backInEntra),
    withheld
  };
}
