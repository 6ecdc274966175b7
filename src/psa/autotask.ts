import { PsaCredentialRejectedError, PsaUnavailableError } from './errors';
import { assertSameOrigin, cleanText, createPsaHttp, isRecord, joinName, pageSizeWithin, trimSlash } from './http';
import { PSA_LABELS, type PsaConnector, type PsaPerson, type PsaRequestOptions, type PsaTransport } from './types';
import { CREDENTIAL_VARIABLES } from './variables';

/**
 * Autotask PSA (Datto|Autotask) resources, REST API v1.0: GET {zone}/V1.0/Resources/query?search={json}.
 *
 * Sources (found with the project's search tool):
 * - Authentication: the `ApiIntegrationCode`, `UserName` and `Secret` headers on every call; 401 and
 *   403 on rejection (Autotask's OpenAPI document for Resources, as republished in
 *   api-evangelist/kaseya openapi/kaseya-resources-api-openapi.yml and
 *   kaseya-authenticateapiintegration-api-openapi.yml).
 * - Zone discovery: GET https://webservices.autotask.net/ATServicesRest/V1.0/zoneInformation?user={user name},
 *   sent without credentials, answers `{ zoneName, url, webUrl, ci }` where `url` is the zone's REST base
 *   (e.g. https://webservices5.autotask.net/ATServicesRest/), to which V1.0/… is appended (the AutoTaskAPI
 *   PowerShell module's Add-AutotaskAPIAuth, powershellgallery.com/packages/AutoTaskAPI, and other
 *   public clients; Autotask's REST help, REST_API_Home.htm, describes the zone lookup).
 * - Query: `search` is a QueryModel `{ filter: [{ op, field, value }], MaxRecords, IncludeFields }`
 *   (max 500 records a page); the answer is `{ items: [...], pageDetails: { count, requestCount,
 *   prevPageUrl, nextPageUrl } }`, and the next page is fetched from `nextPageUrl` until it is null
 *   (same OpenAPI document: QueryActionResult, QueryModel, PagingModel).
 * - Resource fields: `id`, `firstName`, `lastName`, `email` (primary; also `email2`, `email3`),
 *   `title`, `isActive`, `userName` (same document: ResourceModel).
 *
 * Email: `email` only (the primary address). Active: `isActive` is true; filtered server-side with
 * `{ op: "eq", field: "isActive", value: true }` and again here.
 */

export interface AutotaskSettings {
  username: string;
  secret: string;
  integrationCode: string;
  /** The zone's REST base, e.g. https://webservices5.autotask.net/ATServicesRest; looked up when absent. */
  zoneUrl?: string;
  /** Where zoneInformation is asked (default https://webservices.autotask.net/ATServicesRest). */
  zoneLookupUrl?: string;
}

export const AUTOTASK_MAX_PAGE_SIZE = 500;
export const AUTOTASK_ZONE_LOOKUP_URL = 'https://webservices.autotask.net/ATServicesRest';
const MAX_PAGES = 10_000;
const FIELDS = ['id', 'firstName', 'lastName', 'email', 'title', 'isActive'];

export function createAutotaskConnector(settings: AutotaskSettings, transport: PsaTransport = fetch, options: PsaRequestOptions = {}): PsaConnector {
  const source = 'autotask' as const;
  const http = createPsaHttp(source, transport, options, CREDENTIAL_VARIABLES.autotask);
  const pageSize = pageSizeWithin(options.pageSize, AUTOTASK_MAX_PAGE_SIZE);
  const headers = {
    ApiIntegrationCode: settings.integrationCode,
    UserName: settings.username,
    Secret: settings.secret,
    'Content-Type': 'application/json'
  };
  let zone: string | undefined = settings.zoneUrl ? trimSlash(settings.zoneUrl) : undefined;

  async function zoneBase(): Promise<string> {
    if (zone !== undefined) return zone;
    const lookup = trimSlash(settings.zoneLookupUrl ?? AUTOTASK_ZONE_LOOKUP_URL);
    const reply = await http.call(`${lookup}/V1.0/zoneInformation?${new URLSearchParams({ user: settings.username }).toString()}`, {
      rejectStatuses: [401, 403, 404],
      rejectedReason: 'does not know the configured API user name'
    });
    const url = isRecord(reply.body) ? cleanText(reply.body.url) : null;
    if (url === null) {
      throw new PsaCredentialRejectedError(source, { variables: CREDENTIAL_VARIABLES.autotask, reason: 'found no zone for the configured API user name' });
    }
    if (!trustedZone(url)) throw new PsaUnavailableError(source, 'its zone lookup named an address that is not https');
    zone = trimSlash(url);
    return zone;
  }

  async function* listActivePeople(): AsyncGenerator<PsaPerson[]> {
    const base = await zoneBase();
    const search = JSON.stringify({
      filter: [{ op: 'eq', field: 'isActive', value: true }],
      MaxRecords: pageSize,
      IncludeFields: FIELDS
    });
    let url = `${base}/V1.0/Resources/query?${new URLSearchParams({ search }).toString()}`;
    for (let page = 0; page < MAX_PAGES; page++) {
      const reply = await http.call(url, { headers });
      const body = isRecord(reply.body) ? reply.body : undefined;
      if (!body || !Array.isArray(body.items)) throw new PsaUnavailableError(source, 'its resource query answer had no items');
      const people = body.items.filter(isRecord).map(toPerson).filter((person): person is PsaPerson => person !== null && person.active);
      if (people.length > 0) yield people;
      const next = isRecord(body.pageDetails) ? cleanText(body.pageDetails.nextPageUrl) : null;
      if (next === null) return;
      url = assertSameOrigin(source, next, base).toString();
    }
    throw new PsaUnavailableError(source, `it returned more than ${MAX_PAGES} pages`);
  }

  return { source, label: PSA_LABELS.autotask, listActivePeople };
}

/** The zone the credentials are sent to must be https (http only on this machine, for the local fake). */
function trustedZone(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname));
  } catch {
    return false;
  }
}

function toPerson(resource: Record<string, unknown>): PsaPerson | null {
  if (typeof resource.id !== 'number' && typeof resource.id !== 'string') return null;
  return {
    source: 'autotask',
    externalId: String(resource.id),
    displayName: joinName(resource.firstName, resource.lastName) ?? `Resource ${String(resource.id)}`,
    email: cleanText(resource.email),
    jobTitle: cleanText(resource.title),
    active: resource.isActive === true
  };
}
