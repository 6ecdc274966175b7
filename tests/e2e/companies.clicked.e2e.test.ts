import { startClickedRun, type ClickedRun } from '../helpers/clickedRun';
import { expectTeamsGuidance } from '../helpers/cardGuidance';
import type { PlaygroundPage } from '../helpers/playgroundPage';

/*
 * The company flows as a person does them in the Agents Playground's own page: type in the personal
 * chat, read the card, fill its inputs, press its buttons (a row's own button, or an item of the row's
 * "More options" menu). Alex Wilber (Super Admin) is the app's playground's current user; Isaiah
 * Langer (Technician) has a playground of his own, the way he would have his own Teams client (the
 * playground's page cannot switch person: see tests/helpers/clickedRun.ts).
 *
 * The flows build on each other in order: the company added is renamed, shows in the history and its
 * CSV, and is archived and restored.
 */

jest.setTimeout(180_000);
let clicked: ClickedRun;
let alex: PlaygroundPage;
beforeAll(async () => {
  clicked = await startClickedRun('companies');
  alex = await clicked.as('Alex Wilber');
});
afterEach(() => clicked.expectNoPageErrors());
afterAll(async () => clicked?.stop());

const ADDED = 'Litware, Inc.';
const RENAMED = 'Litware Holdings';

describe('companies, clicked in the playground', () => {
  it('lists active, archived and all companies, with one button per row and the rest in its menu, and searches', async () => {
    const card = await alex.say('companies');
    let text = await card.text();
    expect(text).toContain('Active companies: 1\u20135');
    expect(text).toContain('Fabrikam, Inc.');
    expect(text).toContain('7 portal users with access');
    expect(text).not.toContain('Tailspin Toys');
    await expectTeamsGuidance(card);

    // One primary action per company; the others in its overflow menu.
    expect(await card.rowActions('Fabrikam, Inc.')).toEqual({ buttons: ['Users'], overflow: ['History', 'Import', 'Rename', 'Archive'] });
    expect(await card.rowActions('Adatum Corporation')).toEqual({ buttons: ['Users'], overflow: ['History', 'Connect', 'Rename', 'Archive'] });
    // The MSP's own company can never be archived or deleted, so neither is offered.
    expect(await card.rowActions('Contoso IT Services')).toEqual({ buttons: ['History'], overflow: ['Rename'] });

    await card.press('Archived');
    text = await card.text();
    expect(text).toContain('Archived companies: 1\u20131');
    expect(text).toContain('Tailspin Toys');
    expect(text).toMatch(/\d+ portal users, access paused/);
    expect(text).not.toMatch(/portal users? with access/);
    expect(text).not.toContain('Fabrikam, Inc.');
    // Restore is the row's button; Delete sits in the menu, never a red button on the row.
    const tailspin = await card.rowActions('Tailspin Toys');
    expect(tailspin.buttons).toEqual(['Restore']);
    expect(tailspin.overflow).toEqual(expect.arrayContaining(['History', 'Rename', 'Delete permanently']));
    await expectTeamsGuidance(card);

    await card.press('All');
    text = await card.text();
    expect(text).toContain('Companies: 1\u20136');
    expect(text).toContain('Tailspin Toys');
    expect(text).toContain('Fabrikam, Inc.');

    await card.fill('Search by name', 'north');
    await card.press('Search');
    text = await card.text();
    expect(text).toContain('Companies matching "north": 1\u20131');
    expect(text).toContain('Northwind Traders');
    expect(text).not.toContain('Fabrikam, Inc.');

    await card.fill('Search by name', 'no such name');
    await card.press('Search');
    expect(await card.text()).toContain('No company matches "no such name".');
    await card.screenshot('companies-search');
  });

  it('adds a company, and refuses the same name in other capitals on the form itself', async () => {
    const form = await alex.say('add company');
    expect(await form.text()).toContain('Add a company');
    await form.fill('Company name', ADDED);
    await form.fill(/Website/, 'litware.example');
    await form.press('Add company');
    let text = await form.text();
    expect(text).toContain(`${ADDED} is added. Connect it to Microsoft 365 to import its people.`);
    expect(text).toContain('0 portal users with access');
    expect(text).toContain('Not connected to Microsoft 365');
    await expectTeamsGuidance(form);

    const again = await alex.say('add company');
    await again.fill('Company name', 'LITWARE,   inc.');
    await again.press('Add company');
    text = await again.text();
    expect(text).toContain('Add a company');
    expect(text).toContain(`A company named ${ADDED} exists already. Company names are unique, whatever the capitals.`);
    await expectTeamsGuidance(again);
    await again.screenshot('companies-add-duplicate');
  });

  it('renames a company from its row’s menu', async () => {
    const card = await alex.say('companies litware');
    await card.pressInRow(ADDED, 'Rename');
    expect(await card.text()).toContain(`Rename ${ADDED}`);
    await card.fill('Company name', RENAMED);
    await card.press('Rename');
    const text = await card.text();
    expect(text).toContain(`${ADDED} is now called ${RENAMED}.`);
    expect(text).toContain(`Companies matching "${RENAMED}"`);
    await expectTeamsGuidance(card);
    await card.screenshot('companies-rename');
  });

  it('connects Adatum Corporation through the local consent page, and the chat is told', async () => {
    const card = await alex.say('connect Adatum');
    expect(await card.text()).toContain('Adatum Corporation is not connected to Microsoft 365 yet.');
    await expectTeamsGuidance(card);
    // An Action.OpenUrl: the playground renders it as a link-role button whose title is the address.
    const link = await card.element.getByRole('link', { name: 'Open the admin consent link' }).getAttribute('title');
    expect(link).toMatch(/\/dev\/adminconsent\?/);

    await alex.markSeen();
    const consent = await alex.page.context().newPage();
    try {
      await consent.goto(link!);
      await consent.getByLabel('Sign in as the administrator of').selectOption({ label: 'Adatum Corporation' });
      await consent.getByRole('button', { name: 'Accept' }).click();
      await consent.waitForURL(/\/consent\/callback/);
      await consent.getByText(/Adatum Corporation/).first().waitFor();
    } finally {
      await consent.close();
    }
    const told = await alex.nextCard(30_000);
    const text = await told.text();
    expect(text).toContain('Connected to Microsoft 365');
    expect(text).toContain('Adatum Corporation is connected to its Microsoft 365 tenant.');
    await told.screenshot('companies-connected');

    const list = await alex.say('companies adatum');
    expect(await list.text()).toContain('Microsoft 365 connected');
    expect((await list.rowActions('Adatum Corporation')).overflow).toEqual(['History', 'Import', 'Rename', 'Archive']);
  });

  it('shows the history in the viewer’s own time, and exports it as CSV', async () => {
    const card = await alex.say(`history ${RENAMED}`);
    const text = await card.text();
    expect(text).toContain(`History of ${RENAMED}`);
    expect(text).toContain(`Alex Wilber: Renamed the company \u2014 ${RENAMED}`);
    expect(text).toContain(`Alex Wilber: Added the company \u2014 ${ADDED}`);
    // The date and time are formatted by the card in the viewer's time zone, not printed as UTC.
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/);
    expect(text).toMatch(/\d{1,2}:\d{2}/);
    await expectTeamsGuidance(card);

    await card.press('Export CSV');
    const download = card.element.getByRole('link', { name: 'Download the history as CSV' });
    const href = await download.getAttribute('href');
    expect(href).toMatch(/\/history\/[A-Za-z0-9-]+\.csv\?token=/);
    // Opened in the same browser, as the person's click would.
    const response = await alex.page.context().request.get(href!);
    expect(response.status()).toBe(200);
    const csv = (await response.text()).replace(/^\ufeff/, '');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('When (UTC),Who,Action,Target,Result,Detail,Before,After');
    expect(lines.some((line) => line.includes('Alex Wilber') && line.includes(RENAMED) && /renamed/i.test(line))).toBe(true);
    await card.screenshot('companies-history');
  });

  it('archives a company with a reason and restores it, each through its confirmation', async () => {
    const card = await alex.say(`companies ${RENAMED}`);
    await card.pressInRow(RENAMED, 'Archive');
    expect(await card.text()).toContain(`Archive ${RENAMED}?`);
    await expectTeamsGuidance(card);
    await card.fill(/Reason/, 'Contract ended');
    await card.press('Archive');
    let text = await card.text();
    expect(text).toContain(`${RENAMED} is archived.`);
    expect(text).toContain('0 portal users, access paused');
    expect(text).toContain('Archived: Contract ended');

    // Archiving it again is answered at once, with no confirmation to fill in.
    const again = await alex.say(`archive ${RENAMED}`);
    text = await again.text();
    expect(text).toContain(`${RENAMED} is already archived`);
    expect(text).toContain('Contract ended');
    expect(await again.buttons()).toEqual(['Restore', 'Back to companies']);
    expect(await again.element.getByRole('textbox').count()).toBe(0);
    await expectTeamsGuidance(again);

    await again.press('Restore');
    expect(await again.text()).toContain(`Restore ${RENAMED}?`);
    await again.press('Restore');
    text = await again.text();
    expect(text).toContain(`${RENAMED} is restored`);
    expect(text).toContain('0 portal users with access');
    await expectTeamsGuidance(again);
    await again.screenshot('companies-restored');
  });

  it('offers "did you mean" for a mistyped company, and says at once why the own company cannot be archived', async () => {
    const users = await alex.say('users of Fabrkam');
    expect(await users.text()).toContain('I know no active company named "Fabrkam".');
    expect(await users.text()).toContain('Did you mean:');
    expect(await users.buttons()).toEqual(['Fabrikam, Inc.', 'Show companies']);
    await users.press('Fabrikam, Inc.');
    expect(await users.text()).toContain('Fabrikam, Inc.');
    expect(await users.text()).not.toContain('No such company');

    const archive = await alex.say('archive Nortwind');
    expect(await archive.buttons()).toEqual(['Northwind Traders', 'Show companies']);
    await archive.press('Northwind Traders');
    expect(await archive.text()).toContain('Archive Northwind Traders?');
    await archive.press('Cancel');
    expect(await archive.text()).toContain('Active companies');

    const own = await alex.say('archive Contoso IT Services');
    const text = await own.text();
    expect(text).toContain('Contoso IT Services is your own company; it can never be archived or deleted.');
    expect(await own.buttons()).toEqual(['Back to companies']);
    await expectTeamsGuidance(own);
    await own.screenshot('companies-own-company');
    await own.press('Back to companies');
    expect(await own.text()).toContain('Active companies');
  });

  it('shows a Technician no form he may not submit, and says why', async () => {
    const isaiah = await clicked.as('Isaiah Langer');
    const card = await isaiah.say('companies');
    expect(await card.rowActions('Northwind Traders')).toEqual({ buttons: ['Users'], overflow: ['History'] });
    expect(await card.buttons()).not.toContain('Add company');

    const rename = await isaiah.say('rename Northwind Traders');
    let text = await rename.text();
    expect(text).toContain('You cannot rename Northwind Traders');
    expect(text).toContain('Your role (Technician) cannot rename companies. Ask a Super Admin or an MSP Admin.');
    expect(await rename.element.getByRole('textbox').count()).toBe(0);
    expect(await rename.buttons()).toEqual(['Back to companies']);
    await expectTeamsGuidance(rename);

    const archive = await isaiah.say('archive Northwind');
    text = await archive.text();
    expect(text).toContain('You cannot archive Northwind Traders');
    expect(text).toContain('Your role (Technician) cannot archive companies.');
    expect(await archive.buttons()).toEqual(['Back to companies']);

    const add = await isaiah.say('add company Proseware');
    expect(await add.text()).toContain('Your role (Technician) cannot add companies.');
    expect(await add.element.getByRole('textbox').count()).toBe(0);

    await rename.press('Back to companies');
    expect(await rename.text()).toContain('Active companies');
    await rename.screenshot('companies-technician');
  });
});
