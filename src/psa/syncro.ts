import { mapLimit } from '../concurrency';
import { PsaUnavailableError } from './errors';
import { cleanText, createPsaHttp, isRecord, trimSlash } from './http';
import { PSA_LABELS, type PsaConnector, type PsaPerson, type PsaRequestOptions, type PsaTransport } from './types';
import { CREDENTIAL_VARIABLES } from './variables';

/**
 * Syncro users (the MSP's technicians), REST API v1: GET https://{subdomain}.syncromsp.com/api/v1/users.
 *
 * Sources (found with the project's search tool):
 * - Syncro's own OpenAPI document ("Syncro" v1, external docs
 *   https://docs.syncromsp.com/scripting-apis/syncro-rest-api; copied in advenimus/syncromsp-mcp
 *   docs/swagger.json): bearerAuth with the API token (an `api_key` query
 *   parameter is the documented alternative, not used here so the key never appears in a URL);
 *   "rate limit of 180 requests per minute per IP address"; `GET /users` "Returns a paginated list of
 *   Users" with the example `{ "users": [[1, "Joe Doe"]] }` (id and name only); `GET /users/{id}`
 *   answers `{ "user": { id, email, full_name, created_at, updated_at, group, admin, color } }`.
 * - Paging: list endpoints take `page` and answer `meta: { total_pages, total_entries, per_page, page }`
 *   (same document for other lists; advenimus/syncromsp-mcp src/utils/pagination.ts). The users example
 *   shows no meta: without one, the first page is the only page.
 * - Active: the API documents no active flag for users. Syncro's help ("Disable/Delete or
 *   Restore/Undelete Users", docs.syncromsp.com) says disabling a user is equivalent to deleting them and
 *   disabled users are hidden from the Users list unless "Show Disabled Users" is chosen, so the users
 *   list is taken as the active technicians. Should a user record carry `disabled: true`, it is left out.
 *
 * Email: `user.email` from GET /users/{id}, one request per user (four at a time).
 */

export interface SyncroSettings {
  subdomain: string;
  apiKey: string;
  /** The API base (default https://{subdomain}.syncromsp.com/api/v1). */
  apiUrl?: string;
}

const MAX_PAGES = 10_000;
const DETAIL_CONCURRENCY = 4;

export function syncroApiBase(settings: Pick<SyncroSettings, 'subdomain' | 'apiUrl'>): string {
  return trimSlash(settings.apiUrl ?? `https://${settings.subdomain}.syncromsp.com/api/v1`);
}

export function createSyncroConnector(settings: SyncroSettings, transport: PsaTransport = fetch, options: PsaRequestOptions = {}): PsaConnector {
  const source = 'syncro' as const;
  const http = createPsaHttp(source, transport, options, CREDENTIAL_VARIABLES.syncro);
  const base = syncroApiBase(settings);
  const headers = { Authorization: `Bearer ${settings.apiKey}` };

  async function detail(id: number | string, listedName: string | null): Promise<PsaPerson | null> {
    const reply = await http.call(`${base}/users/${encodeURIComponent(String(id))}`, { headers, tolerateStatuses: [404] });
    if (reply.status === 404) return null; // removed since the list was read
    const user = isRecord(reply.body) && isRecord(reply.body.user) ? reply.body.user : undefined;
    if (!user) throw new PsaUnavailableError(source, 'its user answer had no user');
    return {
      source,
      externalId: String(id),
      displayName: cleanText(user.full_name) ?? listedName ?? `User ${String(id)}`,
      email: cleanText(user.email),
      jobTitle: null,
      active: user.disabled !== true
    };
  }

  async function details(entries: Array<{ id: number | string; name: string | null }>): Promise<PsaPerson[]> {
    const people = await mapLimit(entries, DETAIL_CONCURRENCY, (entry) => detail(entry.id, entry.name));
    return people.filter((person): person is PsaPerson => person !== null && person.active);
  }

  async function* listActivePeople(): AsyncGenerator<PsaPerson[]> {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const reply = await http.call(`${base}/users?${new URLSearchParams({ page: String(page) }).toString()}`, { headers });
      const body = isRecord(reply.body) ? reply.body : undefined;
      if (!body || !Array.isArray(body.users)) throw new PsaUnavailableError(source, 'its user list had no users');
      const entries = body.users.map(listEntry).filter((entry): entry is { id: number | string; name: string | null } => entry !== null);
      const people = await details(entries);
      if (people.length > 0) yield people;
      const totalPages = isRecord(body.meta) && typeof body.meta.total_pages === 'number' ? body.meta.total_pages : undefined;
      if (totalPages === undefined || page >= totalPages || entries.length === 0) return;
    }
    throw new PsaUnavailableError(source, `it returned more than ${MAX_PAGES} pages`);
  }

  return { source, label: PSA_LABELS.syncro, listActivePeople };
}

/** A users-list entry: `[id, name]` as documented, or an object with `id` and `full_name`. */
function listEntry(entry: unknown): { id: number | string; name: string | null } | null {
  if (Array.isArray(entry) && (typeof entry[0] === 'number' || typeof entry[0] === 'string')) {
    return { id: entry[0], name: cleanText(entry[1]) };
  }
  if (isRecord(entry) && (typeof entry.id === 'number' || typeof entry.id === 'string')) {
    return { id: entry.id, name: cleanText(entry.full_name) };
  }
  return null;
}
