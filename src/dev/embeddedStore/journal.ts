import { AsyncResource } from 'node:async_hooks';
import { open, truncate, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { readLines } from './lines';

/** One line of a journal: the document changes of one request, applied together on replay. */
export interface JournalEntry {
  db: string;
  coll: string;
  ops: JournalOp[];
}

/** A put carries the whole document as stored (with `_etag` and `_ts`); a delete its id and partition key. */
export type JournalOp = { op: 'put'; doc: Record<string, unknown> } | { op: 'delete'; id: string; partitionKey?: unknown };

export const journalFile = (dir: string, generation: number) => path.join(dir, `journal-${generation}.log`);
export const JOURNAL_NAME = /^journal-(\d+)\.log$/;

interface Pending {
  line: () => string;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * The append-only journal, with group commit: lines appended while a write and its fdatasync are in
 * flight go to disk together in the next one, so a request waits for at most two fdatasyncs and the
 * cost per request is its own bytes. Each generation is its own file; `rotate` sends later appends to
 * the next one (compaction), and a failed write moves on to a new file too, so a torn line can only
 * ever be the last of a file. Only async fs calls: the event loop never blocks.
 */
export class JournalWriter {
  private queue: Pending[] = [];
  private draining?: Promise<void>;
  private handle?: FileHandle;
  private handleGeneration = -1;
  private closed = false;
  private readonly bytes = new Map<number, number>();
  /**
   * Starts writing on the next turn, never now: the request appending is still making its changes.
   * Bound here, so the writes (and a compaction they start) run outside any request's async context.
   */
  private readonly start = AsyncResource.bind(() => {
    this.draining = new Promise<void>((done) => setImmediate(() => void this.drain().finally(done)));
  });

  constructor(
    private readonly dir: string,
    private current: number,
    private readonly afterWrite: () => void = () => undefined
  ) {}

  /** The generation new appends go to. */
  get generation(): number {
    return this.current;
  }

  /**
   * Appends one line (made when it is written, so it sees every change its request made) and resolves
   * once it is on disk. Lines reach the file in the order they were appended.
   */
  append(line: () => string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the embedded store is closed'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
      if (!this.draining) this.start();
    });
  }

  /** From now on appends go to the next generation; returns the one they went to until now. */
  rotate(): number {
    return this.current++;
  }

  /** Bytes written to generations after `generation`. */
  bytesAfter(generation: number): number {
    let total = 0;
    for (const [g, n] of this.bytes) if (g > generation) total += n;
    return total;
  }

  /** Counts bytes of generations found on start (replayed, not yet compacted). */
  count(generation: number, bytes: number): void {
    this.bytes.set(generation, (this.bytes.get(generation) ?? 0) + bytes);
  }

  /** Forgets the byte counts of generations up to `generation` (compacted into a snapshot). */
  forget(generation: number): void {
    for (const g of [...this.bytes.keys()]) if (g <= generation) this.bytes.delete(g);
  }

  /** Waits for every appended line to be written, then closes the file. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.draining) await this.draining;
    await this.handle?.close();
    this.handle = undefined;
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      const generation = this.current;
      let text = '';
      try {
        for (const pending of batch) text += pending.line();
        const data = Buffer.from(text);
        const handle = await this.fileFor(generation);
        for (let offset = 0; offset < data.length; ) offset += (await handle.write(data, offset, data.length - offset)).bytesWritten;
        await handle.datasync();
        this.bytes.set(generation, (this.bytes.get(generation) ?? 0) + data.length);
        for (const pending of batch) pending.resolve();
      } catch (error) {
        const failure = new Error(`journal write failed (${journalFile(this.dir, generation)}): ${(error as Error).message}`);
        for (const pending of batch) pending.reject(failure);
        // The file may end in part of this batch: never append after it.
        await this.handle?.close().catch(() => undefined);
        this.handle = undefined;
        if (this.current === generation) this.current++;
      }
    }
    this.draining = undefined;
    this.afterWrite();
  }

  private async fileFor(generation: number): Promise<FileHandle> {
    if (this.handle && this.handleGeneration === generation) return this.handle;
    await this.handle?.close();
    this.handle = undefined;
    // Exclusive: a generation's file is only ever created once, so nothing is appended after a torn tail.
    const handle = await open(journalFile(this.dir, generation), 'ax');
    await syncDirectory(this.dir);
    this.handle = handle;
    this.handleGeneration = generation;
    return handle;
  }
}

/** Makes a directory's entries (files created, renamed, removed) durable. (Windows cannot open a folder to fsync it.) */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Reads a journal, calling `apply` for each entry in order. A last line cut short (no newline: its
 * write never completed, so its request was never answered) is ignored and cut off the file; any
 * other unreadable line is corruption, reported with the file and line.
 */
export async function replayJournal(file: string, apply: (entry: JournalEntry) => void): Promise<{ entries: number; bytes: number; tornBytes: number }> {
  let entries = 0;
  const { validBytes, tornBytes } = await readLines(file, (line, lineNumber) => {
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch (error) {
      throw new Error(`${file}:${lineNumber}: corrupt journal entry (${(error as Error).message}); only a last line cut short is ignored`);
    }
    if (!entry || typeof entry.db !== 'string' || typeof entry.coll !== 'string' || !Array.isArray(entry.ops)) {
      throw new Error(`${file}:${lineNumber}: corrupt journal entry (not {db, coll, ops})`);
    }
    try {
      apply(entry);
    } catch (error) {
      throw new Error(`${file}:${lineNumber}: ${(error as Error).message}`);
    }
    entries++;
  });
  if (tornBytes) await truncate(file, validBytes);
  return { entries, bytes: validBytes, tornBytes };
}
