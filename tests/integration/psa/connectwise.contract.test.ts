/**
 * src/psa/connectwise.ts against the local ConnectWise Manage (src/dev/localPsa) over HTTP: Basic
 * company+public:private with clientId, conditions, page/pageSize with Link headers, inactiveFlag,
 * the email fields, a rejected credential, 429 with Retry-After, throttling that never ends, a timeout.
 */
import { demoPsaPeople, startLocalPsa, type LocalPsa, type LocalPsaPerson } from '../../../src/dev/localPsa';
import { createConnectWiseConnector, type ConnectWiseSettings } from '../../../src/psa/connectwise';
import { PsaCredentialRejectedError, PsaUnavailableError } from '../../../src/psa/errors';
import { drain, expectNoSecret, failure, rewriting, sleepRecorder } from './helpers';

let local: LocalPsa;
let settings: ConnectWiseSettings;
const demo = demoPsaPeople().connectwise;
const active = demo.filter((person) => person.active);
const membersPath = '/connectwise/v4_6_release/apis/3.0/system/members';

beforeAll(async () => {
  local = await startLocalPsa();
  settings = local.settings().connectwise;
});
afterAll(async () => local.close());
beforeEach(() => {
  local.setPeople('connectwise', demo);
  local.clearRequests();
});

test('pages through every active member with page, pageSize and the Link header, filtering inactiveFlag on the server', async () => {
  const { pages, people } = await drain(createConnectWiseConnector(settings, fetch, { pageSize: 7 }));

  expect(pages.length).toBe(4);
  expect(people.map((person) => person.externalId)).toEqual(active.map((person) => String(person.id)));
  const requests = local.requests('connectwise');
  expect(requests.map((request) => request.query.page)).toEqual(['1', '2', '3', '4']);
  for (const request of requests) {
    expect(request.path).toBe(membersPath);
    expect(request.query).toMatchObject({ conditions: 'inactiveFlag = false', pageSize: '7', orderBy: 'id asc' });
  }
});

test('maps a member to a person, with the primary email', async () => {
  const { people } = await drain(createConnectWiseConnector(settings));
  const patti = people.find((person) => person.email === 'pattif@contoso-it.example');
  expect(patti).toEqual({
    source: 'connectwise',
    externalId: String(demo.find((person) => person.firstName === 'Patti')?.id),
    displayName: 'Patti Fernandez',
    email: 'pattif@contoso-it.example',
    jobTitle: 'Service Desk Lead',
    active: true
  });
  expect(people.some((person) => person.email === 'lynner@contoso-it.example')).toBe(true);
});

test('an inactive member is not offered, even when the server does not filter', async () => {
  const inactive = demo.filter((person) => !person.active).map((person) => String(person.id));
  expect(inactive.length).toBe(2);
  const unfiltered = rewriting((url) => {
    url.searchParams.delete('conditions');
    return url;
  });
  const { people } = await drain(createConnectWiseConnector(settings, unfiltered, { pageSize: 10 }));

  expect(local.requests('connectwise').every((request) => request.query.conditions === undefined)).toBe(true);
  expect(people.length).toBe(active.length);
  for (const id of inactive) expect(people.map((person) => person.externalId)).not.toContain(id);
});

test('a member without email, or with a blank one, gets email null', async () => {
  const blank: LocalPsaPerson = { id: 900, firstName: 'Bea', lastName: 'Blank', email: '   ', title: null, active: true };
  local.setPeople('connectwise', [...demo, blank]);
  const { people } = await drain(createConnectWiseConnector(settings));

  const withoutEmail = demo.find((person) => person.email === null);
  expect(people.find((person) => person.externalId === String(withoutEmail?.id))?.email).toBeNull();
  expect(people.find((person) => person.externalId === '900')).toMatchObject({ email: null, jobTitle: null, displayName: 'Bea Blank' });
});

test('a rejected credential is a PsaCredentialRejectedError naming ConnectWise and no secret', async () => {
  const wrong = { ...settings, privateKey: 'wrong-private-Zz81' };
  const error = await failure(createConnectWiseConnector(wrong));

  expect(error).toBeInstanceOf(PsaCredentialRejectedError);
  expect((error as PsaCredentialRejectedError).status).toBe(401);
  expect(error.message).toContain('ConnectWise Manage');
  expect(error.message).toContain('CONNECTWISE_PRIVATE_KEY');
  const basic = Buffer.from(`${wrong.companyId}+${wrong.publicKey}:${wrong.privateKey}`).toString('base64');
  expectNoSecret(error.message, [wrong.privateKey, wrong.publicKey, wrong.clientId, basic, settings.privateKey]);
});

test('a missing clientId is rejected too', async () => {
  const error = await failure(createConnectWiseConnector({ ...settings, clientId: '' }));
  expect(error).toBeInstanceOf(PsaCredentialRejectedError);
});

test('429 with Retry-After is waited out, then paging goes on', async () => {
  local.throttleNext('connectwise', 1, 2);
  const { sleep, waits } = sleepRecorder();
  const { people } = await drain(createConnectWiseConnector(settings, fetch, { pageSize: 10, sleep }));

  expect(waits).toEqual([2000]);
  expect(people.length).toBe(active.length);
  expect(local.requests('connectwise').map((request) => request.status)).toEqual([429, 200, 200, 200]);
});

test('retries are bounded: endless 429 ends in PsaUnavailableError', async () => {
  local.throttleNext('connectwise', 100, 1);
  const { sleep, waits } = sleepRecorder();
  const error = await failure(createConnectWiseConnector(settings, fetch, { maxRetries: 2, sleep }));

  expect(error).toBeInstanceOf(PsaUnavailableError);
  expect((error as PsaUnavailableError).status).toBe(429);
  expect(waits).toEqual([1000, 1000]);
  expect(local.requests('connectwise').length).toBe(3);
  local.throttleNext('connectwise', 0, 0);
});

test('a request that takes too long times out as PsaUnavailableError', async () => {
  local.delayNext('connectwise', 1, 1500);
  const error = await failure(createConnectWiseConnector(settings, fetch, { timeoutMs: 200 }));

  expect(error).toBeInstanceOf(PsaUnavailableError);
  expect(error.message).toMatch(/did not answer within 200 ms/);
});
