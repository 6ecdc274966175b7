/**
 * The first minutes with the bot, clicked in the Agents Playground's own page: the welcome card when
 * the personal chat opens, help in personal chat and in a channel, and what someone who is not staff
 * is told. Each person has a playground page of their own (see clickedRun.ts).
 */
import { BOT_NAME, startClickedRun, type ClickedRun } from '../helpers/clickedRun';
import type { BotCard } from '../helpers/playgroundPage';

jest.setTimeout(180_000);

let clicked: ClickedRun;

/**
 * What README's command table promises each role (its "who" column), written out here so that help and
 * the welcome can disagree with it: in personal chat, all staff, then Super Admin and MSP Admin, then
 * Super Admin alone; in a channel, help and (Super Admin) the approvals channel.
 */
const ALL_STAFF = ['help', 'users of <company>', 'add user to <company>', 'companies [search]', 'history <company>'];
const MSP_ADMIN = [
  ...ALL_STAFF,
  'import users for <company>',
  'import csv for <company>',
  'sync <company>',
  'add company [name]',
  'rename <company>',
  'connect <company>',
  'archive <company>',
  'restore <company>'
];
const SUPER_ADMIN = [...MSP_ADMIN, 'delete <company>', 'staff'];
const SUPER_ADMIN_IN_A_CHANNEL = ['help', 'use this channel for approvals'];

/** The commands a help or welcome card lists: the first line (the command as typed) of each of its rows, sorted. */
async function listedCommands(card: BotCard): Promise<string[]> {
  const texts = await card.element.locator('.ac-adaptiveCard > div > .ac-container').allInnerTexts();
  return texts.map((text) => text.replace(/\u00a0/g, ' ').trim().split('\n')[0].trim()).sort();
}

const sorted = (commands: string[]) => [...commands].sort();

beforeAll(async () => {
  clicked = await startClickedRun('help');
});

afterEach(() => clicked.expectNoPageErrors());
afterAll(async () => clicked?.stop());

describe('welcome and help, clicked', () => {
  it('welcomes Alex once when his personal chat opens, lists his commands with their placeholders, and offers the commands to start with', async () => {
    const alex = await clicked.as('Alex Wilber');
    const welcome = alex.welcome!;
    const text = await welcome.text();
    expect(text).toContain('Welcome to MSP Portal Admin, Alex');
    expect(text).toContain('You are signed in as Super Admin of Contoso IT Services.');
    expect(text).toContain('users of <company>');
    expect(text).toContain('delete <company>');
    expect(await listedCommands(welcome)).toEqual(sorted(SUPER_ADMIN));
    await welcome.screenshot('welcome');
    expect(await welcome.buttons()).toEqual(['Companies', 'Users of\u2026', 'Import users for\u2026']);
    await welcome.press('Companies');
    expect(await welcome.text()).toContain('Fabrikam, Inc.');
    // One welcome, updated in place by its button: no second card.
    expect(await alex.cards().count()).toBe(1);
  });

  it("help's \"Users of…\" asks which company and then shows its users; \"Import users for…\" opens the import", async () => {
    const alex = await clicked.as('Alex Wilber');
    const help = await alex.say('help');
    expect(await listedCommands(help)).toEqual(sorted(SUPER_ADMIN));
    await help.press('Users of\u2026');
    expect(await help.text()).toContain('Pick a company, or say the command with the company\u2019s name.');
    await help.press('Fabrikam, Inc.');
    expect(await help.text()).toContain('Fabrikam, Inc.: portal users');
    const again = await alex.say('help');
    await again.press('Import users for\u2026');
    await again.press('Northwind Traders');
    expect(await again.text()).toContain('Import from Microsoft Entra ID: Northwind Traders');
    await again.screenshot('help-import-started');
  });

  it("answers a Technician's help with his commands only, in the same layout as the welcome", async () => {
    const isaiah = await clicked.as('Isaiah Langer');
    const help = await isaiah.say('help');
    const text = await help.text();
    expect(text).toContain('MSP Portal Admin: commands');
    expect(text).toContain('users of <company>');
    expect(text).not.toContain('delete <company>');
    expect(text).not.toContain('staff');
    expect(await listedCommands(help)).toEqual(sorted(ALL_STAFF));
    // A Technician may list users, not import them.
    expect(await help.buttons()).toEqual(['Companies', 'Users of\u2026']);
    await help.screenshot('help-technician');
  });

  it("answers an MSP Admin's help with every command but delete and staff", async () => {
    const adele = await clicked.as('Adele Vance');
    const help = await adele.say('help');
    expect(await listedCommands(help)).toEqual(sorted(MSP_ADMIN));
    expect(await help.buttons()).toEqual(['Companies', 'Users of\u2026', 'Import users for\u2026']);
  });

  it('answers help in a channel when @mentioned, with the channel commands and no management buttons', async () => {
    const megan = await clicked.as('Megan Bowen', 'General');
    const help = await megan.mention(BOT_NAME, 'help');
    const text = await help.text();
    expect(text).toContain('In a channel I answer only when you @mention me.');
    expect(text).toContain('use this channel for approvals');
    expect(text).not.toContain('users of <company>');
    expect(await listedCommands(help)).toEqual(sorted(SUPER_ADMIN_IN_A_CHANNEL));
    expect(await help.buttons()).toEqual([]);
    await help.screenshot('help-channel');
  });

  it('tells Patti, who is not staff, what the app is for and where client admins go', async () => {
    const patti = await clicked.as('Patti Fernandez');
    expect(await patti.welcome!.text()).toContain('You are not on the staff list of Contoso IT Services');
    const answer = await patti.say('users of Fabrikam');
    const text = await answer.text();
    expect(text).toContain('You are not on the staff list of Contoso IT Services');
    expect(text).not.toContain('Ava Martin');
    await answer.screenshot('not-staff');
  });
});
