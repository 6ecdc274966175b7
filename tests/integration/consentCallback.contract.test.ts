import { DEMO_COMPANIES, demoGuid } from '../../src/dev/demoData';
import { cardOf, cardTexts, personalMessage, postActivity, type TeamsContext } from '../helpers/botClient';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';
import { startLocalConnector } from '../helpers/localConnector';

/*
 * Connecting a client's Microsoft 365 tenant: `connect <company>` gives the admin-consent link, the
 * administrator consents (in embedded mode on the local stand-in for Entra ID's page), and
 * /consent/callback records the tenant on the company. The callback's `state` is the only thing that
 * names the company: a forged, expired, reused or other-purpose state is refused and changes nothing,
 * a tenant already connected to another company is refused without naming that company, and the
 * requester is told in personal chat.
 */

let demo: DemoApp;
let connector: Awaited<ReturnType<typeof startLocalConnector>>;
let teams: TeamsContext;
const ADATUM = DEMO_COMPANIES.find((c) => c.name === 'Adatum Corporation')!;
const ADATUM_ID = demoGuid('company', ADATUM.name);
const ADATUM_TENANT = ADATUM.unconnectedTenantId!;
const FABRIKAM_TENANT = DEMO_COMPANIES.find((c) => c.name === 'Fabrikam, Inc.')!.tenantId!;

beforeAll(async () => {
  connector = await startLocalConnector();
  demo = await startDemoApp();
  teams = { ...demo.teams, serviceUrl: connector.serviceUrl };
});
afterAll(async () => {
  await demo.close();
  await connector.close();
});

/** Alex asks for the consent link of a company; the link from the card. */
async function consentLink(company: string): Promise<URL> {
  const answer = await postActivity(demo.url, personalMessage(teams, demo.people.alex, `connect ${company}`));
  const card = cardOf(answer.replies[0]);
  const json = JSON.stringify(card);
  const url = /"url":"([^"]+adminconsent[^"]+)"/.exec(json)?.[1];
  if (!url) throw new Error(`no consent link on the card: ${cardTexts(card).join(' | ')}`);
  return new URL(url);
}

const stateOf = (link: URL) => link.searchParams.get('state')!;

async function callback(query: Record<string, string>): Promise<{ status: number; body: string }> {
  const response = await fetch(`${demo.url}/consent/callback?${new URLSearchParams(query)}`);
  return { status: response.status, body: await response.text() };
}

const adatum = () => demo.app.services.repos.companies.get(ADATUM_ID);
const toldAlex = (pattern: RegExp) =>
  connector.calls.some((c) => c.conversationId === `a:personal-${demo.people.alex.id}` && pattern.test(cardTexts(c.activity.attachments?.[0]?.content).join(' ')));

test('an archived company gets no consent link, with the reason', async () => {
  const answer = await postActivity(demo.url, personalMessage(teams, demo.people.alex, 'connect Tailspin Toys'));
  expect(cardTexts(cardOf(answer.replies[0])).join(' ')).toContain('Tailspin Toys is archived; restore it before connecting it.');
});

test('the local consent page offers the demo tenants and returns to the callback only', async () => {
  const link = await consentLink('Adatum Corporation');
  expect(link.pathname).toBe('/dev/adminconsent');
  const page = await (await fetch(link)).text();
  expect(page).toContain('Adatum Corporation');
  expect(page).toContain('User.Read.All');
  const response = await fetch(`${demo.url}/dev/adminconsent`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ state: stateOf(link), tenant: ADATUM_TENANT, decision: 'cancel', redirect_uri: 'https://evil.example/steal' }),
    redirect: 'manual'
  });
  expect(response.status).toBe(303);
  const location = response.headers.get('location')!;
  expect(location.startsWith('/consent/callback?')).toBe(true);
  const declined = await fetch(`${demo.url}${location}`);
  expect(declined.status).toBe(200);
  expect(await declined.text()).toContain('Nothing was connected');
  expect((await adatum())?.tenantId).toBeUndefined();
  await connector.waitFor(() => toldAlex(/did not give consent for Adatum Corporation/));
});

test.each([
  ['a forged state', (state: string) => state.slice(0, -3) + (state.endsWith('AAA') ? 'BBB' : 'AAA'), 400, 'not valid'],
  ['a made-up state', () => 'eyJjb21wYW55SWQiOiJ4In0.c2lnbmF0dXJl', 400, 'not valid'],
  ['no state at all', () => '', 400, 'not valid']
])('%s is refused and nothing changes', async (_what, forge, status, words) => {
  const state = forge(stateOf(await consentLink('Adatum Corporation')));
  const answer = await callback({ admin_consent: 'True', tenant: ADATUM_TENANT, state });
  expect(answer.status).toBe(status);
  expect(answer.body).toContain(words);
  expect((await adatum())?.tenantId).toBeUndefined();
});

test('an authentic but expired state, or one made for another purpose, is refused', async () => {
  const tokens = demo.app.services.deps.companies.tokens;
  const staffId = (await demo.app.services.actors.staffActor({ tenantId: teams.tenantId, objectId: demo.people.alex.aadObjectId }))!.staffId;
  const expired = await tokens.sign('consent', { companyId: ADATUM_ID, staffId }, -1000);
  const expiredAnswer = await callback({ admin_consent: 'True', tenant: ADATUM_TENANT, state: expired });
  expect(expiredAnswer.status).toBe(410);
  expect(expiredAnswer.body).toContain('expired');
  const historyLink = await tokens.sign('historyExport', { companyId: ADATUM_ID, staffId }, 60_000);
  expect((await callback({ admin_consent: 'True', tenant: ADATUM_TENANT, state: historyLink })).status).toBe(400);
  expect((await adatum())?.tenantId).toBeUndefined();
});

test("a tenant connected to another company is refused, and the page does not name that company", async () => {
  const answer = await callback({ admin_consent: 'True', tenant: FABRIKAM_TENANT, state: stateOf(await consentLink('Adatum Corporation')) });
  expect(answer.status).toBe(409);
  expect(answer.body).toContain('connected already');
  expect(answer.body).not.toContain('Fabrikam');
  expect((await adatum())?.tenantId).toBeUndefined();
  // The MSP's own staff may know which company holds it.
  await connector.waitFor(() => toldAlex(/connected to Fabrikam, Inc\. already/));
});

test('a consent Microsoft Graph does not confirm is not recorded', async () => {
  const answer = await callback({ admin_consent: 'True', tenant: ADATUM_TENANT, state: stateOf(await consentLink('Adatum Corporation')) });
  expect(answer.status).toBe(409);
  expect(answer.body).toContain('does not confirm the consent');
  expect((await adatum())?.tenantId).toBeUndefined();
});

test('accepting on the consent page connects the company once; the link cannot be used again', async () => {
  const link = await consentLink('Adatum Corporation');
  const accepted = await fetch(`${demo.url}/dev/adminconsent`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ state: stateOf(link), tenant: ADATUM_TENANT, decision: 'accept' }),
    redirect: 'manual'
  });
  const location = accepted.headers.get('location')!;
  const page = await fetch(`${demo.url}${location}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Adatum Corporation is connected');
  expect((await adatum())?.tenantId).toBe(ADATUM_TENANT);
  await connector.waitFor(() => toldAlex(/Adatum Corporation is connected to its Microsoft 365 tenant/));

  const reused = await fetch(`${demo.url}${location}`);
  expect(reused.status).toBe(410);
  expect(await reused.text()).toContain('already used');
  const connects = await demo.testStore.store
    .container('audit')
    .items.query({ query: 'SELECT * FROM c WHERE c.companyId = @c AND c.action = @a AND c.result = @r', parameters: [{ name: '@c', value: ADATUM_ID }, { name: '@a', value: 'company.connect' }, { name: '@r', value: 'done' }] })
    .fetchAll();
  expect(connects.resources).toHaveLength(1);
});
