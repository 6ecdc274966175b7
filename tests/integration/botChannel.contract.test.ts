/**
 * Only Microsoft Teams is served: POST /api/messages refuses with 403 every activity whose channelId is
 * not `msteams`, before any turn logic runs (no reply, no turn state, no audit), both with inbound auth on
 * (botbuilder's real Bot Framework JWT path against a local OpenID issuer whose key is endorsed for Web
 * Chat and Direct Line too, so those tokens pass botbuilder's checks) and with it off (embedded mode,
 * where the Agents Playground sends `msteams`).
 *
 * Each refused request is the Super Admin's own, in the MSP's tenant: the same activity with channelId
 * `msteams` gets the bot's answer (checked here too), so the refusal is the channel's alone.
 */
import { randomUUID } from 'node:crypto';
import type { App } from '../../src/app';
import type { BotRegistration } from '../../src/bot/adapter';
import { CONTAINER_NAMES } from '../../src/store/containerSpec';
import type { Store } from '../../src/store/cosmos';
import { cardOf, cardTexts, personalMessage, type TeamsContext, type TeamsPerson } from '../helpers/botClient';
import type { TestStore } from '../helpers/cosmos';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';
import { startLocalBotIssuer, type LocalBotIssuer } from '../helpers/localBotIssuer';
import { startRegisteredApp, type RegisteredApp } from '../helpers/registeredApp';

interface Answer {
  status: number;
  text: string;
  replies: { type?: string; attachments?: { contentType: string; content: unknown }[] }[];
}

async function post(baseUrl: string, activity: object, authorization?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  const res = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers, body: JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }) });
  const text = await res.text();
  let replies: Answer['replies'] = [];
  try {
    replies = ((JSON.parse(text) as { activities?: Answer['replies'] }).activities ?? []).filter((a) => a.type !== 'typing');
  } catch {
    replies = [];
  }
  return { status: res.status, text, replies };
}

/** Every document of every container, by id and ETag: a refused request must leave all of it as it was. */
async function everyDocument(store: Store): Promise<string[]> {
  const all: string[] = [];
  for (const name of CONTAINER_NAMES) {
    const { resources } = await store.container(name).items.readAll<{ id: string; _etag?: string }>().fetchAll();
    all.push(...resources.map((doc) => `${name}/${doc.id}@${doc._etag}`));
  }
  return all.sort();
}

async function auditCount(store: Store): Promise<number> {
  const { resources } = await store.container('audit').items.readAll().fetchAll();
  return resources.length;
}

function texts(answer: Answer): string {
  return answer.replies.map((reply) => cardTexts(cardOf(reply)).join('\n')).join('\n');
}

async function expectRefusedWithoutEffect(store: Store, send: () => Promise<Answer>): Promise<void> {
  const before = await everyDocument(store);
  expect(before.length).toBeGreaterThan(0);

  const answer = await send();

  expect(answer.status).toBe(403);
  expect(answer.text).toContain('Microsoft Teams');
  expect(answer.text).not.toContain('activities');
  expect(answer.replies).toEqual([]);
  expect(await everyDocument(store)).toEqual(before);
}

describe('with inbound auth on (a bot registration)', () => {
  const mspTenantId = randomUUID();
  const registration: BotRegistration = { appId: randomUUID(), appType: 'SingleTenant', tenantId: mspTenantId, password: 'x' };
  const superAdmin: TeamsPerson = { id: `29:${randomUUID()}`, name: 'Sam Super', aadObjectId: randomUUID() };
  /** Nothing listens here: with expectReplies the bot never calls the channel back. */
  const serviceUrl = 'http://127.0.0.1:1/';
  const teams: TeamsContext = { tenantId: mspTenantId, bot: { id: `28:${registration.appId}`, name: 'Bot' }, serviceUrl };

  let issuer: LocalBotIssuer;
  let registered: RegisteredApp;
  let testStore: TestStore;
  let app: App;
  let baseUrl: string;

  beforeAll(async () => {
    // Microsoft's signing keys are endorsed for many channels; this one for Teams, Web Chat and Direct Line.
    issuer = await startLocalBotIssuer({ endorsements: ['msteams', 'webchat', 'directline'] });
    registered = await startRegisteredApp({
      registration,
      endpoints: issuer.endpoints(),
      superAdmin: { objectId: superAdmin.aadObjectId, displayName: superAdmin.name }
    });
    ({ app, testStore, url: baseUrl } = registered);
  });

  afterAll(async () => {
    await registered?.close();
    await issuer?.close();
  });

  const bearer = async () => `Bearer ${await issuer.token(registration.appId, serviceUrl)}`;
  const companies = (channelId: string) => ({ ...personalMessage(teams, superAdmin, 'companies'), channelId });

  it.each(['webchat', 'directline'])(
    'refuses the Super Admin\'s "companies" from %s with 403 although its token is valid for that channel, and nothing is read or written',
    async (channelId) => {
      await expectRefusedWithoutEffect(testStore.store, async () => post(baseUrl, companies(channelId), await bearer()));
    }
  );

  it('refuses from Web Chat the one command that writes (use this channel for approvals): no channel set, no audit', async () => {
    const audits = await auditCount(testStore.store);
    const command = {
      ...personalMessage(teams, superAdmin, '<at>Bot</at> use this channel for approvals'),
      channelId: 'webchat',
      conversation: { id: '19:approvals@thread.tacv2;messageid=1', conversationType: 'channel', tenantId: mspTenantId, isGroup: true },
      channelData: { tenant: { id: mspTenantId }, team: { id: '19:operations@thread.tacv2' }, channel: { id: '19:approvals@thread.tacv2', name: 'Approvals' } },
      entities: [{ type: 'mention', text: '<at>Bot</at>', mentioned: { id: teams.bot.id, name: 'Bot' } }]
    };

    await expectRefusedWithoutEffect(testStore.store, async () => post(baseUrl, command, await bearer()));

    expect(await app.services.repos.conversations.approvalsChannel()).toBeUndefined();
    expect(await auditCount(testStore.store)).toBe(audits);
  });

  it('refuses a Web Chat card click (an adaptiveCard/action invoke) with 403', async () => {
    const invoke = {
      ...personalMessage(teams, superAdmin, ''),
      channelId: 'webchat',
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: undefined,
      value: { action: { type: 'Action.Execute', verb: 'companies.list', data: {} }, trigger: 'manual' }
    };
    await expectRefusedWithoutEffect(testStore.store, async () => post(baseUrl, invoke, await bearer()));
  });

  it('still answers 401, not 403, a Web Chat activity without a valid token', async () => {
    const before = await everyDocument(testStore.store);
    const answer = await post(baseUrl, companies('webchat'), 'Bearer not-a-jwt');
    expect(answer.status).toBe(401);
    expect(await everyDocument(testStore.store)).toEqual(before);
  });

  it('answers the same "companies" from Microsoft Teams with the companies card (the refusals above are the channel\'s alone)', async () => {
    const answer = await post(baseUrl, companies('msteams'), await bearer());

    expect(answer.status).toBe(200);
    expect(answer.replies).toHaveLength(1);
    expect(texts(answer)).toContain('Contoso IT');
    expect(texts(answer)).not.toContain('I did not understand');
  });
});

describe('with inbound auth off (embedded mode, the Agents Playground)', () => {
  let demo: DemoApp;
  beforeAll(async () => {
    demo = await startDemoApp();
  });
  afterAll(() => demo?.close());

  it.each([['webchat'], ['emulator'], ['directline'], ['agents'], ['MSTEAMS'], ['msteams:web']])(
    'refuses an activity from channel %s with 403, nothing read or written',
    async (channelId) => {
      const activity = { ...personalMessage(demo.teams, demo.people.alex, 'companies'), channelId };
      await expectRefusedWithoutEffect(demo.testStore.store, () => post(demo.url, activity));
    }
  );

  it('answers the playground\'s channel, msteams, as always (the clicked tests run on it)', async () => {
    const answer = await post(demo.url, personalMessage(demo.teams, demo.people.alex, 'help'));

    expect(answer.status).toBe(200);
    expect(answer.replies).toHaveLength(1);
    expect(texts(answer)).toContain('MSP Portal Admin: commands');
  });
});
