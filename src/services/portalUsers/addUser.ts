import { z } from 'zod';
import type { Actor } from '../../domain/actor';
import { checkCompanyAcceptsUserChanges } from '../../domain/companyAccess';
import type { Refusal } from '../../domain/decision';
import { emailProblem, normaliseEmail } from '../../domain/email';
import { emailMatchKey, matchPerson, nameMatchKey } from '../../domain/personMatch';
import { normaliseName, nameProblem } from '../../domain/personName';
import { phoneProblem } from '../../domain/phone';
import { addUserMatchQuestion } from '../../domain/portalUserMatch';
import { COMPANY_ROLE_LABELS, isCompanyRole } from '../../domain/roles';
import { offeredOperations } from '../../domain/userOperations';
import type { Stored } from '../../store/documents';
import { derivedId } from '../../store/ids';
import type { CompanyDoc, PortalUserDoc } from '../../store/model';
import { CompanyIdInput } from '../operations/inputs';
import { runCreate } from '../operations/create';
import type { Answered, CreateOperation, CreateRun, InvalidInput, OperationRequest, PlannedCreate } from '../operations/operation';
import { NO_COMPANY } from '../operations/targets';
import { loadSettled, settle } from '../pendingAudit';
import type { PortalUserDeps } from './deps';
import { companyTarget, performUserOperation, type UserChangeResult, type UserChangeValue } from './operations';
import { toView } from './view';

export const AddUserInput = z.object({
  companyId: CompanyIdInput,
  /** As typed on the form; checked here whatever the form already checked. */
  name: z.string().max(1000).default(''),
  email: z.string().max(1000).default(''),
  phone: z.string().max(1000).optional(),
  role: z.string().max(50).default(''),
  /** Give portal access now (send an invitation), or keep the person known without access. */
  invite: z.boolean(),
  /**
   * The id of the possible match a person confirmed is someone else ("Add as a new person anyway"), as
   * the form sent it. It only lets this add go ahead despite that very possible match: never despite an
   * exact duplicate, a refusal, or invalid input.
   */
  addAnyway: z.string().max(100).optional()
});
type AddUserInput = z.infer<typeof AddUserInput>;
type Company = Stored<CompanyDoc>;
type AddRun = CreateRun<AddUserInput, Company>;

/**
 * user.add: a person added to a company, and invited when asked. Emails are unique within a company,
 * case-insensitively: an existing person is shown with what can be done for them, never duplicated.
 * Someone who is possibly an existing person (personMatch.ts: the same email once folded, or the same
 * name) is added only once a person confirmed they are someone else; until then nothing is written.
 */
export function addUserOperation(deps: PortalUserDeps): CreateOperation<AddUserInput, PortalUserDoc, UserChangeValue, Company> {
  const { repos } = deps;
  return {
    kind: 'create',
    id: 'user.add',
    // Adding a person is the invite row of the matrix whether or not the invitation goes out now: the
    // role decides (a Manager may add only Users and Training Only).
    action: 'user.invite',
    audit: 'user.add',
    input: AddUserInput,
    async context({ companyId }) {
      return (await repos.companies.get(companyId)) ?? { missing: NO_COMPANY };
    },
    idOf: ({ context, request }) => derivedId(context.companyId, request.idempotencyKey),
    permission: (_actor, { context, input }) => ({ mspId: context.mspId, companyId: context.companyId, role: isCompanyRole(input.role) ? input.role : 'user' }),
    load: async (id, { context }) => loadSettled(deps, 'portalUser', await repos.portalUsers.get(context.companyId, id)),
    audited: (id, { context, input }) => ({ companyId: context.companyId, target: { kind: 'portalUser', id, name: input.name } }),
    plan: (id, run) => planAdd(deps, id, run),
    create: (doc) => repos.portalUsers.create(doc),
    settle: (written) => settle(deps, 'portalUser', written),
    view: (doc) => ({ user: toView(doc) }),
    replayed: (doc, _view, run) => added(deps, doc, run),
    then: (created, _done, run) => added(deps, created, run)
  };
}

async function planAdd(deps: PortalUserDeps, id: string, run: AddRun): Promise<PlannedCreate<PortalUserDoc, UserChangeValue> | Refusal | InvalidInput | Answered<UserChangeValue>> {
  const { repos } = deps;
  const { input, context: company, request } = run;
  const open = checkCompanyAcceptsUserChanges(company);
  if (!open.ok) return open;
  const fields: Record<string, string> = {};
  const nameIssue = nameProblem(input.name);
  const emailIssue = emailProblem(input.email);
  const phoneIssue = input.phone ? phoneProblem(input.phone) : undefined;
  if (nameIssue) fields.name = nameIssue;
  if (emailIssue) fields.email = emailIssue;
  if (phoneIssue) fields.phone = phoneIssue;
  if (!isCompanyRole(input.role)) fields.role = 'Choose a role: Admin, Manager, User or Training Only.';
  if (Object.keys(fields).length || !isCompanyRole(input.role)) return { invalid: Object.values(fields).join(' '), fields };

  const email = input.email.trim();
  const existing = await loadSettled(deps, 'portalUser', await repos.portalUsers.findByEmail(company.companyId, email));
  if (existing) return { answer: existing.id === id ? await added(deps, existing, run) : await alreadyThere(deps, request.actor, company, existing) };
  // Everyone the new person may be, by the keys the repository keeps: one query.
  const similar = (await repos.portalUsers.possibleMatches(company.companyId, { emails: [emailMatchKey(email)], names: [nameMatchKey(input.name)] })).filter((u) => u.id !== id);
  const match = matchPerson({ name: input.name, email }, similar);
  if (match.kind === 'exact') return { answer: await alreadyThere(deps, request.actor, company, match.person) };
  if (match.kind === 'possible' && match.person.id !== input.addAnyway) {
    const text = addUserMatchQuestion(match.person, match.reason);
    return { invalid: text, fields: { addAnyway: text }, confirm: { id: match.person.id, text } };
  }

  const now = deps.clock().toISOString();
  const doc: PortalUserDoc = {
    id,
    companyId: company.companyId,
    mspId: company.mspId,
    type: 'portalUser',
    displayName: normaliseName(input.name),
    email,
    emailKey: normaliseEmail(email),
    phone: input.phone?.trim() || undefined,
    role: input.role,
    access: 'none',
    lastActionKey: request.idempotencyKey,
    createdAt: now,
    updatedAt: now
  };
  return {
    doc,
    after: { displayName: doc.displayName, email, role: doc.role },
    recorded: `${doc.displayName} added`,
    // What the person is told is the invitation's outcome too (`then`).
    message: `${doc.displayName} added`,
    // Someone added this email at the same moment, or this very request is being retried: the email is
    // claimed, and the winner's document may be a moment behind its claim.
    async whenTaken() {
      let winner: Stored<PortalUserDoc> | undefined;
      for (let attempt = 0; attempt < 20 && !winner; attempt++) {
        if (attempt) await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
        winner = (await repos.portalUsers.get(company.companyId, id)) ?? (await repos.portalUsers.findByEmail(company.companyId, email));
      }
      if (!winner) return { answer: { status: 'conflict', message: `Someone is adding ${email} to ${company.name} right now. Look again in a moment.` } };
      return { answer: winner.id === id ? await added(deps, winner, run) : await alreadyThere(deps, request.actor, company, winner) };
    }
  };
}

/** The answer once the person is added (by this request or a repeat of it): invited now when asked. */
async function added(deps: PortalUserDeps, user: Stored<PortalUserDoc>, { input, context: company, request }: AddRun): Promise<UserChangeResult> {
  const said = `${user.displayName} is added to ${company.name} as ${COMPANY_ROLE_LABELS[user.role]}`;
  if (!input.invite) return { status: 'done', message: `${said}, without portal access for now.`, value: { user: toView(user) } };
  const invited = await performUserOperation(deps, {
    actor: request.actor,
    surface: request.surface,
    companyId: company.companyId,
    userId: user.id,
    idempotencyKey: `${request.idempotencyKey}:invite`,
    payload: request.payload,
    operation: 'invite'
  });
  if (invited.status === 'done') return { ...invited, message: `${said}. ${invited.message}` };
  if (invited.status === 'refused' || invited.status === 'invalid') return { ...invited, message: `${said}, but not invited: ${invited.message}` };
  return invited;
}

async function alreadyThere(
  deps: PortalUserDeps,
  actor: Actor,
  company: Parameters<typeof companyTarget>[0],
  existing: Parameters<typeof toView>[0]
): Promise<UserChangeResult> {
  const admins = (await deps.repos.userStats.get(company.companyId)).enabledAdmins;
  const operations = offeredOperations(actor, existing, companyTarget(company), admins).filter((op) => op === 'reinvite' || op === 'invite');
  const offer = operations.includes('reinvite') ? ' You can re-invite them.' : operations.includes('invite') ? ' You can invite them.' : '';
  return {
    status: 'noop',
    message: `${existing.displayName} (${existing.email}) is already a portal user of ${company.name}: ${toView(existing).status.toLowerCase()}.${offer}`,
    current: { user: toView(existing, operations) }
  };
}

/** A request to add a person, as the composition root's callers and tests make it. */
export interface AddUserRequest extends Omit<OperationRequest, 'input' | 'expectedEtag'> {
  companyId: string;
  name: string;
  email: string;
  phone?: string;
  role: string;
  invite: boolean;
  addAnyway?: string;
}

/** Adds a person (the operation user.add, run by the pipeline's create path). */
export function addPortalUser(deps: PortalUserDeps, request: AddUserRequest): Promise<UserChangeResult> {
  const { actor, surface, idempotencyKey, payload, ...input } = request;
  return runCreate(deps, addUserOperation(deps), { actor, surface, idempotencyKey, payload, input });
}
