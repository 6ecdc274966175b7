import { randomBytes } from 'node:crypto';
import type { LocalPsaPerson } from './people';
import { boolParam, header, intParam, json, param, type LocalRequest, type Reply } from './wire';

/**
 * The local Halo PSA: POST /halo/auth/token (client credentials, scope all, ?tenant=) and GET
 * /halo/api/agent, the way src/psa/halo.ts's sources describe them: Bearer tokens, `pageinate`,
 * `page_size`, `page_no` with `record_count` and the `agents` collection (a bare array without
 * pageinate), `includeenabled` (default true), `includedisabled` (default false), `includeunassigned`
 * (default false; agent 1 is the system "Unassigned" agent). A rejected client gets the OAuth 2
 * error `400 { error: "invalid_client" }`; an unknown or expired token gets 401.
 */

export interface HaloCredentials {
  tenant: string;
  clientId: string;
  clientSecret: string;
}

export class HaloTokens {
  private readonly tokens = new Set<string>();

  issue(): string {
    const token = `local-halo.${randomBytes(16).toString('hex')}`;
    this.tokens.add(token);
    return token;
  }

  valid(token: string): boolean {
    return this.tokens.has(token);
  }

  /** Makes every issued token invalid, as an expiry or a revoked application would. */
  expireAll(): void {
    this.tokens.clear();
  }
}

const UNASSIGNED = { id: 1, name: 'Unassigned', firstname: '', surname: '', email: '', jobtitle: '', isdisabled: false, isapiagent: false };

export function haloAgent(person: LocalPsaPerson): Record<string, unknown> {
  return {
    id: person.id,
    name: `${person.firstName} ${person.lastName}`,
    firstname: person.firstName,
    surname: person.lastName,
    initials: `${person.firstName[0] ?? ''}${person.lastName[0] ?? ''}`,
    email: person.email ?? '',
    jobtitle: person.title ?? '',
    isdisabled: !person.active,
    isapiagent: false,
    use: 'agent'
  };
}

export function haloRoute(request: LocalRequest, rest: string[], people: LocalPsaPerson[], credentials: HaloCredentials, tokens: HaloTokens): Reply {
  const path = rest.join('/').toLowerCase();
  if (path === 'auth/token') {
    if (request.method !== 'POST') return json(405, { error: 'invalid_request' });
    const form = new URLSearchParams(request.body);
    if (form.get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
    const tenantOk = (param(request.url, 'tenant') ?? '') === credentials.tenant;
    if (!tenantOk || form.get('client_id') !== credentials.clientId || form.get('client_secret') !== credentials.clientSecret) {
      return json(400, { error: 'invalid_client' });
    }
    const scope = form.get('scope') ?? '';
    if (!scope.split(' ').some((s) => s === 'all' || s === 'read:agents')) return json(400, { error: 'invalid_scope' });
    return json(200, { access_token: tokens.issue(), token_type: 'Bearer', expires_in: 3600, scope });
  }
  if (path !== 'api/agent') return json(404, { message: 'Not found' });
  const bearer = /^Bearer\s+(.+)$/i.exec(header(request, 'authorization') ?? '')?.[1];
  if (!bearer || !tokens.valid(bearer)) return json(401);
  if (request.method !== 'GET') return json(405, { message: 'Method not allowed' });

  const url = request.url;
  const includeEnabled = boolParam(url, 'includeenabled', true);
  const includeDisabled = boolParam(url, 'includedisabled', false);
  const includeUnassigned = boolParam(url, 'includeunassigned', false);
  const agents = [...(includeUnassigned ? [UNASSIGNED] : []), ...people.map(haloAgent)].filter((agent) =>
    agent.isdisabled ? includeDisabled : includeEnabled
  );
  if (!boolParam(url, 'pageinate', false)) return json(200, agents);
  const pageSize = Math.max(1, intParam(url, 'page_size', 50));
  const pageNo = Math.max(1, intParam(url, 'page_no', 1));
  return json(200, {
    page_no: pageNo,
    page_size: pageSize,
    record_count: agents.length,
    agents: agents.slice((pageNo - 1) * pageSize, pageNo * pageSize)
  });
}
