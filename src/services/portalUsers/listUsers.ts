import type { Actor } from '../../domain/actor';
import { authorize } from '../../domain/permissions';
import type { UserList } from '../../domain/portalAccess';
import type { CompanyRole } from '../../domain/roles';
import { checkCompanyAcceptsUserChanges } from '../../domain/companyAccess';
import { USER_OPERATIONS, offeredOperations, rolesToChangeTo, rolesToInviteAs, whyNotOffered, withheldReason, type UserOperation } from '../../domain/userOperations';
import type { Stored } from '../../store/documents';
import type { CompanyDoc } from '../../store/model';
import { refused, type ServiceResult } from '../result';
import type { PortalUserDeps } from './deps';
import { companyTarget } from './operations';
import { toView, type PortalUserView } from './view';

export interface UsersPageRequest {
  companyId: string;
  /** A category, or the people back in Entra ID (disabled, waiting to be enabled). */
  category: UserList;
  search?: string;
  pageSize: number;
  continuationToken?: string;
}

export interface UsersPage {
  company: Pick<CompanyDoc, 'companyId' | 'name' | 'state' | 'tenantId'>;
  category: UserList;
  search?: string;
  counts: Record<UserList, number>;
  users: PortalUserView[];
  continuationToken?: string;
  /** Roles the viewer may give a new user; empty when they cannot add anyone here. */
  addRoles: CompanyRole[];
}

/** One page of a company's users in one category, each with the operations the viewer may do now. */
export async function listPortalUsers(deps: PortalUserDeps, actor: Actor, request: UsersPageRequest): Promise<ServiceResult<UsersPage>> {
  const { repos } = deps;
  const company = await repos.companies.get(request.companyId);
  if (!company) return { status: 'invalid', message: 'That company does not exist (any more).' };
  const permission = authorize(actor, 'users.list', { mspId: company.mspId, companyId: company.companyId });
  if (!permission.ok) return refused(permission);

  // The people back in Entra ID are disabled ones, flagged by a sync (c.entraBack = true).
  const filter = request.category === 'backInEntra' ? { category: 'disabled' as const, entraBack: true } : { category: request.category };
  const [stats, page] = await Promise.all([
    repos.userStats.get(company.companyId),
    repos.portalUsers
      .list(company.companyId, {
        ...filter,
        search: request.search,
        pageSize: request.pageSize,
        continuationToken: request.continuationToken
      })
      .catch((error: unknown) => {
        // A continuation token from an old card, or a forged one, is not an error worth a crash.
        if (request.continuationToken) return repos.portalUsers.list(company.companyId, { ...filter, search: request.search, pageSize: request.pageSize });
        throw error;
      })
  ]);
  return {
    status: 'done',
    message: '',
    value: toUsersPage(actor, company, request, { ...stats.counts, backInEntra: stats.backInEntra }, stats.enabledAdmins, page.items, page.continuationToken)
  };
}

function toUsersPage(
  actor: Actor,
  company: Stored<CompanyDoc>,
  request: UsersPageRequest,
  counts: Record<'none' | 'invited' | 'active' | 'disabled' | 'backInEntra', number>,
  enabledAdmins: number,
  users: Parameters<typeof toView>[0][],
  continuationToken: string | undefined
): UsersPage {
  const target = companyTarget(company);
  return {
    company: { companyId: company.companyId, name: company.name, state: company.state, tenantId: company.tenantId },
    category: request.category,
    search: request.search,
    counts: { enabled: counts.active, disabled: counts.disabled, unconfirmed: counts.invited, noAccess: counts.none, backInEntra: counts.backInEntra },
    users: users.map((user) => toView(user, offeredOperations(actor, user, target, enabledAdmins), withheldReason(actor, user, target, enabledAdmins))),
    continuationToken,
    addRoles: company.state === 'active' ? rolesToInviteAs(actor, target) : []
  };
}

export interface UserDetail {
  company: Pick<CompanyDoc, 'companyId' | 'name' | 'state'>;
  user: PortalUserView;
  /** Roles the viewer could change this user to now. */
  roles: CompanyRole[];
  /** Why each operation not offered now is not, for a button of an older card. */
  whyNot: Partial<Record<UserOperation, string>>;
}

/** One user with what the viewer may do to them now (for a confirmation or a form). */
export async function viewPortalUser(deps: PortalUserDeps, actor: Actor, companyId: string, userId: string): Promise<ServiceResult<UserDetail>> {
  const company = await deps.repos.companies.get(companyId);
  const user = company ? await deps.repos.portalUsers.get(company.companyId, userId) : undefined;
  if (!company || !user) return { status: 'invalid', message: 'That user does not exist (any more).' };
  const permission = authorize(actor, 'profile.view', { mspId: company.mspId, companyId: company.companyId, userId: user.id });
  if (!permission.ok) return refused(permission);
  const target = companyTarget(company);
  const { enabledAdmins } = await deps.repos.userStats.get(company.companyId);
  const offered = offeredOperations(actor, user, target, enabledAdmins);
  const whyNot = Object.fromEntries(
    USER_OPERATIONS.filter((operation) => !offered.includes(operation)).map((operation) => [operation, whyNotOffered(actor, operation, user, target, enabledAdmins)])
  );
  return {
    status: 'done',
    message: '',
    value: {
      company: { companyId: company.companyId, name: company.name, state: company.state },
      user: toView(user, offered, withheldReason(actor, user, target, enabledAdmins)),
      roles: rolesToChangeTo(actor, user, target, enabledAdmins),
      whyNot
    }
  };
}

/** What the add form needs: the company's name and the roles the viewer may give. */
export async function addFormFacts(deps: PortalUserDeps, actor: Actor, companyId: string): Promise<ServiceResult<{ companyName: string; roles: CompanyRole[] }>> {
  const company = await deps.repos.companies.get(companyId);
  if (!company) return { status: 'invalid', message: 'That company does not exist (any more).' };
  const open = checkCompanyAcceptsUserChanges(company);
  if (!open.ok) return refused(open);
  const roles = rolesToInviteAs(actor, companyTarget(company));
  if (!roles.length) return { status: 'refused', code: 'forbidden', message: 'Your role cannot add users to this company.' };
  return { status: 'done', message: '', value: { companyName: company.name, roles } };
}

/** Whether the actor may import into the company now (and invite, when asked); its name for the card. */
export async function csvImportFacts(deps: PortalUserDeps, actor: Actor, companyId: string, invite: boolean): Promise<ServiceResult<{ companyName: string }>> {
  const company = await deps.repos.companies.get(companyId);
  if (!company) return { status: 'invalid', message: 'That company does not exist (any more).' };
  const target = { mspId: company.mspId, companyId: company.companyId };
  const permission = authorize(actor, 'users.import', target);
  if (!permission.ok) return refused(permission);
  if (invite) {
    const mayInvite = authorize(actor, 'user.invite', { ...target, role: 'user' });
    if (!mayInvite.ok) return refused(mayInvite);
  }
  const open = checkCompanyAcceptsUserChanges(company);
  if (!open.ok) return refused(open);
  return { status: 'done', message: '', value: { companyName: company.name } };
}
