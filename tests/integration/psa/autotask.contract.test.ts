/**
 * src/psa/autotask.ts against the local Autotask PSA (src/dev/localPsa) over HTTP: zoneInformation,
 * the ApiIntegrationCode/UserName/Secret headers, Resources/query with a search filter on isActive,
 * MaxRecords and pageDetails.nextPageUrl, the primary email, a rejected credential, an unknown API
 * user, 429 with Retry-After.
 */
import { demoPsaPeople, startLocalPsa, type LocalPsa, type LocalPsaPerson } from '../../../src/dev/localPsa';
import { createAutotaskConnector, type AutotaskSettings } from '../../../src/psa/autotask';
import { PsaCredentialRejectedError, PsaUnavailableError } from '../../../src/psa/errors';
import { drain, expectNoSecret, failure, rewriting, sleepRecorder } from './helpers';

let local: LocalPsa;
let settings: AutotaskSettings;
const demo = demoPsaPeople().autotask;
const active = demo.filter((person) => person.active);

beforeAll(async () => {
  local = await startLocalPsa();
  settings = local.settings().autotask;
});
afterAll(async () => local.close());
beforeEach(() => {
  local.setPeople('autotask', demo);
  local.clearRequests();
});

function search(query: Record<string, string>): { filter: unknown[]; MaxRecords: number } {
  return JSON.parse(query.search ?? '{}') as { filter: unknown[]; MaxRecords: number };
}

test('finds the zone, then pages through every active resource by nextPageUrl', async () => {
  const { pages, people } = await drain(createAutotaskConnector(settings, fetch, { pageSize: 6 }));

  expect(pages.length).toBe(4);
  expect(people.map((person) => person.externalId)).toEqual(active.map((person) => String(person.id)));
  const [zone, first, ...rest] = local.requests('autotask');
  expect(zone).toMatchObject({ path: '/autotask/atservicesrest/V1.0/zoneInformation', query: { user: settings.username } });
  expect(first?.path).toBe('/autotask/atservicesrest/V1.0/Resources/query');
  expect(search(first?.query ?? {})).toMatchObject({ filter: [{ op: 'eq', field: 'isActive', value: true }], MaxRecords: 6 });
  expect(rest.length).toBe(3);
  for (const request of rest) expect(request.path).toBe('/autotask/atservicesrest/V1.0/Resources/query/next');
});

test('with AUTOTASK_ZONE_URL set, no zone lookup is made', async () => {
  const { people } = await drain(createAutotaskConnector({ ...settings, zoneUrl: local.baseUrls.autotask, zoneLookupUrl: 'http://127.0.0.1:9/nowhere' }));
  expect(people.length).toBe(active.length);
  expect(local.requests('autotask').some((request) => request.path.endsWith('/zoneInformation'))).toBe(false);
});

test('maps a resource to a person, with its primary email', async () => {
  const { people } = await drain(createAutotaskConnector(settings));
  const patti = demo.find((person) => person.firstName === 'Patti');
  expect(people.find((person) => person.externalId === String(patti?.id))).toEqual({
    source: 'autotask',
    externalId: String(patti?.id),
    displayName: 'Patti Fernandez',
    email: 'pattif@contoso-it.example',
    jobTitle: 'Service Desk Lead',
    active: true
  });
  expect(people.some((person) => person.email === 'lynner@contoso-it.example')).toBe(true);
});

test('an inactive resource is not offered, even when the query does not filter on isActive', async () => {
  const inactive = demo.filter((person) => !person.active).map((person) => String(person.id));
  expect(inactive.length).toBe(2);
  const unfiltered = rewriting((url) => {
    if (url.pathname.endsWith('/Resources/query')) {
      url.searchParams.set('search', JSON.stringify({ filter: [{ op: 'gt', field: 'id', value: 0 }], MaxRecords: 10 }));
    }
    return url;
  });
  const { people } = await drain(createAutotaskConnector(settings, unfiltered));

  expect(local.requests('autotask').filter((request) => request.path.includes('/Resources/query')).length).toBe(3);
  expect(people.length).toBe(active.length);
  for (const id of inactive) expect(people.map((person) => person.externalId)).not.toContain(id);
});

test('a resource without email, or with an empty one, gets email null', async () => {
  const empty: LocalPsaPerson = { id: 29690001, firstName: 'Eli', lastName: 'Empty', email: '', title: 'Dispatcher', active: true };
  local.setPeople('autotask', [...demo, empty]);
  const { people } = await drain(createAutotaskConnector(settings));

  const withoutEmail = demo.find((person) => person.email === null);
  expect(people.find((person) => person.externalId === String(withoutEmail?.id))?.email).toBeNull();
  expect(people.find((person) => person.externalId === '29690001')).toMatchObject({ email: null, jobTitle: 'Dispatcher' });
});

test('a rejected secret is a PsaCredentialRejectedError naming Autotask and no secret', async () => {
  const wrong = { ...settings, secret: 'wrong-at-secret-Hd61' };
  const error = await failure(createAutotaskConnector(wrong));

  expect(error).toBeInstanceOf(PsaCredentialRejectedError);
  expect((error as PsaCredentialRejectedError).status).toBe(401);
  expect(error.message).toContain('Autotask PSA');
  expect(error.message).toContain('AUTOTASK_SECRET');
  expectNoSecret(error.message, [wrong.secret, settings.secret, wrong.integrationCode]);
});

test('an API user name the zone lookup does not know is a PsaCredentialRejectedError', async () => {
  const error = await failure(createAutotaskConnector({ ...settings, username: 'nobody@contoso-it.example' }));
  expect(error).toBeInstanceOf(PsaCredentialRejectedError);
  expect(error.message).toMatch(/does not know the configured API user name/);
  expect(local.requests('autotask').some((request) => request.path.includes('/Resources/'))).toBe(false);
});

test('429 with Retry-After is waited out, then paging goes on', async () => {
  local.throttleNext('autotask', 1, 5);
  const { sleep, waits } = sleepRecorder();
  const { people } = await drain(createAutotaskConnector(settings, fetch, { pageSize: 10, sleep }));

  expect(waits).toEqual([5000]);
  expect(people.length).toBe(active.length);
  expect(local.requests('autotask')[0]?.status).toBe(429);
});

test('a paging link to another host is refused', async () => {
  const connector = createAutotaskConnector(settings, async (url, init) => {
    const response = await fetch(url, init);
    if (!url.includes('/Resources/query')) return response;
    const body = (await response.json()) as { items: unknown[]; pageDetails: Record<string, unknown> };
    body.pageDetails.nextPageUrl = 'https://attacker.example/ATServicesRest/V1.0/Resources/query/next?paging=1';
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  const error = await failure(connector);
  expect(error).toBeInstanceOf(PsaUnavailableError);
  expect(error.message).toMatch(/another host/);
});
