import { randomUUID } from 'node:crypto';
import type { App } from '../../src/app';
import type { StaffActor } from '../../src/domain/actor';
import { deletionJobId } from '../../src/services/companies/deletion/deletionJob';
import { derivedId } from '../../src/store/ids';
import type { AuditDoc, PortalUserDoc, StaffDoc } from '../../src/store/model';
import type { Repositories } from '../../src/store/repositories';
import { syntheticTenant } from '../../src/dev/localGraph';
import type { JobDoc } from '../../src/store/repositories/jobs';
import { cardActions, cardClick, cardOf, click, personalMessage, postActivity } from '../helpers/botClient';
import { companyDoc } from '../helpers/builders';
import { startLocalConnector } from '../helpers/localConnector';
import { pausableStore, startSharedWorld, type SharedWorld } from '../helpers/twoApps';

/*
 * A change and its audit record survive a crash together (issue 13). Each operation is run on an app
 * instance whose store stops dead before its n-th write, for n = 1, 2, … until the operation finishes
 * without reaching the stop: every point between two of its writes is a crash point. A second
 * instance then starts on the same store (its start-up sweep runs), and the person clicks the same
 * button again. After the restart each change is either done with exactly one audit record or not done
 * with none, nothing is left pending, and after the second click it is done, with exactly one record.
 */

jest.setTimeout(300_000);

const WRITES = new Set(['item.replace', 'item.delete', 'item.patch', 'items.create', 'items.upsert', 'items.bulk', 'items.batch']);
const JOBS = { leaseMs: 300, pollMs: 50 };

let world: SharedWorld;
let repos: Repositories;
let connector: Awaited<ReturnType<typeof startLocalConnector>>;
let crashPoints = 0;

/** Small tenants, one per run of the import scenario (a tenant belongs to one company). */
const IMPORT_TENANTS = Array.from({ length: 40 }, (_, n) =>
  syntheticTenant({ tenantId: `c7a5${String(n).padStart(4, '0')}-1b2c-4d3e-8f40-${String(n).padStart(12, '0')}`, users: 8, domain: `crash${n}.example`, seed: 100 + n })
);

beforeAll(async () => {
  world = await startSharedWorld({ extraTenants: IMPORT_TENANTS });
  connector = await startLocalConnector();
  const { app } = await world.startApp({}, { listen: false });
  repos = app.services.repos;
  const megan = await staffActor(app, 'megan');
  const channel = { serviceUrl: connector.serviceUrl, channelId: 'msteams', bot: world.teams.bot, conversation: { id: '19:approvals@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: world.teams.tenantId, name: '' } };
  await app.services.operations.run('approvals.setChannel', { actor: megan, surface: 'bot', idempotencyKey: randomUUID(), input: { reference: channel, channelName: 'Approvals' } });
});
afterAll(async () => {
  await world.close();
  await connector.close();
  // The figure the closing note gives.
  console.log(`crash points injected: ${crashPoints}`);
});

async function staffActor(app: App, who: string): Promise<StaffActor> {
  const person = world.people[who];
  const actor = await app.services.actors.staffActor({ tenantId: world.teams.tenantId, objectId: person.aadObjectId }, person.name);
  if (!actor) throw new Error(`${who} is not staff`);
  return actor;
}

const query = async <T>(container: 'audit' | 'companies' | 'portalUsers' | 'staff', sql: string, value: string): Promise<T[]> =>
  (await world.testStore.store.container(container).items.query<T>({ query: sql, parameters: [{ name: '@v', value }] }).fetchAll()).resources;
const doneRecords = async (targetId: string, action: string) =>
  (await query<AuditDoc>('audit', "SELECT * FROM c WHERE c.target.id = @v AND c.result = 'done'", targetId)).filter((record) => record.action === action);
const pendingOn = async (targetId: string) =>
  (await Promise.all((['companies', 'portalUsers', 'staff'] as const).map((c) => query<{ id: string }>(c, 'SELECT c.id FROM c WHERE c.id = @v AND IS_DEFINED(c.pendingAudit)', targetId)))).flat();

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`still waiting for ${what}`);
}

interface Scenario {
  /** Makes a fresh target for one run, outside the crash. */
  prepare(app: App): Promise<{ targetId: string; act: (app: App, url: string) => Promise<unknown> }>;
  /** The done record(s) the change leaves, by action: each must be there exactly once when it is done. */
  actions: string[];
  /** Whether the change (the first action) is in the store, and nothing of it is half-done (throws if it is). */
  done(targetId: string): Promise<boolean>;
  /** Whether everything the change starts has finished too (the deletion an approval starts, an import's pages). */
  finished?(targetId: string): Promise<boolean>;
  /** Whether no background work of the change is left to resume (after a restart, it is resumed first). */
  quiet?(targetId: string): Promise<boolean>;
  /** Checks of its own instead of counting the done records of `actions` (an import: one record per person). */
  consistent?(targetId: string, done: boolean): Promise<void>;
  /** The click goes to the bot's HTTP endpoint: the instances listen. */
  overHttp?: boolean;
  /** How much later the restart comes than the crash (the sweeper leaves recent work to the instance doing it). */
  restartAfterMs?: number;
}

/** Runs `scenario` with a stop before each of its writes in turn; returns how many crash points it had. */
async function crashEverywhere(scenario: Scenario): Promise<number> {
  const finished = (id: string) => (scenario.finished ?? scenario.done)(id);
  const consistent = async (id: string, done: boolean, point: string) => {
    if (scenario.consistent) await scenario.consistent(id, done);
    else for (const action of scenario.actions) expect([point, action, (await doneRecords(id, action)).length]).toEqual([point, action, done ? 1 : 0]);
    expect(await pendingOn(id)).toEqual([]);
  };
  for (let stopBefore = 1; ; stopBefore++) {
    const point = `stop before write ${stopBefore}`;
    const setup = (await world.startApp({ jobs: JOBS }, { listen: false })).app;
    const { targetId, act } = await scenario.prepare(setup);

    let writes = 0;
    const paused = pausableStore(world.testStore.store, (call) => WRITES.has(call.method) && ++writes >= stopBefore);
    const crashing = await world.startApp({ jobs: JOBS }, { store: paused.store, listen: Boolean(scenario.overHttp) });
    // The crashed instance runs background jobs too, so that a deletion's steps and an import's pages are crash points.
    if (!scenario.overHttp) crashing.app.services.jobs.start();
    crashing.app.close = async () => undefined;
    const running = (async () => {
      await act(crashing.app, crashing.url).catch(() => undefined);
      // What the change starts runs on in the background until it ends or the stop comes.
      for (let waited = 0; !paused.frozen() && !(await finished(targetId)); waited++) {
        if (waited > 2000) throw new Error(`neither finished nor stopped (${point}, ${writes} writes)`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return 'finished' as const;
    })();
    let raced = false;
    const stopped = (async () => {
      while (!paused.frozen() && !raced) await new Promise((resolve) => setTimeout(resolve, 5));
      return 'crashed' as const;
    })();
    const outcome = await Promise.race([running, stopped]);
    raced = true;
    if (outcome === 'finished' && !paused.frozen()) {
      // Ran to its end before the stop: every write had a crash point before it.
      await consistent(targetId, true, 'no stop');
      await setup.close();
      return stopBefore - 1;
    }
    crashPoints++;
    // It stays stopped: its frozen calls never reach the store (its worker's polling timer does not keep the
    // process alive, and is not stopped: stopping waits for its frozen job), its sweeper and server stop.
    void crashing.app.services.companies.sweeper.stop();
    crashing.app.services.syncScheduler.stop();
    crashing.app.server.close();
    crashing.app.server.server.closeAllConnections();
    crashing.app.server.server.unref();

    // The restart: its start-up sweep settles what the crashed instance left pending, its worker resumes jobs.
    const later = scenario.restartAfterMs ?? 0;
    const restarted = await world.startApp({ jobs: JOBS, clock: () => new Date(Date.now() + later) });
    await restarted.app.services.companies.sweeper.sweep();
    if (scenario.quiet) await until(() => scenario.quiet!(targetId), `background work resumed after the restart (${point})`);
    await consistent(targetId, await scenario.done(targetId), point);

    // The person clicks the same button again: it is done once, with one record.
    await act(restarted.app, restarted.url);
    await until(() => finished(targetId), `the change after the second click (${point})`);
    await consistent(targetId, true, point);
    await restarted.app.close();
    await setup.close();
  }
}

const change = () => ({ surface: 'bot' as const, idempotencyKey: randomUUID(), payload: { test: true } });
const newCompany = async (extra: object = {}) => repos.companies.create(companyDoc(repos.mspId, `Crash Test ${randomUUID().slice(0, 8)}`, extra));

async function portalUser(companyId: string, role: PortalUserDoc['role'] = 'user'): Promise<PortalUserDoc> {
  const at = new Date().toISOString();
  const email = `${randomUUID().slice(0, 8)}@crash.example`;
  return repos.portalUsers.create({ id: randomUUID(), companyId, mspId: repos.mspId, type: 'portalUser', displayName: `Person ${email}`, email, emailKey: email, role, access: 'active', createdAt: at, updatedAt: at });
}

async function staffMember(): Promise<StaffDoc> {
  const at = new Date().toISOString();
  return repos.staff.create({ id: randomUUID(), mspId: repos.mspId, type: 'staff', displayName: `Staff ${randomUUID().slice(0, 6)}`, email: 'staff@crash.example', role: 'technician', source: 'demo', createdAt: at, updatedAt: at } as StaffDoc);
}

describe('a crash between any two writes of a change leaves it done with one audit record, or not done with none', () => {
  it('archiving a company', async () => {
    const points = await crashEverywhere({
      actions: ['company.archive'],
      async prepare() {
        const company = await newCompany();
        const request = { ...change(), expectedEtag: company._etag, input: { companyId: company.companyId } };
        return { targetId: company.companyId, act: async (app) => app.services.operations.run('company.archive', { ...request, actor: await staffActor(app, 'alex') }) };
      },
      done: async (id) => (await repos.companies.get(id))?.state === 'archived'
    });
    expect(points).toBeGreaterThanOrEqual(2);
  });

  it('renaming a company (its new name claimed, the old one given back)', async () => {
    let newName = '';
    const points = await crashEverywhere({
      actions: ['company.rename'],
      async prepare() {
        const company = await newCompany();
        newName = `Renamed ${randomUUID().slice(0, 8)}`;
        const name = newName;
        const request = { ...change(), expectedEtag: company._etag, input: { companyId: company.companyId, name } };
        return { targetId: company.companyId, act: async (app) => app.services.operations.run('company.rename', { ...request, actor: await staffActor(app, 'alex') }) };
      },
      done: async (id) => {
        const company = await repos.companies.get(id);
        if (company?.name !== newName) return false;
        return (await repos.companies.findByName(newName))?.companyId === id;
      }
    });
    expect(points).toBeGreaterThanOrEqual(3);
  });

  it('adding a company', async () => {
    let added = '';
    const points = await crashEverywhere({
      actions: ['company.add'],
      async prepare() {
        const request = { ...change(), name: `Added ${randomUUID().slice(0, 8)}` };
        added = derivedId('company', repos.mspId, request.idempotencyKey);
        return { targetId: added, act: async (app) => app.services.companies.add({ ...request, actor: await staffActor(app, 'alex') }) };
      },
      done: async (id) => Boolean(await repos.companies.get(id))
    });
    expect(points).toBeGreaterThanOrEqual(2);
  });

  it('disabling a portal user', async () => {
    const points = await crashEverywhere({
      actions: ['user.disable'],
      async prepare() {
        const company = await newCompany();
        await portalUser(company.companyId, 'admin');
        const user = await portalUser(company.companyId);
        const stored = await repos.portalUsers.get(company.companyId, user.id);
        const request = { ...change(), expectedEtag: stored!._etag, input: { companyId: company.companyId, userId: user.id } };
        return { targetId: user.id, act: async (app) => app.services.operations.run('user.disable', { ...request, actor: await staffActor(app, 'alex') }) };
      },
      done: async (id) => (await query<PortalUserDoc>('portalUsers', 'SELECT * FROM c WHERE c.id = @v', id))[0]?.access === 'disabled'
    });
    expect(points).toBeGreaterThanOrEqual(2);
  });

  it('deleting a portal user (the email is free again once it is done)', async () => {
    const emails = new Map<string, { companyId: string; email: string }>();
    const points = await crashEverywhere({
      actions: ['user.delete'],
      async prepare() {
        const company = await newCompany();
        await portalUser(company.companyId, 'admin');
        const user = await portalUser(company.companyId);
        emails.set(user.id, { companyId: company.companyId, email: user.email });
        const request = { ...change(), input: { companyId: company.companyId, userId: user.id } };
        return { targetId: user.id, act: async (app) => app.services.operations.run('user.delete', { ...request, actor: await staffActor(app, 'alex') }) };
      },
      done: async (id) => {
        if ((await query('portalUsers', 'SELECT c.id FROM c WHERE c.id = @v', id)).length) return false;
        const { companyId, email } = emails.get(id)!;
        // Nothing half-done: the address can be given to someone else.
        return !(await repos.portalUsers.findByEmail(companyId, email));
      }
    });
    expect(points).toBeGreaterThanOrEqual(3);
  });

  it('adding a portal user', async () => {
    const points = await crashEverywhere({
      actions: ['user.add'],
      async prepare() {
        const company = await newCompany();
        const request = { ...change(), companyId: company.companyId, name: 'Ada Crash', email: `${randomUUID().slice(0, 8)}@crash.example`, role: 'user', invite: false };
        return { targetId: derivedId(company.companyId, request.idempotencyKey), act: async (app) => app.services.portalUsers.add({ ...request, actor: await staffActor(app, 'alex') }) };
      },
      done: async (id) => (await query('portalUsers', 'SELECT c.id FROM c WHERE c.id = @v', id)).length === 1
    });
    expect(points).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['changing a staff member’s role', 'staff.changeRole'],
    ['removing a staff member', 'staff.revoke']
  ])('%s', async (_what, action) => {
    const points = await crashEverywhere({
      actions: [action],
      async prepare() {
        const member = await staffMember();
        const stored = await repos.staff.get(member.id);
        const request = { ...change(), staffId: member.id, expectedEtag: stored!._etag };
        return {
          targetId: member.id,
          act: async (app) => {
            const actor = await staffActor(app, 'alex');
            const input = { staffId: request.staffId, role: 'mspAdmin' };
            return app.services.operations.run(action === 'staff.revoke' ? 'staff.revoke' : 'staff.changeRole', { ...request, actor, input });
          }
        };
      },
      done: async (id) => {
        const member = await repos.staff.get(id);
        return action === 'staff.revoke' ? !member : member?.role === 'mspAdmin';
      }
    });
    expect(points).toBeGreaterThanOrEqual(2);
  });

  it('approving a permanent delete, and every step of the deletion it starts', async () => {
    const requests = new Map<string, string>();
    const points = await crashEverywhere({
      actions: ['company.approveDelete', 'company.deleted'],
      async prepare(app) {
        const company = await newCompany();
        const users = await Promise.all([portalUser(company.companyId, 'admin'), portalUser(company.companyId), portalUser(company.companyId)]);
        expect(users).toHaveLength(3);
        const alex = await staffActor(app, 'alex');
        const archived = await app.services.operations.run('company.archive', { ...change(), actor: alex, input: { companyId: company.companyId } });
        if (archived.status !== 'done') throw new Error(archived.message);
        const current = (await repos.companies.get(company.companyId))!;
        const asked = await app.services.companies.requestDelete({ actor: alex, companyId: current.companyId, etag: current._etag, typedName: current.name, idempotencyKey: randomUUID(), payload: {} });
        if (asked.status !== 'done') throw new Error(asked.message);
        const requestId = asked.value.request.id;
        requests.set(company.companyId, requestId);
        return {
          targetId: company.companyId,
          act: async (crashing) =>
            crashing.services.companies.decideDelete({ actor: await staffActor(crashing, 'megan'), companyId: company.companyId, requestId, decision: 'approve', payload: { verb: 'approval.approve' } })
        };
      },
      done: async (id) => {
        const company = await repos.companies.get(id);
        return !company || company.deleteRequest?.state === 'approved';
      },
      quiet: async (id) => {
        const job = await repos.jobs.get(id, deletionJobId(requests.get(id)!));
        return !job || job.state === 'done';
      },
      finished: async (id) => {
        const job = await repos.jobs.get(id, deletionJobId(requests.get(id)!));
        if (job?.state !== 'done') return false;
        // Nothing half-done: the company and its people are gone.
        expect([await repos.companies.get(id), (await query('portalUsers', 'SELECT c.id FROM c WHERE c.companyId = @v', id)).length]).toEqual([undefined, 0]);
        return true;
      }
    });
    // The decision's writes and the deletion's steps, each a crash point.
    expect(points).toBeGreaterThanOrEqual(10);
  });

  it('an import from Microsoft Entra ID: every person created has exactly one record, and nobody twice', async () => {
    let tenant = 0;
    const teams = () => ({ ...world.teams, serviceUrl: connector.serviceUrl });
    const latestJob = async (companyId: string) => (await repos.jobs.latest(companyId, 'entraImport', 1))[0] as JobDoc | undefined;
    const points = await crashEverywhere({
      overHttp: true,
      actions: ['user.importEntra'],
      async prepare() {
        const { tenantId } = IMPORT_TENANTS[tenant++];
        const company = await repos.companies.create(companyDoc(repos.mspId, `Import Crash ${tenant}`, { tenantId }));
        // The review card is shown by a healthy instance; the click that starts the import is the one that crashes.
        const shown = await world.startApp({ jobs: JOBS });
        const alex = world.people.alex;
        const answer = await postActivity(shown.url, personalMessage(teams(), alex, `import users for ${company.name}`));
        const card = cardOf(answer.replies[answer.replies.length - 1]);
        const review = cardActions(card).find((a) => a.verb === 'import.review')!;
        const previewed = await click(shown.url, cardClick(teams(), alex, 'import.review', { ...review.data, allUnlinked: 'true', role: 'user', invite: 'false' }));
        const confirm = cardActions(previewed.card).find((a) => a.verb === 'import.run')!;
        await shown.app.close();
        return { targetId: company.companyId, act: (_app, url) => click(url, cardClick(teams(), alex, 'import.run', confirm.data)) };
      },
      done: async (id) => (await latestJob(id))?.state === 'done',
      quiet: async (id) => {
        const job = await latestJob(id);
        return !job || job.state === 'done' || job.state === 'failed';
      },
      async consistent(id, done) {
        const users = await query<PortalUserDoc>('portalUsers', "SELECT * FROM c WHERE c.companyId = @v AND c.type = 'portalUser'", id);
        const records = (await query<AuditDoc>('audit', "SELECT * FROM c WHERE c.companyId = @v AND c.result = 'done'", id)).filter((r) => r.action === 'user.importEntra');
        // Each person created by the import has one record, and each record one person.
        expect(records.map((r) => r.target.id).sort()).toEqual(users.map((u) => u.id).sort());
        expect(new Set(users.map((u) => u.entraObjectId)).size).toBe(users.length);
        if (done) expect({ created: (await latestJob(id))?.progress.created, users: users.length }).toEqual({ created: users.length, users: users.length });
        expect(await Promise.all(users.map((u) => pendingOn(u.id)))).toEqual(users.map(() => []));
      }
    });
    expect(points).toBeGreaterThanOrEqual(5);
  });

  it('asking for a permanent delete: the request, its record and its approval card, or none of them', async () => {
    const posted = () => connector.calls.filter((call) => call.method !== 'update' && call.conversationId === '19:approvals@thread.tacv2');
    const cardsOf = new Map<string, number>();
    const points = await crashEverywhere({
      actions: ['company.requestDelete'],
      restartAfterMs: 5 * 60_000,
      async prepare(app) {
        const company = await newCompany();
        const alex = await staffActor(app, 'alex');
        const archived = await app.services.operations.run('company.archive', { ...change(), actor: alex, input: { companyId: company.companyId } });
        if (archived.status !== 'done') throw new Error(archived.message);
        const current = (await repos.companies.get(company.companyId))!;
        cardsOf.set(company.companyId, posted().length);
        const input = { companyId: current.companyId, etag: current._etag, typedName: current.name, idempotencyKey: randomUUID(), payload: {} };
        return { targetId: company.companyId, act: async (crashing) => crashing.services.companies.requestDelete({ ...input, actor: await staffActor(crashing, 'alex') }) };
      },
      done: async (id) => {
        const request = (await repos.companies.get(id))?.deleteRequest;
        if (request?.state !== 'pending') return false;
        // Nothing half-done: a recorded request has its approval card for a second Super Admin to act on. (A
        // stop between posting the card and recording it posts it again: Teams gives no way to post once.)
        expect({ card: Boolean(request.card), posted: posted().length - cardsOf.get(id)! > 0 }).toEqual({ card: true, posted: true });
        return true;
      }
    });
    expect(points).toBeGreaterThanOrEqual(3);
  });

  it('a CSV import: every person it creates has exactly one record, and nobody is without one', async () => {
    const points = await crashEverywhere({
      actions: ['user.add'],
      async prepare() {
        const company = await newCompany();
        const tag = randomUUID().slice(0, 8);
        const csv = ['Name,Email,Role', `Ada ${tag},ada.${tag}@crash.example,User`, `Ben ${tag},ben.${tag}@crash.example,Admin`, `Cy ${tag},cy.${tag}@crash.example,Training Only`].join('\r\n');
        const request = { ...change(), companyId: company.companyId, fileName: 'crash.csv', content: Buffer.from(csv), invite: false };
        return { targetId: company.companyId, act: async (app) => app.services.portalUsers.importCsv({ ...request, actor: await staffActor(app, 'alex') }) };
      },
      done: async (companyId) => (await query('portalUsers', "SELECT c.id FROM c WHERE c.companyId = @v AND c.type = 'portalUser'", companyId)).length === 3,
      async consistent(companyId) {
        const users = await query<PortalUserDoc>('portalUsers', "SELECT * FROM c WHERE c.companyId = @v AND c.type = 'portalUser'", companyId);
        for (const user of users) {
          expect([user.displayName, (await doneRecords(user.id, 'user.add')).length]).toEqual([user.displayName, 1]);
          expect([user.displayName, (await pendingOn(user.id)).length]).toEqual([user.displayName, 0]);
        }
      }
    });
    expect(points).toBeGreaterThanOrEqual(2);
  });

  it('setting the approvals channel (the last test: the channel it leaves is a new one)', async () => {
    const records = async (channel: string) =>
      (await query<AuditDoc>('audit', "SELECT * FROM c WHERE c.target.id = @v AND c.result = 'done'", 'approvalsChannel')).filter(
        (record) => record.action === 'approvals.setChannel' && (record.after as { channel?: string } | undefined)?.channel === channel
      );
    const points = await crashEverywhere({
      actions: ['approvals.setChannel'],
      async prepare() {
        const channel = `19:crash-${randomUUID().slice(0, 8)}@thread.tacv2`;
        const reference = { serviceUrl: connector.serviceUrl, channelId: 'msteams', bot: world.teams.bot, conversation: { id: channel, conversationType: 'channel', isGroup: true, tenantId: world.teams.tenantId } };
        const request = { ...change(), input: { reference, channelName: 'Crash Approvals' } };
        return { targetId: channel, act: async (app) => app.services.operations.run('approvals.setChannel', { ...request, actor: await staffActor(app, 'megan') }) };
      },
      done: async (channel) => (await repos.conversations.approvalsChannel())?.reference.conversation?.id === channel,
      async consistent(channel, done) {
        expect([channel, (await records(channel)).length]).toEqual([channel, done ? 1 : 0]);
        expect((await repos.conversations.approvalsChannel())?.pendingAudit).toBeUndefined();
      }
    });
    expect(points).toBeGreaterThanOrEqual(2);
  });
});
