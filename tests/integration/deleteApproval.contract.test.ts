import { DEMO_COMPANIES, demoGuid } from '../../src/dev/demoData';
import { mspCompanyIdOf } from '../../src/store/repositories/companies';
import { UNASSIGNED } from '../../src/store/model';
import { cardActions, cardClick, cardOf, cardTexts, channelMessage, click, personalMessage, postActivity, type TeamsContext } from '../helpers/botClient';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';
import { startLocalConnector } from '../helpers/localConnector';

/*
 * A permanent delete through the bot's real HTTP endpoint, as each person sees it: the typed-name card
 * in personal chat, the approval card in the approvals channel with what each viewer may do (Teams asks
 * for each Super Admin's view through the card's refresh; the Agents Playground does not, so the refresh
 * invoke is sent here as each person), decisions re-checked on every click, the card updated in place
 * for everyone (recorded by a local Bot Connector) and the requester told in personal chat.
 */

type Card = Record<string, unknown>;
let demo: DemoApp;
let connector: Awaited<ReturnType<typeof startLocalConnector>>;
let teams: TeamsContext;
const CHANNEL = '19:approvals@thread.tacv2';
const TAILSPIN = DEMO_COMPANIES.find((c) => c.name === 'Tailspin Toys')!;
const TAILSPIN_ID = demoGuid('company', TAILSPIN.name);

beforeAll(async () => {
  demo = await startDemoApp();
  // Teams knows every member of the team, also those who never wrote to the bot.
  connector = await startLocalConnector({ [demo.people.megan.aadObjectId]: { id: demo.people.megan.id, name: 'Megan Bowen' } });
  teams = { ...demo.teams, serviceUrl: connector.serviceUrl };
});
afterAll(async () => {
  await demo.close();
  await connector.close();
});

async function say(who: string, text: string, where: 'personal' | 'channel' = 'personal'): Promise<Card> {
  const activity = where === 'personal' ? personalMessage(teams, demo.people[who], text) : channelMessage(teams, demo.people[who], text, { channelId: CHANNEL });
  const answer = await postActivity(demo.url, activity);
  expect(answer.status).toBe(200);
  return cardOf(answer.replies[0]) as Card;
}

/** A click on a card in personal chat, or on the approval card in the approvals channel. */
async function clickAs(who: string, verb: string, data: unknown, where: 'personal' | 'channel' = 'personal', channelId = CHANNEL): Promise<Card> {
  const activity = cardClick(teams, demo.people[who], verb, data, { scope: where });
  if (where === 'channel') {
    activity.conversation = { ...activity.conversation!, id: `${channelId};messageid=1700000000000` };
    activity.channelData = { ...(activity.channelData as object), channel: { id: channelId } };
  }
  const answer = await click(demo.url, activity);
  expect(answer.status).toBe(200);
  return answer.card;
}

const texts = (card: Card) => cardTexts(card).join('\n');
/** The buttons a person sees (the card's refresh action is not one). */
const verbs = (card: Card) => ((card.actions as Card[] | undefined) ?? []).map((a) => String(a.verb));
const company = () => demo.app.services.repos.companies.get(TAILSPIN_ID);
/** New messages in the channel's root conversation (Teams threads by conversation id, so each starts a thread). */
const channelPosts = () => connector.calls.filter((c) => c.method !== 'update' && c.conversationId === CHANNEL);
const cardIn = (call: { activity: { attachments?: { content: unknown }[] } }) => call.activity.attachments?.[0]?.content as Card;

describe('permanent delete of Tailspin Toys, requested by Alex and approved by Megan in the channel', () => {
  let typedNameCard: Card;
  let approval: { companyId: string; requestId: string };

  test('without an approvals channel the typed-name card is not offered', async () => {
    const card = await say('alex', 'delete Tailspin Toys');
    expect(texts(card)).toMatch(/approvals channel/i);
    expect(verbs(card)).not.toContain('company.requestDelete');
  });

  test('Megan sets the approvals channel; a technician cannot', async () => {
    expect(texts(await say('isaiah', 'use this channel for approvals', 'channel'))).toMatch(/Your role \(Technician\) cannot set the approvals channel/);
    expect(texts(await say('megan', 'use this channel for approvals', 'channel'))).toMatch(/approval/i);
    // Megan's personal chat is known from here on, so she can be told too.
    await say('megan', 'help');
  });

  test('only a Super Admin gets the typed-name card; an MSP Admin is told why', async () => {
    expect(texts(await say('adele', 'delete Tailspin Toys'))).toMatch(/Your role \(MSP Admin\) cannot request the permanent deletion/);
    typedNameCard = await say('alex', 'delete Tailspin Toys');
    const shown = texts(typedNameCard);
    expect(shown).toContain('Permanently delete Tailspin Toys?');
    // The full impact with the demo counts: kept records and what goes with the company.
    expect(shown).toMatch(/Tickets\n5\nAssets\n3\nInvoices\n2\nKB articles\n1\nQuotes\n0\nProjects\n1\nPassword entries\n2/);
    expect(shown).toMatch(/SLA policies\n1/);
    const input = (typedNameCard.body as Card[]).find((element) => element.id === 'typedName') as Card;
    expect(input.isRequired).toBe(true);
    const pattern = new RegExp(String(input.regex));
    expect(pattern.test('Tailspin Toys')).toBe(true);
    for (const wrong of ['tailspin toys', 'Tailspin Toys ', 'Tailspin  Toys', 'Tailspin Toys Tailspin Toys']) expect(pattern.test(wrong)).toBe(false);
  });

  test('a name typed with another case is refused by the server and nothing is requested', async () => {
    const submit = cardActions(typedNameCard).find((a) => a.verb === 'company.requestDelete')!;
    const card = await clickAs('alex', 'company.requestDelete', { ...submit.data, typedName: 'tailspin toys' });
    expect(texts(card)).toMatch(/exact/i);
    expect((await company())?.deleteRequest).toBeUndefined();
    expect(channelPosts()).toHaveLength(0);
  });

  test('the exact name records the request and posts the approval card in the channel', async () => {
    // As if the bot had never heard from Megan: Teams is asked for her by her Entra object id.
    const megan = (await demo.app.services.repos.staff.list()).find((s) => s.displayName === 'Megan Bowen')!;
    await demo.app.services.repos.staff.replace({ ...megan, teamsUserId: undefined });
    const submit = cardActions(typedNameCard).find((a) => a.verb === 'company.requestDelete')!;
    const card = await clickAs('alex', 'company.requestDelete', { ...submit.data, typedName: 'Tailspin Toys' });
    expect(texts(card)).toMatch(/Waiting for a second Super Admin/);
    expect(cardActions(card).map((a) => a.title)).toEqual(['Cancel my request']);
    expect(card.refresh).toBeUndefined();
    // The same click again (a double click or a Teams retry) asks nothing more.
    await clickAs('alex', 'company.requestDelete', { ...submit.data, typedName: 'Tailspin Toys' });
    await connector.waitFor(() => channelPosts().length >= 1);
    expect(channelPosts()).toHaveLength(1);
    const posted = cardIn(channelPosts()[0]);
    expect(verbs(posted)).toEqual(['approval.refresh']);
    const refresh = posted.refresh as { action: { verb: string; data: typeof approval }; userIds: string[] };
    expect(refresh.action.verb).toBe('approval.refresh');
    // Teams refreshes the card for every Super Admin: Alex (seen in his messages) and Megan (looked up).
    expect(refresh.userIds.sort()).toEqual([demo.people.alex.id, demo.people.megan.id].sort());
    approval = refresh.action.data;
    expect((await company())?.deleteRequest?.state).toBe('pending');
  });

  test.each([
    ['alex', 'the requester: it waits, and he can cancel it', ['company.cancelDeleteRequest']],
    ['megan', 'another Super Admin: Approve and Reject', ['company.approveDelete', 'company.rejectDelete']],
    ['adele', 'an MSP Admin: the facts only', []],
    ['patti', 'a person who is not staff: the facts only', []]
  ])('refreshed for %s, %s', async (who, _what, expected) => {
    const card = await clickAs(who, 'approval.refresh', approval, 'channel');
    expect(verbs(card)).toEqual(expected);
    expect(texts(card)).toContain('Permanently delete Tailspin Toys?');
    // Each view keeps the refresh, so Teams keeps it up to date for each Super Admin.
    expect((card.refresh as { userIds: string[] }).userIds).toContain(demo.people.megan.id);
  });

  test.each([
    ['alex', 'approve', /approved by a Super Admin other than the one who asked for it/],
    ['adele', 'approve', /Super Admin/],
    ['isaiah', 'reject', /Super Admin/],
    ['patti', 'approve', /Super Admin/]
  ])('%s cannot %s it, and nothing changes', async (who, decision, reason) => {
    const card = await clickAs(who, `approval.${decision}`, approval, 'channel');
    expect(texts(card)).toMatch(reason);
    expect(texts(card)).toContain('Nothing was changed');
    expect((await company())?.deleteRequest?.state).toBe('pending');
  });

  test('a decision from personal chat, or from another channel, is refused', async () => {
    for (const [where, channel] of [['personal', CHANNEL], ['channel', '19:other@thread.tacv2']] as const) {
      const card = await clickAs('megan', 'company.approveDelete', approval, where, channel);
      expect(texts(card)).toContain('Approve or reject on the approval card in the approvals channel');
    }
    expect((await company())?.deleteRequest?.state).toBe('pending');
  });

  test('Megan approves in the channel: the company is deleted, its records kept unassigned, everyone sees the outcome', async () => {
    const before = await demo.app.services.repos.records.deletionCounts(TAILSPIN_ID);
    const card = await clickAs('megan', 'company.approveDelete', { ...approval, note: 'Contract ended' }, 'channel');
    expect(texts(card)).toMatch(/Approved by Megan Bowen|Deleted/);
    expect(verbs(card)).toEqual([]);
    const postedId = channelPosts()[0].activityId!;
    await connector.waitFor(() => connector.updatesOf(postedId).some((u) => /Deleted\. Approved by Megan Bowen/.test(texts(cardIn(u)))), 60_000);
    expect(await company()).toBeUndefined();
    expect(await demo.app.services.repos.companies.findByTenant(TAILSPIN.tenantId!)).toBeUndefined();
    const users = await demo.app.services.repos.portalUsers.list(TAILSPIN_ID, { pageSize: 5 });
    expect(users.items).toHaveLength(0);
    const { resources: unassigned } = await demo.testStore.store.container('records').items
      .query({ query: 'SELECT c.kind, c.unassigned FROM c WHERE c.companyId = @p', parameters: [{ name: '@p', value: UNASSIGNED }] })
      .fetchAll();
    const fromTailspin = unassigned.filter((r: { unassigned?: { formerCompanyName?: string } }) => r.unassigned?.formerCompanyName === 'Tailspin Toys');
    expect(fromTailspin.length).toBe(before.unassigned.ticket + before.unassigned.asset + before.unassigned.invoice + before.unassigned.kbArticle + before.unassigned.quote + before.unassigned.project + before.unassigned.passwordEntry);
    expect(fromTailspin.some((r: { kind: string }) => r.kind === 'slaPolicy')).toBe(false);
    // The requester and the approver are told in personal chat.
    await connector.waitFor(() => connector.calls.some((c) => c.conversationId === `a:personal-${demo.people.alex.id}` && /permanently deleted|being permanently deleted/i.test(texts(cardIn(c)))));
    const { resources: tombstones } = await demo.testStore.store.container('audit').items
      .query({ query: 'SELECT * FROM c WHERE c.companyId = @m AND c.action = @a', parameters: [{ name: '@m', value: mspCompanyIdOf(demo.app.services.repos.mspId) }, { name: '@a', value: 'company.deleted' }] })
      .fetchAll();
    expect(tombstones).toHaveLength(1);
    expect(JSON.stringify(tombstones[0])).toContain('Tailspin Toys');
  });

  test('a later click, by anyone, sees the outcome and changes nothing', async () => {
    const card = await clickAs('alex', 'company.cancelDeleteRequest', approval, 'channel');
    expect(texts(card)).toMatch(/Deleted\. Approved by Megan Bowen/);
    expect(verbs(card)).toEqual([]);
    const again = await clickAs('megan', 'company.approveDelete', approval, 'channel');
    expect(texts(again)).toMatch(/permanently deleted/i);
  });
});
