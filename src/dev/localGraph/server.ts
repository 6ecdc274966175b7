import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, controlRoute } from './controlRoutes';
import { delta } from './deltaRoute';
import { admit, Throttles } from './guard';
import { copyMail, sendMail } from './mailRoute';
import { TenantStore, type LocalTenantControl } from './store';
import type { LocalGraphRequest, LocalGraphStats, LocalTenant, SentMail } from './types';
import { getUser, listUsers } from './usersRoutes';
import { errorReply, graphError, readJson, writeReply, type Reply } from './wire';

export { GRAPH_ORIGIN } from './wire';

/**
 * The local Microsoft Graph of embedded mode and tests: an HTTP server on 127.0.0.1 that answers the
 * part of Graph v1.0 this app uses, for several tenants, the way Graph does (paging, $select, $top,
 * $count, $filter startswith, $search with ConsistencyLevel, delta with @removed, sendMail, the error
 * bodies and 401/403/429 statuses). Product code reaches it only through the Graph transport seam
 * (`{ kind: 'local', baseUrl }` in src/graph/graphAccess.ts): graph-client keeps talking to
 * https://graph.microsoft.com, and the nextLinks/deltaLinks served here name that origin too.
 *
 * Authentication: `Authorization: Bearer local-graph.<tenantId>` (LocalTokenCredential's tokens).
 * Routes: usersRoutes.ts (/users, /users/{id}), deltaRoute.ts, mailRoute.ts; guard.ts admits a request
 * (token, throttling, consent); controlRoutes.ts is the /_local/ control API for a local Graph in
 * another process (client: LocalGraphControl in control.ts).
 */

const MAX_LOGGED_REQUESTS = 20_000;

export interface LocalGraph {
  /** http://127.0.0.1:PORT — give it to the Graph transport as `{ kind: 'local', baseUrl }`. */
  readonly baseUrl: string;
  /** Mails accepted by sendMail, oldest first. */
  sentMail(): SentMail[];
  /** A tenant's users, for tests to add, change, disable and remove (recorded for delta). */
  tenant(tenantId: string): LocalTenantControl;
  /** Grants or revokes the tenant's admin consent (403 Authorization_RequestDenied while revoked). */
  consent(tenantId: string, granted: boolean): void;
  /** Every tenant, in the order given: the local admin-consent page offers them. */
  tenantList(): { tenantId: string; displayName: string; consented: boolean }[];
  /**
   * The tenant's next `count` requests answer 429 (or 503) with `Retry-After: retryAfterSeconds`.
   * `count` may be Infinity; 0 stops throttling.
   */
  throttleNext(tenantId: string, count: number, retryAfterSeconds: number, options?: { status?: 429 | 503 }): void;
  /** Every request answered (the latest 20 000), oldest first. */
  requests(): LocalGraphRequest[];
  clearRequests(): void;
  /** Makes the tenant's delta links stale: they then answer 410 resyncRequired. */
  expireDeltaLinks(tenantId: string): void;
  close(): Promise<void>;
}

export interface LocalGraphOptions {
  tenants: LocalTenant[];
  /** Users per page of a delta round (Graph decides it; $top is not supported on users/delta). Default 200. */
  deltaPageSize?: number;
}

export async function startLocalGraph(options: LocalGraphOptions): Promise<LocalGraph> {
  const tenants = new Map<string, TenantStore>();
  for (const tenant of options.tenants) {
    const store = new TenantStore(tenant);
    if (tenants.has(store.tenantId)) throw new Error(`Tenant ${tenant.tenantId} given twice`);
    tenants.set(store.tenantId, store);
  }
  const deltaPageSize = options.deltaPageSize ?? 200;
  const throttles = new Throttles();
  const sent: SentMail[] = [];
  let log: LocalGraphRequest[] = [];
  let answered = 0;

  const tenantOf = (tenantId: string): TenantStore => {
    const store = tenants.get(tenantId.toLowerCase());
    if (!store) throw new Error(`The local Graph has no tenant ${tenantId}`);
    return store;
  };

  const stats = (): LocalGraphStats => ({ requests: answered, rssBytes: process.memoryUsage.rss() });

  async function route(req: IncomingMessage, url: URL, entry: LocalGraphRequest): Promise<Reply> {
    const admitted = admit(req.headers, tenants, throttles, (store) => {
      entry.tenantId = store.tenantId;
    });
    if ('reply' in admitted) return admitted.reply;
    const { store } = admitted;

    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments[0] !== 'v1.0') return graphError(400, 'BadRequest', `Invalid version: ${segments[0] ?? ''}`);
    const [, collection, key, action, ...rest] = segments;
    if (collection !== 'users' || rest.length > 0) {
      return graphError(400, 'BadRequest', `Resource not found for the segment '${segments.slice(1).join('/')}'.`);
    }
    if (req.method === 'GET' && key === undefined) return listUsers(store, url, req.headers);
    if (req.method === 'GET' && (key === 'delta' || key === 'microsoft.graph.delta') && action === undefined) return delta(store, url, deltaPageSize);
    if (req.method === 'GET' && key !== undefined && action === undefined) return getUser(store, key, url);
    if (req.method === 'POST' && key !== undefined && action?.toLowerCase() === 'sendmail') {
      return sendMail(store, key, await readJson(req), sent);
    }
    return graphError(405, 'Request_BadRequest', `The HTTP method '${req.method}' is not allowed on '${url.pathname}'.`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      // The control API: neither logged nor counted as Graph requests.
      let reply: Reply;
      try {
        reply = await controlRoute(req, url, { tenant: (id) => tenants.get(id.toLowerCase()), throttles, sentMail: () => copyMail(sent), stats });
      } catch (error) {
        reply = errorReply(error);
      }
      writeReply(req, res, reply);
      return;
    }
    const entry: LocalGraphRequest = { method: req.method ?? 'GET', path: url.pathname, url: url.pathname + url.search, status: 0, at: new Date().toISOString() };
    let reply: Reply;
    try {
      reply = await route(req, url, entry);
    } catch (error) {
      reply = errorReply(error);
    }
    entry.status = reply.status;
    answered++;
    log.push(entry);
    if (log.length > MAX_LOGGED_REQUESTS) log = log.slice(-MAX_LOGGED_REQUESTS);
    writeReply(req, res, reply);
  }

  const server = createServer({ keepAlive: true }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sentMail: () => copyMail(sent),
    tenant: (tenantId) => tenantOf(tenantId),
    consent(tenantId, granted) {
      tenantOf(tenantId).consented = granted;
    },
    tenantList: () => [...tenants.values()].map((t) => ({ tenantId: t.tenantId, displayName: t.displayName, consented: t.consented })),
    throttleNext(tenantId, count, retryAfterSeconds, throttleOptions = {}) {
      throttles.set(tenantOf(tenantId).tenantId, count, retryAfterSeconds, throttleOptions);
    },
    requests: () => log.map((entry) => ({ ...entry })),
    clearRequests() {
      log = [];
    },
    expireDeltaLinks(tenantId) {
      tenantOf(tenantId).deltaGeneration++;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      })
  };
}
