/**
 * Every action the permission matrix of DESIGN.md knows. Surfaces name these; the service layer checks them.
 */
export const ACTIONS = [
  'company.view',
  'users.list',
  'history.view',
  'profile.view',
  'company.add',
  'company.rename',
  'company.connect',
  'users.import',
  'users.sync',
  'user.invite',
  'user.reinvite',
  'user.revokeInvitation',
  'user.enable',
  'user.disable',
  'user.changeRole',
  'user.delete',
  'company.archive',
  'company.restore',
  'company.requestDelete',
  'company.cancelDeleteRequest',
  'company.decideDelete',
  'approvals.setChannel',
  'staff.manage'
] as const;
export type Action = (typeof ACTIONS)[number];

/** How an action reads in a sentence: "Your role cannot <label>." */
export const ACTION_LABELS: Record<Action, string> = {
  'company.view': 'view companies',
  'users.list': 'list portal users',
  'history.view': 'view history',
  'profile.view': 'view this profile',
  'company.add': 'add companies',
  'company.rename': 'rename companies',
  'company.connect': 'connect companies to Microsoft 365',
  'users.import': 'import users',
  'users.sync': 'sync users from Microsoft Entra ID',
  'user.invite': 'invite portal users',
  'user.reinvite': 're-invite portal users',
  'user.revokeInvitation': 'revoke invitations',
  'user.enable': 'enable portal access',
  'user.disable': 'disable portal access',
  'user.changeRole': "change a user's company role",
  'user.delete': 'delete portal users',
  'company.archive': 'archive companies',
  'company.restore': 'restore companies',
  'company.requestDelete': 'request the permanent deletion of a company',
  'company.cancelDeleteRequest': 'cancel this deletion request',
  'company.decideDelete': 'approve or reject this deletion request',
  'approvals.setChannel': 'set the approvals channel',
  'staff.manage': 'manage MSP staff'
};
