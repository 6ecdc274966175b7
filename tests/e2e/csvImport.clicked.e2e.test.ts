/**
 * CSV import, clicked in the Agents Playground's own page as Alex Wilber does it. The playground cannot
 * attach a file to a message, so the message with the file is sent the way its page offers for any
 * activity: "Mock an Activity" > "Custom activity", whose editor is filled with the activity Teams
 * sends a bot for a file (`application/vnd.microsoft.teams.file.download.info` with a download URL,
 * here a local file server standing in for SharePoint), then "Send activity".
 */
import { startClickedRun, type ClickedRun } from '../helpers/clickedRun';
import { startFileServer } from '../helpers/fileServer';
import type { PlaygroundPage } from '../helpers/playgroundPage';

jest.setTimeout(180_000);

let clicked: ClickedRun;
let alex: PlaygroundPage;
let files: Awaited<ReturnType<typeof startFileServer>>;

beforeAll(async () => {
  files = await startFileServer();
  clicked = await startClickedRun('csv');
  alex = await clicked.as('Alex Wilber');
});

afterEach(() => clicked.expectNoPageErrors());
afterAll(async () => {
  await clicked?.stop();
  await files?.close();
});

/** Sends a file to the bot in the personal chat through the page's custom-activity editor. */
async function sendFile(page: PlaygroundPage, name: string): Promise<void> {
  await page.markSeen();
  await page.page.getByText('Mock an Activity', { exact: true }).click();
  await page.page.getByRole('menuitem', { name: 'Custom activity' }).click();
  const dialog = page.page.getByRole('dialog');
  const editor = dialog.locator('.monaco-editor, [role="code"], textarea').first();
  await editor.waitFor();
  // The editor opens with the activity the page would send (the playground's template for this chat,
  // read here from the same address the page reads it from); keep its addressing, make it a file message.
  const base = new URL(page.page.url()).origin;
  const chat = (await (await fetch(`${base}/_internal/v1/config`)).json()) as { config: { personalChat: { id: string } } };
  const template = (await (await fetch(`${base}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(chat.config.personalChat.id)}`)).json()) as Record<string, unknown>;
  const activity = {
    ...template,
    type: 'message',
    text: '',
    attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name, content: { downloadUrl: files.url(name), fileType: 'csv' } }]
  };
  await editor.click();
  await page.page.keyboard.press('ControlOrMeta+A');
  await page.page.keyboard.press('Delete');
  await page.page.keyboard.insertText(JSON.stringify(activity));
  await dialog.getByRole('button', { name: 'Send activity' }).click();
}

describe('import csv, clicked', () => {
  it('takes the file sent after the command: every row checked, created and skipped people named with their row, nothing written for a bad row', async () => {
    const card = await alex.say('import csv for Northwind Traders');
    expect(await card.text()).toContain('Import portal users into Northwind Traders');
    expect(await card.text()).toContain('Download the template');
    await card.screenshot('csv-instructions');

    files.put(
      'northwind.csv',
      ['Name,Email,Phone,Role', 'Rafael Costa,rafael.costa@northwind.example,,User', 'Bad Row,not-an-email,,User', 'Mina Park,mina.park@northwind.example,+44 20 7946 0000,Manager'].join('\n')
    );
    await sendFile(alex, 'northwind.csv');
    const result = await alex.nextCard(30_000);
    const text = await result.text();
    expect(text).toContain('northwind.csv: 3 rows');
    expect(text).toContain('Created: Rafael Costa and Mina Park.');
    expect(text).toMatch(/Failed \(1\): nothing was written for these rows\s+Row 3: The email address "not-an-email" is not valid\./);
    // The full report, one line per row, opens from the card.
    expect(text).toContain('Download the full report (CSV)');
    // (The playground renders an Action.OpenUrl as a link whose title is its address.)
    const link = result.element.getByRole('link', { name: 'Download the full report (CSV)' });
    const report = await (await fetch(String((await link.getAttribute('href')) ?? (await link.getAttribute('title'))))).text();
    expect(report).toMatch(/Mina Park/);
    expect(report).toMatch(/not-an-email/);
    await result.screenshot('csv-result');

    const users = await alex.say('users of Northwind Traders');
    await users.press(/^No access \(/);
    const listed = await users.text();
    expect(listed).toContain('Rafael Costa');
    expect(listed).toContain('Mina Park');
    expect(listed).not.toContain('Bad Row');
  });

  it('holds a possible match of someone already there, says who, and creates them once "Create … anyway" is ticked', async () => {
    await alex.say('import csv for Northwind Traders');
    files.put('northwind-matches.csv', ['Name,Email,Phone,Role', 'Lena Fresh,lena.fresh@northwind.example,,User', 'Omar Haddad,omar@haddad-family.example,,User'].join('\n'));
    await sendFile(alex, 'northwind-matches.csv');
    const result = await alex.nextCard(30_000);
    let text = await result.text();
    expect(text).toContain('Created: Lena Fresh.');
    expect(text).toContain('Possible matches held (1): not created');
    expect(text).toContain(
      'Row 3: Omar Haddad (omar@haddad-family.example). Possible match: Omar Haddad (omar.haddad@northwind.example), the same name, another email — create anyway?'
    );
    expect(await result.element.getByRole('checkbox', { name: 'Create Omar Haddad anyway' }).isChecked()).toBe(false);
    await result.screenshot('csv-held-possible-match');

    await result.tick('Create Omar Haddad anyway');
    await result.press('Create the ticked people');
    text = await result.text();
    expect(text).toContain('Created anyway: Omar Haddad.');
    expect(text).toContain('Created: Lena Fresh and Omar Haddad.');
    expect(text).not.toContain('Possible matches held');

    const users = await alex.say('users of Northwind Traders');
    await users.press(/^No access \(/);
    await users.fill('Search by name or email', 'haddad-family');
    await users.press('Search');
    expect(await users.text()).toContain('omar@haddad-family.example');
  });
});
