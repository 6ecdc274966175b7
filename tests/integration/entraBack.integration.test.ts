import { DEMO_COMPANIES } from '../../src/dev/demoData';
import { cardTime } from '../../src/cards/localTime';
import type { Stored } from '../../src/store/documents';
import type { CompanyDoc, PortalUserDoc } from '../../src/store/model';
import type { JobDoc } from '../../src/store/repositories/jobs';
import type { EntraSyncCursor } from '../../src/services/imports/entraSyncJob';
import type { UsersResponse } from '../../src/web/routes/tab/wire';
import { cardActions, cardClick, cardOf, cardTexts, click, personalMessage, postActivity, type TeamsContext } from '../helpers/botClient';
import { startLocalConnector } from '../helpers/localConnector';
import { startTabApp, type TabApp } from '../helpers/tabApp';

/*
 * "Back in Entra ID", as people see it. A portal user disabled because of Entra ID whose account is
 * enabled there again is flagged by the sync, never enabled silently: the sync card names them and
 * opens their list, their row asks "Back in Entra ID since <date>: enable?" with Enable first, in the
 * bot's `users of` card and in the tab, and enabling them (or Entra disabling them again) ends it.
 * Everything goes through the bot's HTTP endpoint (Teams' activities and invokes, the job card followed
 * at a local Bot Connector), the tab's API with a signed token, and the local Microsoft Graph.
 */

jest.setTimeout(120_000);

type Card = Record<string, unknown>;

const FABRIKAM = DEMO_COMPANIES[0];

let t: TabApp;
let connector: Awaited<ReturnType<typeof startLocalConnector>>;
let teams: TeamsContext;
let fabrikam: Stored<CompanyDoc>;
/** Active people of Fabrikam linked to Entra ID: disabled there, then enabled again. */
let liam: Stored<PortalUserDoc>;
let zoe: Stored<PortalUserDoc>;
/** Disabled because of Entra ID in the demo data; enabled there during the test. */
let chloe: Stored<PortalUserDoc>;

const entra = () => t.demo.integrations.localGraph.tenant(FABRIKAM.tenantId!);
const userNow = async (user: PortalUserDoc) => (await t.demo.app.services.repos.portalUsers.get(fabrikam.companyId, user.id))!;

beforeAll(async () => {
  t = await startTabApp();
  connector = await startLocalConnector();
  teams = { ...t.demo.teams, serviceUrl: connector.serviceUrl };
  fabrikam = await t.company(FABRIKAM.name);
  const users = await t.users(fabrikam.companyId);
  const named = (name: string) => users.find((u) => u.displayName === name)!;
  [liam, zoe, chloe] = [named("Liam O'Brien"), named('Zoë Ångström'), named('Chloé Lefèvre')];
  expect([liam, zoe].map((u) => [u.access, Boolean(u.entraObjectId)])).toEqual([['active', true], ['active', true]]);
  expect(chloe).toMatchObject({ access: 'disabled', disabledReason: 'entra-disabled' });
  expect(chloe.entraBack).toBeUndefined();
});
afterAll(async () => {
  await connector?.close();
  await t?.close();
});

async function say(text: string): Promise<Card> {
  const answer = await postActivity(t.url, personalMessage(teams, t.demo.people.alex, text));
  expect(answer.status).toBe(200);
  return cardOf(answer.replies[answer.replies.length - 1]) as Card;
}

async function press(verb: string, data: unknown): Promise<Card> {
  const answer = await click(t.url, cardClick(teams, t.demo.people.alex, verb, data));
  expect(answer.status).toBe(200);
  return answer.card;
}

/** `sync Fabrikam, Inc.` as Teams sends it; resolves with the finished job and its card as last shown. */
async function sync(): Promise<{ job: Stored<JobDoc>; card: Card }> {
  const sentBefore = connector.calls.length;
  const [before] = await t.demo.app.services.repos.jobs.latest(fabrikam.companyId, 'entraSync', 1);
  const response = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(personalMessage(teams, t.demo.people.alex, `sync ${FABRIKAM.name}`)) });
  expect(response.status).toBeLessThan(300);
  await connector.waitFor(() => connector.calls.slice(sentBefore).some((c) => c.method !== 'update' && Boolean(c.activity.attachments?.length)));
  const id = connector.calls.slice(sentBefore).find((c) => c.method !== 'update' && c.activity.attachments?.length)!.activityId!;
  await connector.waitFor(() => connector.updatesOf(id).some((u) => JSON.stringify(u.activity).includes('Done in')), 60_000);
  const updates = connector.updatesOf(id);
  const [job] = await t.demo.app.services.repos.jobs.latest(fabrikam.companyId, 'entraSync', 1);
  expect(job.id).not.toBe(before?.id);
  expect(job.state).toBe('done');
  return { job, card: updates[updates.length - 1].activity.attachments![0].content as Card };
}

/** A row of the users card (a container with a separator): what it says and its actions in order. */
function rowOf(card: Card, name: string): { texts: string[]; actions: { title: string; mode: string; data: Record<string, unknown> }[] } {
  const rows = (card.body as Card[]).filter((element) => element.type === 'Container' && element.separator === true && cardTexts(element).includes(name));
  if (rows.length !== 1) throw new Error(`no row of ${name}: ${cardTexts(card).join(' | ')}`);
  const actions = ((rows[0].items as Card[]).find((item) => item.type === 'ActionSet')?.actions ?? []) as { title: string; mode: string; data: Record<string, unknown> }[];
  return { texts: cardTexts(rows[0]), actions: actions.map(({ title, mode, data }) => ({ title, mode, data })) };
}

const rowNames = (card: Card) => (card.body as Card[]).filter((e) => e.type === 'Container' && e.separator === true).map((row) => cardTexts(row)[0]);
const listButtons = (card: Card) => cardActions(card).filter((a) => a.verb === 'users.show' && !('page' in (a.data.view as object)) && !a.data.applySearch).map((a) => a.title);
const backStatus = (iso: string) => `Back in Entra ID since {{DATE(${cardTime(iso)}, SHORT)}}: enable?`;

describe('people back in Entra ID, in the bot', () => {
  let syncCard: Card;

  it('a sync takes the access of people disabled in Entra ID', async () => {
    entra().disable(liam.entraObjectId!);
    entra().disable(zoe.entraObjectId!);
    const { job, card } = await sync();
    expect(job.progress).toMatchObject({ disabled: 2, flagged: 0, failed: 0 });
    expect(cardTexts(card)).toEqual(expect.arrayContaining(["Liam O'Brien: disabled in Microsoft Entra ID", 'Zoë Ångström: disabled in Microsoft Entra ID']));
    expect(cardActions(card).map((a) => a.title)).not.toContain('Show them');
    expect(await userNow(liam)).toMatchObject({ access: 'disabled', disabledReason: 'entra-disabled' });
  });

  it('the next sync, after they are enabled in Entra ID again, flags them with the time and names them on its card', async () => {
    for (const person of [liam, zoe, chloe]) entra().enable(person.entraObjectId!);
    const { job, card } = await sync();
    expect(job.progress).toMatchObject({ flagged: 3, disabled: 0, failed: 0 });
    // The job keeps the first few names only, and the count.
    expect([...((job.cursor as EntraSyncCursor).back ?? [])].sort()).toEqual(['Chloé Lefèvre', "Liam O'Brien", 'Zoë Ångström']);

    for (const person of [liam, zoe, chloe]) {
      const now = await userNow(person);
      expect(now).toMatchObject({ access: 'disabled', entraBack: true });
      // The time of the sync that found them back.
      expect(now.entraBackAt).toBe(now.lastSyncedAt);
    }
    const texts = cardTexts(card);
    expect(texts).toContain('Back in Entra ID (3): can be enabled again');
    const names = texts.find((text) => text.includes('Liam'))!;
    for (const name of ['Chloé Lefèvre', "Liam O'Brien", 'Zoë Ångström']) expect(names).toContain(name);
    expect(names).toMatch(/^[^,]+, [^,]+ and [^,]+$/);
    expect(cardActions(card).find((a) => a.title === 'Show them')).toEqual({ title: 'Show them', verb: 'users.show', data: { view: { companyId: fabrikam.companyId, category: 'backInEntra' } } });
    syncCard = card;
  });

  it('`users of` shows "Back in Entra ID since <date>: enable?" on their rows, Enable first, and a list of them', async () => {
    const users = await say(`users of ${FABRIKAM.name}`);
    expect(listButtons(users)).toEqual(['Enabled (3)', 'Disabled (4)', 'Unconfirmed (2)', 'No access (3)', 'Back in Entra ID (3)']);
    const disabled = await press('users.show', cardActions(users).find((a) => a.title === 'Disabled (4)')!.data);
    const row = rowOf(disabled, "Liam O'Brien");
    expect(row.texts).toContain(backStatus((await userNow(liam)).entraBackAt!));
    expect(row.actions.map((a) => [a.title, a.mode])).toEqual([['Enable', 'primary'], ['Change role', 'secondary'], ['Delete', 'secondary']]);
    // Disabled by a person: as before.
    expect(rowOf(disabled, 'Oliver Novak').texts).toContain('Disabled');
  });

  it('"Show them" on the sync card opens the list of those back in Entra ID; Enable there enables them and ends the flag', async () => {
    const show = cardActions(syncCard).find((a) => a.title === 'Show them')!;
    const list = await press(show.verb, show.data);
    expect(rowNames(list).sort()).toEqual(['Chloé Lefèvre', "Liam O'Brien", 'Zoë Ångström']);
    expect(cardTexts(list)).toContain('Back in Entra ID: 1–3 of 3');

    const enable = rowOf(list, "Liam O'Brien").actions[0];
    expect(enable.title).toBe('Enable');
    const confirm = await press('users.ask', enable.data);
    expect(cardTexts(confirm)).toEqual(expect.arrayContaining(["Enable Liam O'Brien?", 'Back in Entra ID: enable?']));
    expect(cardTexts(confirm).join('\n')).not.toContain('the next sync disables them again');
    const yes = cardActions(confirm).find((a) => a.title === 'Yes, enable')!;
    const after = await press(yes.verb, yes.data);
    expect(cardTexts(after)).toContain("Liam O'Brien has portal access again.");
    expect(rowNames(after).sort()).toEqual(['Chloé Lefèvre', 'Zoë Ångström']);
    expect(listButtons(after)).toContain('Back in Entra ID (2)');

    const now = await userNow(liam);
    expect(now).toMatchObject({ access: 'active' });
    expect([now.entraBack, now.entraBackAt, now.disabledReason]).toEqual([undefined, undefined, undefined]);
    const { items } = await t.demo.app.services.repos.audit.list(fabrikam.companyId, { pageSize: 1000 });
    const enabled = items.filter((r) => r.action === 'user.enable' && r.target.id === liam.id);
    expect(enabled).toHaveLength(1);
    expect(enabled[0]).toMatchObject({ result: 'done', surface: 'bot', before: { access: 'disabled', disabledReason: 'entra-disabled', entraBack: true }, after: { access: 'active' } });
  });

  it('a person disabled in Entra ID again before anyone enabled them is no longer back', async () => {
    entra().disable(zoe.entraObjectId!);
    const { job, card } = await sync();
    expect(job.progress).toMatchObject({ updated: 1, flagged: 0, disabled: 0, failed: 0 });
    expect(cardTexts(card)).toContain('Zoë Ångström: disabled or removed in Microsoft Entra ID again');
    const now = await userNow(zoe);
    expect(now).toMatchObject({ access: 'disabled', disabledReason: 'entra-disabled' });
    expect([now.entraBack, now.entraBackAt]).toEqual([undefined, undefined]);

    const list = await press('users.show', { view: { companyId: fabrikam.companyId, category: 'backInEntra' } });
    expect(rowNames(list)).toEqual(['Chloé Lefèvre']);
    expect(rowOf(await press('users.show', { view: { companyId: fabrikam.companyId, category: 'disabled', search: 'zoë' } }), 'Zoë Ångström').texts).toContain('Disabled: account disabled in Entra ID');
  });
});

describe('people back in Entra ID, in the tab', () => {
  let token: string;
  const path = () => `/api/tab/companies/${fabrikam.companyId}/users`;

  beforeAll(async () => {
    token = await t.tokenFor(await t.user(FABRIKAM.name, 'admin', 'active'));
  });

  it('a client Admin lists them: the flag, the time, the words, Enable first, and the count', async () => {
    const answer = await t.call('GET', `${path()}?category=backInEntra`, token);
    expect(answer.status).toBe(200);
    const page = answer.body as unknown as UsersResponse;
    expect(page.category).toBe('backInEntra');
    expect(page.counts).toMatchObject({ backInEntra: 1, disabled: 3 });
    expect(page.users.map((u) => u.displayName)).toEqual(['Chloé Lefèvre']);
    const [user] = page.users;
    const stored = await userNow(chloe);
    expect(user).toMatchObject({ backInEntra: true, entraBackAt: stored.entraBackAt, status: `Back in Entra ID since ${stored.entraBackAt!.slice(0, 10)}: enable?` });
    expect(user.operations[0]).toBe('enable');
    // In the disabled list too, and nobody else is flagged there.
    const disabled = (await t.call('GET', `${path()}?category=disabled`, token)).body as unknown as UsersResponse;
    expect(disabled.users.filter((u) => u.backInEntra).map((u) => u.displayName)).toEqual(['Chloé Lefèvre']);
    expect((await t.call('GET', `${path()}?category=backInEntraX`, token)).status).toBe(400);
  });

  it('enables them: done, audited, and the list is empty', async () => {
    const [user] = ((await t.call('GET', `${path()}?category=backInEntra`, token)).body as unknown as UsersResponse).users;
    const answer = await t.call('POST', `${path()}/${user.id}/enable`, token, { etag: user.etag, key: 'enable-chloe-back-1' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'done', message: 'Chloé Lefèvre has portal access again.', user: { access: 'active', backInEntra: false, status: 'Enabled' } });
    const after = (await t.call('GET', `${path()}?category=backInEntra`, token)).body as unknown as UsersResponse;
    expect([after.users, after.counts.backInEntra]).toEqual([[], 0]);
    const now = await userNow(chloe);
    expect([now.access, now.entraBack, now.entraBackAt]).toEqual(['active', undefined, undefined]);
    const { items } = await t.demo.app.services.repos.audit.list(fabrikam.companyId, { pageSize: 1000 });
    expect(items.filter((r) => r.action === 'user.enable' && r.target.id === chloe.id).map((r) => [r.surface, r.result])).toEqual([['tab', 'done']]);
  });
});
