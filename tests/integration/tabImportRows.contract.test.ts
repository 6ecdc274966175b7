/**
 * A row's own decisions on the tab's Entra import page, through /api/tab as the tab sends them (the
 * page's ticks and typed emails with every action) with a client Admin's token of the development
 * issuer, against the real services, the Cosmos-protocol store and the local Microsoft Graph, whose
 * Fabrikam tenant the tests add people to: "Link to…" a portal user by hand, a possible match's "Create
 * new" and "Link to <name>", and using a sign-in name as the email of someone without a mailbox. Forged
 * ids are refused and change nothing; a bad body is a 400 that writes nothing at all.
 */
import { randomUUID } from 'node:crypto';
import type { LocalUser } from '../../src/dev/localGraph';
import type { Stored } from '../../src/store/documents';
import type { CompanyDoc, PortalUserDoc } from '../../src/store/model';
import type { EntraImportInput, WireImportPage, WireImportRow, WireJob } from '../../src/web/routes/tab/wire';
import { portalUserDoc } from '../helpers/builders';
import { startTabApp, type TabApp } from '../helpers/tabApp';

jest.setTimeout(60_000);

let t: TabApp;
let fabrikam: Stored<CompanyDoc>;
let northwind: Stored<CompanyDoc>;
let token: string;

beforeAll(async () => {
  t = await startTabApp();
  fabrikam = await t.company('Fabrikam, Inc.');
  northwind = await t.company('Northwind Traders');
  token = await t.tokenFor(await t.user('Fabrikam, Inc.', 'admin', 'active'));
  expect((await t.call('GET', '/api/tab/me', token)).status).toBe(200);
});
afterAll(() => t?.close());

const repos = () => t.demo.app.services.repos;
const importPath = () => `/api/tab/companies/${fabrikam.companyId}/entra-import`;

/** Someone new in Fabrikam's Microsoft Entra ID; `mail: null` for an account without a mailbox. */
function inEntra(displayName: string, mail: string | null, userPrincipalName = mail ?? ''): LocalUser {
  const [givenName, surname] = displayName.split(' ');
  const user: LocalUser = { id: randomUUID(), displayName, givenName, surname, mail, userPrincipalName, jobTitle: 'Analyst', mobilePhone: null, accountEnabled: true, userType: 'Member' };
  t.demo.integrations.localGraph.tenant(fabrikam.tenantId!).add(user);
  return user;
}

/** A Fabrikam portal user linked to nobody. */
function portalUser(name: string, email: string): Promise<Stored<PortalUserDoc>> {
  return repos().portalUsers.create(portalUserDoc(repos().mspId, fabrikam.companyId, name, { email, emailKey: email.toLowerCase(), access: 'none' }));
}

/** What the tab sends with every action: the rows shown, their ticks and typed emails, the choices. */
function inputs(page: WireImportPage, changes: { picks?: Record<string, boolean>; emails?: Record<string, string>; invite?: boolean } = {}): EntraImportInput {
  return {
    move: 'stay',
    rowIds: page.rows.map((row) => row.id),
    autoPicked: page.rows.filter((row) => row.autoPicked).map((row) => row.id),
    picks: { ...Object.fromEntries(page.rows.map((row) => [row.id, row.picked])), ...changes.picks },
    emails: { ...Object.fromEntries(page.rows.filter((row) => row.needsEmail).map((row) => [row.id, row.emailValue])), ...changes.emails },
    role: page.role ?? 'user',
    invite: changes.invite ?? page.invite,
    search: page.search
  };
}

function pageOf(answer: { status: number; body: Record<string, unknown> }): WireImportPage {
  expect(answer).toEqual({ status: 200, body: expect.objectContaining({ kind: 'page' }) });
  return answer.body.page as WireImportPage;
}

function rowOf(page: WireImportPage, id: string): WireImportRow {
  const row = page.rows.find((r) => r.id === id);
  if (!row) throw new Error(`no row ${id} on the page: ${page.rows.map((r) => r.name).join(', ')}`);
  return row;
}

/** A new import session, searched for `text`. */
async function openAt(text: string): Promise<WireImportPage> {
  const opened = pageOf(await t.call('POST', importPath(), token, {}));
  return pageOf(await t.call('POST', `${importPath()}/${opened.sessionId}`, token, { ...inputs(opened), move: 'search', search: text }));
}

function decide(page: WireImportPage, rowId: string, decision: Record<string, unknown>, changes?: Parameters<typeof inputs>[1]) {
  return t.call('POST', `${importPath()}/${page.sessionId}/rows/${rowId}`, token, { ...inputs(page, changes), ...decision });
}

function linkChoices(page: WireImportPage, rowId: string, search: unknown) {
  return t.call('POST', `${importPath()}/${page.sessionId}/rows/${rowId}/link-choices`, token, { ...inputs(page), search });
}

/** The Import button: the people ticked, imported in the request (a small import). */
async function importPicked(page: WireImportPage, changes: Parameters<typeof inputs>[1]): Promise<WireJob> {
  const answer = await t.call('POST', `${importPath()}/${page.sessionId}/start`, token, { ...inputs(page, changes), key: `rows-${randomUUID()}` });
  expect(answer.status).toBe(200);
  const job = answer.body.job as WireJob;
  expect(job).toEqual(expect.objectContaining({ inline: true, state: 'done' }));
  return job;
}

const fabrikamUsers = () => t.users(fabrikam.companyId);
const etags = async (companyId: string) => Object.fromEntries((await t.users(companyId)).map((u) => [u.id, u._etag]));

describe('"Link to…" by hand', () => {
  it('lists the unlinked portal users, links the row, and importing links that user (no duplicate), who takes Entra’s name and email, with its audit record', async () => {
    const robin = inEntra('Robin Fairweather', 'robin.fairweather@fabrikam.example');
    const old = await portalUser('Robin F.', 'robin.f@home.example');
    const page = await openAt('Robin Fairweather');
    expect(rowOf(page, robin.id)).toEqual(expect.objectContaining({ status: 'new', offers: expect.objectContaining({ linkTo: true, undo: false }) }));

    const choices = await linkChoices(page, robin.id, 'robin');
    expect(choices).toEqual({ status: 200, body: { kind: 'linkChoices', choices: expect.objectContaining({ rowId: robin.id, search: 'robin', more: false, shown: 25 }) } });
    const listed = (choices.body.choices as { users: { id: string; name: string; email: string; status: string }[] }).users;
    expect(listed).toContainEqual({ id: old.id, name: 'Robin F.', email: 'robin.f@home.example', status: expect.any(String) });
    const everyone = await fabrikamUsers();
    expect(listed.filter((choice) => everyone.find((u) => u.id === choice.id)?.entraObjectId)).toEqual([]);
    const none = await linkChoices(page, robin.id, 'nobody-is-called-this');
    expect((none.body.choices as { users: unknown[] }).users).toEqual([]);

    const linked = rowOf(pageOf(await decide(page, robin.id, { resolve: 'link', userId: old.id })), robin.id);
    expect(linked).toEqual(expect.objectContaining({ status: 'willLink', statusText: 'Will link to Robin F.: name and email will follow Entra ID', picked: true }));
    expect(linked.offers).toEqual(expect.objectContaining({ undo: true }));

    const count = everyone.length;
    const job = await importPicked(page, { picks: { [robin.id]: true } });
    expect(job.progress).toEqual(expect.objectContaining({ linked: 1, created: 0, failed: 0 }));
    const after = await fabrikamUsers();
    expect(after).toHaveLength(count);
    expect(after.filter((u) => u.entraObjectId === robin.id).map((u) => u.id)).toEqual([old.id]);
    expect(await repos().portalUsers.get(fabrikam.companyId, old.id)).toEqual(expect.objectContaining({ displayName: 'Robin Fairweather', email: 'robin.fairweather@fabrikam.example', entraObjectId: robin.id }));
    const audit = (await repos().audit.list(fabrikam.companyId, { pageSize: 1000 })).items;
    expect(audit.filter((r) => r.action === 'user.linkEntra' && r.target.id === old.id)).toEqual([expect.objectContaining({ result: 'done', surface: 'tab' })]);
  });

  it('undoes a link: the row is new again, and nobody is linked', async () => {
    const sky = inEntra('Sky Undone', 'sky.undone@fabrikam.example');
    const old = await portalUser('Sky U.', 'sky.u@home.example');
    const page = await openAt('Sky Undone');
    expect(rowOf(pageOf(await decide(page, sky.id, { resolve: 'link', userId: old.id })), sky.id).status).toBe('willLink');
    const undone = rowOf(pageOf(await decide(page, sky.id, { resolve: 'undo' })), sky.id);
    expect(undone).toEqual(expect.objectContaining({ status: 'new', statusText: 'New' }));
    expect((await repos().importSessions.get(fabrikam.companyId, page.sessionId))?.links ?? {}).toEqual({});
  });
});

describe('forged and bad requests', () => {
  let page: WireImportPage;
  let jordan: LocalUser;
  beforeAll(async () => {
    jordan = inEntra('Jordan Forgery', 'jordan.forgery@fabrikam.example');
    page = await openAt('Jordan Forgery');
  });

  it('refuses another company’s user, a user linked to someone else, and a row not in the company’s tenant: nothing changed', async () => {
    const session = await repos().importSessions.get(fabrikam.companyId, page.sessionId);
    const before = { fabrikam: await etags(fabrikam.companyId), northwind: await etags(northwind.companyId) };
    const otherCompany = (await t.users(northwind.companyId))[0];
    const linkedElsewhere = (await fabrikamUsers()).find((u) => u.entraObjectId && u.access === 'active')!;
    const northwindPerson = [...t.demo.integrations.localGraph.tenant(northwind.tenantId!).users()][0];
    const free = await portalUser('Nobody Chosen', 'nobody.chosen@home.example');

    const refusals = [
      [await decide(page, jordan.id, { resolve: 'link', userId: otherCompany.id }), /not one of this company/],
      [await decide(page, jordan.id, { resolve: 'link', userId: linkedElsewhere.id }), /already linked to another Entra ID account/],
      [await decide(page, northwindPerson.id, { resolve: 'createNew' }), /not in Fabrikam, Inc.’s Microsoft Entra ID/],
      [await decide(page, randomUUID(), { resolve: 'link', userId: free.id }), /not in Fabrikam/],
      [await linkChoices(page, northwindPerson.id, ''), /not in Fabrikam/]
    ] as const;
    for (const [answer, message] of refusals) expect(answer).toEqual({ status: 422, body: { kind: 'refused', message: expect.stringMatching(message) } });

    const now = await repos().importSessions.get(fabrikam.companyId, page.sessionId);
    expect({ links: now?.links ?? {}, newPeople: now?.newPeople ?? [], picked: now?.picked, emails: now?.emails }).toEqual({ links: session?.links ?? {}, newPeople: session?.newPeople ?? [], picked: session?.picked, emails: session?.emails });
    const users = await etags(fabrikam.companyId);
    expect(Object.fromEntries(Object.entries(users).filter(([id]) => id in before.fabrikam))).toEqual(before.fabrikam);
    expect(await etags(northwind.companyId)).toEqual(before.northwind);
    expect(JSON.stringify(refusals)).not.toContain(otherCompany.displayName);
  });

  it('answers a bad body with a clear 400 and writes nothing, not even the page’s ticks', async () => {
    const session = await repos().importSessions.get(fabrikam.companyId, page.sessionId);
    const row = `${importPath()}/${page.sessionId}/rows/${jordan.id}`;
    const body = inputs(page, { picks: { [jordan.id]: true } });
    const bad: [string, Record<string, unknown>][] = [
      [row, { ...body }],
      [row, { ...body, resolve: 'merge' }],
      [row, { ...body, resolve: 'link' }],
      [row, { ...body, resolve: 'link', userId: 'not a user id' }],
      [row, { ...body, resolve: 'undo', picks: 'all of them' }],
      [`${importPath()}/${page.sessionId}/rows/not%20a%20row`, { ...body, resolve: 'undo' }],
      [`${row}/link-choices`, { ...body, search: 'x'.repeat(101) }],
      [`${row}/link-choices`, { ...body, search: 42 }]
    ];
    for (const [path, request] of bad) {
      const answer = await t.call('POST', path, token, request);
      expect(answer).toEqual({ status: 400, body: { error: { code: 'invalid', message: expect.stringMatching(/\w.*\./) } } });
    }
    expect((await repos().importSessions.get(fabrikam.companyId, page.sessionId))?._etag).toBe(session?._etag);
  });
});

describe('a possible match', () => {
  it('is held until someone chooses; "Create new" then Import creates a second portal user', async () => {
    const existing = await portalUser('Morgan Ashby', 'morgan.ashby@oldmail.example');
    const morgan = inEntra('Morgan Ashby', 'morgan.ashby@fabrikam.example');
    const page = await openAt('Morgan Ashby');
    const row = rowOf(page, morgan.id);
    expect(row).toEqual(expect.objectContaining({ status: 'possibleMatch', statusText: 'Possible match: Morgan Ashby (morgan.ashby@oldmail.example), the same name, another email. Link or create?' }));
    expect(row.offers).toEqual(expect.objectContaining({ linkSuggested: { userId: existing.id, name: 'Morgan Ashby' }, createNew: true, undo: false }));
    const held = await importPicked(page, { picks: { [morgan.id]: true } });
    expect(held.progress).toEqual(expect.objectContaining({ created: 0, linked: 0 }));

    const chosen = rowOf(pageOf(await decide(page, morgan.id, { resolve: 'createNew' })), morgan.id);
    expect(chosen.statusText).toMatch(/^New: you chose to create them although Morgan Ashby looks like the same person/);
    expect(chosen.offers).toEqual(expect.objectContaining({ createNew: false, undo: true }));
    const job = await importPicked(page, { picks: { [morgan.id]: true } });
    expect(job.progress).toEqual(expect.objectContaining({ created: 1, linked: 0 }));
    const morgans = (await fabrikamUsers()).filter((u) => u.displayName === 'Morgan Ashby');
    expect(morgans.map((u) => [u.email, u.entraObjectId]).sort()).toEqual([['morgan.ashby@fabrikam.example', morgan.id], ['morgan.ashby@oldmail.example', undefined]]);
    expect((await repos().portalUsers.get(fabrikam.companyId, existing.id))?._etag).toBe(existing._etag);
  });

  it('"Link to <name>" links the portal user, who takes Entra’s name and email', async () => {
    const existing = await portalUser('Weg Strasse', 'weg.strasse@fabrikam.example');
    const weg = inEntra('Weg Straße', 'weg.straße@fabrikam.example');
    const page = await openAt('Weg');
    const row = rowOf(page, weg.id);
    expect(row.statusText).toBe('Possible match: Weg Strasse (weg.strasse@fabrikam.example), the same email written differently. Link or create?');
    const linked = rowOf(pageOf(await decide(page, weg.id, { resolve: 'link', userId: row.offers.linkSuggested!.userId })), weg.id);
    expect(linked).toEqual(expect.objectContaining({ status: 'willLink', statusText: 'Will link to Weg Strasse: name and email will follow Entra ID' }));
    const count = (await fabrikamUsers()).length;
    const job = await importPicked(page, { picks: { [weg.id]: true } });
    expect(job.progress).toEqual(expect.objectContaining({ linked: 1, created: 0 }));
    expect(await fabrikamUsers()).toHaveLength(count);
    expect(await repos().portalUsers.get(fabrikam.companyId, existing.id)).toEqual(expect.objectContaining({ displayName: 'Weg Straße', email: 'weg.straße@fabrikam.example', entraObjectId: weg.id }));
  });
});

describe('someone without a mailbox', () => {
  it('is imported at their sign-in name only once it is confirmed, and invited only then; the page’s other ticks are kept', async () => {
    const upn = 'quinn.nomailbox@fabrikam.example';
    const quinn = inEntra('Quinn Nomailbox', null, upn);
    const other = inEntra('Quinn Withmail', 'quinn.withmail@fabrikam.example');
    const mails = () => t.demo.integrations.localGraph.sentMail().filter((mail) => mail.to.some((to) => to.address.toLowerCase() === upn));
    const page = await openAt('Quinn');
    expect(rowOf(page, quinn.id)).toEqual(expect.objectContaining({ email: null, signInName: upn, needsEmail: true, offers: expect.objectContaining({ useSignInName: true }) }));

    const before = await importPicked(page, { picks: { [quinn.id]: true }, invite: true });
    expect(before.progress).toEqual(expect.objectContaining({ created: 0, invited: 0, skipped: { noEmail: 1 } }));
    expect((await fabrikamUsers()).some((u) => u.entraObjectId === quinn.id)).toBe(false);
    expect(mails()).toEqual([]);

    const confirmed = pageOf(await decide(page, quinn.id, { resolve: 'useSignInName' }, { picks: { [other.id]: true } }));
    expect(rowOf(confirmed, quinn.id)).toEqual(expect.objectContaining({ emailValue: upn, picked: true, offers: expect.objectContaining({ useSignInName: false }) }));
    expect(rowOf(confirmed, other.id).picked).toBe(true);
    const job = await importPicked(confirmed, { picks: { [other.id]: false }, invite: true });
    expect(job.progress).toEqual(expect.objectContaining({ created: 1, invited: 1 }));
    expect((await fabrikamUsers()).find((u) => u.entraObjectId === quinn.id)).toEqual(expect.objectContaining({ email: upn, access: 'invited' }));
    expect(mails()).toHaveLength(1);
  });
});
