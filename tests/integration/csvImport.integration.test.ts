import { randomUUID } from 'node:crypto';
import { readCsv } from '../../src/csv/readCsv';
import { cardActions, cardInputs, cardOf, cardTexts, click, cardClick, fileMessage, personalMessage, postActivity } from '../helpers/botClient';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';
import { startFileServer } from '../helpers/fileServer';

jest.setTimeout(60_000);

let demo: DemoApp;
let files: Awaited<ReturnType<typeof startFileServer>>;

beforeAll(async () => {
  demo = await startDemoApp();
  files = await startFileServer();
});
afterAll(async () => {
  await files.close();
  await demo.close();
});

const alex = () => demo.people.alex;

async function companyIdOf(name: string): Promise<string> {
  return (await demo.app.services.repos.companies.findByName(name))!.companyId;
}

async function userCount(companyName: string): Promise<number> {
  const stats = await demo.app.services.repos.userStats.recount(await companyIdOf(companyName));
  return Object.values(stats.counts).reduce((a, b) => a + b, 0);
}

async function say(text: string, who = alex()) {
  const answer = await postActivity(demo.url, personalMessage(demo.teams, who, text));
  expect(answer.status).toBe(200);
  return cardOf(answer.replies[0]);
}

/** Sends a file as Teams does and returns the bot's answer card. */
async function sendFile(name: string, content: Buffer | string, options: { id?: string; who?: typeof alex extends () => infer P ? P : never } = {}) {
  files.put(name, content);
  const answer = await postActivity(demo.url, fileMessage(demo.teams, options.who ?? alex(), { name, downloadUrl: files.url(name) }, options.id));
  expect(answer.status).toBe(200);
  return cardOf(answer.replies[0]);
}

function text(card: unknown): string {
  return cardTexts(card).join('\n');
}

describe('CSV import of portal users from a file sent in personal chat', () => {
  it('explains the steps, links the template, and imports the file sent next: rows checked one by one', async () => {
    const start = await say('import csv for Northwind Traders');
    expect(text(start)).toContain('Import portal users into Northwind Traders');
    const openUrl = JSON.stringify(start).match(/"url":"([^"]+portal-users\.csv)"/);
    expect(openUrl).not.toBeNull();

    const template = await fetch(openUrl![1]);
    expect(template.headers.get('content-type')).toContain('text/csv');
    const templateTable = readCsv(Buffer.from(await template.arrayBuffer()));
    expect(templateTable.header).toEqual(['Name', 'Email', 'Phone', 'Role']);

    const before = await userCount('Northwind Traders');
    const existing = (await demo.app.services.repos.portalUsers.list(await companyIdOf('Northwind Traders'), { pageSize: 1, category: 'enabled' })).items[0];
    const csv = [
      '\uFEFFName;Email;Phone;Role',
      'Olga Petrova;olga.petrova@northwind.example;+44 20 7946 0001;Manager',
      '"Smith; John";john.smith@northwind.example;;User',
      '"Anna ""Annie"" Lee";anna.lee@northwind.example;;',
      ';missing.name@northwind.example;;User',
      'No Email;;;User',
      'Bad Role;bad.role@northwind.example;;Owner',
      `Already There;${existing.email.toUpperCase()};;User`,
      'Olga Again;OLGA.PETROVA@northwind.example;;User',
      'Zoë Ångström-Müller;zoe.am@northwind.example;;Training Only'
    ].join('\r\n');
    const result = await sendFile('northwind-users.csv', csv);
    const shown = text(result);
    expect(shown).toContain('CSV import into Northwind Traders');
    expect(cardTexts(result)).toEqual(expect.arrayContaining(['Created', '4', 'Skipped', '2', 'Failed', '3']));
    expect(shown).toMatch(/Row 5: .*name/i);
    expect(shown).toMatch(/Row 6: .*email/i);
    expect(shown).toMatch(/Row 7: .*"Owner"/);
    expect(shown).toContain('Row 8: Already a portal user of this company.');
    expect(shown).toMatch(/Row 9: Duplicate of row 2/);
    expect(await userCount('Northwind Traders')).toBe(before + 4);

    const created = await demo.app.services.repos.portalUsers.findByEmail(await companyIdOf('Northwind Traders'), 'anna.lee@northwind.example');
    expect(created).toMatchObject({ displayName: 'Anna "Annie" Lee', role: 'user', access: 'none' });
    expect((await demo.app.services.repos.portalUsers.findByEmail(await companyIdOf('Northwind Traders'), 'john.smith@northwind.example'))?.displayName).toBe('Smith; John');

    // The full report: every row, safe to open in a spreadsheet.
    const reportUrl = JSON.stringify(result).match(/"url":"([^"]+\/reports\/[^"]+)"/)![1];
    const report = readCsv(Buffer.from(await (await fetch(reportUrl)).arrayBuffer()));
    expect(report.header).toEqual(['Row', 'Name', 'Email', 'Outcome', 'Reason']);
    expect(report.rows.map((r) => r.cells[0])).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '10']);
    // Each row names its person, skipped and failed rows too (row 5 has no name in the file).
    expect(report.rows.map((r) => [r.cells[0], r.cells[1], r.cells[3]])).toEqual([
      ['2', 'Olga Petrova', 'Created'],
      ['3', 'Smith; John', 'Created'],
      ['4', 'Anna "Annie" Lee', 'Created'],
      ['5', '', 'Failed'],
      ['6', 'No Email', 'Failed'],
      ['7', 'Bad Role', 'Failed'],
      ['8', 'Already There', 'Skipped'],
      ['9', 'Olga Again', 'Skipped'],
      ['10', 'Zoë Ångström-Müller', 'Created']
    ]);
  });

  it('imports nobody from the template as downloaded, and says why', async () => {
    const start = await say('import csv for Northwind Traders');
    const templateUrl = JSON.stringify(start).match(/"url":"([^"]+portal-users\.csv)"/)![1];
    const template = Buffer.from(await (await fetch(templateUrl)).arrayBuffer());
    // The template shows its examples (as comment lines).
    expect(template.toString('utf8')).toContain('ava.martin@example.com');
    const before = await userCount('Northwind Traders');
    const result = await sendFile('portal-users-template.csv', template);
    const shown = text(result);
    expect(shown).toContain('nobody to import');
    expect(shown).toContain('lines starting with #');
    expect(await userCount('Northwind Traders')).toBe(before);
    for (const email of ['ava.martin@example.com', 'liam.obrien@example.com']) {
      expect(await demo.app.services.repos.portalUsers.findByEmail(await companyIdOf('Northwind Traders'), email)).toBeUndefined();
    }
  });

  it('writes nothing for a bad row, and a report cell that looks like a formula is neutralised', async () => {
    await say('import csv for Northwind Traders');
    const before = await userCount('Northwind Traders');
    const result = await sendFile('formula.csv', 'name,email,phone,role\n"=HYPERLINK(""http://evil.example"",""x"")",not-an-email,,User\n');
    expect(cardTexts(result)).toEqual(expect.arrayContaining(['Created', '0', 'Failed', '1']));
    expect(await userCount('Northwind Traders')).toBe(before);
    const reportUrl = JSON.stringify(result).match(/"url":"([^"]+\/reports\/[^"]+)"/)![1];
    const raw = await (await fetch(reportUrl)).text();
    expect(raw).not.toMatch(/(^|,)=/m);
  });

  it('imports 10 000 rows in one file, creating each person once, and a Teams retry of the message creates nothing more', async () => {
    await say('import csv for Adatum Corporation');
    const before = await userCount('Adatum Corporation');
    const rows = Array.from({ length: 10_000 }, (_, i) => `Person ${i},person.${i}@adatum.example,,${i % 10 === 0 ? 'Manager' : 'User'}`);
    const content = ['name,email,phone,role', ...rows].join('\n');
    const id = randomUUID();
    const result = await sendFile('adatum-10k.csv', content, { id });
    expect(cardTexts(result)).toEqual(expect.arrayContaining(['Created', '10000', 'Skipped', '0', 'Failed', '0']));
    expect(JSON.stringify(result).length).toBeLessThan(28 * 1024);
    expect(await userCount('Adatum Corporation')).toBe(before + 10_000);

    // Teams retries a message it got no answer for with the same activity id.
    await say('import csv for Adatum Corporation');
    const retry = await sendFile('adatum-10k.csv', content, { id });
    expect(cardTexts(retry)).toEqual(expect.arrayContaining(['Created', '10000']));
    expect(await userCount('Adatum Corporation')).toBe(before + 10_000);
    const stats = await demo.app.services.repos.userStats.get(await companyIdOf('Adatum Corporation'));
    expect(stats.counts.none).toBe((await demo.app.services.repos.userStats.recount(await companyIdOf('Adatum Corporation'))).counts.none);
  });

  it('a second file with the same people skips them all as already there', async () => {
    await say('import csv for Adatum Corporation');
    const result = await sendFile('again.csv', 'name,email\nPerson 1,PERSON.1@adatum.example\nPerson 2,person.2@adatum.example\n');
    expect(cardTexts(result)).toEqual(expect.arrayContaining(['Created', '0', 'Skipped', '2']));
    expect(text(result)).toContain('Rows 2\u20133: Already a portal user of this company.');
  });

  it('invites the imported people when asked, within the hourly limit, reporting the rest', async () => {
    const start = await say('import csv for Fabrikam');
    const save = cardActions(start).find((a) => a.verb === 'csv.options')!;
    const saved = await click(demo.url, cardClick(demo.teams, alex(), save.verb, { ...save.data, invite: 'true' }));
    expect(text(saved.card)).toContain('everyone imported gets an invitation');
    const mailsBefore = demo.integrations.localGraph.sentMail().length;
    const result = await sendFile('fabrikam-new.csv', 'name,email,role\nIvy New,ivy.new@fabrikam.example,User\nIan New,ian.new@fabrikam.example,Manager\n');
    expect(cardTexts(result)).toEqual(expect.arrayContaining(['Created', '2', 'Invited', '2']));
    const mails = demo.integrations.localGraph.sentMail().slice(mailsBefore);
    expect(mails.map((m) => JSON.stringify(m.to))).toEqual(expect.arrayContaining([expect.stringContaining('ivy.new@fabrikam.example'), expect.stringContaining('ian.new@fabrikam.example')]));
    const ivy = await demo.app.services.repos.portalUsers.findByEmail(await companyIdOf('Fabrikam, Inc.'), 'ivy.new@fabrikam.example');
    expect(ivy?.access).toBe('invited');
  });

  it.each([
    ['not a CSV file', 'users.xlsx', Buffer.from('PK\u0003\u0004 excel'), 'Not a CSV file'],
    ['an Excel workbook renamed .csv', 'users.csv', Buffer.from('PK\u0003\u0004 excel'), 'Excel workbook'],
    ['no email column', 'users.csv', 'name,phone\nA,1\n', 'email'],
    ['an empty file', 'users.csv', '', 'empty']
  ])('refuses %s with a clear reason and writes nothing', async (_case, name, content, reason) => {
    await say('import csv for Northwind Traders');
    const before = await userCount('Northwind Traders');
    const result = await sendFile(name, content);
    expect(text(result)).toContain(reason);
    expect(await userCount('Northwind Traders')).toBe(before);
  });

  it('asks which company a file is for when no import is waiting', async () => {
    const result = await sendFile('orphan.csv', 'name,email\nA,a@example.com\n', { who: demo.people.megan });
    expect(text(result)).toContain('Which company is this file for?');
  });

  it('holds rows that are possibly people already there, lists each with its choice, and creates only the ticked ones, audited', async () => {
    await say('import csv for Northwind Traders');
    const companyId = await companyIdOf('Northwind Traders');
    const before = await userCount('Northwind Traders');
    const csv = [
      'Name,Email,Role',
      'Rosa Fresh,rosa.fresh@northwind.example,User',
      'Omar Haddad,omar@haddad-family.example,User',
      'Yuki T.,ｙｕｋｉ.tanaka@northwind.example,Manager',
      'Amara Okafor,AMARA.OKAFOR@northwind.example,User',
      'R. Fresh,ｒｏｓａ.fresh@northwind.example,User'
    ].join('\n');
    const result = await sendFile('northwind-matches.csv', csv);
    const shown = text(result);
    expect(cardTexts(result)).toEqual(expect.arrayContaining(['Created', '1', 'Skipped', '1', 'Failed', '0', 'Held (possible matches)', '3']));
    expect(shown).toContain('Possible matches held (3): not created');
    expect(cardTexts(result)).toEqual(
      expect.arrayContaining([
        'Row 3: Omar Haddad (omar@haddad-family.example). Possible match: Omar Haddad (omar.haddad@northwind.example), the same name, another email — create anyway?',
        'Row 4: Yuki T. (ｙｕｋｉ.tanaka@northwind.example). Possible match: Yuki Tanaka (yuki.tanaka@northwind.example), the same email written differently — create anyway?',
        'Row 6: R. Fresh (ｒｏｓａ.fresh@northwind.example). Possible match: row 2, Rosa Fresh (rosa.fresh@northwind.example), the same email written differently — create anyway?'
      ])
    );
    expect(shown).toContain('Row 5: Already a portal user of this company.');
    // One choice per held row, none ticked: nothing is written for them.
    expect(cardInputs(result)).toEqual({ 'held-3': 'false', 'held-4': 'false', 'held-6': 'false' });
    expect(JSON.stringify(result)).toContain('"title":"Create Omar Haddad anyway"');
    expect(await userCount('Northwind Traders')).toBe(before + 1);
    expect(await demo.app.services.repos.portalUsers.findByEmail(companyId, 'omar@haddad-family.example')).toBeUndefined();
    const reportUrl = JSON.stringify(result).match(/"url":"([^"]+\/reports\/[^"]+)"/)![1];
    const report = readCsv(Buffer.from(await (await fetch(reportUrl)).arrayBuffer()));
    expect(report.rows.map((r) => [r.cells[0], r.cells[3]])).toEqual([
      ['2', 'Created'],
      ['3', 'Held (possible match), not created'],
      ['4', 'Held (possible match), not created'],
      ['5', 'Skipped'],
      ['6', 'Held (possible match), not created']
    ]);

    // Omar is someone else: ticked, and created.
    const button = cardActions(result).find((a) => a.title === 'Create the ticked people')!;
    expect(button.verb).toBe('csv.createHeld');
    const chosen = await click(demo.url, cardClick(demo.teams, alex(), button.verb, { ...button.data, ...cardInputs(result), 'held-3': 'true' }));
    expect(cardTexts(chosen.card)).toContain('Created anyway: Omar Haddad. 2 still held.');
    expect(cardTexts(chosen.card)).toEqual(expect.arrayContaining(['Created', '2', 'Held (possible matches)', '2']));
    expect(cardInputs(chosen.card)).toEqual({ 'held-4': 'false', 'held-6': 'false' });
    expect(await userCount('Northwind Traders')).toBe(before + 2);
    const omar = (await demo.app.services.repos.portalUsers.findByEmail(companyId, 'omar@haddad-family.example'))!;
    expect(omar).toMatchObject({ displayName: 'Omar Haddad', role: 'user', access: 'none' });
    const audit = (await demo.app.services.repos.audit.list(companyId, { pageSize: 1000 })).items.filter((a) => a.target.id === omar.id);
    expect(audit.map((a) => [a.action, a.result, a.actor.displayName])).toEqual([['user.add', 'done', 'Alex Wilber']]);
    expect(audit[0].reason).toContain('Created anyway');

    // Forged choices (the exact duplicate's row, a created row, a row that is not in the file) change nothing.
    const auditCount = (await demo.app.services.repos.audit.list(companyId, { pageSize: 1000 })).items.length;
    const forged = await click(demo.url, cardClick(demo.teams, alex(), button.verb, { ...button.data, 'held-5': 'true', 'held-3': 'true', 'held-2': 'true', 'held-77': 'true' }));
    expect(text(forged.card)).toContain('Nothing was created');
    expect(await userCount('Northwind Traders')).toBe(before + 2);
    expect(await demo.app.services.repos.portalUsers.findByEmail(companyId, 'AMARA.OKAFOR@northwind.example')).toMatchObject({ email: 'amara.okafor@northwind.example' });
    // Someone whose role cannot import pressing the same button is refused, and nothing is created.
    const technician = await click(demo.url, cardClick(demo.teams, demo.people.isaiah, button.verb, { ...button.data, 'held-4': 'true' }));
    expect(text(technician.card)).toContain('Your role (Technician) cannot import users.');
    expect(await userCount('Northwind Traders')).toBe(before + 2);
    // The refusal is in the history, as every refused import is; nothing else was recorded.
    const after = (await demo.app.services.repos.audit.list(companyId, { pageSize: 1000 })).items;
    expect(after).toHaveLength(auditCount + 1);
    expect(after[0]).toMatchObject({ action: 'users.importCsv', result: 'refused', actor: expect.objectContaining({ displayName: 'Isaiah Langer' }) });
  });

  it('refuses an import into an archived company before any file is sent', async () => {
    const start = await say('import csv for Tailspin Toys');
    expect(text(start)).toContain('Tailspin Toys is archived');
  });

  it('refuses the import command to a Technician, whose role cannot import', async () => {
    const start = await say('import csv for Northwind Traders', demo.people.isaiah);
    expect(text(start)).toContain('Your role (Technician) cannot import users.');
  });
});
