import type { AuditEntry } from '../../audit/recorder';
import type { Actor } from '../../domain/actor';
import { emailProblem, normaliseEmail } from '../../domain/email';
import { emailMatchKey, matchPerson, nameMatchKey, type MatchReason } from '../../domain/personMatch';
import { normaliseName, nameProblem } from '../../domain/personName';
import { addUserMatchQuestion } from '../../domain/portalUserMatch';
import { checkCompanyAcceptsUserChanges } from '../../domain/companyAccess';
import { authorize } from '../../domain/permissions';
import { phoneProblem } from '../../domain/phone';
import { COMPANY_ROLE_LABELS, isCompanyRole } from '../../domain/roles';
import { offeredOperations } from '../../domain/userOperations';
import { AlreadyExistsError } from '../../store/errors';
import { derivedId } from '../../store/ids';
import type { AuditSurface, PortalUserDoc } from '../../store/model';
import { carrying, loadSettled, settle } from '../pendingAudit';
import type { ServiceResult } from '../result';
import type { PortalUserDeps } from './deps';
import { companyTarget, performUserOperation } from './operations';
import type { UserChangeValue } from './operations';
import { toView } from './view';

export interface AddUserRequest {
  actor: Actor;
  surface: AuditSurface;
  companyId: string;
  idempotencyKey: string;
  payload: unknown;
  /** As typed on the form; validated here whatever the card already checked. */
  name: string;
  email: string;
  phone?: string;
  role: string;
  /** Give portal access now (send an invitation), or keep the person known without access. */
  invite: boolean;
  /**
   * The id of the possible match a person confirmed is someone else ("Add as a new person anyway"), as
   * the form sent it. It only lets this add go ahead despite that very possible match: never despite an
   * exact duplicate, a refusal, or invalid input.
   */
  addAnyway?: string;
}

/** The existing portal user the new person may be, with the question the form asks about them. */
export interface PossibleMatchOffer {
  id: string;
  displayName: string;
  email: string;
  reason: MatchReason;
  text: string;
}

/** A refusal for a possible match carries the match, so the form can ask and offer "add anyway". */
export type AddUserResult = ServiceResult<UserChangeValue> & { possibleMatch?: PossibleMatchOffer };

/**
 * Adds a person to a company, and invites them when asked. Emails are unique within a company,
 * case-insensitively: an existing person is shown with what can be done for them, never duplicated.
 * Someone who is possibly an existing person (personMatch.ts: the same email once folded, or the same
 * name) is added only once a person confirmed they are someone else; until then nothing is written.
 */
export async function addPortalUser(deps: PortalUserDeps, request: AddUserRequest): Promise<AddUserResult> {
  const { repos } = deps;
  const company = await repos.companies.get(request.companyId);
  const entry = (result: 'refused' | 'done', message: string, extra: object = {}): AuditEntry => ({
      actor: request.actor,
      surface: request.surface,
      action: 'user.add',
      companyId: company?.companyId,
      target: { kind: 'portalUser', id: derivedId(request.companyId, request.idempotencyKey), name: request.name },
      payload: request.payload,
      result,
      message,
      idempotencyKey: request.idempotencyKey,
      ...extra
    });
  const audit = (result: 'refused', message: string) => deps.audit.record(entry(result, message));
  if (!company) {
    const message = 'That company does not exist (any more).';
    await audit('refused', message);
    return { status: 'invalid', message };
  }

  // Adding a person is the invite row of the matrix whether or not the invitation goes out now:
  // the role decides (a Manager may add only Users and Training Only).
  const role = isCompanyRole(request.role) ? request.role : undefined;
  const permission = authorize(request.actor, 'user.invite', { mspId: company.mspId, companyId: company.companyId, role: role ?? 'user' });
  const open = checkCompanyAcceptsUserChanges(company);
  const refusal = !permission.ok ? permission : !open.ok ? open : undefined;
  if (refusal) {
    await audit('refused', refusal.reason);
    return { status: 'refused', code: refusal.code, message: refusal.reason };
  }

  const fields: Record<string, string> = {};
  const nameIssue = nameProblem(request.name ?? '');
  const emailIssue = emailProblem(request.email ?? '');
  const phoneIssue = request.phone ? phoneProblem(request.phone) : undefined;
  if (nameIssue) fields.name = nameIssue;
  if (emailIssue) fields.email = emailIssue;
  if (phoneIssue) fields.phone = phoneIssue;
  if (!role) fields.role = 'Choose a role: Admin, Manager, User or Training Only.';
  if (Object.keys(fields).length || !role) {
    const message = Object.values(fields).join(' ');
    await audit('refused', message);
    return { status: 'invalid', message, fields };
  }
  const mayGiveRole = authorize(request.actor, 'user.invite', { mspId: company.mspId, companyId: company.companyId, role });
  if (!mayGiveRole.ok) {
    await audit('refused', mayGiveRole.reason);
    return { status: 'refused', code: mayGiveRole.code, message: mayGiveRole.reason };
  }

  const email = request.email.trim();
  const id = derivedId(company.companyId, request.idempotencyKey);
  const existing = await loadSettled(deps, 'portalUser', await repos.portalUsers.findByEmail(company.companyId, email));
  if (existing && existing.id !== id) return alreadyThere(deps, request.actor, company, existing);

  if (!existing) {
    // Everyone the new person may be, by the keys the repository keeps: one query. This request's own
    // user (a retry that created it) is not a match of itself.
    const similar = (await repos.portalUsers.possibleMatches(company.companyId, { emails: [emailMatchKey(email)], names: [nameMatchKey(request.name)] })).filter((u) => u.id !== id);
    const match = matchPerson({ name: request.name, email }, similar);
    if (match.kind === 'exact') return alreadyThere(deps, request.actor, company, match.person);
    if (match.kind === 'possible' && match.person.id !== request.addAnyway) {
      const message = addUserMatchQuestion(match.person, match.reason);
      await audit('refused', message);
      const { id: matchId, displayName, email: matchEmail } = match.person;
      return { status: 'invalid', message, fields: { addAnyway: message }, possibleMatch: { id: matchId, displayName, email: matchEmail, reason: match.reason, text: message } };
    }
  }

  const now = deps.clock().toISOString();
  let user = existing;
  if (!user) {
    const doc: PortalUserDoc = {
      id,
      companyId: company.companyId,
      mspId: company.mspId,
      type: 'portalUser',
      displayName: normaliseName(request.name),
      email,
      emailKey: normaliseEmail(email),
      phone: request.phone?.trim() || undefined,
      role,
      access: 'none',
      lastActionKey: request.idempotencyKey,
      createdAt: now,
      updatedAt: now
    };
    try {
      const created = await repos.portalUsers.create(carrying(deps, doc, undefined, entry('done', `${doc.displayName} added`, { after: { displayName: doc.displayName, email, role } })));
      user = (await settle(deps, 'portalUser', created)) ?? created;
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      // Someone added this email at the same moment, or this very request is being retried: the email
      // is claimed, and the winner's document may be a moment behind its claim.
      let winner: Awaited<ReturnType<typeof repos.portalUsers.get>>;
      for (let attempt = 0; attempt < 20 && !winner; attempt++) {
        if (attempt) await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
        winner = (await repos.portalUsers.get(company.companyId, id)) ?? (await repos.portalUsers.findByEmail(company.companyId, email));
      }
      if (!winner) return { status: 'conflict', message: `Someone is adding ${email} to ${company.name} right now. Look again in a moment.` };
      if (winner.id !== id) return alreadyThere(deps, request.actor, company, winner);
      user = winner;
    }
  }

  const added = `${user.displayName} is added to ${company.name} as ${COMPANY_ROLE_LABELS[user.role]}`;
  if (!request.invite) {
    return { status: 'done', message: `${added}, without portal access for now.`, value: { user: toView(user) } };
  }
  const invited = await performUserOperation(deps, {
    actor: request.actor,
    surface: request.surface,
    companyId: company.companyId,
    userId: user.id,
    idempotencyKey: `${request.idempotencyKey}:invite`,
    payload: request.payload,
    operation: 'invite'
  });
  if (invited.status === 'done') return { ...invited, message: `${added}. ${invited.message}` };
  if (invited.status === 'refused' || invited.status === 'invalid') return { ...invited, message: `${added}, but not invited: ${invited.message}` };
  return invited;
}

async function alreadyThere(
  deps: PortalUserDeps,
  actor: Actor,
  company: Parameters<typeof companyTarget>[0],
  existing: Parameters<typeof toView>[0]
): Promise<ServiceResult<UserChangeValue>> {
  const admins = (await deps.repos.userStats.get(company.companyId)).enabledAdmins;
  const operations = offeredOperations(actor, existing, companyTarget(company), admins).filter((op) => op === 'reinvite' || op === 'invite');
  const offer = operations.includes('reinvite') ? ' You can re-invite them.' : operations.includes('invite') ? ' You can invite them.' : '';
  return {
    status: 'noop',
    message: `${existing.displayName} (${existing.email}) is already a portal user of ${company.name}: ${toView(existing).status.toLowerCase()}.${offer}`,
    current: { user: toView(existing, operations) }
  };
}
