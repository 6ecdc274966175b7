import { channelMessage, cardActions, cardOf, cardTexts, helpCommands, personalMessage, postActivity } from '../helpers/botClient';
import { bootstrapMsp } from '../../src/services/bootstrap';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';
import { action, confirmOf, auditOf, clickAs, sayAs, texts, title, type Card } from '../helpers/staffFlow';

/*
 * Granting, changing and revoking staff roles through the bot's real HTTP endpoint: each with a
 * confirmation, audited, effective from the person's next message; and the last Super Admin, who can
 * be neither demoted nor removed, also when two Super Admins act on each other at the same moment.
 */

jest.setTimeout(60000);

let demo: DemoApp;
beforeAll(async () => {
  demo = await startDemoApp();
});
afterAll(() => demo.close());

const staffNamed = async (name: string) => (await demo.app.services.repos.staff.list()).find((member) => member.displayName === name);

/** The row button of a staff member on the staff card. */
function rowButton(card: Card, staffId: string, buttonTitle: string) {
  return action(card, 'staff.ask', (a) => a.data.staffId === staffId && a.title === buttonTitle);
}

describe('changing a role', () => {
  it('asks for confirmation, offers only roles that may be given, changes it, audits it, and the person has it at their next message', async () => {
    const isaiah = (await staffNamed('Isaiah Langer'))!;
    const list = await sayAs(demo, 'alex', 'staff');
    const confirm = await clickAs(demo, 'alex', 'staff.ask', rowButton(list, isaiah.id, 'Change role').data);
    expect(title(confirm)).toBe('Change the role of Isaiah Langer?');
    const choices = JSON.stringify(confirm);
    expect(choices).toContain('"value":"superAdmin"');
    expect(choices).toContain('"value":"mspAdmin"');
    expect(choices).not.toContain('"value":"technician"');
    // Nothing changed until confirmed.
    expect((await staffNamed('Isaiah Langer'))?.role).toBe('technician');

    const done = await clickAs(demo, 'alex', confirmOf(confirm).verb, { ...confirmOf(confirm).data, role: 'mspAdmin' });
    expect(texts(done)).toContain('Isaiah Langer is MSP Admin now (from their next message on).');
    expect((await staffNamed('Isaiah Langer'))?.role).toBe('mspAdmin');
    const audit = (await auditOf(demo, 'staff.changeRole')).filter((r) => r.target.id === isaiah.id && r.result === 'done');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { role: 'technician' }, after: { role: 'mspAdmin' }, actor: { displayName: 'Alex Wilber' } });

    const help = await postActivity(demo.url, personalMessage(demo.teams, demo.people.isaiah, 'help'));
    expect(helpCommands(cardOf(help.replies[0]))).toContain('add company [name]');

    // A double click of the same confirmation does the work once.
    const again = await clickAs(demo, 'alex', confirmOf(confirm).verb, { ...confirmOf(confirm).data, role: 'mspAdmin' });
    expect(texts(again)).toContain('That was done already.');
    expect((await auditOf(demo, 'staff.changeRole')).filter((r) => r.target.id === isaiah.id && r.result === 'done')).toHaveLength(1);
  });

  it('refuses a card shown before someone else changed the person', async () => {
    const isaiah = (await staffNamed('Isaiah Langer'))!;
    const list = await sayAs(demo, 'alex', 'staff');
    const confirm = await clickAs(demo, 'alex', 'staff.ask', rowButton(list, isaiah.id, 'Change role').data);
    const other = await clickAs(demo, 'megan', 'staff.ask', rowButton(await sayAs(demo, 'megan', 'staff'), isaiah.id, 'Change role').data);
    await clickAs(demo, 'megan', confirmOf(other).verb, { ...confirmOf(other).data, role: 'technician' });
    const late = await clickAs(demo, 'alex', confirmOf(confirm).verb, { ...confirmOf(confirm).data, role: 'superAdmin' });
    expect(texts(late)).toContain('was changed by someone else since this card was shown');
    expect((await staffNamed('Isaiah Langer'))?.role).toBe('technician');
  });
});

describe('removing someone from the staff', () => {
  it('takes effect at their next message: in the channel they get the card for people who are not staff', async () => {
    const adele = (await staffNamed('Adele Vance'))!;
    const before = await postActivity(demo.url, channelMessage(demo.teams, demo.people.adele, 'help'));
    expect(helpCommands(cardOf(before.replies[0]))).toEqual(['help']);

    const list = await sayAs(demo, 'alex', 'staff');
    const confirm = await clickAs(demo, 'alex', 'staff.ask', rowButton(list, adele.id, 'Remove from staff').data);
    expect(title(confirm)).toBe('Remove Adele Vance from the staff?');
    const done = await clickAs(demo, 'alex', confirmOf(confirm).verb, confirmOf(confirm).data);
    expect(texts(done)).toContain('Adele Vance is no longer on the staff');
    expect(texts(done)).not.toContain('Adele Vance\n');

    const after = await postActivity(demo.url, channelMessage(demo.teams, demo.people.adele, 'help'));
    expect(texts(cardOf(after.replies[0]) as Card)).toContain('You are not on the staff list');
    // A card she still holds does nothing either.
    const stale = await clickAs(demo, 'adele', 'companies.show', { view: { view: 'active' } });
    expect(texts(stale)).toContain('You are not on the staff list');
    const audit = (await auditOf(demo, 'staff.revoke')).filter((r) => r.target.id === adele.id);
    expect(audit).toEqual([expect.objectContaining({ result: 'done', before: expect.objectContaining({ role: 'mspAdmin' }) })]);
  });
});

describe('the last Super Admin', () => {
  it('two Super Admins demoting each other at the same moment: exactly one wins, one Super Admin remains', async () => {
    const alex = (await staffNamed('Alex Wilber'))!;
    const megan = (await staffNamed('Megan Bowen'))!;
    const alexCard = await clickAs(demo, 'alex', 'staff.ask', rowButton(await sayAs(demo, 'alex', 'staff'), megan.id, 'Change role').data);
    const meganCard = await clickAs(demo, 'megan', 'staff.ask', rowButton(await sayAs(demo, 'megan', 'staff'), alex.id, 'Change role').data);
    const [byAlex, byMegan] = await Promise.all([
      clickAs(demo, 'alex', confirmOf(alexCard).verb, { ...confirmOf(alexCard).data, role: 'mspAdmin' }),
      clickAs(demo, 'megan', confirmOf(meganCard).verb, { ...confirmOf(meganCard).data, role: 'mspAdmin' })
    ]);
    const superAdmins = (await demo.app.services.repos.staff.list()).filter((member) => member.role === 'superAdmin');
    expect(superAdmins).toHaveLength(1);
    // The notice on top of each card says what happened to that click.
    const notices = [cardTexts(byAlex)[1], cardTexts(byMegan)[1]];
    expect(notices.filter((t) => t.includes('is MSP Admin now'))).toHaveLength(1);
    expect(notices.filter((t) => /is the last Super Admin|someone else|Your role/.test(t))).toHaveLength(1);
  });

  it('is the viewer: their row offers nothing and says what to do, no confirmation is given, and a forged one is refused by the guard and audited', async () => {
    const last = (await demo.app.services.repos.staff.list()).find((member) => member.role === 'superAdmin')!;
    const who = last.displayName === 'Alex Wilber' ? 'alex' : 'megan';
    const list = await sayAs(demo, who, 'staff');
    expect(texts(list)).toContain('You are the only Super Admin: make someone else Super Admin first; they can then change your role.');
    expect(cardActions(list).filter((a) => a.data.staffId === last.id)).toEqual([]);

    const forged = { staffId: last.id, etag: last._etag, view: {}, idempotencyKey: '6f1d0c2a-7b3e-4d5f-9a8b-1c2d3e4f5a6b' };
    const demote = await clickAs(demo, who, 'staff.do', { ...forged, operation: 'changeRole', role: 'technician' });
    expect(texts(demote)).toContain(`${last.displayName} is the last Super Admin`);
    const remove = await clickAs(demo, who, 'staff.do', { ...forged, operation: 'revoke', idempotencyKey: '6f1d0c2a-7b3e-4d5f-9a8b-1c2d3e4f5a6c' });
    expect(texts(remove)).toContain(`${last.displayName} is the last Super Admin`);
    // Asking for the confirmation is refused the same way: no confirmation for what would be refused.
    const ask = await clickAs(demo, who, 'staff.ask', { staffId: last.id, etag: last._etag, operation: 'revoke', view: {} });
    expect(texts(ask)).toContain('You cannot change your own role or remove yourself from the staff');
    expect((await demo.app.services.repos.staff.get(last.id))?.role).toBe('superAdmin');
    const refused = [...(await auditOf(demo, 'staff.changeRole')), ...(await auditOf(demo, 'staff.revoke'))].filter((r) => r.target.id === last.id && r.result === 'refused');
    expect(refused.length).toBeGreaterThanOrEqual(2);
  });

  it('can be demoted by the other once someone else is Super Admin again', async () => {
    const last = (await demo.app.services.repos.staff.list()).find((member) => member.role === 'superAdmin')!;
    const who = last.displayName === 'Alex Wilber' ? 'alex' : 'megan';
    const otherWho = who === 'alex' ? 'megan' : 'alex';
    const other = (await staffNamed(who === 'alex' ? 'Megan Bowen' : 'Alex Wilber'))!;
    const promote = await clickAs(demo, who, 'staff.ask', rowButton(await sayAs(demo, who, 'staff'), other.id, 'Change role').data);
    await clickAs(demo, who, confirmOf(promote).verb, { ...confirmOf(promote).data, role: 'superAdmin' });
    expect((await staffNamed(other.displayName))?.role).toBe('superAdmin');
    const theirs = await sayAs(demo, otherWho, 'staff');
    expect(texts(theirs)).toContain('This is you: another Super Admin can change your role or remove you.');
    const demote = await clickAs(demo, otherWho, 'staff.ask', rowButton(theirs, last.id, 'Change role').data);
    const done = await clickAs(demo, otherWho, confirmOf(demote).verb, { ...confirmOf(demote).data, role: 'mspAdmin' });
    expect(texts(done)).toContain('is MSP Admin now');
    // Now an MSP Admin: the staff card is no longer theirs.
    const refused = await sayAs(demo, who, 'staff');
    expect(texts(refused)).toContain('Your role (MSP Admin) cannot manage MSP staff.');
  });
});

describe('the first Super Admin from configuration', () => {
  it('once removed by another Super Admin, does not come back at the next start', async () => {
    const actorOf = async (who: string) => (await demo.app.services.actors.staffActor({ tenantId: demo.teams.tenantId, objectId: demo.people[who].aadObjectId }))!;
    const change = (who: Awaited<ReturnType<typeof actorOf>>, staffId: string, key: string, role?: string) => ({ actor: who, surface: 'bot' as const, idempotencyKey: key, payload: {}, input: { staffId, role } });
    const alex = (await staffNamed('Alex Wilber'))!;
    const megan = (await staffNamed('Megan Bowen'))!;
    expect(alex.source).toBe('configuration');
    if (megan.role !== 'superAdmin') {
      const promoted = await demo.app.services.operations.run('staff.changeRole', change(await actorOf('alex'), megan.id, '0b1c2d3e-4f50-4a61-8b72-c3d4e5f60001', 'superAdmin'));
      expect(promoted.status).toBe('done');
    }
    const removed = await demo.app.services.operations.run('staff.revoke', change(await actorOf('megan'), alex.id, '0b1c2d3e-4f50-4a61-8b72-c3d4e5f60002'));
    expect(removed.status).toBe('done');

    await bootstrapMsp(demo.app.services.repos, demo.app.services.audit, {
      mspTenantId: demo.teams.tenantId,
      mspName: 'Contoso IT Services',
      superAdmin: { objectId: demo.people.alex.aadObjectId, displayName: 'Alex Wilber' }
    });
    expect(await staffNamed('Alex Wilber')).toBeUndefined();
    const answer = await postActivity(demo.url, personalMessage(demo.teams, demo.people.alex, 'help'));
    expect(texts(cardOf(answer.replies[0]) as Card)).toContain('You are not on the staff list');
  });
});

describe('the Super Admin guard under load', () => {
  it('many concurrent demotions and removals between two Super Admins leave exactly one', async () => {
    const actorOf = async (who: string) => (await demo.app.services.actors.staffActor({ tenantId: demo.teams.tenantId, objectId: demo.people[who].aadObjectId }))!;
    const megan = (await staffNamed('Megan Bowen'))!;
    const isaiah = (await staffNamed('Isaiah Langer'))!;
    const promoted = await demo.app.services.operations.run('staff.changeRole', { actor: await actorOf('megan'), surface: 'bot', idempotencyKey: '0b1c2d3e-4f50-4a61-8b72-c3d4e5f60010', payload: {}, input: { staffId: isaiah.id, role: 'superAdmin' } });
    expect(promoted.status).toBe('done');
    const [byMegan, byIsaiah] = [await actorOf('megan'), await actorOf('isaiah')];
    const attempts = Array.from({ length: 6 }, (_, i) => {
      const [actor, target] = i % 2 ? [byMegan, isaiah] : [byIsaiah, megan];
      const request = { actor, surface: 'bot' as const, idempotencyKey: `0b1c2d3e-4f50-4a61-8b72-c3d4e5f6002${i}`, payload: {} };
      return i % 3 === 0 ? demo.app.services.operations.run('staff.revoke', { ...request, input: { staffId: target.id } }) : demo.app.services.operations.run('staff.changeRole', { ...request, input: { staffId: target.id, role: 'technician' } });
    });
    const results = await Promise.all(attempts);
    const superAdmins = (await demo.app.services.repos.staff.list()).filter((member) => member.role === 'superAdmin');
    expect(superAdmins).toHaveLength(1);
    expect(results.filter((r) => r.status === 'done').length).toBeGreaterThanOrEqual(1);
    expect(results.filter((r) => r.status === 'refused' && r.code === 'lastSuperAdmin').length + results.filter((r) => r.status === 'conflict').length).toBeGreaterThanOrEqual(1);
  });
});
