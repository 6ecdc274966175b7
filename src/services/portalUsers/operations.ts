import type { Actor } from '../../domain/actor';
import type { Refusal } from '../../domain/decision';
import { refuse } from '../../domain/decision';
import { isBackInEntra } from '../../domain/portalAccess';
import { COMPANY_ROLE_LABELS, type CompanyRole } from '../../domain/roles';
import { checkUserOperation, OPERATION_ACTION, type UserOperation } from '../../domain/userOperations';
import type { Stored } from '../../store/documents';
import type { CompanyDoc, PortalUserDoc } from '../../store/model';
import type { PortalUserDeps } from './deps';
import { acceptLink, mailInvitation } from './invitationMail';
import { runUserChange, type Facts, type PlannedChange, type UserChangeRequest, type UserChangeResult } from './runUserChange';
import { newInvitationSecret } from './secrets';

export interface OperationRequest extends UserChangeRequest {
  operation: UserOperation;
  /** The new role, for changeRole. */
  role?: CompanyRole;
}

/** Enabled or disabled again: no longer "back in Entra ID". */
const NOT_BACK = { entraBack: undefined, entraBackAt: undefined };

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** Performs one operation on one portal user: invite, re-invite, revoke, enable, disable, change role, delete. */
export function performUserOperation(deps: PortalUserDeps, request: OperationRequest): Promise<UserChangeResult> {
  return runUserChange(deps, request, OPERATION_ACTION[request.operation], (facts) => planOperation(deps, request, facts));
}

async function planOperation(deps: PortalUserDeps, request: OperationRequest, facts: Facts): Promise<PlannedChange | Refusal> {
  const { actor, operation } = request;
  const { company, user, enabledAdmins } = facts;
  const decision = checkUserOperation(actor, operation, user, companyTarget(company), enabledAdmins, request.role);
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
      const role = request.role as CompanyRole;
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
    link: deps.settings.showInvitationLinks ? link : undefined,
    afterWrite: async () => {
      if (previous) await deps.repos.invitationLinks.mark(previous.hash, 'replaced');
      return mailInvitation(deps, user, company.name, link, expiresAt);
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
