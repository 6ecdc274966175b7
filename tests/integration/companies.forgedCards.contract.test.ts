import { randomUUID } from 'node:crypto';
import { DEMO_COMPANIES, demoGuid } from '../../src/dev/demoData';
import { mspCompanyIdOf } from '../../src/store/repositories/companies';
import { cardActions, cardClick, cardOf, cardTexts, click, personalMessage, postActivity } from '../helpers/botClient';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';

/*
 * The company cards through the bot's real HTTP endpoint: what each role is offered, and card data
 * forged the way an attacker would (another company's id, the MSP's own company, a stale version, a
 * name already taken, a channel instead of personal chat). Each is refused with a reason and changes
 * nothing. Then a company's history, filtered, and its CSV export, safe to open in a spreadsheet.
 */

type Card = Record<string, unknown>;
let demo: DemoApp;
beforeAll(async () => {
  demo = await startDemoApp();
});
afterAll(() => demo.close());

const idOf = (name: string) => demoGuid('company', name);
const NORTHWIND = idOf('Northwind Traders');
const FABRIKAM = idOf('Fabrikam, Inc.');
const VIEW = { view: 'active' };
const texts = (card: Card) => cardTexts(card).join('\n');

async function say(who: string, text: string): Promise<Card> {
  const answer = await postActivity(demo.url, personalMessage(demo.teams, demo.people[who], text));
  return cardOf(answer.replies[0]) as Card;
}

async function clickAs(who: string, verb: string, data: unknown, scope: 'personal' | 'channel' = 'personal'): Promise<Card> {
  const answer = await click(demo.url, cardClick(demo.teams, demo.people[who], verb, data, { scope }));
  expect(answer.status).toBe(200);
  return answer.card;
}

const company = (id: string) => demo.app.services.repos.companies.get(id);

/** A company's row actions as Teams shows them: the row's one button, then its overflow menu ("More options"). */
function rowOffer(card: Card, companyId: string): { button: string[]; overflow: string[]; red: string[] } {
  const found: { title: string; mode?: string; style?: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    const data = element.data as { companyId?: string; view?: { companyId?: string } } | undefined;
    if (element.type === 'Action.Execute' && (data?.companyId === companyId || data?.view?.companyId === companyId)) {
      found.push({ title: String(element.title), mode: element.mode as string | undefined, style: element.style as string | undefined });
    }
    Object.values(element).forEach(walk);
  };
  walk(card);
  return {
    button: found.filter((a) => a.mode !== 'secondary').map((a) => a.title),
    overflow: found.filter((a) => a.mode === 'secondary').map((a) => a.title),
    red: found.filter((a) => a.style === 'destructive').map((a) => a.title)
  };
}

describe('what each role is offered on the companies card', () => {
  test.each([
    ['alex', { button: ['Users'], overflow: ['History', 'Import', 'Rename', 'Archive'], red: [] }],
    ['adele', { button: ['Users'], overflow: ['History', 'Import', 'Rename', 'Archive'], red: [] }],
    ['isaiah', { button: ['Users'], overflow: ['History'], red: [] }]
  ])('%s: one button on the row, the rest in its overflow menu', async (who, expected) => {
    expect(rowOffer(await say(who, 'companies Northwind'), NORTHWIND)).toEqual(expected);
  });

  test('a company not connected to Microsoft 365 offers Connect instead of Import', async () => {
    expect(rowOffer(await say('alex', 'companies Adatum'), idOf('Adatum Corporation'))).toEqual({ button: ['Users'], overflow: ['History', 'Connect', 'Rename', 'Archive'], red: [] });
  });

  test("the MSP's own company offers neither Archive nor Delete", async () => {
    const own = mspCompanyIdOf(demo.app.services.repos.mspId);
    expect(rowOffer(await say('alex', 'companies Contoso'), own)).toEqual({ button: ['History'], overflow: ['Rename'], red: [] });
  });

  test('archived companies show only when asked, with Restore, and Delete (never red on the row) for a Super Admin', async () => {
    expect(texts(await say('alex', 'companies'))).not.toContain('Tailspin Toys');
    const archived = await say('alex', 'archived companies');
    expect(texts(archived)).toMatch(/\d+ portal users, access paused/);
    expect(texts(archived)).not.toMatch(/with access/);
    const tailspin = rowOffer(archived, idOf('Tailspin Toys'));
    expect(tailspin.button).toEqual(['Restore']);
    expect(tailspin.overflow).toEqual(expect.arrayContaining(['Users', 'History', 'Rename', 'Delete permanently']));
    expect(tailspin.red).toEqual([]);
    expect(cardActions(await say('adele', 'archived companies')).map((a) => a.title)).not.toContain('Delete permanently');
  });
});

describe('no form is offered that would be refused', () => {
  test.each([
    ['a technician asking for the rename form', 'isaiah', 'company.renameForm', () => ({ companyId: NORTHWIND, view: VIEW }), /You cannot rename Northwind Traders[\s\S]*Your role \(Technician\) cannot rename companies\. Ask a Super Admin or an MSP Admin\./],
    ['a technician asking for the archive confirmation', 'isaiah', 'company.archiveForm', () => ({ companyId: NORTHWIND, view: VIEW }), /You cannot archive Northwind Traders/],
    ['a technician asking for the add form', 'isaiah', 'company.addForm', () => ({ view: VIEW }), /Your role \(Technician\) cannot add companies/],
    ["the MSP's own company's archive confirmation", 'alex', 'company.archiveForm', () => ({ companyId: mspCompanyIdOf(demo.app.services.repos.mspId), view: VIEW }), /Contoso IT Services is your own company; it can never be archived or deleted\./],
    ['an archived company’s archive confirmation', 'alex', 'company.archiveForm', () => ({ companyId: idOf('Tailspin Toys'), view: VIEW }), /Tailspin Toys is already archived/],
    ['an active company’s restore confirmation', 'alex', 'company.restoreForm', () => ({ companyId: FABRIKAM, view: VIEW }), /Fabrikam, Inc\. is active, not archived: there is nothing to restore/],
    ['an archived company’s consent link', 'alex', 'company.connect', () => ({ companyId: idOf('Tailspin Toys'), view: VIEW }), /Tailspin Toys is archived; restore it before connecting it/]
  ])('%s is refused at once, with the way back', async (_what, who, verb, data, reason) => {
    const card = await clickAs(who, verb, data());
    expect(texts(card)).toMatch(reason);
    const verbs = cardActions(card).map((a) => a.verb);
    expect(verbs).toContain('companies.show');
    expect(verbs.filter((v) => /^company\.(rename|archive|restore|add)$/.test(v))).toEqual([]);
  });

  test('the already-archived answer offers Restore to those who may restore', async () => {
    const card = await clickAs('alex', 'company.archiveForm', { companyId: idOf('Tailspin Toys'), view: VIEW });
    expect(cardActions(card).map((a) => a.title)).toEqual(['Restore', 'Back to companies']);
  });
});

describe('a company name that matches nothing', () => {
  test.each([
    ['users of Fabrkam', 'Fabrikam, Inc.', 'users.show'],
    ['archive Nortwind', 'Northwind Traders', 'company.archiveForm'],
    ['history Tailspinn', 'Tailspin Toys', 'history.show']
  ])('"%s" offers %s as "did you mean", running the same command', async (said, name, verb) => {
    const card = await say('alex', said);
    expect(texts(card)).toContain('Did you mean:');
    const choice = cardActions(card).find((a) => a.title === name);
    expect(choice?.verb).toBe(verb);
    const next = await clickAs('alex', choice!.verb, choice!.data);
    expect(texts(next)).toContain(name);
  });

  test('a name close to nothing gets no suggestions, only the way to the companies', async () => {
    const card = await say('alex', 'users of Proseware');
    expect(texts(card)).toContain('I know no active company named "Proseware".');
    expect(texts(card)).not.toContain('Did you mean');
    expect(cardActions(card).map((a) => a.title)).toEqual(['Show companies']);
  });
});

describe('forged card data changes nothing', () => {
  test.each([
    ['a technician archiving', 'isaiah', 'company.archive', { companyId: NORTHWIND, idempotencyKey: randomUUID(), view: VIEW }, /Your role \(Technician\) cannot archive companies/],
    ["the MSP's own company archived", 'alex', 'company.archive', () => ({ companyId: mspCompanyIdOf(demo.app.services.repos.mspId), idempotencyKey: randomUUID(), view: VIEW }), /your own company|MSP's own/i],
    ['an unknown company', 'alex', 'company.archive', { companyId: 'no-such-company', idempotencyKey: randomUUID(), view: VIEW }, /does not exist/],
    ['a technician adding a company', 'isaiah', 'company.add', { view: VIEW, idempotencyKey: randomUUID(), name: 'Litware' }, /Your role \(Technician\) cannot add companies/],
    ['a delete request by an MSP Admin', 'adele', 'company.requestDelete', { companyId: idOf('Tailspin Toys'), etag: '"x"', idempotencyKey: randomUUID(), typedName: 'Tailspin Toys' }, /Your role \(MSP Admin\) cannot request/],
    ['a delete request for an active company with an unpaid invoice', 'alex', 'company.requestDelete', async () => ({ companyId: FABRIKAM, etag: (await company(FABRIKAM))?._etag, idempotencyKey: randomUUID(), typedName: 'Fabrikam, Inc.' }), /not archived[\s\S]*outstanding balance/],
    ['a key that is not a UUID', 'alex', 'company.archive', { companyId: NORTHWIND, idempotencyKey: 'x', view: VIEW }, /out of date/]
  ])('%s', async (_what, who, verb, data, reason) => {
    const before = await demo.testStore.store.container('companies').items.readAll().fetchAll();
    const card = await clickAs(who, verb, typeof data === 'function' ? await data() : data);
    expect(texts(card)).toMatch(reason);
    const after = await demo.testStore.store.container('companies').items.readAll().fetchAll();
    expect(after.resources.map((d) => d._etag).sort()).toEqual(before.resources.map((d) => d._etag).sort());
  });

  test('company cards act only in personal chat; people who are not staff get nothing', async () => {
    expect(texts(await clickAs('alex', 'company.archive', { companyId: NORTHWIND, idempotencyKey: randomUUID(), view: VIEW }, 'channel'))).toContain('only in personal chat');
    expect(texts(await clickAs('patti', 'company.archive', { companyId: NORTHWIND, idempotencyKey: randomUUID(), view: VIEW }))).toMatch(/staff/i);
    expect((await company(NORTHWIND))?.state).toBe('active');
  });

  test('a rename from a stale card, or to a name already taken in another case, is refused', async () => {
    const form = await clickAs('alex', 'company.renameForm', { companyId: NORTHWIND, view: VIEW });
    const submit = cardActions(form).find((a) => a.verb === 'company.rename')!;
    const taken = await clickAs('alex', 'company.rename', { ...submit.data, name: 'fabrikam,  INC.' });
    expect(texts(taken)).toMatch(/already/i);
    expect((await company(NORTHWIND))?.name).toBe('Northwind Traders');
    const renamed = await clickAs('adele', 'company.rename', { ...cardActions(await clickAs('adele', 'company.renameForm', { companyId: NORTHWIND, view: VIEW })).find((a) => a.verb === 'company.rename')!.data, name: 'Northwind Traders Ltd' });
    expect(texts(renamed)).toContain('Northwind Traders Ltd');
    // Alex's card still holds the version before Adele's rename.
    const stale = await clickAs('alex', 'company.rename', { ...submit.data, idempotencyKey: randomUUID(), name: 'Northwind Trading' });
    expect(texts(stale)).toMatch(/changed|meanwhile|someone else/i);
    expect((await company(NORTHWIND))?.name).toBe('Northwind Traders Ltd');
  });

  test('an archive or restore confirmation shown before someone else changed the company changes nothing, and says so', async () => {
    const name = 'Adatum Corporation';
    const adatum = idOf(name);
    const confirmation = await say('alex', `archive ${name}`);
    const archive = cardActions(confirmation).find((a) => a.verb === 'company.archive')!;
    // Adele renames it while Alex's confirmation is open.
    const form = await clickAs('adele', 'company.renameForm', { companyId: adatum, view: VIEW });
    await clickAs('adele', 'company.rename', { ...cardActions(form).find((a) => a.verb === 'company.rename')!.data, name: 'Adatum Holdings' });
    const before = await company(adatum);
    const stale = await clickAs('alex', 'company.archive', archive.data);
    expect(texts(stale)).toContain('was changed by someone else since this card was shown. Nothing was changed');
    expect(await company(adatum)).toMatchObject({ state: 'active', name: 'Adatum Holdings', _etag: before!._etag });

    // A confirmation of the company as it is now archives it; pressed twice, it acts once.
    const fresh = cardActions(await say('alex', 'archive Adatum Holdings')).find((a) => a.verb === 'company.archive')!;
    await clickAs('alex', 'company.archive', fresh.data);
    const archived = await company(adatum);
    expect(archived?.state).toBe('archived');
    expect(texts(await clickAs('alex', 'company.archive', fresh.data))).not.toMatch(/changed by someone else/);
    expect((await company(adatum))?._etag).toBe(archived!._etag);

    // The same for a restore confirmation opened before Adele restored it herself.
    const restoreForm = await clickAs('alex', 'company.restoreForm', { companyId: adatum, view: VIEW });
    const restore = cardActions(restoreForm).find((a) => a.verb === 'company.restore')!;
    const hers = cardActions(await clickAs('adele', 'company.restoreForm', { companyId: adatum, view: VIEW })).find((a) => a.verb === 'company.restore')!;
    await clickAs('adele', 'company.restore', hers.data);
    await clickAs('adele', 'company.archive', cardActions(await say('adele', 'archive Adatum Holdings')).find((a) => a.verb === 'company.archive')!.data);
    expect(texts(await clickAs('alex', 'company.restore', restore.data))).toContain('was changed by someone else since this card was shown');
    expect((await company(adatum))?.state).toBe('archived');
  });

  test('archiving an archived company is a no-op that says so', async () => {
    const tailspin = idOf('Tailspin Toys');
    const before = await company(tailspin);
    const again = await clickAs('alex', 'company.archive', { companyId: tailspin, idempotencyKey: randomUUID(), view: VIEW });
    expect(texts(again)).toMatch(/already archived/i);
    expect((await company(tailspin))?._etag).toBe(before?._etag);
  });

  test('archive, then restore, through the cards: restore gives it back, active and in the list again', async () => {
    const name = 'Wide World Importers';
    const wideWorld = idOf(name);
    const before = await company(wideWorld);
    expect(before?.state).toBe('active');
    const offeredBefore = rowOffer(await say('alex', 'companies'), wideWorld);
    expect(offeredBefore.button).toEqual(['Users']);

    // Archive: the command's confirmation, then its button.
    const archiveConfirmation = await say('alex', `archive ${name}`);
    const archive = cardActions(archiveConfirmation).find((a) => a.verb === 'company.archive');
    expect(archive).toBeDefined();
    await clickAs('alex', 'company.archive', archive!.data);
    expect((await company(wideWorld))?.state).toBe('archived');
    expect(texts(await say('alex', 'companies'))).not.toContain(name);

    // Restore: the row's Restore button in the archived list, its confirmation, then its button.
    const archivedList = await say('alex', 'archived companies');
    const restoreButton = cardActions(archivedList).find((a) => a.verb === 'company.restoreForm' && a.data.companyId === wideWorld);
    expect(restoreButton?.title).toBe('Restore');
    const restoreConfirmation = await clickAs('alex', 'company.restoreForm', restoreButton!.data);
    const restore = cardActions(restoreConfirmation).find((a) => a.verb === 'company.restore');
    expect(restore).toBeDefined();
    const restored = await clickAs('alex', 'company.restore', restore!.data);
    expect(texts(restored)).toContain(name);

    const after = await company(wideWorld);
    expect(after).toMatchObject({ state: 'active', name: before!.name, tenantId: before!.tenantId });
    const list = await say('alex', 'companies');
    expect(texts(list)).toContain(name);
    expect(rowOffer(list, wideWorld)).toEqual(offeredBefore);
    expect(texts(await say('alex', 'archived companies'))).not.toContain(name);
  });
});

describe('history and its CSV export', () => {
  const NASTY = '=HYPERLINK("https://evil.example","click")';

  test('an archive reason shows in the history, filtered by person and action, and exports as inert CSV', async () => {
    const northwind = DEMO_COMPANIES[1].name;
    expect(northwind).toBe('Northwind Traders');
    const confirm = await say('adele', 'archive Northwind');
    const archive = cardActions(confirm).find((a) => a.verb === 'company.archive')!;
    expect(texts(await clickAs('adele', 'company.archive', { ...archive.data, reason: NASTY }))).toMatch(/archived/i);

    const history = await say('isaiah', 'history Northwind');
    expect(texts(history)).toContain(NASTY);
    expect(texts(history)).toContain('Adele Vance');
    const filter = cardActions(history).find((a) => a.verb === 'history.show' && a.data.applyFilter)!;
    const byAlex = await clickAs('isaiah', 'history.show', { ...filter.data, person: 'alex' });
    expect(texts(byAlex)).not.toContain(NASTY);
    const byAdele = await clickAs('isaiah', 'history.show', { ...filter.data, person: 'ADELE', group: 'company' });
    expect(texts(byAdele)).toContain(NASTY);

    const exported = await clickAs('isaiah', 'history.export', { ...filter.data, person: 'adele' });
    const url = /\((http[^)]+\.csv\?token=[^)]+)\)/.exec(texts(exported))?.[1];
    expect(url).toBeDefined();
    const response = await fetch(url!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    // The BOM makes Excel read the file as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('When (UTC),Who,Action,Target,Result,Detail,Before,After');
    expect(csv).toContain(`"'${NASTY.replace(/"/g, '""')}"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);

    const tampered = await fetch(url!.replace(/token=(.)/, (_m, c: string) => `token=${c === 'A' ? 'B' : 'A'}`));
    expect(tampered.status).toBe(404);
    const otherCompany = await fetch(url!.replace(NORTHWIND, FABRIKAM));
    expect(otherCompany.status).toBe(404);
  });
});
