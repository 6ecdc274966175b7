import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Throttles } from './guard';
import { mutateTenant } from './mutate';
import { GraphQueryError } from './properties';
import type { TenantStore } from './store';
import type { LocalGraphStats, LocalUser, LocalUserChanges, NewLocalUser, SentMail } from './types';
import { graphError, readJson, type Reply } from './wire';

/**
 * The local Graph's control API under /_local/, so that tests and the benchmark can drive a local
 * Graph running in another process (LocalGraphControl in control.ts is its client):
 *
 *   POST   /_local/tenants/{tenantId}/users               NewLocalUser → 201 { id }
 *   PATCH  /_local/tenants/{tenantId}/users/{id}          LocalUserChanges → 200 the user
 *   POST   /_local/tenants/{tenantId}/users/{id}/disable  → 200 the user (and /enable)
 *   DELETE /_local/tenants/{tenantId}/users/{id}?permanently=true|false → 204
 *   POST   /_local/tenants/{tenantId}/mutate              { percent, seed } → 200 { changed: [{ id, kind }] }
 *   POST   /_local/tenants/{tenantId}/consent             { granted } → 204
 *   POST   /_local/tenants/{tenantId}/throttle            { count, retryAfterSeconds, status? } → 204
 *   GET    /_local/mail                                   → 200 SentMail[]
 *   GET    /_local/stats                                  → 200 { requests, rssBytes }
 *
 * Every user change is recorded for delta. Errors use Graph's `{ error: { code, message } }` body.
 * The API is no part of Graph: the Graph transport only ever rewrites https://graph.microsoft.com
 * URLs, and a request carrying an Authorization header (as every Graph SDK request does) is refused
 * here with 403, so product code cannot reach it.
 */

export const CONTROL_PREFIX = '/_local/';

export interface ControlTarget {
  tenant(tenantId: string): TenantStore | undefined;
  readonly throttles: Throttles;
  sentMail(): SentMail[];
  stats(): LocalGraphStats;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function badRequest(message: string): GraphQueryError {
  return new GraphQueryError(400, 'BadRequest', message);
}

export async function controlRoute(req: IncomingMessage, url: URL, target: ControlTarget): Promise<Reply> {
  if (req.headers.authorization) {
    return graphError(403, 'Forbidden', 'The local Graph control API does not accept Graph requests.');
  }
  const method = req.method ?? 'GET';
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent).slice(1);
  const [first, tenantId, collection, userId, action, ...rest] = segments;
  if (first === 'mail' && segments.length === 1 && method === 'GET') return { status: 200, body: target.sentMail() };
  if (first === 'stats' && segments.length === 1 && method === 'GET') return { status: 200, body: target.stats() };
  if (first !== 'tenants' || !tenantId || !collection || rest.length > 0) {
    return graphError(404, 'NotFound', `No control route ${method} ${url.pathname}`);
  }
  const store = target.tenant(tenantId);
  if (!store) return graphError(404, 'TenantNotFound', `The local Graph has no tenant ${tenantId}.`);

  if (collection === 'users') {
    if (userId === undefined) {
      if (method !== 'POST') return notAllowed(method, url);
      return addUser(store, await readJson(req));
    }
    const id = [userId, userId.toLowerCase()].find((key) => store.get(key));
    if (id === undefined) return userNotFound(userId);
    if (action === undefined && method === 'PATCH') return { status: 200, body: store.update(id, userChanges(await readJson(req))) };
    if (action === undefined && method === 'DELETE') {
      const permanently = url.searchParams.get('permanently');
      if (permanently !== null && permanently !== 'true' && permanently !== 'false') throw badRequest('permanently must be true or false.');
      store.remove(id, { permanently: permanently === 'true' });
      return { status: 204 };
    }
    if (action === 'disable' && method === 'POST') return { status: 200, body: store.disable(id) };
    if (action === 'enable' && method === 'POST') return { status: 200, body: store.enable(id) };
    return notAllowed(method, url);
  }
  if (userId !== undefined) return graphError(404, 'NotFound', `No control route ${method} ${url.pathname}`);
  if (method !== 'POST') return notAllowed(method, url);
  const body = objectBody(await readJson(req));
  if (collection === 'mutate') {
    try {
      return { status: 200, body: mutateTenant(store, { percent: body.percent as number, seed: body.seed as number }) };
    } catch (error) {
      if (error instanceof RangeError) throw badRequest(error.message);
      throw error;
    }
  }
  if (collection === 'consent') {
    if (typeof body.granted !== 'boolean') throw badRequest('granted must be a boolean.');
    store.consented = body.granted;
    return { status: 204 };
  }
  if (collection === 'throttle') {
    const count = body.count === 'Infinity' ? Infinity : body.count;
    if (typeof count !== 'number' || Number.isNaN(count) || (Number.isFinite(count) && !Number.isInteger(count))) {
      throw badRequest('count must be a whole number or "Infinity".');
    }
    const retryAfterSeconds = body.retryAfterSeconds;
    if (typeof retryAfterSeconds !== 'number' || !Number.isFinite(retryAfterSeconds) || retryAfterSeconds < 0) {
      throw badRequest('retryAfterSeconds must be a number of seconds.');
    }
    if (body.status !== undefined && body.status !== 429 && body.status !== 503) throw badRequest('status must be 429 or 503.');
    target.throttles.set(store.tenantId, count, retryAfterSeconds, { status: body.status });
    return { status: 204 };
  }
  return graphError(404, 'NotFound', `No control route ${method} ${url.pathname}`);
}

function notAllowed(method: string, url: URL): Reply {
  return graphError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not allowed on '${url.pathname}'.`);
}

function userNotFound(id: string): Reply {
  return graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

function objectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

function addUser(store: TenantStore, raw: unknown): Reply {
  const body = objectBody(raw) as Partial<Record<keyof NewLocalUser, unknown>>;
  const id = body.id === undefined ? randomUUID() : body.id;
  if (typeof id !== 'string' || !GUID.test(id)) throw badRequest('id must be a GUID.');
  const fields = userChanges({ accountEnabled: true, userType: 'Member', jobTitle: null, givenName: null, surname: null, mobilePhone: null, ...body, id: undefined });
  if (typeof fields.displayName !== 'string' || typeof fields.userPrincipalName !== 'string' || fields.mail === undefined) {
    throw badRequest('displayName, mail and userPrincipalName are required.');
  }
  const key = id.toLowerCase();
  if (store.get(key)) return graphError(409, 'Request_BadRequest', `Another object with the same value for property id already exists.`);
  const upn = fields.userPrincipalName.toLowerCase();
  for (const user of store.users()) {
    if (user.userPrincipalName.toLowerCase() === upn) {
      return graphError(409, 'Request_BadRequest', 'Another object with the same value for property userPrincipalName already exists.');
    }
  }
  store.add({ ...(fields as Omit<LocalUser, 'id'>), id: key });
  return { status: 201, body: { id: key } };
}

const NULLABLE_TEXT = new Set(['givenName', 'surname', 'mail', 'jobTitle', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'department']);
const REQUIRED_TEXT = new Set(['displayName', 'userPrincipalName']);

/** A checked set of user fields (unknown or ill-typed fields are a 400; `id` cannot change). */
function userChanges(raw: unknown): LocalUserChanges {
  const body = objectBody(raw);
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'id' && value === undefined) continue;
    if (REQUIRED_TEXT.has(key)) {
      if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${key} must be a non-empty string.`);
      if (key === 'userPrincipalName' && !/^[^\s@]+@[^\s@]+$/.test(value)) throw badRequest('userPrincipalName must look like name@domain.');
    } else if (NULLABLE_TEXT.has(key)) {
      if (value !== null && typeof value !== 'string') throw badRequest(`${key} must be a string or null.`);
    } else if (key === 'accountEnabled') {
      if (typeof value !== 'boolean') throw badRequest('accountEnabled must be a boolean.');
    } else if (key === 'userType') {
      if (value !== 'Member' && value !== 'Guest') throw badRequest("userType must be 'Member' or 'Guest'.");
    } else if (key === 'businessPhones') {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw badRequest('businessPhones must be an array of strings.');
    } else {
      throw badRequest(`Unknown or read-only user property '${key}'.`);
    }
    changes[key] = value;
  }
  return changes as LocalUserChanges;
}
