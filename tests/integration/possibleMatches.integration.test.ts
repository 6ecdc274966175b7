/**
 * DESIGN.md, "Matching people": nobody is duplicated without a person choosing. Adding someone who is
 * possibly a portal user the company already has (the same email once folded, or the same name with
 * another address) adds nobody and asks; only a submission carrying "Add as a new person anyway" for
 * that very match adds them, audited. A CSV row of that kind is held, and created only when ticked.
 * Through the bot's HTTP endpoint (card invokes) and the tab's API (tokens of the development issuer),
 * on the demo data in the Cosmos-protocol store; forged confirmations never get past an exact duplicate.
 */
import { randomUUID } from 'node:crypto';
import type { Stored } from '../../src/store/documents';
import type { AuditDoc, PortalUserDoc } from '../../src/store/model';
import { cardActions, cardClick, cardInputs, cardOf, cardTexts, click, personalMessage, postActivity } from '../helpers/botClient';
import { startTabApp, type TabApp } from '../helpers/tabApp';

jest.setTimeout(60_000);

let t: TabApp;
beforeAll(async () => {
  t = await startTabApp();
});
afterAll(() => t.close());

const repos = () => t.demo.app.services.repos;
type Data = Record<string, unknown>;

async function companyId(name: string): Promise<string> {
  return (await t.company(name)).companyId;
}

/** The company's users by id, each with its ETag: what must not move when nothing is to be written. */
async function usersState(company: string): Promise<Record<string, string>> {
  return Object.fromEntries((await t.users(await companyId(company))).map((u) => [u.id, u._etag]));
}

async function auditOf(company: string, action: string): Promise<Stored<AuditDoc>[]> {
  return (await repos().audit.list(await companyId(company), { pageSize: 1000 })).items.filter((a) => a.action === action);
}

async function clickAs(verb: string, data: Data): Promise<Record<string, unknown>> {
  const answer = await click(t.url, cardClick(t.demo.teams, t.demo.people.alex, verb, data));
  expect(answer.status).toBe(200);
  return answer.card;
}

/** The add-user form of a company, as alex opens it from the users card. */
async function addForm(company: string): Promise<Data> {
  const answer = await postActivity(t.url, personalMessage(t.demo.teams, t.demo.people.alex, `users of ${company}`));
  const users = cardOf(answer.replies[0]);
  const form = await clickAs('users.addForm', cardActions(users).find((a) => a.verb === 'users.addForm')!.data);
  expect(cardTexts(form)[0]).toBe(`Add a portal user to ${company}`);
  return cardActions(form).find((a) => a.verb === 'user.add')!.data;
}

const text = (card: unknown) => cardTexts(card).join('\n');

describe('add user in the bot', () => {
  const COMPANY = 'Northwind Traders';

  it('asks about a possible match by a folded email, adds nobody, and adds them once "Add as a new person anyway" is ticked', async () => {
    // Weg Strasse is a portal user; the new person's address differs only by ß.
    const first = await clickAs('user.add', { ...(await addForm(COMPANY)), name: 'Weg Strasse', email: 'weg.strasse@northwind.example', role: 'user', invite: 'false' });
    expect(text(first)).toContain('Weg Strasse is added to Northwind Traders as User');
    const weg = (await repos().portalUsers.findByEmail(await companyId(COMPANY), 'weg.strasse@northwind.example'))!;

    const submit = await addForm(COMPANY);
    const typed = { name: 'W. Straße', email: 'weg.Straße@northwind.example', phone: '+49 30 1234', role: 'manager', invite: 'false' };
    const before = await usersState(COMPANY);
    const refusalsBefore = (await auditOf(COMPANY, 'user.add')).filter((a) => a.result === 'refused').length;
    const asked = await clickAs('user.add', { ...submit, ...typed });
    const question =
      'Possible match: Weg Strasse (weg.strasse@northwind.example), the same email written differently. Is this the same person? Nothing was added. ' +
      'If this is someone else, tick "Add as a new person anyway" and press Add user again.';
    expect(cardTexts(asked)[0]).toBe('Add a portal user to Northwind Traders');
    expect(cardTexts(asked)).toContain(question);
    expect(JSON.stringify(asked)).toContain('"title":"Add as a new person anyway"');
    // The form comes back as typed, the confirmation not ticked, the same submit key.
    expect(cardInputs(asked)).toEqual({ ...typed, addAnyway: 'false' });
    expect(cardActions(asked).find((a) => a.verb === 'user.add')!.data.idempotencyKey).toBe(submit.idempotencyKey);
    expect(await usersState(COMPANY)).toEqual(before);
    // Like every other refusal of add user, it is in the history; no user record was written.
    const refusals = (await auditOf(COMPANY, 'user.add')).filter((a) => a.result === 'refused');
    expect(refusals).toHaveLength(refusalsBefore + 1);
    expect(refusals[0].message).toBe(question);

    // Ticking the toggle sends the match's id; the same submission then adds the new person.
    const toggle = JSON.stringify(asked).match(/"id":"addAnyway"[^}]*"valueOn":"([^"]+)"/)!;
    expect(toggle[1]).toBe(weg.id);
    const added = await clickAs('user.add', { ...submit, ...typed, addAnyway: toggle[1] });
    expect(text(added)).toContain('W. Straße is added to Northwind Traders as Manager, without portal access for now.');
    const created = (await repos().portalUsers.findByEmail(await companyId(COMPANY), 'weg.Straße@northwind.example'))!;
    expect(created).toMatchObject({ displayName: 'W. Straße', role: 'manager', access: 'none', phone: '+49 30 1234' });
    expect(created.id).not.toBe(weg.id);
    const done = (await auditOf(COMPANY, 'user.add')).filter((a) => a.result === 'done' && a.target.id === created.id);
    expect(done).toHaveLength(1);
    expect(done[0].actor.displayName).toBe('Alex Wilber');
  });

  it('asks about the same name with another address; a confirmation naming someone else does not count', async () => {
    const submit = await addForm(COMPANY);
    const typed = { name: 'isla macleod', email: 'isla@macleod-family.example', role: 'user', invite: 'false' };
    const before = await usersState(COMPANY);
    const asked = await clickAs('user.add', { ...submit, ...typed, addAnyway: randomUUID() });
    expect(text(asked)).toContain('Possible match: Isla MacLeod (isla.macleod@northwind.example), the same name, another email. Is this the same person?');
    const unticked = await clickAs('user.add', { ...submit, ...typed, addAnyway: 'false' });
    expect(text(unticked)).toContain('Possible match: Isla MacLeod');
    expect(await usersState(COMPANY)).toEqual(before);
  });

  it('refuses as before an exact duplicate, whatever confirmation the card data carries', async () => {
    const id = await companyId(COMPANY);
    const omar = (await repos().portalUsers.findByEmail(id, 'omar.haddad@northwind.example'))!;
    const submit = await addForm(COMPANY);
    const before = await usersState(COMPANY);
    const auditBefore = (await repos().audit.list(id, { pageSize: 1000 })).items.length;
    for (const addAnyway of [omar.id, 'true', randomUUID()]) {
      const card = await clickAs('user.add', { ...submit, name: 'Omar Haddad', email: 'OMAR.HADDAD@northwind.example', role: 'admin', invite: 'true', addAnyway });
      expect(text(card)).toContain('Omar Haddad (omar.haddad@northwind.example) is already a portal user of Northwind Traders');
    }
    expect(await usersState(COMPANY)).toEqual(before);
    expect((await repos().audit.list(id, { pageSize: 1000 })).items).toHaveLength(auditBefore);
  });
});

describe('add user in the tab', () => {
  const COMPANY = 'Fabrikam, Inc.';
  let admin: Stored<PortalUserDoc>;
  let token: string;
  beforeAll(async () => {
    admin = await t.user(COMPANY, 'admin', 'active');
    token = await t.tokenFor(admin);
    expect((await t.call('GET', '/api/tab/me', token)).status).toBe(200);
  });
  const add = async (body: Data) => t.call('POST', `/api/tab/companies/${await companyId(COMPANY)}/users`, token, body);

  it('answers a possible match with the question and adds nobody; with the confirmation, adds and audits', async () => {
    const key = `tab-${randomUUID()}`;
    const typed = { name: 'Mia Schmidt', email: 'mia@schmidt-family.example', phone: '', role: 'user', invite: 'false' };
    const before = await usersState(COMPANY);
    const asked = await add({ ...typed, addAnyway: 'false', key });
    expect(asked.status).toBe(422);
    expect(asked.body).toMatchObject({ status: 'refused', message: expect.stringMatching(/^Possible match: Mia Schmidt \(mia\.schmidt@fabrikam\.example\), the same name, another email\. Is this the same person\?/) });
    const match = asked.body.possibleMatch as { id: string; text: string };
    expect(match.text).toBe(asked.body.message);
    expect(await usersState(COMPANY)).toEqual(before);

    const added = await add({ ...typed, addAnyway: match.id, key });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ status: 'done', message: 'Mia Schmidt is added to Fabrikam, Inc. as User, without portal access for now.' });
    const created = (await repos().portalUsers.findByEmail(await companyId(COMPANY), 'mia@schmidt-family.example'))!;
    const done = (await auditOf(COMPANY, 'user.add')).filter((a) => a.result === 'done' && a.target.id === created.id);
    expect(done.map((a) => [a.surface, a.actor.displayName])).toEqual([['tab', admin.displayName]]);
    // The same key again (a double click) adds nobody more.
    expect((await add({ ...typed, addAnyway: match.id, key })).body.status).not.toBe('refused');
    expect((await t.users(await companyId(COMPANY))).filter((u) => u.email === 'mia@schmidt-family.example')).toHaveLength(1);
  });

  it('checks permissions and input before any match: a confirmation bypasses neither', async () => {
    const mia = (await repos().portalUsers.findByEmail(await companyId(COMPANY), 'mia.schmidt@fabrikam.example'))!;
    const managerToken = await t.tokenFor(await t.user(COMPANY, 'manager', 'active'));
    // The first sign-in binds the Manager's identity (a write of its own), before the state that must not move.
    expect((await t.call('GET', '/api/tab/me', managerToken)).status).toBe(200);
    const before = await usersState(COMPANY);
    const asManager = await t.call('POST', `/api/tab/companies/${await companyId(COMPANY)}/users`, managerToken, {
      name: 'Mia Schmidt', email: 'mia.s@elsewhere.example', role: 'admin', invite: 'false', addAnyway: mia.id, key: `tab-${randomUUID()}`
    });
    expect(asManager.status).toBe(403);
    expect(asManager.body).toMatchObject({ status: 'refused', message: 'Your role (Manager) can invite portal users only for the roles User and Training Only.' });
    const badEmail = await add({ name: 'Mia Schmidt', email: 'mia.s@', role: 'user', invite: 'false', addAnyway: mia.id, key: `tab-${randomUUID()}` });
    expect(badEmail.status).toBe(422);
    expect(badEmail.body).toMatchObject({ fields: { email: 'The email address "mia.s@" is not valid.' } });
    expect(badEmail.body.possibleMatch).toBeUndefined();
    expect(await usersState(COMPANY)).toEqual(before);
  });

  it('refuses an exact duplicate whatever the confirmation says, and changes nothing', async () => {
    const ava = (await repos().portalUsers.findByEmail(await companyId(COMPANY), 'ava.martin@fabrikam.example'))!;
    const before = await usersState(COMPANY);
    const answer = await add({ name: 'Ava Martin', email: 'Ava.Martin@fabrikam.example', role: 'user', invite: 'true', addAnyway: ava.id, key: `tab-${randomUUID()}` });
    expect(answer.body).toMatchObject({ status: 'noop', message: expect.stringContaining('is already a portal user of Fabrikam, Inc.') });
    expect(answer.body.possibleMatch).toBeUndefined();
    expect(await usersState(COMPANY)).toEqual(before);
  });
});

describe('CSV import in the tab', () => {
  const COMPANY = 'Fabrikam, Inc.';
  let token: string;
  beforeAll(async () => {
    token = await t.tokenFor(await t.user(COMPANY, 'admin', 'active'));
  });
  const post = async (path: string, body: Data) => t.call('POST', `/api/tab/companies/${await companyId(COMPANY)}${path}`, token, body);
  const csvOf = (lines: string[]) => Buffer.from(['name,email,role', ...lines].join('\n')).toString('base64');

  it('holds the possible matches, writes nothing for them, and creates only the ticked one, audited', async () => {
    const before = await t.users(await companyId(COMPANY));
    const imported = await post('/imports/csv', {
      fileName: 'fabrikam-matches.csv',
      contentBase64: csvOf(['Nadia Fresh,nadia.fresh@fabrikam.example,user', 'Noah Dubois,noah@dubois-home.example,user', 'Ethan K.,ｅｔｈａｎ.kim@fabrikam.example,user', 'Ava Martin,AVA.MARTIN@fabrikam.example,user']),
      invite: false,
      key: `tab-${randomUUID()}`
    });
    expect(imported.status).toBe(200);
    expect(imported.body.message).toBe('1 created, 1 skipped, 0 failed, 2 held as possible matches.');
    const summary = imported.body.summary as { held: { rowNumber: number; reason: string }[]; heldCount: number; reportToken: string; skipped: { rowNumber: number; reason: string }[] };
    expect(summary.heldCount).toBe(2);
    expect(summary.held).toEqual([
      { rowNumber: 3, name: 'Noah Dubois', email: 'noah@dubois-home.example', reason: 'Possible match: Noah Dubois (noah.dubois@fabrikam.example), the same name, another email — create anyway?' },
      { rowNumber: 4, name: 'Ethan K.', email: 'ｅｔｈａｎ.kim@fabrikam.example', reason: 'Possible match: Ethan Kim (ethan.kim@fabrikam.example), the same email written differently — create anyway?' }
    ]);
    expect(summary.skipped).toEqual([{ rowNumber: 5, name: 'Ava Martin', email: 'AVA.MARTIN@fabrikam.example', reason: 'Already a portal user of this company.' }]);
    const afterImport = await t.users(await companyId(COMPANY));
    expect(afterImport).toHaveLength(before.length + 1);
    expect(afterImport.map((u) => u.email)).not.toContain('noah@dubois-home.example');

    // A forged choice of the exact duplicate's row (and of a row that does not exist) changes nothing.
    const state = await usersState(COMPANY);
    const forged = await post('/imports/csv/held', { reportToken: summary.reportToken, rows: [5, 99], key: `tab-${randomUUID()}` });
    expect(forged.body).toMatchObject({ status: 'noop' });
    expect(await usersState(COMPANY)).toEqual(state);
    const otherReport = await post('/imports/csv/held', { reportToken: 'x'.repeat(43), rows: [3], key: `tab-${randomUUID()}` });
    expect(otherReport.body).toMatchObject({ status: 'refused', message: expect.stringContaining('no longer kept') });
    expect(await usersState(COMPANY)).toEqual(state);

    const chosen = await post('/imports/csv/held', { reportToken: summary.reportToken, rows: [3], key: `tab-${randomUUID()}` });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ status: 'done', message: 'Created anyway: Noah Dubois. 1 still held.' });
    const after = chosen.body.summary as { created: number; heldCount: number; held: { rowNumber: number }[] };
    expect(after).toMatchObject({ created: 2, heldCount: 1, held: [expect.objectContaining({ rowNumber: 4 })] });
    const noah = (await repos().portalUsers.findByEmail(await companyId(COMPANY), 'noah@dubois-home.example'))!;
    expect(noah).toMatchObject({ displayName: 'Noah Dubois', role: 'user', access: 'none' });
    const audited = (await auditOf(COMPANY, 'user.add')).filter((a) => a.target.id === noah.id);
    expect(audited.map((a) => [a.result, a.surface, a.reason])).toEqual([
      ['done', 'tab', 'CSV import fabrikam-matches.csv, row 3: Created anyway, by a person\'s choice (possible match: Noah Dubois (noah.dubois@fabrikam.example), the same name, another email).']
    ]);
    // The same choice again creates nobody twice.
    const again = await post('/imports/csv/held', { reportToken: summary.reportToken, rows: [3], key: `tab-${randomUUID()}` });
    expect(again.body).toMatchObject({ status: 'noop' });
    expect((await t.users(await companyId(COMPANY))).filter((u) => u.emailKey === 'noah@dubois-home.example')).toHaveLength(1);

    // The full report says which row was held and why, and which was created anyway.
    const report = await (await fetch(String((imported.body.summary as { reportUrl: string }).reportUrl))).text();
    expect(report).toContain('Held (possible match), not created');
    expect(report).toMatch(/3,Noah Dubois,noah@dubois-home\.example,Created,"?Created anyway/);
  });

  it('refuses a Manager, who cannot import, the held rows of an import too', async () => {
    const manager = await t.user(COMPANY, 'manager', 'active');
    const managerToken = await t.tokenFor(manager);
    expect((await t.call('GET', '/api/tab/me', managerToken)).status).toBe(200);
    const state = await usersState(COMPANY);
    const answer = await t.call('POST', `/api/tab/companies/${await companyId(COMPANY)}/imports/csv/held`, managerToken, { reportToken: 'y'.repeat(43), rows: [2], key: `tab-${randomUUID()}` });
    expect(answer.status).toBe(403);
    expect(await usersState(COMPANY)).toEqual(state);
  });
});
