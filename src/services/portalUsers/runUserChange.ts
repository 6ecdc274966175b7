import type { Action } from '../../domain/actions';
import type { Actor } from '../../domain/actor';
import type { Refusal } from '../../domain/decision';
import { isEnabledAdmin } from '../../domain/lastAdmin';
import { authorize } from '../../domain/permissions';
import { COMPANY_ROLE_LABELS } from '../../domain/roles';
import type { Stored } from '../../store/documents';
import { ConflictError } from '../../store/errors';
import type { AuditSurface, CompanyDoc, PortalUserDoc } from '../../store/model';
import type { AdminReservation } from '../../store/repositories/adminGuard';
import { carrying, deleting, loadSettled, settle } from '../pendingAudit';
import { invalid, type ServiceResult } from '../result';
import type { PortalUserDeps } from './deps';
import { statusOf, toView, type PortalUserView } from './view';

/** Where a change comes from. Identity is the verified actor; everything else is re-checked. */
export interface UserChangeRequest {
  actor: Actor;
  surface: AuditSurface;
  companyId: string;
  userId: string;
  /** The version the person saw (from the card); a newer one means someone else changed it first. */
  expectedEtag?: string;
  /** One per card action: a double click or a Teams retry repeats it and must not act twice. */
  idempotencyKey: string;
  /** What was submitted, for the audit log's payload hash. */
  payload: unknown;
}

export interface Facts {
  company: Stored<CompanyDoc>;
  user: Stored<PortalUserDoc>;
  /**
   * When the user is an enabled Admin and the change could remove them: the company's enabled Admins
   * counting this user and none being removed by other changes (the admin guard). Otherwise NaN, as
   * the last-Admin rule does not look at it.
   */
  enabledAdmins: number;
}

export interface PlannedChange {
  /** The user's next document; `undefined` deletes the user. */
  next: PortalUserDoc | undefined;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  reason?: string;
  message: string;
  /** Runs once the write is in: mail, link tombstones. Returns a note to add to the message. */
  afterWrite?: (written: Stored<PortalUserDoc> | undefined) => Promise<string | undefined>;
  /** Extra value for the surface (the accept link in embedded mode). */
  link?: string;
}

export interface UserChangeValue {
  user?: PortalUserView;
  link?: string;
}

export type UserChangeResult = ServiceResult<UserChangeValue>;

/** Operations that can lower the number of enabled Admins go through the company's admin guard. */
const ADMIN_REDUCING: readonly Action[] = ['user.disable', 'user.delete', 'user.changeRole'];

/**
 * The one path of every change to an existing portal user, from any surface:
 * load from the store → permission → replay check → stale-card check → plan (rules; through the admin
 * guard when an enabled Admin could be removed) → one conditional write carrying its audit record → the
 * record appended (services/pendingAudit.ts) → side effects.
 * A refusal changes nothing and is audited.
 */
export async function runUserChange(
  deps: PortalUserDeps,
  request: UserChangeRequest,
  action: Action,
  plan: (facts: Facts) => Promise<PlannedChange | Refusal>
): Promise<UserChangeResult> {
  const { repos } = deps;
  const company = await repos.companies.get(request.companyId);
  const user = company ? await loadSettled(deps, 'portalUser', await repos.portalUsers.get(company.companyId, request.userId)) : undefined;
  if (!company || !user) {
    if (company && action === 'user.delete') {
      return { status: 'noop', message: 'This user has already been deleted.' };
    }
    const message = company ? 'That user does not exist (any more).' : 'That company does not exist (any more).';
    await audit(deps, request, action, company?.companyId, { result: 'refused', message });
    return invalid(message);
  }
  return change(deps, request, action, plan, { company, user, enabledAdmins: Number.NaN });
}

async function change(
  deps: PortalUserDeps,
  request: UserChangeRequest,
  action: Action,
  plan: (facts: Facts) => Promise<PlannedChange | Refusal>,
  facts: Facts
): Promise<UserChangeResult> {
  const { user, company } = facts;
  // Permission comes first: a stranger learns nothing from a replayed key or a guessed ETag.
  const permission = authorize(request.actor, action, {
    mspId: company.mspId,
    companyId: company.companyId,
    userId: user.id,
    role: user.role
  });
  if (!permission.ok) {
    await audit(deps, request, action, company.companyId, { result: 'refused', message: permission.reason, name: user.displayName });
    return { status: 'refused', code: permission.code, message: permission.reason };
  }
  if (user.lastActionKey === request.idempotencyKey) return replayed(user);
  if (request.expectedEtag && request.expectedEtag !== user._etag) return changedMeanwhile(user);

  const guarded = ADMIN_REDUCING.includes(action) && isEnabledAdmin(user);
  const outcome = guarded ? await planThroughGuard(deps, plan, facts) : { planned: await plan(facts), reservation: undefined };
  if (outcome === 'busy') {
    return {
      status: 'conflict',
      message: `Someone else is changing ${user.displayName} at this moment. Nothing was changed; look again in a moment.`,
      current: { user: toView(user) }
    };
  }
  const { planned, reservation } = outcome;
  if ('ok' in planned) {
    await audit(deps, request, action, company.companyId, { result: 'refused', message: planned.reason, name: user.displayName });
    return { status: 'refused', code: planned.code, message: planned.reason };
  }
  try {
    return await write(deps, request, action, facts, planned);
  } finally {
    await reservation?.release();
  }
}

/** Plans the change with the admin guard's count, and reserves the Admin's removal when it is allowed. */
async function planThroughGuard(
  deps: PortalUserDeps,
  plan: (facts: Facts) => Promise<PlannedChange | Refusal>,
  facts: Facts
): Promise<{ planned: PlannedChange | Refusal; reservation?: AdminReservation } | 'busy'> {
  const outcome = await deps.repos.adminGuard.reserve(facts.company.companyId, facts.user.id, async (enabledAdmins) => {
    const planned = await plan({ ...facts, enabledAdmins });
    return 'ok' in planned ? { allowed: false as const, refusal: planned } : { allowed: true as const, value: planned };
  });
  if (outcome === 'busy') return 'busy';
  return 'refusal' in outcome ? { planned: outcome.refusal } : { planned: outcome.value, reservation: outcome.reserved };
}

async function write(
  deps: PortalUserDeps,
  request: UserChangeRequest,
  action: Action,
  { user, company }: Facts,
  planned: PlannedChange
): Promise<UserChangeResult> {
  const record = {
    actor: request.actor,
    surface: request.surface,
    action,
    companyId: company.companyId,
    target: { kind: 'portalUser' as const, id: user.id, name: user.displayName },
    before: planned.before,
    after: planned.after,
    reason: planned.reason,
    payload: request.payload,
    result: 'done' as const,
    idempotencyKey: request.idempotencyKey
  };
  let written: Stored<PortalUserDoc> | undefined;
  try {
    const next = planned.next
      ? carrying(deps, { ...planned.next, lastActionKey: request.idempotencyKey, _etag: user._etag }, user, record)
      : deleting(deps, { ...user, lastActionKey: request.idempotencyKey }, record);
    written = await deps.repos.portalUsers.replace(next, user);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const now = await loadSettled(deps, 'portalUser', await deps.repos.portalUsers.get(company.companyId, user.id));
    if (!now) return { status: 'noop', message: `${user.displayName} has been deleted in the meantime.` };
    return now.lastActionKey === request.idempotencyKey ? replayed(now) : changedMeanwhile(now);
  }
  // The record is in the log from here on; a delete is done once it is.
  written = await settle(deps, 'portalUser', written);

  const note = planned.afterWrite ? await planned.afterWrite(written) : undefined;
  if (note) {
    await deps.audit.record({ ...record, action: 'user.invitationMail', before: undefined, after: undefined, reason: undefined, result: 'failed', message: note });
  }
  return {
    status: 'done',
    message: note ? `${planned.message} ${note}` : planned.message,
    value: { user: written ? toView(written) : undefined, link: planned.link }
  };
}

function replayed(user: Stored<PortalUserDoc>): UserChangeResult {
  return { status: 'done', message: `Done: ${user.displayName} is now ${statusOf(user).toLowerCase()}.`, value: { user: toView(user) } };
}

function changedMeanwhile(user: Stored<PortalUserDoc>): UserChangeResult {
  return {
    status: 'conflict',
    message: `Someone else changed ${user.displayName} since this card was shown. Nothing was changed; this is how it is now: ${statusOf(user).toLowerCase()}, ${COMPANY_ROLE_LABELS[user.role]}.`,
    current: { user: toView(user) }
  };
}

async function audit(
  deps: PortalUserDeps,
  request: UserChangeRequest,
  action: Action,
  companyId: string | undefined,
  outcome: { result: 'refused'; message: string; name?: string }
): Promise<void> {
  await deps.audit.record({
    actor: request.actor,
    surface: request.surface,
    action,
    companyId,
    target: { kind: 'portalUser', id: request.userId, name: outcome.name },
    payload: request.payload,
    result: outcome.result,
    message: outcome.message
  });
}
