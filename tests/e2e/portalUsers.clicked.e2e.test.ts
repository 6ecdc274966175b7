/**
 * Portal users, clicked in the Agents Playground's own page as Alex Wilber (Super Admin) uses it:
 * typed commands, the rendered forms filled in, the rendered buttons and overflow menus pressed.
 * Every test fails on any error the page throws.
 */
import { demoGuid } from '../../src/dev/demoData';
import { readPlaygroundConfig } from '../../src/dev/playgroundConfig';
import { startClickedRun, type ClickedRun } from '../helpers/clickedRun';
import type { BotCard, PlaygroundPage } from '../helpers/playgroundPage';

jest.setTimeout(180_000);

let clicked: ClickedRun;
let alex: PlaygroundPage;

beforeAll(async () => {
  clicked = await startClickedRun('users');
  alex = await clicked.as('Alex Wilber');
});

afterEach(() => clicked.expectNoPageErrors());
afterAll(async () => clicked?.stop());

/** The list of a company's users, opened on a category by its button (its title carries the count). */
async function usersOf(company: string, category?: string): Promise<BotCard> {
  const card = await alex.say(`users of ${company}`);
  if (category) await card.press(new RegExp(`^${category} \\(\\d+\\)$`));
  return card;
}

async function search(card: BotCard, text: string): Promise<void> {
  await card.fill('Search by name or email', text);
  await card.press('Search');
}

describe('the users of a company, clicked', () => {
  it('shows each category with its people and counts, and search finds people by name or by email', async () => {
    const card = await usersOf('Fabrikam');
    const buttons = await card.buttons();
    expect(buttons.slice(0, 4)).toEqual(['Enabled (5)', 'Disabled (2)', 'Unconfirmed (2)', 'No access (3)']);
    expect(await card.text()).toContain('Enabled: 1–5 of 5');
    expect(await card.text()).toContain('Ava Martin');

    await card.press('Disabled (2)');
    let text = await card.text();
    expect(text).toContain('Disabled: 1–2 of 2');
    expect(text).toMatch(/Chloé Lefèvre[\s\S]*Disabled: account disabled in Entra ID/);
    expect(text).not.toContain('Ava Martin');

    await card.press('Unconfirmed (2)');
    text = await card.text();
    expect(text).toContain('Lucas Rossi');
    expect(text).toContain('Emma Nakamura');

    await card.press('No access (3)');
    text = await card.text();
    expect(text).toContain('Ethan Kim');
    expect(text).toContain('José Müller');

    await card.press('Enabled (5)');
    await search(card, 'zoe.angstrom@');
    text = await card.text();
    expect(text).toContain('Zoë Ångström');
    expect(text).not.toContain('Ava Martin');
    await search(card, 'mia');
    expect(await card.text()).toContain('Mia Schmidt');
    expect(await card.text()).not.toContain('Zoë Ångström');
    await card.screenshot('users-search');
  });

  it('pages through a category of more than ten people, forward and back', async () => {
    const companyId = demoGuid('company', 'Wide World Importers');
    // Ten more people without access, as an import would leave them.
    const playground = readPlaygroundConfig();
    const actor = await clicked.run.app.services.actors.staffActor({ tenantId: playground.tenantId, objectId: playground.currentUser.aadObjectId });
    for (let i = 1; i <= 10; i++) {
      const result = await clicked.run.app.services.portalUsers.add({
        actor: actor!, surface: 'bot', companyId, idempotencyKey: `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`, payload: { i },
        name: `Paging Person ${String(i).padStart(2, '0')}`, email: `paging.${i}@wideworldimporters.example`, role: 'user', invite: false
      });
      expect(result.status).toBe('done');
    }
    const card = await usersOf('Wide World Importers', 'No access');
    expect(await card.text()).toContain('No access: 1–10 of 13');
    await card.press('Next page');
    expect(await card.text()).toContain('No access: 11–13 of 13');
    await card.press('Previous page');
    expect(await card.text()).toContain('No access: 1–10 of 13');
    await card.screenshot('users-paging');
  });
});

describe('adding a portal user, clicked', () => {
  it('adds and invites a person from the form; the invitation link on the card opens the page that accepts it', async () => {
    const card = await usersOf('Fabrikam', 'No access');
    await card.press('Add user');
    expect(await card.text()).toContain('Add a portal user to Fabrikam, Inc.');
    await card.fill('Name', 'Priya Raman');
    await card.fill('Email', 'priya.raman@fabrikam.example');
    await card.choose('Company role', 'Manager');
    await card.tick('Send an invitation now (gives portal access once accepted)');
    await card.press('Add user');
    const text = await card.text();
    expect(text).toContain('Priya Raman is added to Fabrikam, Inc. as Manager');
    expect(text).toContain('An invitation is on its way to priya.raman@fabrikam.example.');
    await card.screenshot('users-added');

    const link = /(http:\/\/\S+\/invite\/[A-Za-z0-9_-]{43})/.exec(text)![1];
    const invitation = await alex.page.context().newPage();
    await invitation.goto(link);
    expect(await invitation.textContent('body')).toContain('Join the Fabrikam, Inc. portal');
    await invitation.getByRole('button', { name: 'Accept' }).click();
    await invitation.getByText('Welcome, Priya Raman').waitFor();
    await invitation.close();

    await card.press(/^Enabled \(/);
    await search(card, 'priya');
    expect(await card.text()).toMatch(/Priya Raman[\s\S]*Manager[\s\S]*Enabled/);
  });

  it('shows an invalid email on the card beside the field, keeps what was typed, and adds nobody', async () => {
    const card = await usersOf('Northwind Traders');
    const before = await card.text();
    await card.press('Add user');
    await card.fill('Name', 'Bad Address');
    await card.fill('Email', 'bad.address@');
    // The card's own check (a pattern) stops the press in the page; the server checks again, and the
    // same message reaches the card when a client sends it anyway.
    await card.button('Add user').click();
    await alex.page.waitForTimeout(500);
    const text = await card.text();
    expect(text).toMatch(/valid email/i);
    expect(await card.element.getByLabel('Name').first().inputValue()).toBe('Bad Address');
    await card.screenshot('users-add-invalid-email');
    await card.press('Cancel');
    expect(await card.text()).toBe(before);
  });

  it('asks whether a possible match is the same person, adds nobody, and adds them once "Add as a new person anyway" is ticked', async () => {
    const card = await usersOf('Northwind Traders', 'No access');
    await card.press('Add user');
    await card.fill('Name', 'Isla MacLeod');
    await card.fill('Email', 'isla@macleod-family.example');
    await card.tick('Send an invitation now (gives portal access once accepted)', false);
    await card.press('Add user');
    let text = await card.text();
    expect(text).toContain(
      'Possible match: Isla MacLeod (isla.macleod@northwind.example), the same name, another email. Is this the same person? Nothing was added. ' +
        'If this is someone else, tick "Add as a new person anyway" and press Add user again.'
    );
    // The form is as typed; nobody was added.
    expect(await card.element.getByLabel('Email').first().inputValue()).toBe('isla@macleod-family.example');
    expect(text).toContain('Add a portal user to Northwind Traders');
    await card.screenshot('users-add-possible-match');

    await card.tick('Add as a new person anyway');
    await card.press('Add user');
    text = await card.text();
    expect(text).toContain('Isla MacLeod is added to Northwind Traders as User, without portal access for now.');
    await search(card, 'isla@macleod-family');
    expect(await card.text()).toMatch(/Isla MacLeod[\s\S]*isla@macleod-family\.example/);
  });

  it('offers to re-invite a person whose email is already in the company, and adds no second person', async () => {
    const card = await usersOf('Fabrikam');
    await card.press('Add user');
    await card.fill('Name', 'Lucas R.');
    await card.fill('Email', 'LUCAS.ROSSI@fabrikam.example');
    await card.press('Add user');
    const text = await card.text();
    expect(text).toContain('Lucas Rossi (lucas.rossi@fabrikam.example) is already a portal user of Fabrikam, Inc.: invited, not confirmed.');
    expect(text).toContain('You can re-invite them.');
    await card.pressInRow('Lucas Rossi', 'Re-invite');
    expect(await card.text()).toContain('Send Lucas Rossi a new invitation?');
    await card.press('Yes, re-invite');
    expect(await card.text()).toMatch(/new invitation is on its way to lucas\.rossi@fabrikam\.example/i);
    await card.screenshot('users-add-duplicate-reinvite');
    await search(card, 'lucas.rossi');
    expect((await card.text()).match(/Lucas Rossi/g)).toHaveLength(1);
  });
});

describe('changing a portal user, each through its confirmation, clicked', () => {
  it('invites a person without access; an invited person is offered Re-invite and Revoke, not Disable; revoking ends the invitation', async () => {
    const card = await usersOf('Fabrikam', 'No access');
    await card.pressInRow('Ethan Kim', 'Invite');
    expect(await card.text()).toContain('Invite Ethan Kim?');
    await card.press('Yes, invite');
    expect(await card.text()).toContain('ethan.kim@fabrikam.example');

    await card.press(/^Unconfirmed \(/);
    const offered = await card.rowActions('Ethan Kim');
    expect([...offered.buttons, ...offered.overflow]).toEqual(['Re-invite', 'Revoke invitation', 'Change role', 'Delete']);

    await card.pressInRow('Ethan Kim', 'Revoke invitation');
    expect(await card.text()).toContain('Revoke the invitation of Ethan Kim?');
    await card.press('Yes, revoke invitation');
    await card.press(/^No access \(/);
    expect(await card.text()).toContain('Ethan Kim');
    await card.screenshot('users-revoked');
  });

  it('disables an enabled person and enables them again', async () => {
    const card = await usersOf('Northwind Traders');
    const name = await firstRowName(card);
    await card.pressInRow(name, 'Disable');
    expect(await card.text()).toContain(`Disable ${name}?`);
    await card.press('Yes, disable');
    await card.press(/^Disabled \(/);
    expect(await card.text()).toContain(name);

    await card.pressInRow(name, 'Enable');
    expect(await card.text()).toContain(`Enable ${name}?`);
    await card.press('Yes, enable');
    await card.press(/^Enabled \(/);
    expect(await card.text()).toContain(name);
    await card.screenshot('users-enabled-again');
  });

  it("changes a person's role from the overflow menu", async () => {
    const card = await usersOf('Fabrikam');
    await search(card, 'liam');
    expect(await card.text()).toMatch(/Liam O'Brien[\s\S]*\bUser\b/);
    await card.pressInRow("Liam O'Brien", 'Change role');
    await card.choose('New role', 'Manager');
    await card.press('Change role');
    await search(card, 'liam');
    expect(await card.text()).toMatch(/Liam O'Brien[\s\S]*Manager/);
    await card.screenshot('users-role-changed');
  });

  it('deletes a person from the overflow menu through a red confirmation', async () => {
    const card = await usersOf('Fabrikam', 'No access');
    expect((await card.rowActions('Sofia García')).buttons).not.toContain('Delete');
    await card.pressInRow('Sofia García', 'Delete');
    expect(await card.text()).toContain('Delete Sofia García?');
    await card.screenshot('users-delete-confirmation');
    await card.press('Yes, delete');
    expect(await card.text()).toContain('Sofia García is deleted.');
    // The list under the summary line no longer has her.
    expect((await card.text()).split('No access: 1–')[1]).not.toContain('Sofia García');
  });

  it("shows on the last enabled Admin's row why it offers no Disable or Delete, and an older card's Disable says why too", async () => {
    const older = await usersOf('Fabrikam');
    const card = await usersOf('Fabrikam');
    await card.pressInRow('Noah Dubois', 'Disable');
    await card.press('Yes, disable');
    await card.press(/^Enabled \(/);
    const offered = await card.rowActions('Ava Martin');
    expect([...offered.buttons, ...offered.overflow]).not.toContain('Disable');
    expect([...offered.buttons, ...offered.overflow]).not.toContain('Delete');
    expect(await card.text()).toMatch(/Ava Martin[\s\S]*last enabled Admin: to disable, delete or demote them, make another user an Admin first/);
    await card.screenshot('users-last-admin');

    // The card from before still shows Disable on her row; pressing it explains, and offers no confirmation.
    await older.pressInRow('Ava Martin', 'Disable');
    const text = await older.text();
    expect(text).toContain('That action does not apply to Ava Martin now.');
    expect(text).toContain("This is the company's last enabled Admin and cannot be disabled. Make another user an Admin first.");
    expect(await older.buttons()).not.toContain('Yes, disable');
  });
});

/** The name on the first row of the list. */
async function firstRowName(card: BotCard): Promise<string> {
  const text = await card.text();
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const at = lines.findIndex((l) => /: 1–\d+ of \d+$/.test(l));
  return lines[at + 1];
}
