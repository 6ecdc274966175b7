import type { LocalPsaPerson } from './people';
import { header, json, param, project, type LocalRequest, type Reply } from './wire';

/**
 * The local Autotask PSA, the way src/psa/autotask.ts's sources describe it:
 * - GET /autotask/atservicesrest/V1.0/zoneInformation?user= (no credentials) → `{ zoneName, url, webUrl, ci }`;
 * - GET /autotask/atservicesrest/V1.0/Resources/query?search={QueryModel} with the ApiIntegrationCode,
 *   UserName and Secret headers → `{ items, pageDetails: { count, requestCount, prevPageUrl, nextPageUrl } }`,
 *   filters eq/noteq/gt/gte/lt/lte/exist/notExist/and/or, MaxRecords 1..500 (default 500), IncludeFields;
 *   the next page is fetched from nextPageUrl (…/Resources/query/next?paging=…&search=…).
 * A rejected credential gets 401 with no body, as the OpenAPI document describes it.
 */

export interface AutotaskCredentials {
  username: string;
  secret: string;
  integrationCode: string;
}

const MAX_RECORDS = 500;

export function autotaskResource(person: LocalPsaPerson): Record<string, unknown> {
  return {
    id: person.id,
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    email2: null,
    email3: null,
    title: person.title,
    isActive: person.active,
    userName: `${person.firstName[0] ?? ''}${person.lastName}`.toLowerCase().replace(/[^a-z0-9]/g, ''),
    resourceType: 'Employee',
    licenseType: 1
  };
}

interface Filter {
  op?: unknown;
  field?: unknown;
  value?: unknown;
  items?: unknown;
}

function valueOf(record: Record<string, unknown>, field: unknown): unknown {
  const key = Object.keys(record).find((name) => typeof field === 'string' && name.toLowerCase() === field.toLowerCase());
  return key === undefined ? undefined : record[key];
}

function test(record: Record<string, unknown>, filter: Filter): boolean {
  const op = String(filter.op ?? '').toLowerCase();
  const items = Array.isArray(filter.items) ? (filter.items as Filter[]) : [];
  if (op === 'and') return items.every((item) => test(record, item));
  if (op === 'or') return items.some((item) => test(record, item));
  const actual = valueOf(record, filter.field);
  const expected = filter.value;
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'noteq':
      return actual !== expected;
    case 'gt':
      return typeof actual === 'number' && typeof expected === 'number' && actual > expected;
    case 'gte':
      return typeof actual === 'number' && typeof expected === 'number' && actual >= expected;
    case 'lt':
      return typeof actual === 'number' && typeof expected === 'number' && actual < expected;
    case 'lte':
      return typeof actual === 'number' && typeof expected === 'number' && actual <= expected;
    case 'exist':
      return actual !== undefined && actual !== null && actual !== '';
    case 'notexist':
      return actual === undefined || actual === null || actual === '';
    default:
      throw new Error(`unsupported filter operator ${op}`);
  }
}

function pick(query: Record<string, unknown>, name: string): unknown {
  return valueOf(query, name);
}

export function autotaskRoute(request: LocalRequest, rest: string[], origin: string, people: LocalPsaPerson[], credentials: AutotaskCredentials): Reply {
  const base = `${origin}/autotask/atservicesrest`;
  const path = rest.map((part) => part.toLowerCase());
  if (path[0] !== 'atservicesrest' || path[1] !== 'v1.0') return json(404, { errors: ['Not found'] });
  if (path[2] === 'zoneinformation' && path.length === 3) {
    const user = param(request.url, 'user') ?? '';
    if (user.toLowerCase() !== credentials.username.toLowerCase()) return json(404, { errors: ['Zone information could not be determined for this user.'] });
    return json(200, { zoneName: 'Local zone', url: `${base}/`, webUrl: `${origin}/autotask/`, ci: 1 });
  }
  if (
    header(request, 'apiintegrationcode') !== credentials.integrationCode ||
    header(request, 'username') !== credentials.username ||
    header(request, 'secret') !== credentials.secret
  ) {
    return json(401);
  }
  const next = path[4] === 'next';
  if (path[2] !== 'resources' || path[3] !== 'query' || path.length !== (next ? 5 : 4)) return json(404, { errors: ['Not found'] });
  if (request.method !== 'GET') return json(405, { errors: ['Use GET with the search parameter here.'] });

  let query: Record<string, unknown>;
  let afterId = Number.NEGATIVE_INFINITY;
  try {
    const parsed = JSON.parse(param(request.url, 'search') ?? '') as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('search is not an object');
    query = parsed as Record<string, unknown>;
    if (next) afterId = Number((JSON.parse(param(request.url, 'paging') ?? '{}') as { afterId?: unknown }).afterId);
  } catch {
    return json(500, { errors: ['The search parameter is not a valid query.'] });
  }
  const filters = pick(query, 'filter');
  if (!Array.isArray(filters) || filters.length === 0) return json(500, { errors: ['A query requires a filter.'] });
  const maxRecords = Number(pick(query, 'maxRecords') ?? MAX_RECORDS);
  if (!Number.isInteger(maxRecords) || maxRecords < 1 || maxRecords > MAX_RECORDS) {
    return json(500, { errors: [`MaxRecords must be between 1 and ${MAX_RECORDS}.`] });
  }
  const include = pick(query, 'includeFields');
  const fields = Array.isArray(include) ? include.map(String) : undefined;

  let matching: Record<string, unknown>[];
  try {
    matching = people.map(autotaskResource).filter((resource) => (filters as Filter[]).every((filter) => test(resource, filter)));
  } catch (error) {
    return json(500, { errors: [(error as Error).message] });
  }
  const remaining = matching.filter((resource) => Number(resource.id) > afterId);
  const items = remaining.slice(0, maxRecords);
  const last = items[items.length - 1];
  const nextPageUrl =
    remaining.length > items.length && last
      ? `${base}/V1.0/Resources/query/next?${new URLSearchParams({
          paging: JSON.stringify({ afterId: last.id, pageSize: maxRecords }),
          search: param(request.url, 'search') ?? ''
        }).toString()}`
      : null;
  return json(200, {
    items: items.map((item) => project(item, fields)),
    pageDetails: { count: items.length, requestCount: maxRecords, prevPageUrl: null, nextPageUrl }
  });
}
