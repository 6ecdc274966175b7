import type { EmbeddedRun } from '../../src/dev/embedded';
import { cardActions, cardTexts, helpCommands } from '../helpers/botClient';
import type { PlaygroundClient, PlaygroundMessage } from '../helpers/playgroundClient';
import { cardOfMessage, startPlaygroundRun } from '../helpers/playgroundRun';
import { importRows, type Card } from '../helpers/staffFlow';

/*
 * End to end in the Microsoft 365 Agents Playground, in embedded mode (the local PSA fakes included):
 * the Super Admin imports from Halo PSA the two technicians whose emails are those of two playground
 * team members without a role, as MSP Admins; then one of them @mentions the bot in a channel and is
 * answered as staff.
 */

jest.setTimeout(120000);

let run: EmbeddedRun;
let client: PlaygroundClient;

beforeAll(async () => {
  ({ run, client } = await startPlaygroundRun('staff'));
});

afterAll(async () => {
  client?.close();
  await run?.stop();
});

const card = (message: PlaygroundMessage): Card => cardOfMessage(message) as Card;

function button(on: unknown, verb: string, buttonTitle?: string) {
  const found = cardActions(on).find((a) => a.verb === verb && (buttonTitle === undefined || a.title === buttonTitle));
  if (!found) throw new Error(`no ${verb} ${buttonTitle ?? ''} on ${cardTexts(on).join(' | ')}`);
  return found;
}

describe('importing staff from a PSA in the Microsoft 365 Agents Playground', () => {
  it('imports Patti Fernandez and Lynne Robbins from Halo PSA as MSP Admins, and Patti is answered as staff in the channel', async () => {
    const channel = client.channels.find((c) => c.name === 'General')!;
    await client.mentionInChannel(channel.id, client.person('Patti Fernandez'), 'help');
    expect(cardTexts(card(await client.nextBotMessage(channel.id))).join('\n')).toContain('You are not on the staff list');

    await client.sayInPersonalChat('import staff from halo');
    const message = await client.nextBotMessage(client.personalChatId);
    const first = card(message);
    expect(cardTexts(first)[0]).toBe('Import staff from Halo PSA');

    // Search for each of the two and tick them; the selection survives the searches.
    let current: unknown = first;
    for (const name of ['Patti', 'Lynne']) {
      const search = button(current, 'staffImport.page', 'Search');
      current = await client.pressInPersonalChat(message.messageId, search.verb, { ...search.data, search: name });
      const row = importRows(current as Card)[0];
      expect(row.status).toBe('New');
      const save = button(current, 'staffImport.page', 'Save selection');
      current = await client.pressInPersonalChat(message.messageId, save.verb, { ...save.data, [`pick_${row.id}`]: 'true' });
    }
    const importSelected = button(current, 'staffImport.confirm', 'Import selected (2)');
    const confirm = await client.pressInPersonalChat(message.messageId, importSelected.verb, { ...importSelected.data, role: 'mspAdmin' });
    expect(cardTexts(confirm)[0]).toBe('Give 2 people the MSP Admin role?');
    const go = button(confirm, 'staffImport.run', 'Import');
    const summary = await client.pressInPersonalChat(message.messageId, go.verb, go.data);
    const summaryTexts = cardTexts(summary).join('\n');
    expect(summaryTexts).toContain('2 created');
    expect(summaryTexts).toContain('Patti Fernandez (pattif@contoso-it.example)');
    expect(summaryTexts).toContain('Lynne Robbins (lynner@contoso-it.example)');

    await client.mentionInChannel(channel.id, client.person('Patti Fernandez'), 'help');
    const answer = card(await client.nextBotMessage(channel.id));
    expect(cardTexts(answer).join('\n')).not.toContain('You are not on the staff list');
    expect(helpCommands(answer)).toEqual(['help']);

    // And she is on the staff card as MSP Admin from Halo PSA, linked to her Microsoft account.
    await client.sayInPersonalChat('staff patti');
    const staff = cardTexts(card(await client.nextBotMessage(client.personalChatId))).join('\n');
    expect(staff).toContain('Patti Fernandez');
    expect(staff).toContain('MSP Admin');
    expect(staff).toContain('from Halo PSA');
    expect(staff).toContain('Linked to their Microsoft Entra account');
  });
});
