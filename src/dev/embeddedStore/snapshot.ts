import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from './journal';
import { readLines } from './lines';

export const SNAPSHOT_NAME = 'snapshot.json';
export const snapshotFile = (dir: string) => path.join(dir, SNAPSHOT_NAME);
export const snapshotTemporaryFile = (dir: string) => path.join(dir, `${SNAPSHOT_NAME}.tmp`);

/** Documents written per chunk; the event loop answers requests between chunks. */
const CHUNK_DOCUMENTS = 1000;

interface SnapshotHeader {
  version: 1;
  /** The snapshot holds every change of the journals up to and including this generation. */
  generation: number;
  takenAt: string;
}

export interface SnapshotGroup {
  db: string;
  coll: string;
  /** The stored documents (references); written as they are at this moment, in chunks. */
  docs: Record<string, unknown>[];
}

/**
 * Writes a snapshot as JSON lines (a header, then one `{db, c, d}` line per document) to a temporary
 * file, fsyncs it, renames it into place and fsyncs the folder. `abandon` is asked between chunks (the
 * store is closing): the temporary file is then removed and nothing else changes.
 */
export async function writeSnapshot(
  dir: string,
  generation: number,
  groups: SnapshotGroup[],
  form: (doc: Record<string, unknown>) => Record<string, unknown>,
  abandon: () => boolean = () => false
): Promise<{ bytes: number; documents: number } | undefined> {
  const temporary = snapshotTemporaryFile(dir);
  const handle = await open(temporary, 'w');
  let bytes = 0;
  let documents = 0;
  let abandoned = false;
  const write = async (text: string) => {
    const data = Buffer.from(text);
    for (let offset = 0; offset < data.length; ) offset += (await handle.write(data, offset, data.length - offset)).bytesWritten;
    bytes += data.length;
  };
  try {
    const header: SnapshotHeader = { version: 1, generation, takenAt: new Date().toISOString() };
    await write(`${JSON.stringify(header)}\n`);
    for (const { db, coll, docs } of groups) {
      if (abandoned) break;
      for (let start = 0; start < docs.length; start += CHUNK_DOCUMENTS) {
        if ((abandoned = abandon())) break;
        let text = '';
        for (const doc of docs.slice(start, start + CHUNK_DOCUMENTS)) text += `${JSON.stringify({ db, c: coll, d: form(doc) })}\n`;
        await write(text);
        documents += Math.min(CHUNK_DOCUMENTS, docs.length - start);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    if (!abandoned) await handle.sync();
  } finally {
    await handle.close();
  }
  if (abandoned) {
    await unlink(temporary);
    return undefined;
  }
  await rename(temporary, snapshotFile(dir));
  await syncDirectory(dir);
  return { bytes, documents };
}

/** Loads a snapshot, calling `apply` for each document; resolves with its generation and size. */
export async function readSnapshot(
  file: string,
  apply: (db: string, coll: string, doc: Record<string, unknown>) => void
): Promise<{ generation: number; documents: number; bytes: number }> {
  let generation = -1;
  let documents = 0;
  const { tornBytes } = await readLines(file, (line, lineNumber) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${lineNumber}: corrupt snapshot line (${(error as Error).message})`);
    }
    if (lineNumber === 1) {
      const header = parsed as SnapshotHeader;
      if (header?.version !== 1 || !Number.isInteger(header.generation)) throw new Error(`${file}:1: not a snapshot header of version 1`);
      generation = header.generation;
      return;
    }
    const { db, c, d } = (parsed ?? {}) as { db?: unknown; c?: unknown; d?: Record<string, unknown> };
    if (typeof db !== 'string' || typeof c !== 'string' || !d || typeof d.id !== 'string') {
      throw new Error(`${file}:${lineNumber}: corrupt snapshot line (not {db, c, d})`);
    }
    apply(db, c, d);
    documents++;
  });
  if (generation < 0) throw new Error(`${file}: empty snapshot (no header)`);
  if (tornBytes) throw new Error(`${file}: the snapshot ends mid-line (it is renamed into place only once complete)`);
  return { generation, documents, bytes: (await stat(file)).size };
}

/** The single-JSON snapshot that embedded mode wrote before the journal (`embedded-store.json`). */
export const LEGACY_SNAPSHOT_NAME = 'embedded-store.json';

export async function readLegacySnapshot(file: string): Promise<{ database: string; containers: Record<string, Record<string, unknown>[]> }> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as { database?: unknown; containers?: unknown };
  if (typeof parsed.database !== 'string' || !parsed.containers || typeof parsed.containers !== 'object') {
    throw new Error(`${file}: not an embedded-store snapshot ({version, database, containers})`);
  }
  return { database: parsed.database, containers: parsed.containers as Record<string, Record<string, unknown>[]> };
}
