import type { EmbeddedRun } from '../../src/dev/embedded';
import { cardActions, cardTexts, helpCommands } from '../helpers/botClient';
import type { PlaygroundClient } from '../helpers/playgroundClient';
import { cardOfMessage, startPlaygroundRun } from '../helpers/playgroundRun';

jest.setTimeout(90000);

let run: EmbeddedRun;
let client: PlaygroundClient;

beforeAll(async () => {
  ({ run, client } = await startPlaygroundRun('playground'));
});

afterAll(async () => {
  client?.close();
  await run?.stop();
});

const card = cardOfMessage;

describe('the bot in the Microsoft 365 Agents Playground', () => {
  it('welcomes the Super Admin once when the personal chat opens', async () => {
    await client.openPersonalChat();
    const welcome = await client.nextBotMessage(client.personalChatId);
    expect(cardTexts(card(welcome))[0]).toBe('Welcome to MSP Portal Admin, Alex');
  });

  it("answers the Super Admin's help in personal chat with the Super Admin's commands", async () => {
    await client.sayInPersonalChat('help');
    const reply = await client.nextBotMessage(client.personalChatId);
    expect(helpCommands(card(reply))).toEqual(run.app.registry.all().filter((c) => c.scopes.includes('personal')).map((c) => c.usage));
    expect(helpCommands(card(reply))).toContain('help');
  });

  it('gives the card for people who are not staff to the member without a role who @mentions the bot in the channel', async () => {
    const channel = client.channels.find((c) => c.name === 'Approvals')!;
    await client.mentionInChannel(channel.id, client.person('Patti Fernandez'), 'help');
    const reply = await client.nextBotMessage(channel.id);
    const texts = cardTexts(card(reply)).join('\n');
    expect(texts).toContain('You are not on the staff list of Contoso IT Services');
    expect(helpCommands(card(reply))).toEqual([]);
  });

  it('gives the MSP Admin the commands allowed in a channel, and the Super Admin the approvals command too', async () => {
    const general = client.channels.find((c) => c.name === 'General')!;
    await client.mentionInChannel(general.id, client.person('Adele Vance'), 'help');
    expect(helpCommands(card(await client.nextBotMessage(general.id)))).toEqual(['help']);

    await client.mentionInChannel(general.id, client.person('Megan Bowen'), 'help');
    expect(helpCommands(card(await client.nextBotMessage(general.id)))).toEqual(['help', 'use this channel for approvals']);
  });
});

describe('inviting a portal user in the Microsoft 365 Agents Playground', () => {
  it('adds and invites a user from the card, the invitee accepts through the link, and the user shows under Enabled', async () => {
    await client.sayInPersonalChat('users of Fabrikam');
    const message = await client.nextBotMessage(client.personalChatId);
    const list = card(message);
    expect(cardTexts(list)[0]).toBe('Fabrikam, Inc.: portal users');

    const addUser = cardActions(list).find((a) => a.title === 'Add user')!;
    const form = await client.pressInPersonalChat(message.messageId, addUser.verb, addUser.data);
    const submit = cardActions(form).find((a) => a.title === 'Add user')!;
    const invited = await client.pressInPersonalChat(message.messageId, submit.verb, {
      ...submit.data,
      name: 'Priya Raman',
      email: 'priya.raman@fabrikam.example',
      phone: '',
      role: 'user',
      invite: 'true'
    });
    const notice = cardTexts(invited).find((t) => t.includes('invitation link'))!;
    expect(notice).toContain('An invitation is on its way to priya.raman@fabrikam.example.');
    const link = /(http:\/\/\S+\/invite\/[A-Za-z0-9_-]{43})/.exec(notice)![1];

    const mail = run.integrations.localGraph.sentMail().find((m) => JSON.stringify(m.to).includes('priya.raman@fabrikam.example'));
    expect(mail?.html).toContain(link);

    const page = await (await fetch(link)).text();
    expect(page).toContain('Join the Fabrikam, Inc. portal');
    expect(page).toContain('Priya Raman');
    const accepted = await (await fetch(link, { method: 'POST' })).text();
    expect(accepted).toContain('Welcome, Priya Raman');

    const enabledButton = cardActions(invited).find((a) => a.title.startsWith('Enabled ('))!;
    const enabled = await client.pressInPersonalChat(message.messageId, enabledButton.verb, { ...enabledButton.data, search: 'priya' });
    const search = cardActions(enabled).find((a) => a.title === 'Search')!;
    const found = await client.pressInPersonalChat(message.messageId, search.verb, { ...search.data, search: 'priya' });
    const texts = cardTexts(found);
    expect(texts).toContain('Priya Raman');
    expect(texts[texts.indexOf('Priya Raman') + 3]).toBe('Enabled');
  });
});

describe('importing from Microsoft Entra ID in the Microsoft 365 Agents Playground', () => {
  it('imports three chosen people into a demo company, and they are listed afterwards', async () => {
    await client.sayInPersonalChat('import users for Northwind Traders');
    const message = await client.nextBotMessage(client.personalChatId);
    const importCard = card(message);
    expect(cardTexts(importCard)[0]).toBe('Import from Microsoft Entra ID: Northwind Traders');

    // Three people shown as new on the first page.
    const body = JSON.stringify(importCard);
    const run = cardActions(importCard).find((a) => a.verb === 'import.run')!;
    const rowIds = (run.data.rowIds as string[]).filter((id) => {
      const toggle = body.indexOf(`"id":"pick_${id}"`);
      const next = body.indexOf('"id":"pick_', toggle + 1);
      return toggle >= 0 && body.slice(toggle, next > 0 ? next : undefined).includes('"text":"New');
    });
    const chosen = rowIds.slice(0, 3);
    expect(chosen).toHaveLength(3);
    const names = chosen.map((id) => {
      const at = body.indexOf(`"id":"pick_${id}"`);
      return /"title":"([^"]+)"/.exec(body.slice(at))![1];
    });

    const picks = Object.fromEntries(chosen.map((id) => [`pick_${id}`, 'true']));
    const summary = await client.pressInPersonalChat(message.messageId, run.verb, { ...run.data, ...picks, role: 'user', invite: 'false', allUnlinked: 'false' });
    const summaryTexts = cardTexts(summary);
    expect(summaryTexts.join(' ')).toContain('3 created');

    await client.sayInPersonalChat('users of Northwind Traders');
    const list = await client.nextBotMessage(client.personalChatId);
    const noAccess = cardActions(card(list)).find((a) => a.title.startsWith('No access ('))!;
    const shown = await client.pressInPersonalChat(list.messageId, noAccess.verb, noAccess.data);
    const listed = cardTexts(shown);
    for (const name of names) expect(listed).toContain(name);
  });
});
