import type { LazyUsers, LocalTenant, LocalUser, LocalUserSource } from './types';

/** A change of one user, recorded for delta queries. */
interface ChangeEntry {
  seq: number;
  id: string;
  kind: 'upsert' | 'remove';
  /** The properties that changed; 'all' for a new (or restored) user. */
  props: ReadonlySet<string> | 'all';
  reason?: 'changed' | 'deleted';
}

/** The net change of one user over a span of the change log. */
export interface NetChange {
  id: string;
  kind: 'upsert' | 'remove';
  props: ReadonlySet<string> | 'all';
  reason?: 'changed' | 'deleted';
}

/** What tests may do to a local tenant's users; every change is recorded for delta queries. */
export interface LocalTenantControl {
  readonly tenantId: string;
  readonly displayName: string;
  readonly consented: boolean;
  count(): number;
  get(id: string): LocalUser | undefined;
  /** Every user in id order (lazily). */
  users(): Iterable<LocalUser>;
  /** A new user, or a removed one restored with the same id. */
  add(user: LocalUser): void;
  update(id: string, changes: Partial<Omit<LocalUser, 'id'>>): LocalUser;
  disable(id: string): LocalUser;
  enable(id: string): LocalUser;
  /** Deleted: restorable for 30 days (delta reason 'changed') or permanently (reason 'deleted'). */
  remove(id: string, options?: { permanently?: boolean }): void;
}

function isLazy(source: LocalUserSource): source is LazyUsers {
  return !Array.isArray(source);
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * A tenant's users: a base (an array sorted once by id, or generated users whose ids ascend) plus
 * an overlay of changes. Serving a page walks the base from a position found by binary search, so
 * nothing is copied per request and a generated tenant of 100 000 users stays cheap.
 */
export class TenantStore implements LocalTenantControl {
  readonly tenantId: string;
  readonly displayName: string;
  consented: boolean;
  /** Increments when tests expire the tenant's delta links. */
  deltaGeneration = 0;

  private readonly baseCount: number;
  private readonly baseIdAt: (index: number) => string;
  private readonly baseUserAt: (index: number) => LocalUser;
  /** Changed, added or removed (null) users, by id. */
  private readonly overrides = new Map<string, LocalUser | null>();
  /** Ids of users not in the base, ascending. */
  private readonly extraIds: string[] = [];
  private readonly log: ChangeEntry[] = [];
  private seqCounter = 0;

  constructor(tenant: LocalTenant) {
    this.tenantId = tenant.tenantId.toLowerCase();
    this.displayName = tenant.displayName;
    this.consented = tenant.consented;
    const source = tenant.users;
    if (isLazy(source)) {
      this.baseCount = source.count;
      this.baseIdAt = (i) => source.idAt(i);
      this.baseUserAt = (i) => source.userAt(i);
    } else {
      const sorted = [...source].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (let i = 1; i < sorted.length; i++) {
        if (sorted[i].id === sorted[i - 1].id) throw new Error(`Tenant ${tenant.tenantId} has two users with id ${sorted[i].id}`);
      }
      this.baseCount = sorted.length;
      this.baseIdAt = (i) => sorted[i].id;
      this.baseUserAt = (i) => sorted[i];
    }
  }

  /** The sequence number of the latest change. */
  get seq(): number {
    return this.seqCounter;
  }

  count(): number {
    let removedFromBase = 0;
    let aliveExtras = 0;
    for (const [id, user] of this.overrides) {
      const inBase = this.baseIndexOf(id) >= 0;
      if (inBase && user === null) removedFromBase++;
      if (!inBase && user !== null) aliveExtras++;
    }
    return this.baseCount - removedFromBase + aliveExtras;
  }

  get(id: string): LocalUser | undefined {
    if (this.overrides.has(id)) return this.overrides.get(id) ?? undefined;
    const index = this.baseIndexOf(id);
    return index >= 0 ? this.baseUserAt(index) : undefined;
  }

  /** A user by id or userPrincipalName (case-insensitive), as /users/{id | userPrincipalName} finds it. */
  find(key: string): LocalUser | undefined {
    const byId = this.get(key) ?? this.get(key.toLowerCase());
    if (byId) return byId;
    const wanted = key.toLowerCase();
    for (const user of this.usersAfter()) {
      if (user.userPrincipalName.toLowerCase() === wanted) return user;
    }
    return undefined;
  }

  users(): Iterable<LocalUser> {
    return this.usersAfter();
  }

  /** Users in id order, starting after `afterId`. */
  *usersAfter(afterId?: string): Generator<LocalUser> {
    let b = afterId === undefined ? 0 : this.baseUpperBound(afterId);
    let e = afterId === undefined ? 0 : upperBound(this.extraIds, afterId);
    while (b < this.baseCount || e < this.extraIds.length) {
      const baseId = b < this.baseCount ? this.baseIdAt(b) : undefined;
      const extraId = e < this.extraIds.length ? this.extraIds[e] : undefined;
      let user: LocalUser | null | undefined;
      if (extraId === undefined || (baseId !== undefined && baseId < extraId)) {
        const id = baseId as string;
        user = this.overrides.has(id) ? this.overrides.get(id) : this.baseUserAt(b);
        b++;
      } else {
        user = this.overrides.get(extraId);
        e++;
      }
      if (user) yield user;
    }
  }

  add(user: LocalUser): void {
    if (this.get(user.id)) throw new Error(`User ${user.id} already exists in tenant ${this.tenantId}`);
    if (this.baseIndexOf(user.id) < 0 && !this.overrides.has(user.id)) {
      this.extraIds.splice(upperBound(this.extraIds, user.id), 0, user.id);
    }
    this.overrides.set(user.id, { ...user });
    this.record({ id: user.id, kind: 'upsert', props: 'all' });
  }

  update(id: string, changes: Partial<Omit<LocalUser, 'id'>>): LocalUser {
    const current = this.get(id);
    if (!current) throw new Error(`No user ${id} in tenant ${this.tenantId}`);
    const next: LocalUser = { ...current, ...changes, id };
    const changed = new Set(
      (Object.keys(changes) as (keyof LocalUser)[]).filter((key) => key !== 'id' && !sameValue(current[key], next[key]))
    );
    if (changed.size === 0) return current;
    this.overrides.set(id, next);
    this.record({ id, kind: 'upsert', props: changed });
    return next;
  }

  disable(id: string): LocalUser {
    return this.update(id, { accountEnabled: false });
  }

  enable(id: string): LocalUser {
    return this.update(id, { accountEnabled: true });
  }

  remove(id: string, options: { permanently?: boolean } = {}): void {
    if (!this.get(id)) throw new Error(`No user ${id} in tenant ${this.tenantId}`);
    this.overrides.set(id, null);
    this.record({ id, kind: 'remove', props: 'all', reason: options.permanently ? 'deleted' : 'changed' });
  }

  /** The net change of each user changed in (since, upto], in id order. */
  changesBetween(since: number, upto: number): NetChange[] {
    const net = new Map<string, NetChange>();
    for (let i = lowerBoundSeq(this.log, since + 1); i < this.log.length && this.log[i].seq <= upto; i++) {
      const entry = this.log[i];
      const previous = net.get(entry.id);
      if (entry.kind === 'remove') {
        net.set(entry.id, { id: entry.id, kind: 'remove', props: 'all', reason: entry.reason });
      } else if (!previous) {
        net.set(entry.id, { id: entry.id, kind: 'upsert', props: entry.props });
      } else if (previous.kind === 'remove' || previous.props === 'all' || entry.props === 'all') {
        net.set(entry.id, { id: entry.id, kind: 'upsert', props: 'all' });
      } else {
        net.set(entry.id, { id: entry.id, kind: 'upsert', props: new Set([...previous.props, ...entry.props]) });
      }
    }
    return [...net.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private record(change: Omit<ChangeEntry, 'seq'>): void {
    this.seqCounter++;
    this.log.push({ ...change, seq: this.seqCounter });
  }

  private baseIndexOf(id: string): number {
    let lo = 0;
    let hi = this.baseCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const midId = this.baseIdAt(mid);
      if (midId === id) return mid;
      if (midId < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The first base index whose id is greater than `id`. */
  private baseUpperBound(id: string): number {
    let lo = 0;
    let hi = this.baseCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.baseIdAt(mid) <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function upperBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBoundSeq(log: readonly ChangeEntry[], seq: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log[mid].seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
