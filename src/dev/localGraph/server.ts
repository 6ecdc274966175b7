import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_USER_PROPERTIES, GraphQueryError, parseFilter, parseSearch, parseSelect, project, valueOf, type UserProperty } from './query';
import { TenantStore, type LocalTenantControl } from './store';
import type { LocalGraphRequest, LocalTenant, LocalUser, SentMail } from './types';

/**
 * The local Microsoft Graph of embedded mode and tests: an HTTP server on 127.0.0.1 that answers the
 * part of Graph v1.0 this app uses, for several tenants, the way Graph does (paging, $select, $top,
 * $count, $filter startswith, $search with ConsistencyLevel, delta with @removed, sendMail, the error
 * bodies and 401/403/429 statuses). Product code reaches it only through the Graph transport seam
 * (`{ kind: 'local', baseUrl }` in src/graph/graphAccess.ts): graph-client keeps talking to
 * https://graph.microsoft.com, and the nextLinks/deltaLinks served here name that origin too.
 *
 * Authentication: `Authorization: Bearer local-graph.<tenantId>` (LocalTokenCredential's tokens).
 */

export const GRAPH_ORIGIN = 'https://graph.microsoft.com';
const TOKEN = /^Bearer local-graph\.([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const DEFAULT_PAGE = 100;
const MAX_PAGE = 999;
const MAX_BODY_BYTES = 4 * 1024 * 1024;
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

interface Throttle {
  remaining: number;
  retryAfterSeconds: number;
  status: 429 | 503;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

function graphError(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { error: { code, message } }, headers };
}

function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeToken<T>(token: string): T {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    throw new GraphQueryError(400, 'Request_BadRequest', 'The skip token is not valid.');
  }
}

/** Query parameters by lower-cased name (OData system query options are case-insensitive). */
function queryOf(url: URL): Map<string, string> {
  const query = new Map<string, string>();
  for (const [key, value] of url.searchParams) query.set(key.toLowerCase(), value);
  return query;
}

/** A query string encoding each value like graph-client callers do, in a stable order. */
function queryString(params: [string, string | undefined][]): string {
  const parts = params.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

interface ListToken {
  /** The last id served. */
  a: string;
}

interface DeltaToken {
  t: string;
  g: number;
  /** 'i': first round in id order after `a`; 'c': changes in (s, u] from offset `o`; 'd': a deltaLink since `s`. */
  p: 'i' | 'c' | 'd';
  s: number;
  u?: number;
  a?: string;
  o?: number;
  sel: UserProperty[] | null;
}

export async function startLocalGraph(options: LocalGraphOptions): Promise<LocalGraph> {
  const tenants = new Map<string, TenantStore>();
  for (const tenant of options.tenants) {
    const store = new TenantStore(tenant);
    if (tenants.has(store.tenantId)) throw new Error(`Tenant ${tenant.tenantId} given twice`);
    tenants.set(store.tenantId, store);
  }
  const deltaPageSize = options.deltaPageSize ?? 200;
  const throttles = new Map<string, Throttle>();
  const sent: SentMail[] = [];
  let log: LocalGraphRequest[] = [];

  const tenantOf = (tenantId: string): TenantStore => {
    const store = tenants.get(tenantId.toLowerCase());
    if (!store) throw new Error(`The local Graph has no tenant ${tenantId}`);
    return store;
  };

  function listUsers(store: TenantStore, url: URL, headers: IncomingMessage['headers']): Reply {
    const query = queryOf(url);
    const eventual = String(headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
    const search = query.get('$search');
    const filter = query.get('$filter');
    const count = query.get('$count');
    if (search !== undefined && !eventual) {
      return graphError(
        400,
        'Request_UnsupportedQuery',
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'"
      );
    }
    if (count !== undefined && count.toLowerCase() === 'true' && !eventual) {
      return graphError(400, 'Request_BadRequest', '$count is not currently supported.');
    }
    const top = query.has('$top') ? Number(query.get('$top')) : DEFAULT_PAGE;
    if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE) {
      return graphError(400, 'Request_UnsupportedQuery', `Invalid page size specified: '${query.get('$top')}'. Must be between 1 and ${MAX_PAGE} inclusive.`);
    }
    const select = parseSelect(query.get('$select') ?? null);
    const advanced = eventual && count?.toLowerCase() === 'true';
    const predicates = [
      ...(filter !== undefined ? [parseFilter(filter, advanced)] : []),
      ...(search !== undefined ? [parseSearch(search)] : [])
    ];
    const matches = (user: LocalUser) => predicates.every((p) => p(user));
    const skip = query.get('$skiptoken');
    const after = skip !== undefined ? decodeToken<ListToken>(skip).a : undefined;

    const value: Record<string, unknown>[] = [];
    let lastId: string | undefined;
    let more = false;
    for (const user of store.usersAfter(after)) {
      if (!matches(user)) continue;
      if (value.length === top) {
        more = true;
        break;
      }
      value.push(project(user, select));
      lastId = user.id;
    }
    const body: Record<string, unknown> = {
      '@odata.context': `${GRAPH_ORIGIN}/v1.0/$metadata#users${select ? `(${select.join(',')})` : ''}`
    };
    if (advanced) {
      let total = 0;
      for (const user of store.usersAfter()) if (matches(user)) total++;
      body['@odata.count'] = total;
    }
    if (more && lastId !== undefined) {
      body['@odata.nextLink'] =
        `${GRAPH_ORIGIN}/v1.0/users` +
        queryString([
          ['$select', query.get('$select')],
          ['$top', query.get('$top')],
          ['$filter', filter],
          ['$search', search],
          ['$count', count],
          ['$skiptoken', encodeToken({ a: lastId } satisfies ListToken)]
        ]);
    }
    body.value = value;
    return { status: 200, body };
  }

  function delta(store: TenantStore, url: URL): Reply {
    const query = queryOf(url);
    const skip = query.get('$skiptoken');
    const deltaToken = query.get('$deltatoken');
    let state: DeltaToken;
    if (skip !== undefined || deltaToken !== undefined) {
      if (deltaToken === 'latest') {
        return { status: 200, body: deltaBody([], deltaLinkFor(store, store.seq, parseSelect(query.get('$select') ?? null))) };
      }
      state = decodeToken<DeltaToken>((skip ?? deltaToken) as string);
      if (state.t !== store.tenantId || state.g !== store.deltaGeneration) {
        return graphError(410, 'resyncRequired', 'The delta token is no longer valid; the application must reset its sync state.');
      }
    } else {
      state = { t: store.tenantId, g: store.deltaGeneration, p: 'i', s: store.seq, sel: parseSelect(query.get('$select') ?? null) };
    }

    if (state.p === 'i') {
      const value: Record<string, unknown>[] = [];
      let lastId: string | undefined;
      let more = false;
      for (const user of store.usersAfter(state.a)) {
        if (value.length === deltaPageSize) {
          more = true;
          break;
        }
        value.push(project(user, state.sel));
        lastId = user.id;
      }
      if (more) return { status: 200, body: deltaBody(value, undefined, nextDeltaLink({ ...state, a: lastId })) };
      return { status: 200, body: deltaBody(value, deltaLinkFor(store, state.s, state.sel)) };
    }

    // A deltaLink starts a round of changes since its sequence number, up to now.
    const since = state.s;
    const upto = state.p === 'd' ? store.seq : (state.u as number);
    const offset = state.p === 'd' ? 0 : (state.o ?? 0);
    const tracked = new Set<string>(state.sel ?? DEFAULT_TRACKED);
    const changes = store.changesBetween(since, upto).filter(
      (change) => change.kind === 'remove' || change.props === 'all' || [...change.props].some((p) => tracked.has(p))
    );
    const value: Record<string, unknown>[] = [];
    for (const change of changes.slice(offset, offset + deltaPageSize)) {
      const user = store.get(change.id);
      if (change.kind === 'remove' || !user) {
        value.push({ '@odata.type': '#microsoft.graph.user', id: change.id, '@removed': { reason: change.reason ?? 'changed' } });
        continue;
      }
      // Graph includes changed properties (also when set to null) and unchanged ones that have a value.
      const item: Record<string, unknown> = {};
      for (const prop of state.sel ?? DEFAULT_TRACKED) {
        const v = valueOf(user, prop);
        if (v !== null || change.props === 'all' || change.props.has(prop)) item[prop] = v;
      }
      item.id = user.id;
      value.push(item);
    }
    if (offset + deltaPageSize < changes.length) {
      return { status: 200, body: deltaBody(value, undefined, nextDeltaLink({ ...state, p: 'c', s: since, u: upto, o: offset + deltaPageSize })) };
    }
    return { status: 200, body: deltaBody(value, deltaLinkFor(store, upto, state.sel)) };
  }

  function deltaLinkFor(store: TenantStore, seq: number, sel: UserProperty[] | null): string {
    const token: DeltaToken = { t: store.tenantId, g: store.deltaGeneration, p: 'd', s: seq, sel };
    return `${GRAPH_ORIGIN}/v1.0/users/delta?$deltatoken=${encodeToken(token)}`;
  }

  function nextDeltaLink(state: DeltaToken): string {
    return `${GRAPH_ORIGIN}/v1.0/users/delta?$skiptoken=${encodeToken(state)}`;
  }

  function deltaBody(value: Record<string, unknown>[], deltaLink?: string, nextLink?: string): Record<string, unknown> {
    return {
      '@odata.context': `${GRAPH_ORIGIN}/v1.0/$metadata#users`,
      ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
      ...(deltaLink ? { '@odata.deltaLink': deltaLink } : {}),
      value
    };
  }

  function getUser(store: TenantStore, key: string, url: URL): Reply {
    const user = store.find(key);
    if (!user) return graphError(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`);
    const select = parseSelect(queryOf(url).get('$select') ?? null);
    return {
      status: 200,
      body: { '@odata.context': `${GRAPH_ORIGIN}/v1.0/$metadata#users${select ? `(${select.join(',')})` : ''}/$entity`, ...project(user, select) }
    };
  }

  function sendMail(store: TenantStore, mailbox: string, body: unknown): Reply {
    const user = store.find(mailbox);
    if (!user) return graphError(404, 'ErrorInvalidUser', `The requested user '${mailbox}' is invalid.`);
    if (!user.mail) return graphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
    const request = (body ?? {}) as {
      message?: {
        subject?: unknown;
        body?: { contentType?: unknown; content?: unknown };
        toRecipients?: { emailAddress?: { address?: unknown; name?: unknown } }[];
      };
      saveToSentItems?: unknown;
    };
    const message = request.message;
    if (!message || typeof message !== 'object') return graphError(400, 'ErrorInvalidParameter', "The value of the parameter 'Message' is empty.");
    const to = (Array.isArray(message.toRecipients) ? message.toRecipients : []).map((r) => ({
      address: String(r?.emailAddress?.address ?? ''),
      ...(typeof r?.emailAddress?.name === 'string' ? { name: r.emailAddress.name } : {})
    }));
    if (to.length === 0 || to.some((r) => !/^[^\s@]+@[^\s@]+$/.test(r.address))) {
      return graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
    }
    sent.push({
      tenantId: store.tenantId,
      from: user.mail,
      to,
      subject: typeof message.subject === 'string' ? message.subject : '',
      html: typeof message.body?.content === 'string' ? message.body.content : '',
      contentType: typeof message.body?.contentType === 'string' ? message.body.contentType : 'Text',
      saveToSentItems: request.saveToSentItems !== false,
      sentAt: new Date().toISOString()
    });
    return { status: 202 };
  }

  async function route(req: IncomingMessage, url: URL, entry: LocalGraphRequest): Promise<Reply> {
    const auth = req.headers.authorization;
    if (!auth) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const token = TOKEN.exec(auth);
    if (!token) return graphError(401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed, there are no dots (.).');
    const store = tenants.get(token[1].toLowerCase());
    if (!store) return graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    entry.tenantId = store.tenantId;

    const throttle = throttles.get(store.tenantId);
    if (throttle && throttle.remaining > 0) {
      throttle.remaining--;
      const headers = { 'Retry-After': String(throttle.retryAfterSeconds) };
      return throttle.status === 429
        ? graphError(429, 'TooManyRequests', 'Too many requests have been sent. Retry after the time in the Retry-After header.', headers)
        : graphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Retry after the time in the Retry-After header.', headers);
    }
    if (!store.consented) return graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (segments[0] !== 'v1.0') return graphError(400, 'BadRequest', `Invalid version: ${segments[0] ?? ''}`);
    const [, collection, key, action, ...rest] = segments;
    if (collection !== 'users' || rest.length > 0) {
      return graphError(400, 'BadRequest', `Resource not found for the segment '${segments.slice(1).join('/')}'.`);
    }
    if (req.method === 'GET' && key === undefined) return listUsers(store, url, req.headers);
    if (req.method === 'GET' && (key === 'delta' || key === 'microsoft.graph.delta') && action === undefined) return delta(store, url);
    if (req.method === 'GET' && key !== undefined && action === undefined) return getUser(store, key, url);
    if (req.method === 'POST' && key !== undefined && action?.toLowerCase() === 'sendmail') {
      return sendMail(store, key, await readJson(req));
    }
    return graphError(405, 'Request_BadRequest', `The HTTP method '${req.method}' is not allowed on '${url.pathname}'.`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: LocalGraphRequest = { method: req.method ?? 'GET', path: url.pathname, url: url.pathname + url.search, status: 0, at: new Date().toISOString() };
    let reply: Reply;
    try {
      reply = await route(req, url, entry);
    } catch (error) {
      reply =
        error instanceof GraphQueryError
          ? graphError(error.status, error.code, error.message)
          : graphError(500, 'generalException', error instanceof Error ? error.message : String(error));
    }
    entry.status = reply.status;
    log.push(entry);
    if (log.length > MAX_LOGGED_REQUESTS) log = log.slice(-MAX_LOGGED_REQUESTS);

    const requestId = randomUUID();
    const clientRequestId = String(req.headers['client-request-id'] ?? requestId);
    const headers: Record<string, string> = { 'request-id': requestId, 'client-request-id': clientRequestId, ...reply.headers };
    if (reply.body === undefined) {
      res.writeHead(reply.status, { ...headers, 'content-length': '0' });
      res.end();
      return;
    }
    const body = reply.body as { error?: Record<string, unknown> };
    if (body.error) {
      body.error.innerError = { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': clientRequestId };
    }
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, { ...headers, 'content-type': JSON_TYPE, 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
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
    sentMail: () => sent.map((mail) => ({ ...mail, to: mail.to.map((r) => ({ ...r })) })),
    tenant: (tenantId) => tenantOf(tenantId),
    consent(tenantId, granted) {
      tenantOf(tenantId).consented = granted;
    },
    throttleNext(tenantId, count, retryAfterSeconds, throttleOptions = {}) {
      const store = tenantOf(tenantId);
      if (count <= 0) throttles.delete(store.tenantId);
      else throttles.set(store.tenantId, { remaining: count, retryAfterSeconds, status: throttleOptions.status ?? 429 });
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

/** Properties tracked by a delta round started without $select: Graph's default set. */
const DEFAULT_TRACKED = DEFAULT_USER_PROPERTIES;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new GraphQueryError(413, 'RequestEntityTooLarge', 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new GraphQueryError(400, 'BadRequest', 'Unable to read JSON request payload.');
  }
}
