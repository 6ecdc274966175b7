/**
 * src/psa/syncro.ts against the local Syncro (src/dev/localPsa) over HTTP: the API token as Bearer,
 * GET /users with page and meta.total_pages, GET /users/{id} for the email, disabled users, a rejected
 * token, 429 with Retry-After, a user removed between list and detail.
 */
import { demoPsaPeople, startLocalPsa, type LocalPsa, type LocalPsaPerson } from '../../../src/dev/localPsa';
import { PsaCredentialRejectedError } from '../../../src/psa/errors';
import { createSyncroConnector, type SyncroSettings } from '../../../src/psa/syncro';
import { drain, expectNoSecret, failure, sleepRecorder } from './helpers';

let local: LocalPsa;
let settings: SyncroSettings;
const demo = demoPsaPeople().syncro;
const active = demo.filter((person) => person.active);

beforeAll(async () => {
  local = await startLocalPsa({ syncroPerPage: 10 });
  settings = local.settings().syncro;
});
afterAll(async () => local.close());
beforeEach(() => {
  local.setPeople('syncro', demo);
  local.clearRequests();
});

const listRequests = (): Array<{ query: Record<string, string> }> => local.requests('syncro').filter((request) => request.path === '/syncro/api/v1/users');

test('pages through the users list by meta.total_pages and reads each user', async () => {
  const { pages, people } = await drain(createSyncroConnector(settings));

  expect(pages.length).toBe(3);
  expect(people.map((person) => person.externalId)).toEqual(active.map((person) => String(person.id)));
  expect(listRequests().map((request) => request.query.page)).toEqual(['1', '2', '3']);
  const details = local.requests('syncro').filter((request) => request.path.startsWith('/syncro/api/v1/users/'));
  expect(details.length).toBe(active.length);
});

test('maps a user to a person, with the email of its user record', async () => {
  const { people } = await drain(createSyncroConnector(settings));
  const patti = demo.find((person) => person.firstName === 'Patti');
  expect(people.find((person) => person.externalId === String(patti?.id))).toEqual({
    source: 'syncro',
    externalId: String(patti?.id),
    displayName: 'Patti Fernandez',
    email: 'pattif@contoso-it.example',
    jobTitle: null,
    active: true
  });
  expect(people.some((person) => person.email === 'lynner@contoso-it.example')).toBe(true);
});

test('a disabled user is not offered and not even read', async () => {
  const disabled = demo.filter((person) => !person.active).map((person) => String(person.id));
  expect(disabled.length).toBe(2);
  const { people } = await drain(createSyncroConnector(settings));

  for (const id of disabled) {
    expect(people.map((person) => person.externalId)).not.toContain(id);
    expect(local.requests('syncro').some((request) => request.path === `/syncro/api/v1/users/${id}`)).toBe(false);
  }
});

test('a user record marked disabled is left out too', async () => {
  const marked = createSyncroConnector(settings, async (url, init) => {
    const response = await fetch(url, init);
    const patti = demo.find((person) => person.firstName === 'Patti');
    if (!url.endsWith(`/users/${patti?.id}`)) return response;
    const body = (await response.json()) as { user: Record<string, unknown> };
    return new Response(JSON.stringify({ user: { ...body.user, disabled: true } }), { status: 200 });
  });
  const { people } = await drain(marked);
  expect(people.length).toBe(active.length - 1);
  expect(people.some((person) => person.email === 'pattif@contoso-it.example')).toBe(false);
});

test('a user without email gets email null', async () => {
  const withoutEmail = demo.find((person) => person.email === null);
  const blank: LocalPsaPerson = { id: 1990, firstName: 'Bo', lastName: 'Blank', email: ' ', title: null, active: true };
  local.setPeople('syncro', [...demo, blank]);
  const { people } = await drain(createSyncroConnector(settings));

  expect(people.find((person) => person.externalId === String(withoutEmail?.id))).toMatchObject({ email: null, active: true });
  expect(people.find((person) => person.externalId === '1990')?.email).toBeNull();
});

test('a rejected API token is a PsaCredentialRejectedError naming Syncro and no secret', async () => {
  const wrong = { ...settings, apiKey: 'wrong-syncro-key-Kf02' };
  const error = await failure(createSyncroConnector(wrong));

  expect(error).toBeInstanceOf(PsaCredentialRejectedError);
  expect((error as PsaCredentialRejectedError).status).toBe(401);
  expect(error.message).toContain('Syncro');
  expect(error.message).toContain('SYNCRO_API_KEY');
  expectNoSecret(error.message, [wrong.apiKey, settings.apiKey]);
});

test('429 with Retry-After is waited out, then paging goes on', async () => {
  local.throttleNext('syncro', 1, 1);
  const { sleep, waits } = sleepRecorder();
  const { people } = await drain(createSyncroConnector(settings, fetch, { sleep }));

  expect(waits).toEqual([1000]);
  expect(people.length).toBe(active.length);
  expect(local.requests('syncro')[0]?.status).toBe(429);
});

test('a user removed between the list and its record is skipped', async () => {
  const gone = demo.find((person) => person.active && person.email !== null);
  const connector = createSyncroConnector(settings, async (url, init) =>
    url.endsWith(`/users/${gone?.id}`) ? new Response(JSON.stringify({ error: 'Not found' }), { status: 404 }) : fetch(url, init)
  );
  const { people } = await drain(connector);
  expect(people.length).toBe(active.length - 1);
  expect(people.map((person) => person.externalId)).not.toContain(String(gone?.id));
});
