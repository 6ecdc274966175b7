/**
 * The tab in a real browser (Debian's chromium driven by playwright-core), against the app as `npm start`
 * runs it: the demo data on a Cosmos-protocol store, the bundle built by the project's build, and the
 * development sign-in page with its local issuer standing in for Teams single sign-on.
 *
 * Company A is Fabrikam; company B (Northwind Traders) must never appear: not in any page, not in any
 * answer the browser receives. The browser reaches nothing but this machine: every other request is
 * aborted and recorded. Screenshots in the default, dark and high-contrast themes and on a phone-sized
 * screen are written to test-artifacts/tab/.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureTabBundle } from '../../scripts/buildTab';
import type { LocalUser } from '../../src/dev/localGraph';
import type { Stored } from '../../src/store/documents';
import type { CompanyDoc } from '../../src/store/model';
import { artifactPath, launchChromium } from '../helpers/browser';
import { portalUserDoc } from '../helpers/builders';
import { illegibleTextsIn } from '../helpers/cardGuidance';
import { startTabApp, type TabApp } from '../helpers/tabApp';

jest.setTimeout(120_000);

let t: TabApp;
let browser: Browser;
let fabrikam: Stored<CompanyDoc>;
let northwind: Stored<CompanyDoc>;
/** Requests the browser tried to send off this machine (aborted). */
const offMachine: string[] = [];
/** Every /api/tab answer the browser received (its path and body), to check that nothing of company B is in any. */
const answers: { path: string; body: string }[] = [];
/**
 * The reads of those answers' bodies, one per request that finished (a request the page aborted, such as a
 * search overtaken by the next keystroke, delivered no body): awaited before a context closes and before the
 * last test.
 */
const reads: Promise<void>[] = [];
/** Answers that finished but whose body could not be read, so could not be checked. */
const unread: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureTabBundle();
  t = await startTabApp();
  browser = await launchChromium();
  fabrikam = await t.company('Fabrikam, Inc.');
  northwind = await t.company('Northwind Traders');
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function newContext(viewport = { width: 1280, height: 860 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    offMachine.push(url.href);
    return route.abort();
  });
  context.on('requestfinished', (request) => {
    const { pathname } = new URL(request.url());
    if (!pathname.startsWith('/api/tab/')) return;
    reads.push(
      request
        .response()
        .then((response) => (response ? response.text() : Promise.reject(new Error('no response'))))
        .then(
          (body) => void answers.push({ path: pathname, body }),
          (error: Error) => void unread.push(`${pathname}: ${error.message}`)
        )
    );
  });
  return context;
}

/** Closes a context once every answer it received has been read. */
async function closeContext(context: BrowserContext): Promise<void> {
  await Promise.allSettled(reads);
  await context.close();
}

/** The development sign-in page, as a person uses it: pick the theme, click the person's name. */
async function signInAs(context: BrowserContext, company: string, person: string, theme = 'default'): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${t.url}/dev/tab-signin`);
  await page.getByLabel('Teams theme').selectOption(theme);
  await page.locator(`section[aria-label="${company}"]`).getByRole('button', { name: person, exact: true }).click();
  await page.waitForURL(/\/tab\?theme=/);
  return page;
}

const category = (page: Page, name: RegExp) => page.getByRole('tab', { name });
const row = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });
const result = (page: Page) => page.getByTestId('action-result');

async function act(page: Page, person: string, operation: string, confirm: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${person}` }).click();
  await page.getByRole('menuitem', { name: operation }).click();
  await page.getByRole('button', { name: confirm }).click();
}

async function userNamed(name: string) {
  return (await t.users(fabrikam.companyId)).find((u) => u.displayName === name);
}

const importTable = (page: Page) => page.getByRole('table', { name: "People in Fabrikam, Inc.'s Microsoft Entra ID" });
const importRow = (page: Page, name: string) => importTable(page).getByRole('row').filter({ hasText: name });

/**
 * For the import page's row decisions (the admin's steps, then the theme and phone checks): Robin in
 * Fabrikam's Entra ID and an older portal user of theirs under another name and email, and Weg Straße
 * in Entra ID, whose portal user writes the same email with "ss" (a possible match).
 */
async function seedRowDecisions(): Promise<void> {
  const entra = t.demo.integrations.localGraph.tenant(fabrikam.tenantId!);
  const { repos } = t.demo.app.services;
  for (const [displayName, mail] of [['Robin Fairweather', 'robin.fairweather@fabrikam.example'], ['Weg Straße', 'weg.straße@fabrikam.example']]) {
    const [givenName, surname] = displayName.split(' ');
    entra.add({ id: randomUUID(), displayName, givenName, surname, mail, userPrincipalName: mail, jobTitle: 'Analyst', mobilePhone: null, accountEnabled: true, userType: 'Member' } satisfies LocalUser);
  }
  for (const [name, email] of [['Robin F.', 'robin.f@home.example'], ['Weg Strasse', 'weg.strasse@fabrikam.example']]) {
    await repos.portalUsers.create(portalUserDoc(repos.mspId, fabrikam.companyId, name, { email, emailKey: email, access: 'none' }));
  }
}

/** Opens the import page afresh and searches the directory, as a person does: type, press Search. */
async function searchDirectory(page: Page, text: string, expected: string): Promise<void> {
  await page.getByRole('tab', { name: 'Users' }).click();
  await page.getByRole('tab', { name: 'Import from Entra ID' }).click();
  await importTable(page).waitFor();
  await page.getByRole('searchbox', { name: 'Search the directory by name or email' }).fill(text);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await importRow(page, expected).waitFor();
}

/** How far the page scrolls sideways (0 when it fits the screen). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { documentElement } = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
    return documentElement.scrollWidth - documentElement.clientWidth;
  });
}

/**
 * The new controls in a theme or on a phone: the statuses of the first page and of a possible match,
 * its row's "…" menu and the "Link to…" dialog, each legible, pictured as `<name>-import-*.png`. The
 * dialog is closed with its close button, or (`link`) Weg Straße linked to their portal user.
 */
async function checkRowDecisions(page: Page, name: string, options: { link?: boolean } = {}): Promise<void> {
  await page.getByRole('tab', { name: 'Import from Entra ID' }).click();
  await importTable(page).getByRole('row').nth(1).waitFor();
  expect(await illegibleTextsIn(importTable(page))).toEqual([]);
  await searchDirectory(page, 'Weg', 'Weg Straße');
  const weg = importRow(page, 'Weg Straße');
  await weg.filter({ hasText: 'Possible match: Weg Strasse' }).waitFor();
  expect(await illegibleTextsIn(importTable(page))).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await weg.getByRole('button', { name: 'More actions for Weg Straße' }).click();
  const menu = page.getByRole('menu');
  await menu.getByRole('menuitem', { name: 'Link to…' }).waitFor();
  expect(await illegibleTextsIn(menu)).toEqual([]);
  await page.screenshot({ path: artifactPath('tab', `${name}-import-menu.png`), fullPage: true });
  await menu.getByRole('menuitem', { name: 'Link to…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Link Weg Straße to a portal user' });
  const choice = dialog.getByRole('radio', { name: /^Weg Strasse · weg\.strasse@fabrikam\.example · / });
  await choice.waitFor();
  expect(await illegibleTextsIn(dialog)).toEqual([]);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: artifactPath('tab', `${name}-import-link-dialog.png`), fullPage: true });
  if (options.link) {
    await choice.check();
    await dialog.getByRole('button', { name: 'Link', exact: true }).click();
    await weg.filter({ hasText: 'Will link to Weg Strasse: name and email will follow Entra ID' }).waitFor();
    expect(await illegibleTextsIn(importTable(page))).toEqual([]);
  } else {
    await dialog.getByRole('button', { name: 'Close' }).click();
  }
  await dialog.waitFor({ state: 'detached' });
}

describe('a client Admin of company A', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext();
    page = await signInAs(context, 'Fabrikam, Inc.', 'Ava Martin');
  });
  afterAll(() => closeContext(context));

  it('lists the company’s users by category, with counts', async () => {
    await page.getByRole('heading', { name: 'Fabrikam, Inc.' }).waitFor();
    await category(page, /Enabled \(5\)/).waitFor();
    await expect(category(page, /Unconfirmed \(2\)/).isVisible()).resolves.toBe(true);
    await expect(category(page, /Disabled \(2\)/).isVisible()).resolves.toBe(true);
    await row(page, 'Liam O').waitFor();
    expect(await page.getByRole('row').count()).toBe(6); // header + 5 enabled users
    await page.screenshot({ path: artifactPath('tab', 'admin-default.png') });
  });

  it('searches by name or email', async () => {
    await page.getByRole('searchbox', { name: 'Search by name or email' }).fill('schmidt');
    await page.getByRole('row').filter({ hasText: 'Ava Martin' }).waitFor({ state: 'detached' });
    expect(await page.getByRole('row').count()).toBe(2);
    await row(page, 'Mia Schmidt').waitFor();
    await page.getByRole('searchbox', { name: 'Search by name or email' }).fill('');
    await row(page, 'Ava Martin').waitFor();
  });

  it('invites a person without access, and sees them move to Unconfirmed', async () => {
    await category(page, /Without access \(3\)/).click();
    await row(page, 'Ethan Kim').waitFor();
    await act(page, 'Ethan Kim', 'Invite', 'Yes, invite');
    await result(page).filter({ hasText: 'An invitation is on its way to ethan.kim@fabrikam.example' }).waitFor();
    await category(page, /Without access \(2\)/).waitFor();
    await category(page, /Unconfirmed \(3\)/).click();
    await row(page, 'Ethan Kim').filter({ hasText: 'Invited, not confirmed' }).waitFor();
    expect((await userNamed('Ethan Kim'))?.access).toBe('invited');
  });

  it('disables an enabled user, and sees them move to Disabled', async () => {
    await category(page, /Enabled/).click();
    await row(page, 'Liam O').waitFor();
    await act(page, "Liam O'Brien", 'Disable', 'Yes, disable');
    await result(page).filter({ hasText: "Liam O'Brien is disabled" }).waitFor();
    await category(page, /Enabled \(4\)/).waitFor();
    await category(page, /Disabled \(3\)/).click();
    await row(page, 'Liam O').filter({ hasText: 'Disabled' }).waitFor();
    expect((await userNamed("Liam O'Brien"))?.access).toBe('disabled');
  });

  it('sees a person back in Microsoft Entra ID after a sync: asked since when, Enable first, and enables them', async () => {
    // Chloé was disabled because of Entra ID; her account is enabled there again, and a sync runs.
    const chloe = (await userNamed('Chloé Lefèvre'))!;
    expect(chloe).toMatchObject({ access: 'disabled', disabledReason: 'entra-disabled' });
    t.demo.integrations.localGraph.tenant(fabrikam.tenantId!).enable(chloe.entraObjectId!);
    const { services } = t.demo.app;
    const alex = (await services.actors.staffActor({ tenantId: t.demo.teams.tenantId, objectId: t.demo.people.alex.aadObjectId }, 'Alex Wilber'))!;
    const started = await services.imports.requestSync(alex, fabrikam.companyId, 'tab-e2e-sync-1');
    if (started.kind !== 'job') throw new Error(`no sync: ${JSON.stringify(started)}`);
    const jobId = started.job.id;
    for (let job = await services.repos.jobs.get(fabrikam.companyId, jobId); job?.state !== 'done'; job = await services.repos.jobs.get(fabrikam.companyId, jobId)) {
      expect(job?.state).not.toBe('failed');
      await page.waitForTimeout(100);
    }
    expect(await userNamed('Chloé Lefèvre')).toMatchObject({ access: 'disabled', entraBack: true });

    // The list is read again on choosing a category: the counts then include her.
    await category(page, /Enabled/).click();
    await category(page, /Back in Entra ID \(1\)/).click();
    const chloeRow = row(page, 'Chloé Lefèvre').filter({ hasText: /Back in Entra ID since .+: enable\?/ });
    await chloeRow.waitFor();
    expect(await page.getByRole('row').count()).toBe(2);
    await page.getByRole('button', { name: 'Actions for Chloé Lefèvre' }).click();
    expect((await page.getByRole('menuitem').allInnerTexts()).map((item) => item.trim())[0]).toBe('Enable');
    await page.screenshot({ path: artifactPath('tab', 'admin-back-in-entra.png') });
    await page.getByRole('menuitem', { name: 'Enable' }).click();
    await page.getByRole('button', { name: 'Yes, enable' }).click();
    await result(page).filter({ hasText: 'Chloé Lefèvre has portal access again.' }).waitFor();
    await page.getByText('Nobody is back in Entra ID waiting to be enabled.').waitFor();
    expect(await userNamed('Chloé Lefèvre')).toMatchObject({ access: 'active' });
    expect((await userNamed('Chloé Lefèvre'))?.entraBack).toBeUndefined();
  });

  it('adds a person through the bot’s add-user card, validated on the card first', async () => {
    await category(page, /Enabled/).click();
    await page.getByRole('button', { name: 'Add user', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Add a portal user to Fabrikam, Inc.').waitFor();
    await dialog.getByLabel('Name').fill('Grace Hopper');
    await dialog.getByLabel('Email').fill('not an email');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.getByText('Enter a valid email address.').waitFor();
    expect(await userNamed('Grace Hopper')).toBeUndefined();
    await dialog.getByLabel('Email').fill('grace.hopper@fabrikam.example');
    await page.screenshot({ path: artifactPath('tab', 'admin-add-user-card.png') });
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await result(page).filter({ hasText: 'Grace Hopper is added to Fabrikam, Inc. as User' }).waitFor();
    const added = await userNamed('Grace Hopper');
    expect(added).toEqual(expect.objectContaining({ email: 'grace.hopper@fabrikam.example', role: 'user', access: 'invited' }));
  });

  it('imports a CSV file and sees every row that was not imported, with its number and reason', async () => {
    await page.getByRole('tab', { name: 'Import CSV' }).click();
    const csv = 'name,email,role\nHedy Lamarr,hedy.lamarr@fabrikam.example,user\nBad Row,not-an-email,user\nAva Martin,ava.martin@fabrikam.example,admin\n';
    await page.getByLabel('CSV file (up to 700 KB)').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '1 created, 1 skipped, 1 failed.' }).waitFor();
    const rows = page.getByRole('table', { name: 'Rows not imported' }).getByRole('row');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(1).innerText()).toMatch(/^3\s+Failed/);
    expect(await rows.nth(2).innerText()).toMatch(/^4\s+Skipped\s+ava\.martin@fabrikam\.example/);
    expect(await userNamed('Hedy Lamarr')).toEqual(expect.objectContaining({ access: 'none', role: 'user' }));
    await page.getByRole('tab', { name: 'Users' }).click();
  });

  it('imports a person from the company’s own Microsoft Entra ID', async () => {
    await page.getByRole('tab', { name: 'Import from Entra ID' }).click();
    const table = page.getByRole('table', { name: "People in Fabrikam, Inc.'s Microsoft Entra ID" });
    await table.waitFor();
    await page.screenshot({ path: artifactPath('tab', 'admin-entra-import.png') });
    const newcomer = table
      .getByRole('row')
      .filter({ has: page.locator('[data-status="new"]') })
      .filter({ hasNot: page.getByRole('textbox') })
      .filter({ has: page.getByRole('checkbox', { disabled: false }) })
      .first();
    const name = (await newcomer.getByRole('cell').nth(1).innerText()).trim();
    await newcomer.getByRole('checkbox', { name: `Import ${name}` }).check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Import finished' }).waitFor();
    await page.getByRole('status').filter({ hasText: '1 created' }).waitFor();
    expect(await userNamed(name)).toEqual(expect.objectContaining({ role: 'user', access: 'none' }));
    expect((await userNamed(name))?.entraObjectId).toBeTruthy();
  });

  it('links a person of Entra ID to a portal user by hand in the row’s menu, and creates a possible match anew', async () => {
    await seedRowDecisions();
    await searchDirectory(page, 'Robin Fairweather', 'Robin Fairweather');
    const robin = importRow(page, 'Robin Fairweather');
    await robin.getByRole('button', { name: 'More actions for Robin Fairweather' }).click();
    await page.getByRole('menuitem', { name: 'Link to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link Robin Fairweather to a portal user' });
    await dialog.getByText('From then on their name and email follow Entra ID.', { exact: false }).waitFor();
    await dialog.getByRole('radio').first().waitFor();
    await dialog.getByRole('searchbox', { name: 'Search portal users by name or email' }).fill('robin.f@');
    // The search narrows the list to the one portal user it matches.
    await dialog.getByRole('radio').nth(1).waitFor({ state: 'detached' });
    const choice = dialog.getByRole('radio', { name: 'Robin F. · robin.f@home.example · No portal access' });
    await choice.check();
    await page.screenshot({ path: artifactPath('tab', 'admin-entra-link-dialog.png') });
    await dialog.getByRole('button', { name: 'Link', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await robin.filter({ hasText: 'Will link to Robin F.: name and email will follow Entra ID' }).waitFor();
    expect(await robin.getByRole('checkbox', { name: 'Import Robin Fairweather' }).isChecked()).toBe(true);
    // Nothing is linked before the import.
    expect((await userNamed('Robin F.'))?.entraObjectId).toBeUndefined();

    await page.getByRole('searchbox', { name: 'Search the directory by name or email' }).fill('Weg');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const weg = importRow(page, 'Weg Straße');
    await weg.filter({ hasText: 'Possible match: Weg Strasse (weg.strasse@fabrikam.example), the same email written differently. Link or create?' }).waitFor();
    expect(await weg.getByRole('button', { name: 'Link to Weg Strasse' }).isVisible()).toBe(true);
    expect(await illegibleTextsIn(importTable(page))).toEqual([]);
    await page.screenshot({ path: artifactPath('tab', 'admin-entra-possible-match.png') });
    await weg.getByRole('button', { name: 'Create new' }).click();
    await weg.filter({ hasText: 'New: you chose to create them although Weg Strasse looks like the same person' }).waitFor();
    expect(await weg.getByRole('button', { name: 'Create new' }).count()).toBe(0);
    await weg.getByRole('button', { name: 'More actions for Weg Straße' }).click();
    expect((await page.getByRole('menuitem').allInnerTexts()).map((item) => item.trim())).toEqual(['Link to…', 'Undo']);
    await page.keyboard.press('Escape');

    // The decisions survive searching elsewhere.
    await page.getByRole('searchbox', { name: 'Search the directory by name or email' }).fill('Robin Fairweather');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await robin.filter({ hasText: 'Will link to Robin F.' }).waitFor();
    expect(await userNamed('Weg Straße')).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });

  it('reads the company’s history, with its own changes in it', async () => {
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('row').filter({ hasText: "Disabled portal access: Liam O'Brien" }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Invited: Ethan Kim' }).waitFor();
  });

  it('works with the keyboard alone: menu, confirmation, Escape, and focus back where it was', async () => {
    await page.getByRole('tab', { name: 'Users' }).click();
    await category(page, /Enabled/).click();
    const actions = page.getByRole('button', { name: 'Actions for Noah Dubois' });
    await actions.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Disable' }).waitFor();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Disable Noah Dubois?').waitFor();
    expect(await dialog.evaluate((el) => el.contains((el.ownerDocument as { activeElement: unknown }).activeElement as never))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await actions.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement)).toBe(true);
    expect((await userNamed('Noah Dubois'))?.access).toBe('active');
  });

  it('never shows anything of company B', async () => {
    for (const section of ['Users', 'History', 'Import from Entra ID', 'Import CSV', 'My profile']) {
      await page.getByRole('tab', { name: section }).click();
      await page.waitForLoadState('networkidle');
      const text = (await page.locator('body').innerText()).toLowerCase();
      expect(text).not.toContain('northwind');
    }
    const html = await page.content();
    expect(html).not.toContain(northwind.companyId);
  });
});

describe('a client Manager of company A', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext();
    page = await signInAs(context, 'Fabrikam, Inc.', 'Mia Schmidt');
    await category(page, /Enabled/).waitFor();
  });
  afterAll(() => closeContext(context));

  it('sees no admin action: no enable, disable, delete or role change, nothing on Admins and Managers, no imports', async () => {
    await row(page, 'Ava Martin').waitFor();
    expect(await page.getByRole('button', { name: 'Actions for Ava Martin' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Actions for Noah Dubois' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Import CSV' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Import from Entra ID' }).count()).toBe(0);
    await page.screenshot({ path: artifactPath('tab', 'manager-default.png') });
    for (const name of ['Zoë Ångström', 'Grace Hopper']) {
      const actions = page.getByRole('button', { name: `Actions for ${name}` });
      if (await actions.count()) {
        await actions.click();
        const offered = await page.getByRole('menuitem').allInnerTexts();
        expect(offered.filter((item) => ['Enable', 'Disable', 'Delete', 'Change role'].includes(item.trim()))).toEqual([]);
        await page.keyboard.press('Escape');
      }
    }
    await category(page, /Disabled/).click();
    await row(page, 'Liam O').waitFor();
    expect(await page.getByRole('button', { name: "Actions for Liam O'Brien" }).count()).toBe(0);
  });

  it('is offered only the roles User and Training Only on the add-user card', async () => {
    await page.getByRole('button', { name: 'Add user', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Add a portal user to Fabrikam, Inc.').waitFor();
    const roles = await dialog.locator('select option').allInnerTexts();
    expect(roles.map((r) => r.trim()).filter(Boolean)).toEqual(['User', 'Training Only']);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('cannot perform an admin action even by calling the API from the page with their own token', async () => {
    const liam = (await userNamed("Liam O'Brien"))!;
    const ava = (await userNamed('Ava Martin'))!;
    const outcomes = await page.evaluate(
      async ({ companyId, liamId, avaId, liamEtag }) => {
        const token = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('tab.devToken');
        const post = async (path: string, body: object) => {
          const response = await fetch(path, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
          return response.status;
        };
        return [
          await post(`/api/tab/companies/${companyId}/users/${liamId}/enable`, { etag: liamEtag, key: 'manager-enable-1' }),
          await post(`/api/tab/companies/${companyId}/users/${avaId}/disable`, { key: 'manager-disable-1' }),
          await post(`/api/tab/companies/${companyId}/users/${avaId}/changeRole`, { role: 'user', key: 'manager-role-1' }),
          await post(`/api/tab/companies/${companyId}/users`, { name: 'Eve Admin', email: 'eve.admin@fabrikam.example', role: 'admin', invite: 'false', key: 'manager-add-1' }),
          await post(`/api/tab/companies/${companyId}/imports/csv`, { fileName: 'x.csv', contentBase64: btoa('name,email\nEve,eve@fabrikam.example\n'), key: 'manager-csv-1' })
        ];
      },
      { companyId: fabrikam.companyId, liamId: liam.id, avaId: ava.id, liamEtag: liam._etag }
    );
    expect(outcomes).toEqual([403, 403, 403, 403, 403]);
    expect((await userNamed("Liam O'Brien"))?._etag).toBe(liam._etag);
    expect((await userNamed('Ava Martin'))?._etag).toBe(ava._etag);
    expect(await userNamed('Eve Admin')).toBeUndefined();
  });
});

describe('themes, phone-sized screens and refusals', () => {
  it('follows the dark and high-contrast Teams themes', async () => {
    for (const theme of ['dark', 'contrast']) {
      const context = await newContext();
      const page = await signInAs(context, 'Fabrikam, Inc.', 'Ava Martin', theme);
      await row(page, 'Ava Martin').waitFor();
      expect(await page.locator(`[data-theme="${theme}"]`).count()).toBe(1);
      const background = await page
        .locator(`[data-theme="${theme}"]`)
        .evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
      expect(background).not.toBe('rgb(255, 255, 255)');
      await page.screenshot({ path: artifactPath('tab', `admin-${theme}.png`) });
      await checkRowDecisions(page, `admin-${theme}`, { link: true });
      await closeContext(context);
    }
  });

  it('works on a phone-sized screen', async () => {
    const context = await newContext({ width: 390, height: 844 });
    const page = await signInAs(context, 'Fabrikam, Inc.', 'Ava Martin');
    await row(page, 'Ava Martin').waitFor();
    const overflow = await page.evaluate(() => {
      const { documentElement } = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
      return documentElement.scrollWidth - documentElement.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifactPath('tab', 'admin-phone.png'), fullPage: true });
    await checkRowDecisions(page, 'admin-phone');
    await closeContext(context);
  });

  it('shows a User their own profile and company, and nothing else', async () => {
    const context = await newContext();
    const page = await signInAs(context, 'Fabrikam, Inc.', 'Zoë Ångström');
    await page.getByRole('region', { name: 'My profile' }).waitFor();
    await page.getByText('zoe.angstrom@fabrikam.example').waitFor();
    expect(await page.getByRole('tab', { name: 'Users' }).count()).toBe(0);
    expect(await page.getByText('Ava Martin').count()).toBe(0);
    await closeContext(context);
  });

  it('tells the people of an archived company that portal access is paused', async () => {
    const context = await newContext();
    const page = await signInAs(context, 'Tailspin Toys', (await t.user('Tailspin Toys', 'admin', 'active')).displayName);
    await page.getByRole('alert').filter({ hasText: 'Portal access is paused' }).waitFor();
    await page.screenshot({ path: artifactPath('tab', 'archived-paused.png') });
    await closeContext(context);
  });
});

describe('over the whole session', () => {
  it('received nothing of company B, reached nothing off this machine but teams-js’s list of Teams origins, and threw no script error', async () => {
    await Promise.all(reads);
    expect(unread).toEqual([]);
    // The answers checked below are those of the whole session: one /api/tab/me per sign-in (seven above), and
    // at least one of each kind the admin's steps asked for.
    const count = (pattern: RegExp) => answers.filter((answer) => pattern.test(answer.path)).length;
    const companyA = `/api/tab/companies/${fabrikam.companyId}`;
    expect(count(/^\/api\/tab\/me$/)).toBeGreaterThanOrEqual(7);
    const kinds = ['/users', '/history', '/add-form', '/imports/csv', '/entra-import'];
    expect(kinds.filter((kind) => !answers.some((answer) => answer.path.startsWith(`${companyA}${kind}`)))).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(7 + kinds.length);
    const all = answers.map((answer) => answer.body).join('\n');
    expect(all).not.toContain(northwind.companyId);
    expect(all.toLowerCase()).not.toContain('northwind');
    expect(offMachine.filter((url) => !url.startsWith('https://res.cdn.office.net/teams-js/'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
