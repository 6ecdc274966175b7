import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JournalOp } from './journal';
import type { Persistence } from './persistence';
import {
  collectionIdOf,
  createAccount,
  databaseIdOf,
  onDocumentMutation,
  route,
  type DocumentMutation,
  type LibAccount,
  type LibDocuments,
  type RouteParams
} from './serverInternals';

/** What one request changed, per container (the library's handlers only ever touch one). */
interface RequestChanges {
  persistence: Persistence;
  account: LibAccount;
  params: RouteParams;
  current?: { documents: LibDocuments; ops: JournalOp[] };
  /** Resolves once every change of the request is on disk. */
  durable?: Promise<unknown>;
}

const requests = new AsyncLocalStorage<RequestChanges>();

/**
 * A change made inside a journaled request joins that request's journal line. The line is queued at
 * the request's first change, so lines reach the journal in the order the changes were made; the
 * library's handlers make all their changes in one synchronous stretch, so the line is complete by the
 * time the journal writes it. Changes outside a request (replay) are not recorded.
 */
function record(mutation: DocumentMutation): void {
  const changes = requests.getStore();
  if (!changes) return;
  let current = changes.current;
  if (!current || current.documents !== mutation.documents) {
    const db = databaseIdOf(changes.account, changes.params.dbId ?? '') ?? changes.params.dbId ?? '';
    current = { documents: mutation.documents, ops: [] };
    changes.current = current;
    const written = changes.persistence.record(db, collectionIdOf(mutation.documents) ?? changes.params.collId ?? '', current.ops);
    changes.durable = changes.durable ? Promise.all([changes.durable, written]) : written;
  }
  if (mutation.kind === 'delete') {
    current.ops.push({ op: 'delete', id: mutation.id, partitionKey: mutation.partitionKey });
    return;
  }
  // A replace is a delete and a put of the same document: the put alone says it all on replay.
  const last = current.ops[current.ops.length - 1];
  if (last?.op === 'delete' && last.id === mutation.doc.id && last.partitionKey === mutation.documents._getPartition(mutation.doc)) current.ops.pop();
  current.ops.push({ op: 'put', doc: mutation.doc });
}

const QUERY_METRICS =
  'totalExecutionTimeInMs=0.00;queryCompileTimeInMs=0.00;queryLogicalPlanBuildTimeInMs=0.00;queryPhysicalPlanBuildTimeInMs=0.00;queryOptimizationTimeInMs=0.00;VMExecutionTimeInMs=0.00;indexLookupTimeInMs=0.00;documentLoadTimeInMs=0.00;systemFunctionExecuteTimeInMs=0.00;userFunctionExecuteTimeInMs=0.00;retrievedDocumentCount=0;retrievedDocumentSize=0;outputDocumentCount=1;outputDocumentSize=0;writeOutputTimeInMs=0.00;indexUtilizationRatio=0.00';

type Body = { message?: string; _etag?: string } | undefined;

/** Whether a request may change documents: anything on a container but reads (a query may run in the context: harmless). */
function mayWriteDocuments(req: IncomingMessage, params: RouteParams): boolean {
  return params.collId !== undefined && req.method !== 'GET' && req.method !== 'HEAD';
}

const isQuery = (req: IncomingMessage) =>
  String(req.headers['x-ms-documentdb-isquery'] ?? '').toLowerCase() === 'true' || req.headers['content-type'] === 'application/query+json';

/**
 * The library's request handler (lib/index.js `generateRequestHandler`), and one thing more: with a
 * data folder, a request that changed documents is answered only once its journal line is on disk.
 */
async function handle(account: LibAccount, persistence: Persistence | undefined, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const found = route(req);
  let body: Body;
  if (found) {
    const [params, handler] = found;
    let changes: RequestChanges | undefined;
    try {
      const writes = persistence !== undefined && mayWriteDocuments(req, params);
      if (writes && !persistence.open && !isQuery(req)) {
        res.statusCode = 503;
        body = { message: 'the embedded store is not open (restoring or closing)' };
      } else if (writes && persistence.open) {
        changes = { persistence, account, params };
        body = (await requests.run(changes, () => handler(account, req, res, params))) as Body;
      } else {
        body = (await handler(account, req, res, params)) as Body;
      }
    } catch (error) {
      console.error(error);
      body = { message: (error as Error).message };
      res.statusCode = 500;
    }
    if (changes?.durable) {
      try {
        await changes.durable;
      } catch (error) {
        console.error(error);
        body = { message: (error as Error).message };
        res.statusCode = 500;
      }
    }
    if (res.statusCode > 399 && body && !body.message) body.message = '';
  } else {
    res.statusCode = 400;
    body = { message: 'no route' };
  }
  if (body?._etag) res.setHeader('etag', body._etag);
  res.setHeader('content-type', 'application/json');
  res.setHeader('content-location', `https://${req.headers.host}${req.url}`);
  res.setHeader('connection', 'keep-alive');
  res.setHeader('x-ms-activity-id', randomUUID());
  res.setHeader('x-ms-request-charge', '1');
  if (req.headers['x-ms-documentdb-populatequerymetrics']) res.setHeader('x-ms-documentdb-query-metrics', QUERY_METRICS);
  if (req.headers['a-im'] && res.statusCode === 200) {
    if (req.headers['if-none-match']) res.statusCode = 304;
    res.setHeader('etag', '1');
  }
  res.end(JSON.stringify(body));
}

export interface CosmosServer {
  server: Server;
  account: LibAccount;
  port: number;
}

/**
 * `@vercel/cosmosdb-server` on 127.0.0.1 with keep-alive, built from the library's account and router
 * (its `createHttpServer` keeps the account to itself). `persistence` is given the account once it exists.
 */
export async function listenCosmosServer(persistenceFor?: (account: LibAccount) => Persistence): Promise<CosmosServer & { persistence?: Persistence }> {
  onDocumentMutation(record);
  // Both exist once the server listens, before its first request.
  const made: { account?: LibAccount; persistence?: Persistence } = {};
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    handle(made.account!, made.persistence, req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.writableEnded) {
        res.statusCode = 500;
        res.end('');
      }
    });
  });
  // Keep idle connections longer than the SDK's agent does: with Node's 5 s default, a socket the
  // server is just closing can be reused by the client ("socket hang up").
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  const account = createAccount(address, port);
  made.account = account;
  made.persistence = persistenceFor?.(account);
  return { server, account, port, persistence: made.persistence };
}
