import { randomUUID } from 'node:crypto';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/dev/embeddedCosmos';
import { openStore, type Store } from '../../src/store/cosmos';

export interface TestStore {
  cosmos: EmbeddedCosmos;
  store: Store;
  databaseId: string;
  close(): Promise<void>;
}

/**
 * A real Cosmos-protocol server (@vercel/cosmosdb-server) in this process, reached through the real
 * @azure/cosmos SDK, with the containers of infra/containers.json in a fresh database.
 */
export async function startTestStore(): Promise<TestStore> {
  const cosmos = await startEmbeddedCosmos();
  const databaseId = `test-${randomUUID()}`;
  const store = await openStore({ endpoint: cosmos.endpoint, key: cosmos.key, databaseId, createIfMissing: true });
  return {
    cosmos,
    store,
    databaseId,
    async close() {
      store.dispose();
      await cosmos.close();
    }
  };
}
