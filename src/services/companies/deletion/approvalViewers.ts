import type { Repositories } from '../../../store/repositories';

/** A person an approval card shows their own view to: by the Teams id seen in their messages, or their Entra object id. */
export interface ApprovalViewer {
  teamsUserId?: string;
  objectId?: string;
}

/**
 * Who sees their own view of an approval card without asking for it: every Super Admin (the requester
 * sees that it waits and can cancel; the others approve or reject). Everyone else sees the shared view.
 */
export async function approvalViewers(repos: Repositories): Promise<ApprovalViewer[]> {
  return (await repos.staff.list())
    .filter((staff) => staff.role === 'superAdmin')
    .map((staff) => ({ teamsUserId: staff.teamsUserId, objectId: staff.identity?.objectId }));
}
