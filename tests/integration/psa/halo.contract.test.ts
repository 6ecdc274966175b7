/**
 * src/psa/halo.ts against the local Halo PSA (src/dev/localPsa) over HTTP: the client-credentials token
 * at /auth/token with the tenant, Bearer calls to /api/agent with pageinate/page_size/page_no and
 * record_count, includeenabled/includedisabled, isdisabled, email, a refused client, a token that
 * expires mid-paging, 429 with Retry-After.
 */
import { demoPsaPeople, startLocalPsa, type LocalPsa } from '../../../src/dev/localPsa';
import { PsaCredentialRejectedError, PsaUnavailableError } from '../../../src/psa/errors';
import { createHaloConnector, type HaloSettings } from '../../../src/psa/halo';
import { drain, expectNoSecret, failure, rewriting, sleepRecorder } from './helpers';

let local: LocalPsa;
let settings: HaloSettings;
const demo = demoPsaPeople().halo;
const active = demo.filter((person) => person.active);

beforeAll(async () => {
  local = await startLocalPsa();
  settings = local.settings().halo;
});
afterAll(async () => local.close());
beforeEach(() => {
  local.setPeople('halo', demo);
  local.clearRequests();
});

test('gets a token with client credentials, then pages through every active agent', async () => {
  const { pages, people } = await drain(createHaloConnector(settings, fetch, { pageSize: 6 }));

  expect(pages.length).toBe(4);
  expect(people.map((person) => person.externalId)).toEqual(active.map((person) => String(person.id)));
  const [token, ...agents] = local.requests('halo');
  expect(token).toMatchObject({ method: 'POST', path: '/halo/auth/token', query: { tenant: 'contosoit' }, status: 200 });
  expect(agents.map((request) => request.query.page_no)).toEqual(['1', '2', '3', '4']);
  for (const request of agents) {
    expect(request.path).toBe('/halo/api/agent');
    expect(request.query).toMatchObject({ pageinate: 'true', page_size: '6', includeenabled: 'true', includedisabled: 'false', includeunassigned: 'false' });
  }
});

test('maps an agent to a person, with its email and job title', async () => {
  const { people } = await drain(createHaloConnector(settings));
  const lynne = demo.find((person) => person.firstName === 'Lynne');
  expect(people.find((person) => person.externalId === String(lynne?.id))).toEqual({
    source: 'halo',
    externalId: String(lynne?.id),
    displayName: 'Lynne Robbins',
    email: 'lynner@contoso-it.example',
    jobTitle: 'Network Engineer',
    active: true
  });
  expect(people.some((person) => person.email === 'pattif@contoso-it.example')).toBe(true);
});

test('a disabled agent is not offered, even when the server includes disabled agents', async () => {
  const disabled = demo.filter((person) => !person.active).map((person) => String(person.id));
  expect(disabled.length).toBe(2);
  const unfiltered = rewriting((url) => {
    if (url.pathname.endsWith('/api/agent')) url.searchParams.set('includedisabled', 'true');
    return url;
  });
  const { people } = await drain(createHaloConnector(settings, unfiltered, { pageSize: 10 }));

  expect(local.requests('halo').filter((request) => request.path.endsWith('/api/agent')).every((request) => request.query.includedisabled === 'true')).toBe(true);
  expect(people.length).toBe(active.length);
  for (const id of disabled) expect(people.map((person) => person.externalId)).not.toContain(id);
});

test('an agent without email gets email null', async () => {
  const withoutEmail = demo.find((person) => person.email === null);
  const { people } = await drain(createHaloConnector(settings));
  expect(withoutEmail).toBeDefined();
  expect(people.find((person) => person.externalId === String(withoutEmail?.id))).toMatchObject({ email: null, active: true });
});

test('a refused client secret is a PsaCredentialRejectedError naming Halo PSA and no secret', async () => {
  const wrong = { ...settings, clientSecret: 'wrong-halo-secret-Pq42' };
  const error = await failure(createHaloConnector(wrong));

  expect(error).toBeInstanceOf(PsaCredentialRejectedError);
  expect((error as PsaCredentialRejectedError).status).toBe(400);
  expect(error.message).toContain('Halo PSA');
  expect(error.message).toContain('HALO_CLIENT_SECRET');
  expectNoSecret(error.message, [wrong.clientSecret, settings.clientSecret, wrong.clientId]);
  expect(local.requests('halo').some((request) => request.path.endsWith('/api/agent'))).toBe(false);
});

test('a wrong tenant is refused as well', async () => {
  const error = await failure(createHaloConnector({ ...settings, tenant: 'someoneelse' }));
  expect(error).toBeInstanceOf(PsaCredentialRejectedError);
});

test('a token that expires while paging is renewed once', async () => {
  const connector = createHaloConnector(settings, fetch, { pageSize: 10 });
  const seen: string[] = [];
  for await (const page of connector.listActivePeople()) {
    seen.push(...page.map((person) => person.externalId));
    local.expireHaloTokens();
  }
  expect(seen.length).toBe(active.length);
  const tokens = local.requests('halo').filter((request) => request.path === '/halo/auth/token');
  expect(tokens.length).toBe(3);
  expect(local.requests('halo').filter((request) => request.status === 401).length).toBe(2);
});

test('429 with Retry-After is waited out, then paging goes on', async () => {
  local.throttleNext('halo', 2, 3);
  const { sleep, waits } = sleepRecorder();
  const { people } = await drain(createHaloConnector(settings, fetch, { pageSize: 10, sleep }));

  expect(waits).toEqual([3000, 3000]);
  expect(people.length).toBe(active.length);
  expect(local.requests('halo').filter((request) => request.status === 429).length).toBe(2);
});

test('a Retry-After beyond the allowed wait gives up at once', async () => {
  local.throttleNext('halo', 1, 600);
  const { sleep, waits } = sleepRecorder();
  const error = await failure(createHaloConnector(settings, fetch, { sleep, maxRetryAfterMs: 60_000 }));

  expect(error).toBeInstanceOf(PsaUnavailableError);
  expect(error.message).toMatch(/wait 600 s/);
  expect(waits).toEqual([]);
});

test('an unexpected answer is PsaUnavailableError, not an empty import', async () => {
  const broken = rewriting((url) => {
    if (url.pathname.endsWith('/api/agent')) url.pathname = url.pathname.replace('/api/agent', '/api/agents-missing');
    return url;
  });
  const error = await failure(createHaloConnector(settings, broken));
  expect(error).toBeInstanceOf(PsaUnavailableError);
  expect((error as PsaUnavailableError).status).toBe(404);
});
