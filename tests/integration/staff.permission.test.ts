import { cardOf, helpCommands, personalMessage, postActivity } from '../helpers/botClient';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';
import { action, confirmOf, auditOf, clickAs, importBase, importRows, sayAs, texts, type Card } from '../helpers/staffFlow';

/*
 * Only a Super Admin manages staff (DESIGN.md, the matrix row "grant / revoke MSP staff roles"), on
 * every path: the command, the import, and each card action replayed by someone else with the real
 * data a Super Admin's card carried. Refusals change nothing and are audited.
 */

jest.setTimeout(60000);

let demo: DemoApp;
beforeAll(async () => {
  demo = await startDemoApp();
});
afterAll(() => demo.close());

const ROLE_NAMES: Record<string, string> = { adele: 'MSP Admin', isaiah: 'Technician' };
/** What a staff change would touch (the Teams user id is remembered at each person's messages, so left out). */
const allStaff = async () =>
  (await demo.app.services.repos.staff.list()).map(({ id, displayName, email, role, identity, links, source, lastActionKey }) => ({ id, displayName, email, role, identity, links, source, lastActionKey }));

describe.each(['adele', 'isaiah'])('%s (not a Super Admin)', (who) => {
  const refusal = `Your role (${ROLE_NAMES[who]}) cannot manage MSP staff.`;

  it('is not offered "staff" in help', async () => {
    const answer = await postActivity(demo.url, personalMessage(demo.teams, demo.people[who], 'help'));
    expect(helpCommands(cardOf(answer.replies[0]))).not.toContain('staff');
  });

  it.each(['staff', 'import staff', 'import staff from connectwise', 'import staff from entra'])('is refused "%s"', async (text) => {
    const card = await sayAs(demo, who, text);
    expect(texts(card)).toContain(refusal);
  });

  it('is refused every staff card action, with the data of a real Super Admin card, and nothing changes', async () => {
    const before = await allStaff();
    const list = await sayAs(demo, 'alex', 'staff');
    const megan = before.find((member) => member.displayName === 'Megan Bowen')!;
    const ask = action(list, 'staff.ask', (a) => a.data.staffId === megan.id && a.title === 'Change role');
    const confirm = await clickAs(demo, 'alex', 'staff.ask', ask.data);
    const doData = confirmOf(confirm).data;

    expect(texts(await clickAs(demo, who, 'staff.show', {}))).toContain(refusal);
    expect(texts(await clickAs(demo, who, 'staff.ask', ask.data))).toContain(refusal);
    expect(texts(await clickAs(demo, who, 'staff.do', { ...doData, role: 'technician' }))).toContain(refusal);
    expect(texts(await clickAs(demo, who, 'staff.do', { ...doData, operation: 'revoke' }))).toContain(refusal);
    expect(texts(await clickAs(demo, who, 'staffImport.sources', {}))).toContain(refusal);
    expect(texts(await clickAs(demo, who, 'staffImport.open', { source: 'halo' }))).toContain(refusal);

    const importCard = await sayAs(demo, 'alex', 'import staff from halo');
    const row = importRows(importCard)[0];
    const base = importBase(importCard);
    expect(texts(await clickAs(demo, who, 'staffImport.page', { ...base, [`pick_${row.id}`]: 'true' }))).toContain(refusal);
    expect(texts(await clickAs(demo, who, 'staffImport.confirm', { ...base, [`pick_${row.id}`]: 'true', role: 'technician' }))).toContain(refusal);
    expect(texts(await clickAs(demo, who, 'staffImport.linkForm', { ...base, rowId: row.id }))).toContain(refusal);
    expect(texts(await clickAs(demo, who, 'staffImport.link', { sessionId: base.sessionId, rowId: row.id, staffId: megan.id }))).toContain(refusal);
    // Alex really confirms; the other person replays the run button.
    const confirmImport = await clickAs(demo, 'alex', 'staffImport.confirm', { ...base, [`pick_${row.id}`]: 'true', role: 'technician' });
    const run = action(confirmImport, 'staffImport.run');
    expect(texts(await clickAs(demo, who, 'staffImport.run', run.data))).toContain(refusal);

    expect(await allStaff()).toEqual(before);
    const refused = (await auditOf(demo, 'staff.changeRole')).filter((r) => r.result === 'refused' && r.actor.displayName === demo.people[who].name);
    expect(refused.length).toBeGreaterThan(0);
  });
});

describe('people who are not staff, and other tenants', () => {
  it.each([
    ['a member without a role', () => personalMessage(demo.teams, demo.people.lynne, 'staff')],
    ['a Super Admin\'s object id from another tenant', () => personalMessage({ ...demo.teams, tenantId: '11111111-2222-4333-8444-555555555555' }, demo.people.alex, 'staff')]
  ])('%s gets the card for people who are not staff', async (_name, message) => {
    const answer = await postActivity(demo.url, message());
    expect(texts(cardOf(answer.replies[0]) as Card)).toContain('You are not on the staff list');
  });

  it('a member without a role cannot use a Super Admin\'s staff card', async () => {
    const before = await allStaff();
    const list = await sayAs(demo, 'alex', 'staff');
    const ask = action(list, 'staff.ask', (a) => a.title === 'Remove from staff');
    const confirm = await clickAs(demo, 'alex', 'staff.ask', ask.data);
    expect(texts(await clickAs(demo, 'lynne', confirmOf(confirm).verb, confirmOf(confirm).data))).toContain('You are not on the staff list');
    expect(await allStaff()).toEqual(before);
  });
});
