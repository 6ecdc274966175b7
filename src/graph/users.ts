import type { GraphAccess } from './graphAccess';
import { GRAPH_ORIGIN } from './graphAccess';
import { GraphRequestError, toGraphError } from './errors';
/** Which kind of account a user is, and its mailbox: in accounts.ts. */
export { accountKind, primaryEmail, signInName, type AccountKind } from './accounts';

/**
 * Reading a client tenant's users from Microsoft Graph (app-only, User.Read.All).
 *
 * Graph facts this relies on (checked against Graph's documentation and the local fake):
 * - `/users` pages 100 by default; `$top` goes up to 999; each page has `@odata.nextLink` until the last.
 * - Without `$select` Graph returns a default set that lacks `accountEnabled` and `userType`.
 * - `$search` on users needs the `ConsistencyLevel: eventual` header (400 Request_UnsupportedQuery
 *   otherwise), as does `$count=true`. Inside a `$search` clause, `"` and `\` are escaped with `\`;
 *   displayName is matched by tokens (prefix, any order); other properties by "starts with".
 * - In `$filter`, a single quote inside a string literal is doubled.
 * - graph-client 3.0.7 does not URL-encode query values given to `.filter()`, `.search()`, `.query()`:
 *   they are encoded here (a `#`, `&` or `+` in a searched name would otherwise break the URL).
 * - `/users/delta` does not support `$top`; query parameters go on the first request only and are
 *   carried by the nextLink/deltaLink; removed users come as `{ id, "@removed": { reason } }` with
 *   reason `changed` (deleted, restorable for 30 days) or `deleted` (permanently); in later rounds a
 *   property that was never set may be missing instead of null; the same user can appear twice.
 */

export interface EntraUser {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  jobTitle: string | null;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  givenName?: string | null;
  surname?: string | null;
  mobilePhone?: string | null;
}

/** The only properties read from Graph. accountEnabled and userType come back only when selected. */
export const USER_SELECT = [
  'id',
  'displayName',
  'givenName',
  'surname',
  'mail',
  'userPrincipalName',
  'jobTitle',
  'mobilePhone',
  'accountEnabled',
  'userType'
] as const;

export const DEFAULT_PAGE_SIZE = 999;
const MAX_PAGE_SIZE = 999;
/** Longest search text sent to Graph; longer input is cut. */
export const MAX_SEARCH_LENGTH = 120;

export interface UsersPage {
  users: EntraUser[];
  /** Graph's link to the next page, absent on the last page. */
  nextLink?: string;
  /** The `$skiptoken` of `nextLink`, small enough to keep in a card's data. */
  skipToken?: string;
  /** `@odata.count`, when asked for (search). */
  count?: number;
}

interface GraphCollection {
  value?: Record<string, unknown>[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  '@odata.count'?: number;
}

/** Every user of the tenant, one page (up to 999 users) at a time. */
export async function* listUsers(graph: GraphAccess, tenantId: string, options: { pageSize?: number } = {}): AsyncGenerator<EntraUser[]> {
  const client = graph.client(tenantId);
  const top = pageSize(options.pageSize ?? DEFAULT_PAGE_SIZE);
  let next: string | undefined;
  let first = true;
  while (first || next) {
    let page: GraphCollection;
    try {
      page = first
        ? await client.api('/users').select([...USER_SELECT]).top(top).get()
        : await client.api(checkedLink(next as string, '/users')).get();
    } catch (error) {
      throw toGraphError(error, tenantId);
    }
    first = false;
    next = page['@odata.nextLink'];
    yield (page.value ?? []).map(toEntraUser);
  }
}

/**
 * One page of the import card's search: `$search` on displayName (tokens), mail and userPrincipalName
 * (starts with), with `$count`. An empty query lists the tenant's users with their count.
 */
export async function searchUsers(
  graph: GraphAccess,
  tenantId: string,
  query: string,
  options: { top: number; skipToken?: string; nextLink?: string }
): Promise<UsersPage> {
  const client = graph.client(tenantId);
  const text = query.trim().slice(0, MAX_SEARCH_LENGTH);
  let request;
  if (options.nextLink) {
    request = client.api(checkedLink(options.nextLink, '/users'));
  } else {
    request = client.api('/users').select([...USER_SELECT]).top(pageSize(options.top)).count(true);
    if (text) request = request.query({ $search: encodeURIComponent(searchExpression(text)) });
    if (options.skipToken) request = request.query({ $skiptoken: encodeURIComponent(options.skipToken) });
  }
  try {
    return toPage(await request.header('ConsistencyLevel', 'eventual').get());
  } catch (error) {
    throw toGraphError(error, tenantId);
  }
}

/** `"displayName:q" OR "mail:q" OR "userPrincipalName:q"`, with `"` and `\` escaped by a backslash. */
export function searchExpression(query: string): string {
  const q = query.replace(/[\\"]/g, (c) => `\\${c}`);
  return `"displayName:${q}" OR "mail:${q}" OR "userPrincipalName:${q}"`;
}

/**
 * One page of users, optionally those whose displayName, mail or userPrincipalName starts with
 * `startsWith` (case-insensitive in Graph); continue with the returned nextLink (or skipToken).
 */
export async function usersPage(
  graph: GraphAccess,
  tenantId: string,
  options: { top: number; nextLink?: string; skipToken?: string; startsWith?: string }
): Promise<UsersPage> {
  const client = graph.client(tenantId);
  let request;
  if (options.nextLink) {
    request = client.api(checkedLink(options.nextLink, '/users'));
  } else {
    request = client.api('/users').select([...USER_SELECT]).top(pageSize(options.top));
    const prefix = options.startsWith?.trim().slice(0, MAX_SEARCH_LENGTH);
    if (prefix) request = request.query({ $filter: encodeURIComponent(startsWithFilter(prefix)) });
    if (options.skipToken) request = request.query({ $skiptoken: encodeURIComponent(options.skipToken) });
  }
  try {
    return toPage(await request.get());
  } catch (error) {
    throw toGraphError(error, tenantId);
  }
}

/** An Entra object id: a GUID (what `getUser` accepts; ids read from card data are checked with it). */
export const ENTRA_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One user by Entra object id: `GET /users/{id}` with the same `$select` as the lists (Graph returns
 * its default set without it, which lacks accountEnabled and userType). Undefined when the tenant has
 * no such user (404 Request_ResourceNotFound: never existed, or deleted). `id` must be a GUID: it is
 * refused before any request otherwise, since ids come from card data and a userPrincipalName or a
 * path (`x/sendMail`, `../`) must not reach Graph. Other failures are the typed errors of toGraphError.
 */
export async function getUser(graph: GraphAccess, tenantId: string, id: string): Promise<EntraUser | undefined> {
  if (typeof id !== 'string' || !ENTRA_OBJECT_ID.test(id)) {
    throw new Error(`Not an Entra object id: "${String(id).slice(0, 80)}"`);
  }
  const client = graph.client(tenantId);
  try {
    const raw = (await client.api(`/users/${id}`).select([...USER_SELECT]).get()) as Record<string, unknown>;
    return toEntraUser(raw);
  } catch (error) {
    const mapped = toGraphError(error, tenantId);
    if (mapped instanceof GraphRequestError && mapped.statusCode === 404) return undefined;
    throw mapped;
  }
}

/** `startswith(displayName,'q') or startswith(mail,'q') or startswith(userPrincipalName,'q')`, quotes doubled. */
export function startsWithFilter(prefix: string): string {
  const q = prefix.replace(/'/g, "''");
  return `startswith(displayName,'${q}') or startswith(mail,'${q}') or startswith(userPrincipalName,'${q}')`;
}

export interface UserDeltaPage {
  changed: EntraUser[];
  removed: { id: string; reason: 'changed' | 'deleted' }[];
}

/**
 * A round of Graph delta on users: without `deltaLink` a full first round (every user, as changed),
 * with it the changes since that link. Yields page by page and returns the next round's deltaLink.
 * A deltaLink Graph no longer accepts surfaces as GraphDeltaExpiredError: start again without it.
 */
export async function* userDelta(
  graph: GraphAccess,
  tenantId: string,
  deltaLink?: string
): AsyncGenerator<UserDeltaPage, { deltaLink: string }> {
  const client = graph.client(tenantId);
  let next: string | undefined = deltaLink;
  let first = true;
  for (;;) {
    let page: GraphCollection;
    try {
      page =
        first && !deltaLink
          ? await client.api('/users/delta').select([...USER_SELECT]).get()
          : await client.api(checkedLink(next as string, '/users/delta', '/users/microsoft.graph.delta')).get();
    } catch (error) {
      throw toGraphError(error, tenantId);
    }
    first = false;
    const changed: EntraUser[] = [];
    const removed: UserDeltaPage['removed'] = [];
    for (const item of page.value ?? []) {
      const gone = item['@removed'] as { reason?: unknown } | undefined;
      if (gone) removed.push({ id: String(item.id), reason: gone.reason === 'deleted' ? 'deleted' : 'changed' });
      else changed.push(toEntraUser(item));
    }
    yield { changed, removed };
    if (page['@odata.nextLink']) {
      next = page['@odata.nextLink'];
    } else if (page['@odata.deltaLink']) {
      return { deltaLink: page['@odata.deltaLink'] };
    } else {
      throw new Error('Graph delta response has neither @odata.nextLink nor @odata.deltaLink');
    }
  }
}

function pageSize(top: number): number {
  if (!Number.isInteger(top) || top < 1) throw new Error(`Page size must be a positive integer, got ${top}`);
  return Math.min(top, MAX_PAGE_SIZE);
}

/** A nextLink/deltaLink must point at Graph's v1.0 endpoint it came from (card data is untrusted). */
function checkedLink(link: string, ...paths: string[]): string {
  const ok = paths.some((path) => link.startsWith(`${GRAPH_ORIGIN}/v1.0${path}?`));
  if (!ok) throw new Error(`Not a Microsoft Graph ${paths[0]} link: ${link.slice(0, 80)}`);
  return link;
}

function toPage(page: GraphCollection): UsersPage {
  const nextLink = page['@odata.nextLink'];
  return {
    users: (page.value ?? []).map(toEntraUser),
    ...(nextLink ? { nextLink, skipToken: skipTokenOf(nextLink) } : {}),
    ...(typeof page['@odata.count'] === 'number' ? { count: page['@odata.count'] } : {})
  };
}

/** The `$skiptoken` value of a nextLink (decoded), or undefined. */
export function skipTokenOf(nextLink: string): string | undefined {
  const match = /[?&]\$skiptoken=([^&]*)/i.exec(nextLink);
  return match ? decodeURIComponent(match[1]) : undefined;
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A Graph user object as an EntraUser: missing properties become null (delta omits never-set ones). */
export function toEntraUser(raw: Record<string, unknown>): EntraUser {
  const userPrincipalName = str(raw.userPrincipalName) ?? '';
  return {
    id: String(raw.id),
    displayName: str(raw.displayName) ?? userPrincipalName,
    mail: str(raw.mail),
    userPrincipalName,
    jobTitle: str(raw.jobTitle),
    // Always set in Entra; only a response without it (not selected) would leave it undefined.
    accountEnabled: raw.accountEnabled !== false,
    userType: raw.userType === 'Guest' || /#EXT#/i.test(userPrincipalName) ? 'Guest' : 'Member',
    givenName: str(raw.givenName),
    surname: str(raw.surname),
    mobilePhone: str(raw.mobilePhone)
  };
}
