/**
 * The local Graph's single-user endpoint (getUser), its /_local/ control API through LocalGraphControl,
 * synthetic tenants of any size, and the local Graph running in a process of its own
 * (scripts/bench/graphProcess.ts) reached through the real graph-client SDK.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import type { GraphError } from '@microsoft/microsoft-graph-client';
import {
  BENCHMARK_10K_DOMAIN,
  BENCHMARK_10K_TENANT_ID,
  BENCHMARK_10K_USER_COUNT,
  BENCHMARK_TENANT_ID,
  LocalGraphControl,
  LocalGraphControlError,
  SeededUsers,
  demoTenants,
  startLocalGraph,
  syntheticTenant,
  type LocalGraph,
  type LocalTenant,
  type LocalUser
} from '../../../src/dev/localGraph';
import { readPlaygroundConfig } from '../../../src/dev/playgroundConfig';
import { GraphConsentError, GraphThrottledError } from '../../../src/graph/errors';
import { createGraphAccess, LocalTokenCredential, transportUrl, type GraphAccess } from '../../../src/graph/graphAccess';
import { sendMail } from '../../../src/graph/mail';
import { getUser, listUsers, userDelta, usersPage, USER_SELECT, type UserDeltaPage } from '../../../src/graph/users';

const SMALL = '3c000000-0000-4000-8000-000000000001';
const CHANGING = '3c000000-0000-4000-8000-000000000002';
const SYNTH = '3c000000-0000-4000-8000-000000000003';
const ABSENT = '3c000000-0000-4000-8000-0000000000ff';

function person(n: number, displayName: string, fields: Partial<LocalUser> = {}): LocalUser {
  const local = displayName.toLowerCase().replace(/[^a-z]+/g, '.');
  return {
    id: `4d000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    displayName,
    givenName: displayName.split(' ')[0],
    surname: displayName.split(' ').slice(1).join(' ') || null,
    mail: `${local}@small.example`,
    userPrincipalName: `${local}@small.example`,
    jobTitle: 'Buyer',
    mobilePhone: null,
    accountEnabled: true,
    userType: 'Member',
    ...fields
  };
}

const SMALL_USERS = [
  person(1, 'Ava Martin', { jobTitle: 'Accountant', officeLocation: 'Lyon' }),
  person(2, 'Chris Lane', { accountEnabled: false }),
  person(3, 'Jane Doe', { mail: 'jane@contoso.com', userPrincipalName: 'jane_contoso.com#EXT#@small.onmicrosoft.com', userType: 'Guest' }),
  person(4, 'Portal Sender', { userPrincipalName: 'portal@small.example', mail: 'portal@small.example' })
];
const CHANGING_TENANT = (): LocalTenant => syntheticTenant({ tenantId: CHANGING, users: 400, domain: 'changing.example', seed: 7 });

let localGraph: LocalGraph;
let control: LocalGraphControl;
let graph: GraphAccess;

beforeAll(async () => {
  localGraph = await startLocalGraph({
    tenants: [
      { tenantId: SMALL, displayName: 'Small', consented: true, users: SMALL_USERS },
      CHANGING_TENANT(),
      syntheticTenant({ tenantId: SYNTH, users: 2345, domain: 'synth.example', seed: 1 })
    ],
    deltaPageSize: 50
  });
  control = new LocalGraphControl(localGraph.baseUrl);
  graph = createGraphAccess({ credential: new LocalTokenCredential(), transport: { kind: 'local', baseUrl: localGraph.baseUrl }, retry: { backoffBaseSeconds: 0 } });
});

afterAll(async () => {
  await localGraph?.close();
});

beforeEach(() => localGraph.clearRequests());

async function raw(tenantId: string, pathAndQuery: string) {
  const response = await fetch(localGraph.baseUrl + pathAndQuery, { headers: { Authorization: `Bearer local-graph.${tenantId}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function drainDelta(rounds: AsyncGenerator<UserDeltaPage, { deltaLink: string }>) {
  const pages: UserDeltaPage[] = [];
  for (;;) {
    const step = await rounds.next();
    if (step.done) return { deltaLink: step.value.deltaLink, changed: pages.flatMap((p) => p.changed), removed: pages.flatMap((p) => p.removed) };
    pages.push(step.value);
  }
}

function usersRequests(tenantId: string) {
  return localGraph.requests().filter((r) => r.tenantId === tenantId && r.path.startsWith('/v1.0/users/'));
}

describe('getUser (GET /v1.0/users/{id})', () => {
  test('finds a user by object id with the selected properties, accountEnabled and userType included', async () => {
    await expect(getUser(graph, SMALL, SMALL_USERS[1].id)).resolves.toEqual({
      id: SMALL_USERS[1].id,
      displayName: 'Chris Lane',
      mail: 'chris.lane@small.example',
      userPrincipalName: 'chris.lane@small.example',
      jobTitle: 'Buyer',
      accountEnabled: false,
      userType: 'Member',
      givenName: 'Chris',
      surname: 'Lane',
      mobilePhone: null
    });
    await expect(getUser(graph, SMALL, SMALL_USERS[2].id)).resolves.toMatchObject({ userType: 'Guest', mail: 'jane@contoso.com' });
    const [request] = usersRequests(SMALL);
    expect(request.path).toBe(`/v1.0/users/${SMALL_USERS[1].id}`);
    expect(new URL(request.url, 'http://x').searchParams.get('$select')?.split(',')).toEqual([...USER_SELECT]);
  });

  test('raw: $select as on /users (id always), the default set without it, an $entity context', async () => {
    const selected = await raw(SMALL, `/v1.0/users/${SMALL_USERS[0].id}?$select=displayName,accountEnabled,officeLocation`);
    expect(selected.status).toBe(200);
    expect(selected.body).toEqual({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(displayName,accountEnabled,officeLocation)/$entity',
      displayName: 'Ava Martin',
      accountEnabled: true,
      officeLocation: 'Lyon',
      id: SMALL_USERS[0].id
    });
    const fromList = await raw(SMALL, '/v1.0/users?$select=displayName,accountEnabled,officeLocation');
    const listed = (fromList.body.value as Record<string, unknown>[]).find((u) => u.id === SMALL_USERS[0].id);
    const { ['@odata.context']: _context, ...single } = selected.body;
    expect(single).toEqual(listed);

    const plain = await raw(SMALL, `/v1.0/users/${SMALL_USERS[0].id}`);
    expect(Object.keys(plain.body).sort()).toEqual(
      ['@odata.context', 'businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName'].sort()
    );
    expect(plain.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#users/$entity');
    expect((await raw(SMALL, `/v1.0/users/${SMALL_USERS[0].id}?$select=favouriteColour`)).status).toBe(400);
  });

  test("an id the tenant does not have: Graph's 404 body, and undefined from getUser", async () => {
    const missing = await raw(SMALL, `/v1.0/users/${ABSENT}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: {
        code: 'Request_ResourceNotFound',
        message: `Resource '${ABSENT}' does not exist or one of its queried reference-property objects are not present.`,
        innerError: expect.objectContaining({ 'request-id': expect.any(String) })
      }
    });
    await expect(getUser(graph, SMALL, ABSENT)).resolves.toBeUndefined();
    // A user of another tenant is not found either.
    await expect(getUser(graph, SMALL, (await listUsers(graph, CHANGING).next()).value?.[0]?.id as string)).resolves.toBeUndefined();
    expect(usersRequests(SMALL).map((r) => r.status)).toEqual([404, 404, 404]);
  });

  test.each(['not-a-guid', 'chris.lane@small.example', `${SMALL_USERS[0].id}/sendMail`, `../${SMALL_USERS[0].id}`, '', ` ${SMALL_USERS[0].id}`])(
    'refuses %j before any request',
    async (id) => {
      await expect(getUser(graph, SMALL, id)).rejects.toThrow(/Not an Entra object id/);
      expect(localGraph.requests()).toHaveLength(0);
    }
  );

  test('same authentication, consent and throttling as /users', async () => {
    const noToken = await fetch(`${localGraph.baseUrl}/v1.0/users/${SMALL_USERS[0].id}`);
    expect(noToken.status).toBe(401);

    localGraph.consent(SMALL, false);
    try {
      await expect(getUser(graph, SMALL, SMALL_USERS[0].id)).rejects.toBeInstanceOf(GraphConsentError);
    } finally {
      localGraph.consent(SMALL, true);
    }
    localGraph.clearRequests();
    localGraph.throttleNext(SMALL, 2, 0);
    await expect(getUser(graph, SMALL, SMALL_USERS[0].id)).resolves.toMatchObject({ displayName: 'Ava Martin' });
    expect(usersRequests(SMALL).map((r) => r.status)).toEqual([429, 429, 200]);
  });
});

describe('control API (LocalGraphControl)', () => {
  test('add, change, disable, enable and remove users: each surfaces in the next delta round', async () => {
    const initial = await drainDelta(userDelta(graph, SMALL));
    expect(initial.changed).toHaveLength(4);

    const { id } = await control.addUser(SMALL, { displayName: 'New Starter', mail: 'new.starter@small.example', userPrincipalName: 'new.starter@small.example', jobTitle: 'Buyer' });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await expect(getUser(graph, SMALL, id)).resolves.toMatchObject({ displayName: 'New Starter', accountEnabled: true, userType: 'Member', jobTitle: 'Buyer', givenName: null });
    await expect(control.updateUser(SMALL, SMALL_USERS[0].id, { mail: null, displayName: 'Ava Dubois' })).resolves.toMatchObject({ mail: null, displayName: 'Ava Dubois' });
    await expect(control.disableUser(SMALL, SMALL_USERS[3].id)).resolves.toMatchObject({ accountEnabled: false });
    await expect(control.enableUser(SMALL, SMALL_USERS[1].id)).resolves.toMatchObject({ accountEnabled: true });
    await control.removeUser(SMALL, SMALL_USERS[2].id, { permanently: true });

    const next = await drainDelta(userDelta(graph, SMALL, initial.deltaLink));
    expect(next.changed.map((u) => u.id).sort()).toEqual([id, SMALL_USERS[0].id, SMALL_USERS[1].id, SMALL_USERS[3].id].sort());
    expect(next.changed.find((u) => u.id === SMALL_USERS[0].id)).toMatchObject({ displayName: 'Ava Dubois', mail: null });
    expect(next.changed.find((u) => u.id === SMALL_USERS[3].id)).toMatchObject({ accountEnabled: false });
    expect(next.changed.find((u) => u.id === SMALL_USERS[1].id)).toMatchObject({ accountEnabled: true });
    expect(next.removed).toEqual([{ id: SMALL_USERS[2].id, reason: 'deleted' }]);
    // Graph's wire shape: a property changed to null is sent as null.
    const wire = await raw(SMALL, initial.deltaLink.replace('https://graph.microsoft.com', ''));
    expect((wire.body.value as Record<string, unknown>[]).find((u) => u.id === SMALL_USERS[0].id)).toMatchObject({ mail: null, displayName: 'Ava Dubois' });

    // Restored with the same id (back in Entra), and removed again without permanently.
    await control.addUser(SMALL, { ...SMALL_USERS[2], id: SMALL_USERS[2].id });
    await control.removeUser(SMALL, id);
    const after = await drainDelta(userDelta(graph, SMALL, next.deltaLink));
    expect(after.changed.map((u) => u.id)).toEqual([SMALL_USERS[2].id]);
    expect(after.removed).toEqual([{ id, reason: 'changed' }]);
    await expect(getUser(graph, SMALL, id)).resolves.toBeUndefined();
  });

  test('refusals: unknown tenant or user, bad bodies, duplicates', async () => {
    const refused = async (call: Promise<unknown>) => (await call.catch((e: unknown) => e)) as LocalGraphControlError;
    expect(await refused(control.consent(ABSENT, true))).toMatchObject({ status: 404, code: 'TenantNotFound' });
    expect(await refused(control.disableUser(SMALL, ABSENT))).toMatchObject({ status: 404, code: 'Request_ResourceNotFound' });
    expect(await refused(control.updateUser(SMALL, SMALL_USERS[1].id, { favouriteColour: 'red' } as never))).toMatchObject({ status: 400 });
    expect(await refused(control.updateUser(SMALL, SMALL_USERS[1].id, { accountEnabled: 'no' } as never))).toMatchObject({ status: 400 });
    expect(await refused(control.addUser(SMALL, { displayName: 'X', userPrincipalName: 'x@small.example' } as never))).toMatchObject({ status: 400 });
    expect(await refused(control.addUser(SMALL, { displayName: 'Dup', mail: null, userPrincipalName: 'CHRIS.LANE@small.example' }))).toMatchObject({ status: 409 });
    expect(await refused(control.mutate(CHANGING, { percent: 150, seed: 1 }))).toMatchObject({ status: 400 });
    expect(await refused(control.throttle(SMALL, { count: 1.5, retryAfterSeconds: 0 }))).toMatchObject({ status: 400 });
    expect(await refused(control.throttle(SMALL, { count: 1, retryAfterSeconds: 0, status: 500 as never }))).toMatchObject({ status: 400 });
    expect((await refused(control.consent(ABSENT, true))) instanceof LocalGraphControlError).toBe(true);
    // Nothing of that changed the tenant.
    expect(localGraph.tenant(SMALL).get(SMALL_USERS[1].id)).toMatchObject({ accountEnabled: true });
  });

  test('mutate: that share of users, a mix of kinds, deterministic, each change in the next delta round', async () => {
    const before = await drainDelta(userDelta(graph, CHANGING));
    const byId = new Map(before.changed.map((u) => [u.id, u]));
    expect(byId.size).toBe(400);

    const { changed } = await control.mutate(CHANGING, { percent: 5, seed: 42 });
    expect(changed).toHaveLength(20);
    expect(new Set(changed.map((c) => c.id)).size).toBe(20);
    expect(new Set(changed.map((c) => c.kind))).toEqual(new Set(['renamed', 'emailChanged', 'disabled', 'removed']));
    for (const kind of ['emailChanged', 'removed']) expect(changed.filter((c) => c.kind === kind)).toHaveLength(5);

    // The same tenant, percent and seed in another local Graph change the same users the same way;
    // another seed changes others.
    const twin = await startLocalGraph({ tenants: [CHANGING_TENANT()] });
    const otherSeed = await startLocalGraph({ tenants: [CHANGING_TENANT()] });
    try {
      expect(await new LocalGraphControl(twin.baseUrl).mutate(CHANGING, { percent: 5, seed: 42 })).toEqual({ changed });
      for (const { id } of changed) expect(twin.tenant(CHANGING).get(id)).toEqual(localGraph.tenant(CHANGING).get(id));
      const other = await new LocalGraphControl(otherSeed.baseUrl).mutate(CHANGING, { percent: 5, seed: 43 });
      expect(other.changed).toHaveLength(20);
      expect(other.changed.map((c) => c.id)).not.toEqual(changed.map((c) => c.id));
    } finally {
      await twin.close();
      await otherSeed.close();
    }

    const next = await drainDelta(userDelta(graph, CHANGING, before.deltaLink));
    const removed = changed.filter((c) => c.kind === 'removed').map((c) => c.id);
    expect(next.removed.map((r) => r.id).sort()).toEqual([...removed].sort());
    expect(next.removed.every((r) => r.reason === 'changed')).toBe(true);
    expect(next.changed.map((u) => u.id).sort()).toEqual(changed.filter((c) => c.kind !== 'removed').map((c) => c.id).sort());
    for (const { id, kind } of changed) {
      const was = byId.get(id) as (typeof before.changed)[number];
      const now = next.changed.find((u) => u.id === id);
      if (kind === 'renamed') {
        expect(now?.displayName).not.toBe(was.displayName);
        expect(now?.mail).toBe(was.mail);
      }
      if (kind === 'emailChanged') {
        expect(now?.mail?.split('@')[1]).toBe((was.mail ?? was.userPrincipalName).split('@').pop());
        expect(now?.mail).not.toBe(was.mail);
        expect(now?.displayName).toBe(was.displayName);
      }
      if (kind === 'disabled') expect(now).toMatchObject({ accountEnabled: false, displayName: was.displayName });
    }
    const quiet = await drainDelta(userDelta(graph, CHANGING, next.deltaLink));
    expect([quiet.changed, quiet.removed]).toEqual([[], []]);
    await expect(control.mutate(CHANGING, { percent: 0, seed: 1 })).resolves.toEqual({ changed: [] });
  });

  test('consent takes effect at the next request, both ways', async () => {
    await control.consent(SMALL, false);
    try {
      await expect(usersPage(graph, SMALL, { top: 2 })).rejects.toMatchObject({ statusCode: 403, code: 'Authorization_RequestDenied' });
      expect(localGraph.tenant(SMALL).consented).toBe(false);
    } finally {
      await control.consent(SMALL, true);
    }
    await expect(usersPage(graph, SMALL, { top: 2 })).resolves.toMatchObject({ users: expect.any(Array) });
  });

  test('throttle: 429 or 503 for the next count requests with Retry-After, Infinity until told to stop', async () => {
    await control.throttle(SMALL, { count: 2, retryAfterSeconds: 0 });
    await usersPage(graph, SMALL, { top: 2 });
    expect(localGraph.requests().map((r) => r.status)).toEqual([429, 429, 200]);

    localGraph.clearRequests();
    await control.throttle(SMALL, { count: 1, retryAfterSeconds: 0, status: 503 });
    await usersPage(graph, SMALL, { top: 2 });
    expect(localGraph.requests().map((r) => r.status)).toEqual([503, 200]);

    await control.throttle(SMALL, { count: 1, retryAfterSeconds: 7 });
    const answer = await fetch(`${localGraph.baseUrl}/v1.0/users`, { headers: { Authorization: `Bearer local-graph.${SMALL}` } });
    expect([answer.status, answer.headers.get('retry-after')]).toEqual([429, '7']);

    localGraph.clearRequests();
    await control.throttle(SMALL, { count: Infinity, retryAfterSeconds: 0 });
    try {
      await expect(usersPage(graph, SMALL, { top: 2 })).rejects.toBeInstanceOf(GraphThrottledError);
      expect(localGraph.requests()).toHaveLength(5);
    } finally {
      await control.throttle(SMALL, { count: 0, retryAfterSeconds: 0 });
    }
    await expect(usersPage(graph, SMALL, { top: 2 })).resolves.toMatchObject({ users: expect.any(Array) });
  });

  test('sent mail and stats: Graph requests are counted, control calls are not', async () => {
    const before = await control.stats();
    await sendMail(graph, SMALL, 'portal@small.example', { to: 'zoe@fabrikam.example', subject: 'Invitation', html: '<p>Hi</p>' });
    await usersPage(graph, SMALL, { top: 1 });
    await control.sentMail();
    const after = await control.stats();
    expect(after.requests - before.requests).toBe(2);
    expect(after.rssBytes).toBeGreaterThan(20 * 1024 * 1024);
    expect(Math.abs(after.rssBytes - process.memoryUsage.rss())).toBeLessThan(after.rssBytes / 2);
    expect((await control.sentMail()).at(-1)).toMatchObject({ tenantId: SMALL, from: 'portal@small.example', to: [{ address: 'zoe@fabrikam.example' }], subject: 'Invitation' });
    expect(await control.sentMail()).toEqual(localGraph.sentMail());
  });

  test('is out of reach of the Graph transport and of Graph-authenticated requests', async () => {
    const local = { kind: 'local', baseUrl: localGraph.baseUrl } as const;
    for (const url of [`${localGraph.baseUrl}/_local/stats`, 'http://graph.microsoft.com/_local/stats', 'https://graph.microsoft.com.evil.example/_local/mail', 'https://127.0.0.1/_local/mail']) {
      expect(() => transportUrl(local, url)).toThrow(/Refusing to send a Graph request outside https:\/\/graph\.microsoft\.com/);
    }
    // Even a Graph-origin URL naming the control path is refused by the local Graph: SDK requests carry a token.
    const viaSdk = (await graph
      .client(SMALL)
      .api(`https://graph.microsoft.com/_local/tenants/${SMALL}/consent`)
      .post({ granted: false })
      .catch((e: unknown) => e)) as GraphError;
    expect([viaSdk.statusCode, viaSdk.code]).toEqual([403, 'Forbidden']);
    expect(localGraph.tenant(SMALL).consented).toBe(true);
  });
});

describe('synthetic tenants', () => {
  test('exactly the size asked for, ids ascending and unique, pages through the SDK', async () => {
    let count = 0;
    let last = '';
    for await (const page of listUsers(graph, SYNTH)) {
      for (const user of page) {
        expect(user.id > last).toBe(true);
        last = user.id;
        count++;
      }
    }
    expect(count).toBe(2345);
    expect(localGraph.requests().filter((r) => r.tenantId === SYNTH)).toHaveLength(3);
  });

  test('deterministic for a seed, different for another seed or tenant', () => {
    const options = { tenantId: SYNTH, users: 5000, domain: 'synth.example', seed: 1 };
    const a = syntheticTenant(options).users as SeededUsers;
    const b = syntheticTenant(options).users as SeededUsers;
    const otherSeed = syntheticTenant({ ...options, seed: 2 }).users as SeededUsers;
    const otherTenant = syntheticTenant({ ...options, tenantId: SMALL }).users as SeededUsers;
    for (const i of [0, 1, 777, 4999]) {
      expect(a.userAt(i)).toEqual(b.userAt(i));
      expect(otherSeed.idAt(i)).not.toBe(a.idAt(i));
      expect(otherTenant.idAt(i)).not.toBe(a.idAt(i));
    }
    expect(a.count).toBe(5000);
    expect(() => a.userAt(5000)).toThrow(RangeError);
  });

  test('staff with mailboxes, names and job titles; about 1 % each without mailbox, guests, disabled', () => {
    const users = syntheticTenant({ tenantId: SYNTH, users: 10_000, domain: 'acme.example', seed: 3 }).users as SeededUsers;
    const all = Array.from({ length: users.count }, (_, i) => users.userAt(i));
    const share = (test: (u: LocalUser) => boolean) => all.filter(test).length / all.length;
    for (const kind of [(u: LocalUser) => u.mail === null, (u: LocalUser) => u.userType === 'Guest', (u: LocalUser) => !u.accountEnabled]) {
      expect(share(kind)).toBeGreaterThan(0.005);
      expect(share(kind)).toBeLessThan(0.015);
    }
    expect(share((u) => u.userType === 'Member' && u.accountEnabled && u.mail?.endsWith('@acme.example') === true)).toBeGreaterThan(0.96);
    expect(all.every((u) => u.jobTitle && u.givenName && u.surname && u.displayName === `${u.givenName} ${u.surname}`)).toBe(true);
    const guest = all.find((u) => u.userType === 'Guest') as LocalUser;
    expect(guest.userPrincipalName).toMatch(/#EXT#@acme\.onmicrosoft\.com$/);
    expect(guest.mail).not.toMatch(/@acme\.example$/);
    expect(new Set(all.map((u) => u.userPrincipalName.toLowerCase())).size).toBe(all.length);
    expect(new Set(all.map((u) => u.displayName)).size).toBeGreaterThan(500);
    expect(all.some((u) => /[^\x00-\x7f]/.test(u.displayName))).toBe(true);
  });

  test('lazy: a tenant of ten million users is built without a list of them and reads any user', () => {
    const huge = syntheticTenant({ tenantId: SYNTH, users: 10_000_000, domain: 'huge.example', seed: 9 });
    expect(Array.isArray(huge.users)).toBe(false);
    const users = huge.users as SeededUsers;
    expect(users.count).toBe(10_000_000);
    expect(users.idAt(9_999_999) > users.idAt(9_999_998)).toBe(true);
    expect(users.userAt(9_999_999).id).toBe(users.idAt(9_999_999));
  });

  test('demoTenants(): the 10 000-user benchmark tenant, generated lazily like the 100 000 one', async () => {
    const tenants = demoTenants(readPlaygroundConfig());
    const tenK = tenants.find((t) => t.tenantId === BENCHMARK_10K_TENANT_ID) as LocalTenant;
    expect(tenK).toMatchObject({ consented: true });
    expect(Array.isArray(tenK.users)).toBe(false);
    expect(Array.isArray(tenants.find((t) => t.tenantId === BENCHMARK_TENANT_ID)?.users)).toBe(false);
    expect((tenK.users as SeededUsers).count).toBe(BENCHMARK_10K_USER_COUNT);
    expect((tenK.users as SeededUsers).userAt(0).userPrincipalName).toMatch(new RegExp(`@${BENCHMARK_10K_DOMAIN.replace('.', '\\.')}$`));
    const embedded = await startLocalGraph({ tenants });
    await embedded.close();
  });
});

describe('the local Graph in a process of its own (scripts/bench/graphProcess.ts)', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    const root = path.resolve(__dirname, '../../..');
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/graphProcess.ts'], { cwd: root, stdio: 'pipe' });
    const started = child;
    baseUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      let errors = '';
      started.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('\n')) resolve((JSON.parse(output.split('\n')[0]) as { baseUrl: string }).baseUrl);
      });
      started.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      started.once('exit', (code) => reject(new Error(`graph process exited with ${code}: ${errors}`)));
    });
  }, 20_000);

  afterAll(async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill();
    await exited;
  });

  test('prints its URL, answers /_local/stats, serves the demo tenants through the real SDK', async () => {
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const remote = new LocalGraphControl(baseUrl);
    const before = await remote.stats();
    expect(before.rssBytes).toBeGreaterThan(20 * 1024 * 1024);

    const sdk = createGraphAccess({ credential: new LocalTokenCredential(), transport: { kind: 'local', baseUrl }, retry: { backoffBaseSeconds: 0 } });
    const page = await usersPage(sdk, BENCHMARK_10K_TENANT_ID, { top: 999 });
    expect(page.users).toHaveLength(999);
    expect(page.nextLink).toBeDefined();
    // The same generator in both processes: the first user is the one this process computes.
    const expected = syntheticTenant({ tenantId: BENCHMARK_10K_TENANT_ID, users: BENCHMARK_10K_USER_COUNT, domain: BENCHMARK_10K_DOMAIN, seed: 10_000 }).users as SeededUsers;
    expect(page.users[0]).toMatchObject({ id: expected.idAt(0), displayName: expected.userAt(0).displayName, mail: expected.userAt(0).mail });
    await expect(getUser(sdk, BENCHMARK_10K_TENANT_ID, expected.idAt(9_999))).resolves.toMatchObject({ id: expected.idAt(9_999) });

    const { changed } = await remote.mutate(BENCHMARK_10K_TENANT_ID, { percent: 1, seed: 5 });
    expect(changed).toHaveLength(100);
    const after = await remote.stats();
    expect(after.requests - before.requests).toBe(2);
  });

  test('exits when its stdin closes (so it dies with its parent)', async () => {
    const running = child as ChildProcessWithoutNullStreams;
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => running.once('exit', (code, signal) => resolve([code, signal])));
    running.stdin.end();
    await expect(exited).resolves.toEqual([0, null]);
    await expect(fetch(`${baseUrl}/_local/stats`)).rejects.toThrow();
  });
});
