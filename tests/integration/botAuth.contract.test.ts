/**
 * Inbound authentication on POST /api/messages, through botbuilder's real Bot Framework JWT path:
 * the adapter's eight endpoint settings point at a local OpenID issuer (tests/helpers/localBotIssuer),
 * which publishes one RSA key endorsed for msteams. Activities ask for `expectReplies`, so the bot's
 * replies come back in the HTTP response and no outgoing call is made.
 *
 * Every refused request carries the Super Admin's "use this channel for approvals" @mention from the
 * MSP's tenant, the one activity that writes (the approvals channel, an audit record, turn state), so
 * "nothing ran" is observable. The refusals run before the accepted channel command, and each checks
 * first that the channel is still unset.
 */
import { randomUUID } from 'node:crypto';
import type { App } from '../../src/app';
import type { BotRegistration } from '../../src/bot/adapter';
import type { TestStore } from '../helpers/cosmos';
import { startLocalBotIssuer, unsignedToken, type LocalBotIssuer, type SigningKey } from '../helpers/localBotIssuer';
import { startRegisteredApp, type RegisteredApp } from '../helpers/registeredApp';

const mspTenantId = randomUUID();
const superAdminObjectId = randomUUID();
const registration: BotRegistration = { appId: randomUUID(), appType: 'SingleTenant', tenantId: randomUUID(), password: 'x' };
const botId = `28:${registration.appId}`;
/** Nothing listens here: with expectReplies the bot never calls the channel back. */
const serviceUrl = 'http://127.0.0.1:1/';
const channelConversationId = '19:approvals@thread.tacv2';

let issuer: LocalBotIssuer;
let testStore: TestStore;
let app: App;
let baseUrl: string;
/** A key the issuer does not publish, under its own kid. */
let rogueKey: SigningKey;
/** A key the issuer does not publish, under the published key's kid. */
let rogueKeyWithPublishedKid: SigningKey;
let consoleError: jest.SpyInstance;
let registered: RegisteredApp;

beforeAll(async () => {
  // botbuilder console.error()s every refused request; keep the test output readable.
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  issuer = await startLocalBotIssuer();
  rogueKey = await issuer.rogueKey();
  rogueKeyWithPublishedKid = await issuer.rogueKey(issuer.publishedKey.kid);
  registered = await startRegisteredApp({
    registration,
    endpoints: issuer.endpoints(),
    mspTenantId,
    superAdmin: { objectId: superAdminObjectId, displayName: 'Sam Super' }
  });
  ({ app, testStore, url: baseUrl } = registered);
});

afterAll(async () => {
  await registered?.close();
  await issuer?.close();
  consoleError?.mockRestore();
});

function baseActivity() {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    deliveryMode: 'expectReplies',
    locale: 'en-US',
    from: { id: `29:${randomUUID()}`, name: 'Sam Super', aadObjectId: superAdminObjectId },
    recipient: { id: botId, name: 'Bot' }
  };
}

function channelCommand() {
  return {
    ...baseActivity(),
    conversation: { id: `${channelConversationId};messageid=1`, conversationType: 'channel', tenantId: mspTenantId, isGroup: true },
    channelData: {
      tenant: { id: mspTenantId },
      team: { id: '19:operations@thread.tacv2', name: 'Operations' },
      channel: { id: channelConversationId, name: 'Approvals' }
    },
    text: '<at>Bot</at> use this channel for approvals',
    entities: [{ type: 'mention', text: '<at>Bot</at>', mentioned: { id: botId, name: 'Bot' } }]
  };
}

function personalHelp() {
  return {
    ...baseActivity(),
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: mspTenantId },
    channelData: { tenant: { id: mspTenantId } },
    text: 'help'
  };
}

interface Answer {
  status: number;
  text: string;
}

async function post(activity: object, authorization: string | undefined): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
  return { status: res.status, text: await res.text() };
}

type CardElement = { type?: string; text?: string; items?: CardElement[] };
type Reply = { attachments?: { contentType: string; content: { body?: CardElement[] } }[] };

function replies(answer: Answer): Reply[] {
  return (JSON.parse(answer.text) as { activities: Reply[] }).activities;
}

function cardTexts(reply: Reply): string[] {
  const attachment = reply.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  const texts: string[] = [];
  const walk = (elements: CardElement[] = []) =>
    elements.forEach((element) => {
      if (element.type === 'TextBlock' && element.text) texts.push(element.text);
      walk(element.items);
    });
  walk(attachment?.content.body);
  return texts;
}

async function auditRecords(): Promise<{ action: string; result: string }[]> {
  const { resources } = await testStore.store.container('audit').items.readAll<{ id: string; action: string; result: string }>().fetchAll();
  return resources;
}

async function botStateIds(): Promise<string[]> {
  const { resources } = await testStore.store.container('botState').items.readAll<{ id: string }>().fetchAll();
  return resources.map((doc) => doc.id).sort();
}

/** The state a refused request must leave as it found it. */
async function snapshot() {
  return { audit: (await auditRecords()).length, botState: await botStateIds() };
}

/** A token with the published key and the right claims, bent by `options`. */
function token(options?: Parameters<LocalBotIssuer['token']>[2]): Promise<string> {
  return issuer.token(registration.appId, serviceUrl, options);
}

const now = () => Math.floor(Date.now() / 1000);

/** Sends the channel command with the given header and checks that no bot code ran. */
async function expectRefusedWithoutEffect(authorization: string | undefined, status: number): Promise<Answer> {
  expect(await app.services.repos.conversations.approvalsChannel()).toBeUndefined();
  const before = await snapshot();

  const answer = await post(channelCommand(), authorization);

  expect(answer.status).toBe(status);
  expect(answer.text).not.toContain('activities');
  expect(await app.services.repos.conversations.approvalsChannel()).toBeUndefined();
  expect((await auditRecords()).filter((r) => r.action === 'approvals.setChannel')).toEqual([]);
  expect(await snapshot()).toEqual(before);
  return answer;
}

describe('POST /api/messages with inbound auth on', () => {
  describe('refuses with 401 before any bot code runs', () => {
    it.each<[string, () => Promise<string | undefined>, RegExp]>([
      ['a token for another app (wrong aud)', async () => `Bearer ${await issuer.token(randomUUID(), serviceUrl)}`, /Invalid AppId/],
      ['a token from another issuer (the US Government cloud)', async () => `Bearer ${await token({ claims: { iss: 'https://api.botframework.us' } })}`, /No valid identity/],
      ['a token that expired ten minutes ago', async () => `Bearer ${await token({ claims: { iat: now() - 3600, nbf: now() - 3600, exp: now() - 600 } })}`, /expired/],
      ['an unsigned token (alg none, no kid)', async () => `Bearer ${unsignedToken({}, { iss: 'https://api.botframework.com', aud: registration.appId, serviceurl: serviceUrl, exp: now() + 3600 })}`, /Signing Key could not be retrieved/],
      ['a token signed by a key that is not in the JWKS', async () => `Bearer ${await token({ key: rogueKey })}`, /Signing Key could not be retrieved/],
      ['a token whose serviceurl claim names another service URL', async () => `Bearer ${await issuer.token(registration.appId, 'http://127.0.0.1:2/')}`, /ServiceUrl claim do not match/],
      ['a token without a serviceurl claim', async () => `Bearer ${await token({ claims: { serviceurl: undefined } })}`, /ServiceUrl claim do not match/],
      ['a malformed header: "Bearer" with no token', async () => 'Bearer', /No valid identity/],
      ['a malformed header: a bearer value that is not a JWT', async () => 'Bearer not-a-jwt', /No valid identity/],
      ['a malformed header: a valid token without the Bearer scheme', async () => token(), /No valid identity/],
      ['a malformed header: Basic credentials', async () => 'Basic dXNlcjpwYXNzd29yZA==', /No valid identity/],
      ['no Authorization header', async () => undefined, /not authorized/]
    ])('%s', async (_case, authorization, message) => {
      const answer = await expectRefusedWithoutEffect(await authorization(), 401);
      expect(answer.text).toMatch(message);
    });
  });

  describe('refuses with 401 a token under the published kid that fails verification (botbuilder alone would answer 500)', () => {
    it.each<[string, () => Promise<string>, string]>([
      ['an unsigned token (alg none) carrying the published kid', async () => `Bearer ${unsignedToken({ kid: issuer.publishedKey.kid }, { iss: 'https://api.botframework.com', aud: registration.appId, serviceurl: serviceUrl, exp: now() + 3600 })}`, 'jwt signature is required'],
      ['a token signed by another key under the published kid', async () => `Bearer ${await token({ key: rogueKeyWithPublishedKid })}`, 'invalid signature'],
      ['a token that is not valid yet (nbf in an hour)', async () => `Bearer ${await token({ claims: { nbf: now() + 3600 } })}`, 'jwt not active']
    ])('%s', async (_case, authorization, message) => {
      const answer = await expectRefusedWithoutEffect(await authorization(), 401);
      expect(answer.text).toContain(message);
    });
  });

  describe('accepts a valid Bot Framework token', () => {
    it('answers "help" in personal chat with the help card, having fetched the keys from the local issuer', async () => {
      const answer = await post(personalHelp(), `Bearer ${await token()}`);

      expect(answer.status).toBe(200);
      const [reply, ...more] = replies(answer);
      expect(more).toEqual([]);
      const texts = cardTexts(reply);
      expect(texts[0]).toBe('MSP Portal Admin: commands');
      expect(texts).toContain('Here is what you can do in this chat.');
      expect(texts).toContain('help');
      expect(texts.join('\n')).not.toContain('I did not understand');
      expect(issuer.requests).toEqual(expect.arrayContaining(['/.well-known/openidconfiguration', '/keys']));
    });

    it('accepts a token that expired less than five minutes ago (botbuilder allows 5 minutes of clock skew)', async () => {
      const answer = await post(personalHelp(), `Bearer ${await token({ claims: { exp: now() - 60 } })}`);

      expect(answer.status).toBe(200);
      expect(cardTexts(replies(answer)[0])[0]).toBe('MSP Portal Admin: commands');
    });

    it('sets the approvals channel from the Super Admin\'s channel command, and audits it', async () => {
      expect(await app.services.repos.conversations.approvalsChannel()).toBeUndefined();
      const before = await snapshot();

      const answer = await post(channelCommand(), `Bearer ${await token()}`);

      expect(answer.status).toBe(200);
      expect(cardTexts(replies(answer)[0]).join('\n')).toContain('Approval requests will be posted in Approvals.');
      const channel = await app.services.repos.conversations.approvalsChannel();
      expect(channel?.reference.conversation?.id).toBe(`${channelConversationId};messageid=1`);
      expect(channel?.reference.serviceUrl).toBe(serviceUrl);
      const setChannel = (await auditRecords()).filter((r) => r.action === 'approvals.setChannel');
      expect(setChannel).toHaveLength(1);
      expect(setChannel[0].result).toBe('done');
      // The same effects the refusals check for did happen here, so their absence there means something.
      const after = await snapshot();
      expect(after.audit).toBe(before.audit + 1);
      expect(after.botState).not.toEqual(before.botState);
    });
  });
});
