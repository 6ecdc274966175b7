/**
 * How the actions of the audit log read in a company's history, and the groups its action filter
 * offers. Every action the app records is named here (a test checks the services record no other).
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'user.add': 'Added a portal user',
  'user.invite': 'Invited',
  'user.reinvite': 'Re-invited',
  'user.revokeInvitation': 'Revoked an invitation',
  'user.acceptInvitation': 'Accepted an invitation',
  'user.bindIdentity': 'First signed in to the tab',
  'user.enable': 'Enabled portal access',
  'user.disable': 'Disabled portal access',
  'user.changeRole': 'Changed a company role',
  'user.delete': 'Deleted a portal user',
  'user.importEntra': 'Imported from Microsoft Entra ID',
  'user.linkEntra': 'Linked to Microsoft Entra ID',
  'user.updateFromEntra': 'Updated from Microsoft Entra ID',
  'user.syncEntra': 'Synced from Microsoft Entra ID',
  'user.disableFromEntra': 'Disabled by Microsoft Entra ID',
  'users.list': 'Listed portal users',
  'users.import': 'Imported users',
  'users.importCsv': 'Imported a CSV file',
  'users.importEntra': 'Started an Entra ID import',
  'users.sync': 'Started an Entra ID sync',
  'company.bootstrap': 'Set up the MSP',
  'company.add': 'Added the company',
  'company.rename': 'Renamed the company',
  'company.connect': 'Connected to Microsoft 365',
  'company.archive': 'Archived the company',
  'company.restore': 'Restored the company',
  'company.requestDelete': 'Asked to delete permanently',
  'company.cancelDeleteRequest': 'Cancelled a deletion request',
  'company.approveDelete': 'Approved a permanent delete',
  'company.rejectDelete': 'Rejected a permanent delete',
  'company.expireDeleteRequest': 'Deletion request expired',
  'company.deleted': 'Deleted the company permanently',
  'staff.bootstrap': 'First Super Admin from configuration',
  'staff.changeRole': 'Changed a staff role',
  'staff.revoke': 'Removed from the staff',
  'staff.import': 'Imported staff',
  'staff.add': 'Added to the staff by an import',
  'staff.linkSource': 'Linked a staff member to a person of an import source',
  'staff.updateFromSource': 'Updated a staff member from an import source',
  'staff.link': 'Linked a staff member to their Microsoft Entra account',
  'approvals.setChannel': 'Set the approvals channel'
};

export const HISTORY_ACTION_GROUPS = {
  access: {
    label: 'Invitations and access',
    actions: ['user.invite', 'user.reinvite', 'user.revokeInvitation', 'user.acceptInvitation', 'user.bindIdentity', 'user.enable', 'user.disable']
  },
  users: { label: 'Users added, changed or deleted', actions: ['user.add', 'user.changeRole', 'user.delete'] },
  imports: {
    label: 'Imports and syncs',
    actions: ['users.import', 'users.importCsv', 'users.importEntra', 'users.sync', 'user.importEntra', 'user.linkEntra', 'user.updateFromEntra', 'user.syncEntra', 'user.disableFromEntra']
  },
  company: { label: 'Company changes', actions: ['company.add', 'company.rename', 'company.connect', 'company.archive', 'company.restore', 'company.bootstrap'] },
  deletion: {
    label: 'Permanent delete',
    actions: ['company.requestDelete', 'company.cancelDeleteRequest', 'company.approveDelete', 'company.rejectDelete', 'company.expireDeleteRequest', 'company.deleted']
  }
} as const satisfies Record<string, { label: string; actions: readonly string[] }>;

export type HistoryActionGroup = keyof typeof HISTORY_ACTION_GROUPS;

export function isHistoryActionGroup(value: unknown): value is HistoryActionGroup {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(HISTORY_ACTION_GROUPS, value);
}

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
