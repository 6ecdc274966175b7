import { DEMO_COMPANIES } from '../../src/dev/demoData';
import { LocalGraphControl } from '../../src/dev/localGraph/control';
import type { LocalUser } from '../../src/dev/localGraph';
import { startClickedRun, type ClickedRun } from '../helpers/clickedRun';
import type { BotCard, PlaygroundPage } from '../helpers/playgroundPage';

/*
 * The Entra import and sync, typed and clicked in the Agents Playground's own page as a person does
 * it (issue 12): tick people, page, search, choose the role and portal access, review who will be
 * imported, confirm, read the result; a background import whose card updates in place; a sync after
 * people changed in Entra ID, and one naming who is back there, enabled from its "Show them" list.
 * Alex Wilber (Super Admin) is the playground's own current user.
 */

jest.setTimeout(300_000);
const NORTHWIND = DEMO_COMPANIES[1];
const FABRIKAM = DEMO_COMPANIES[0];
let clicked: ClickedRun;
let alex: PlaygroundPage;
let control: LocalGraphControl;

beforeAll(async () => {
  // No scheduled sync runs during the test: `sync` is the only one.
  clicked = await startClickedRun('entra-import', { SYNC_INTERVAL_MINUTES: '0' });
  control = new LocalGraphControl(clicked.run.integrations.localGraph.baseUrl);
  alex = await clicked.as('Alex Wilber');
});
afterEach(() => clicked.expectNoPageErrors());
afterAll(async () => clicked?.stop());

const SELECT_ALL = /Select all unlinked people/;

/** The people on an import card's page that show as plain "New" (members, not linked, with a mailbox): their pick boxes' names. */
async function plainNewPeople(card: BotCard): Promise<string[]> {
  const names = (await card.element.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('aria-label') ?? b.closest('label')?.textContent ?? ''))).filter(
    (name) => name && !/^Select all/.test(name)
  );
  const found: string[] = [];
  for (const name of names) {
    const row = card.element.locator('.ac-container').filter({ has: card.chat.page.getByRole('checkbox', { name, exact: true }) }).last();
    const lines = (await row.innerText()).split('\n').map((l) => l.trim());
    if (lines.includes('New') && !lines.some((l) => l.startsWith('No mailbox'))) found.push(name);
  }
  return found;
}

async function isTicked(card: BotCard, name: string): Promise<boolean> {
  return card.element.getByRole('checkbox', { name, exact: true }).isChecked();
}

/** The Entra users of a demo tenant, as the local Graph holds them now. */
function entraUsers(tenantId: string): LocalUser[] {
  return [...clicked.run.integrations.localGraph.tenant(tenantId).users()];
}

describe('importing from Microsoft Entra ID, clicked', () => {
  it('ticks people across pages and a search, chooses role and access, reviews who will be imported, imports them, and lists them', async () => {
    const card = await alex.say('import users for Northwind Traders');
    const first = await card.text();
    expect(first).toContain('Import from Microsoft Entra ID: Northwind Traders');
    expect(first).toContain(`${entraUsers(NORTHWIND.tenantId!).length} in the directory`);
    // The import button carries no count a card could not keep right while ticking.
    expect(await card.buttons()).toContain('Review import');
    expect((await card.buttons()).some((b) => /\(\d+\)/.test(b))).toBe(false);

    // Two people ticked on the first page, one on the second.
    const [a, b] = await plainNewPeople(card);
    expect(a && b).toBeTruthy();
    await card.tick(a);
    await card.tick(b);
    await card.press('Next page');
    expect(await card.text()).toContain('2 picked on other pages');
    expect(await card.text()).not.toContain(a);
    const [c] = await plainNewPeople(card);
    await card.tick(c);
    await card.press('Previous page');
    // The ticks survived paging both ways.
    expect(await isTicked(card, a)).toBe(true);
    expect(await isTicked(card, b)).toBe(true);
    expect(await card.text()).toContain('1 picked on other pages');

    // Search by name: a fourth person, ticked in the results.
    await card.fill('Search by name or email', 'Zoë');
    await card.press('Search');
    expect(await card.text()).toMatch(/\d+ matching · 3 picked on other pages/);
    const d = 'Zoë Dubois';
    expect(await isTicked(card, d)).toBe(false);
    await card.tick(d);

    // One role for everyone, portal access later.
    await card.choose('Company role for everyone imported', 'Manager');
    await card.choose('Portal access', 'Later: import them without portal access');
    await card.screenshot('import-entra-page');
    await card.press('Review import');
    const preview = await card.text();
    expect(preview).toContain('Review the import: Northwind Traders');
    expect(preview).toContain('Role for everyone imported: Manager · no portal access yet');
    expect(preview).toContain('Will be created (4)');
    for (const name of [a, b, c, d]) expect(preview).toContain(name);
    expect(await card.buttons()).toEqual(['Import 4 people', 'Back to the selection']);
    await card.screenshot('import-entra-preview');

    await card.press('Import 4 people');
    const result = await card.text();
    expect(result).toContain('Import from Microsoft Entra ID: Northwind Traders');
    expect(result).toMatch(/Done in \d+ s\. 4 created, 0 linked/);
    // The result names the people imported.
    const imported = /Imported\s*\n?\s*(.+)/.exec(result)?.[1] ?? '';
    for (const name of [a, b, c, d]) expect(imported).toContain(name);
    await card.screenshot('import-entra-result');
    // Everyone in the CSV (an Action.OpenUrl, which the page renders with the role of a link).
    expect(await card.element.getByRole('link', { name: 'Download the full list (CSV)' }).count()).toBe(1);
    expect(await card.buttons()).toContain('Show the users');

    // They are portal users now, without access (invite later).
    const users = await alex.say('users of Northwind Traders');
    await users.press(/^No access/);
    for (const name of [a, b, c, d]) {
      await users.fill('Search by name or email', name);
      await users.press('Search');
      expect(await users.text()).toContain(name);
    }
    await users.screenshot('import-entra-users');
  });

  it('imports everyone unlinked in the background: the progress card updates in place to its summary', async () => {
    // Enough people that the import has work to show: 120 more in Fabrikam's directory.
    for (let i = 0; i < 120; i++) {
      const n = String(i).padStart(3, '0');
      await control.addUser(FABRIKAM.tenantId!, { displayName: `Temp Worker ${n}`, givenName: 'Temp', surname: `Worker ${n}`, mail: `temp.worker.${n}@fabrikam.example`, userPrincipalName: `temp.worker.${n}@fabrikam.example`, jobTitle: 'Seasonal staff' });
    }
    const directory = entraUsers(FABRIKAM.tenantId!).length;
    const card = await alex.say('import users for Fabrikam');
    await card.tick(SELECT_ALL);
    await card.press('Review import');
    const preview = await card.text();
    expect(preview).toContain(`Everyone in the directory who is not linked yet (${directory} people in the directory)`);
    expect(preview).toContain('This runs in the background');
    expect(await card.buttons()).toEqual(['Import all unlinked people', 'Back to the selection']);

    const cardsBefore = await alex.cards().count();
    await card.press('Import all unlinked people');
    // The progress card first, then the same card updated in place to the summary.
    expect(await card.text()).toMatch(/Waiting to start|Running|Done in/);
    const summary = await card.waitForText(/Done in \d+/, 120_000);
    expect(await alex.cards().count()).toBe(cardsBefore);
    expect(summary).toMatch(/\d+ created/);
    expect(summary).toContain('Skipped, and why');
    // The first few imported by name; everyone in the CSV.
    expect(summary).toMatch(/Imported\s*\n?\s*[^\n]+, [^\n]+ and \d+ more/);
    await card.screenshot('import-entra-background');
  });

  it('syncs after people changed in Entra ID: the card says how many it checked and who changed, and the disabled person shows why', async () => {
    const tenant = NORTHWIND.tenantId!;
    const sofia = entraUsers(tenant).find((u) => u.displayName === 'Sofia García')!;
    const ethan = entraUsers(tenant).find((u) => u.displayName === 'Ethan Kim')!;
    expect(sofia && ethan).toBeTruthy();
    await control.disableUser(tenant, sofia.id);
    await control.updateUser(tenant, ethan.id, { displayName: 'Ethan Kimura' });
    const directory = entraUsers(tenant).length;

    const card = await alex.say('sync Northwind Traders');
    const text = await card.waitForText(/Done in \d+/, 120_000);
    expect(text).toContain('Sync with Microsoft Entra ID: Northwind Traders');
    expect(text).toContain(`Checked ${directory} people in Microsoft Entra ID`);
    expect(text).toMatch(/Lost portal access\s*\n?\s*Sofia García: disabled in Microsoft Entra ID/);
    expect(text).toMatch(/Updated\s*\n?\s*Ethan Kimura: renamed from Ethan Kim/);
    await card.screenshot('import-sync-result');

    // A second sync right after: still says how many it checked, and that nothing changed.
    const again = await alex.say('sync Northwind Traders');
    expect(await again.waitForText(/Done in \d+/, 120_000)).toContain(`Checked ${directory} people in Microsoft Entra ID: nothing changed.`);

    const users = await alex.say('users of Northwind Traders');
    await users.press(/^Disabled/);
    await users.fill('Search by name or email', 'Sofia');
    await users.press('Search');
    expect(await users.text()).toMatch(/Sofia García[\s\S]*Disabled: account disabled in Entra ID/);
    await users.screenshot('import-sync-users-disabled');
  });

  it('names the people back in Entra ID on the sync card; "Show them" lists them, asking since when, with Enable first; Enable gives access back', async () => {
    const tenant = NORTHWIND.tenantId!;
    const sofia = entraUsers(tenant).find((u) => u.displayName === 'Sofia García')!;
    await control.enableUser(tenant, sofia.id);

    const card = await alex.say('sync Northwind Traders');
    const text = await card.waitForText(/Done in \d+/, 120_000);
    expect(text).toMatch(/Back in Entra ID \(1\): can be enabled again\s*\n\s*Sofia García\s*\n/);
    expect(text).toContain('they stay disabled here until someone enables them');
    await card.screenshot('import-sync-back-in-entra');

    // The sync card's button opens the list of those back in Entra ID, in place of the card.
    await card.press('Show them');
    const list = await card.text();
    expect(list).toContain('Northwind Traders: portal users');
    expect(list).toContain('Back in Entra ID: 1–1 of 1');
    // The day, as Teams shows it in the viewer's time zone ("Wed, Mar 4, 2026").
    expect(list).toMatch(/Sofia García[\s\S]*Back in Entra ID since \w{3}, \w{3} \d{1,2}, \d{4}: enable\?/);
    const actions = await card.rowActions('Sofia García');
    expect(actions.buttons).toEqual(['Enable']);
    expect(actions.overflow).toEqual(expect.arrayContaining(['Change role', 'Delete']));
    await card.screenshot('import-sync-back-in-entra-list');

    await card.pressInRow('Sofia García', 'Enable');
    const confirm = await card.text();
    expect(confirm).toContain('Enable Sofia García?');
    expect(confirm).toMatch(/Their Microsoft Entra ID account is active again since \w{3}, \w{3} \d{1,2}, \d{4}\./);
    expect(confirm).not.toContain('the next sync disables them again');
    await card.press('Yes, enable');
    const done = await card.text();
    expect(done).toContain('Sofia García has portal access again.');
    expect(done).toContain('Nobody is back in Entra ID waiting to be enabled.');
    await card.screenshot('import-sync-back-in-entra-enabled');
  });
});
