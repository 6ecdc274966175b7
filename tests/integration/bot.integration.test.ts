import {
  botInstalledInPersonalChat,
  cardOf,
  cardTexts,
  channelMessage,
  helpCommands,
  personalMessage,
  postActivity
} from '../helpers/botClient';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';

let demo: DemoApp;
beforeAll(async () => {
  demo = await startDemoApp();
});
afterAll(() => demo.close());

async function say(activity: Parameters<typeof postActivity>[1]) {
  const answer = await postActivity(demo.url, activity);
  expect(answer.status).toBe(200);
  return answer.replies;
}

async function auditActions(action: string) {
  const { resources } = await demo.testStore.store
    .container('audit')
    .items.query({ query: 'SELECT * FROM c WHERE c.action = @action', parameters: [{ name: '@action', value: action }] })
    .fetchAll();
  return resources as { result: string; actor: { displayName: string }; message?: string }[];
}

describe('help, by role and scope', () => {
  const users = ['help', 'users of <company>', 'add user to <company>', 'import users for <company>', 'import csv for <company>', 'sync <company>'];
  const companies = ['companies [search]', 'add company [name]', 'rename <company>', 'connect <company>', 'history <company>', 'archive <company>', 'restore <company>'];
  it.each([
    // Permanent delete and staff are the Super Admin's alone.
    ['alex', 'Super Admin', [...users, ...companies, 'delete <company>', 'staff']],
    ['adele', 'MSP Admin', [...users, ...companies]],
    ['isaiah', 'Technician', ['help', 'users of <company>', 'add user to <company>', 'companies [search]', 'history <company>']]
  ])('lists the personal-chat commands of %s (%s)', async (who, _role, expected) => {
    const [reply] = await say(personalMessage(demo.teams, demo.people[who], 'help'));
    expect(helpCommands(cardOf(reply))).toEqual(expected);
  });

  it.each([
    ['alex', ['help', 'use this channel for approvals']],
    ['megan', ['help', 'use this channel for approvals']],
    ['adele', ['help']],
    ['isaiah', ['help']]
  ])('lists only what %s may do in a channel', async (who, expected) => {
    const [reply] = await say(channelMessage(demo.teams, demo.people[who], 'help'));
    const card = cardOf(reply);
    expect(helpCommands(card)).toEqual(expected);
    expect(cardTexts(card).join(' ')).toMatch(/personal chat/);
  });

  it('answers text it does not understand with the help card and a short "I did not understand"', async () => {
    const [reply] = await say(personalMessage(demo.teams, demo.people.alex, 'make me a sandwich'));
    const texts = cardTexts(cardOf(reply));
    expect(texts).toContain('I did not understand "make me a sandwich".');
    expect(helpCommands(cardOf(reply))).toContain('help');
  });
});

describe('people who are not MSP staff', () => {
  it.each([
    ['in personal chat', () => personalMessage(demo.teams, demo.people.patti, 'help')],
    ['@mentioning the bot in a channel', () => channelMessage(demo.teams, demo.people.lynne, 'help')]
  ])('get the card that says what the app is for and points client admins to the tab, %s', async (_where, activity) => {
    const replies = await say(activity());
    expect(replies).toHaveLength(1);
    const texts = cardTexts(cardOf(replies[0])).join('\n');
    expect(texts).toContain('You are not on the staff list of Contoso IT Services');
    expect(texts).toMatch(/Client admins[\s\S]*Portal\*\* tab/);
    expect(helpCommands(cardOf(replies[0]))).toEqual([]);
  });

  it("are not staff when a staff member's object id comes from another tenant", async () => {
    const foreign = { ...demo.teams, tenantId: '99999999-9999-4999-8999-999999999999' };
    const [reply] = await say(personalMessage(foreign, demo.people.alex, 'help'));
    expect(cardTexts(cardOf(reply)).join(' ')).toContain('not on the staff list');
  });
});

describe('channels', () => {
  it('ignore messages that do not @mention the bot', async () => {
    const replies = await say(channelMessage(demo.teams, demo.people.alex, 'help', { mention: false }));
    expect(replies).toEqual([]);
  });

  it('refuse the channel-only command in personal chat, saying where it works', async () => {
    const [reply] = await say(personalMessage(demo.teams, demo.people.alex, 'use this channel for approvals'));
    expect(cardTexts(cardOf(reply))).toContain('"use this channel for approvals" works only in a team channel.');
    expect(await demo.app.services.repos.conversations.approvalsChannel()).toBeUndefined();
  });

  it('let only a Super Admin choose the approvals channel; a refusal changes nothing and is audited', async () => {
    const channelId = '19:approvals@thread.tacv2';
    const [refusal] = await say(channelMessage(demo.teams, demo.people.adele, 'use this channel for approvals', { channelId }));
    expect(cardTexts(cardOf(refusal)).join(' ')).toContain('Your role (MSP Admin) cannot set the approvals channel.');
    expect(await demo.app.services.repos.conversations.approvalsChannel()).toBeUndefined();
    expect((await auditActions('approvals.setChannel')).map((r) => [r.result, r.actor.displayName])).toEqual([['refused', 'Adele Vance']]);

    const [done] = await say(channelMessage(demo.teams, demo.people.alex, 'use this channel for approvals', { channelId }));
    expect(cardTexts(cardOf(done))[0]).toBe('Done');
    const stored = await demo.app.services.repos.conversations.approvalsChannel();
    expect(stored?.reference.conversation?.id?.startsWith(channelId)).toBe(true);

    const [again] = await say(channelMessage(demo.teams, demo.people.megan, 'use this channel for approvals', { channelId }));
    expect(cardTexts(cardOf(again)).join(' ')).toContain('already the approvals channel');
    const results = (await auditActions('approvals.setChannel')).map((r) => r.result).sort();
    expect(results).toEqual(['done', 'refused']);
  });
});

describe('welcome on install', () => {
  it('sends one welcome card on first install in personal chat, listing the commands, and none after', async () => {
    const first = await say(botInstalledInPersonalChat(demo.teams, demo.people.isaiah));
    expect(first).toHaveLength(1);
    const texts = cardTexts(cardOf(first[0]));
    expect(texts[0]).toBe('Welcome to MSP Portal Admin, Isaiah');
    expect(texts.join(' ')).toContain('**Technician** of Contoso IT Services');
    expect(texts).toContain('help');

    expect(await say(botInstalledInPersonalChat(demo.teams, demo.people.isaiah))).toEqual([]);
  });

  it('never sends a welcome in channels', async () => {
    const install = { ...botInstalledInPersonalChat(demo.teams, demo.people.megan), conversation: { id: '19:x@thread.tacv2', conversationType: 'channel', tenantId: demo.teams.tenantId, isGroup: true, name: '' } };
    expect(await say(install)).toEqual([]);
  });

  it('welcomes someone who is not staff with the card that says what the app is for', async () => {
    const [reply] = await say(botInstalledInPersonalChat(demo.teams, demo.people.patti));
    expect(cardTexts(cardOf(reply)).join(' ')).toContain('not on the staff list');
  });
});

describe('health', () => {
  it('reports that the store answers', async () => {
    const response = await fetch(`${demo.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', store: 'ok' });
  });

  it('reports 503 when the store does not answer', async () => {
    await demo.testStore.cosmos.close();
    const response = await fetch(`${demo.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', store: 'unreachable' });
  });
});
