import { setApprovalsChannelOperation } from '../approvalsChannel';
import type { CompanyDeps } from '../companies/deps';
import { addCompanyOperation } from '../companies/addCompany';
import { archiveOperation, restoreOperation } from '../companies/archiveCompany';
import { connectTenantOperation } from '../companies/connectCompany';
import { deleteDecisionOperation } from '../companies/deletion/decideDelete';
import { requestDeleteOperation } from '../companies/deletion/requestDelete';
import { renameOperation } from '../companies/renameCompany';
import type { PortalUserDeps } from '../portalUsers/deps';
import { addUserOperation } from '../portalUsers/addUser';
import { userOperation } from '../portalUsers/operations';
import type { StaffDeps } from '../staff/deps';
import { staffRoleOperations } from '../staff/staffRoleOperations';
import type { OperationId } from './ids';
import type { AnyChangeOperation, AnyCreateOperation, ChangeOperation, CreateOperation } from './operation';

export interface OperationDeps {
  companies: CompanyDeps;
  portalUsers: PortalUserDeps;
  staff: StaffDeps;
}

/**
 * Every mutating operation, by id: one definition each (its input schema, target, permission, plan and
 * view), run by the one pipeline (pipeline.ts, create.ts) from every surface. The bot's card verbs are
 * these ids (cards/verbs.ts), and the tab's user-operation route names the `user.*` ones.
 */
export function operationTable(deps: OperationDeps) {
  const staff = staffRoleOperations(deps.staff);
  return {
    'company.add': addCompanyOperation(deps.companies),
    'company.rename': renameOperation(deps.companies),
    'company.connectTenant': connectTenantOperation(deps.companies),
    'company.archive': archiveOperation(deps.companies),
    'company.restore': restoreOperation(deps.companies),
    'company.requestDelete': requestDeleteOperation(deps.companies),
    'company.approveDelete': deleteDecisionOperation(deps.companies, 'approve'),
    'company.rejectDelete': deleteDecisionOperation(deps.companies, 'reject'),
    'company.cancelDeleteRequest': deleteDecisionOperation(deps.companies, 'cancel'),
    'user.add': addUserOperation(deps.portalUsers),
    'user.invite': userOperation(deps.portalUsers, 'invite'),
    'user.reinvite': userOperation(deps.portalUsers, 'reinvite'),
    'user.revokeInvitation': userOperation(deps.portalUsers, 'revokeInvitation'),
    'user.enable': userOperation(deps.portalUsers, 'enable'),
    'user.disable': userOperation(deps.portalUsers, 'disable'),
    'user.changeRole': userOperation(deps.portalUsers, 'changeRole'),
    'user.delete': userOperation(deps.portalUsers, 'delete'),
    'staff.changeRole': staff.changeRole,
    'staff.revoke': staff.revoke,
    'approvals.setChannel': setApprovalsChannelOperation(deps.companies)
  } satisfies Record<OperationId, AnyChangeOperation | AnyCreateOperation>;
}

export type OperationTable = ReturnType<typeof operationTable>;

/** What operation `Id` answers with: the view of its target. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ViewOf<Id extends OperationId> = OperationTable[Id] extends ChangeOperation<any, any, any, any, infer View>
  ? View
  : // eslint-disable-next-line @typescript-eslint/no-explicit-any
    OperationTable[Id] extends CreateOperation<any, any, infer View, any>
    ? View
    : never;
