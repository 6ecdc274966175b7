import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { AuditRecorder } from '../../audit/recorder';
import type { StaffActor, SystemActor } from '../../domain/actor';
import type { GraphAccess } from '../../graph/graphAccess';
import { getUser, primaryEmail, type EntraUser } from '../../graph/users';
import { usersByEmail } from '../../graph/usersByEmail';
import type { Stored } from '../../store/documents';
import { ConflictError } from '../../store/errors';
import type { EntraIdentity, StaffDoc } from '../../store/model';
import type { Repositories } from '../../store/repositories';

/** A sender found not to be a pending staff member is not looked up again for this long. */
const NEGATIVE_CACHE_MS = 60_000;

/** The addresses a directory user answers to, lower-cased. */
function addressesOf(user: EntraUser): string[] {
  return [...new Set([user.mail, user.userPrincipalName, primaryEmail(user)].filter((a): a is string => Boolean(a?.includes('@'))).map((a) => a.trim().toLowerCase()))];
}

/**
 * Binds staff imported with an email only (from a PSA) to their Entra identity in the MSP's tenant.
 *
 * Security invariants held here:
 * - the email is matched against the MSP's own directory (Microsoft Graph), never against anything a
 *   person or a card says: at import by the directory's answer for that email, at a first message by
 *   the directory's record of the verified sender's object id;
 * - only an enabled member account of the MSP's tenant that is the one match is bound; an ambiguous
 *   answer binds nobody;
 * - once bound, the staff member is identified by the object id alone (the lookup), never again by email.
 */
export class StaffIdentityBinder {
  private readonly recentlyUnknown = new Map<string, number>();

  constructor(
    private readonly repos: Repositories,
    private readonly graph: GraphAccess,
    private readonly mspTenantId: string,
    private readonly audit: AuditRecorder,
    private readonly clock: () => Date,
    private readonly logger: Logger
  ) {}

  /** The identity in the MSP's tenant whose account has this email, if exactly one enabled member does. */
  async identityForEmail(email: string): Promise<EntraIdentity | undefined> {
    let users: EntraUser[];
    try {
      users = await usersByEmail(this.graph, this.mspTenantId, email);
    } catch (error) {
      this.logger.warn({ err: error }, 'staff email lookup in the MSP tenant failed; the person links at their first message');
      return undefined;
    }
    const wanted = email.trim().toLowerCase();
    const matches = users.filter((user) => user.accountEnabled && user.userType === 'Member' && addressesOf(user).includes(wanted));
    return matches.length === 1 ? { tenantId: this.mspTenantId, objectId: matches[0].id } : undefined;
  }

  /**
   * At a verified message from the MSP's tenant by someone who is not (yet) staff: when the directory
   * says the sender's account has the email of exactly one staff member still waiting to be linked,
   * binds them and returns the bound staff member.
   */
  async bindAtFirstMessage(identity: EntraIdentity): Promise<Stored<StaffDoc> | undefined> {
    if (identity.tenantId.toLowerCase() !== this.mspTenantId.toLowerCase()) return undefined;
    const waiting = (await this.repos.staff.list()).filter((member) => !member.identity && member.email);
    if (waiting.length === 0) return undefined;
    // Remembered per sender and per set of people waiting: someone imported since is looked for at once.
    const waitingSet = waiting.map((member) => `${member.id}:${member.email}`).sort().join(',');
    const key = createHash('sha256').update(`${identity.objectId.toLowerCase()}|${waitingSet}`).digest('hex');
    const now = this.clock().getTime();
    const unknownUntil = this.recentlyUnknown.get(key);
    if (unknownUntil !== undefined && unknownUntil > now) return undefined;
    let user: EntraUser | undefined;
    try {
      user = await getUser(this.graph, this.mspTenantId, identity.objectId);
    } catch (error) {
      this.logger.warn({ err: error }, 'reading the sender from the MSP tenant failed; not binding now');
      return undefined;
    }
    if (!user || !user.accountEnabled || user.userType !== 'Member') return this.unknown(key, now);
    const addresses = addressesOf(user);
    const candidates = waiting.filter((member) => addresses.includes((member.email as string).toLowerCase()));
    if (candidates.length !== 1) return this.unknown(key, now);
    const bound = await this.bind(candidates[0], identity, 'their first message');
    if (!bound) return this.unknown(key, now);
    this.recentlyUnknown.delete(key);
    return bound;
  }

  /**
   * Binds `staff` to `identity` with a conditional write and audits it. Undefined when the identity
   * belongs to someone else or the staff member changed meanwhile.
   */
  async bind(staff: Stored<StaffDoc>, identity: EntraIdentity, how: string, actor?: StaffActor): Promise<Stored<StaffDoc> | undefined> {
    let bound: Stored<StaffDoc> | 'taken';
    try {
      bound = await this.repos.staff.bindIdentity(staff, identity, this.clock().toISOString());
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
    if (bound === 'taken') return undefined;
    const system: SystemActor = { kind: 'system', mspId: this.repos.mspId, displayName: 'MSP Portal Admin (staff link)' };
    await this.audit.record({
      actor: actor ?? system,
      surface: actor ? 'bot' : 'system',
      action: 'staff.link',
      target: { kind: 'staff', id: staff.id, name: staff.displayName },
      before: { identity: null },
      after: { objectId: identity.objectId, by: `email ${staff.email ?? ''} at ${how}` },
      result: 'done'
    });
    return bound;
  }

  private unknown(key: string, now: number): undefined {
    if (this.recentlyUnknown.size > 10_000) this.recentlyUnknown.clear();
    this.recentlyUnknown.set(key, now + NEGATIVE_CACHE_MS);
    return undefined;
  }
}
