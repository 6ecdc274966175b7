import type { Server } from 'node:http';
import { Persistence, type RestoreReport, type StoreEvent } from './embeddedStore/persistence';
import { listenCosmosServer } from './embeddedStore/server';

export type { RestoreReport, StoreEvent } from './embeddedStore/persistence';

/** Any key is accepted by the local server; this one only has the right shape. */
export const EMBEDDED_COSMOS_KEY = 'ZW1iZWRkZWQtbG9jYWwta2V5LW5vdC1hLXNlY3JldA==';

export interface EmbeddedCosmosOptions {
  /**
   * The data folder: every write is journaled there (fsynced before it is answered) and loaded back by
   * `restore()`. Without it, everything stays in memory (tests).
   */
  dataDir?: string;
  /** Compact the journal into a snapshot once it holds max(this, size of the last snapshot) bytes (default 16 MB). */
  compactAfterBytes?: number;
  /** Compactions started, finished or failed (in the background). */
  onEvent?: (event: StoreEvent) => void;
}

export interface EmbeddedCosmos {
  endpoint: string;
  key: string;
  readonly server: Server;
  /** The data folder, when the store is durable. */
  readonly dataDir?: string;
  /**
   * Loads the data folder (snapshot, then the journals after it) into the store and starts journaling.
   * Call it once the database and containers exist (`openStore` with `createIfMissing`); until then
   * writes to documents are refused (503). Without a data folder it does nothing.
   */
  restore(): Promise<RestoreReport>;
  /** Compacts the journal into a snapshot now (normally done in the background when it has grown). */
  compact(): Promise<void>;
  close(): Promise<void>;
}

const NOTHING_RESTORED: RestoreReport = {
  documents: 0,
  snapshotDocuments: 0,
  journalEntries: 0,
  tornBytes: 0,
  skippedOperations: 0,
  interruptedCompaction: false,
  migratedLegacySnapshot: false,
  ms: 0
};

/**
 * Starts `@vercel/cosmosdb-server` in this process on 127.0.0.1 (embedded mode and tests): in memory,
 * and durable with a data folder (see `embeddedStore/`: journal, snapshot, replay, compaction).
 */
export async function startEmbeddedCosmos(options: EmbeddedCosmosOptions = {}): Promise<EmbeddedCosmos> {
  const { dataDir } = options;
  const { server, port, persistence } = await listenCosmosServer(
    dataDir ? (account) => new Persistence(account, dataDir, { compactAfterBytes: options.compactAfterBytes, onEvent: options.onEvent }) : undefined
  );
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: EMBEDDED_COSMOS_KEY,
    server,
    dataDir,
    restore: () => (persistence ? persistence.restore() : Promise.resolve({ ...NOTHING_RESTORED })),
    compact: () => (persistence ? persistence.compact() : Promise.resolve()),
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await persistence?.close();
    }
  };
}
