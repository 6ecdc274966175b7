import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { startEmbedded, type EmbeddedRun } from '../../src/dev/embedded';
import { cardTexts, helpCommands } from '../helpers/botClient';
import { testLogger } from '../helpers/logger';
import { PlaygroundClient, type PlaygroundMessage } from '../helpers/playgroundClient';

jest.setTimeout(90000);

let run: EmbeddedRun;
let client: PlaygroundClient;

beforeAll(async () => {
  const config = loadConfig({
    EMBEDDED_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'e2e-')),
    PORT: '0',
    PLAYGROUND_PORT: '0'
  });
  if (config.mode !== 'embedded') throw new Error('expected embedded mode');
  run = await startEmbedded(config, testLogger);
  client = new PlaygroundClient(run.playground!.url);
  await client.connect();
});

afterAll(async () => {
  client?.close();
  await run?.stop();
});

function card(message: PlaygroundMessage): unknown {
  return message.attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

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
