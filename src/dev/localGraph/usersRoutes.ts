import type { IncomingHttpHeaders } from 'node:http';
import { parseFilter } from './filter';
import { parseSelect, project, type Predicate, type UserProperty } from './properties';
import { parseSearch } from './search';
import type { TenantStore } from './store';
import type { LocalUser } from './types';
import { decodeToken, encodeToken, GRAPH_ORIGIN, graphError, queryOf, queryString, type Reply } from './wire';

/**
 * GET /v1.0/users (a page of users: $select, $top, $filter, $search with ConsistencyLevel, $count,
 * $skiptoken) and GET /v1.0/users/{id | userPrincipalName}, answered as Graph does.
 */

const DEFAULT_PAGE = 100;
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE = 999;

interface ListToken {
  /** The last id served. */
  a: string;
}

function context(select: readonly UserProperty[] | null, entity = false): string {
  return `${GRAPH_ORIGIN}/v1.0/$metadata#users${select ? `(${select.join(',')})` : ''}${entity ? '/$entity' : ''}`;
}

export function listUsers(store: TenantStore, url: URL, headers: IncomingHttpHeaders): Reply {
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
  const predicates: Predicate[] = [
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
  const body: Record<string, unknown> = { '@odata.context': context(select) };
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

/**
 * One user by object id or userPrincipalName (case-insensitive), with the same $select as the list
 * (the default set without it); 404 Request_ResourceNotFound for a key the tenant does not have.
 */
export function getUser(store: TenantStore, key: string, url: URL): Reply {
  // An object id is looked up directly; only a userPrincipalName needs the scan of store.find.
  const user = OBJECT_ID.test(key) ? (store.get(key) ?? store.get(key.toLowerCase())) : store.find(key);
  if (!user) {
    return graphError(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`);
  }
  const select = parseSelect(queryOf(url).get('$select') ?? null);
  return { status: 200, body: { '@odata.context': context(select, true), ...project(user, select) } };
}
