import { mkdirSync, openSync, fsyncSync, closeSync, writeFileSync, renameSync, readFileSync, existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server } from 'node:http';
import type { Store } from '../store/cosmos';
import { CONTAINER_SPEC, type ContainerName } from '../store/containerSpec';

/** Any key is accepted by the local server; this one only has the right shape. */
export const EMBEDDED_COSMOS_KEY = 'ZW1iZWRkZWQtbG9jYWwta2V5LW5vdC1hLXNlY3JldA==';

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  /** Marks the store dirty on every write request, so snapshots are taken only when needed. */
  readonly server: Server;
  close(): Promise<void>;
}

/**
 * Starts `@vercel/cosmosdb-server` in this process on 127.0.0.1 (embedded mode and tests). It keeps
 * everything in memory; `Snapshotter` keeps embedded mode's data across restarts.
 */
export async function startEmbeddedCosmos(): Promise<EmbeddedCosmos> {
  // Loaded lazily: it is a development dependency and production never reaches this code.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHttpServer } = require('@vercel/cosmosdb-server') as typeof import('@vercel/cosmosdb-server');
  const server = createHttpServer({ keepAlive: true });
  // Keep idle connections longer than the SDK's agent does: with Node's 5 s default, a socket the
  // server is just closing can be reused by the client ("socket hang up").
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: EMBEDDED_COSMOS_KEY,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

interface SnapshotFile {
  version: 1;
  database: string;
  takenAt: string;
  containers: Record<string, Record<string, unknown>[]>;
}

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_ts', '_attachments'];

/**
 * Keeps embedded mode's data across restarts: after writes, the containers are written to one JSON
 * file in the data folder, atomically (temporary file, fsync, rename), so a crash mid-write never
 * leaves a torn snapshot; on start the snapshot is loaded back.
 */
export class Snapshotter {
  private dirty = false;
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  readonly file: string;

  constructor(
    private readonly store: Store,
    dataDir: string,
    private readonly intervalMs = 1000
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, 'embedded-store.json');
  }

  /** Loads the snapshot, if there is one. Returns how many documents were restored. */
  async restore(): Promise<number> {
    if (!existsSync(this.file)) return 0;
    const snapshot = JSON.parse(readFileSync(this.file, 'utf8')) as SnapshotFile;
    let restored = 0;
    for (const [name, docs] of Object.entries(snapshot.containers)) {
      if (!CONTAINER_SPEC.containers.some((c) => c.id === name)) continue;
      const container = this.store.container(name as ContainerName);
      for (const doc of docs) {
        await container.items.upsert(doc);
        restored++;
      }
    }
    return restored;
  }

  /** Watches the local server's requests: any write marks the store dirty. */
  watch(server: Server): void {
    server.on('request', (req) => {
      const isQuery = String(req.headers['x-ms-documentdb-isquery'] ?? '') === 'true';
      if (req.method !== 'GET' && req.method !== 'HEAD' && !isQuery) this.dirty = true;
    });
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Writes a snapshot now if anything changed since the last one. */
  flush(): Promise<void> {
    if (!this.dirty) return this.writing;
    this.dirty = false;
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  private async write(): Promise<void> {
    const snapshot: SnapshotFile = { version: 1, database: CONTAINER_SPEC.database, takenAt: new Date().toISOString(), containers: {} };
    for (const spec of CONTAINER_SPEC.containers) {
      const { resources } = await this.store.container(spec.id as ContainerName).items.readAll().fetchAll();
      snapshot.containers[spec.id] = resources.map((doc) => {
        const copy: Record<string, unknown> = { ...doc };
        for (const field of SYSTEM_FIELDS) delete copy[field];
        return copy;
      });
    }
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(snapshot));
    const fd = openSync(temporary, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, this.file);
  }
}
