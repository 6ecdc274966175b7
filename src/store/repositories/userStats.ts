import type { Container } from '@azure/cosmos';
import { isEnabledAdmin } from '../../domain/lastAdmin';
import { isBackInEntra, type PortalAccess } from '../../domain/portalAccess';
import type { CompanyRole } from '../../domain/roles';
import { createDocument, readDocument } from '../documents';
import { AlreadyExistsError, statusOf } from '../errors';
import { queryAll } from '../paging';

export type AccessCounts = Record<PortalAccess, number>;

export interface UserStatsDoc {
  id: string;
  companyId: string;
  mspId: string;
  type: 'userStats';
  counts: AccessCounts;
  enabledAdmins: number;
  /** Users linked to an Entra user: a full sync that met fewer knows people were removed from Entra. */
  linked: number;
  /** Disabled because of Entra ID and back there since, waiting to be enabled (the users card's filter). */
  backInEntra: number;
  recountedAt: string;
}

interface UserShape {
  access: PortalAccess;
  role: CompanyRole;
  entraObjectId?: string;
  entraBack?: boolean;
}

/**
 * How many users of a company are in each portal-access state, kept on one small document next to them
 * and moved with atomic `incr` patches on every write, so the users card reads one document instead of
 * counting thousands. These counts are for display: rules that must be exact (the last-Admin rule)
 * count the users themselves. A recount rebuilds the document from the users.
 *
 * The document is created (from a count) before the first user write of a company, never after it:
 * a count taken while other writes are in flight and then patched by them would count them twice.
 */
export class UserStatsRepository {
  /** Companies whose counter document is known to exist; it is only removed with the company. */
  private readonly known = new Set<string>();

  constructor(
    private readonly container: Container,
    private readonly mspId: string
  ) {}

  /** The MSP's id is part of the id, so no MSP can read or shadow another MSP's counts. */
  private idOf(companyId: string): string {
    return `userStats-${this.mspId}-${companyId}`;
  }

  async get(companyId: string): Promise<UserStatsDoc> {
    const doc = await readDocument<UserStatsDoc>(this.container, this.idOf(companyId), companyId);
    // A counter document from before `linked` or `backInEntra` was counted is rebuilt once.
    if (doc && doc.mspId === this.mspId) return doc.linked === undefined || doc.backInEntra === undefined ? this.recount(companyId) : doc;
    await this.ensure(companyId);
    const created = await readDocument<UserStatsDoc>(this.container, this.idOf(companyId), companyId);
    return created && created.mspId === this.mspId ? created : this.count(companyId);
  }

  /** Makes sure the counter document exists; call before writing a user of the company. */
  async ensure(companyId: string): Promise<void> {
    if (this.known.has(companyId)) return;
    const existing = await readDocument<UserStatsDoc>(this.container, this.idOf(companyId), companyId);
    if (!existing) {
      try {
        await createDocument(this.container, await this.count(companyId));
      } catch (error) {
        if (!(error instanceof AlreadyExistsError)) throw error;
      }
    }
    this.known.add(companyId);
  }

  /** Moves the counts from `before` to `after` (undefined = the user does not exist on that side). */
  async record(companyId: string, before: UserShape | undefined, after: UserShape | undefined): Promise<void> {
    return this.recordMany(companyId, [[before, after]]);
  }

  /** Many moves in one patch (imports). */
  async recordMany(companyId: string, changes: [UserShape | undefined, UserShape | undefined][]): Promise<void> {
    const delta = new Map<string, number>();
    const add = (path: string, n: number) => delta.set(path, (delta.get(path) ?? 0) + n);
    for (const [before, after] of changes) {
      if (before) {
        add(`/counts/${before.access}`, -1);
        if (isEnabledAdmin(before)) add('/enabledAdmins', -1);
        if (before.entraObjectId) add('/linked', -1);
        if (isBackInEntra(before)) add('/backInEntra', -1);
      }
      if (after) {
        add(`/counts/${after.access}`, 1);
        if (isEnabledAdmin(after)) add('/enabledAdmins', 1);
        if (after.entraObjectId) add('/linked', 1);
        if (isBackInEntra(after)) add('/backInEntra', 1);
      }
    }
    const operations = [...delta].filter(([, n]) => n !== 0).map(([path, value]) => ({ op: 'incr' as const, path, value }));
    if (!operations.length) return;
    try {
      await this.container.item(this.idOf(companyId), companyId).patch(operations);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      // The document was removed under us: a fresh count already includes this change.
      this.known.delete(companyId);
      await this.recount(companyId);
    }
  }

  /** Rebuilds the counts from the users themselves. */
  async recount(companyId: string): Promise<UserStatsDoc> {
    const doc = await this.count(companyId);
    await this.container.items.upsert(doc);
    this.known.add(companyId);
    return doc;
  }

  private async count(companyId: string): Promise<UserStatsDoc> {
    const users = await queryAll<UserShape>(this.container, {
      query: "SELECT c.access, c.role, c.entraObjectId, c.entraBack FROM c WHERE c.mspId = @mspId AND c.companyId = @companyId AND c.type = 'portalUser'",
      parameters: [
        { name: '@mspId', value: this.mspId },
        { name: '@companyId', value: companyId }
      ]
    });
    const counts: AccessCounts = { none: 0, invited: 0, active: 0, disabled: 0 };
    for (const user of users) counts[user.access]++;
    return {
      id: this.idOf(companyId),
      companyId,
      mspId: this.mspId,
      type: 'userStats',
      counts,
      enabledAdmins: users.filter(isEnabledAdmin).length,
      linked: users.filter((user) => user.entraObjectId).length,
      backInEntra: users.filter(isBackInEntra).length,
      recountedAt: new Date().toISOString()
    };
  }
}
