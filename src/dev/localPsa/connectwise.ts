import type { LocalPsaPerson } from './people';
import { header, intParam, json, param, project, type LocalRequest, type Reply } from './wire';

/**
 * The local ConnectWise Manage: GET /connectwise/{codebase}/apis/3.0/system/members, the way
 * src/psa/connectwise.ts's sources describe it: Basic "{companyId}+{publicKey}:{privateKey}" plus the
 * clientId header, `conditions` (field = / != value, joined by "and"), `orderBy` id, `fields`,
 * `page`/`pageSize` (default 25, at most 1000) and navigable Link headers (first/prev/next/last).
 * A rejected credential gets 401 `{ code: "Unauthorized", message }`.
 */

export interface ConnectWiseCredentials {
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
}

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 1000;

export function connectWiseMember(person: LocalPsaPerson): Record<string, unknown> {
  const member: Record<string, unknown> = {
    id: person.id,
    identifier: `${person.firstName[0] ?? ''}${person.lastName}`.replace(/[^A-Za-z0-9]/g, '').slice(0, 15),
    firstName: person.firstName,
    lastName: person.lastName,
    licenseClass: 'F',
    inactiveFlag: !person.active,
    defaultEmail: 'Office',
    _info: { member_href: `system/members/${person.id}` }
  };
  if (person.title !== null) member.title = person.title;
  if (person.email !== null) {
    member.officeEmail = person.email;
    member.primaryEmail = person.email;
  }
  return member;
}

type Clause = { field: string; negate: boolean; value: unknown };

/** Parses the small part of the conditions grammar the connector uses: `field = value [and …]`. */
function parseConditions(text: string): Clause[] | null {
  const clauses: Clause[] = [];
  for (const part of text.split(/\s+and\s+/i)) {
    const match = /^\s*([A-Za-z_][\w/]*)\s*(!=|=)\s*(.+?)\s*$/.exec(part);
    if (!match) return null;
    const [, field = '', op, raw = ''] = match;
    let value: unknown;
    if (/^(true|false)$/i.test(raw)) value = raw.toLowerCase() === 'true';
    else if (/^-?\d+(\.\d+)?$/.test(raw)) value = Number(raw);
    else if (/^".*"$/.test(raw)) value = raw.slice(1, -1);
    else return null;
    clauses.push({ field, negate: op === '!=', value });
  }
  return clauses;
}

function matches(member: Record<string, unknown>, clauses: Clause[]): boolean {
  return clauses.every(({ field, negate, value }) => {
    const key = Object.keys(member).find((name) => name.toLowerCase() === field.toLowerCase());
    const actual = key === undefined ? null : member[key];
    const equal = typeof value === 'string' && typeof actual === 'string' ? actual.toLowerCase() === value.toLowerCase() : actual === value;
    return negate ? !equal : equal;
  });
}

export function connectWiseRoute(request: LocalRequest, rest: string[], origin: string, people: LocalPsaPerson[], credentials: ConnectWiseCredentials): Reply {
  const expected = `Basic ${Buffer.from(`${credentials.companyId}+${credentials.publicKey}:${credentials.privateKey}`).toString('base64')}`;
  if (header(request, 'authorization') !== expected || header(request, 'clientid') !== credentials.clientId) {
    return json(401, { code: 'Unauthorized', message: 'Authentication failed: check the company id, API keys and clientId.' });
  }
  const [, apis, version, area, resource, ...more] = rest;
  if (apis !== 'apis' || version !== '3.0' || area !== 'system' || resource !== 'members' || more.length > 0) {
    return json(404, { code: 'NotFound', message: 'The requested resource was not found.' });
  }
  if (request.method !== 'GET') return json(405, { code: 'MethodNotAllowed', message: 'Only GET is available here.' });

  const conditions = param(request.url, 'conditions');
  const clauses = conditions ? parseConditions(conditions) : [];
  if (clauses === null) return json(400, { code: 'InvalidObject', message: 'conditions could not be parsed.' });
  const members = people.map(connectWiseMember).filter((member) => matches(member, clauses));
  if (/^\s*id\s+desc\s*$/i.test(param(request.url, 'orderBy') ?? '')) members.reverse();

  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, intParam(request.url, 'pageSize', DEFAULT_PAGE_SIZE)));
  const page = Math.max(1, intParam(request.url, 'page', 1));
  const lastPage = Math.max(1, Math.ceil(members.length / pageSize));
  const fields = param(request.url, 'fields')?.split(',');
  const body = members.slice((page - 1) * pageSize, page * pageSize).map((member) => project(member, fields));

  const link = (target: number, rel: string): string => {
    const url = new URL(request.url.pathname + request.url.search, origin);
    url.searchParams.set('page', String(target));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
  return json(200, body, links.length > 0 ? { Link: links.join(', ') } : {});
}
