import { randomUUID } from 'node:crypto';
import { DEMO_COMPANIES } from '../../src/dev/demoData';
import type { LocalUser } from '../../src/dev/localGraph';
import type { Stored } from '../../src/store/documents';
import type { AuditDoc, PortalUserDoc } from '../../src/store/model';
import { cardActions, cardClick, cardInputs, cardOf, cardTexts, click, personalMessage, postActivity } from '../helpers/botClient';
import { portalUserDoc } from '../helpers/builders';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';

/*
 * The right person, once (issue 14), through the bot's real HTTP endpoint and the local Microsoft
 * Graph: a row linked by hand ("Link to…"), a possible match held until someone chooses, a sign-in
 * name used as an email only once confirmed, two accounts sharing a mailbox marked before import, and
 * a linked person whose name and email follow Entra ID. Every card is one the bot sent; every click
 * carries that card's data and inputs, as Teams sends them.
 */

jest.setTimeout(60_000);

type Card = Record<string, unknown>;
type Data = Record<string, unknown>;

const FABRIKAM = DEMO_COMPANIES[0];
const TENANT = FABRIKAM.tenantId!;

let demo: DemoApp;
let companyId: string;
let northwindId: string;

function entraUser(name: string, mail: string | null, upn = mail ?? `${name.toLowerCase().replace(/\W+/g, '.')}@fabrikam.example`): LocalUser {
  const [givenName, surname] = name.split(' ');
  return { id: randomUUID(), displayName: name, givenName, surname: surname ?? null, mail, userPrincipalName: upn, jobTitle: 'Analyst', mobilePhone: null, accountEnabled: true, userType: 'Member' };
}

// People of Fabrikam's Entra ID, and the portal users they might be.
const NADIA = entraUser('Nadia Quispe', 'nadia.quispe@fabrikam.example');
const WEG = entraUser('Weg Straße', 'weg.Straße@fabrikam.example');
const WEG_TWIN = entraUser('Wega Strasse', 'wega.straße@fabrikam.example');
const LEE = entraUser('Lee Unlicensed', null, 'lee.unlicensed@fabrikam.example');
const SAM = entraUser('Samir Taylor', 'Samir.Taylor@fabrikam.example');
const SAM_ADMIN = entraUser('Samir Taylor (admin)', 'samir.taylor@fabrikam.example', 'adm.samir@fabrikam.example');
let nadiaByHand: Stored<PortalUserDoc>;
let wegPortal: Stored<PortalUserDoc>;
let wegaPortal: Stored<PortalUserDoc>;
let otherCompanysUser: Stored<PortalUserDoc>;

beforeAll(async () => {
  demo = await startDemoApp();
  const { repos } = demo.app.services;
  companyId = (await repos.companies.findByName(FABRIKAM.name))!.companyId;
  northwindId = (await repos.companies.findByName(DEMO_COMPANIES[1].name))!.companyId;
  const tenant = demo.integrations.localGraph.tenant(TENANT);
  for (const user of [NADIA, WEG, WEG_TWIN, LEE, SAM, SAM_ADMIN]) tenant.add(user);
  // Added by hand with a personal address: only a person can tell it is Nadia.
  nadiaByHand = await repos.portalUsers.create(portalUserDoc(repos.mspId, companyId, 'N. Quispe', { email: 'nadia.q@gmail.example', emailKey: 'nadia.q@gmail.example', access: 'invited' }));
  wegPortal = await repos.portalUsers.create(portalUserDoc(repos.mspId, companyId, 'Weg Strasse', { email: 'weg.strasse@fabrikam.example', emailKey: 'weg.strasse@fabrikam.example', access: 'active' }));
  wegaPortal = await repos.portalUsers.create(portalUserDoc(repos.mspId, companyId, 'Wega Strasse', { email: 'wega.strasse@fabrikam.example', emailKey: 'wega.strasse@fabrikam.example', access: 'active' }));
  otherCompanysUser = await repos.portalUsers.create(portalUserDoc(repos.mspId, northwindId, 'Nadia Elsewhere', { access: 'active' }));
});
afterAll(() => demo.close());

async function say(text: string): Promise<Card> {
  const answer = await postActivity(demo.url, personalMessage(demo.teams, demo.people.alex, text));
  expect(answer.status).toBe(200);
  return cardOf(answer.replies[answer.replies.length - 1]) as Card;
}

async function send(verb: string, data: Data): Promise<Card> {
  const answer = await click(demo.url, cardClick(demo.teams, demo.people.alex, verb, data));
  expect(answer.status).toBe(200);
  return answer.card as Card;
}

/** Presses the button titled `title` (the first one, or the one of the row `rowId`), with the card's inputs and the person's changes. */
function press(card: Card, title: string, changes: Data = {}, rowId?: string): Promise<Card> {
  const action = cardActions(card).find((a) => a.title === title && (!rowId || a.data.rowId === rowId));
  if (!action) throw new Error(`no "${title}" on the card: ${cardTexts(card).join(' | ')}`);
  return send(action.verb, { ...action.data, ...cardInputs(card), ...changes });
}

const text = (card: Card) => cardTexts(card).join('\n');

/** The import card searched for `query`: the rows shown are those people. */
async function importCardFor(query: string): Promise<Card> {
  return press(await say('import users for Fabrikam'), 'Search', { search: query });
}

/** The row of a person: its texts, and the titles of its own actions. */
function rowOf(card: Card, person: LocalUser): { texts: string[]; actions: string[] } {
  const containers = (card.body as Data[]).filter((el) => el.type === 'Container' && el.separator === true);
  const container = containers.find((c) => JSON.stringify(c).includes(`pick_${person.id}`));
  if (!container) throw new Error(`no row for ${person.displayName}: ${text(card)}`);
  return { texts: cardTexts(container), actions: cardActions(container).map((a) => a.title) };
}

/** "Review import" with the person picked, then the preview's confirm button when it offers one. */
async function importPicked(card: Card, people: LocalUser[], changes: Data = {}): Promise<Card> {
  const picks = Object.fromEntries(people.map((p) => [`pick_${p.id}`, 'true']));
  const preview = await press(card, 'Review import', { ...picks, role: 'user', ...changes });
  const confirm = cardActions(preview).find((a) => a.verb === 'import.run');
  return confirm ? send(confirm.verb, confirm.data) : preview;
}

const usersOf = async (id: string) => (await demo.app.services.repos.portalUsers.list(id, { pageSize: 500 })).items;
const withEntraId = async (person: LocalUser) => (await usersOf(companyId)).filter((u) => u.entraObjectId === person.id);

async function auditOf(targetId: string): Promise<AuditDoc[]> {
  const { resources } = await demo.testStore.store
    .container('audit')
    .items.query<AuditDoc>({ query: 'SELECT * FROM c WHERE c.target.id = @id', parameters: [{ name: '@id', value: targetId }] })
    .fetchAll();
  return resources;
}

describe('"Link to…" on an import row', () => {
  it('lists the unlinked portal users by search, links the row, and the import links that user with Entra name and email, audited', async () => {
    const card = await importCardFor('Nadia Quispe');
    expect(rowOf(card, NADIA).texts).toContain('New');
    expect(rowOf(card, NADIA).actions).toContain('Link to…');

    const form = await press(card, 'Link to…', {}, NADIA.id);
    expect(cardTexts(form)[0]).toBe('Link Nadia Quispe to a portal user of Fabrikam, Inc.');
    expect(text(form)).toContain('From then on their name and email follow Entra ID.');
    const found = await press(form, 'Search', { linkSearch: 'gmail' });
    const choices = JSON.stringify(found);
    expect(choices).toContain('N. Quispe \u00b7 nadia.q@gmail.example \u00b7 Invited, not confirmed');
    expect(choices).not.toContain('Nadia Elsewhere');

    const linked = await press(found, 'Link', { linkUserId: nadiaByHand.id });
    expect(rowOf(linked, NADIA).texts).toContain('Will link to N. Quispe: name and email will follow Entra ID');
    expect(rowOf(linked, NADIA).actions).toContain('Undo');

    const done = await importPicked(linked, [NADIA]);
    expect(text(done)).toMatch(/Linked\nNadia Quispe/);
    const users = await usersOf(companyId);
    expect(users.filter((u) => u.entraObjectId === NADIA.id)).toEqual([expect.objectContaining({ id: nadiaByHand.id, displayName: 'Nadia Quispe', email: NADIA.mail, access: 'invited' })]);
    expect(users.filter((u) => u.displayName === 'Nadia Quispe')).toHaveLength(1);
    const [record] = (await auditOf(nadiaByHand.id)).filter((r) => r.action === 'user.linkEntra');
    expect(record).toMatchObject({
      result: 'done',
      reason: 'Import from Microsoft Entra ID: linked by hand on the import card',
      before: { displayName: 'N. Quispe', email: 'nadia.q@gmail.example' },
      after: { displayName: 'Nadia Quispe', email: NADIA.mail, entraObjectId: NADIA.id }
    });
  });

  it('refuses a forged link (a user of another company, one linked to someone else, a row not in the tenant) and changes nothing', async () => {
    const card = await importCardFor('Weg');
    const link = cardActions(card).find((a) => a.title === 'Link to…' && a.data.rowId === WEG.id)!;
    const linkedElsewhere = (await withEntraId(NADIA))[0];
    const sessionBefore = await demo.app.services.repos.importSessions.get(companyId, String(link.data.sessionId));
    for (const [rowId, userId] of [
      [WEG.id, otherCompanysUser.id],
      [WEG.id, linkedElsewhere.id],
      [randomUUID(), wegPortal.id]
    ]) {
      const answer = await send('import.row', { ...link.data, rowId, resolve: 'link', userId });
      expect(text(answer)).toMatch(/Nothing was changed\./);
    }
    const sessionAfter = await demo.app.services.repos.importSessions.get(companyId, String(link.data.sessionId));
    expect(sessionAfter?.links ?? {}).toEqual(sessionBefore?.links ?? {});
    expect(await withEntraId(WEG)).toEqual([]);
  });
});

describe('a possible match', () => {
  it('is held: the row asks "link or create?", an import of it creates and links nobody', async () => {
    const card = await importCardFor('Weg Straße');
    const row = rowOf(card, WEG);
    expect(row.texts).toContain('Possible match: Weg Strasse (weg.strasse@fabrikam.example), the same email written differently. Link or create?');
    expect(row.actions).toEqual(expect.arrayContaining(['Link to Weg Strasse', 'Create new']));
    const before = (await usersOf(companyId)).length;
    const preview = await importPicked(card, [WEG]);
    expect(text(preview)).toContain('Possible match: Weg Strasse');
    expect((await usersOf(companyId)).length).toBe(before);
  });

  it('"Link to <name>" links it to that portal user; "Create new" creates a second person', async () => {
    const linked = await press(await importCardFor('Weg Straße'), 'Link to Weg Strasse', {}, WEG.id);
    expect(rowOf(linked, WEG).texts).toContain('Will link to Weg Strasse: name and email will follow Entra ID');
    const twin = await press(linked, 'Search', { search: 'Wega' });
    const created = await press(twin, 'Create new', {}, WEG_TWIN.id);
    expect(rowOf(created, WEG_TWIN).texts.join(' ')).toMatch(/^.*New: you chose to create them although Wega Strasse looks like the same person/);
    const done = await importPicked(created, [WEG_TWIN]);
    expect(text(done)).toMatch(/Linked\nWeg Straße/);
    expect(text(done)).toMatch(/Imported\nWega Strasse/);
    expect(await withEntraId(WEG)).toEqual([expect.objectContaining({ id: wegPortal.id, email: WEG.mail })]);
    const twins = await withEntraId(WEG_TWIN);
    expect(twins).toHaveLength(1);
    expect(twins[0].id).not.toBe(wegaPortal.id);
    expect((await demo.app.services.repos.portalUsers.get(companyId, wegaPortal.id))?.entraObjectId).toBeUndefined();
  });
});

describe('someone without a mailbox', () => {
  it('shows the sign-in name as a suggestion; no invitation goes to it until a person confirms it', async () => {
    const mails = () => demo.integrations.localGraph.sentMail().filter((m) => JSON.stringify(m).includes(LEE.userPrincipalName)).length;
    const card = await importCardFor('Lee Unlicensed');
    expect(rowOf(card, LEE).texts).toContain('No mailbox in Entra ID (sign-in name lee.unlicensed@fabrikam.example) \u00b7 Analyst');
    const refused = await importPicked(card, [LEE], { invite: 'true' });
    expect(text(refused)).toMatch(/No mailbox in Entra ID; give an email \(or confirm their sign-in name\)/);
    expect(await withEntraId(LEE)).toEqual([]);
    expect(mails()).toBe(0);

    const confirmed = await press(card, 'Use lee.unlicensed@fabrikam.example as their email', {}, LEE.id);
    expect(cardInputs(confirmed)[`email_${LEE.id}`]).toBe('lee.unlicensed@fabrikam.example');
    const done = await importPicked(confirmed, [LEE], { invite: 'true' });
    expect(text(done)).toMatch(/Imported\nLee Unlicensed/);
    expect(await withEntraId(LEE)).toEqual([expect.objectContaining({ email: 'lee.unlicensed@fabrikam.example', access: 'invited' })]);
    expect(mails()).toBe(1);
  });
});

describe('two accounts with one mailbox', () => {
  it('marks both rows before anything is imported', async () => {
    const card = await importCardFor('Samir');
    expect(rowOf(card, SAM).texts.join(' ')).toContain('Same email as Samir Taylor (admin), another account: only one of the two can be imported');
    expect(rowOf(card, SAM_ADMIN).texts.join(' ')).toContain('Same email as Samir Taylor, another account: only one of the two can be imported');
  });
});
