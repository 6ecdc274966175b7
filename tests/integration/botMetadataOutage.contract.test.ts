/**
 * When the Bot Framework's OpenID metadata cannot be fetched (Microsoft's endpoint down or unreachable),
 * POST /api/messages answers 503 with Retry-After, so Teams retries, instead of 500; nothing of the turn
 * runs. The outage is logged once (a warning when it starts, an info line when tokens verify again), not
 * once per request. A request whose token is invalid on its face (no header, not a JWT, another issuer)
 * needs no keys and stays 401.
 *
 * The real botbuilder JWT path: the adapter's eight endpoint settings point at a local OpenID issuer
 * (tests/helpers/localBotIssuer) that can be told to fail, or at a port where nothing listens.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { App } from '../../src/app';
import { METADATA_RETRY_AFTER_SECONDS, type BotFrameworkEndpoints, type BotRegistration } from '../../src/bot/adapter';
import { CONTAINER_NAMES } from '../../src/store/containerSpec';
import { cardOf, cardTexts, personalMessage, type TeamsContext, type TeamsPerson } from '../helpers/botClient';
import type { TestStore } from '../helpers/cosmos';
import { capturingLogger, type CapturedLog } from '../helpers/logger';
import { startLocalBotIssuer, type LocalBotIssuer } from '../helpers/localBotIssuer';
import { startRegisteredApp } from '../helpers/registeredApp';

const UNREACHABLE = /Bot Framework OpenID metadata unreachable/;
const RECOVERED = /Bot Framework tokens verify again/;

interface Answer {
  status: number;
  retryAfter: string | null;
  text: string;
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Bot {
  app: App;
  url: string;
  store: TestStore;
  log: CapturedLog;
  registration: BotRegistration;
  teams: TeamsContext;
  superAdmin: TeamsPerson;
  close(): Promise<void>;
}

async function startBot(endpoints: BotFrameworkEndpoints): Promise<Bot> {
  const mspTenantId = randomUUID();
  const registration: BotRegistration = { appId: randomUUID(), appType: 'SingleTenant', tenantId: mspTenantId, password: 'x' };
  const superAdmin: TeamsPerson = { id: `29:${randomUUID()}`, name: 'Sam Super', aadObjectId: randomUUID() };
  const log = capturingLogger('info');
  const { app, url, testStore, close } = await startRegisteredApp({
    registration,
    endpoints,
    superAdmin: { objectId: superAdmin.aadObjectId, displayName: superAdmin.name },
    logger: log.logger
  });
  return {
    app,
    url,
    store: testStore,
    log,
    registration,
    teams: { tenantId: mspTenantId, bot: { id: `28:${registration.appId}`, name: 'Bot' }, serviceUrl: 'http://127.0.0.1:1/' },
    superAdmin,
    close
  };
}

async function post(bot: Bot, text: string, authorization: string | undefined): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ ...personalMessage(bot.teams, bot.superAdmin, text), deliveryMode: 'expectReplies' })
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() };
}

async function everyDocument(bot: Bot): Promise<string[]> {
  const all: string[] = [];
  for (const name of CONTAINER_NAMES) {
    const { resources } = await bot.store.store.container(name).items.readAll<{ id: string; _etag?: string }>().fetchAll();
    all.push(...resources.map((doc) => `${name}/${doc.id}@${doc._etag}`));
  }
  return all.sort();
}

function linesMatching(log: CapturedLog, pattern: RegExp): Record<string, unknown>[] {
  return log.lines().filter((line) => pattern.test(String(line.msg)));
}

const LEVEL = { info: 30, warn: 40 };

describe('the metadata endpoint answers 500 (Microsoft\'s endpoint failing), then recovers', () => {
  let issuer: LocalBotIssuer;
  let bot: Bot;
  beforeAll(async () => {
    issuer = await startLocalBotIssuer();
    issuer.failMetadataWith(500);
    bot = await startBot(issuer.endpoints());
  });
  afterAll(async () => {
    await bot?.close();
    await issuer?.close();
  });

  const validToken = async () => `Bearer ${await issuer.token(bot.registration.appId, bot.teams.serviceUrl!)}`;

  it('answers every activity with a well-formed token 503 with Retry-After, runs nothing, and warns once for the whole outage', async () => {
    const before = await everyDocument(bot);
    const answers: Answer[] = [];
    for (let i = 0; i < 4; i++) answers.push(await post(bot, 'help', await validToken()));

    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toBe(String(METADATA_RETRY_AFTER_SECONDS));
      expect(answer.text).not.toContain('activities');
    }
    // botbuilder really went to the endpoint each time (it does not cache a failure).
    expect(issuer.requests.filter((path) => path === '/.well-known/openidconfiguration').length).toBeGreaterThanOrEqual(4);
    expect(await everyDocument(bot)).toEqual(before);
    const warnings = linesMatching(bot.log, UNREACHABLE);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].level).toBe(LEVEL.warn);
    expect(String(warnings[0].reason)).toContain('500');
    expect(linesMatching(bot.log, RECOVERED)).toEqual([]);
  });

  it.each<[string, () => Promise<string | undefined>]>([
    ['no Authorization header', async () => undefined],
    ['a bearer value that is not a JWT', async () => 'Bearer not-a-jwt'],
    ['a token from another issuer', async () => `Bearer ${await issuer.token(bot.registration.appId, bot.teams.serviceUrl!, { claims: { iss: 'https://sts.example.com' } })}`]
  ])('still answers 401, not 503, a request with %s during the outage (no keys are needed to refuse it)', async (_case, authorization) => {
    const answer = await post(bot, 'help', await authorization());

    expect(answer.status).toBe(401);
    expect(answer.retryAfter).toBeNull();
  });

  it('serves again once the endpoint answers, and says so once', async () => {
    issuer.failMetadataWith(undefined);

    const first = await post(bot, 'help', await validToken());
    const second = await post(bot, 'help', await validToken());

    for (const answer of [first, second]) {
      expect(answer.status).toBe(200);
      expect(answer.retryAfter).toBeNull();
      const replies = (JSON.parse(answer.text) as { activities: Parameters<typeof cardOf>[0][] }).activities.filter((a) => a?.type !== 'typing');
      expect(cardTexts(cardOf(replies[0]))[0]).toBe('MSP Portal Admin: commands');
    }
    const recovered = linesMatching(bot.log, RECOVERED);
    expect(recovered).toHaveLength(1);
    expect(recovered[0].level).toBe(LEVEL.info);
    expect(linesMatching(bot.log, UNREACHABLE)).toHaveLength(1);
  });
});

describe('the metadata endpoint cannot be reached at all (nothing listens at its address)', () => {
  let issuer: LocalBotIssuer;
  let bot: Bot;
  beforeAll(async () => {
    issuer = await startLocalBotIssuer();
    const metadataUrl = `http://127.0.0.1:${await closedPort()}/.well-known/openidconfiguration`;
    bot = await startBot({ ...issuer.endpoints(), ToBotFromChannelOpenIdMetadataUrl: metadataUrl, ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl });
  });
  afterAll(async () => {
    await bot?.close();
    await issuer?.close();
  });

  it('answers 503 with Retry-After (botbuilder alone answers 500), runs nothing, and warns once', async () => {
    const before = await everyDocument(bot);
    for (let i = 0; i < 3; i++) {
      const answer = await post(bot, 'companies', `Bearer ${await issuer.token(bot.registration.appId, bot.teams.serviceUrl!)}`);
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toBe(String(METADATA_RETRY_AFTER_SECONDS));
    }

    expect(await everyDocument(bot)).toEqual(before);
    const warnings = linesMatching(bot.log, UNREACHABLE);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].reason)).toMatch(/ECONNREFUSED/);
  });
});
