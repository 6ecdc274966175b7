/**
 * The Graph layer (src/graph) against the local Microsoft Graph (src/dev/localGraph) over HTTP, through
 * the real graph-client 3.0.7 middleware chain and the local transport seam: paging, $select, $filter,
 * $search, consent, throttling, delta, sendMail, the demo tenants and the 100 000-user tenant.
 * The fake's own functions are used only for setup (consent, throttling, user changes, request log).
 */
import type { ClientSecretCredentialOptions } from '@azure/identity';
import type { GraphError } from '@microsoft/microsoft-graph-client';
import { DEMO_COMPANIES, demoGuid, demoPeople, mailboxName } from '../../../src/dev/demoData';
import {
  BENCHMARK_TENANT_ID,
  BENCHMARK_USER_COUNT,
  DEMO_MAIL_SENDER,
  SyntheticUsers,
  demoTenants,
  startLocalGraph,
  type LocalGraph,
  type LocalTenant,
  type LocalUser
} from '../../../src/dev/localGraph';
import { readPlaygroundConfig } from '../../../src/dev/playgroundConfig';
import {
  GraphConsentError,
  GraphCredentialError,
  GraphDeltaExpiredError,
  GraphRequestError,
  GraphThrottledError,
  toGraphError
} from '../../../src/graph/errors';
import { createGraphAccess, createProductionCredential, LocalTokenCredential, transportUrl, type GraphAccess } from '../../../src/graph/graphAccess';
import { sendMail } from '../../../src/graph/mail';
import { accountKind, listUsers, searchUsers, userDelta, usersPage, USER_SELECT, type EntraUser, type UserDeltaPage } from '../../../src/graph/users';

const PAGING = '1a000000-0000-4000-8000-000000000001';
const SMALL = '1a000000-0000-4000-8000-000000000002';
const DELTA = '1a000000-0000-4000-8000-000000000003';
const MSP = '1a000000-0000-4000-8000-000000000004';
const UNCONSENTED = '1a000000-0000-4000-8000-000000000005';
const UNKNOWN = '1a000000-0000-4000-8000-0000000000ff';

function person(id: number, displayName: string, fields: Partial<LocalUser> = {}): LocalUser {
  const local = displayName.toLowerCase().replace(/[^a-z]+/g, '.');
  return {
    id: `2b000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    displayName,
    givenName: displayName.split(' ')[0],
    surname: displayName.split(' ').slice(1).join(' ') || null,
    mail: `${local}@small.example`,
    userPrincipalName: `${local}@small.example`,
    jobTitle: 'Accountant',
    mobilePhone: null,
    accountEnabled: true,
    userType: 'Member',
    ...fields
  };
}

const SMALL_USERS: LocalUser[] = [
  person(1, "Liam O'Brien", { mail: 'liam.obrien@small.example', userPrincipalName: 'lobrien@small.example' }),
  person(2, 'Zoë Ångström', { mail: 'zoe.angstrom@small.example', userPrincipalName: 'zoe.angstrom@small.example' }),
  person(3, '李四(David Li)', { givenName: 'David', surname: 'Li', mail: 'david.li@small.example', userPrincipalName: 'david.li@small.example' }),
  person(4, 'Pat Morgan', { mail: null }),
  person(5, 'Chris Lane', { accountEnabled: false }),
  person(6, 'Jane Doe', { mail: 'jane@contoso.com', userPrincipalName: 'jane_contoso.com#EXT#@small.onmicrosoft.com', userType: 'Guest' }),
  person(7, 'Dwayne "The Rock" Johnson', { mail: 'dwayne@small.example', userPrincipalName: 'dwayne@small.example' }),
  person(8, 'Sam Taylor', { mail: 'Sam.Taylor@small.example', userPrincipalName: 'sam.taylor@small.example' }),
  person(9, 'Samantha Olsen', { mail: 'samantha.olsen@small.example' }),
  person(10, 'Oliver Brien', { mail: 'oliver.brien@small.example' })
];

function materialize(source: SyntheticUsers): LocalUser[] {
  return Array.from({ length: source.count }, (_, i) => source.userAt(i));
}

let localGraph: LocalGraph;
let credential: LocalTokenCredential;
let graph: GraphAccess;
const playground = readPlaygroundConfig();

beforeAll(async () => {
  const tenants: LocalTenant[] = [
    { tenantId: PAGING, displayName: 'Paging', consented: true, users: new SyntheticUsers(PAGING, 2500, 'paging.example') },
    { tenantId: SMALL, displayName: 'Small', consented: true, users: SMALL_USERS },
    { tenantId: DELTA, displayName: 'Delta', consented: true, users: materialize(new SyntheticUsers(DELTA, 120, 'delta.example')) },
    {
      tenantId: MSP,
      displayName: 'MSP',
      consented: true,
      users: [
        person(100, 'Client Portal', { givenName: null, surname: null, mail: 'portal@msp.example', userPrincipalName: 'portal@msp.example', accountEnabled: false }),
        person(101, 'No Mailbox', { mail: null, userPrincipalName: 'nomailbox@msp.example' })
      ]
    },
    { tenantId: UNCONSENTED, displayName: 'Unconsented', consented: false, users: [person(200, 'Nobody Here')] },
    ...demoTenants(playground)
  ];
  localGraph = await startLocalGraph({ tenants, deltaPageSize: 50 });
  credential = new LocalTokenCredential();
  graph = createGraphAccess({
    credential,
    transport: { kind: 'local', baseUrl: localGraph.baseUrl },
    retry: { backoffBaseSeconds: 0 }
  });
});

afterAll(async () => {
  await localGraph?.close();
});

beforeEach(() => localGraph.clearRequests());

async function collect(pages: AsyncGenerator<EntraUser[]>): Promise<EntraUser[][]> {
  const all: EntraUser[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}

async function drainDelta(rounds: AsyncGenerator<UserDeltaPage, { deltaLink: string }>) {
  const pages: UserDeltaPage[] = [];
  for (;;) {
    const step = await rounds.next();
    if (step.done) return { pages, deltaLink: step.value.deltaLink, changed: pages.flatMap((p) => p.changed), removed: pages.flatMap((p) => p.removed) };
    pages.push(step.value);
  }
}

/** The local Graph without graph-client, for what the SDK hides (raw properties, headers). */
async function raw(tenantId: string, pathAndQuery: string, headers: Record<string, string> = {}) {
  const response = await fetch(localGraph.baseUrl + pathAndQuery, { headers: { Authorization: `Bearer local-graph.${tenantId}`, ...headers } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { value?: Record<string, unknown>[] } };
}

function requestsOf(tenantId: string, path = '/v1.0/users') {
  return localGraph.requests().filter((r) => r.tenantId === tenantId && r.path === path);
}

describe('paging and $select', () => {
  test('2 500 users come in pages of 999 across nextLinks, each user once, in id order', async () => {
    const pages = await collect(listUsers(graph, PAGING));
    expect(pages.map((p) => p.length)).toEqual([999, 999, 502]);
    const ids = pages.flat().map((u) => u.id);
    expect(new Set(ids).size).toBe(2500);
    expect([...ids].sort()).toEqual(ids);

    const requests = requestsOf(PAGING);
    expect(requests).toHaveLength(3);
    const first = new URL(requests[0].url, 'http://x').searchParams;
    expect(first.get('$top')).toBe('999');
    expect(first.get('$select')?.split(',')).toEqual([...USER_SELECT]);
    expect(requests.slice(1).every((r) => new URL(r.url, 'http://x').searchParams.has('$skiptoken'))).toBe(true);
    // The token asked for is the paging tenant's.
    expect(credential.calls.at(-1)).toEqual({ scopes: ['https://graph.microsoft.com/.default'], tenantId: PAGING });
  });

  test('a smaller page size is honoured', async () => {
    const pages = await collect(listUsers(graph, SMALL, { pageSize: 4 }));
    expect(pages.map((p) => p.length)).toEqual([4, 4, 2]);
  });

  test('accountEnabled and userType are read because they are selected', async () => {
    const users = (await collect(listUsers(graph, SMALL))).flat();
    expect(users.find((u) => u.displayName === 'Chris Lane')?.accountEnabled).toBe(false);
    expect(users.find((u) => u.displayName === 'Jane Doe')).toMatchObject({ userType: 'Guest', mail: 'jane@contoso.com' });
    expect(users.find((u) => u.displayName === 'Pat Morgan')?.mail).toBeNull();
  });

  test('raw Graph: accountEnabled and userType only when selected; $select returns only what it names', async () => {
    const plain = await raw(SMALL, '/v1.0/users');
    expect(plain.status).toBe(200);
    const keys = Object.keys(plain.body.value?.[0] ?? {});
    expect(keys).toEqual(expect.arrayContaining(['id', 'displayName', 'mail', 'userPrincipalName', 'jobTitle', 'businessPhones']));
    expect(keys).not.toContain('accountEnabled');
    expect(keys).not.toContain('userType');

    const selected = await raw(SMALL, '/v1.0/users?$select=displayName,accountEnabled,userType');
    expect(selected.body.value?.map((u) => Object.keys(u).sort())[0]).toEqual(['accountEnabled', 'displayName', 'id', 'userType']);
    expect(selected.body.value?.find((u) => u.displayName === 'Chris Lane')).toEqual({ id: SMALL_USERS[4].id, displayName: 'Chris Lane', accountEnabled: false, userType: 'Member' });

    const bad = await raw(SMALL, '/v1.0/users?$select=displayName,favouriteColour');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'Request_BadRequest' } });
  });

  test('default page is 100 and $top above 999 is refused', async () => {
    const plain = await raw(PAGING, '/v1.0/users');
    expect(plain.body.value).toHaveLength(100);
    expect(plain.body['@odata.nextLink']).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/users\?.*\$skiptoken=/);
    expect((await raw(PAGING, '/v1.0/users?$top=1000')).status).toBe(400);
  });
});

describe('startswith filter (usersPage)', () => {
  test("matches displayName, mail or userPrincipalName case-insensitively, quotes doubled", async () => {
    const page = await usersPage(graph, SMALL, { top: 10, startsWith: "liam o'b" });
    expect(page.users.map((u) => u.displayName)).toEqual(["Liam O'Brien"]);
    expect(page.nextLink).toBeUndefined();

    const byMail = await usersPage(graph, SMALL, { top: 10, startsWith: 'LIAM.OB' });
    expect(byMail.users.map((u) => u.displayName)).toEqual(["Liam O'Brien"]);
    const byUpn = await usersPage(graph, SMALL, { top: 10, startsWith: 'lobrien' });
    expect(byUpn.users.map((u) => u.displayName)).toEqual(["Liam O'Brien"]);
  });

  test('pages through matches with nextLink and with the skipToken alone', async () => {
    const first = await usersPage(graph, SMALL, { top: 1, startsWith: 's' });
    expect(first.users).toHaveLength(1);
    expect(first.nextLink).toBeDefined();
    const viaLink = await usersPage(graph, SMALL, { top: 1, nextLink: first.nextLink });
    const viaToken = await usersPage(graph, SMALL, { top: 1, startsWith: 's', skipToken: first.skipToken });
    expect(viaToken.users).toEqual(viaLink.users);
    const names = [...first.users, ...viaLink.users].map((u) => u.displayName).sort();
    expect(names).toEqual(['Sam Taylor', 'Samantha Olsen']);
    expect(viaLink.nextLink).toBeUndefined();
  });

  test('a nextLink outside Graph is refused before any request', async () => {
    await expect(usersPage(graph, SMALL, { top: 2, nextLink: 'https://evil.example/v1.0/users?$skiptoken=x' })).rejects.toThrow(/Not a Microsoft Graph/);
    expect(() => transportUrl({ kind: 'local', baseUrl: localGraph.baseUrl }, 'https://evil.example/v1.0/users')).toThrow(/outside/);
    expect(localGraph.requests()).toHaveLength(0);
  });
});

describe('$search (searchUsers)', () => {
  test('with ConsistencyLevel: tokens of displayName, start of mail/UPN, and @odata.count', async () => {
    const zo = await searchUsers(graph, SMALL, 'zo', { top: 10 });
    expect(zo.users.map((u) => u.displayName)).toEqual(['Zoë Ångström']);
    expect(zo.count).toBe(1);

    // Tokens match in any order, by prefix: "li davi" finds "李四(David Li)", as does "李".
    expect((await searchUsers(graph, SMALL, 'li davi', { top: 10 })).users.map((u) => u.displayName)).toEqual(['李四(David Li)']);
    expect((await searchUsers(graph, SMALL, '李', { top: 10 })).users.map((u) => u.displayName)).toEqual(['李四(David Li)']);
    // A double quote in the text is escaped, not a syntax error.
    expect((await searchUsers(graph, SMALL, '"The Rock"', { top: 10 })).users.map((u) => u.displayName)).toEqual(['Dwayne "The Rock" Johnson']);

    const request = requestsOf(SMALL).at(-1);
    expect(request?.status).toBe(200);
    expect(new URL(request?.url ?? '', 'http://x').searchParams.get('$count')).toBe('true');
  });

  test('paging a search with skipToken keeps the query and the count', async () => {
    const first = await searchUsers(graph, SMALL, 'sam', { top: 1 });
    expect(first.count).toBe(2);
    expect(first.skipToken).toBeDefined();
    const second = await searchUsers(graph, SMALL, 'sam', { top: 1, skipToken: first.skipToken });
    expect([...first.users, ...second.users].map((u) => u.displayName).sort()).toEqual(['Sam Taylor', 'Samantha Olsen']);
    expect(second.nextLink).toBeUndefined();
  });

  test('without ConsistencyLevel Graph refuses $search with 400 Request_UnsupportedQuery', async () => {
    const withoutHeader = graph
      .client(SMALL)
      .api('/users')
      .query({ $search: encodeURIComponent('"displayName:zo"') })
      .get();
    const error = (await withoutHeader.catch((e: unknown) => e)) as GraphError;
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('Request_UnsupportedQuery');
    expect(error.message).toContain("ConsistencyLevel: eventual");
    expect(toGraphError(error, SMALL)).toBeInstanceOf(GraphRequestError);

    const rawAnswer = await raw(SMALL, '/v1.0/users?$count=true');
    expect(rawAnswer.status).toBe(400);
  });
});

describe('consent', () => {
  test('403 for a tenant without consent and 401 for an unknown tenant become GraphConsentError', async () => {
    const denied = await collect(listUsers(graph, UNCONSENTED)).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(GraphConsentError);
    expect(denied).toMatchObject({ tenantId: UNCONSENTED, statusCode: 403, code: 'Authorization_RequestDenied', reason: 'insufficient-privileges' });

    const unknown = await usersPage(graph, UNKNOWN, { top: 5 }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(GraphConsentError);
    expect(unknown).toMatchObject({ statusCode: 401, code: 'InvalidAuthenticationToken', reason: 'invalid-token' });
  });

  test('consent revoked and granted again takes effect at the next request', async () => {
    localGraph.consent(SMALL, false);
    try {
      await expect(usersPage(graph, SMALL, { top: 5 })).rejects.toBeInstanceOf(GraphConsentError);
    } finally {
      localGraph.consent(SMALL, true);
    }
    await expect(usersPage(graph, SMALL, { top: 5 })).resolves.toMatchObject({ users: expect.any(Array) });
  });

  describe('production credential (ClientSecretCredential) with its token request answered locally', () => {
    type HttpClient = NonNullable<ClientSecretCredentialOptions['httpClient']>;
    const tokenRequests: string[] = [];
    const answer = (status: number, json: unknown): HttpClient => ({
      async sendRequest(request) {
        tokenRequests.push(`${request.method} ${request.url}`);
        const headers = new Map([['content-type', 'application/json']]);
        const httpHeaders = {
          get: (name: string) => headers.get(name.toLowerCase()),
          has: (name: string) => headers.has(name.toLowerCase()),
          set: (name: string, value: string | number | boolean) => void headers.set(name.toLowerCase(), String(value)),
          delete: (name: string) => void headers.delete(name.toLowerCase()),
          toJSON: () => Object.fromEntries(headers),
          [Symbol.iterator]: () => headers.entries()
        };
        // For a successful request the token names the tenant in the URL, as the local Graph expects.
        const tenant = /login\.microsoftonline\.com\/([^/]+)\//.exec(request.url)?.[1] ?? '';
        const body = JSON.stringify(json).replace('{tenant}', tenant);
        return { request, status, headers: httpHeaders, bodyAsText: body };
      }
    });
    const config = { clientId: '9c000000-0000-4000-8000-000000000001', clientSecret: 'secret', homeTenantId: MSP };

    beforeEach(() => {
      tokenRequests.length = 0;
    });

    test('asks the client tenant for a token (additionallyAllowedTenants) and Graph accepts it', async () => {
      const production = createGraphAccess({
        credential: createProductionCredential(config, {
          httpClient: answer(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'local-graph.{tenant}' })
        }),
        transport: { kind: 'local', baseUrl: localGraph.baseUrl }
      });
      const page = await usersPage(production, SMALL, { top: 3 });
      expect(page.users).toHaveLength(3);
      expect(tokenRequests).toEqual([expect.stringMatching(new RegExp(`^POST https://login\\.microsoftonline\\.com/${SMALL}/oauth2/v2\\.0/token`))]);
    });

    test('AADSTS700016 from the token request (never consented or consent revoked) is GraphConsentError', async () => {
      const production = createGraphAccess({
        credential: createProductionCredential(config, {
          httpClient: answer(400, {
            error: 'unauthorized_client',
            error_description: `AADSTS700016: Application with identifier '${config.clientId}' was not found in the directory '${UNCONSENTED}'.`,
            error_codes: [700016]
          })
        }),
        transport: { kind: 'local', baseUrl: localGraph.baseUrl }
      });
      const error = await collect(listUsers(production, UNCONSENTED)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphConsentError);
      expect(error).toMatchObject({ reason: 'not-consented', code: 'AADSTS700016', tenantId: UNCONSENTED });
      expect(requestsOf(UNCONSENTED)).toHaveLength(0);
    });

    test('a wrong client secret (AADSTS7000215) is GraphCredentialError, not a consent problem', async () => {
      const production = createGraphAccess({
        credential: createProductionCredential(config, {
          httpClient: answer(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.', error_codes: [7000215] })
        }),
        transport: { kind: 'local', baseUrl: localGraph.baseUrl }
      });
      await expect(usersPage(production, SMALL, { top: 1 })).rejects.toBeInstanceOf(GraphCredentialError);
    });
  });
});

describe('throttling', () => {
  test('429 with Retry-After is retried transparently', async () => {
    localGraph.throttleNext(SMALL, 2, 0);
    const page = await usersPage(graph, SMALL, { top: 3 });
    expect(page.users).toHaveLength(3);
    expect(requestsOf(SMALL).map((r) => r.status)).toEqual([429, 429, 200]);
  });

  test('the wait honours Retry-After', async () => {
    localGraph.throttleNext(SMALL, 1, 1);
    const waits = jest.spyOn(global, 'setTimeout');
    try {
      await usersPage(graph, SMALL, { top: 3 });
      // The retry waited the 1 s the 429 asked for, not the policy's backoff (0 s here).
      expect(waits.mock.calls.map(([, ms]) => ms)).toContain(1000);
    } finally {
      waits.mockRestore();
    }
    expect(requestsOf(SMALL).map((r) => r.status)).toEqual([429, 200]);
  });

  test('503 with Retry-After is retried too, also mid-way through paging', async () => {
    const pages = listUsers(graph, PAGING);
    expect((await pages.next()).value).toHaveLength(999);
    localGraph.throttleNext(PAGING, 1, 0, { status: 503 });
    const rest = await collect(pages);
    expect(rest.map((p) => p.length)).toEqual([999, 502]);
    expect(requestsOf(PAGING).map((r) => r.status)).toEqual([200, 503, 200, 200]);
  });

  test('throttled on every attempt: GraphThrottledError after 5 attempts', async () => {
    localGraph.throttleNext(SMALL, Infinity, 0);
    try {
      const error = await usersPage(graph, SMALL, { top: 3 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphThrottledError);
      expect(error).toMatchObject({ tenantId: SMALL, statusCode: 429, retryAfterSeconds: 0 });
      expect(requestsOf(SMALL)).toHaveLength(5);
    } finally {
      localGraph.throttleNext(SMALL, 0, 0);
    }
  });

  test('a Retry-After beyond the 30 s cap is not waited for: GraphThrottledError says when to come back', async () => {
    localGraph.throttleNext(SMALL, 1, 120);
    const waits = jest.spyOn(global, 'setTimeout');
    let error: unknown;
    try {
      error = await usersPage(graph, SMALL, { top: 3 }).catch((e: unknown) => e);
      // Nothing was scheduled to wait out the 120 s (nor any second).
      expect(waits.mock.calls.map(([, ms]) => ms ?? 0).filter((ms) => ms >= 1000)).toEqual([]);
    } finally {
      waits.mockRestore();
    }
    expect(error).toBeInstanceOf(GraphThrottledError);
    expect(error).toMatchObject({ retryAfterSeconds: 120 });
    expect(requestsOf(SMALL)).toHaveLength(1);
  });
});

describe('delta', () => {
  test('a first round, then a change, a disable, removals and an addition in the next round', async () => {
    const initial = await drainDelta(userDelta(graph, DELTA));
    expect(initial.pages.map((p) => p.changed.length)).toEqual([50, 50, 20]);
    expect(initial.removed).toEqual([]);
    expect(new Set(initial.changed.map((u) => u.id)).size).toBe(120);
    expect(initial.deltaLink).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/users\/delta\?\$deltatoken=/);
    const first = new URL(requestsOf(DELTA, '/v1.0/users/delta')[0].url, 'http://x').searchParams;
    expect(first.get('$select')?.split(',')).toEqual([...USER_SELECT]);
    expect(first.has('$top')).toBe(false);

    const tenant = localGraph.tenant(DELTA);
    const [renamed, disabled, softDeleted, hardDeleted, untracked] = initial.changed.slice(0, 5);
    tenant.update(renamed.id, { displayName: 'Renamed Person', mail: 'renamed@delta.example' });
    tenant.disable(disabled.id);
    tenant.remove(softDeleted.id);
    tenant.remove(hardDeleted.id, { permanently: true });
    tenant.update(untracked.id, { officeLocation: 'Building 7' }); // not selected: not reported
    const added = { ...initial.changed[5], id: 'ffffffff-0000-4000-8000-000000000001', displayName: 'New Starter', userPrincipalName: 'new.starter@delta.example', mail: 'new.starter@delta.example', givenName: 'New', surname: 'Starter' };
    tenant.add({ ...added, jobTitle: null, mobilePhone: null, givenName: 'New', surname: 'Starter', mail: added.mail, accountEnabled: true, userType: 'Member' });

    const next = await drainDelta(userDelta(graph, DELTA, initial.deltaLink));
    expect(next.changed.map((u) => u.id).sort()).toEqual([renamed.id, disabled.id, added.id].sort());
    expect(next.changed.find((u) => u.id === renamed.id)).toMatchObject({ displayName: 'Renamed Person', mail: 'renamed@delta.example', accountEnabled: true });
    expect(next.changed.find((u) => u.id === disabled.id)).toMatchObject({ accountEnabled: false, displayName: disabled.displayName });
    expect(next.changed.find((u) => u.id === added.id)).toMatchObject({ displayName: 'New Starter', userType: 'Member', jobTitle: null });
    expect(next.removed).toHaveLength(2);
    expect(next.removed).toEqual(expect.arrayContaining([{ id: softDeleted.id, reason: 'changed' }, { id: hardDeleted.id, reason: 'deleted' }]));

    // Graph's shape on the wire: removed users are { id, @removed: { reason } }.
    const wire = await raw(DELTA, initial.deltaLink.replace('https://graph.microsoft.com', ''));
    expect(wire.body.value).toEqual(
      expect.arrayContaining([
        { '@odata.type': '#microsoft.graph.user', id: hardDeleted.id, '@removed': { reason: 'deleted' } },
        expect.objectContaining({ id: disabled.id, accountEnabled: false })
      ])
    );
    expect(wire.body['@odata.deltaLink']).toBeDefined();

    const quiet = await drainDelta(userDelta(graph, DELTA, next.deltaLink));
    expect(quiet.changed).toEqual([]);
    expect(quiet.removed).toEqual([]);

    localGraph.expireDeltaLinks(DELTA);
    await expect(drainDelta(userDelta(graph, DELTA, quiet.deltaLink))).rejects.toBeInstanceOf(GraphDeltaExpiredError);
    const restarted = await drainDelta(userDelta(graph, DELTA));
    expect(restarted.changed).toHaveLength(120 - 2 + 1);
  });
});

describe('sendMail', () => {
  test('is recorded with its sender, recipient, subject and body; 202 without saving to Sent Items', async () => {
    const before = localGraph.sentMail().length;
    await sendMail(graph, MSP, 'portal@msp.example', { to: 'zoe@fabrikam.example', toName: 'Zoë Ångström', subject: 'Your invitation', html: '<p>Accept: <a href="x">link</a></p>' });
    const mail = localGraph.sentMail().slice(before);
    expect(mail).toEqual([
      expect.objectContaining({
        tenantId: MSP,
        from: 'portal@msp.example',
        to: [{ address: 'zoe@fabrikam.example', name: 'Zoë Ångström' }],
        subject: 'Your invitation',
        html: '<p>Accept: <a href="x">link</a></p>',
        contentType: 'HTML',
        saveToSentItems: false
      })
    ]);
    expect(requestsOf(MSP, '/v1.0/users/portal@msp.example/sendMail').map((r) => r.status)).toEqual([202]);
  });

  test('an unknown mailbox is 404 ErrorInvalidUser; a user without mailbox 404 MailboxNotEnabledForRESTAPI', async () => {
    const before = localGraph.sentMail().length;
    const unknown = await sendMail(graph, MSP, 'nobody@msp.example', { to: 'a@b.example', subject: 's', html: 'h' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(GraphRequestError);
    expect(unknown).toMatchObject({ statusCode: 404, code: 'ErrorInvalidUser' });
    const noMailbox = await sendMail(graph, MSP, 'nomailbox@msp.example', { to: 'a@b.example', subject: 's', html: 'h' }).catch((e: unknown) => e);
    expect(noMailbox).toMatchObject({ statusCode: 404, code: 'MailboxNotEnabledForRESTAPI' });
    expect(localGraph.sentMail()).toHaveLength(before);
  });

  test('the demo MSP can send from DEMO_MAIL_SENDER', async () => {
    await sendMail(graph, playground.tenantId, DEMO_MAIL_SENDER, { to: 'ava.martin@fabrikam.example', subject: 'Hello', html: '<p>Hi</p>' });
    expect(localGraph.sentMail().at(-1)).toMatchObject({ from: DEMO_MAIL_SENDER, subject: 'Hello', tenantId: playground.tenantId });
  });
});

describe('demo tenants', () => {
  const clientCompanies = DEMO_COMPANIES.map((company, index) => ({ company, index })).filter(({ company }) => company.tenantId);

  test('are identical on every call', () => {
    const a = demoTenants(playground);
    const b = demoTenants(playground);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a).toEqual(b);
    const benchmarkA = a.find((t) => t.tenantId === BENCHMARK_TENANT_ID)?.users as SyntheticUsers;
    const benchmarkB = b.find((t) => t.tenantId === BENCHMARK_TENANT_ID)?.users as SyntheticUsers;
    for (const i of [0, 1, 4242, 99_999]) expect(benchmarkA.userAt(i)).toEqual(benchmarkB.userAt(i));
  });

  test('the MSP tenant, the five client tenants (Wide World and Adatum, not yet connected, without consent) and the 100 000- and 10 000-user benchmark tenants', () => {
    const tenants = demoTenants(playground);
    expect(tenants.map((t) => [t.displayName, t.consented])).toEqual([
      ['Contoso IT Services', true],
      ['Fabrikam, Inc.', true],
      ['Northwind Traders', true],
      ['Tailspin Toys', true],
      ['Wide World Importers', false],
      ['Adatum Corporation', false],
      ['Benchmark Corp (100 000 users)', true],
      ['Benchmark 10K Ltd (10 000 users)', true]
    ]);
    const msp = tenants[0];
    expect(msp.tenantId).toBe(playground.tenantId);
    const mspUsers = msp.users as LocalUser[];
    expect(mspUsers.map((u) => u.id)).toEqual(expect.arrayContaining([playground.currentUser.aadObjectId, ...playground.users.map((p) => p.aadObjectId)]));
    expect(mspUsers.find((u) => u.mail === DEMO_MAIL_SENDER)).toBeDefined();
    expect((tenants.find((t) => t.tenantId === BENCHMARK_TENANT_ID)?.users as SyntheticUsers).count).toBe(BENCHMARK_USER_COUNT);
  });

  test.each(DEMO_COMPANIES.filter((c) => c.tenantId).map((c) => [c.name]))('%s has the seeded people and every quirk', (name) => {
    const { company, index } = clientCompanies.find(({ company }) => company.name === name) as { company: (typeof DEMO_COMPANIES)[number]; index: number };
    const users = demoTenants(playground).find((t) => t.tenantId === company.tenantId)?.users as LocalUser[];

    const seeded = demoPeople(index).map((p) => `${mailboxName(p)}@${company.domain}`);
    for (const email of seeded) {
      expect(users.find((u) => u.id === demoGuid('entraUser', company.tenantId as string, email))).toMatchObject({ mail: email, userPrincipalName: email });
    }
    expect(users.length - seeded.length).toBeGreaterThanOrEqual(40);
    expect(users.length - seeded.length).toBeLessThanOrEqual(150);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);

    const kinds = (u: LocalUser) => accountKind(u);
    expect(users.some((u) => u.mail === null && kinds(u) === 'member')).toBe(true);
    expect(users.some((u) => u.userType === 'Guest' && u.userPrincipalName.includes('#EXT#@') && u.userPrincipalName.endsWith('.onmicrosoft.com'))).toBe(true);
    expect(users.some((u) => kinds(u) === 'disabled')).toBe(true);
    for (const displayName of ['Conference Room 4B', 'Accounts Payable', 'svc-backup']) {
      expect(kinds(users.find((u) => u.displayName === displayName) as LocalUser)).toBe('service');
    }
    const mails = users.filter((u) => u.mail).map((u) => u.mail as string);
    const sameIgnoringCase = mails.filter((m) => mails.some((o) => o !== m && o.toLowerCase() === m.toLowerCase()));
    expect(sameIgnoringCase.length).toBeGreaterThanOrEqual(2);
    for (const fragment of ['Zoë', 'Łukasz', 'Søren', '佐藤']) {
      expect(users.some((u) => u.displayName.includes(fragment))).toBe(true);
    }
    expect(users.filter((u) => u.jobTitle).length).toBeGreaterThan(users.length / 2);
  });

  test('over HTTP: Wide World asks for consent; Fabrikam finds 佐藤 and the seeded people as linked ids', async () => {
    const wideWorld = DEMO_COMPANIES.find((c) => c.name === 'Wide World Importers')?.tenantId as string;
    await expect(usersPage(graph, wideWorld, { top: 10 })).rejects.toBeInstanceOf(GraphConsentError);

    const fabrikam = DEMO_COMPANIES[0];
    const found = await searchUsers(graph, fabrikam.tenantId as string, '佐藤', { top: 10 });
    expect(found.users.map((u) => u.displayName)).toEqual(['佐藤 花子']);

    const ava = `${mailboxName(demoPeople(0)[0])}@${fabrikam.domain}`;
    const page = await usersPage(graph, fabrikam.tenantId as string, { top: 5, startsWith: ava });
    expect(page.users.map((u) => u.id)).toEqual([demoGuid('entraUser', fabrikam.tenantId as string, ava)]);
  });

  test('the 100 000-user tenant pages through, every user once, in pages of 999', async () => {
    let count = 0;
    let pages = 0;
    for await (const page of listUsers(graph, BENCHMARK_TENANT_ID)) {
      count += page.length;
      pages++;
    }
    expect(count).toBe(BENCHMARK_USER_COUNT);
    expect(pages).toBe(101);
  });
});
