import type { PortalUserActor } from '../../domain/actor';
import { checkPortalSignIn, PORTAL_ACCESS_PAUSED } from '../../domain/companyAccess';
import type { Stored } from '../../store/documents';
import { AlreadyExistsError, ConflictError } from '../../store/errors';
import { entraUserId } from '../../store/ids';
import type { CompanyDoc, EntraIdentity, PortalUserDoc } from '../../store/model';
import type { PortalUserDeps } from './deps';

/** A verified identity from the tab's token: never from request data. */
export interface TabIdentity extends EntraIdentity {
  /** The token's email (or user principal name): used only before the identity is bound. */
  email?: string;
  displayName?: string;
}

export type TabSignIn =
  | { status: 'signedIn'; actor: PortalUserActor; company: Stored<CompanyDoc>; user: Stored<PortalUserDoc>; acceptedInvitation: boolean }
  | { status: 'refused'; code: 'notConnected' | 'unknownUser' | 'paused' | 'noAccess' | 'busy'; message: string };

/**
 * Turns a verified token's identity into a portal user actor, on every request of the tab:
 * - the token's tenant names the company (one lookup); an archived company answers "Portal access is paused";
 * - the person is found by the bound (tenant id, object id); before the first sign-in only, by the Entra
 *   user they were imported from (same tenant) or by email, and the identity is then bound for good;
 * - only users with portal access get in: a disabled user is refused on the very next request;
 * - an invited user's first sign-in accepts the invitation (and uses up the link).
 */
export async function signInToTab(deps: PortalUserDeps, identity: TabIdentity): Promise<TabSignIn> {
  const company = await deps.repos.companies.findByTenant(identity.tenantId);
  if (!company || company.isMspCompany) {
    return { status: 'refused', code: 'notConnected', message: 'Your organisation is not connected to this portal. Ask your IT provider.' };
  }
  if (company.state !== 'active') {
    return { status: 'refused', code: 'paused', message: `${PORTAL_ACCESS_PAUSED} for ${company.name}. Contact your IT provider.` };
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const user = await findUser(deps, company, identity);
    if (!user) {
      return { status: 'refused', code: 'unknownUser', message: `You are not a portal user of ${company.name}. Ask your administrator for an invitation.` };
    }
    const access = checkPortalSignIn(user.access, company);
    if (!access.ok) return { status: 'refused', code: access.code === 'companyArchived' ? 'paused' : 'noAccess', message: access.reason };
    const bound = sameIdentity(user.identity, identity) && user.access === 'active' ? user : await bind(deps, user, identity);
    if (bound === 'retry') continue;
    if (bound === 'taken') break;
    return { status: 'signedIn', actor: actorOf(bound, identity), company, user: bound, acceptedInvitation: user.access === 'invited' };
  }
  return { status: 'refused', code: 'busy', message: 'Your sign-in could not be completed because your record changed at the same moment. Reload the tab.' };
}

/**
 * The actor of a portal user who signed in before, by their bound identity alone, while they may still
 * sign in (background work they started acts with their rights of now; nothing is bound or accepted here).
 */
export async function boundPortalUserActor(deps: PortalUserDeps, identity: EntraIdentity): Promise<PortalUserActor | undefined> {
  const lookup = await deps.repos.lookups.get('portalIdentity', identity.tenantId, identity.objectId);
  if (!lookup?.companyId || !lookup.userId) return undefined;
  const [company, user] = await Promise.all([deps.repos.companies.get(lookup.companyId), deps.repos.portalUsers.get(lookup.companyId, lookup.userId)]);
  if (!company || !user || !sameIdentity(user.identity, identity) || company.tenantId?.toLowerCase() !== identity.tenantId.toLowerCase()) return undefined;
  return user.access === 'active' && checkPortalSignIn(user.access, company).ok ? actorOf(user, identity) : undefined;
}

function sameIdentity(a: EntraIdentity | undefined, b: EntraIdentity): boolean {
  return !!a && a.tenantId.toLowerCase() === b.tenantId.toLowerCase() && a.objectId.toLowerCase() === b.objectId.toLowerCase();
}

/** Bound identity first; before the first sign-in, the Entra user imported from this tenant, then the email. */
async function findUser(deps: PortalUserDeps, company: Stored<CompanyDoc>, identity: TabIdentity): Promise<Stored<PortalUserDoc> | undefined> {
  const { repos } = deps;
  const companyId = company.companyId;
  const byIdentity = await repos.lookups.get('portalIdentity', identity.tenantId, identity.objectId);
  if (byIdentity?.companyId === companyId && byIdentity.userId) {
    const user = await repos.portalUsers.get(companyId, byIdentity.userId);
    if (user && sameIdentity(user.identity, identity)) return user;
  }
  const unbound = (user: Stored<PortalUserDoc> | undefined) => (user && !user.identity ? user : undefined);
  const objectId = identity.objectId.toLowerCase();
  const linked =
    (await repos.portalUsers.get(companyId, entraUserId(companyId, objectId))) ??
    (await repos.lookups.get('entraObject', companyId, objectId).then((l) => (l?.userId ? repos.portalUsers.get(companyId, l.userId) : undefined)));
  if (linked && linked.entraObjectId?.toLowerCase() === objectId) return unbound(linked);
  if (!identity.email) return undefined;
  const byEmail = await repos.portalUsers.findByEmail(companyId, identity.email);
  // An email never overrides an Entra link: a user imported from another Entra account is not this person.
  if (byEmail?.entraObjectId && byEmail.entraObjectId.toLowerCase() !== objectId) return undefined;
  return unbound(byEmail);
}

/**
 * Binds the identity (its lookup claimed first, so one Entra account is one portal user) and, for an
 * invited user, accepts the invitation in the same conditional write. Audited.
 */
async function bind(deps: PortalUserDeps, user: Stored<PortalUserDoc>, identity: TabIdentity): Promise<Stored<PortalUserDoc> | 'retry' | 'taken'> {
  const { repos } = deps;
  const owner = { companyId: user.companyId, userId: user.id };
  try {
    await repos.lookups.claim('portalIdentity', [identity.tenantId, identity.objectId], owner, async (existing) =>
      !existing.userId || !existing.companyId || !(await repos.portalUsers.get(existing.companyId, existing.userId))
    );
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    const existing = await repos.lookups.get('portalIdentity', identity.tenantId, identity.objectId);
    if (existing?.userId !== user.id || existing.companyId !== user.companyId) return 'taken';
  }
  const now = deps.clock().toISOString();
  const accepting = user.access === 'invited' && user.invitation ? user.invitation : undefined;
  const next: Stored<PortalUserDoc> = {
    ...user,
    identity: { tenantId: identity.tenantId.toLowerCase(), objectId: identity.objectId.toLowerCase() },
    ...(user.access === 'invited' ? { access: 'active' as const, invitation: undefined, acceptedAt: now, acceptedInvitationHash: accepting?.hash } : {})
  };
  let written: Stored<PortalUserDoc>;
  try {
    written = await repos.portalUsers.replace(next, user);
  } catch (error) {
    if (error instanceof ConflictError) return 'retry';
    throw error;
  }
  if (accepting) await repos.invitationLinks.mark(accepting.hash, 'used');
  const actor = actorOf(written, identity);
  const target = { kind: 'portalUser' as const, id: user.id, name: user.displayName };
  if (!user.identity) {
    await deps.audit.record({ actor, surface: 'tab', action: 'user.bindIdentity', companyId: user.companyId, target, before: {}, after: { identity: written.identity }, result: 'done' });
  }
  if (user.access === 'invited') {
    await deps.audit.record({ actor, surface: 'tab', action: 'user.acceptInvitation', companyId: user.companyId, target, before: { access: 'invited' }, after: { access: 'active' }, result: 'done' });
  }
  return written;
}

function actorOf(user: Stored<PortalUserDoc>, identity: TabIdentity): PortalUserActor {
  return {
    kind: 'portalUser',
    mspId: user.mspId,
    companyId: user.companyId,
    userId: user.id,
    role: user.role,
    displayName: user.displayName,
    tenantId: identity.tenantId.toLowerCase(),
    objectId: identity.objectId.toLowerCase()
  };
}
