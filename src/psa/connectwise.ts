import { PsaUnavailableError } from './errors';
import { cleanText, createPsaHttp, isRecord, joinName, nextLink, pageSizeWithin, trimSlash } from './http';
import { PSA_LABELS, type PsaConnector, type PsaPerson, type PsaRequestOptions, type PsaTransport } from './types';
import { CREDENTIAL_VARIABLES } from './variables';

/**
 * ConnectWise Manage (ConnectWise PSA) members, REST API 3.0: GET {site}/{codebase}/apis/3.0/system/members.
 *
 * Sources (found with the project's search tool):
 * - Authentication: `Authorization: Basic base64("{companyId}+{publicKey}:{privateKey}")` and the
 *   required `clientId` header (ConnectWise Developer Guide "ClientIds", copied at
 *   gitea.resolutionflow.com/chihlasm/resolutionflow docs/connectwise/Developer-Guide.md; the official
 *   Node client covenanttechnologysolutions/connectwise-rest src/Manage.ts; nango.dev "ConnectWise PSA").
 * - Paging: `page` and `pageSize` (hard limit 1,000 per page), navigation in the `Link` response header
 *   (`<…&page=2>; rel="next"`, no next on the last page) (ConnectWise "PSA Pagination" best-practices
 *   page, same copy: docs/connectwise/best-practices/PSA-Pagination.md; thelazyadministrator.com
 *   2024-06-06 "How The ConnectWise Manage API Handles Pagination").
 * - Filtering: `conditions` (`inactiveFlag = false`), `orderBy`, `fields` (generated OpenAPI clients:
 *   Jetbuilt/connect_wise docs/MembersApi.md, HealthITAU/pyconnectwise MemberModel.py).
 * - Member fields: `id`, `identifier`, `firstName`, `lastName`, `title`, `inactiveFlag`, `licenseClass`
 *   (F full, A API member, C StreamlineIT, X subcontractor), `officeEmail`, `mobileEmail`, `homeEmail`,
 *   `defaultEmail` (enum Office | Mobile | Home: which of the three is the default) and `primaryEmail`
 *   (Jetbuilt/connect_wise docs/Member.md; pyconnectwise MemberModel.py).
 * - Error body: `{ "code": "Unauthorized", "message": … }` on 401 (christaylorcodes/ConnectWiseManageAPI
 *   Invoke-CWMWebRequest.ps1).
 *
 * Email: `primaryEmail` when present, else the address `defaultEmail` points at, else `officeEmail`.
 * Active: `inactiveFlag` is not true; filtered server-side with `conditions=inactiveFlag = false` and
 * again here. API members (licenseClass A) are integration accounts, not people, and are left out.
 */

export interface ConnectWiseSettings {
  /** The API host, e.g. https://api-na.myconnectwise.net (a bare host name gets https://). */
  site: string;
  /** The codebase in the path (default v4_6_release). */
  codebase?: string;
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
}

export const CONNECTWISE_MAX_PAGE_SIZE = 1000;
const MAX_PAGES = 10_000;
const MEMBER_FIELDS = 'id,identifier,firstName,lastName,title,inactiveFlag,licenseClass,officeEmail,mobileEmail,homeEmail,defaultEmail,primaryEmail';

export function connectWiseApiBase(settings: Pick<ConnectWiseSettings, 'site' | 'codebase'>): string {
  const site = /^https?:\/\//i.test(settings.site) ? settings.site : `https://${settings.site}`;
  return `${trimSlash(site)}/${settings.codebase ?? 'v4_6_release'}/apis/3.0`;
}

export function createConnectWiseConnector(
  settings: ConnectWiseSettings,
  transport: PsaTransport = fetch,
  options: PsaRequestOptions = {}
): PsaConnector {
  const source = 'connectwise' as const;
  const http = createPsaHttp(source, transport, options, CREDENTIAL_VARIABLES.connectwise);
  const pageSize = pageSizeWithin(options.pageSize, CONNECTWISE_MAX_PAGE_SIZE);
  const membersUrl = `${connectWiseApiBase(settings)}/system/members`;
  const authorization = `Basic ${Buffer.from(`${settings.companyId}+${settings.publicKey}:${settings.privateKey}`).toString('base64')}`;
  const headers = { Authorization: authorization, clientId: settings.clientId, 'Cache-Control': 'no-cache' };

  function pageUrl(page: number): string {
    const query = new URLSearchParams({
      conditions: 'inactiveFlag = false',
      orderBy: 'id asc',
      fields: MEMBER_FIELDS,
      page: String(page),
      pageSize: String(pageSize)
    });
    return `${membersUrl}?${query.toString()}`;
  }

  async function* listActivePeople(): AsyncGenerator<PsaPerson[]> {
    let page = 1;
    for (let fetched = 0; fetched < MAX_PAGES; fetched++) {
      const url = pageUrl(page);
      const reply = await http.call(url, { headers });
      if (!Array.isArray(reply.body)) throw new PsaUnavailableError(source, 'its member list was not a list');
      const people = reply.body.filter(isRecord).map(toPerson).filter((person): person is PsaPerson => person !== null && person.active);
      if (people.length > 0) yield people;

      const link = reply.headers.get('link');
      if (link === null) {
        // Without a Link header, a short page is the last one.
        if (reply.body.length < pageSize) return;
        page += 1;
        continue;
      }
      const next = nextLink(link);
      if (next === null) return;
      const nextPage = Number(new URL(next, url).searchParams.get('page'));
      if (!Number.isInteger(nextPage) || nextPage <= page) throw new PsaUnavailableError(source, 'its paging link did not move forward');
      page = nextPage;
    }
    throw new PsaUnavailableError(source, `it returned more than ${MAX_PAGES} pages`);
  }

  return { source, label: PSA_LABELS.connectwise, listActivePeople };
}

const DEFAULT_EMAIL_FIELDS: Record<string, string> = { Office: 'officeEmail', Mobile: 'mobileEmail', Home: 'homeEmail' };

export function connectWiseMemberEmail(member: Record<string, unknown>): string | null {
  const primary = cleanText(member.primaryEmail);
  if (primary !== null) return primary;
  const defaultField = typeof member.defaultEmail === 'string' ? DEFAULT_EMAIL_FIELDS[member.defaultEmail] : undefined;
  return (defaultField === undefined ? null : cleanText(member[defaultField])) ?? cleanText(member.officeEmail);
}

function toPerson(member: Record<string, unknown>): PsaPerson | null {
  if (typeof member.id !== 'number' && typeof member.id !== 'string') return null;
  if (member.licenseClass === 'A') return null;
  return {
    source: 'connectwise',
    externalId: String(member.id),
    displayName: joinName(member.firstName, member.lastName) ?? cleanText(member.identifier) ?? `Member ${String(member.id)}`,
    email: connectWiseMemberEmail(member),
    jobTitle: cleanText(member.title),
    active: member.inactiveFlag !== true
  };
}
