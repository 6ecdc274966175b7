import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import { CONTAINER_SPEC, type ContainerName } from './containerSpec';
import { StoreSetupError, statusOf } from './errors';

export interface StoreOptions {
  endpoint: string;
  /** Account key. Production leaves it out and uses `credential` under a data-plane role. */
  key?: string;
  credential?: TokenCredential;
  databaseId: string;
  /**
   * Create the database and containers when missing: embedded mode and tests only. Production runs
   * under a data-plane role that cannot create them, so it only checks that they exist.
   */
  createIfMissing: boolean;
}

export interface Store {
  readonly database: Database;
  container(name: ContainerName): Container;
  /** Whether the store answers right now (for /healthz). */
  ping(): Promise<boolean>;
  dispose(): void;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const client = new CosmosClient({
    endpoint: options.endpoint,
    ...(options.key ? { key: options.key } : { aadCredentials: requireCredential(options) }),
    // A local Cosmos-protocol server has no regional endpoints to discover.
    connectionPolicy: { enableEndpointDiscovery: !isLocal(options.endpoint) }
  });
  const database = client.database(options.databaseId);
  if (options.createIfMissing) {
    await client.databases.createIfNotExists({ id: options.databaseId });
    for (const spec of CONTAINER_SPEC.containers) {
      await database.containers.createIfNotExists({ id: spec.id, partitionKey: { paths: [spec.partitionKey] } });
    }
  } else {
    await verifyContainers(database, options.endpoint);
  }
  const containers = new Map<string, Container>(
    CONTAINER_SPEC.containers.map((spec) => [spec.id, database.container(spec.id)])
  );
  return {
    database,
    container(name) {
      const container = containers.get(name);
      if (!container) throw new Error(`Unknown container ${name}`);
      return container;
    },
    async ping() {
      try {
        await database.read();
        return true;
      } catch {
        return false;
      }
    },
    dispose() {
      client.dispose();
    }
  };
}

function requireCredential(options: StoreOptions): TokenCredential {
  if (!options.credential) throw new Error('A Cosmos DB key or an Entra credential is required.');
  return options.credential;
}

function isLocal(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === '127.0.0.1' || host === 'localhost';
}

async function verifyContainers(database: Database, endpoint: string): Promise<void> {
  const problems: string[] = [];
  try {
    await database.read();
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) {
      throw new StoreSetupError([`database "${database.id}" does not exist at ${endpoint}; provision it with infra/main.bicep`]);
    }
    throw new StoreSetupError([`cannot reach database "${database.id}" at ${endpoint}: ${(error as Error).message}`]);
  }
  for (const spec of CONTAINER_SPEC.containers) {
    try {
      const { resource } = await database.container(spec.id).read();
      const path = resource?.partitionKey?.paths?.[0];
      if (path !== spec.partitionKey) {
        problems.push(`container "${spec.id}" has partition key ${path ?? '(none)'}, expected ${spec.partitionKey}`);
      }
    } catch (error) {
      problems.push(
        statusOf(error) === 404
          ? `container "${spec.id}" (partition key ${spec.partitionKey}) does not exist`
          : `cannot read container "${spec.id}": ${(error as Error).message}`
      );
    }
  }
  if (problems.length) throw new StoreSetupError(problems);
}
