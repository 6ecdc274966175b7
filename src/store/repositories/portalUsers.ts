import type { Container, SqlParameter } from '@azure/cosmos';
import { chunks, forEachLimit } from '../../concurrency';
import type { UserCategory } from '../../domain/portalAccess';
import { bulkCreate, bulkDelete } from '../bulk';
import { clearPendingAudit, createDocument, deleteDocument, readDocument, replaceDocument, type Stored } from '../documents';
import { AlreadyExistsError, EmailTakenError } from '../errors';
import { entraUserId } from '../ids';
import type { PortalUserDoc } from '../model';
import { queryAll, queryCount, queryPage, queryValues, type Page, type PageRequest } from '../paging';
import type { LookupRepository } from './lookups';
import { backfillMatchKeys, possibleMatches, unlinkedUsers, withMatchKeys } from './portalUserMatches';
import type { UserStatsRepository } from './userStats';

/** Bulk requests take 100 operations; several chunks are in flight at once. */
const CHUNK = 100;
const CHUNKS_IN_FLIGHT = 8;

const ACCESS_OF_CATEGORY: Record<UserCategory, PortalUserDoc['access']> = {
  enabled: 'active',
  disabled: 'disabled',
  unconfirmed: 'invited',
  noAccess: 'none'
};

export type PortalUserFactsRow = Pick<PortalUserDoc, 'id' | 'displayName' | 'email' | 'emailKey' | 'entraObjectId' | 'access' | 'disabledReason' | 'entraBack' | 'lastActionKey' | 'role'>;

export interface PortalUserListRequest extends PageRequest {
  category?: UserCategory;
  /** Only the people flagged as back in Entra ID (with category 'disabled'). */
  entraBack?: boolean;
  /** Matches the name or the email, case-insensitively. */
  search?: string;
}

/**
 * Portal users, partitioned by company. Every query names both the MSP and the company partition,
 * so real Cosmos DB runs it in one partition (the local server ignores the partitionKey option).
 *
 * Invariant kept here for every write: a user linked to an Entra user is found by point reads alone,
 * by its id when that is the one derived from the Entra object id, else by the `entraObject` lookup.
 */
export class PortalUserRepository {
  constructor(
    private readonly container: Container,
    private readonly lookups: LookupRepository,
    private readonly stats: UserStatsRepository,
    readonly mspId: string
  ) {}

  async get(companyId: string, userId: string): Promise<Stored<PortalUserDoc> | undefined> {
    const doc = await readDocument<PortalUserDoc>(this.container, userId, companyId);
    return doc && doc.mspId === this.mspId && doc.companyId === companyId ? doc : undefined;
  }

  /** Clears the audit record(s) a portal user carries once they are in the log; undefined when it changed meanwhile. */
  clearPendingAudit(doc: Stored<PortalUserDoc>): Promise<Stored<PortalUserDoc> | undefined> {
    return clearPendingAudit(this.container, doc, doc.companyId);
  }

  /** Portal users of every company whose audit records are not in the log yet. */
  withPendingAudit(): Promise<Stored<PortalUserDoc>[]> {
    return queryAll(this.container, { query: 'SELECT * FROM c WHERE c.mspId = @mspId AND IS_DEFINED(c.pendingAudit)', parameters: [{ name: '@mspId', value: this.mspId }] });
  }

  /** An email claim is stale when its user is gone or no longer has that email (a write that stopped half-way). */
  private emailClaimStale(companyId: string, emailKey: string) {
    return async (existing: { userId?: string }): Promise<boolean> => {
      const user = existing.userId ? await this.get(companyId, existing.userId) : undefined;
      return !user || user.emailKey !== emailKey;
    };
  }

  /**
   * Creates a portal user after claiming its email within the company, so that two people adding the
   * same address at once cannot both succeed. Throws AlreadyExistsError when the email or id is taken.
   */
  async create(input: PortalUserDoc): Promise<Stored<PortalUserDoc>> {
    const user = withMatchKeys(input);
    await this.stats.ensure(user.companyId);
    const claim = await this.lookups.claim('portalEmail', [user.companyId, user.emailKey], { companyId: user.companyId, userId: user.id }, this.emailClaimStale(user.companyId, user.emailKey));
    let created: Stored<PortalUserDoc>;
    try {
      created = await createDocument(this.container, user);
    } catch (error) {
      // A claim this very create made before it stopped is not given back: a twin of it may have won.
      if (claim === 'claimed') await this.lookups.release('portalEmail', user.companyId, user.emailKey);
      throw error;
    }
    await this.stats.record(user.companyId, undefined, created);
    await this.linkLookup(created, undefined);
    return created;
  }

  /** Keeps the `entraObject` lookup of a linked user whose id is not derived from its Entra object id. */
  private async linkLookup(user: PortalUserDoc, before: PortalUserDoc | undefined): Promise<void> {
    const objectId = user.entraObjectId?.toLowerCase();
    if (!objectId || objectId === before?.entraObjectId?.toLowerCase()) return;
    if (user.id === entraUserId(user.companyId, objectId)) return;
    await this.lookups.put('entraObject', [user.companyId, objectId], { companyId: user.companyId, userId: user.id });
  }

  /**
   * Creates many users of one company in bulk (imports): their email claims, then the users, then one
   * counter update. Per user: 'created'; 'exists' when a user with this id exists already (the same
   * import retried); 'emailTaken' when someone else in the company has the email.
   */
  async createMany(companyId: string, input: PortalUserDoc[]): Promise<('created' | 'exists' | 'emailTaken')[]> {
    const users = input.map(withMatchKeys);
    await this.stats.ensure(companyId);
    const outcomes: ('created' | 'exists' | 'emailTaken')[] = new Array(users.length).fill('emailTaken');
    const createdUsers: PortalUserDoc[] = [];
    // Chunk by chunk, each chunk's emails claimed before its users are created, several chunks at once:
    // one chunk's users are written while the next one's emails are claimed.
    await forEachLimit(chunks(users, CHUNK), CHUNKS_IN_FLIGHT, async (chunk, chunkIndex) => {
      const start = chunkIndex * CHUNK;
      const claims = await this.lookups.claimMany(
        'portalEmail',
        chunk.map((user) => ({ parts: [companyId, user.emailKey], target: { companyId, userId: user.id } })),
        async (existing) => !existing.userId || !(await this.get(companyId, existing.userId))
      );
      const toCreate = chunk.filter((_, i) => claims[i] === 'claimed');
      const created = await bulkCreate(this.container, toCreate, (user) => user.companyId);
      const outcomeById = new Map(toCreate.map((user, i) => [user.id, created[i]]));
      chunk.forEach((user, i) => (outcomes[start + i] = outcomeById.get(user.id) ?? 'emailTaken'));
      for (const [i, user] of toCreate.entries()) {
        if (created[i] !== 'created') continue;
        createdUsers.push(user);
        await this.linkLookup(user, undefined);
      }
    });
    await this.stats.recordMany(companyId, createdUsers.map((user) => [undefined, user]));
    return outcomes;
  }

  /**
   * Every user of the company with only the fields imports and syncs compare, page by page in no order
   * (no sort to pay for): the one paged read per company that the Entra import and sync make.
   */
  async *scanFacts(companyId: string, pageSize = 5000): AsyncGenerator<PortalUserFactsRow[]> {
    const { filters, parameters } = this.scope(companyId);
    const query = `SELECT c.id, c.displayName, c.email, c.emailKey, c.entraObjectId, c.access, c.disabledReason, c.entraBack, c.lastActionKey, c.role FROM c WHERE ${filters.join(' AND ')}`;
    let token: string | undefined;
    do {
      const page = await this.container.items.query<PortalUserFactsRow>({ query, parameters }, { maxItemCount: pageSize, continuationToken: token }).fetchNext();
      yield page.resources;
      token = page.continuationToken;
    } while (token);
  }

  /** Every email already used in the company (one query), for planning an import. */
  async emailKeys(companyId: string): Promise<Set<string>> {
    const { filters, parameters } = this.scope(companyId);
    const keys = await queryValues<string>(this.container, { query: `SELECT VALUE c.emailKey FROM c WHERE ${filters.join(' AND ')}`, parameters });
    return new Set(keys);
  }

  /**
   * A replace that may change the email: the new email is claimed first (EmailTakenError if someone else
   * has it), the old one given back after the write. `user` carries the ETag of `before`.
   */
  async replaceWithEmail(user: PortalUserDoc, before: Stored<PortalUserDoc>): Promise<Stored<PortalUserDoc>> {
    const emailChanged = user.emailKey !== before.emailKey;
    let claim: 'claimed' | 'ours' | undefined;
    if (emailChanged) {
      try {
        claim = await this.lookups.claim('portalEmail', [user.companyId, user.emailKey], { companyId: user.companyId, userId: user.id }, this.emailClaimStale(user.companyId, user.emailKey));
      } catch (error) {
        if (error instanceof AlreadyExistsError) throw new EmailTakenError(user.email);
        throw error;
      }
    }
    let written: Stored<PortalUserDoc>;
    try {
      written = await this.replace({ ...user, _etag: before._etag }, before);
    } catch (error) {
      if (claim === 'claimed') await this.lookups.release('portalEmail', user.companyId, user.emailKey);
      throw error;
    }
    if (emailChanged) await this.lookups.release('portalEmail', before.companyId, before.emailKey);
    return written;
  }

  /** Conditional replace of the version `before` was read as (its ETag rides on `user`). */
  async replace(user: Stored<PortalUserDoc>, before: PortalUserDoc): Promise<Stored<PortalUserDoc>> {
    await this.stats.ensure(user.companyId);
    const written = await replaceDocument(this.container, { ...withMatchKeys(user), updatedAt: new Date().toISOString() }, user.companyId);
    await this.stats.record(user.companyId, before, written);
    await this.linkLookup(written, before);
    return written;
  }

  /** Deletes the version that was read (ConflictError if it changed) and frees its email. */
  async delete(user: Stored<PortalUserDoc>): Promise<void> {
    await this.stats.ensure(user.companyId);
    await deleteDocument(this.container, user.id, user.companyId, user._etag);
    await this.stats.record(user.companyId, user, undefined);
    await this.lookups.release('portalEmail', user.companyId, user.emailKey);
  }

  /** Up to `count` of the company's users, in no order (a company being deleted takes them away batch by batch). */
  async batch(companyId: string, count: number): Promise<Stored<PortalUserDoc>[]> {
    const { filters, parameters } = this.scope(companyId);
    return queryAll(this.container, { query: `SELECT TOP ${Math.max(1, Math.min(count, 1000))} * FROM c WHERE ${filters.join(' AND ')}`, parameters });
  }

  /**
   * Removes users of a company that is being deleted: each pending invitation link is marked revoked
   * (so it gets the "withdrawn" page), the lookups that point to the user are released, then the users
   * are deleted in bulk. No counters are kept: the company's own documents go next. Safe to repeat.
   */
  async removeForCompanyDeletion(users: PortalUserDoc[], markInvitation: (hash: string) => Promise<void>): Promise<void> {
    await Promise.all(
      users.map(async (user) => {
        const owner = { companyId: user.companyId, userId: user.id };
        if (user.invitation) await markInvitation(user.invitation.hash);
        await this.lookups.releaseIfOwned('portalEmail', [user.companyId, user.emailKey], owner);
        if (user.entraObjectId) await this.lookups.releaseIfOwned('entraObject', [user.companyId, user.entraObjectId.toLowerCase()], owner);
        if (user.identity) await this.lookups.releaseIfOwned('portalIdentity', [user.identity.tenantId, user.identity.objectId], owner);
      })
    );
    await bulkDelete(this.container, users.map((user) => ({ id: user.id, partitionKey: user.companyId })));
  }

  private scope(companyId: string): { filters: string[]; parameters: SqlParameter[] } {
    return {
      filters: ['c.mspId = @mspId', 'c.companyId = @companyId', "c.type = 'portalUser'"],
      parameters: [
        { name: '@mspId', value: this.mspId },
        { name: '@companyId', value: companyId }
      ]
    };
  }

  async list(companyId: string, request: PortalUserListRequest): Promise<Page<Stored<PortalUserDoc>>> {
    const { filters, parameters } = this.scope(companyId);
    if (request.category) {
      filters.push('c.access = @access');
      parameters.push({ name: '@access', value: ACCESS_OF_CATEGORY[request.category] });
    }
    if (request.entraBack) filters.push('c.entraBack = true');
    const search = request.search?.trim().toLowerCase();
    if (search) {
      filters.push('(CONTAINS(LOWER(c.displayName), @search) OR CONTAINS(c.emailKey, @search))');
      parameters.push({ name: '@search', value: search });
    }
    const query = `SELECT * FROM c WHERE ${filters.join(' AND ')} ORDER BY c.displayName`;
    return queryPage<Stored<PortalUserDoc>>(this.container, { query, parameters }, request);
  }

  /** The company's user with this email, compared case-insensitively: one lookup read and one point read. */
  async findByEmail(companyId: string, email: string): Promise<Stored<PortalUserDoc> | undefined> {
    const emailKey = email.trim().toLowerCase();
    const lookup = await this.lookups.get('portalEmail', companyId, emailKey);
    const user = lookup?.userId ? await this.get(companyId, lookup.userId) : undefined;
    return user && user.emailKey === emailKey ? user : undefined;
  }


  /** Users whose folded email or normalised name is one of `keys` (see portalUserMatches.ts): one query for a page of rows. */
  possibleMatches(companyId: string, keys: { emails: string[]; names: string[] }): Promise<Stored<PortalUserDoc>[]> {
    return possibleMatches(this.container, this.scope(companyId), keys);
  }

  /** Users linked to no Entra user whose name or email contains `search`, by name: who a row may be linked to by hand. */
  unlinked(companyId: string, search: string, top: number): Promise<Stored<PortalUserDoc>[]> {
    return unlinkedUsers(this.container, this.scope(companyId), search, top);
  }

  /** Gives users stored before match keys existed their keys; how many were updated. */
  backfillMatchKeys(): Promise<number> {
    return backfillMatchKeys(this.container, this.mspId);
  }

  async countEnabledAdmins(companyId: string): Promise<number> {
    const { filters, parameters } = this.scope(companyId);
    filters.push("c.role = 'admin'", "c.access = 'active'");
    return queryCount(this.container, { query: `SELECT VALUE COUNT(1) FROM c WHERE ${filters.join(' AND ')}`, parameters });
  }

  /** Users per category, from the company's counter document (display only). */
  async countByCategory(companyId: string): Promise<Record<UserCategory, number>> {
    const { counts } = await this.stats.get(companyId);
    return { enabled: counts.active, disabled: counts.disabled, unconfirmed: counts.invited, noAccess: counts.none };
  }

}
