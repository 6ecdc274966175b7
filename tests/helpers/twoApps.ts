import { createApp, mspIdOf, type App, type AppSettings } from '../../src/app';
import { DEMO_MSP_NAME } from '../../src/dev/demoData';
import { startLocalGraph, type LocalGraph, type LocalTenant } from '../../src/dev/localGraph';
import { DEMO_MAIL_SENDER, demoTenants } from '../../src/dev/localGraph/demoTenants';
import { readPlaygroundConfig, type PlaygroundConfig } from '../../src/dev/playgroundConfig';
import { seedDemo } from '../../src/dev/seedDemo';
import { createGraphAccess, LocalTokenCredential, type GraphAccess } from '../../src/graph/graphAccess';
import type { Store } from '../../src/store/cosmos';
import type { Stored } from '../../src/store/documents';
import type { CompanyDoc } from '../../src/store/model';
import type { TeamsContext, TeamsPerson } from './botClient';
import { companyDoc } from './builders';
import { startTestStore, type TestStore } from './cosmos';
import { testLogger } from './logger';

/**
 * Several app instances on one store, as in a deployment with more than one instance: one Cosmos
 * database (seeded with the demo MSP once), one local Microsoft Graph with the demo tenants and any
 * extra tenants a test needs, and as many `createApp` instances as the test starts. Each instance has
 * its own job worker and scheduler; closing one leaves the store and the others running.
 */
export interface SharedWorld {
  testStore: TestStore;
  localGraph: LocalGraph;
  graph: GraphAccess;
  playground: PlaygroundConfig;
  teams: TeamsContext;
  people: Record<string, TeamsPerson>;
  mspId: string;
  /** A new app instance on the shared store (or on `store`, e.g. a pausable one), listening on a free port. */
  startApp(overrides?: Partial<AppSettings>, options?: { store?: Store; listen?: boolean }): Promise<{ app: App; url: string }>;
  /** A client company of the demo MSP connected to `tenantId`. */
  addCompany(name: string, tenantId: string): Promise<Stored<CompanyDoc>>;
  /** Closes every instance still open, the local Graph and the store. */
  close(): Promise<void>;
}

export async function startSharedWorld(options: { extraTenants?: LocalTenant[] } = {}): Promise<SharedWorld> {
  const testStore = await startTestStore();
  const playground = readPlaygroundConfig();
  const localGraph = await startLocalGraph({ tenants: [...demoTenants(playground), ...(options.extraTenants ?? [])] });
  const graph = createGraphAccess({ credential: new LocalTokenCredential(), transport: { kind: 'local', baseUrl: localGraph.baseUrl } });
  const base: AppSettings = {
    mspTenantId: playground.tenantId,
    mspName: DEMO_MSP_NAME,
    mailSender: DEMO_MAIL_SENDER,
    invitations: { validDays: 7, perPersonPerDay: 5, perCompanyPerHour: 200 },
    embedded: true
  };
  const open: { app: App; closed: boolean }[] = [];
  let seeded = false;

  const world: SharedWorld = {
    testStore,
    localGraph,
    graph,
    playground,
    teams: { tenantId: playground.tenantId, bot: playground.bot },
    people: Object.fromEntries(
      [playground.currentUser, ...playground.users].map((p) => [p.givenName.toLowerCase(), { id: p.id, name: p.name, aadObjectId: p.aadObjectId }])
    ),
    mspId: mspIdOf(playground.tenantId),
    async startApp(overrides = {}, startOptions = {}) {
      const app = createApp(startOptions.store ?? testStore.store, { ...base, ...overrides }, { graph }, testLogger);
      if (!seeded) {
        seeded = true;
        await seedDemo(app.services.repos, app.services.audit, playground);
      }
      const entry = { app, closed: false };
      open.push(entry);
      const originalClose = app.close.bind(app);
      app.close = async () => {
        if (entry.closed) return;
        entry.closed = true;
        await originalClose();
      };
      const url = startOptions.listen === false ? '' : await app.listen(0, '127.0.0.1');
      return { app, url };
    },
    async addCompany(name, tenantId) {
      const repos = open[0]?.app.services.repos;
      if (!repos) throw new Error('start an app first');
      return repos.companies.create(companyDoc(repos.mspId, name, { tenantId }));
    },
    async close() {
      for (const entry of open) await entry.app.close();
      await localGraph.close();
      await testStore.close();
    }
  };
  return world;
}

/** One call an app instance made to the store: the container, the method path and its arguments. */
export interface StoreCall {
  container: string;
  /** e.g. `item.replace`, `items.bulk`, `items.query.fetchAll`. */
  method: string;
  args: unknown[];
}

/**
 * A store that freezes, as a process that stops dead (a crash, a VM pause): from the call for which
 * `freezeOn` answers true, that call and every later one of this instance hang, and answers to calls in
 * flight are not delivered. `release()` lets them all go on, as a process that wakes up again: its writes
 * then meet the store as it is by then (a conditional write on an old ETag fails).
 */
export function pausableStore(store: Store, freezeOn: (call: StoreCall) => boolean): { store: Store; frozen(): boolean; release(): void } {
  let frozen = false;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));

  const wrap = <T extends object>(target: T, container: string, path: string): T =>
    new Proxy(target, {
      get(object, property) {
        const value = Reflect.get(object, property, object) as unknown;
        const name = path ? `${path}.${String(property)}` : String(property);
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            if (!frozen && freezeOn({ container, method: name, args })) frozen = true;
            if (frozen) return gate.then(() => (value as (...a: unknown[]) => unknown).apply(object, args));
            const result = (value as (...a: unknown[]) => unknown).apply(object, args);
            if (result instanceof Promise) return result.then(async (answer) => (frozen ? gate.then(() => answer) : answer));
            return result && typeof result === 'object' ? wrap(result, container, name) : result;
          };
        }
        if (value && typeof value === 'object' && (property === 'items' || property === 'scripts')) return wrap(value as object, container, name);
        return value;
      }
    });

  const containers = new Map<string, ReturnType<Store['container']>>();
  return {
    store: {
      database: store.database,
      container(name) {
        let container = containers.get(name);
        if (!container) {
          container = wrap(store.container(name), name, '');
          containers.set(name, container);
        }
        return container;
      },
      ping: () => store.ping(),
      dispose() {
        // The shared store stays open for the other instances.
      }
    },
    frozen: () => frozen,
    release() {
      frozen = false;
      release();
    }
  };
}
