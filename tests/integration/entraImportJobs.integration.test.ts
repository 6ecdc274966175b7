import { randomUUID } from 'node:crypto';
import type { App } from '../../src/app';
import { DEMO_COMPANIES, demoPeople, mailboxName } from '../../src/dev/demoData';
import { syntheticTenant, type LocalUser } from '../../src/dev/localGraph';
import { SyncScheduler } from '../../src/jobs/syncScheduler';
import type { Stored } from '../../src/store/documents';
import { entraUserId as importedUserId } from '../../src/store/ids';
import { derivedId } from '../../src/store/ids';
import type { AuditDoc, PortalUserDoc } from '../../src/store/model';
import { createRepositories, type Repositories } from '../../src/store/repositories';
import { emptyProgress, type JobDoc } from '../../src/store/repositories/jobs';
import { cardActions, cardClick, cardOf, cardTexts, click, personalMessage, postActivity, type TeamsContext, cardInputs } from '../helpers/botClient';
import { startLocalConnector } from '../helpers/localConnector';
import { testLogger } from '../helpers/logger';
import { pausableStore, startSharedWorld, type SharedWorld, type StoreCall } from '../helpers/twoApps';

/*
 * Background Entra jobs across app instances on one store (issue 4: "throttling mid-import
 * (completes, nothing doubled); restart in the middle of a job (resumes, nothing doubled); delta sync
 * disabling and flagging"). Imports are started through the bot's HTTP endpoint of one instance; their
 * card is followed at a local Bot Connector, whichever instance updates it.
 */

jest.setTimeout(60_000);

type Card = Record<string, unknown>;
type Data = Record<string, unknown>;

/** Graph pages of 999 users: 1 100 users make two pages of an "all unlinked" import, 2 000 three. */
const TWO_PAGES = 1100;
const THREE_PAGES = 2000;
function bigTenant(n: number, users: number) {
  const tenantId = `7a0e${String(n).padStart(4, '0')}-1b2c-4d3e-8f40-${String(n).padStart(12, '0')}`;
  return syntheticTenant({ tenantId, users, domain: `big${n}.example`, seed: n, displayName: `Big ${n}` });
}
type BigTenant = ReturnType<typeof bigTenant>;
const sizeOf = (tenant: BigTenant) => (tenant.users as { count: number }).count;
const THROTTLED = bigTenant(1, THREE_PAGES);
const STOPPED = bigTenant(2, THREE_PAGES);
const CRASHED = bigTenant(3, TWO_PAGES);
const CRASHED_BEFORE_AUDIT = bigTenant(4, TWO_PAGES);
const CRASHED_AT_THE_END = bigTenant(5, TWO_PAGES);
const STOPPED_MID_COMMIT = bigTenant(6, TWO_PAGES);

const FABRIKAM = DEMO_COMPANIES[0];
const FABRIKAM_TENANT = FABRIKAM.tenantId!;

let world: SharedWorld;
let repos: Repositories;
let connector: Awaited<ReturnType<typeof startLocalConnector>>;
let teams: TeamsContext;
const companies: Record<string, string> = {};

beforeAll(async () => {
  world = await startSharedWorld({ extraTenants: [THROTTLED, STOPPED, CRASHED, CRASHED_BEFORE_AUDIT, CRASHED_AT_THE_END, STOPPED_MID_COMMIT] });
  connector = await startLocalConnector();
  teams = { ...world.teams, serviceUrl: connector.serviceUrl };
  // The first instance seeds the store; it is closed at once, each test starts the instances it needs.
  const { app } = await world.startApp({}, { listen: false });
  await app.close();
  repos = createRepositories(world.testStore.store, world.mspId);
  for (const [name, tenant] of [
    ['Throttled Ltd', THROTTLED],
    ['Stopped Ltd', STOPPED],
    ['Crashed Ltd', CRASHED],
    ['Crashed Before Audit Ltd', CRASHED_BEFORE_AUDIT],
    ['Crashed At The End Ltd', CRASHED_AT_THE_END],
    ['Stopped Mid-Commit Ltd', STOPPED_MID_COMMIT]
  ] as const) {
    companies[name] = (await world.addCompany(name, tenant.tenantId)).companyId;
  }
  companies.fabrikam = (await repos.companies.findByName(FABRIKAM.name))!.companyId;
});
afterAll(async () => {
  await connector.close();
  await world.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------


const text = (card: Card) => cardTexts(card).join('\n');

async function say(url: string, text: string, who = 'alex'): Promise<Card> {
  const answer = await postActivity(url, personalMessage(teams, world.people[who], text));
  expect(answer.status).toBe(200);
  return cardOf(answer.replies[answer.replies.length - 1]) as Card;
}

/** A message sent as Teams sends it (not expectReplies): the bot's cards go to the local connector. */
async function tell(url: string, text: string, who = 'alex'): Promise<void> {
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(personalMessage(teams, world.people[who], text)) });
  expect(response.status).toBeLessThan(300);
}

/**
 * "import users for <company>" on the instance at `url`, "Review import" with every unlinked person
 * selected, then the preview's confirm button. The rows' pick toggles are left out of the submission
 * (sent as Teams sends them, the page's unticked rows would be excluded: see entraImport.integration.test.ts).
 */
async function startAllUnlinked(url: string, company: string, extra: Data = {}): Promise<{ job: Stored<JobDoc>; replyToId: string }> {
  const card = await say(url, `import users for ${company}`);
  const review = cardActions(card).find((a) => a.verb === 'import.review')!;
  const inputs = Object.fromEntries(Object.entries(cardInputs(card)).filter(([id]) => !id.startsWith('pick_')));
  const previewed = await click(url, cardClick(teams, world.people.alex, 'import.review', { ...review.data, ...inputs, allUnlinked: 'true', role: 'user', invite: 'false', ...extra }));
  expect(cardTexts(previewed.card)[0]).toBe(`Review the import: ${company}`);
  const confirm = cardActions(previewed.card).find((a) => a.verb === 'import.run')!;
  expect(confirm.title).toBe('Import all unlinked people');
  const activity = cardClick(teams, world.people.alex, 'import.run', confirm.data);
  const answer = await click(url, activity);
  expect(cardTexts(answer.card)[0]).toBe(`Import from Microsoft Entra ID: ${company}`);
  const [job] = await repos.jobs.latest(companies[company], 'entraImport', 1);
  expect(job.params).toMatchObject({ allUnlinked: true });
  return { job, replyToId: activity.replyToId! };
}

async function waitFor<T>(read: () => Promise<T>, until: (value: T) => boolean, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (until(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${String(JSON.stringify(value)).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const jobOf = (job: Stored<JobDoc>) => repos.jobs.get<unknown, { page: number; nextLink?: string }>(job.companyId, job.id) as Promise<Stored<JobDoc<unknown, { page: number; nextLink?: string }>>>;
const finished = (job: Stored<JobDoc> | undefined) => job?.state === 'done' || job?.state === 'failed';

async function portalUsersOf(companyId: string): Promise<Stored<PortalUserDoc>[]> {
  const { resources } = await world.testStore.store
    .container('portalUsers')
    .items.query<Stored<PortalUserDoc>>({ query: "SELECT * FROM c WHERE c.companyId = @c AND c.type = 'portalUser'", parameters: [{ name: '@c', value: companyId }] })
    .fetchAll();
  return resources.sort((a, b) => a.id.localeCompare(b.id));
}

async function auditOf(companyId: string, action: string): Promise<AuditDoc[]> {
  const { resources } = await world.testStore.store
    .container('audit')
    .items.query<AuditDoc>({ query: 'SELECT * FROM c WHERE c.companyId = @c AND c.action = @a', parameters: [{ name: '@c', value: companyId }, { name: '@a', value: action }] })
    .fetchAll();
  return resources;
}

/**
 * Every person of the tenant imported exactly once: the job's totals are the tenant's, one portal user
 * per Entra person and per email, one audit 'done' record per created user, one report row per person.
 */
async function expectImportedOnce(job: Stored<JobDoc>, tenant: BigTenant): Promise<Stored<PortalUserDoc>[]> {
  const entra = [...world.localGraph.tenant(tenant.tenantId).users()];
  const size = sizeOf(tenant);
  expect(entra).toHaveLength(size);
  const { progress } = job;
  expect(job.state).toBe('done');
  expect(progress.total).toBe(size);
  expect(progress.done).toBe(size);
  const skipped = Object.values(progress.skipped).reduce((a, b) => a + b, 0);
  expect(progress.created + skipped).toBe(size);
  expect({ failed: progress.failed, linked: progress.linked, updated: progress.updated, unchanged: progress.unchanged }).toEqual({ failed: 0, linked: 0, updated: 0, unchanged: 0 });
  expect(progress.skipped.guest).toBe(entra.filter((u) => u.userType === 'Guest' && u.accountEnabled).length);
  expect(progress.skipped.disabled).toBe(entra.filter((u) => !u.accountEnabled).length);

  const users = await portalUsersOf(job.companyId);
  expect(users).toHaveLength(progress.created);
  expect(new Set(users.map((u) => u.entraObjectId)).size).toBe(users.length);
  expect(new Set(users.map((u) => u.emailKey)).size).toBe(users.length);
  const entraIds = new Set(entra.map((u) => u.id));
  expect(users.every((u) => entraIds.has(u.entraObjectId!))).toBe(true);

  const audits = (await auditOf(job.companyId, 'user.importEntra')).filter((r) => r.result === 'done');
  expect({ auditRecords: audits.length }).toEqual({ auditRecords: users.length });
  expect(audits.map((r) => r.target.id).sort()).toEqual(users.map((u) => u.id).sort());

  const report = await repos.importReports.get(job.companyId, job.reportToken!);
  expect(report?.rows).toHaveLength(size);
  expect(report!.rows.filter((r) => r.outcome === 'created')).toHaveLength(progress.created);
  return users;
}

/** The Graph requests for the tenant's user list since `mark`. */
function listRequests(tenantId: string, mark: number) {
  return world.localGraph.requests().slice(mark).filter((r) => r.tenantId === tenantId.toLowerCase() && r.path === '/v1.0/users');
}

// ---------------------------------------------------------------------------------------------
// Throttling
// ---------------------------------------------------------------------------------------------

describe('throttling in the middle of an import', () => {
  it('pauses when Graph keeps answering 429, resumes after Retry-After, and completes with nothing doubled', async () => {
    const { app, url } = await world.startApp({ jobs: { leaseMs: 30_000, pollMs: 200 } });
    try {
      const mark = world.localGraph.requests().length;
      const { job, replyToId } = await startAllUnlinked(url, 'Throttled Ltd');
      // Once the first page of 999 came back, Graph throttles the tenant's next six requests: more than
      // the Graph client's own retries (five attempts), so the job itself must pause and come back.
      await waitFor(async () => listRequests(THROTTLED.tenantId, mark).filter((r) => r.url.includes('top=999') && r.status === 200), (ok) => ok.length > 0, 20_000);
      world.localGraph.throttleNext(THROTTLED.tenantId, 6, 1);

      const done = await waitFor(() => jobOf(job), (j) => j.state === 'failed' || (j.state === 'done' && listRequests(THROTTLED.tenantId, mark).filter((r) => r.status === 429).length >= 5));
      expect({ state: done.state, done: done.progress.done, message: done.message }).toEqual({ state: 'done', done: sizeOf(THROTTLED), message: expect.stringMatching(/created/) });
      const requests = listRequests(THROTTLED.tenantId, mark);
      const firstPage = requests.findIndex((r) => r.status === 200 && r.url.includes('top=999'));
      expect(requests.slice(firstPage).filter((r) => r.status === 429)).toHaveLength(6);
      expect(done.attempts).toBe(2);
      await connector.waitFor(() => connector.updatesOf(replyToId).some((u) => JSON.stringify(u.activity).includes('Done in')));
      const shown = connector.updatesOf(replyToId).map((u) => text(u.activity.attachments![0].content as Card));
      expect(shown.some((t) => t.includes('Paused: Microsoft 365 asked to wait'))).toBe(true);
      await expectImportedOnce(done, THROTTLED);
    } finally {
      await app.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Restarts
// ---------------------------------------------------------------------------------------------

describe('restart in the middle of an import', () => {
  /** A commit of the job with its cursor at `page`. */
  const commitOfPage = (page: number) => (call: StoreCall) =>
    call.container === 'jobs' && call.method === 'item.replace' && (call.args[0] as { type?: string; state?: string; cursor?: { page?: number } }).type === 'job' && (call.args[0] as { cursor?: { page?: number } }).cursor?.page === page;

  it('an instance that stops hands its job back; another instance resumes it from its last page and finishes', async () => {
    const first = await world.startApp({ jobs: { leaseMs: 30_000, pollMs: 200 } });
    let second: { app: App; url: string } | undefined;
    try {
      const { job, replyToId } = await startAllUnlinked(first.url, 'Stopped Ltd');
      // Stopped while it works on a page: after its first commit, once that commit's card update is out.
      await waitFor(() => jobOf(job), (j) => j.cursor.page >= 1);
      await connector.waitFor(() => connector.updatesOf(replyToId).length > 0);
      await first.app.close();
      const handedBack = await jobOf(job);
      expect(handedBack.state).toBe('running');
      expect(handedBack.progress.done).toBeGreaterThan(0);
      expect(handedBack.progress.done).toBeLessThan(sizeOf(STOPPED));
      expect(Date.parse(handedBack.lease!.until)).toBeLessThanOrEqual(Date.now());

      const mark = world.localGraph.requests().length;
      second = await world.startApp({ jobs: { leaseMs: 30_000, pollMs: 200 } });
      const done = await waitFor(() => jobOf(job), finished, 30_000);
      expect(done.attempts).toBe(2);
      expect(done.lease?.holder).not.toBe(handedBack.lease!.holder);
      // Resumed from the committed nextLink: the first page was not read again.
      const resumed = listRequests(STOPPED.tenantId, mark);
      expect(resumed.length).toBeGreaterThan(0);
      expect(resumed.every((r) => r.url.includes('skiptoken'))).toBe(true);
      await expectImportedOnce(done, STOPPED);
      // The card the first instance started keeps being updated in place by the second.
      await connector.waitFor(() => connector.updatesOf(replyToId).some((u) => JSON.stringify(u.activity).includes('Done in')));
    } finally {
      await first.app.close();
      await second?.app.close();
    }
  });

  it('an instance asked to stop while a commit is on its way still hands the lease back', async () => {
    let closing: Promise<void> | undefined;
    const instance: { app?: App } = {};
    // stop() is called at the very moment the first page's commit goes out to the store.
    const watched = pausableStore(world.testStore.store, (call) => {
      if (!closing && instance.app && commitOfPage(1)(call)) closing = instance.app.close();
      return false;
    });
    const first = await world.startApp({ jobs: { leaseMs: 30_000, pollMs: 200 } }, { store: watched.store });
    instance.app = first.app;
    let second: { app: App; url: string } | undefined;
    try {
      const { job } = await startAllUnlinked(first.url, 'Stopped Mid-Commit Ltd');
      await waitFor(async () => closing !== undefined, (asked) => asked, 30_000);
      await closing;
      const handedBack = await jobOf(job);
      expect(handedBack.state).toBe('running');
      expect(handedBack.progress.done).toBeLessThan(sizeOf(STOPPED_MID_COMMIT));
      expect(Date.parse(handedBack.lease!.until)).toBeLessThanOrEqual(Date.now());
      second = await world.startApp({ jobs: { leaseMs: 30_000, pollMs: 200 } });
      // Long before the 30 s lease could have lapsed.
      const done = await waitFor(() => jobOf(job), finished, 15_000);
      await expectImportedOnce(done, STOPPED_MID_COMMIT);
    } finally {
      await first.app.close();
      await second?.app.close();
    }
  });

  it('an instance that dies after writing a page but before committing it: another takes over when the lease lapses, nothing doubled', async () => {
    const paused = pausableStore(world.testStore.store, commitOfPage(2));
    const first = await world.startApp({ jobs: { leaseMs: 1500, pollMs: 200 } }, { store: paused.store });
    let second: { app: App; url: string } | undefined;
    try {
      const { job } = await startAllUnlinked(first.url, 'Crashed Ltd');
      await waitFor(async () => paused.frozen(), (f) => f, 30_000);
      const before = await jobOf(job);
      expect(before.cursor.page).toBe(1);
      // Page 2 was written by the instance that died: its people exist, its commit never came.
      expect((await portalUsersOf(job.companyId)).length).toBeGreaterThan(before.progress.created);

      second = await world.startApp({ jobs: { leaseMs: 30_000, pollMs: 200 } });
      const done = await waitFor(() => jobOf(job), finished, 30_000);
      expect(done.attempts).toBe(2);
      const users = await expectImportedOnce(done, CRASHED);

      // The dead instance wakes up: its late commit finds the job changed and gives up; nothing moves.
      paused.release();
      await first.app.close();
      expect(await jobOf(job)).toMatchObject({ state: 'done', progress: done.progress });
      expect(await portalUsersOf(job.companyId)).toEqual(users);
    } finally {
      paused.release();
      await first.app.close();
      await second?.app.close();
    }
  });

  it('an instance that dies after creating a page’s people but before auditing them: the audit still holds one record per created user', async () => {
    // The second page's people: the local Graph pages by object id.
    const companyId = companies['Crashed Before Audit Ltd'];
    const secondPage = new Set(
      [...world.localGraph.tenant(CRASHED_BEFORE_AUDIT.tenantId).users()]
        .map((u) => u.id)
        .sort()
        .slice(999)
        .map((id) => importedUserId(companyId, id))
    );
    // Any write of audit records (one by one or in bulk) about one of them.
    const auditedIds = (call: StoreCall): string[] => {
      const [first] = call.args as unknown[];
      const docs = (Array.isArray(first) ? first : [first]) as { resourceBody?: { target?: { id?: string } }; target?: { id?: string } }[];
      return docs.map((doc) => (doc?.resourceBody ?? doc)?.target?.id ?? '');
    };
    const paused = pausableStore(
      world.testStore.store,
      (call) => call.container === 'audit' && call.method.startsWith('items.') && auditedIds(call).some((id) => secondPage.has(id))
    );
    const first = await world.startApp({ jobs: { leaseMs: 1500, pollMs: 200 } }, { store: paused.store });
    let second: { app: App; url: string } | undefined;
    try {
      const { job } = await startAllUnlinked(first.url, 'Crashed Before Audit Ltd');
      await waitFor(async () => paused.frozen(), (f) => f, 30_000);
      second = await world.startApp({ jobs: { leaseMs: 30_000, pollMs: 200 } });
      const done = await waitFor(() => jobOf(job), finished, 30_000);
      // Checked before the dead instance could wake up and write what it had not.
      await expectImportedOnce(done, CRASHED_BEFORE_AUDIT);
    } finally {
      paused.release();
      await first.app.close();
      await second?.app.close();
    }
  });

  it('an instance that dies after committing the last page but before finishing: the next one finishes without reading the tenant again', async () => {
    const paused = pausableStore(
      world.testStore.store,
      (call) => call.container === 'jobs' && call.method === 'items.upsert' && (call.args[0] as { type?: string }).type === 'importReport'
    );
    const first = await world.startApp({ jobs: { leaseMs: 1500, pollMs: 200 } }, { store: paused.store });
    let second: { app: App; url: string } | undefined;
    try {
      const { job } = await startAllUnlinked(first.url, 'Crashed At The End Ltd');
      await waitFor(async () => paused.frozen(), (f) => f, 30_000);
      const before = await jobOf(job);
      expect(before).toMatchObject({ state: 'running', cursor: { page: 2 }, progress: { done: sizeOf(CRASHED_AT_THE_END) } });
      const mark = world.localGraph.requests().length;
      second = await world.startApp({ jobs: { leaseMs: 30_000, pollMs: 200 } });
      const done = await waitFor(() => jobOf(job), finished, 30_000);
      expect(listRequests(CRASHED_AT_THE_END.tenantId, mark).filter((r) => !r.url.includes('skiptoken'))).toEqual([]);
      await expectImportedOnce(done, CRASHED_AT_THE_END);
    } finally {
      paused.release();
      await first.app.close();
      await second?.app.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Delta sync
// ---------------------------------------------------------------------------------------------

describe('sync with Entra ID (Graph delta queries)', () => {
  let app: App;
  let url: string;
  const people: Record<'disabled' | 'removed' | 'renamed' | 'remailed' | 'back' | 'untouched', LocalUser> = {} as never;
  const control = () => world.localGraph.tenant(FABRIKAM_TENANT);

  beforeAll(async () => {
    ({ app, url } = await world.startApp({ jobs: { leaseMs: 30_000, pollMs: 200 } }));
  });
  afterAll(() => app.close());

  /** `sync Fabrikam` sent as Teams sends it; resolves with the finished job and its card's last state. */
  async function sync(): Promise<{ job: Stored<JobDoc>; card: Card; updates: number }> {
    const sentBefore = connector.calls.length;
    const mark = new Date().toISOString();
    await tell(url, 'sync Fabrikam');
    const [job] = await repos.jobs.latest(companies.fabrikam, 'entraSync', 1);
    expect(job.createdAt >= mark).toBe(true);
    const done = await waitFor(() => jobOf(job), finished);
    const sent = connector.calls.slice(sentBefore).filter((c) => c.method !== 'update' && c.activity.attachments?.length);
    expect(sent).toHaveLength(1);
    const id = sent[0].activityId!;
    await connector.waitFor(() => connector.updatesOf(id).some((u) => JSON.stringify(u.activity).includes('Done in')));
    const updates = connector.updatesOf(id);
    return { job: done, card: updates[updates.length - 1].activity.attachments![0].content as Card, updates: updates.length };
  }

  const factsOf = (card: Card): Record<string, number> =>
    Object.fromEntries(
      ((card.body as Record<string, unknown>[]).find((el) => el.type === 'FactSet')!.facts as { title: string; value: string }[]).map((f) => [f.title, Number(f.value)])
    );

  it('disables people disabled or removed in Entra with that reason (never deletes), updates names and emails, flags people back in Entra', async () => {
    // Six new people imported by hand, with portal access (invited).
    const card = await say(url, 'import users for Fabrikam');
    const seededEmails = new Set(demoPeople(0).map((p) => `${mailboxName(p)}@${FABRIKAM.domain}`));
    const candidates = [...control().users()].filter((u) => u.userType === 'Member' && u.accountEnabled && u.mail && u.givenName && !seededEmails.has(u.mail) && !/sam\.taylor/i.test(u.mail));
    const six = candidates.slice(0, 6);
    const review = cardActions(card).find((a) => a.verb === 'import.review')!;
    const previewed = await click(
      url,
      cardClick(teams, world.people.alex, 'import.review', { ...review.data, rowIds: six.map((u) => u.id), ...Object.fromEntries(six.map((u) => [`pick_${u.id}`, 'true'])), role: 'user', invite: 'true' })
    );
    const confirm = cardActions(previewed.card).find((a) => a.verb === 'import.run')!;
    expect(confirm.title).toBe('Import 6 people');
    const imported = await click(url, cardClick(teams, world.people.alex, 'import.run', confirm.data));
    expect(cardTexts(imported.card)).toEqual(expect.arrayContaining(['Created', '6', 'Invited', '6']));
    [people.disabled, people.removed, people.renamed, people.remailed, people.back, people.untouched] = six;

    // One is disabled in Entra before the first sync (a full round), which takes their access.
    control().disable(people.back.id);
    const firstSync = await sync();
    expect(firstSync.job.progress).toMatchObject({ disabled: 1, flagged: 0, updated: 0, failed: 0 });
    const byEntra = async () => new Map((await portalUsersOf(companies.fabrikam)).map((u) => [u.entraObjectId ?? u.id, u]));
    expect((await byEntra()).get(people.back.id)).toMatchObject({ access: 'disabled', disabledReason: 'entra-disabled' });

    const before = await byEntra();
    const since = new Date().toISOString();
    control().disable(people.disabled.id);
    control().remove(people.removed.id);
    control().update(people.renamed.id, { displayName: 'Renamed Person' });
    control().update(people.remailed.id, { mail: 'moved.person@fabrikam.example' });
    control().enable(people.back.id);

    const { job, card: shown, updates } = await sync();
    expect(job.progress).toMatchObject({ disabled: 2, flagged: 1, updated: 2, failed: 0 });
    expect(updates).toBeGreaterThanOrEqual(1);
    expect(factsOf(shown)).toMatchObject({ 'Lost portal access': 2, 'Back in Entra ID (can be enabled)': 1, Updated: 2, Failed: 0 });

    const after = await byEntra();
    expect(after.size).toBe(before.size);
    expect(after.get(people.disabled.id)).toMatchObject({ access: 'disabled', disabledReason: 'entra-disabled' });
    expect(after.get(people.removed.id)).toMatchObject({ access: 'disabled', disabledReason: 'entra-removed' });
    // Their pending invitations end with their access.
    expect(before.get(people.disabled.id)?.invitation).toBeDefined();
    expect([after.get(people.disabled.id)?.invitation, after.get(people.removed.id)?.invitation]).toEqual([undefined, undefined]);
    expect(after.get(people.renamed.id)).toMatchObject({ displayName: 'Renamed Person', access: 'invited' });
    expect(after.get(people.remailed.id)).toMatchObject({ email: 'moved.person@fabrikam.example', emailKey: 'moved.person@fabrikam.example', access: 'invited' });
    expect(after.get(people.back.id)).toMatchObject({ access: 'disabled', disabledReason: 'entra-disabled', entraBack: true });
    expect(after.get(people.untouched.id)).toEqual(before.get(people.untouched.id));
    for (const [id, user] of after) if (![people.disabled, people.removed, people.renamed, people.remailed, people.back].some((p) => p.id === id)) expect(user).toEqual(before.get(id));

    const audits = (await auditOf(companies.fabrikam, 'user.disableFromEntra')).filter((r) => r.at >= since);
    expect(audits.map((r) => [r.target.id, r.reason]).sort()).toEqual(
      [
        [after.get(people.disabled.id)!.id, 'Disabled in Microsoft Entra ID'],
        [after.get(people.removed.id)!.id, 'Removed from Microsoft Entra ID']
      ].sort()
    );
    const synced = (await auditOf(companies.fabrikam, 'user.syncEntra')).filter((r) => r.at >= since);
    expect(synced.map((r) => r.target.id).sort()).toEqual([people.renamed, people.remailed, people.back].map((p) => after.get(p.id)!.id).sort());
  });

  it('a second sync with nothing changed changes nothing, and still says it checked everyone in the directory', async () => {
    const before = await portalUsersOf(companies.fabrikam);
    const { job, card } = await sync();
    expect(job.progress).toMatchObject({ updated: 0, disabled: 0, flagged: 0, failed: 0 });
    // A delta round reads no change at all; the card counts the people checked, not the changes read.
    expect(job.progress.done).toBe(0);
    expect(factsOf(card).Checked).toBe(control().count());
    expect(cardTexts(card).join('\n')).toContain(`Checked ${control().count()} people in Microsoft Entra ID: nothing changed.`);
    expect(await portalUsersOf(companies.fabrikam)).toEqual(before);
  });

  it('a full resync (the delta link expired) with nothing changed changes nothing either', async () => {
    world.localGraph.expireDeltaLinks(FABRIKAM_TENANT);
    const before = await portalUsersOf(companies.fabrikam);
    const { job } = await sync();
    expect(job.progress.done).toBeGreaterThanOrEqual(control().count());
    expect(job.progress).toMatchObject({ updated: 0, disabled: 0, flagged: 0, failed: 0 });
    expect(await portalUsersOf(companies.fabrikam)).toEqual(before);
  });

  it('finds the people linked by the demo seed (entraObjectId only) in a delta round too', async () => {
    const seeded = (await portalUsersOf(companies.fabrikam)).filter((u) => u.entraObjectId && u.id === derivedId('portalUser', FABRIKAM.name, u.email));
    const active = seeded.find((u) => u.access === 'active' && u.role === 'user')!;
    const entraDisabled = seeded.find((u) => u.disabledReason === 'entra-disabled')!;
    expect(active && entraDisabled).toBeTruthy();
    control().disable(active.entraObjectId!);
    control().enable(entraDisabled.entraObjectId!);
    const { job } = await sync();
    expect(job.progress).toMatchObject({ disabled: 1, flagged: 1 });
    expect(await repos.portalUsers.get(companies.fabrikam, active.id)).toMatchObject({ access: 'disabled', disabledReason: 'entra-disabled' });
    expect(await repos.portalUsers.get(companies.fabrikam, entraDisabled.id)).toMatchObject({ access: 'disabled', entraBack: true });
  });

  it('skips archived companies: refused on demand, and a sync queued before the archive changes nothing', async () => {
    const card = await say(url, 'sync Tailspin Toys');
    expect(text(card)).toContain('Tailspin Toys is archived; archived companies are not synced.');

    const tailspin = (await repos.companies.findByName('Tailspin Toys'))!;
    const before = await portalUsersOf(tailspin.companyId);
    const now = new Date().toISOString();
    const { job } = await repos.jobs.createOnce({
      id: randomUUID(),
      companyId: tailspin.companyId,
      mspId: repos.mspId,
      type: 'job',
      kind: 'entraSync',
      state: 'queued',
      params: { companyName: tailspin.name, tenantId: tailspin.tenantId!, reason: 'scheduled' },
      cursor: { page: 0 },
      progress: emptyProgress(),
      attempts: 0,
      createdAt: now,
      updatedAt: now
    });
    const done = await waitFor(() => jobOf(job), finished);
    expect(done).toMatchObject({ state: 'done', message: 'Tailspin Toys is archived: not synced.' });
    expect(done.progress.done).toBe(0);
    expect(await portalUsersOf(tailspin.companyId)).toEqual(before);
    expect(world.localGraph.requests().filter((r) => r.tenantId === DEMO_COMPANIES[2].tenantId!.toLowerCase())).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The schedule
// ---------------------------------------------------------------------------------------------

describe('scheduled syncs', () => {
  it('queue exactly one sync per connected active company per interval, however often and by however many instances ticked', async () => {
    // A store of its own, with instances that do not run jobs: only what the schedulers queue is counted.
    const other = await startSharedWorld();
    try {
      let now = new Date('2030-01-01T10:05:00Z');
      const clock = () => now;
      const a = (await other.startApp({ syncIntervalMinutes: 60, clock }, { listen: false })).app;
      const b = (await other.startApp({ syncIntervalMinutes: 60, clock }, { listen: false })).app;
      const otherRepos = createRepositories(other.testStore.store, other.mspId);
      const connected = (await otherRepos.companies.list({ pageSize: 100 })).items.filter((c) => c.tenantId && !c.isMspCompany);
      expect(connected.map((c) => c.name).sort()).toEqual(['Fabrikam, Inc.', 'Northwind Traders', 'Wide World Importers']);

      expect(await a.services.syncScheduler.tick()).toBe(3);
      expect(await a.services.syncScheduler.tick()).toBe(0);
      expect(await b.services.syncScheduler.tick()).toBe(0);
      now = new Date('2030-01-01T10:59:59Z');
      expect(await b.services.syncScheduler.tick()).toBe(0);

      now = new Date('2030-01-01T11:00:00Z');
      const both = await Promise.all([a.services.syncScheduler.tick(), b.services.syncScheduler.tick(), new SyncScheduler(otherRepos, { runNow: async (j) => j, kick: () => undefined }, 60, testLogger, clock).tick()]);
      expect(both.reduce((x, y) => x + y, 0)).toBe(3);

      const jobs = (await otherRepos.jobs.unfinished()).filter((j) => j.kind === 'entraSync');
      expect(jobs).toHaveLength(6);
      for (const company of connected) {
        const mine = jobs.filter((j) => j.companyId === company.companyId);
        expect(mine.map((j) => [j.state, (j.params as { reason: string }).reason, j.createdAt]).sort()).toEqual([
          ['queued', 'scheduled', '2030-01-01T10:05:00.000Z'],
          ['queued', 'scheduled', '2030-01-01T11:00:00.000Z']
        ]);
      }
      // Archived (Tailspin Toys), unconnected (Adatum) and the MSP's own company get none.
      const tailspin = (await otherRepos.companies.findByName('Tailspin Toys'))!;
      expect(jobs.some((j) => j.companyId === tailspin.companyId)).toBe(false);
    } finally {
      await other.close();
    }
  });
});
