import { DEMO_COMPANIES } from '../../src/dev/demoData';
import { LocalGraphControl } from '../../src/dev/localGraph/control';
import { startClickedRun, type ClickedRun } from '../helpers/clickedRun';
import type { BotCard, PlaygroundPage } from '../helpers/playgroundPage';

/*
 * The right person, once (issue 14), clicked in the Agents Playground's own page: a portal user added
 * by hand with a personal address, then linked by hand to the Entra person they are ("Link to…", a
 * search, a pick); a possible match (the same email written with ß) held on its row until "Link to
 * <name>" is pressed; someone without a mailbox imported at their sign-in name only once confirmed.
 * Alex Wilber (Super Admin) is the playground's own current user.
 */

jest.setTimeout(300_000);
const FABRIKAM = DEMO_COMPANIES[0];
let clicked: ClickedRun;
let alex: PlaygroundPage;
let control: LocalGraphControl;

beforeAll(async () => {
  clicked = await startClickedRun('entra-matching', { SYNC_INTERVAL_MINUTES: '0' });
  control = new LocalGraphControl(clicked.run.integrations.localGraph.baseUrl);
  alex = await clicked.as('Alex Wilber');
});
afterEach(() => clicked.expectNoPageErrors());
afterAll(async () => clicked?.stop());

/** Adds a portal user to Fabrikam from the users card's form (the form invites them). */
async function addByHand(name: string, email: string): Promise<void> {
  const card = await alex.say('users of Fabrikam');
  await card.press('Add user');
  await card.fill('Name', name);
  await card.fill('Email', email);
  await card.press('Add user');
  expect(await card.text()).toContain(`${name} is added to Fabrikam, Inc.`);
}

async function importCardSearching(query: string): Promise<BotCard> {
  const card = await alex.say('import users for Fabrikam');
  await card.fill('Search by name or email', query);
  await card.press('Search');
  return card;
}

/** Reviews the import and presses the preview's one confirm button; answers with the result's text. */
async function reviewAndImport(card: BotCard, expected: RegExp): Promise<string> {
  await card.press('Review import');
  const preview = await card.text();
  expect(preview).toMatch(expected);
  const confirm = (await card.buttons()).find((b) => /^Import /.test(b));
  expect(confirm).toBeDefined();
  await card.press(confirm!);
  return card.text();
}

describe('the right person, once, clicked', () => {
  it('"Link to…" on a row: searches the portal users, links the one picked, and the import links them under Entra\u2019s name', async () => {
    await control.addUser(FABRIKAM.tenantId!, { displayName: 'Nadia Quispe', givenName: 'Nadia', surname: 'Quispe', mail: 'nadia.quispe@fabrikam.example', userPrincipalName: 'nadia.quispe@fabrikam.example', jobTitle: 'Analyst' });
    await addByHand('N. Quispe', 'nadia.q@gmail.example');

    const card = await importCardSearching('Nadia');
    expect((await card.rowActions('Nadia Quispe')).overflow).toContain('Link to…');
    await card.pressInRow('Nadia Quispe', 'Link to…');
    expect(await card.text()).toContain('Link Nadia Quispe to a portal user of Fabrikam, Inc.');
    expect(await card.text()).toContain('From then on their name and email follow Entra ID.');
    await card.fill('Search portal users by name or email', 'gmail');
    await card.press('Search');
    await card.choose('Portal user', 'N. Quispe \u00b7 nadia.q@gmail.example \u00b7 Invited, not confirmed');
    await card.screenshot('import-link-to');
    await card.press('Link');
    expect(await card.text()).toContain('Will link to N. Quispe: name and email will follow Entra ID');

    const result = await reviewAndImport(card, /Will be linked to an existing portal user \(1\)[\s\S]*Nadia Quispe/);
    expect(result).toMatch(/0 created, 1 linked/);
    const users = await alex.say('users of Fabrikam');
    await users.press(/^Unconfirmed/);
    await users.fill('Search by name or email', 'Quispe');
    await users.press('Search');
    const listed = await users.text();
    expect(listed).toContain('Nadia Quispe');
    expect(listed).toContain('nadia.quispe@fabrikam.example');
    expect(listed).not.toContain('N. Quispe');
  });

  it('a possible match waits on its row for "Link to <name>" or "Create new"; linking keeps one person', async () => {
    await addByHand('Weg Strasse', 'weg.strasse@fabrikam.example');
    await control.addUser(FABRIKAM.tenantId!, { displayName: 'Weg Straße', givenName: 'Weg', surname: 'Straße', mail: 'weg.Straße@fabrikam.example', userPrincipalName: 'weg.strasse@fabrikam.example', jobTitle: 'Buyer' });

    const card = await importCardSearching('Weg');
    expect(await card.text()).toContain('Possible match: Weg Strasse (weg.strasse@fabrikam.example), the same email written differently. Link or create?');
    expect((await card.rowActions('Weg Straße')).buttons).toEqual(expect.arrayContaining(['Link to Weg Strasse', 'Create new']));
    await card.screenshot('import-possible-match');
    await card.pressInRow('Weg Straße', 'Link to Weg Strasse');
    expect(await card.text()).toContain('Will link to Weg Strasse: name and email will follow Entra ID');

    const result = await reviewAndImport(card, /Will be linked to an existing portal user \(1\)[\s\S]*Weg Straße/);
    expect(result).toMatch(/0 created, 1 linked/);
  });

  it('someone without a mailbox: their sign-in name is only a suggestion until "Use … as their email" is chosen', async () => {
    await control.addUser(FABRIKAM.tenantId!, { displayName: 'Lee Unlicensed', givenName: 'Lee', surname: 'Unlicensed', mail: null, userPrincipalName: 'lee.unlicensed@fabrikam.example', jobTitle: 'Driver' });
    const card = await importCardSearching('Lee Unlicensed');
    expect(await card.text()).toContain('No mailbox in Entra ID (sign-in name lee.unlicensed@fabrikam.example)');
    await card.pressInRow('Lee Unlicensed', 'Use lee.unlicensed@fabrikam.example as their email');
    expect(await card.text()).toContain('No mailbox in Entra ID: imported as lee.unlicensed@fabrikam.example, their sign-in name (confirmed)');
    expect(await card.element.getByLabel(/^Email for Lee Unlicensed/).inputValue()).toBe('lee.unlicensed@fabrikam.example');
    const result = await reviewAndImport(card, /Will be created \(1\)[\s\S]*Lee Unlicensed/);
    expect(result).toMatch(/1 created/);
  });
});
