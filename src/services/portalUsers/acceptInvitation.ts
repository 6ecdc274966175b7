import type { InviteeActor } from '../../domain/actor';
import { effectivePortalAccess } from '../../domain/companyAccess';
import { ConflictError } from '../../store/errors';
import type { PortalUserDeps } from './deps';
import { hashInvitationSecret, looksLikeInvitationSecret } from './secrets';

/** What an invitation link shows. Only 'valid' offers the Accept button. */
export type InvitationLinkStatus =
  | { state: 'valid'; displayName: string; email: string; companyName: string; expiresAt: string }
  | { state: 'accepted'; displayName: string; companyName: string }
  | { state: 'used' | 'replaced' | 'revoked' | 'expired' | 'unknown' }
  | { state: 'paused'; companyName: string };

/**
 * Reads an invitation link without using it. A GET must never accept: mail scanners open links.
 * The user document is the authority; the link's lookup only says what became of an old link.
 */
export async function inspectInvitation(deps: PortalUserDeps, secret: string): Promise<InvitationLinkStatus> {
  if (!looksLikeInvitationSecret(secret)) return { state: 'unknown' };
  const hash = hashInvitationSecret(secret);
  const link = await deps.repos.invitationLinks.find(hash);
  if (!link?.companyId || !link.userId) return { state: 'unknown' };
  const [company, user] = await Promise.all([
    deps.repos.companies.get(link.companyId),
    deps.repos.portalUsers.get(link.companyId, link.userId)
  ]);
  if (!company || !user) return { state: 'revoked' };
  if (user.invitation?.hash !== hash) {
    if (link.invitationState === 'used' || user.acceptedInvitationHash === hash) return { state: 'used' };
    return { state: link.invitationState === 'replaced' ? 'replaced' : 'revoked' };
  }
  if (effectivePortalAccess(user.access, company) === 'paused') return { state: 'paused', companyName: company.name };
  if (user.access !== 'invited') return { state: 'revoked' };
  if (Date.parse(user.invitation.expiresAt) <= deps.clock().getTime()) return { state: 'expired' };
  return { state: 'valid', displayName: user.displayName, email: user.email, companyName: company.name, expiresAt: user.invitation.expiresAt };
}

/**
 * Accepts an invitation (the POST of the Accept button): the user becomes active, and the link is used
 * up in the same conditional write. A second press sees the link used.
 */
export async function acceptInvitation(deps: PortalUserDeps, secret: string): Promise<InvitationLinkStatus> {
  const status = await inspectInvitation(deps, secret);
  if (status.state !== 'valid') return status;
  const hash = hashInvitationSecret(secret);
  const link = await deps.repos.invitationLinks.find(hash);
  const user = link?.companyId && link.userId ? await deps.repos.portalUsers.get(link.companyId, link.userId) : undefined;
  if (!link?.companyId || !user || user.invitation?.hash !== hash) return inspectInvitation(deps, secret);

  const now = deps.clock().toISOString();
  try {
    await deps.repos.portalUsers.replace({ ...user, access: 'active', invitation: undefined, acceptedAt: now, acceptedInvitationHash: hash }, user);
  } catch (error) {
    if (error instanceof ConflictError) return inspectInvitation(deps, secret);
    throw error;
  }
  await deps.repos.invitationLinks.mark(hash, 'used');
  const actor: InviteeActor = { kind: 'invitee', mspId: user.mspId, companyId: user.companyId, userId: user.id, displayName: user.displayName };
  await deps.audit.record({
    actor,
    surface: 'invitationLink',
    action: 'user.acceptInvitation',
    companyId: user.companyId,
    target: { kind: 'portalUser', id: user.id, name: user.displayName },
    before: { access: 'invited' },
    after: { access: 'active' },
    result: 'done'
  });
  return { state: 'accepted', displayName: user.displayName, companyName: status.companyName };
}
