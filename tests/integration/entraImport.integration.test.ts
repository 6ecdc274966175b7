import { randomUUID } from 'node:crypto';
import { mspIdOf } from '../../src/app';
import { readCsv } from '../../src/csv/readCsv';
import { DEMO_COMPANIES } from '../../src/dev/demoData';
import type { LocalUser } from '../../src/dev/localGraph';
import { SKIP_REASONS } from '../../src/domain/entraImport';
import { selectionFingerprint } from '../../src/services/imports/client/preview';
import type { Stored } from '../../src/store/documents';
import type { AuditDoc, PortalUserDoc } from '../../src/store/model';
import { createRepositories } from '../../src/store/repositories';
import type { ImportSessionDoc } from '../../src/store/repositories/importSessions';
import type { JobDoc } from '../../src/store/repositories/jobs';
import { cardActions, cardClick, cardOf, cardTexts, click, personalMessage, postActivity, type TeamsContext, cardInputs } from '../helpers/botClient';
import { companyDoc, portalUserDoc } from '../helpers/builders';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';
import { startLocalConnector } from '../helpers/localConnector';

/*
 * The Entra import through the bot's real HTTP endpoint, against the local Microsoft Graph reached
 * through the real Graph SDK (issue 4, "Tests that must exist and pass"; DESIGN.md, "Imports" and
 * "What every action guarantees"). Every card here is one the bot really sent; clicks carry the card's
 * data merged with its inputs, as Teams sends them.
 */

jest.setTimeout(60_000);

type Card = Record<string, unknown>;
type Data = Record<string, unknown>;

const APP_ID = '7d3f5a40-5c1e-4b7a-9d7e-2f6b8c1a0e11';
const FABRIKAM = DEMO_COMPANIES[0];
const NORTHWIND = DEMO_COMPANIES[1];
const FABRIKAM_TENANT = FABRIKAM.tenantId!;
const NORTHWIND_TENANT = NORTHWIND.tenantId!;
const WWI_TENANT = DEMO_COMPANIES[3].tenantId!;

let demo: DemoApp;
let connector: Awaited<ReturnType<typeof startLocalConnector>>;
/** The Teams context whose serviceUrl is the local connector: background jobs update their card there. */
let teams: TeamsContext;
const ids: Record<string, string> = {};

/** Guests invited without a mailbox: the only accounts Graph gives no address for. */
function noMailGuest(domain: string, given: string): LocalUser {
  const onMicrosoft = `${domain.split('.')[0]}.onmicrosoft.com`;
  return {
    id: randomUUID(),
    displayName: `${given} Nomail`,
    givenName: given,
    surname: 'Nomail',
    mail: null,
    userPrincipalName: `${given.toLowerCase()}_partner.example#EXT#@${onMicrosoft}`,
    jobTitle: 'Consultant',
    mobilePhone: null,
    accountEnabled: true,
    userType: 'Guest'
  };
}

const KIM = noMailGuest(FABRIKAM.domain, 'Kim');
const KAI = noMailGuest(NORTHWIND.domain, 'Kai');
/** The Fabrikam Entra user that a portal user (created without a link) matches by email, in another case. */
let omar: LocalUser;

beforeAll(async () => {
  demo = await startDemoApp({ entraAppClientId: APP_ID });
  connector = await startLocalConnector();
  teams = { ...demo.teams, serviceUrl: connector.serviceUrl };
  ids.fabrikam = (await demo.app.services.repos.companies.findByName(FABRIKAM.name))!.companyId;
  ids.northwind = (await demo.app.services.repos.companies.findByName(NORTHWIND.name))!.companyId;
  demo.integrations.localGraph.tenant(FABRIKAM_TENANT).add(KIM);
  demo.integrations.localGraph.tenant(NORTHWIND_TENANT).add(KAI);
  omar = [...demo.integrations.localGraph.tenant(FABRIKAM_TENANT).users()].find((u) => u.displayName === 'Omar Larsen')!;
  expect(omar?.mail).toBe('omar.larsen@fabrikam.example');
  await demo.app.services.repos.portalUsers.create(
    portalUserDoc(demo.app.services.repos.mspId, ids.fabrikam, 'Omar Larsen (portal)', { email: omar.mail!.toUpperCase(), emailKey: omar.mail!.toLowerCase(), access: 'active', role: 'user' })
  );
});
afterAll(async () => {
  await connector.close();
  await demo.close();
});

// ---------------------------------------------------------------------------------------------
// A person at the keyboard
// ---------------------------------------------------------------------------------------------

async function say(text: string, who = 'alex', context: TeamsContext = demo.teams): Promise<Card> {
  const answer = await postActivity(demo.url, personalMessage(context, demo.people[who], text));
  expect(answer.status).toBe(200);
  return cardOf(answer.replies[answer.replies.length - 1]) as Card;
}

async function clickAs(who: string, verb: string, data: unknown, options: { scope?: 'personal' | 'channel'; context?: TeamsContext; replyToId?: string } = {}): Promise<Card> {
  const activity = cardClick(options.context ?? demo.teams, demo.people[who], verb, data, { scope: options.scope });
  if (options.replyToId) activity.replyToId = options.replyToId;
  const answer = await click(demo.url, activity);
  expect(answer.status).toBe(200);
  return answer.card;
}


function actionOf(card: Card, match: (a: { title: string; verb: string }) => boolean) {
  const found = cardActions(card).find(match);
  if (!found) throw new Error(`no such action on the card: ${cardTexts(card).join(' | ')}`);
  return found;
}

/** Presses a button: its data, the card's inputs, and what the person changed on the card. */
async function press(
  card: Card,
  button: string,
  changes: Data = {},
  options: { who?: string; context?: TeamsContext; replyToId?: string; withoutPickToggles?: boolean } = {}
): Promise<Card> {
  if (button === 'import') return importNow(card, changes, options);
  const action = actionOf(card, (a) => a.title === button);
  const inputs = Object.entries(cardInputs(card)).filter(([id]) => !options.withoutPickToggles || !id.startsWith('pick_'));
  return clickAs(options.who ?? 'alex', action.verb, { ...action.data, ...Object.fromEntries(inputs), ...changes }, options);
}

/**
 * What a person does to import: "Review import" with the card's inputs and their changes, then the
 * preview's one confirm button. Answers with the preview (or the refusal) when it offers no confirm.
 */
async function importNow(card: Card, changes: Data = {}, options: { who?: string; context?: TeamsContext; replyToId?: string; withoutPickToggles?: boolean } = {}): Promise<Card> {
  const preview = await press(card, 'Review import', changes, options);
  const confirm = cardActions(preview).find((a) => a.verb === 'import.run');
  if (!confirm) return preview;
  return clickAs(options.who ?? 'alex', confirm.verb, confirm.data, options);
}

interface Row {
  id: string;
  name: string;
  details: string;
  status: string;
  /** The pick toggle's value; undefined when the row cannot be picked. */
  picked?: boolean;
  emailInput: boolean;
  emailError?: string;
}

/** The rows of an import card, read from what it shows. */
function rowsOf(card: Card): Row[] {
  const rowIds = actionOf(card, (a) => a.verb === 'import.review').data.rowIds as string[];
  const containers = (card.body as Record<string, unknown>[]).filter((el) => el.type === 'Container' && el.separator === true);
  expect(containers).toHaveLength(rowIds.length);
  return containers.map((container, i) => {
    const items = container.items as Record<string, unknown>[];
    const toggle = items.find((item) => item.type === 'Input.Toggle');
    const texts = items.filter((item) => item.type === 'TextBlock').map((item) => String(item.text));
    const rest = toggle ? texts : texts.slice(1);
    if (toggle) expect(toggle.id).toBe(`pick_${rowIds[i]}`);
    const emailInput = items.find((item) => item.type === 'Input.Text');
    if (emailInput) expect(emailInput.id).toBe(`email_${rowIds[i]}`);
    return {
      id: rowIds[i],
      name: toggle ? String(toggle.title) : texts[0],
      details: rest[0],
      status: rest[1],
      picked: toggle ? toggle.value === 'true' : undefined,
      emailInput: Boolean(emailInput),
      emailError: rest[2]
    };
  });
}

const text = (card: Card) => cardTexts(card).join('\n');
const importTitle = (card: Card) => actionOf(card, (a) => a.verb === 'import.review').title;
/** The import card's line under its title: the directory's size, picks on other pages, "all unlinked". */
const summaryOf = (card: Card) => cardTexts(card)[1];
const factsOf = (card: Card): Record<string, number> => {
  const facts: Record<string, number> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'FactSet') for (const f of element.facts as { title: string; value: string }[]) facts[f.title] = Number(f.value);
    Object.values(element).forEach(walk);
  };
  walk(card);
  return facts;
};

async function openImport(company: string, who = 'alex', context: TeamsContext = demo.teams): Promise<Card> {
  const card = await say(`import users for ${company}`, who, context);
  return card;
}

/** Searches on the card and returns the result card. */
function search(card: Card, query: string, changes: Data = {}, options: { who?: string; context?: TeamsContext } = {}): Promise<Card> {
  return press(card, 'Search', { search: query, ...changes }, options);
}

function rowNamed(card: Card, name: string): Row {
  const row = rowsOf(card).find((r) => r.name === name);
  if (!row) throw new Error(`no row ${name}: ${rowsOf(card).map((r) => r.name).join(', ')}`);
  return row;
}

// ---------------------------------------------------------------------------------------------
// What the store holds
// ---------------------------------------------------------------------------------------------

async function portalUsersOf(companyId: string): Promise<Stored<PortalUserDoc>[]> {
  const { resources } = await demo.testStore.store
    .container('portalUsers')
    .items.query<Stored<PortalUserDoc>>({ query: "SELECT * FROM c WHERE c.companyId = @c AND c.type = 'portalUser'", parameters: [{ name: '@c', value: companyId }] })
    .fetchAll();
  return resources.sort((a, b) => a.id.localeCompare(b.id));
}

/** Every portal user of every company and MSP, as stored (with _etag). */
async function allPortalUsers(): Promise<Stored<PortalUserDoc>[]> {
  const { resources } = await demo.testStore.store
    .container('portalUsers')
    .items.query<Stored<PortalUserDoc>>({ query: "SELECT * FROM c WHERE c.type = 'portalUser'" })
    .fetchAll();
  return resources.sort((a, b) => a.id.localeCompare(b.id));
}

async function auditSince(since: string, filter: (record: AuditDoc) => boolean = () => true): Promise<AuditDoc[]> {
  const { resources } = await demo.testStore.store
    .container('audit')
    .items.query<AuditDoc>({ query: 'SELECT * FROM c WHERE c.at >= @since', parameters: [{ name: '@since', value: since }] })
    .fetchAll();
  return resources.filter(filter);
}

async function latestJob(companyId: string): Promise<Stored<JobDoc>> {
  const [job] = await demo.app.services.repos.jobs.latest(companyId, 'entraImport', 1);
  return job;
}

function sessionIdOf(card: Card): string {
  return actionOf(card, (a) => a.verb === 'import.review').data.sessionId as string;
}

async function sessionOf(companyId: string, card: Card): Promise<Stored<ImportSessionDoc>> {
  return (await demo.app.services.repos.importSessions.get(companyId, sessionIdOf(card)))!;
}

/** The email the card must show for an Entra user: mail, else a userPrincipalName that is an address. */
/** What a row says of a person's email: the mailbox; without one, the sign-in name as a suggestion only. */
function shownEmail(user: LocalUser): string {
  if (user.mail) return user.mail;
  return user.userPrincipalName.includes('#EXT#') ? 'No email in Entra ID' : `No mailbox in Entra ID (sign-in name ${user.userPrincipalName})`;
}

/** Walks every page of an import card and returns all rows and the cards seen. */
async function everyPage(first: Card): Promise<{ rows: Row[]; cards: Card[] }> {
  const cards = [first];
  let card = first;
  while (cardActions(card).some((a) => a.title === 'Next page')) {
    card = await press(card, 'Next page');
    cards.push(card);
    if (cards.length > 100) throw new Error('too many pages');
  }
  return { rows: cards.flatMap(rowsOf), cards };
}

// ---------------------------------------------------------------------------------------------
// The import card
// ---------------------------------------------------------------------------------------------

describe('the import card', () => {
  it("lists every person of the client's directory with name, email, job title and link status, guests and disabled accounts marked", async () => {
    const tenant = demo.integrations.localGraph.tenant(FABRIKAM_TENANT);
    const entra = [...tenant.users()];
    const seeded = new Set((await portalUsersOf(ids.fabrikam)).flatMap((u) => (u.entraObjectId ? [u.entraObjectId] : [])));

    const first = await openImport('Fabrikam');
    expect(cardTexts(first)[0]).toBe('Import from Microsoft Entra ID: Fabrikam, Inc.');
    expect(summaryOf(first)).toBe(`${entra.length} in the directory`);
    // No count on the button: a card cannot keep one right while people tick; the preview counts.
    expect(importTitle(first)).toBe('Review import');
    const { rows, cards } = await everyPage(first);
    for (const card of cards) expect(JSON.stringify(card).length).toBeLessThan(28 * 1024);
    expect(cards.length).toBe(Math.ceil(entra.length / 10));
    expect(rows.map((r) => r.id).sort()).toEqual(entra.map((u) => u.id).sort());

    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const user of entra) {
      const row = byId.get(user.id)!;
      const email = shownEmail(user);
      expect(row.name).toBe(user.displayName);
      expect(row.details).toBe([email, user.jobTitle].filter(Boolean).join(' \u00b7 '));
      expect(row.emailInput).toBe(!user.mail);
      const guest = user.userType === 'Guest';
      expect(row.status.includes('Guest')).toBe(guest);
      expect(row.status.includes('Disabled in Entra ID')).toBe(!user.accountEnabled);
      // A disabled account cannot be picked at all; everyone else can.
      expect(row.picked).toBe(user.accountEnabled ? false : undefined);
      if (!user.accountEnabled) expect(row.status).toContain('cannot be imported');
      if (seeded.has(user.id)) continue; // their status: the next test
      if (user.id === omar.id) expect(row.status).toBe('Matches Omar Larsen (portal) by email: importing links to them (name and email will follow Entra ID)');
      else expect(row.status.split(' \u00b7 ')[0]).toBe('New');
    }
    // The quirks of a real tenant are all there.
    expect(rows.filter((r) => r.status.includes('Guest')).length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.status.includes('Room, shared or service account')).map((r) => r.name)).toEqual(
      expect.arrayContaining(['Conference Room 4B', 'svc-backup', 'No Reply', 'Scanner 2nd Floor'])
    );
    expect(byId.get(KIM.id)).toMatchObject({ details: 'No email in Entra ID · Consultant', emailInput: true });
    expect(rows.find((r) => r.name === '佐藤 花子')?.details).toBe('hanako.sato@fabrikam.example · Data Analyst');
  });

  it('shows the people already linked (the portal users carrying their Entra object id) as "Already linked"', async () => {
    const linked = (await portalUsersOf(ids.fabrikam)).filter((u) => u.entraObjectId);
    expect(linked.length).toBeGreaterThanOrEqual(12);
    const { rows } = await everyPage(await openImport('Fabrikam'));
    const statuses = linked.map((u) => [u.displayName, rows.find((r) => r.id === u.entraObjectId)?.status.split(' \u00b7 ')[0]]);
    expect(statuses).toEqual(linked.map((u) => [u.displayName, 'Already linked']));
  });

  it('keeps a selection across paging and searching: the picks on other pages, the toggles and the preview show it', async () => {
    const page1 = await openImport('Fabrikam');
    const [a, b] = rowsOf(page1).filter((r) => r.picked === false && r.status === 'New');
    const page2 = await press(page1, 'Next page', { [`pick_${a.id}`]: 'true', [`pick_${b.id}`]: 'true' });
    expect(summaryOf(page2)).toMatch(/ · 2 picked on other pages$/);
    expect(rowsOf(page2).map((r) => r.id)).not.toContain(a.id);
    const c = rowsOf(page2).find((r) => r.picked === false && r.status === 'New')!;
    expect(c).toBeDefined();

    const back = await press(page2, 'Previous page', { [`pick_${c.id}`]: 'true' });
    expect(summaryOf(back)).toMatch(/ · 1 picked on other pages$/);
    expect(rowsOf(back).filter((r) => r.picked).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());

    // Search by name: a fourth person, picked in the results.
    const found = await search(back, 'Zoë');
    expect(summaryOf(found)).toMatch(/^\d+ matching · 3 picked on other pages$/);
    const zoe = rowNamed(found, 'Zoë Dubois');
    expect(zoe.picked).toBe(false);
    const cleared = await search(found, '', { [`pick_${zoe.id}`]: 'true' });
    expect(summaryOf(cleared)).toMatch(/ · 2 picked on other pages$/);
    expect(rowsOf(cleared).filter((r) => r.picked).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    const again = await search(cleared, 'zoe.dubois');
    expect(rowNamed(again, 'Zoë Dubois').picked).toBe(true);

    // Search by email: both accounts with the same address in different case.
    const sams = await search(again, 'sam.taylor@');
    expect(rowsOf(sams).map((r) => r.name).sort()).toEqual(['Sam Taylor', 'Sam Taylor (Admin)']);
    expect(summaryOf(sams)).toMatch(/ · 4 picked on other pages$/);

    // Page 2 still shows its pick; unticking one on page 1 counts down.
    const home = await search(sams, '');
    const p2 = await press(home, 'Next page');
    expect(rowsOf(p2).find((r) => r.id === c.id)?.picked).toBe(true);
    const p1 = await press(p2, 'Previous page');
    const saved = await press(p1, 'Save selection', { [`pick_${a.id}`]: 'false' });
    expect(rowsOf(saved).find((r) => r.id === a.id)?.picked).toBe(false);
    expect(rowsOf(saved).find((r) => r.id === b.id)?.picked).toBe(true);
    const session = await sessionOf(ids.fabrikam, saved);
    expect(session.picked.sort()).toEqual([b.id, c.id, zoe.id].sort());

    // The preview counts and names everyone picked, on every page, and confirms with that count.
    const preview = await press(saved, 'Review import', { role: 'user' });
    expect(text(preview)).toContain('Will be created (3)');
    for (const row of [b, c, zoe]) expect(text(preview)).toContain(row.name);
    expect(text(preview)).not.toContain(a.name);
    expect(cardActions(preview).map((x) => x.title)).toEqual(['Import 3 people', 'Back to the selection']);
    const backToList = await clickAs('alex', 'import.page', actionOf(preview, (x) => x.title === 'Back to the selection').data);
    expect(rowsOf(backToList).find((r) => r.id === b.id)?.picked).toBe(true);
  });

  it('refuses an archived company with the reason', async () => {
    const card = await openImport('Tailspin Toys');
    expect(text(card)).toContain('Tailspin Toys is archived');
    expect(cardActions(card).some((a) => a.verb === 'import.run')).toBe(false);
    const tailspin = (await demo.app.services.repos.companies.findByName('Tailspin Toys'))!;
    const clicked = await clickAs('alex', 'import.open', { companyId: tailspin.companyId });
    expect(text(clicked)).toContain('Tailspin Toys is archived');
  });

  it('gives a company without a tenant the connect card, with an admin-consent link built from the app id', async () => {
    const card = await openImport('Adatum Corporation');
    expect(text(card)).toContain('Connect Adatum Corporation to Microsoft 365');
    expect(text(card)).toContain('Adatum Corporation is not connected to its Microsoft 365 tenant yet.');
    expect(text(card)).toContain('User.Read.All');
    const link = new URL(String((card.actions as { url: string }[])[0].url));
    expect(link.origin).toBe('https://login.microsoftonline.com');
    expect(link.pathname).toBe('/organizations/adminconsent');
    expect(link.searchParams.get('client_id')).toBe(APP_ID);
    expect(link.searchParams.get('redirect_uri')).toBe(`${demo.url}/consent/callback`);
    expect(link.searchParams.get('state')).toBeTruthy();
  });

  it('gives a tenant that has not consented (Wide World Importers) the connect card for that tenant', async () => {
    const card = await openImport('Wide World Importers');
    expect(text(card)).toContain('Connect Wide World Importers to Microsoft 365');
    expect(text(card)).toMatch(/admin consent is missing or was revoked/);
    const link = new URL(String((card.actions as { url: string }[])[0].url));
    expect(link.pathname).toBe(`/${WWI_TENANT}/adminconsent`);
    expect(link.searchParams.get('client_id')).toBe(APP_ID);
  });

  it('detects consent revoked later in the same way: on opening, on paging, and on confirming an import', async () => {
    const open = await openImport('Fabrikam');
    const picked = rowsOf(open).find((r) => r.picked === false && r.status === 'New' && !r.emailInput)!;
    const preview = await press(open, 'Review import', { [`pick_${picked.id}`]: 'true', role: 'user' });
    const confirm = actionOf(preview, (a) => a.verb === 'import.run');
    const before = await allPortalUsers();
    demo.integrations.localGraph.consent(FABRIKAM_TENANT, false);
    try {
      const reopened = await openImport('Fabrikam');
      expect(text(reopened)).toContain('Connect Fabrikam, Inc. to Microsoft 365');
      expect(text(reopened)).toContain("Microsoft 365 refused access to Fabrikam, Inc.'s directory: its admin consent is missing or was revoked.");
      expect(new URL(String((reopened.actions as { url: string }[])[0].url)).pathname).toBe(`/${FABRIKAM_TENANT}/adminconsent`);

      const paged = await press(open, 'Next page');
      expect(text(paged)).toContain('Connect Fabrikam, Inc. to Microsoft 365');

      const ran = await clickAs('alex', confirm.verb, confirm.data);
      expect(text(ran)).toContain('Connect Fabrikam, Inc. to Microsoft 365');
      expect(text(ran)).toContain("Microsoft 365 refused access to Fabrikam, Inc.'s directory: its admin consent is missing or was revoked.");
      expect(await allPortalUsers()).toEqual(before);
    } finally {
      demo.integrations.localGraph.consent(FABRIKAM_TENANT, true);
    }
    expect(text(await openImport('Fabrikam'))).toContain('in the directory');
  });
});

// ---------------------------------------------------------------------------------------------
// Importing picked people
// ---------------------------------------------------------------------------------------------

describe('importing people picked on the card', () => {
  it('a person without an email: skipped with the reason, refused with an invalid typed email, created with a valid one', async () => {
    const card = await search(await openImport('Fabrikam'), 'Kim');
    const kim = rowNamed(card, 'Kim Nomail');
    expect(kim).toMatchObject({ id: KIM.id, emailInput: true, details: 'No email in Entra ID · Consultant' });
    expect(kim.status).toContain('Guest');

    // Picked without an email: the card says what is missing, the import skips with the reason.
    const picked = await press(card, 'Save selection', { [`pick_${KIM.id}`]: 'true' });
    expect(rowNamed(picked, 'Kim Nomail').emailError).toBe('Give an email address to import this person.');
    // The preview says she would be skipped and why, and offers nothing to confirm.
    const skipped = await press(picked, 'Review import', { role: 'user' });
    expect(text(skipped)).toContain('Will be skipped (1)');
    expect(text(skipped)).toContain(`Kim Nomail: ${SKIP_REASONS.noEmail}`);
    expect(cardActions(skipped).map((a) => a.title)).toEqual(['Back to the selection']);
    expect((await portalUsersOf(ids.fabrikam)).some((u) => u.entraObjectId === KIM.id)).toBe(false);

    // An invalid typed email: refused on the card, nothing imported, and audited.
    const since = new Date().toISOString();
    const before = await allPortalUsers();
    const fresh = await search(await openImport('Fabrikam'), 'Kim');
    const refused = await press(fresh, 'import', { [`pick_${KIM.id}`]: 'true', [`email_${KIM.id}`]: 'kim at partner', role: 'user' });
    expect(text(refused)).toContain('Correct the email typed for one person: The email address "kim at partner" is not valid.');
    expect(cardTexts(refused)[0]).toBe('Import from Microsoft Entra ID: Fabrikam, Inc.');
    expect(rowNamed(refused, 'Kim Nomail').emailError).toBe('The email address "kim at partner" is not valid.');
    expect(await allPortalUsers()).toEqual(before);
    expect(await auditSince(since, (r) => r.action === 'users.importEntra' && r.result === 'refused')).toHaveLength(1);

    // A valid email typed in the same card: created with it.
    const created = await press(refused, 'import', { [`email_${KIM.id}`]: ' Kim.Nomail@Partner.example ' });
    expect(factsOf(created)).toMatchObject({ Created: 1, Skipped: 0, Failed: 0 });
    const users = (await portalUsersOf(ids.fabrikam)).filter((u) => u.entraObjectId === KIM.id);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ displayName: 'Kim Nomail', email: 'Kim.Nomail@Partner.example', emailKey: 'kim.nomail@partner.example', role: 'user', access: 'none' });
  });

  it('links a person who matches a portal user by email (any case) instead of creating a duplicate', async () => {
    const before = (await portalUsersOf(ids.fabrikam)).find((u) => u.emailKey === omar.mail!.toLowerCase())!;
    expect(before.entraObjectId).toBeUndefined();
    const card = await search(await openImport('Fabrikam'), 'Omar Larsen');
    const row = rowNamed(card, 'Omar Larsen');
    expect(row.status).toBe('Matches Omar Larsen (portal) by email: importing links to them (name and email will follow Entra ID)');

    const preview = await press(card, 'Review import', { [`pick_${omar.id}`]: 'true', role: 'manager' });
    expect(text(preview)).toContain('Will be linked to an existing portal user (1)');
    expect(text(preview)).toContain('Omar Larsen · omar.larsen@fabrikam.example \u2192 Omar Larsen (portal)');
    const done = await importNow(card, { [`pick_${omar.id}`]: 'true', role: 'manager' });
    expect(text(done)).toMatch(/Linked\nOmar Larsen/);
    expect(factsOf(done)).toMatchObject({ Created: 0, 'Linked to existing users': 1, Skipped: 0, Failed: 0 });
    const same = (await portalUsersOf(ids.fabrikam)).filter((u) => u.emailKey === omar.mail!.toLowerCase());
    expect(same).toHaveLength(1);
    // From the link on, the name and email are Entra's: the link itself takes them (the role and access stay).
    expect(same[0]).toMatchObject({ id: before.id, entraObjectId: omar.id, role: before.role, access: 'active', displayName: omar.displayName, email: omar.mail });
    expect((await portalUsersOf(ids.fabrikam)).some((u) => u.entraObjectId === omar.id && u.id !== before.id)).toBe(false);
    const audit = (await auditSince('', (r) => r.action === 'user.linkEntra' && r.target.id === before.id))[0];
    expect(audit).toMatchObject({ result: 'done', before: { displayName: 'Omar Larsen (portal)', email: before.email }, after: { displayName: omar.displayName, email: omar.mail, entraObjectId: omar.id } });
    // So the next import finds nothing to change, instead of "updated".
    const again = await importNow(await search(await openImport('Fabrikam'), 'Omar Larsen'), { [`pick_${omar.id}`]: 'true', role: 'manager' });
    expect(text(again)).toContain('Already linked, nothing to do (1)\nOmar Larsen');
    expect(text(again)).not.toMatch(/updated/i);

    const after = rowNamed(await search(await openImport('Fabrikam'), 'Omar Larsen'), 'Omar Larsen');
    // The date in the viewer's own time zone: Teams formats DATE() in a TextBlock.
    expect(after.status).toMatch(/^Already linked · last sync \{\{DATE\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z, SHORT\)\}\}$/);
    expect(after.picked).toBe(false);
  });

  it('gives everyone imported the chosen role, and invitations when asked', async () => {
    const since = new Date().toISOString();
    const mailsBefore = demo.integrations.localGraph.sentMail().length;
    const card = await openImport('Fabrikam');
    const chosen = rowsOf(card)
      .filter((r) => r.picked === false && r.status === 'New' && !r.emailInput)
      .slice(0, 2);
    expect(chosen).toHaveLength(2);
    const done = await press(card, 'import', { ...Object.fromEntries(chosen.map((r) => [`pick_${r.id}`, 'true'])), role: 'manager', invite: 'true' });
    expect(factsOf(done)).toMatchObject({ Created: 2, Invited: 2, Skipped: 0, Failed: 0 });

    const users = (await portalUsersOf(ids.fabrikam)).filter((u) => chosen.some((r) => r.id === u.entraObjectId));
    expect(users.map((u) => [u.displayName, u.role, u.access]).sort()).toEqual(chosen.map((r) => [r.name, 'manager', 'invited']).sort());
    const mails = demo.integrations.localGraph.sentMail().slice(mailsBefore);
    expect(mails.map((m) => m.to[0].address.toLowerCase()).sort()).toEqual(users.map((u) => u.emailKey).sort());
    const audits = await auditSince(since, (r) => r.action === 'user.importEntra');
    expect(audits.map((r) => [r.target.id, (r.after as { role: string }).role, r.result]).sort()).toEqual(users.map((u) => [u.id, 'manager', 'done']).sort());
  });
});

// ---------------------------------------------------------------------------------------------
// "Select all unlinked": a background job with its card updated in place
// ---------------------------------------------------------------------------------------------

describe('select all unlinked, in the background', () => {
  /** Runs "all unlinked" (and Kai picked by hand) for Northwind; resolves with the final card and the job. */
  async function importAllUnlinkedOfNorthwind(): Promise<{ final: Card; updates: Card[]; job: Stored<JobDoc>; started: Card }> {
    // The rows' pick toggles are left out of these submissions but for the one person picked: sent as
    // Teams sends them, every unticked row shown would be excluded from "all unlinked" (see the test
    // 'ticking "select all unlinked"…' above, which fails on that).
    const options = { context: teams, withoutPickToggles: true };
    const open = await openImport('Northwind', 'alex', teams);
    const found = await search(open, 'Kai', {}, options);
    const withKai = await search(found, '', { [`pick_${KAI.id}`]: 'true' }, options);
    // Northwind's people without a mailbox are imported at their sign-in names: confirmed for all on the card.
    const selected = await press(withKai, 'Save selection', { allUnlinked: 'true', useSignInNames: 'true' }, options);
    expect(summaryOf(selected)).toMatch(/ · all unlinked people selected$/);
    // New members show as selected; guests, disabled and service accounts only when picked.
    for (const row of rowsOf(selected)) {
      const plainNew = row.status === 'New';
      expect(row.picked === true).toBe(plainNew || row.id === KAI.id);
    }
    const replyToId = randomUUID();
    const started = await press(selected, 'import', { role: 'user', invite: 'false' }, { ...options, replyToId });
    expect(cardTexts(started)[0]).toBe('Import from Microsoft Entra ID: Northwind Traders');
    await connector.waitFor(() => connector.updatesOf(replyToId).some((u) => JSON.stringify(u.activity).includes('Done in')));
    const updates = connector.updatesOf(replyToId).map((u) => u.activity.attachments![0].content as Card);
    return { final: updates[updates.length - 1], updates, job: await latestJob(ids.northwind), started };
  }

  let first: Awaited<ReturnType<typeof importAllUnlinkedOfNorthwind>>;

  it('ticking "select all unlinked" selects the people shown on the page too, as Teams submits the card', async () => {
    const card = await openImport('Fabrikam');
    const plainNew = rowsOf(card).filter((r) => r.status === 'New');
    expect(plainNew.length).toBeGreaterThan(0);
    // Teams sends every input of the card: the ticked "all unlinked" and the page's unticked rows.
    const saved = await press(card, 'Save selection', { allUnlinked: 'true' });
    expect(summaryOf(saved)).toMatch(/ · all unlinked people selected$/);
    expect(rowsOf(saved).filter((r) => r.status === 'New').map((r) => [r.name, r.picked])).toEqual(plainNew.map((r) => [r.name, true]));
    expect((await sessionOf(ids.fabrikam, saved)).unpicked).toEqual([]);
  });

  it('imports everyone unlinked, updates the job card in place until done, and sums up with every reason', async () => {
    const sentBefore = connector.calls.filter((c) => c.method !== 'update').length;
    const entra = [...demo.integrations.localGraph.tenant(NORTHWIND_TENANT).users()];
    const linkedBefore = new Set((await portalUsersOf(ids.northwind)).flatMap((u) => (u.entraObjectId ? [u.entraObjectId] : [])));
    first = await importAllUnlinkedOfNorthwind();
    const { final, updates, job } = first;

    // In place: every update replaced the clicked card; nothing new was posted.
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(connector.calls.filter((c) => c.method !== 'update').length).toBe(sentBefore);
    expect(text(final)).toMatch(/^Done in \d+ s\. /m);
    expect(job).toMatchObject({ state: 'done', kind: 'entraImport' });

    // The counts add up to the number of people in the directory.
    const facts = factsOf(final);
    const sum = facts.Created + facts['Linked to existing users'] + facts.Updated + facts.Unchanged + facts.Skipped + facts.Failed;
    expect(sum).toBe(entra.length);
    expect(job.progress.done).toBe(entra.length);
    expect(job.progress.total).toBe(entra.length);
    expect(facts.Unchanged).toBe(linkedBefore.size);
    expect(facts.Failed).toBe(0);

    // Every kind of skip, with its reason and count.
    const disabled = entra.filter((u) => !u.accountEnabled && !linkedBefore.has(u.id)).length;
    const guests = entra.filter((u) => u.userType === 'Guest' && u.accountEnabled && u.id !== KAI.id).length;
    expect(job.progress.skipped).toEqual({ noEmail: 1, guest: guests, disabled, duplicate: 1, service: 3 });
    expect(facts.Skipped).toBe(1 + guests + disabled + 1 + 3);
    for (const reason of ['noEmail', 'guest', 'disabled', 'duplicate', 'service'] as const) {
      expect(cardTexts(final)).toContain(`${job.progress.skipped[reason]} \u00d7 ${SKIP_REASONS[reason]}`);
    }

    // Nothing doubled: one portal user per email; the Sam Taylor accounts (same email, other case) made one.
    const users = await portalUsersOf(ids.northwind);
    expect(new Set(users.map((u) => u.emailKey)).size).toBe(users.length);
    expect(users.filter((u) => u.emailKey === 'sam.taylor@northwind.example')).toHaveLength(1);
    expect(users.filter((u) => u.lastActionKey === `${job.id}:created`)).toHaveLength(facts.Created);
  });

  it('offers the per-person report as a CSV download', async () => {
    const { final, job } = first;
    const link = (final.actions as { title: string; url?: string }[]).find((a) => a.title === 'Download the full list (CSV)')?.url;
    expect(link).toMatch(new RegExp(`^${demo.url}/reports/${ids.northwind}/`));
    const response = await fetch(link!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const report = readCsv(Buffer.from(await response.arrayBuffer()));
    expect(report.header).toEqual(['Name', 'Email', 'Outcome', 'Reason']);
    expect(report.rows).toHaveLength(job.progress.done);
    const outcomes = report.rows.map((r) => r.cells[2]);
    expect(outcomes.filter((o) => o === 'Created')).toHaveLength(job.progress.created);
    expect(outcomes.filter((o) => o === 'Skipped')).toHaveLength(Object.values(job.progress.skipped).reduce((a, b) => a + b, 0));
    const kai = report.rows.find((r) => r.cells[0] === 'Kai Nomail');
    expect(kai?.cells.slice(2)).toEqual(['Skipped', SKIP_REASONS.noEmail]);
  });

  it('re-running the same import changes nothing: everyone unchanged, no new audit records, the same ETags', async () => {
    const before = await portalUsersOf(ids.northwind);
    const since = new Date().toISOString();
    const again = await importAllUnlinkedOfNorthwind();
    expect(again.job.id).not.toBe(first.job.id);
    const facts = factsOf(again.final);
    expect(facts).toMatchObject({ Created: 0, 'Linked to existing users': 0, Updated: 0, Failed: 0 });
    expect(facts.Unchanged).toBe(first.job.progress.created + first.job.progress.unchanged + first.job.progress.linked);
    expect(facts.Skipped).toBe(factsOf(first.final).Skipped);
    expect(await portalUsersOf(ids.northwind)).toEqual(before);
    expect(await auditSince(since, (r) => r.target.kind === 'portalUser')).toEqual([]);
  });

  it('updates the linked portal users whose names and emails changed in Entra on the next import', async () => {
    const users = await portalUsersOf(ids.northwind);
    const created = users.filter((u) => u.lastActionKey === `${first.job.id}:created`);
    const [renamed, remailed] = created;
    const control = demo.integrations.localGraph.tenant(NORTHWIND_TENANT);
    control.update(renamed.entraObjectId!, { displayName: `${renamed.displayName}-Smith` });
    control.update(remailed.entraObjectId!, { mail: `new.${remailed.emailKey}` });
    const since = new Date().toISOString();

    const next = await importAllUnlinkedOfNorthwind();
    expect(factsOf(next.final)).toMatchObject({ Created: 0, Updated: 2, Failed: 0 });
    const after = await portalUsersOf(ids.northwind);
    expect(after.find((u) => u.id === renamed.id)).toMatchObject({ displayName: `${renamed.displayName}-Smith`, email: renamed.email });
    expect(after.find((u) => u.id === remailed.id)).toMatchObject({ displayName: remailed.displayName, email: `new.${remailed.emailKey}`, emailKey: `new.${remailed.emailKey}` });
    // Nobody else was touched.
    const others = (list: Stored<PortalUserDoc>[]) => list.filter((u) => u.id !== renamed.id && u.id !== remailed.id);
    expect(others(after)).toEqual(others(users));
    const audits = await auditSince(since, (r) => r.target.kind === 'portalUser');
    expect(audits.map((r) => [r.action, r.target.id]).sort()).toEqual([
      ['user.updateFromEntra', renamed.id],
      ['user.updateFromEntra', remailed.id]
    ].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// Forged submissions
// ---------------------------------------------------------------------------------------------

describe('forged import cards are refused and change nothing', () => {
  /** Runs `act` and proves that no portal user of any company changed. */
  async function expectNothingChanged(act: () => Promise<Card>): Promise<Card> {
    const before = await allPortalUsers();
    const card = await act();
    expect(await allPortalUsers()).toEqual(before);
    return card;
  }

  const OUT_OF_DATE = 'This import card is out of date. Say "import users for <company>" to start again.';
  let foreignCompanyId: string;
  let since: string;

  beforeAll(async () => {
    since = new Date().toISOString();
    // A company of another MSP, connected to the very same tenant as Fabrikam.
    const otherMsp = createRepositories(demo.testStore.store, mspIdOf('11111111-2222-4333-8444-555555555555'));
    const foreign = await otherMsp.companies.create(companyDoc(otherMsp.mspId, 'Fabrikam, Inc.', { tenantId: FABRIKAM_TENANT }));
    foreignCompanyId = foreign.companyId;
  });

  it("another person's session: refused, and their session is left as it was", async () => {
    const megans = await openImport('Fabrikam', 'megan');
    const row = rowsOf(megans).find((r) => r.picked === false && r.status === 'New')!;
    const session = await sessionOf(ids.fabrikam, megans);
    const card = await expectNothingChanged(() => press(megans, 'import', { [`pick_${row.id}`]: 'true', role: 'user' }, { who: 'alex' }));
    expect(text(card)).toContain(OUT_OF_DATE);
    const paged = await press(megans, 'Next page', { [`pick_${row.id}`]: 'true' }, { who: 'alex' });
    expect(text(paged)).toContain(OUT_OF_DATE);
    expect(await sessionOf(ids.fabrikam, megans)).toEqual(session);
  });

  it('a valid session under the company id of another company: refused', async () => {
    const card = await openImport('Fabrikam');
    const row = rowsOf(card).find((r) => r.picked === false && r.status === 'New')!;
    const refused = await expectNothingChanged(() => press(card, 'import', { companyId: ids.northwind, [`pick_${row.id}`]: 'true', role: 'user' }));
    expect(text(refused)).toContain(OUT_OF_DATE);
    expect(text(await press(card, 'Next page', { companyId: ids.northwind }))).toContain(OUT_OF_DATE);
  });

  it("Entra ids of another tenant picked on Fabrikam's card fail as not found there and import nothing", async () => {
    const card = await openImport('Fabrikam');
    const requestsBefore = demo.integrations.localGraph.requests().length;
    const northwindIds = [...demo.integrations.localGraph.tenant(NORTHWIND_TENANT).users()].slice(0, 2).map((u) => u.id);
    const forged = [...northwindIds, '../users/x/sendMail'];
    const preview = await expectNothingChanged(() =>
      press(card, 'Review import', { rowIds: forged, ...Object.fromEntries(forged.map((id) => [`pick_${id}`, 'true'])), role: 'user' })
    );
    // The preview reads them in Fabrikam's tenant, says why none can be imported, and offers no confirm.
    expect(text(preview)).toContain('Cannot be read (3)');
    expect(text(preview)).toContain(`${northwindIds[0]}: Not found in this company\u2019s Microsoft 365 tenant.`);
    expect(text(preview)).toContain('../users/x/sendMail: Not an Entra user id.');
    expect(cardActions(preview).map((a) => a.title)).toEqual(['Back to the selection']);
    // A confirm forged with the selection's fingerprint (it is no secret) still imports nobody.
    const session = await sessionOf(ids.fabrikam, card);
    const result = await expectNothingChanged(() =>
      clickAs('alex', 'import.run', { companyId: ids.fabrikam, sessionId: session.id, rowIds: [], move: 'stay', idempotencyKey: randomUUID(), fingerprint: selectionFingerprint(session) })
    );
    expect(factsOf(result)).toMatchObject({ Created: 0, 'Linked to existing users': 0, Updated: 0, Failed: 3 });
    const job = await latestJob(ids.fabrikam);
    const report = await demo.app.services.repos.importReports.get(ids.fabrikam, job.reportToken!);
    expect(report!.rows.map((r) => [r.name, r.outcome, r.reason]).sort()).toEqual(
      [
        [northwindIds[0], 'failed', 'Not found in this company\u2019s Microsoft 365 tenant.'],
        [northwindIds[1], 'failed', 'Not found in this company\u2019s Microsoft 365 tenant.'],
        ['../users/x/sendMail', 'failed', 'Not an Entra user id.']
      ].sort()
    );
    // The local Graph was asked only about the GUIDs, and only in Fabrikam's tenant: by the preview
    // shown, by the preview checked again on confirming, and by the import.
    const asked = demo.integrations.localGraph.requests().slice(requestsBefore).filter((r) => northwindIds.some((id) => r.path.endsWith(id)) || r.path.includes('sendMail'));
    expect(asked.map((r) => [r.tenantId, r.status])).toEqual([...northwindIds, ...northwindIds, ...northwindIds].map(() => [FABRIKAM_TENANT, 404]));
  });

  it('a company of another MSP: refused on open, on paging and on import', async () => {
    expect(text(await expectNothingChanged(() => clickAs('alex', 'import.open', { companyId: foreignCompanyId })))).toContain('That company does not exist (any more).');
    const card = await openImport('Fabrikam');
    const row = rowsOf(card).find((r) => r.picked === false && r.status === 'New')!;
    expect(text(await press(card, 'Next page', { companyId: foreignCompanyId }))).toContain('That company does not exist (any more).');
    const refused = await expectNothingChanged(() => press(card, 'import', { companyId: foreignCompanyId, [`pick_${row.id}`]: 'true', role: 'user' }));
    expect(text(refused)).toContain('That company does not exist (any more).');
    expect(await portalUsersOf(foreignCompanyId)).toEqual([]);
  });

  it.each([
    ['an MSP role', 'superAdmin'],
    ['a role that does not exist', 'owner'],
    ['no role', '']
  ])('a role the actor may not give (%s): refused on the card and audited as refused', async (_case, role) => {
    const started = new Date().toISOString();
    const card = await openImport('Fabrikam');
    const row = rowsOf(card).find((r) => r.picked === false && r.status === 'New')!;
    const refused = await expectNothingChanged(() => press(card, 'import', { [`pick_${row.id}`]: 'true', role }));
    expect(text(refused)).toContain('Choose a role you may give to the imported people.');
    const audits = await auditSince(started, (r) => r.action === 'users.importEntra');
    expect(audits.map((r) => [r.result, r.message, r.actor.displayName])).toEqual([['refused', 'Choose a role you may give to the imported people.', demo.people.alex.name]]);
  });

  it('a Technician, whose role cannot import, pressing a real card: refused', async () => {
    const card = await openImport('Fabrikam');
    const row = rowsOf(card).find((r) => r.picked === false && r.status === 'New')!;
    const refused = await expectNothingChanged(() => press(card, 'import', { [`pick_${row.id}`]: 'true', role: 'user' }, { who: 'isaiah' }));
    expect(text(refused)).toContain('Your role (Technician) cannot import users.');
    expect(text(await openImport('Fabrikam', 'isaiah'))).toContain('Your role (Technician) cannot import users.');
  });

  it('a person who is not MSP staff pressing a real card: the not-staff card, nothing else', async () => {
    const card = await openImport('Fabrikam');
    const row = rowsOf(card).find((r) => r.picked === false && r.status === 'New')!;
    const session = await sessionOf(ids.fabrikam, card);
    const refused = await expectNothingChanged(() => press(card, 'import', { [`pick_${row.id}`]: 'true', role: 'user' }, { who: 'patti' }));
    expect(cardActions(refused).some((a) => a.verb.startsWith('import.'))).toBe(false);
    expect(text(refused)).toMatch(/Contoso IT Services/);
    expect(await sessionOf(ids.fabrikam, card)).toEqual(session);
  });

  it('a click from a channel: refused, nothing else', async () => {
    const card = await openImport('Fabrikam');
    const row = rowsOf(card).find((r) => r.picked === false && r.status === 'New')!;
    const session = await sessionOf(ids.fabrikam, card);
    const action = actionOf(card, (a) => a.verb === 'import.review');
    const refused = await expectNothingChanged(() =>
      clickAs('alex', 'import.review', { ...action.data, ...cardInputs(card), [`pick_${row.id}`]: 'true', role: 'user' }, { scope: 'channel' })
    );
    expect(text(refused)).toContain('This works only in personal chat with me.');
    expect(await sessionOf(ids.fabrikam, card)).toEqual(session);
  });

  it('audits every refused import as refused: another person’s session, another company’s id, another MSP’s company, a role that cannot import', async () => {
    const started = new Date().toISOString();
    const megans = await openImport('Fabrikam', 'megan');
    const mine = await openImport('Fabrikam');
    const row = rowsOf(mine).find((r) => r.picked === false && r.status === 'New')!;
    const pick = { [`pick_${row.id}`]: 'true', role: 'user' };
    await press(megans, 'import', pick, { who: 'alex' });
    await press(mine, 'import', { ...pick, companyId: ids.northwind });
    await press(mine, 'import', { ...pick, companyId: foreignCompanyId });
    await press(mine, 'import', pick, { who: 'isaiah' });
    const refused = await auditSince(started, (r) => r.action === 'users.importEntra' && r.result === 'refused');
    expect(refused.map((r) => r.actor.displayName).sort()).toEqual([demo.people.alex.name, demo.people.alex.name, demo.people.alex.name, demo.people.isaiah.name].sort());
    expect(await auditSince(since, (r) => r.action === 'users.importEntra' && r.result === 'done' && r.companyId === foreignCompanyId)).toEqual([]);
  });
});
