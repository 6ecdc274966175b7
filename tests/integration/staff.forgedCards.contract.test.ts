import { mspCompanyIdOf } from '../../src/store/repositories/companies';
import { cardClick, click } from '../helpers/botClient';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';
import { action, confirmOf, auditOf, clickAs, importBase, importRows, importWith, sayAs, searchImport, texts, title, type Card, type Data } from '../helpers/staffFlow';

/*
 * Forged staff card data, through the bot's real HTTP endpoint. Every case starts from a real card a
 * Super Admin got, then changes its data the way an attacker would. Security invariants pinned here:
 * - an import gives at most MSP Admin: a higher (or unknown) role on the card is refused, and Super
 *   Admin is given only to a staff member bound to their Entra identity;
 * - the people an import card names must be that source's people (as read when it opened): a person of
 *   another source, or an invented one, is refused and nothing is imported;
 * - a link names an existing staff member who may be linked; an import card is its opener's alone.
 */

jest.setTimeout(60000);

let demo: DemoApp;
beforeAll(async () => {
  demo = await startDemoApp();
});
afterAll(() => demo.close());

/** A staff import card's session: staff sessions are filed under the MSP's own company. */
const staffSession = (id: string) => demo.app.services.repos.importSessions.get(mspCompanyIdOf(demo.app.services.repos.mspId), id);

const snapshot = async () =>
  (await demo.app.services.repos.staff.list()).map(({ id, displayName, email, role, identity, links, source, lastActionKey }) => ({ id, displayName, email, role, identity, links, source, lastActionKey }));

/** Runs `act` and proves that no staff member changed and nobody was added. */
async function expectNothingChanged(act: () => Promise<Card>): Promise<Card> {
  const before = await snapshot();
  const card = await act();
  expect(await snapshot()).toEqual(before);
  return card;
}

async function connectWiseCard(): Promise<Card> {
  const card = await sayAs(demo, 'alex', 'import staff from connectwise');
  expect(title(card)).toBe('Import staff from ConnectWise Manage');
  return card;
}

describe('a role above what an import may give', () => {
  it.each([
    ['superAdmin', 'An import gives MSP Admin or Technician.'],
    ['owner', '"owner" is not a staff role.'],
    ['admin', '"admin" is not a staff role.']
  ])('role %s on "Import selected" is refused and nothing is stored', async (role, message) => {
    const card = await connectWiseCard();
    const row = importRows(card)[0];
    const refused = await expectNothingChanged(() => clickAs(demo, 'alex', 'staffImport.confirm', { ...action(card, 'staffImport.confirm').data, [`pick_${row.id}`]: 'true', role }));
    expect(texts(refused)).toContain(message);
    expect(texts(refused)).toContain('Nothing was changed.');
    const session = await staffSession(String(importBase(card).sessionId));
    expect(session?.role).toBe('technician');
    expect(session?.picked).toEqual([]);
    expect((await auditOf(demo, 'staff.import')).some((r) => r.result === 'refused' && r.message?.startsWith(message))).toBe(true);
  });

  it('Super Admin for a staff member not yet bound to their Entra identity is refused, even with a forged confirmation', async () => {
    const card = await connectWiseCard();
    const found = await searchImport(demo, 'alex', card, 'Priya');
    const row = importRows(found)[0];
    await importWith(demo, 'alex', found, { [`pick_${row.id}`]: 'true', role: 'technician' });
    const priya = (await demo.app.services.repos.staff.list()).find((member) => member.displayName === 'Priya Raman')!;
    expect(priya.identity).toBeUndefined();

    const list = await sayAs(demo, 'alex', 'staff priya');
    const confirm = await clickAs(demo, 'alex', 'staff.ask', action(list, 'staff.ask', (a) => a.data.staffId === priya.id && a.title === 'Change role').data);
    expect(JSON.stringify(confirm)).not.toContain('"value":"superAdmin"');
    const forged = await expectNothingChanged(() => clickAs(demo, 'alex', confirmOf(confirm).verb, { ...confirmOf(confirm).data, role: 'superAdmin' }));
    expect(texts(forged)).toContain('Super Admin can be given only to someone linked to their Microsoft Entra account');
    const nonsense = await expectNothingChanged(() => clickAs(demo, 'alex', confirmOf(confirm).verb, { ...confirmOf(confirm).data, role: 'root' }));
    expect(texts(nonsense)).toContain('"root" is not a staff role.');
  });
});

describe('a person from another source', () => {
  let card: Card;
  let haloId: string;
  beforeAll(async () => {
    card = await connectWiseCard();
    const connectWiseIds = new Set(demo.localPsa.people('connectwise').map((p) => String(p.id)));
    haloId = String(demo.localPsa.people('halo').find((p) => p.active && p.email && !connectWiseIds.has(String(p.id)))!.id);
  });

  const forge = (data: Data, extra: Data): Data => ({ ...data, rowIds: [...(data.rowIds as string[]), haloId], ...extra });
  const refusal = 'This card names people who are not among the ConnectWise Manage members it was opened for. Nothing was changed.';

  it('picked on a ConnectWise card is refused by "Import selected", and nothing is imported', async () => {
    const refused = await expectNothingChanged(() => clickAs(demo, 'alex', 'staffImport.confirm', forge(action(card, 'staffImport.confirm').data, { [`pick_${haloId}`]: 'true', role: 'technician' })));
    expect(texts(refused)).toContain(refusal);
    const session = await staffSession(String(importBase(card).sessionId));
    expect(session?.picked).not.toContain(haloId);
  });

  it('is refused by "Save selection", "Link to existing staff" and "Link"', async () => {
    const base = importBase(card);
    expect(texts(await clickAs(demo, 'alex', 'staffImport.page', forge(base, { [`pick_${haloId}`]: 'true' })))).toContain(refusal);
    expect(texts(await clickAs(demo, 'alex', 'staffImport.linkForm', { ...base, rowId: haloId }))).toContain(refusal);
    const isaiah = (await demo.app.services.repos.staff.list()).find((member) => member.displayName === 'Isaiah Langer')!;
    expect(texts(await expectNothingChanged(() => clickAs(demo, 'alex', 'staffImport.link', { sessionId: base.sessionId, rowId: haloId, staffId: isaiah.id })))).toContain(refusal);
  });

  it('an invented person is refused the same way', async () => {
    const base = importBase(card);
    const refused = await clickAs(demo, 'alex', 'staffImport.confirm', { ...base, rowIds: ['999999'], pick_999999: 'true', role: 'technician' });
    expect(texts(refused)).toContain(refusal);
  });
});

describe('links, sessions and keys', () => {
  it('a link to a staff member who does not exist, or who is linked to another person of the source, is refused', async () => {
    const card = await connectWiseCard();
    const rows = importRows(card);
    const base = importBase(card);
    const missing = await expectNothingChanged(() => clickAs(demo, 'alex', 'staffImport.link', { sessionId: base.sessionId, rowId: rows[0].id, staffId: '00000000-0000-4000-8000-000000000000' }));
    expect(texts(missing)).toContain('That staff member cannot be linked to this person');
    const priya = (await demo.app.services.repos.staff.list()).find((member) => member.displayName === 'Priya Raman')!;
    const other = rows.find((row) => row.name !== 'Priya Raman')!;
    const taken = await clickAs(demo, 'alex', 'staffImport.link', { sessionId: base.sessionId, rowId: other.id, staffId: priya.id });
    expect(texts(taken)).toContain('That staff member cannot be linked to this person');
  });

  it('another Super Admin cannot use an import card that is not theirs', async () => {
    const card = await connectWiseCard();
    const row = importRows(card)[0];
    const refused = await expectNothingChanged(() => clickAs(demo, 'megan', 'staffImport.confirm', { ...action(card, 'staffImport.confirm').data, [`pick_${row.id}`]: 'true', role: 'technician' }));
    expect(texts(refused)).toContain('This import card is out of date. Say "import staff" to start again.');
  });

  it('a forged or unknown session, a malformed key, and a card action in a channel change nothing', async () => {
    const card = await connectWiseCard();
    const missing = await expectNothingChanged(() => clickAs(demo, 'alex', 'staffImport.run', { sessionId: '6f1d0c2a-7b3e-4d5f-9a8b-1c2d3e4f5a6b', idempotencyKey: '6f1d0c2a-7b3e-4d5f-9a8b-1c2d3e4f5a6c' }));
    expect(texts(missing)).toContain('This import card is out of date.');
    const malformed = await expectNothingChanged(() => clickAs(demo, 'alex', 'staffImport.run', { sessionId: importBase(card).sessionId, idempotencyKey: 'not-a-key' }));
    expect(texts(malformed)).toContain('This card is out of date');
    const unknownSource = await clickAs(demo, 'alex', 'staffImport.open', { source: 'salesforce' });
    expect(texts(unknownSource)).toContain('That is not a source staff can be imported from.');
    const staff = (await demo.app.services.repos.staff.list()).find((member) => member.displayName === 'Isaiah Langer')!;
    const unknownStaff = await expectNothingChanged(() =>
      clickAs(demo, 'alex', 'staff.do', { staffId: '00000000-0000-4000-8000-000000000000', etag: staff._etag, operation: 'changeRole', role: 'technician', view: {}, idempotencyKey: '6f1d0c2a-7b3e-4d5f-9a8b-1c2d3e4f5a6d' })
    );
    expect(texts(unknownStaff)).toContain('That person is not on the staff list (any more).');
    const inChannel = await expectNothingChanged(async () => (await click(demo.url, cardClick(demo.teams, demo.people.alex, 'staffImport.open', { source: 'halo' }, { scope: 'channel' }))).card);
    expect(texts(inChannel)).toContain('This works only in personal chat with me.');
  });
});

describe('possible matches: "Link to <name>" and "Create new", forged', () => {
  let card: Card;
  let rowId: string;
  const session = async () => (await staffSession(String(importBase(card).sessionId)))!;
  const staffNamed = async (name: string) => (await demo.app.services.repos.staff.list()).find((member) => member.displayName === name)!;
  /** A Syncro card showing Isaiah Langer's look-alike, as a Super Admin gets it. */
  beforeEach(async () => {
    card = await searchImport(demo, 'alex', await sayAs(demo, 'alex', 'import staff from syncro'), 'Isaiah');
    const row = importRows(card)[0];
    expect(row.status).toMatch(/^Possible match: Isaiah Langer/);
    rowId = row.id;
  });

  it('a link to a staff member who does not exist, or who is linked to another person of the source, is refused and links nobody', async () => {
    const link = action(card, 'staffImport.linkMatch');
    const missing = await expectNothingChanged(() => clickAs(demo, 'alex', 'staffImport.linkMatch', { ...link.data, staffId: '00000000-0000-4000-8000-000000000000' }));
    expect(texts(missing)).toContain('That staff member cannot be linked to this person');
    // Megan Bowen is linked to her own Syncro look-alike first; then nobody else of Syncro may be linked to her.
    const megan = await staffNamed('Megan Bowen');
    const meganCard = await searchImport(demo, 'alex', await sayAs(demo, 'alex', 'import staff from syncro'), 'Megan');
    const linked = await clickAs(demo, 'alex', 'staffImport.linkMatch', action(meganCard, 'staffImport.linkMatch').data);
    expect(texts((await importWith(demo, 'alex', linked, { role: 'technician' })).summary)).toContain('1 linked');
    const taken = await expectNothingChanged(() => clickAs(demo, 'alex', 'staffImport.linkMatch', { ...link.data, staffId: megan.id }));
    expect(texts(taken)).toContain('That staff member cannot be linked to this person');
    expect((await session()).links).toEqual({});
    expect((await auditOf(demo, 'staff.import')).filter((r) => r.result === 'refused' && r.message?.startsWith('Link to a staff member who does not exist or cannot be linked')).length).toBeGreaterThanOrEqual(2);
  });

  it('a person of another source, or an invented one, is refused by both', async () => {
    const haloId = String(demo.localPsa.people('halo')[0].id);
    const refusal = 'This card names people who are not among the Syncro technicians it was opened for. Nothing was changed.';
    const isaiah = await staffNamed('Isaiah Langer');
    for (const forged of [haloId, '999999']) {
      const link = await expectNothingChanged(() => clickAs(demo, 'alex', 'staffImport.linkMatch', { ...action(card, 'staffImport.linkMatch').data, rowId: forged, staffId: isaiah.id }));
      expect(texts(link)).toContain(refusal);
      const create = await expectNothingChanged(() => clickAs(demo, 'alex', 'staffImport.createNew', { ...action(card, 'staffImport.createNew').data, rowId: forged }));
      expect(texts(create)).toContain(refusal);
    }
    expect((await session()).newPeople).toEqual([]);
    expect((await session()).links).toEqual({});
  });

  it('"Create new" for a person with no possible match is refused, and card data cannot set a choice', async () => {
    const newRow = importRows(await searchImport(demo, 'alex', card, 'Ethan'))[0];
    expect(newRow.status).toBe('New');
    const refused = await expectNothingChanged(() => clickAs(demo, 'alex', 'staffImport.createNew', { ...action(card, 'staffImport.createNew').data, rowId: newRow.id }));
    expect(texts(refused)).toContain(`${newRow.name} has no possible match to decide on (any more). Nothing was changed.`);
    expect((await session()).newPeople).toEqual([]);
    // Choices ride in no card data: a forged "newPeople" or "links" on a page click changes nothing.
    const isaiah = await staffNamed('Isaiah Langer');
    await clickAs(demo, 'alex', 'staffImport.page', { ...importBase(card), newPeople: [rowId], links: { [rowId]: isaiah.id } });
    expect((await session()).newPeople).toEqual([]);
    expect((await session()).links).toEqual({});
    expect(importRows(await searchImport(demo, 'alex', card, 'Isaiah'))[0].status).toMatch(/^Possible match: Isaiah Langer/);
  });

  it('another Super Admin cannot decide on a row of an import card that is not theirs', async () => {
    const outOfDate = 'This import card is out of date. Say "import staff" to start again.';
    expect(texts(await expectNothingChanged(() => clickAs(demo, 'megan', 'staffImport.linkMatch', action(card, 'staffImport.linkMatch').data)))).toContain(outOfDate);
    expect(texts(await expectNothingChanged(() => clickAs(demo, 'megan', 'staffImport.createNew', action(card, 'staffImport.createNew').data)))).toContain(outOfDate);
    expect((await session()).newPeople).toEqual([]);
    expect((await session()).links).toEqual({});
  });
});
