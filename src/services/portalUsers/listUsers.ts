import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import { checkCompanyAcceptsUserChanges } from '../../domain/companyAccess';
import { refuse } from '../../domain/decision';
import { authorize } from '../../domain/permissions';
import { USER_LISTS, type UserList } from '../../domain/portalAccess';
import type { CompanyRole } from '../../domain/roles';
import { USER_OPERATIONS, offeredOperations, rolesToChangeTo, rolesToInviteAs, whyNotOffered, withheldReason, type UserOperation } from '../../domain/userOperations';
import type { Stored } from '../../store/documents';
import type { CompanyDoc, PortalUserDoc } from '../../store/model';
import { CompanyIdInput, UserIdInput } from '../operations/inputs';
import { companyOf, PageSizeInput, SearchInput, TokenInput, type Query } from '../queries/query';
import type { PortalUserDeps } from './deps';
import { companyTarget } from './operations';
import { toView, type PortalUserView } from './view';

export const UsersPageInput = z.object({
  companyId: CompanyIdInput,
  /** A category, or the people back in Entra ID (disabled, waiting to be enabled). */
  category: z.enum(USER_LISTS),
  search: SearchInput,
  pageSize: PageSizeInput,
  continuationToken: TokenInput
});
export type UsersPageRequest = z.infer<typeof UsersPageInput>;

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

/** users.list: one page of a company's users in one category, each with the operations the viewer may do now. */
export function usersListQuery(deps: PortalUserDeps): Query<UsersPageRequest, Stored<CompanyDoc>, UsersPage> {
  return {
    id: 'users.list',
    action: 'users.list',
    input: UsersPageInput,
    load: ({ companyId }) => companyOf(deps.repos, companyId),
    permission: (company) => ({ mspId: company.mspId, companyId: company.companyId }),
    answer: (company, request, actor) => usersPage(deps, actor, company, request)
  };
}

async function usersPage(deps: PortalUserDeps, actor: Actor, company: Stored<CompanyDoc>, request: UsersPageRequest): Promise<UsersPage> {
  const { repos } = deps;
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
  return toUsersPage(actor, company, request, { ...stats.counts, backInEntra: stats.backInEntra }, stats.enabledAdmins, page.items, page.continuationToken);
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

const UserViewInput = z.object({ companyId: CompanyIdInput, userId: UserIdInput });

/** user.view: one user with what the viewer may do to them now (for a confirmation or a form). */
export function userViewQuery(deps: PortalUserDeps): Query<z.infer<typeof UserViewInput>, { company: Stored<CompanyDoc>; user: Stored<PortalUserDoc> }, UserDetail> {
  return {
    id: 'user.view',
    action: 'profile.view',
    input: UserViewInput,
    async load({ companyId, userId }) {
      const company = await deps.repos.companies.get(companyId);
      const user = company ? await deps.repos.portalUsers.get(company.companyId, userId) : undefined;
      return company && user ? { company, user } : { missing: 'That user does not exist (any more).' };
    },
    permission: ({ company, user }) => ({ mspId: company.mspId, companyId: company.companyId, userId: user.id }),
    async answer({ company, user }, _input, actor) {
      const target = companyTarget(company);
      const { enabledAdmins } = await deps.repos.userStats.get(company.companyId);
      const offered = offeredOperations(actor, user, target, enabledAdmins);
      const whyNot = Object.fromEntries(
        USER_OPERATIONS.filter((operation) => !offered.includes(operation)).map((operation) => [operation, whyNotOffered(actor, operation, user, target, enabledAdmins)])
      );
      return {
        company: { companyId: company.companyId, name: company.name, state: company.state },
        user: toView(user, offered, withheldReason(actor, user, target, enabledAdmins)),
        roles: rolesToChangeTo(actor, user, target, enabledAdmins),
        whyNot
      };
    }
  };
}

const CompanyInput = z.object({ companyId: CompanyIdInput });

/** user.addForm: what the add form needs, the company's name and the roles the viewer may give. */
export function addFormQuery(deps: PortalUserDeps): Query<z.infer<typeof CompanyInput>, Stored<CompanyDoc>, { companyName: string; roles: CompanyRole[] }> {
  return {
    id: 'user.addForm',
    // Whoever may invite anyone may invite as Training Only; the roles offered are what the actor may give.
    action: 'user.invite',
    input: CompanyInput,
    load: ({ companyId }) => companyOf(deps.repos, companyId),
    permission: (company) => ({ mspId: company.mspId, companyId: company.companyId, role: 'trainingOnly' }),
    check: (company, _input, actor) => {
      const open = checkCompanyAcceptsUserChanges(company);
      if (!open.ok) return open;
      return rolesToInviteAs(actor, companyTarget(company)).length ? undefined : refuse('forbidden', 'Your role cannot add users to this company.');
    },
    answer: (company, _input, actor) => ({ companyName: company.name, roles: rolesToInviteAs(actor, companyTarget(company)) })
  };
}

const CsvFactsInput = z.object({ companyId: CompanyIdInput, invite: z.boolean() });

/** users.csvImportFacts: whether the actor may import into the company now (and invite, when asked); its name for the card. */
export function csvImportFactsQuery(deps: PortalUserDeps): Query<z.infer<typeof CsvFactsInput>, Stored<CompanyDoc>, { companyName: string }> {
  return {
    id: 'users.csvImportFacts',
    action: 'users.import',
    input: CsvFactsInput,
    load: ({ companyId }) => companyOf(deps.repos, companyId),
    permission: (company) => ({ mspId: company.mspId, companyId: company.companyId }),
    check(company, { invite }, actor) {
      const mayInvite = invite ? authorize(actor, 'user.invite', { mspId: company.mspId, companyId: company.companyId, role: 'user' }) : undefined;
      if (mayInvite && !mayInvite.ok) return mayInvite;
      const open = checkCompanyAcceptsUserChanges(company);
      return open.ok ? undefined : open;
    },
    answer: (company) => ({ companyName: company.name })
  };
}
