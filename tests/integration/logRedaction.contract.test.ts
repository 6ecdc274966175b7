/**
 * No secret in any log line, at any level: the app runs with its own logger (src/logger.ts) at `trace`,
 * writing to memory, while a representative set of its requests carries every kind of secret it knows:
 * the tab's bearer token (also as an `access_token` query), an invitation secret (valid, unknown, on a
 * route that does not exist, in a failed request, and under a store fault that makes the page a 500), an
 * import report token, a history export link's signed token, an admin-consent `state`, and Bot Framework
 * tokens on POST /api/messages (valid, forged, from another channel).
 *
 * Then the captured text must hold the requests' redacted URLs (so the capture is real and the test can
 * fail) and none of the secrets.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BotRegistration } from '../../src/bot/adapter';
import { DEMO_COMPANIES } from '../../src/dev/demoData';
import { cardActions, cardOf, cardTexts, click, cardClick, personalMessage, postActivity } from '../helpers/botClient';
import { capturingLogger, type CapturedLog } from '../helpers/logger';
import { startLocalBotIssuer, type LocalBotIssuer } from '../helpers/localBotIssuer';
import { startLocalConnector } from '../helpers/localConnector';
import { startRegisteredApp, type RegisteredApp } from '../helpers/registeredApp';
import { startTabApp, type TabApp } from '../helpers/tabApp';

const ADATUM = DEMO_COMPANIES.find((c) => c.name === 'Adatum Corporation')!;

let log: CapturedLog;
let tab: TabApp;
/** Where the bot's notices go (the consent callback tells the requester in personal chat). */
let connector: Awaited<ReturnType<typeof startLocalConnector>>;
/** Every secret the requests carried; none may be in the log. */
const secrets = new Map<string, string>();

// Inbound auth on, for the Bot Framework tokens; it logs to the same capture.
let issuer: LocalBotIssuer;
let bot: RegisteredApp;
let botUrl: string;
const registration: BotRegistration = { appId: randomUUID(), appType: 'SingleTenant', tenantId: randomUUID(), password: 'x' };

let consoleError: jest.SpyInstance;

beforeAll(async () => {
  // botbuilder console.error()s a token whose signature fails (with the public key); keep the output readable.
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  log = capturingLogger('trace');
  tab = await startTabApp({ logger: log.logger });
  connector = await startLocalConnector();

  issuer = await startLocalBotIssuer({ endorsements: ['msteams', 'webchat'] });
  bot = await startRegisteredApp({
    registration,
    endpoints: issuer.endpoints(),
    superAdmin: { objectId: randomUUID(), displayName: 'Sam Super' },
    logger: log.logger
  });
  botUrl = bot.url;
});

afterAll(async () => {
  await tab?.close();
  await connector?.close();
  await bot?.close();
  await issuer?.close();
  consoleError?.mockRestore();
});

function secret(name: string, value: string): string {
  expect(value.length).toBeGreaterThan(16);
  secrets.set(name, value);
  return value;
}

async function get(path: string, init: RequestInit = {}): Promise<number> {
  const response = await fetch(`${tab.url}${path}`, { redirect: 'manual', ...init });
  await response.arrayBuffer();
  return response.status;
}

/** The 43-character base64url secret of an invitation link in the mail the local Graph keeps. */
function lastInvitationSecret(email: string): string {
  const mails = tab.demo.integrations.localGraph.sentMail().filter((mail) => mail.to.some((r) => r.address.toLowerCase() === email.toLowerCase()));
  const link = /href="[^"]*\/invite\/([A-Za-z0-9_-]{43})"/.exec(mails[mails.length - 1]?.html ?? '');
  if (!link) throw new Error(`no invitation mail to ${email}`);
  return link[1];
}

/** Makes the local Cosmos server fail every read of the lookups container (where invitation links are found). */
function failLookups(): () => void {
  const server = tab.demo.testStore.cosmos.server;
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && /\/colls\/lookups\/docs\//.test(req.url ?? '')) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'BadRequest', message: 'injected fault' }));
      return;
    }
    for (const handler of handlers) handler.call(server, req, res);
  });
  return () => {
    server.removeAllListeners('request');
    for (const handler of handlers) server.on('request', handler);
  };
}

test('a trace-level log of tab, invitation, report, history, consent and bot requests holds their redacted URLs and none of their secrets', async () => {
  // The tab: a client Admin's token in the header, then (as a careless client might send it) in the query.
  const fabrikam = await tab.company('Fabrikam, Inc.');
  const admin = await tab.user('Fabrikam, Inc.', 'admin', 'active');
  const tabToken = secret('tab token', await tab.tokenFor(admin));
  expect((await tab.call('GET', '/api/tab/me', tabToken)).status).toBe(200);
  expect(await get(`/api/tab/me?access_token=${tabToken}`)).toBe(401);
  expect(await get(`/api/tab/me/x?access_token=${tabToken}`)).toBe(404);

  // An invitation sent from the tab; its link from the mail.
  const invitee = await tab.user('Fabrikam, Inc.', 'user', 'none');
  const invited = await tab.call('POST', `/api/tab/companies/${fabrikam.companyId}/users/${invitee.id}/invite`, tabToken, { etag: invitee._etag, key: randomUUID() });
  expect(invited.status).toBe(200);
  const invitation = secret('invitation secret', lastInvitationSecret(invitee.email));
  const unknown = secret('unknown invitation secret', randomBytes(32).toString('base64url'));
  expect(await get(`/invite/${invitation}`)).toBe(200);
  expect(await get(`/invite/${unknown}`)).toBe(404);
  expect(await get(`/invite/${invitation}/x`)).toBe(404);
  expect(await get(`/invite/${invitation}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' })).toBe(400);
  expect(await get(`/invite/${invitation}`, { method: 'POST' })).toBe(200);

  // A CSV import from the tab, and its report link.
  const csv = Buffer.from('Name,Email\nRhea Report,rhea.report@fabrikam.example\n').toString('base64');
  const imported = await tab.call('POST', `/api/tab/companies/${fabrikam.companyId}/imports/csv`, tabToken, { fileName: 'people.csv', contentBase64: csv, invite: false, key: randomUUID() });
  expect(imported.status).toBe(200);
  const reportUrl = new URL(/"reportUrl":"([^"]+)"/.exec(JSON.stringify(imported.body))![1]);
  const reportToken = secret('report token', reportUrl.pathname.split('/').pop()!);
  expect(await get(reportUrl.pathname)).toBe(200);
  expect(await get(`${reportUrl.pathname}/x`)).toBe(404);

  // The history export link, from the bot's history card.
  const { demo } = tab;
  const teamsOfDemo = { ...demo.teams, serviceUrl: connector.serviceUrl };
  const history = cardOf((await postActivity(demo.url, personalMessage(teamsOfDemo, demo.people.alex, 'history Fabrikam'))).replies[0]);
  const exportAction = cardActions(history).find((a) => a.verb === 'history.export')!;
  const exported = await click(demo.url, cardClick(teamsOfDemo, demo.people.alex, 'history.export', exportAction.data));
  const exportUrl = new URL(/\((http[^)]+\.csv\?token=[^)]+)\)/.exec(cardTexts(exported.card).join('\n'))![1]);
  const exportToken = secret('history export token', exportUrl.searchParams.get('token')!);
  expect(await get(`${exportUrl.pathname}${exportUrl.search}`)).toBe(200);
  expect(await get(`${exportUrl.pathname}/x${exportUrl.search}`)).toBe(404);

  // The admin-consent callback with the signed state of the bot's consent link.
  const connect = JSON.stringify(cardOf((await postActivity(demo.url, personalMessage(teamsOfDemo, demo.people.alex, 'connect Adatum Corporation'))).replies[0]));
  const consentLink = new URL(/"url":"([^"]+adminconsent[^"]+)"/.exec(connect)![1]);
  const state = secret('consent state', consentLink.searchParams.get('state')!);
  const consented = await fetch(`${tab.url}/dev/adminconsent`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ state, tenant: ADATUM.unconnectedTenantId!, decision: 'accept' }),
    redirect: 'manual'
  });
  expect(consented.status).toBe(303);
  const callback = consented.headers.get('location')!;
  expect(callback).toContain(encodeURIComponent(state).slice(0, 20));
  expect(await get(callback)).toBe(200);

  // Bot Framework tokens on POST /api/messages: valid, forged under the published key id, valid for Web Chat.
  const serviceUrl = 'http://127.0.0.1:1/';
  const teams = { tenantId: registration.tenantId, bot: { id: `28:${registration.appId}`, name: 'Bot' }, serviceUrl };
  const someone = { id: `29:${randomUUID()}`, name: 'Pat', aadObjectId: randomUUID() };
  const botToken = secret('bot token', await issuer.token(registration.appId, serviceUrl));
  const forged = secret('forged bot token', await issuer.token(registration.appId, serviceUrl, { key: await issuer.rogueKey(issuer.publishedKey.kid) }));
  expect((await postActivity(botUrl, personalMessage(teams, someone, 'help'), { authorization: `Bearer ${botToken}` })).status).toBe(200);
  expect((await postActivity(botUrl, personalMessage(teams, someone, 'help'), { authorization: `Bearer ${forged}` })).status).toBe(401);
  expect((await postActivity(botUrl, { ...personalMessage(teams, someone, 'help'), channelId: 'webchat' }, { authorization: `Bearer ${botToken}` })).status).toBe(403);

  // A 5xx on the invitation page: the store fails the link's lookup.
  const restore = failLookups();
  try {
    expect(await get(`/invite/${invitation}`)).toBe(500);
  } finally {
    restore();
  }

  const text = log.text();
  const lines = log.lines();
  // The capture is real: the requests are in it, with their URLs redacted.
  expect(lines.length).toBeGreaterThan(10);
  const urls = lines.map((line) => line.url).filter((url): url is string => typeof url === 'string');
  expect(urls).toEqual(
    expect.arrayContaining([
      '/api/tab/me',
      '/api/tab/me?access_token=[redacted]',
      '/api/tab/me/x?access_token=[redacted]',
      '/invite/[redacted]',
      '/invite/[redacted]/x',
      `/reports/${fabrikam.companyId}/[redacted]`,
      `/reports/${fabrikam.companyId}/[redacted]/x`,
      `${exportUrl.pathname}?token=[redacted]`,
      `${exportUrl.pathname}/x?token=[redacted]`,
      `/consent/callback?${callback.split('?')[1].replace(/=[^&]*/g, '=[redacted]')}`,
      '/api/messages'
    ])
  );
  // 4xx at debug, the 5xx at error, every request at trace.
  const failed = lines.filter((line) => line.msg === 'request failed');
  expect(failed).toEqual(expect.arrayContaining([expect.objectContaining({ level: 20, status: 404, url: '/invite/[redacted]/x' })]));
  expect(failed).toEqual(expect.arrayContaining([expect.objectContaining({ level: 50, status: 500, url: '/invite/[redacted]' })]));
  expect(lines).toEqual(expect.arrayContaining([expect.objectContaining({ msg: 'bot request refused: not authenticated' })]));
  expect(lines).toEqual(expect.arrayContaining([expect.objectContaining({ msg: 'activity from a channel other than Microsoft Teams refused', channelId: 'webchat' })]));

  for (const [name, value] of secrets) {
    expect({ name, found: text.includes(value) }).toEqual({ name, found: false });
  }
  // Nothing JWT-shaped, and no bare 256-bit secret, whatever it belonged to.
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/);
  expect(text).not.toContain(reportToken.slice(0, 20));
  expect(text).not.toContain(exportToken.slice(0, 20));
});
