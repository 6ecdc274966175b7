import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import type { Refusal } from '../../domain/decision';
import { refuse } from '../../domain/decision';
import { isEnabledAdmin } from '../../domain/lastAdmin';
import { isBackInEntra } from '../../domain/portalAccess';
import { COMPANY_ROLE_LABELS, COMPANY_ROLES, type CompanyRole } from '../../domain/roles';
import { checkUserOperation, OPERATION_ACTION, type UserOperation } from '../../domain/userOperations';
import type { Stored } from '../../store/documents';
import type { AuditSurface, CompanyDoc, PortalUserDoc } from '../../store/model';
import { CompanyIdInput, UserIdInput } from '../operations/inputs';
import type { ChangeOperation, Planned, PlanContext } from '../operations/operation';
import { runChange } from '../operations/pipeline';
import { portalUserDocuments, type PortalUserFacts, type PortalUserRef } from '../operations/targets';
import type { ServiceResult } from '../result';
import type { PortalUserDeps } from './deps';
import { acceptLink, mailInvitation } from './invitationMail';
import { newInvitationSecret } from './secrets';
import { statusOf, toView, type PortalUserView } from './view';

/** A portal user as an operation answers: as they are now (none once deleted), and the accept link in embedded mode. */
export interface UserChangeValue {
  user?: PortalUserView;
  link?: string;
}
export type UserChangeResult = ServiceResult<UserChangeValue>;
type PlannedChange = Planned<PortalUserDoc, UserChangeValue>;

export const UserOperationInput = z.object({
  companyId: CompanyIdInput,
  userId: UserIdInput,
  /** The new role, for changeRole; checked against what the actor may give. */
  role: z.enum(COMPANY_ROLES).optional()
});
export type UserOperationInput = z.infer<typeof UserOperationInput>;

export type UserChangeOperation = ChangeOperation<UserOperationInput, PortalUserRef, PortalUserFacts, PortalUserDoc, UserChangeValue>;

/** Operations that can lower the number of enabled Admins go through the company's admin guard. */
const ADMIN_REDUCING: readonly UserOperation[] = ['disable', 'delete', 'changeRole'];

/** Enabled or disabled again: no longer "back in Entra ID". */
const NOT_BACK = { entraBack: undefined, entraBackAt: undefined };

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * user.invite, user.reinvite, user.revokeInvitation, user.enable, user.disable, user.changeRole and
 * user.delete: one operation each on an existing portal user (the rules in domain/userOperations.ts).
 */
export function userOperation(deps: PortalUserDeps, operation: UserOperation): UserChangeOperation {
  const action = OPERATION_ACTION[operation];
  return {
    id: action,
    action,
    input: UserOperationInput,
    target: portalUserDocuments(deps),
    ref: ({ companyId, userId }) => ({ companyId, userId }),
    permission: { of: ({ doc, company }) => ({ mspId: company.mspId, companyId: company.companyId, userId: doc.id, role: doc.role }) },
    absent: (_ref, missing) => (operation === 'delete' && missing.companyId ? { status: 'noop', message: 'This user has already been deleted.' } : undefined),
    noopRefused: true,
    guarded: ({ doc }) => ADMIN_REDUCING.includes(operation) && isEnabledAdmin(doc),
    plan: (facts, context) => planOperation(deps, operation, facts, context),
    view: ({ doc }, _actor, gone) => ({ user: gone ? undefined : toView(doc) }),
    replayed: ({ doc }) => ({ status: 'done', message: `Done: ${doc.displayName} is now ${statusOf(doc).toLowerCase()}.`, value: { user: toView(doc) } })
  };
}

/** A request to perform one user operation, as the services outside the table (imports, add user) make it. */
export interface UserOperationRequest {
  actor: Actor;
  surface: AuditSurface;
  companyId: string;
  userId: string;
  expectedEtag?: string;
  idempotencyKey: string;
  payload: unknown;
  operation: UserOperation;
  role?: CompanyRole;
}

/** Performs one operation on one portal user through the pipeline (for imports and add-and-invite). */
export function performUserOperation(deps: PortalUserDeps, request: UserOperationRequest): Promise<UserChangeResult> {
  const { actor, surface, idempotencyKey, expectedEtag, payload, companyId, userId, role } = request;
  return runChange(deps, userOperation(deps, request.operation), { actor, surface, idempotencyKey, expectedEtag, payload, input: { companyId, userId, role } });
}


async function planOperation(deps: PortalUserDeps, operation: UserOperation, { company, doc: user }: PortalUserFacts, { input, request, count }: PlanContext<UserOperationInput>): Promise<PlannedChange | Refusal> {
  const { actor } = request;
  const decision = checkUserOperation(actor, operation, user, companyTarget(company), count, input.role);
  if (!decision.ok) return decision;
  const name = user.displayName;

  switch (operation) {
    case 'invite':
    case 'reinvite':
      return planInvitation(deps, actor, company, user, operation === 'reinvite');
    case 'revokeInvitation':
      return {
        next: { ...user, access: 'none', invitation: undefined },
        before: { access: user.access },
        after: { access: 'none' },
        message: `The invitation of ${name} is revoked; the link no longer works.`,
        afterWrite: async () => markLink(deps, user, 'revoked')
      };
    case 'enable': {
      // Back in Entra ID: the sync saw their account active again, so it will not disable them again.
      const warning =
        !isBackInEntra(user) && (user.disabledReason === 'entra-disabled' || user.disabledReason === 'entra-removed')
          ? ` Note: ${name} was disabled because of Microsoft Entra ID; the next sync disables them again unless their Entra account is active.`
          : '';
      return {
        next: { ...user, access: 'active', disabledReason: undefined, ...NOT_BACK },
        before: { access: user.access, disabledReason: user.disabledReason, ...(user.entraBack ? { entraBack: true, entraBackAt: user.entraBackAt } : {}) },
        after: { access: 'active' },
        message: `${name} has portal access again.${warning}`
      };
    }
    case 'disable':
      return {
        next: { ...user, access: 'disabled', disabledReason: 'manual', invitation: undefined, ...NOT_BACK },
        before: { access: user.access },
        after: { access: 'disabled', disabledReason: 'manual' },
        message: `${name} is disabled; their next request is refused.`,
        afterWrite: async () => markLink(deps, user, 'revoked')
      };
    case 'changeRole': {
      const role = input.role as CompanyRole;
      return {
        next: { ...user, role },
        before: { role: user.role },
        after: { role },
        message: `${name} is now ${COMPANY_ROLE_LABELS[role]}.`
      };
    }
    case 'delete':
      return {
        next: undefined,
        before: { displayName: name, email: user.email, role: user.role, access: user.access },
        after: {},
        message: user.invitation ? `${name} is deleted and their invitation no longer works.` : `${name} is deleted.`,
        afterWrite: async () => markLink(deps, user, 'revoked')
      };
  }
}

/** Shared by invite, re-invite and add-and-invite: rate limits, a new secret, the mail. */
export async function planInvitation(
  deps: PortalUserDeps,
  actor: Actor,
  company: Stored<CompanyDoc>,
  user: PortalUserDoc,
  isReinvite: boolean
): Promise<PlannedChange | Refusal> {
  const { invitations } = deps.settings;
  const now = deps.clock();
  const recent = (user.invitationsSent ?? []).filter((sentAt) => now.getTime() - Date.parse(sentAt) < DAY_MS);
  if (recent.length >= invitations.perPersonPerDay) {
    const retryAt = new Date(Date.parse(recent[0]) + DAY_MS).toISOString().replace('T', ' ').slice(0, 16);
    return refuse(
      'forbidden',
      `${user.displayName} has already been sent ${recent.length} invitations in the last 24 hours. Try again after ${retryAt} UTC.`
    );
  }
  if (!(await deps.repos.invitationBudget.reserve(company.companyId, now, invitations.perCompanyPerHour, HOUR_MS))) {
    return refuse(
      'forbidden',
      `${company.name} has sent ${invitations.perCompanyPerHour} invitations in the last hour, the most allowed. Try again later.`
    );
  }

  const { secret, hash } = newInvitationSecret();
  const expiresAt = new Date(now.getTime() + invitations.validDays * DAY_MS);
  await deps.repos.invitationLinks.create(hash, company.companyId, user.id);
  const link = acceptLink(deps.settings.publicUrl(), secret);
  const previous = user.invitation;
  return {
    next: {
      ...user,
      access: 'invited',
      invitation: { hash, sentAt: now.toISOString(), expiresAt: expiresAt.toISOString(), sentBy: actor.displayName },
      invitationsSent: [...recent, now.toISOString()]
    },
    before: { access: user.access, invitationExpiresAt: previous?.expiresAt },
    after: { access: 'invited', invitationExpiresAt: expiresAt.toISOString() },
    message: isReinvite
      ? `A new invitation is on its way to ${user.email}; the previous link no longer works.`
      : `An invitation is on its way to ${user.email}.`,
    shown: { link: deps.settings.showInvitationLinks ? link : undefined },
    afterWrite: async () => {
      if (previous) await deps.repos.invitationLinks.mark(previous.hash, 'replaced');
      const note = await mailInvitation(deps, user, company.name, link, expiresAt);
      return note ? { action: 'user.invitationMail', note } : undefined;
    }
  };
}

async function markLink(deps: PortalUserDeps, user: PortalUserDoc, state: 'revoked'): Promise<undefined> {
  if (user.invitation) await deps.repos.invitationLinks.mark(user.invitation.hash, state);
  return undefined;
}

export function companyTarget(company: CompanyDoc) {
  return { companyId: company.companyId, mspId: company.mspId, name: company.name, state: company.state };
}
