import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { bulkCreate } from '../bulk';
import { createDocument, deleteDocument, readDocument, replaceDocument, type Stored } from '../documents';
import { AlreadyExistsError, ConflictError } from '../errors';
import type { LookupDoc, LookupKind } from '../model';

export type LookupTarget = Pick<LookupDoc, 'companyId' | 'userId' | 'staffId' | 'invitationState'>;

/**
 * A claim is written just before the document it points to. Until this much time has passed, a claim
 * whose document is missing may be a write still in flight, and is never taken over.
 */
export const STALE_CLAIM_AFTER_MS = 60_000;

/** Lower-cased, and hashed where the key may hold characters Cosmos ids forbid ('/', '\\', '?', '#'). */
function keyOf(kind: LookupKind, parts: string[]): string {
  const joined = parts.map((p) => p.toLowerCase()).join('|');
  return kind === 'companyName' ? createHash('sha256').update(joined).digest('hex') : joined;
}

/**
 * Lookups that cross companies (a company name, a tenant id, an Entra identity, an invitation secret's
 * hash) read one small document by id instead of scanning every partition.
 *
 * A lookup is a claim: it is created before the document it points to, so a name or tenant can be
 * taken by one company only. A claim left behind by a write that failed half-way points to nothing;
 * readers verify the target, and `claim` takes such a claim over once it is older than
 * STALE_CLAIM_AFTER_MS (a younger one may belong to a write still in flight).
 */
export class LookupRepository {
  constructor(
    private readonly container: Container,
    private readonly mspId: string
  ) {}

  idOf(kind: LookupKind, ...parts: string[]): string {
    return `${kind}|${this.mspId}|${keyOf(kind, parts)}`;
  }

  async get(kind: LookupKind, ...parts: string[]): Promise<Stored<LookupDoc> | undefined> {
    const id = this.idOf(kind, ...parts);
    const doc = await readDocument<LookupDoc>(this.container, id, id);
    return doc && doc.mspId === this.mspId ? doc : undefined;
  }

  /**
   * Creates the lookup. 'ours' when it already points to `target`: an earlier attempt of the same
   * change stopped after claiming it (or the same change runs twice at once); a caller whose write then
   * fails must not give an 'ours' claim back. If it is taken by another target's claim older than
   * STALE_CLAIM_AFTER_MS, `isStale(existing)` decides whether it points to nothing and may be taken
   * over; otherwise AlreadyExistsError.
   */
  async claim(
    kind: LookupKind,
    parts: string[],
    target: LookupTarget,
    isStale: (existing: Stored<LookupDoc>) => Promise<boolean> = async () => false
  ): Promise<'claimed' | 'ours'> {
    const id = this.idOf(kind, ...parts);
    const doc: LookupDoc = { id, mspId: this.mspId, type: 'lookup', kind, ...target, createdAt: new Date().toISOString() };
    try {
      await createDocument(this.container, doc);
      return 'claimed';
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await readDocument<LookupDoc>(this.container, id, id);
      if (existing && pointsTo(existing, target)) return 'ours';
      const settled = existing && Date.now() - Date.parse(existing.createdAt) > STALE_CLAIM_AFTER_MS;
      if (!existing || !settled || !(await isStale(existing))) throw error;
      await replaceDocument(this.container, { ...doc, _etag: existing._etag }, id);
      return 'claimed';
    }
  }

  /**
   * Claims many lookups in bulk. Per entry: 'claimed' when it is now (or already was) this target's,
   * 'taken' when it belongs to something else. Taken claims get the same stale check as `claim`.
   */
  async claimMany(
    kind: LookupKind,
    entries: { parts: string[]; target: LookupTarget }[],
    isStale: (existing: Stored<LookupDoc>) => Promise<boolean>
  ): Promise<('claimed' | 'taken')[]> {
    const now = new Date().toISOString();
    const docs: LookupDoc[] = entries.map((entry) => ({
      id: this.idOf(kind, ...entry.parts),
      mspId: this.mspId,
      type: 'lookup',
      kind,
      ...entry.target,
      createdAt: now
    }));
    const outcomes = await bulkCreate(this.container, docs, (doc) => doc.id);
    return Promise.all(
      outcomes.map(async (outcome, index) => {
        if (outcome === 'created') return 'claimed';
        const { parts, target } = entries[index];
        const existing = await this.get(kind, ...parts);
        if (existing && pointsTo(existing, target)) return 'claimed';
        try {
          await this.claim(kind, parts, target, isStale);
          return 'claimed';
        } catch (error) {
          if (error instanceof AlreadyExistsError) return 'taken';
          throw error;
        }
      })
    );
  }

  /** Writes a lookup whatever was there (for lookups that follow their document, like an Entra link). */
  async put(kind: LookupKind, parts: string[], target: LookupTarget): Promise<void> {
    const id = this.idOf(kind, ...parts);
    await this.container.items.upsert({ id, mspId: this.mspId, type: 'lookup', kind, ...target, createdAt: new Date().toISOString() } satisfies LookupDoc);
  }

  /**
   * Deletes the lookup only while it still points to `owner` (and only the version read), so a company
   * or user that is going away never frees a name or tenant someone else has claimed since.
   */
  async releaseIfOwned(kind: LookupKind, parts: string[], owner: LookupTarget): Promise<void> {
    const existing = await this.get(kind, ...parts);
    if (!existing) return;
    if (!pointsTo(existing, owner)) return;
    try {
      await deleteDocument(this.container, existing.id, existing.id, existing._etag);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  async release(kind: LookupKind, ...parts: string[]): Promise<void> {
    const id = this.idOf(kind, ...parts);
    await deleteDocument(this.container, id, id);
  }
}

/** Whether a lookup points to `target` (every field the target names). */
function pointsTo(existing: LookupDoc, target: LookupTarget): boolean {
  return (Object.keys(target) as (keyof LookupTarget)[]).every((field) => existing[field] === target[field]);
}
