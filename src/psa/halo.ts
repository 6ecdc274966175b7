import { PsaCredentialRejectedError, PsaUnavailableError } from './errors';
import { cleanText, createPsaHttp, isRecord, joinName, pageSizeWithin, trimSlash } from './http';
import { PSA_LABELS, type PsaConnector, type PsaPerson, type PsaRequestOptions, type PsaTransport } from './types';
import { CREDENTIAL_VARIABLES } from './variables';

/**
 * Halo PSA agents: OAuth 2 client credentials at {url}/auth/token, then GET {url}/api/agent.
 *
 * Sources (found with the project's search tool):
 * - Token: POST {auth server}/token, form `grant_type=client_credentials&client_id&client_secret&scope=all`,
 *   `?tenant={name}` for hosted instances; answer `{ access_token, token_type, expires_in }`; API calls
 *   send `Authorization: Bearer {access_token}` (homotechsual/HaloAPI Public/Connect-HaloAPI.ps1, which
 *   falls back to {url}/auth/token; topleft-team/django-psa djpsa/halo/api.py).
 * - Paging: `pageinate=true&page_size={n}&page_no={n}`; the answer then carries `record_count` and the
 *   records under the collection's key (homotechsual/HaloAPI Private/New-HaloQuery.ps1 and
 *   New-HaloGETRequest.ps1; djpsa records/agent/sync.py reads agents from `results`, HaloAPI names the
 *   agent collection `agents`; without pageinate the answer is a bare array). djpsa notes Halo may send
 *   the last page again past the end, so a repeated page also ends the loop.
 * - Agent filters: `includeenabled`, `includedisabled`, `includeunassigned` (HaloAPI Get-HaloAgent.ps1;
 *   djpsa AgentSynchronizer).
 * - Agent fields: `id`, `name`, `firstname`, `surname`, `email`, `jobtitle`, `isdisabled`, `isapiagent`
 *   (Angelic-Software/angelic AgentList.cs, generated from Halo's schema; djpsa AgentSynchronizer).
 *
 * Email: `email`. Active: `isdisabled` is not true; filtered server-side with `includeenabled=true&
 * includedisabled=false&includeunassigned=false` and again here. API agents (`isapiagent`) are left out.
 */

export interface HaloSettings {
  /** The instance address, e.g. https://yourcompany.halopsa.com. */
  url: string;
  /** The tenant name of a hosted instance, sent as ?tenant= on the token request. */
  tenant?: string;
  clientId: string;
  clientSecret: string;
}

export const HALO_MAX_PAGE_SIZE = 100;
const MAX_PAGES = 10_000;
const TOKEN_MARGIN_MS = 60_000;

export function createHaloConnector(settings: HaloSettings, transport: PsaTransport = fetch, options: PsaRequestOptions = {}): PsaConnector {
  const source = 'halo' as const;
  const http = createPsaHttp(source, transport, options, CREDENTIAL_VARIABLES.halo);
  const pageSize = pageSizeWithin(options.pageSize, HALO_MAX_PAGE_SIZE);
  const base = trimSlash(settings.url);
  const tokenUrl = `${base}/auth/token${settings.tenant ? `?${new URLSearchParams({ tenant: settings.tenant }).toString()}` : ''}`;
  let token: { value: string; expiresAt: number } | undefined;

  async function accessToken(renew: boolean): Promise<string> {
    if (!renew && token && token.expiresAt > Date.now()) return token.value;
    const reply = await http.call(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        scope: 'all'
      }).toString(),
      rejectStatuses: [400, 401, 403],
      rejectedReason: 'refused the token request for the configured client'
    });
    const body = isRecord(reply.body) ? reply.body : {};
    const value = cleanText(body.access_token);
    if (value === null) throw new PsaUnavailableError(source, 'its token answer had no access token');
    const lifetimeMs = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 3_600_000;
    token = { value, expiresAt: Date.now() + Math.max(0, lifetimeMs - TOKEN_MARGIN_MS) };
    return value;
  }

  async function getPage(url: string): Promise<unknown> {
    for (let renew = false; ; renew = true) {
      const bearer = await accessToken(renew);
      try {
        return (await http.call(url, { headers: { Authorization: `Bearer ${bearer}` } })).body;
      } catch (error) {
        // A token can be revoked or expire early: get a new one once before giving up.
        if (!renew && error instanceof PsaCredentialRejectedError && error.status === 401) continue;
        throw error;
      }
    }
  }

  function pageUrl(page: number): string {
    const query = new URLSearchParams({
      pageinate: 'true',
      page_size: String(pageSize),
      page_no: String(page),
      includeenabled: 'true',
      includedisabled: 'false',
      includeunassigned: 'false'
    });
    return `${base}/api/agent?${query.toString()}`;
  }

  async function* listActivePeople(): AsyncGenerator<PsaPerson[]> {
    let seen = 0;
    let previousFirstId: unknown;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { records, recordCount } = unpack(await getPage(pageUrl(page)));
      if (records.length === 0) return;
      const firstId = isRecord(records[0]) ? records[0].id : undefined;
      if (page > 1 && firstId !== undefined && firstId === previousFirstId) return;
      previousFirstId = firstId;
      seen += records.length;
      const people = records.filter(isRecord).map(toPerson).filter((person): person is PsaPerson => person !== null && person.active);
      if (people.length > 0) yield people;
      if (records.length < pageSize || (recordCount !== undefined && seen >= recordCount)) return;
    }
    throw new PsaUnavailableError(source, `it returned more than ${MAX_PAGES} pages`);
  }

  function unpack(body: unknown): { records: unknown[]; recordCount?: number } {
    if (Array.isArray(body)) return { records: body };
    if (isRecord(body)) {
      const records = Array.isArray(body.agents) ? body.agents : Array.isArray(body.results) ? body.results : undefined;
      if (records) return { records, recordCount: typeof body.record_count === 'number' ? body.record_count : undefined };
    }
    throw new PsaUnavailableError(source, 'its agent list was not a list');
  }

  return { source, label: PSA_LABELS.halo, listActivePeople };
}

function toPerson(agent: Record<string, unknown>): PsaPerson | null {
  if (typeof agent.id !== 'number' && typeof agent.id !== 'string') return null;
  if (agent.isapiagent === true) return null;
  return {
    source: 'halo',
    externalId: String(agent.id),
    displayName: cleanText(agent.name) ?? joinName(agent.firstname, agent.surname) ?? `Agent ${String(agent.id)}`,
    email: cleanText(agent.email),
    jobTitle: cleanText(agent.jobtitle),
    active: agent.isdisabled !== true
  };
}
