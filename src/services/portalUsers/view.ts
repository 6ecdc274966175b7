import { categoryOf, type UserCategory } from '../../domain/portalAccess';
import { COMPANY_ROLE_LABELS, type CompanyRole } from '../../domain/roles';
import type { UserOperation } from '../../domain/userOperations';
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
  status: string;
  disabledReason?: PortalUserDoc['disabledReason'];
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

export function statusOf(user: Pick<PortalUserDoc, 'access' | 'disabledReason'>): string {
  if (user.access === 'disabled' && user.disabledReason) return DISABLED_REASON[user.disabledReason];
  return STATUS[user.access];
}

export function toView(user: Stored<PortalUserDoc>, operations: UserOperation[] = [], withheld?: string): PortalUserView {
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
    invitationExpiresAt: user.invitation?.expiresAt,
    lastSyncedAt: user.lastSyncedAt,
    etag: user._etag,
    operations,
    withheld
  };
}
