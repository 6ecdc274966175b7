import { createHash, randomUUID } from 'node:crypto';
import type { StaffActor } from '../../src/domain/actor';
import type { CompanyRole } from '../../src/domain/roles';
import type { UserOperation } from '../../src/domain/userOperations';
import { demoGuid } from '../../src/dev/demoData';
import type { UserChangeResult } from '../../src/services/portalUsers/operations';
import type { Stored } from '../../src/store/documents';
import { nameKeyOf } from '../../src/store/repositories/companies';
import type { AuditDoc, CompanyDoc, PortalUserDoc } from '../../src/store/model';
import { cardClick, cardTexts, click } from '../helpers/botClient';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';

const FABRIKAM = demoGuid('company', 'Fabrikam, Inc.');
const NORTHWIND = demoGuid('company', 'Northwind Traders');
const WIDE_WORLD = demoGuid('company', 'Wide World Importers');

let demo: DemoApp;
beforeAll(async () => {
  demo = await startDemoApp();
});
afterAll(() => demo.close());

const services = () => demo.app.services;
const repos = () => demo.app.services.repos;

async function staff(who: string): Promise<StaffActor> {
  const person = demo.people[who];
  const actor = await services().actors.staffActor({ tenantId: demo.teams.tenantId, objectId: person.aadObjectId }, person.name);
  if (!actor) throw new Error(`${who} is not staff`);
  return actor;
}

async function mustGet(companyId: string, userId: string): Promise<Stored<PortalUserDoc>> {
  const user = await repos().portalUsers.get(companyId, userId);
  if (!user) throw new Error(`user ${userId} is gone`);
  return user;
}

async function demoUser(companyId: string, predicate: (u: PortalUserDoc) => boolean): Promise<Stored<PortalUserDoc>[]> {
  const { items } = await repos().portalUsers.list(companyId, { pageSize: 100 });
  return items.filter(predicate);
}

interface Act {
  who: string;
  operation: UserOperation;
  role?: CompanyRole;
  key: string;
}

function act(who: string, operation: UserOperation, role?: CompanyRole): Act {
  return { who, operation, role, key: randomUUID() };
}

async function perform(companyId: string, userId: string, request: Act, expectedEtag: string | undefined): Promise<UserChangeResult> {
  return services().portalUsers.perform({
    actor: await staff(request.who),
    surface: 'bot',
    companyId,
    userId,
    expectedEtag,
    idempotencyKey: request.key,
    payload: { operation: request.operation, role: request.role, userId },
    operation: request.operation,
    role: request.role
  });
}

async function auditOf(userId: string): Promise<AuditDoc[]> {
  const { resources } = await demo.testStore.store
    .container('audit')
    .items.query<AuditDoc>({ query: 'SELECT * FROM c WHERE c.target.id = @id', parameters: [{ name: '@id', value: userId }] })
    .fetchAll();
  return resources;
}

const doneIds = async (userId: string) => new Set((await auditOf(userId)).filter((r) => r.result === 'done').map((r) => r.id));

/** The id the audit recorder gives a 'done' record of this action and key. */
function doneRecordId(action: string, userId: string, key: string): string {
  return `done-${createHash('sha256').update(`${action}|${userId}|${key}`).digest('hex')}`;
}

/** The company's counts, counted from the users themselves (not from the counter document). */
async function recount(companyId: string) {
  const { resources } = await demo.testStore.store
    .container('portalUsers')
    .items.query<Pick<PortalUserDoc, 'access' | 'role'>>({
      query: "SELECT c.access, c.role FROM c WHERE c.companyId = @companyId AND c.type = 'portalUser'",
      parameters: [{ name: '@companyId', value: companyId }]
    })
    .fetchAll();
  const counts = { none: 0, invited: 0, active: 0, disabled: 0 };
  for (const user of resources) counts[user.access]++;
  return { counts, enabledAdmins: resources.filter((u) => u.role === 'admin' && u.access === 'active').length, total: resources.length };
}

async function expectCountsMatchRecount(companyId: string) {
  const stats = await repos().userStats.get(companyId);
  const fresh = await recount(companyId);
  expect({ counts: stats.counts, enabledAdmins: stats.enabledAdmins }).toEqual({ counts: fresh.counts, enabledAdmins: fresh.enabledAdmins });
  return fresh;
}

const mailsTo = (email: string) => demo.integrations.localGraph.sentMail().filter((m) => m.to.some((r) => r.address === email));

/** What a winning request leaves on the user. */
function intended(before: PortalUserDoc, winner: Act) {
  const shape = (u: Pick<PortalUserDoc, 'role' | 'access' | 'disabledReason'>, invitation: boolean) => ({
    role: u.role,
    access: u.access,
    disabledReason: u.disabledReason,
    hasInvitation: invitation
  });
  switch (winner.operation) {
    case 'disable':
      return shape({ role: before.role, access: 'disabled', disabledReason: 'manual' }, false);
    case 'enable':
      return shape({ role: before.role, access: 'active', disabledReason: undefined }, false);
    case 'changeRole':
      return shape({ ...before, role: winner.role as CompanyRole }, Boolean(before.invitation));
    case 'revokeInvitation':
      return shape({ role: before.role, access: 'none', disabledReason: undefined }, false);
    case 'reinvite':
    case 'invite':
      return shape({ role: before.role, access: 'invited', disabledReason: undefined }, true);
    case 'delete':
      throw new Error('not used here');
  }
}

const shapeOf = (u: PortalUserDoc) => ({ role: u.role, access: u.access, disabledReason: u.disabledReason, hasInvitation: Boolean(u.invitation) });

describe('50 parallel conflicting actions on one user', () => {
  const WHO = ['alex', 'megan', 'adele', 'isaiah'];
  const MIX: [UserOperation, CompanyRole?][] = [
    ['disable'],
    ['enable'],
    ['changeRole', 'manager'],
    ['changeRole', 'trainingOnly'],
    ['changeRole', 'admin'],
    ['changeRole', 'user'],
    ['revokeInvitation'],
    ['reinvite']
  ];

  it.each([
    ['an invited User (plain conditional write)', (u: PortalUserDoc) => u.role === 'user' && u.access === 'invited'],
    ['an enabled Admin (through the company admin guard)', (u: PortalUserDoc) => u.role === 'admin' && u.access === 'active']
  ])('on %s: one wins, the rest conflict or are refused, state, counts and audit agree', async (_what, pick) => {
    const [target] = await demoUser(FABRIKAM, pick);
    const before = await mustGet(FABRIKAM, target.id);
    const doneBefore = await doneIds(target.id);
    const refusedBefore = (await auditOf(target.id)).filter((r) => r.result === 'refused').length;
    const mailsBefore = mailsTo(before.email).length;

    const requests = Array.from({ length: 50 }, (_, i) => act(WHO[i % WHO.length], MIX[i % MIX.length][0], MIX[i % MIX.length][1]));
    const results = await Promise.all(requests.map((request) => perform(FABRIKAM, target.id, request, before._etag)));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 'done')).toHaveLength(1);
    expect(statuses.filter((s) => s !== 'done' && s !== 'conflict' && s !== 'refused')).toEqual([]);
    // The burst really raced: actions that were legal on the card's version lost with a conflict.
    expect(statuses.filter((s) => s === 'conflict').length).toBeGreaterThan(0);

    const winnerIndex = statuses.indexOf('done');
    const winner = requests[winnerIndex];
    const winnerResult = results[winnerIndex];
    const after = await mustGet(FABRIKAM, target.id);
    expect(shapeOf(after)).toEqual(intended(before, winner));
    expect(after.lastActionKey).toBe(winner.key);
    expect(winnerResult.status === 'done' && winnerResult.value.user?.etag).toBe(after._etag);
    // A conflict shows the version that won (or, while another change of this Admin is under way, asks to look again).
    for (const result of results) {
      if (result.status !== 'conflict') continue;
      if (result.message.startsWith('Someone else changed')) expect(result.current?.user?.etag).toBe(after._etag);
      else expect(result.message).toMatch(/^Someone else is changing .+ at this moment\. Nothing was changed/);
    }

    // One audit record of the change, filed under the winner's key; every refusal audited too.
    const trail = await auditOf(target.id);
    const newDone = trail.filter((r) => r.result === 'done' && !doneBefore.has(r.id));
    expect(newDone.map((r) => r.id)).toEqual([doneRecordId(`user.${winner.operation}`, target.id, winner.key)]);
    expect(trail.filter((r) => r.result === 'refused').length - refusedBefore).toBe(statuses.filter((s) => s === 'refused').length);

    // Only a winning re-invite mails; the losers' plans sent nothing.
    expect(mailsTo(before.email).length - mailsBefore).toBe(winner.operation === 'reinvite' ? 1 : 0);

    await expectCountsMatchRecount(FABRIKAM);
    expect(await repos().portalUsers.countEnabledAdmins(FABRIKAM)).toBeGreaterThanOrEqual(1);
  });
});

describe('50 sequential rounds of actors who each re-read the current version and act', () => {
  const ROLE_CYCLE: CompanyRole[] = ['user', 'manager', 'admin', 'trainingOnly'];
  const next = (role: CompanyRole) => ROLE_CYCLE[(ROLE_CYCLE.indexOf(role) + 1) % ROLE_CYCLE.length];

  it('loses no update: the done audit records equal the effective changes, and role and access add up', async () => {
    const [target] = await demoUser(WIDE_WORLD, (u) => u.role === 'user' && u.access === 'active');
    const start = await mustGet(WIDE_WORLD, target.id);
    const doneBefore = await doneIds(target.id);
    let roleChanges = 0;
    let toggles = 0;
    let conflicts = 0;
    const doneKeys: { action: string; key: string }[] = [];

    /** One actor: re-reads, decides from what it read, and retries on a conflict with the new version. */
    async function actor(who: string, kind: 'role' | 'toggle'): Promise<void> {
      for (let attempt = 0; attempt < 40; attempt++) {
        const current = await mustGet(WIDE_WORLD, target.id);
        const request =
          kind === 'role' ? act(who, 'changeRole', next(current.role)) : act(who, current.access === 'active' ? 'disable' : 'enable');
        const result = await perform(WIDE_WORLD, target.id, request, current._etag);
        if (result.status === 'done') {
          if (kind === 'role') roleChanges++;
          else toggles++;
          doneKeys.push({ action: `user.${request.operation}`, key: request.key });
          return;
        }
        if (result.status !== 'conflict') throw new Error(`${who} ${request.operation}: ${result.status} ${result.message}`);
        conflicts++;
      }
      throw new Error(`${who} never got through`);
    }

    for (let round = 0; round < 50; round++) {
      const team: Promise<void>[] = [];
      // A varying crowd each round, so that the expected end state depends on every single change.
      if (round % 2 === 0 || round % 3 === 0) team.push(actor('alex', 'role'));
      if (round % 5 !== 1) team.push(actor('adele', 'role'));
      if (round % 3 !== 2) team.push(actor('isaiah', 'toggle'));
      if (round % 4 === 1) team.push(actor('megan', 'toggle'));
      await Promise.all(team);
    }

    const end = await mustGet(WIDE_WORLD, target.id);
    expect(roleChanges + toggles).toBeGreaterThan(100);
    expect(conflicts).toBeGreaterThan(0);
    expect(end.role).toBe(ROLE_CYCLE[(ROLE_CYCLE.indexOf(start.role) + roleChanges) % ROLE_CYCLE.length]);
    expect(end.access).toBe(toggles % 2 === 0 ? 'active' : 'disabled');

    const newDone = (await auditOf(target.id)).filter((r) => r.result === 'done' && !doneBefore.has(r.id));
    expect(newDone).toHaveLength(roleChanges + toggles);
    expect(new Set(newDone.map((r) => r.id))).toEqual(new Set(doneKeys.map((d) => doneRecordId(d.action, target.id, d.key))));
    // Each role change moved the role one step on from the version its actor had just read.
    const roleTrail = newDone.filter((r) => r.action === 'user.changeRole');
    expect(roleTrail).toHaveLength(roleChanges);
    for (const record of roleTrail) {
      expect(next((record.before as { role: CompanyRole }).role)).toBe((record.after as { role: CompanyRole }).role);
    }
    await expectCountsMatchRecount(WIDE_WORLD);
  });
});

describe('double clicks through the bot endpoint', () => {
  it('does the work once when the same confirm button is clicked ten times at once, and every answer shows the result', async () => {
    const [target] = await demoUser(WIDE_WORLD, (u) => u.role === 'manager' && u.access === 'active');
    const before = await mustGet(WIDE_WORLD, target.id);
    const doneBefore = await doneIds(target.id);
    const counts = await repos().portalUsers.countByCategory(WIDE_WORLD);
    const data = { view: { companyId: WIDE_WORLD, category: 'enabled' }, userId: target.id, etag: before._etag, operation: 'disable', idempotencyKey: randomUUID() };

    const answers = await Promise.all(Array.from({ length: 10 }, () => click(demo.url, cardClick(demo.teams, demo.people.adele, 'user.disable', data))));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      const texts = cardTexts(answer.card).join('\n');
      expect(texts).toMatch(new RegExp(`${target.displayName} is disabled; their next request is refused\\.|Done: ${target.displayName} is now disabled\\.`));
      expect(texts).not.toContain('Someone else changed');
      expect(texts).toContain(`Disabled (${counts.disabled + 1})`);
      expect(texts).toContain(`Enabled (${counts.enabled - 1})`);
      expect(texts).not.toContain(target.email);
    }
    // A Teams retry a moment later changes nothing either.
    const retry = await click(demo.url, cardClick(demo.teams, demo.people.adele, 'user.disable', data));
    expect(cardTexts(retry.card).join('\n')).toContain(`Done: ${target.displayName} is now disabled.`);

    const after = await mustGet(WIDE_WORLD, target.id);
    expect(after.access).toBe('disabled');
    expect(after.lastActionKey).toBe(data.idempotencyKey);
    const newDone = (await auditOf(target.id)).filter((r) => r.result === 'done' && !doneBefore.has(r.id));
    expect(newDone.map((r) => [r.action, r.actor.displayName])).toEqual([['user.disable', 'Adele Vance']]);
    await expectCountsMatchRecount(WIDE_WORLD);
  });
});

describe('the last enabled Admin under concurrency', () => {
  type Pair = [Act, Act];
  const ROUNDS: (() => Pair)[] = [
    () => [act('alex', 'disable'), act('megan', 'disable')],
    () => [act('alex', 'disable'), act('megan', 'changeRole', 'manager')],
    () => [act('adele', 'changeRole', 'user'), act('alex', 'changeRole', 'trainingOnly')],
    () => [act('megan', 'changeRole', 'manager'), act('adele', 'disable')],
    () => [act('alex', 'disable'), act('alex', 'disable')],
    () => [act('adele', 'disable'), act('megan', 'disable')],
    () => [act('alex', 'changeRole', 'manager'), act('megan', 'changeRole', 'manager')],
    () => [act('megan', 'disable'), act('adele', 'changeRole', 'user')],
    () => [act('alex', 'disable'), act('adele', 'disable')],
    () => [act('alex', 'delete'), act('megan', 'disable')]
  ];

  it(`keeps one enabled Admin when both of two are disabled, demoted or deleted at the same time (${ROUNDS.length} rounds)`, async () => {
    const admins = await demoUser(NORTHWIND, (u) => u.role === 'admin' && u.access === 'active');
    expect(admins).toHaveLength(2);
    const ids = admins.map((a) => a.id);

    for (const [round, make] of ROUNDS.entries()) {
      const pair = make();
      const fresh = await Promise.all(ids.map((id) => mustGet(NORTHWIND, id)));
      expect(fresh.every((u) => u.role === 'admin' && u.access === 'active')).toBe(true);
      const results = await Promise.all(pair.map((request, i) => perform(NORTHWIND, ids[i], request, fresh[i]._etag)));

      const outcome = results.map((r) => (r.status === 'refused' ? `refused:${r.code}` : r.status)).sort();
      expect([round, outcome]).toEqual([round, ['done', 'refused:lastAdmin']]);
      expect(await repos().portalUsers.countEnabledAdmins(NORTHWIND)).toBe(1);
      const refused = results.find((r) => r.status === 'refused');
      expect(refused?.message).toMatch(/last enabled Admin and cannot be (disabled|demoted|deleted)/);
      await expectCountsMatchRecount(NORTHWIND);

      if (round === ROUNDS.length - 1) break;
      // Make the loser an enabled Admin again for the next round.
      const loserIndex = results.findIndex((r) => r.status === 'done');
      const loser = await mustGet(NORTHWIND, ids[loserIndex]);
      const repair = loser.access !== 'active' ? act('alex', 'enable') : act('alex', 'changeRole', 'admin');
      expect((await perform(NORTHWIND, loser.id, repair, loser._etag)).status).toBe('done');
      expect(await repos().portalUsers.countEnabledAdmins(NORTHWIND)).toBe(2);
    }
  });
});

describe('many users added to one company at once', () => {
  it('adds 50 distinct people and one of ten same-email adds in different case; counts match a recount', async () => {
    const companyId = demoGuid('company', 'Concurrent Adds Ltd');
    const now = new Date().toISOString();
    const company: CompanyDoc = {
      id: companyId,
      companyId,
      mspId: repos().mspId,
      type: 'company',
      name: 'Concurrent Adds Ltd',
      nameKey: nameKeyOf('Concurrent Adds Ltd'),
      isMspCompany: false,
      state: 'active',
      createdAt: now,
      updatedAt: now
    };
    await repos().companies.create(company);
    const alex = await staff('alex');

    const add = (name: string, email: string, invite: boolean) =>
      services().portalUsers.add({
        actor: alex,
        surface: 'bot',
        companyId,
        idempotencyKey: randomUUID(),
        payload: { name, email },
        name,
        email,
        role: 'user',
        invite
      });
    const distinct = Array.from({ length: 50 }, (_, i) => add(`Person ${i}`, `person.${i}@concurrent.example`, i % 2 === 0));
    const casings = ['same.person@concurrent.example', 'Same.Person@concurrent.example', 'SAME.PERSON@CONCURRENT.EXAMPLE', 'same.Person@Concurrent.Example', 'sAME.pERSON@concurrent.example', 'Same.person@concurrent.EXAMPLE', 'same.persoN@concurrent.example', 'SAME.person@concurrent.example', 'same.PERSON@concurrent.example', 'Same.Person@Concurrent.example'];
    const same = casings.map((email, i) => add(`Same Person ${i}`, email, false));
    const settled = await Promise.allSettled([...distinct, ...same]);

    const failures = settled.flatMap((s, i) => (s.status === 'rejected' ? [`${i}: ${String(s.reason)}`] : []));
    expect(failures).toEqual([]);
    const results = settled.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    expect(results.slice(0, 50).map((r) => r?.status)).toEqual(Array(50).fill('done'));
    const sameStatuses = results.slice(50).map((r) => r?.status);
    expect(sameStatuses.filter((s) => s === 'done')).toHaveLength(1);
    expect(sameStatuses.filter((s) => s === 'noop')).toHaveLength(9);
    for (const r of results.slice(50)) if (r?.status === 'noop') expect(r.message).toContain('is already a portal user of Concurrent Adds Ltd');

    const fresh = await expectCountsMatchRecount(companyId);
    expect(fresh.total).toBe(51);
    expect(fresh.counts).toEqual({ none: 26, invited: 25, active: 0, disabled: 0 });
    const { items } = await repos().portalUsers.list(companyId, { pageSize: 100, search: 'same.person@' });
    expect(items).toHaveLength(1);
    expect((await repos().portalUsers.findByEmail(companyId, 'SAME.PERSON@concurrent.example'))?.id).toBe(items[0].id);
    for (let i = 0; i < 50; i += 2) expect(mailsTo(`person.${i}@concurrent.example`)).toHaveLength(1);
    expect(mailsTo('person.1@concurrent.example')).toEqual([]);
  });
});

/**
 * A real Cosmos DB write is a network round trip of several milliseconds; the in-process server answers
 * in microseconds, which hides races. This slows the creation of portal-user documents only, for `work`.
 */
async function withSlowUserCreates<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const items = demo.testStore.store.container('portalUsers').items;
  const original = items.create;
  const slow = async (body: { type?: string }, options?: unknown) => {
    if (body.type === 'portalUser') await new Promise((resolve) => setTimeout(resolve, ms));
    return (original as (body: unknown, options?: unknown) => unknown).call(items, body, options);
  };
  items.create = slow as unknown as typeof items.create;
  try {
    return await work();
  } finally {
    items.create = original;
  }
}

describe('adds with the latency of a real store (30 ms per user write)', () => {
  it('a double-clicked Add (same key, three clicks at once) adds one person and answers every click with them', async () => {
    const email = `double.click.${randomUUID().slice(0, 8)}@fabrikam.example`;
    const data = { view: { companyId: FABRIKAM, category: 'noAccess' }, idempotencyKey: randomUUID(), name: 'Dana Doubleclick', email, phone: '', role: 'user', invite: 'false' };
    const settled = await withSlowUserCreates(30, () =>
      Promise.allSettled([1, 2, 3].map(() => click(demo.url, cardClick(demo.teams, demo.people.alex, 'user.add', data))))
    );
    expect(settled.map((s) => (s.status === 'fulfilled' ? 'card' : String(s.reason).slice(0, 200)))).toEqual(['card', 'card', 'card']);
    for (const s of settled) {
      if (s.status === 'fulfilled') expect(cardTexts(s.value.card).join('\n')).toContain('Dana Doubleclick is added to Fabrikam, Inc. as User');
    }
    const user = await repos().portalUsers.findByEmail(FABRIKAM, email);
    expect(user?.displayName).toBe('Dana Doubleclick');
    expect((await auditOf(user!.id)).filter((r) => r.action === 'user.add' && r.result === 'done')).toHaveLength(1);
    await expectCountsMatchRecount(FABRIKAM);
  });

  it('a card posted before the idempotency key was renamed (its data says "key") still adds once when clicked twice', async () => {
    const email = `older.card.${randomUUID().slice(0, 8)}@fabrikam.example`;
    const data = { view: { companyId: FABRIKAM, category: 'noAccess' }, key: randomUUID(), name: 'Olga Oldcard', email, phone: '', role: 'user', invite: 'false' };
    const answers = await Promise.all([1, 2].map(() => click(demo.url, cardClick(demo.teams, demo.people.alex, 'user.add', data))));
    for (const answer of answers) expect(cardTexts(answer.card).join('\n')).toContain('Olga Oldcard is added to Fabrikam, Inc. as User');
    const user = await repos().portalUsers.findByEmail(FABRIKAM, email);
    expect((await auditOf(user!.id)).filter((r) => r.action === 'user.add' && r.result === 'done')).toHaveLength(1);
  });

  it('five people adding the same email in different case at once: one user, the others told it exists, none fails', async () => {
    const alex = await staff('alex');
    const local = `same.moment.${randomUUID().slice(0, 8)}`;
    const emails = [`${local}@fabrikam.example`, `${local.toUpperCase()}@fabrikam.example`, `${local}@FABRIKAM.EXAMPLE`, `${local.toUpperCase()}@FABRIKAM.example`, `${local}@Fabrikam.Example`];
    const settled = await withSlowUserCreates(30, () =>
      Promise.allSettled(
        emails.map((email, i) =>
          services().portalUsers.add({ actor: alex, surface: 'bot', companyId: FABRIKAM, idempotencyKey: randomUUID(), payload: { email }, name: `Same Moment ${i}`, email, role: 'user', invite: false })
        )
      )
    );
    const outcomes = settled.map((s) => (s.status === 'fulfilled' ? s.value.status : `threw ${String(s.reason).slice(0, 120)}`));
    expect(outcomes.slice().sort()).toEqual(['done', 'noop', 'noop', 'noop', 'noop']);
    expect((await repos().portalUsers.list(FABRIKAM, { pageSize: 10, search: local })).items).toHaveLength(1);
    await expectCountsMatchRecount(FABRIKAM);
  });
});
