import { mkdir, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { JOURNAL_NAME, journalFile, JournalWriter, replayJournal, type JournalEntry, type JournalOp } from './journal';
import { LEGACY_SNAPSHOT_NAME, readLegacySnapshot, readSnapshot, SNAPSHOT_NAME, snapshotFile, snapshotTemporaryFile, writeSnapshot } from './snapshot';
import { deleteDocument, documentsOf, everyDocument, putDocument, type LibAccount } from './serverInternals';

export type StoreEvent =
  | { type: 'compaction-started'; generation: number; documents: number }
  | { type: 'compaction-finished'; generation: number; documents: number; bytes: number; ms: number }
  | { type: 'compaction-failed'; error: Error };

export interface PersistenceOptions {
  /** Compact once the journal since the last snapshot holds max(this, size of the last snapshot) bytes. */
  compactAfterBytes?: number;
  onEvent?: (event: StoreEvent) => void;
}

export interface RestoreReport {
  /** Documents in the store after the restore. */
  documents: number;
  snapshotDocuments: number;
  journalEntries: number;
  /** Bytes of a last journal line cut short by a crash, ignored (and cut off its file). */
  tornBytes: number;
  /** Changes for databases or containers that do not exist, not applied. */
  skippedOperations: number;
  /** Whether a compaction was cut short (its temporary snapshot was found, and removed). */
  interruptedCompaction: boolean;
  /** Whether the pre-journal `embedded-store.json` was loaded (and compacted into a snapshot). */
  migratedLegacySnapshot: boolean;
  ms: number;
}

export const DEFAULT_COMPACT_AFTER_BYTES = 16 * 1024 * 1024;

/** Drops what the server derives (`_rid`, `_self`, `_attachments`); keeps `_etag` and `_ts`. */
export function storedForm(doc: Record<string, unknown>): Record<string, unknown> {
  const { _rid, _self, _attachments, ...kept } = doc;
  return kept;
}

/**
 * The data folder of a durable embedded store: `snapshot.json` (generation s) and `journal-<g>.log`.
 * Restore loads the snapshot, replays the journals after s in order, and then appends to a new
 * generation. Compaction runs in the background once the journal outgrows the snapshot.
 */
export class Persistence {
  private journal?: JournalWriter;
  private snapshotGeneration = -1;
  private snapshotBytes = 0;
  private compaction?: Promise<void>;
  private closing = false;
  private readonly compactAfterBytes: number;

  constructor(
    private readonly account: LibAccount,
    readonly dir: string,
    private readonly options: PersistenceOptions = {}
  ) {
    this.compactAfterBytes = options.compactAfterBytes ?? DEFAULT_COMPACT_AFTER_BYTES;
  }

  /** Whether the store was restored and writes are being journaled. */
  get open(): boolean {
    return this.journal !== undefined && !this.closing;
  }

  /** Appends one request's changes (`ops` may still grow until the request's handler returns); resolves once on disk. */
  record(db: string, coll: string, ops: JournalOp[]): Promise<void> {
    if (!this.journal) return Promise.reject(new Error('the embedded store is not restored yet'));
    // Made when written: by then the request has made all its changes (they are synchronous).
    const line = () => `${JSON.stringify({ db, coll, ops: ops.map((op) => (op.op === 'put' ? { op: 'put', doc: storedForm(op.doc) } : op)) })}\n`;
    return this.journal.append(line);
  }

  /** Loads the data folder into the account (whose containers must exist), then starts journaling. */
  async restore(): Promise<RestoreReport> {
    if (this.journal) throw new Error('the embedded store is restored already');
    const started = process.hrtime.bigint();
    await mkdir(this.dir, { recursive: true });
    const names = await readdir(this.dir);
    const journals = names.flatMap((name) => (JOURNAL_NAME.test(name) ? [Number(JOURNAL_NAME.exec(name)![1])] : [])).sort((a, b) => a - b);
    const report: RestoreReport = {
      documents: 0,
      snapshotDocuments: 0,
      journalEntries: 0,
      tornBytes: 0,
      skippedOperations: 0,
      interruptedCompaction: names.includes(`${SNAPSHOT_NAME}.tmp`),
      migratedLegacySnapshot: false,
      ms: 0
    };
    if (report.interruptedCompaction) await unlink(snapshotTemporaryFile(this.dir));

    if (names.includes(SNAPSHOT_NAME)) {
      const snapshot = await readSnapshot(snapshotFile(this.dir), (db, coll, doc) => {
        const documents = documentsOf(this.account, db, coll);
        if (documents) putDocument(documents, doc);
        else report.skippedOperations++;
      });
      this.snapshotGeneration = snapshot.generation;
      this.snapshotBytes = snapshot.bytes;
      report.snapshotDocuments = snapshot.documents;
    }
    const replayed: [number, number][] = [];
    for (const generation of journals) {
      const file = journalFile(this.dir, generation);
      // Already in the snapshot: its compaction ended before the journal was removed.
      if (generation <= this.snapshotGeneration) {
        await unlink(file);
        continue;
      }
      const { entries, bytes, tornBytes } = await replayJournal(file, (entry) => this.apply(entry, report));
      report.journalEntries += entries;
      report.tornBytes += tornBytes;
      replayed.push([generation, bytes]);
    }

    const next = Math.max(this.snapshotGeneration, ...journals) + 1;
    this.journal = new JournalWriter(this.dir, next, () => this.maybeCompact());
    for (const [generation, bytes] of replayed) this.journal.count(generation, bytes);

    const legacy = path.join(this.dir, LEGACY_SNAPSHOT_NAME);
    if (names.includes(LEGACY_SNAPSHOT_NAME) && !names.includes(SNAPSHOT_NAME) && !journals.length) {
      const { database, containers } = await readLegacySnapshot(legacy);
      for (const [coll, docs] of Object.entries(containers)) {
        const documents = documentsOf(this.account, database, coll);
        for (const doc of docs) {
          if (documents) putDocument(documents, doc);
          else report.skippedOperations++;
        }
      }
      await this.compact();
      await rename(legacy, `${legacy}.migrated`);
      report.migratedLegacySnapshot = true;
    }
    report.documents = everyDocument(this.account).reduce((sum, group) => sum + group.docs.length, 0);
    report.ms = Number(process.hrtime.bigint() - started) / 1e6;
    this.maybeCompact();
    return report;
  }

  /**
   * Writes a snapshot of the whole store and removes the journals it covers. At one instant new appends
   * move to the next generation and every document's reference is taken (documents are replaced, never
   * changed in place); the snapshot is then written in chunks while requests go on. A change of that
   * instant may be in both the snapshot and the next journal: replaying it again is harmless (puts are
   * whole documents, deletes of missing documents do nothing).
   */
  compact(): Promise<void> {
    if (this.compaction) return this.compaction;
    if (!this.journal) return Promise.reject(new Error('the embedded store is not restored yet'));
    const journal = this.journal;
    const run = async () => {
      const started = Date.now();
      const generation = journal.rotate();
      const groups = everyDocument(this.account);
      const documents = groups.reduce((sum, group) => sum + group.docs.length, 0);
      this.options.onEvent?.({ type: 'compaction-started', generation, documents });
      const written = await writeSnapshot(this.dir, generation, groups, storedForm, () => this.closing);
      if (!written) return;
      this.snapshotGeneration = generation;
      this.snapshotBytes = written.bytes;
      journal.forget(generation);
      for (const name of await readdir(this.dir)) {
        const match = JOURNAL_NAME.exec(name);
        // A journal left behind (a failed removal) is removed on the next start.
        if (match && Number(match[1]) <= generation) await unlink(path.join(this.dir, name)).catch(() => undefined);
      }
      this.options.onEvent?.({ type: 'compaction-finished', generation, documents, bytes: written.bytes, ms: Date.now() - started });
    };
    this.compaction = run().finally(() => (this.compaction = undefined));
    return this.compaction;
  }

  /** Waits for the journal's last writes, abandons a compaction in progress. */
  async close(): Promise<void> {
    this.closing = true;
    await this.compaction?.catch(() => undefined);
    await this.journal?.close();
  }

  private maybeCompact(): void {
    if (!this.journal || this.closing || this.compaction) return;
    if (this.journal.bytesAfter(this.snapshotGeneration) < Math.max(this.compactAfterBytes, this.snapshotBytes)) return;
    this.compact().catch((error: Error) => {
      if (this.options.onEvent) this.options.onEvent({ type: 'compaction-failed', error });
      else console.error('embedded store: compaction failed', error);
    });
  }

  private apply(entry: JournalEntry, report: RestoreReport): void {
    const documents = documentsOf(this.account, entry.db, entry.coll);
    for (const op of entry.ops) {
      if (op?.op === 'put' && op.doc && typeof op.doc.id === 'string') {
        if (documents) putDocument(documents, op.doc);
        else report.skippedOperations++;
      } else if (op?.op === 'delete' && typeof op.id === 'string') {
        if (documents) deleteDocument(documents, op.id, op.partitionKey);
        else report.skippedOperations++;
      } else {
        throw new Error(`corrupt journal entry (unknown operation ${JSON.stringify(op).slice(0, 100)})`);
      }
    }
  }
}
