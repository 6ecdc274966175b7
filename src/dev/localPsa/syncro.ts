import type { LocalPsaPerson } from './people';
import { header, intParam, json, param, type LocalRequest, type Reply } from './wire';

/**
 * The local Syncro: GET /syncro/api/v1/users and /users/{id}, the way src/psa/syncro.ts's sources
 * describe them: the API token as `Authorization: Bearer …` (or the `api_key` parameter), the list as
 * `{ users: [[id, name]], meta: { total_pages, total_entries, per_page, page } }` with `page`, and a
 * user as `{ user: { id, email, full_name, created_at, updated_at, group, admin, color } }`.
 * Disabled users are left out of the list (as Syncro's Users page hides them) but can still be read
 * by id. A rejected token gets 401.
 */

export interface SyncroCredentials {
  subdomain: string;
  apiKey: string;
}

const CREATED = '2024-03-04T09:15:00.000Z';

export function syncroUser(person: LocalPsaPerson): Record<string, unknown> {
  return {
    id: person.id,
    email: person.email,
    full_name: `${person.firstName} ${person.lastName}`,
    created_at: CREATED,
    updated_at: CREATED,
    group: person.title === 'Service Manager' ? 'Admins' : 'Technicians',
    admin: person.title === 'Service Manager',
    color: '55b932'
  };
}

export function syncroRoute(request: LocalRequest, rest: string[], people: LocalPsaPerson[], credentials: SyncroCredentials, perPage: number): Reply {
  const given = /^Bearer\s+(.+)$/i.exec(header(request, 'authorization') ?? '')?.[1] ?? param(request.url, 'api_key');
  if (given !== credentials.apiKey) return json(401, { error: 'Not authorized' });
  const [api, version, collection, id, ...more] = rest;
  if (api !== 'api' || version !== 'v1' || collection !== 'users' || more.length > 0) return json(404, { error: 'Not found' });
  if (request.method !== 'GET') return json(405, { error: 'Method not allowed' });

  if (id !== undefined) {
    const person = people.find((candidate) => String(candidate.id) === id);
    return person ? json(200, { user: syncroUser(person) }) : json(404, { error: 'Not found' });
  }
  const enabled = people.filter((person) => person.active);
  const totalPages = Math.max(1, Math.ceil(enabled.length / perPage));
  const page = Math.max(1, intParam(request.url, 'page', 1));
  return json(200, {
    users: enabled.slice((page - 1) * perPage, page * perPage).map((person) => [person.id, `${person.firstName} ${person.lastName}`]),
    meta: { total_pages: totalPages, total_entries: enabled.length, per_page: perPage, page }
  });
}
