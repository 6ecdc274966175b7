import { randomUUID } from 'node:crypto';
import type { StaffActor } from '../../src/domain/actor';
import { companyNameKey } from '../../src/domain/companyName';
import { DEMO_COMPANIES, demoGuid } from '../../src/dev/demoData';
import { JobWorker, type JobRun } from '../../src/jobs/worker';
import { companyDeletionHandler, deletionJobId, type DeletionCursor, type DeletionJob, type DeletionParams } from '../../src/services/companies/deletion/deletionJob';
import type { DecideInput } from '../../src/services/companies/deletion/decideDelete';
import { newInvitationSecret } from '../../src/services/portalUsers/secrets';
import type { Stored } from '../../src/store/documents';
import { CONTAINER_NAMES } from '../../src/store/containerSpec';
import { UNASSIGNED_RECORD_KINDS, type AuditDoc, type CompanyRecordDoc, type PortalUserDoc, type RecordKind } from '../../src/store/model';
import { mspCompanyIdOf } from '../../src/store/repositories/companies';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';
import { startLocalConnector } from '../helpers/localConnector';
import { testLogger } from '../helpers/logger';

/*
 * Issue 5, permanent company delete, at the service level: the whole app on a real Cosmos-protocol
 * server with the demo MSP, a local Bot Connector for the approvals channel, and a clock the tests move.
 */

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const CHANNEL = '19:approvals@thread.tacv2';
const byName = (name: string) => demoGuid('company', name);
const TAILSPIN = byName('Tailspin Toys');
const TAILSPIN_TENANT = DEMO_COMPANIES.find((c) => c.name === 'Tailspin Toys')!.tenantId!;

let demo: DemoApp;
let connector: Awaited<ReturnType<typeof startLocalConnector>>;
let offset = 0;
const now = () => new Date(Date.now() + offset);
const services = () => demo.app.services;
const repos = () => demo.app.services.repos;

beforeAll(async () => {
  connector = await startLocalConnector();
  demo = await startDemoApp({ clock: now, jobs: { leaseMs: 30_000, pollMs: 200 } });
});
afterAll(async () => {
  await demo.close();
  await connector.close();
});

// --- helpers ------------------------------------------------------------------------------------

const cache: Record<string, StaffActor> = {};
async function staff(who: string): Promise<StaffActor> {
  if (cache[who]) return cache[who];
  const person = demo.people[who];
  const actor = await services().actors.staffActor({ tenantId: demo.teams.tenantId, objectId: person.aadObjectId }, person.name);
  if (!actor) throw new Error(`${who} is not staff`);
  return (cache[who] = actor);
}

const conversation = (id: string, type: string) => ({
  ...{ serviceUrl: connector.serviceUrl, channelId: 'msteams', bot: demo.teams.bot },
  conversation: { id, conversationType: type, isGroup: type === 'channel', tenantId: demo.teams.tenantId, name: '' }
});

const company = (id: string) => repos().companies.get(id);
const change = () => ({ surface: 'bot' as const, idempotencyKey: randomUUID(), payload: { test: true } });

/** A new client company (with users and records when asked), archived, so it is deletable. */
async function archivedCompany(name: string, fill?: { users: number; invited: number; records: Partial<Record<RecordKind, number>> }): Promise<string> {
  const added = await services().companies.add({ actor: await staff('alex'), ...change(), name });
  if (added.status !== 'done') throw new Error(`add ${name}: ${added.message}`);
  const id = added.value.id;
  if (fill) {
    const at = now().toISOString();
    const users = await Promise.all(
      Array.from({ length: fill.users }, async (_, i): Promise<PortalUserDoc> => {
        const email = `person${i}@example.org`;
        const base: PortalUserDoc = { id: demoGuid('user', id, email), companyId: id, mspId: repos().mspId, type: 'portalUser', displayName: `Person ${i}`, email, emailKey: email, role: i === 0 ? 'admin' : 'user', access: 'active', createdAt: at, updatedAt: at };
        if (i >= fill.invited) return base;
        const { hash } = newInvitationSecret();
        await repos().invitationLinks.create(hash, id, base.id);
        return { ...base, access: 'invited', invitation: { hash, sentAt: at, expiresAt: new Date(now().getTime() + 7 * 24 * HOUR).toISOString(), sentBy: 'Alex Wilber' } };
      })
    );
    await repos().portalUsers.createMany(id, users);
    for (const [kind, count] of Object.entries(fill.records) as [RecordKind, number][]) {
      for (let n = 1; n <= count; n++) {
        await repos().records.create({ id: demoGuid('record', id, kind, String(n)), companyId: id, mspId: repos().mspId, type: 'record', kind, title: `${kind} ${n}`, balance: kind === 'invoice' ? 0 : undefined, createdAt: at });
      }
    }
  }
  expect((await services().operations.run('company.archive', { actor: await staff('alex'), ...change(), input: { companyId: id } })).status).toBe('done');
  return id;
}

/** Submits the typed-name card, as `who`, against the version the card showed (now, unless given). */
async function request(who: string, companyId: string, options: { typedName?: string; etag?: string; key?: string } = {}) {
  const current = await company(companyId);
  const { etag = current?._etag ?? '', typedName = current?.name ?? '', key = randomUUID() } = options;
  const personalChat = conversation(`a:personal-${who}`, 'personal');
  return services().companies.requestDelete({ actor: await staff(who), companyId, etag, typedName, idempotencyKey: key, payload: { typedName }, personalChat });
}

async function setApprovalsChannel() {
  if (await repos().conversations.approvalsChannel()) return;
  await services().operations.run('approvals.setChannel', { actor: await staff('megan'), surface: 'bot', idempotencyKey: randomUUID(), input: { reference: conversation(CHANNEL, 'channel'), channelName: 'Approvals' } });
}

async function requested(companyId: string) {
  const result = await request('alex', companyId);
  if (result.status !== 'done') throw new Error(`request: ${result.message}`);
  return result.value.request;
}

async function decide(who: string | undefined, companyId: string, decision: DecideInput['decision']) {
  const current = await company(companyId);
  const actor = who ? await staff(who) : undefined;
  return services().companies.decideDelete({ actor, companyId, requestId: current?.deleteRequest?.id ?? '', decision, payload: { verb: `approval.${decision}` } });
}

async function query<T>(container: (typeof CONTAINER_NAMES)[number], sql: string, parameters: { name: string; value: string }[] = []): Promise<T[]> {
  const { resources } = await demo.testStore.store.container(container).items.query<T>({ query: sql, parameters }).fetchAll();
  return resources;
}

const jobsOf = (companyId: string) => query<DeletionJob>('jobs', "SELECT * FROM c WHERE c.companyId = @c AND c.kind = 'companyDelete'", [{ name: '@c', value: companyId }]);
const auditOf = (companyId: string, action: string) =>
  query<AuditDoc>('audit', 'SELECT * FROM c WHERE c.target.id = @c AND c.action = @a', [{ name: '@c', value: companyId }, { name: '@a', value: action }]);
/** New cards in the approvals channel (a proactive post goes out as a reply to its continuation activity). */
const channelPosts = () => connector.calls.filter((call) => call.method !== 'update' && call.conversationId === CHANNEL);

async function waitForJob(companyId: string, requestId: string): Promise<DeletionJob> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const job = await repos().jobs.get<DeletionParams, DeletionCursor>(companyId, deletionJobId(requestId));
    if (job?.state === 'done' || job?.state === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`deletion job not finished: ${JSON.stringify(job?.cursor)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every document outside the audit log, to show that a refusal wrote nothing; with the audit log apart. */
async function snapshot() {
  const rest: string[] = [];
  for (const name of CONTAINER_NAMES.filter((c) => c !== 'audit')) rest.push(...(await query<object>(name, 'SELECT * FROM c')).map((d) => `${name} ${JSON.stringify(d)}`));
  const audit = await query<AuditDoc>('audit', 'SELECT * FROM c');
  return { rest: rest.sort(), audit };
}

async function expectNothingWritten(before: Awaited<ReturnType<typeof snapshot>>, audited: 'refused' | 'nothing') {
  const after = await snapshot();
  expect(after.rest).toEqual(before.rest);
  const known = new Set(before.audit.map((a) => a.id));
  const added = after.audit.filter((a) => !known.has(a.id));
  expect(added.map((a) => a.result)).toEqual(audited === 'refused' ? ['refused'] : []);
}

// --- guards -------------------------------------------------------------------------------------

describe('before an approvals channel is set', () => {
  it('the request is refused with how to set one, and nothing is written', async () => {
    const before = await snapshot();
    const refusal = { status: 'refused', code: 'illegalTransition', message: expect.stringMatching(/No approvals channel is set/) };
    expect(await services().companies.previewDelete(await staff('alex'), TAILSPIN)).toMatchObject(refusal);
    expect(await request('alex', TAILSPIN)).toMatchObject(refusal);
    await expectNothingWritten(before, 'refused');
    expect(channelPosts()).toHaveLength(0);
  });
});

describe('with the approvals channel set', () => {
  beforeAll(setApprovalsChannel);

  it('an active company with an unpaid invoice gets both reasons at once', async () => {
    const preview = await services().companies.previewDelete(await staff('alex'), byName('Fabrikam, Inc.'));
    expect(preview.status).toBe('refused');
    expect(preview.message).toMatch(/not archived.*1 invoice has an outstanding balance/s);
  });

  describe('every guard refuses with its reason, and nothing is written', () => {
    beforeAll(async () => {
      for (const name of ['Fabrikam, Inc.', 'Wide World Importers']) {
        expect((await services().operations.run('company.archive', { actor: await staff('alex'), ...change(), input: { companyId: byName(name) } })).status).toBe('done');
      }
    });

    it.each([
      ['not archived', 'alex', () => byName('Northwind Traders'), 'illegalTransition', /Northwind Traders is not archived/],
      ['an unpaid invoice, named with its balance', 'alex', () => byName('Fabrikam, Inc.'), 'illegalTransition', /^1 invoice has an outstanding balance\. Invoice 1: 1,250\.50 due\. Settle/],
      ['a compliance organisation', 'alex', () => byName('Wide World Importers'), 'illegalTransition', /linked to a compliance organisation/],
      ["the MSP's own company", 'alex', () => mspCompanyIdOf(repos().mspId), 'mspCompany', /your own company; it can never be deleted/],
      ['an MSP Admin asking', 'adele', () => TAILSPIN, 'forbidden', /MSP Admin/],
      ['a Technician asking', 'isaiah', () => TAILSPIN, 'forbidden', /Technician/]
    ])('%s', async (_label, who, id, code, reason) => {
      const before = await snapshot();
      const posts = channelPosts().length;
      expect(await services().companies.previewDelete(await staff(who), id())).toMatchObject({ status: 'refused', code, message: expect.stringMatching(reason) });
      expect(await request(who, id())).toMatchObject({ status: 'refused', code, message: expect.stringMatching(reason) });
      await expectNothingWritten(before, 'refused');
      expect(channelPosts()).toHaveLength(posts);
    });
  });

  describe('the typed name', () => {
    it.each([
      ['another case', (name: string) => name.toLowerCase()],
      ['a trailing space', (name: string) => `${name} `],
      ['the NFD form', (name: string) => name.normalize('NFD')]
    ])('typed with %s is refused and nothing is written', async (_label, typed) => {
      const id = (await repos().companies.findByName('Zoë Ångström GmbH'))?.companyId ?? (await archivedCompany('Zoë Ångström GmbH'));
      const before = await snapshot();
      const result = await request('alex', id, { typedName: typed('Zoë Ångström GmbH') });
      expect(result).toMatchObject({ status: 'refused', message: expect.stringMatching(/does not match Zoë Ångström GmbH exactly/) });
      await expectNothingWritten(before, 'refused');
    });

    it('a rename between the card and its submit is refused, whichever name is typed', async () => {
      const id = await archivedCompany('Stale Card Ltd');
      const preview = await services().companies.previewDelete(await staff('alex'), id);
      if (preview.status !== 'done') throw new Error(preview.message);
      expect(new RegExp(preview.value.namePattern).test('Stale Card Ltd')).toBe(true);
      expect((await services().operations.run('company.rename', { actor: await staff('megan'), ...change(), input: { companyId: id, name: 'Stale Card Limited' } })).status).toBe('done');
      const before = await snapshot();
      for (const typedName of ['Stale Card Ltd', 'Stale Card Limited']) {
        expect((await request('alex', id, { etag: preview.value.company.etag, typedName })).status).toBe('conflict');
      }
      await expectNothingWritten(before, 'nothing');
    });
  });

  it('a rename while the request is pending cancels it and updates its approval card', async () => {
    const id = await archivedCompany('Renamed Later Ltd');
    const pending = await requested(id);
    expect(pending.card?.activityId).toBeDefined();
    const renamed = await services().operations.run('company.rename', { actor: await staff('adele'), ...change(), input: { companyId: id, name: 'Renamed Sooner Ltd' } });
    expect(renamed).toMatchObject({ status: 'done', message: expect.stringMatching(/pending permanent-delete request was cancelled/) });
    expect((await company(id))?.deleteRequest).toMatchObject({ id: pending.id, state: 'cancelled', note: 'The company was renamed to Renamed Sooner Ltd.' });
    expect(JSON.stringify(connector.updatesOf(pending.card!.activityId).at(-1)?.activity)).toMatch(/cancelled/i);
    expect((await decide('megan', id, 'approve')).status).toBe('noop');
    expect(await jobsOf(id)).toHaveLength(0);
    expect((await company(id))?.state).toBe('archived');
  });

  it('the same submit twice, one after the other or at once, makes one request', async () => {
    for (const concurrently of [false, true]) {
      const id = await archivedCompany(`Double Click ${concurrently ? 'At Once' : 'Twice'} Ltd`);
      const posts = channelPosts().length;
      const key = randomUUID();
      const results = concurrently
        ? await Promise.all([request('alex', id, { key }), request('alex', id, { key })])
        : [await request('alex', id, { key }), await request('alex', id, { key })];
      expect(results.map((r) => r.status).sort()).toEqual(['done', 'noop']);
      const stored = (await company(id))?.deleteRequest;
      for (const r of results) expect(r.status === 'done' ? r.value.request.id : r.status === 'noop' ? r.current?.request.id : undefined).toBe(stored?.id);
      expect(channelPosts()).toHaveLength(posts + 1);
      expect((await auditOf(id, 'company.requestDelete')).filter((a) => a.result === 'done')).toHaveLength(1);
    }
  });

  it('a second request while one waits is refused', async () => {
    const id = await archivedCompany('Asked Twice Ltd');
    await requested(id);
    expect(await request('megan', id)).toMatchObject({ status: 'refused', message: expect.stringMatching(/Alex Wilber asked to delete Asked Twice Ltd already/) });
  });

  describe('decisions', () => {
    it('only another Super Admin may approve; only the requester may cancel', async () => {
      const id = await archivedCompany('Decide Ltd');
      const pending = await requested(id);
      expect(await decide('alex', id, 'approve')).toMatchObject({ status: 'refused', code: 'forbidden', message: expect.stringMatching(/other than the one who asked/) });
      for (const who of ['adele', 'isaiah', undefined]) expect(await decide(who, id, 'approve')).toMatchObject({ status: 'refused', code: 'forbidden' });
      expect(await decide('megan', id, 'cancel')).toMatchObject({ status: 'refused', code: 'forbidden', message: expect.stringMatching(/Only the person who asked/) });
      expect((await company(id))?.deleteRequest).toMatchObject({ id: pending.id, state: 'pending' });
      expect(await jobsOf(id)).toHaveLength(0);
      expect(await decide('alex', id, 'cancel')).toMatchObject({ status: 'done' });
      expect(await decide('megan', id, 'approve')).toMatchObject({ status: 'noop', message: expect.stringMatching(/cancelled/) });
      expect(await jobsOf(id)).toHaveLength(0);
    });

    it('an expired request cannot be approved: the sweeper expires it, or the late click does', async () => {
      const swept = await archivedCompany('Swept Ltd');
      const sweptRequest = await requested(swept);
      offset += 24 * HOUR + 60_000;
      await services().companies.sweeper.sweep();
      expect((await company(swept))?.deleteRequest?.state).toBe('expired');
      expect(await auditOf(swept, 'company.expireDeleteRequest')).toHaveLength(1);
      expect(JSON.stringify(connector.updatesOf(sweptRequest.card!.activityId).at(-1)?.activity)).toMatch(/expired/i);
      expect(await decide('megan', swept, 'approve')).toMatchObject({ status: 'noop', message: expect.stringMatching(/expired/) });
      // A click that comes before any sweep is refused the same way, and expires the request.
      const late = await archivedCompany('Late Click Ltd');
      await requested(late);
      offset += 24 * HOUR + 1;
      expect(await decide('megan', late, 'approve')).toMatchObject({ status: 'refused', message: expect.stringMatching(/has expired/) });
      expect((await company(late))?.deleteRequest?.state).toBe('expired');
      for (const id of [swept, late]) {
        expect(await jobsOf(id)).toHaveLength(0);
        expect((await company(id))?.state).toBe('archived');
      }
    });

    it('two Super Admins approving at once: one approval, one job, one audit record', async () => {
      const nestor = { tenantId: demo.teams.tenantId, objectId: randomUUID() };
      const at = now().toISOString();
      await repos().staff.create({ id: randomUUID(), mspId: repos().mspId, type: 'staff', displayName: 'Nestor Wilke', role: 'superAdmin', identity: nestor, source: 'demo', createdAt: at, updatedAt: at });
      cache.nestor = (await services().actors.staffActor(nestor, 'Nestor Wilke'))!;
      for (const approvers of [['megan', 'nestor'], ['megan', 'megan']]) {
        const id = await archivedCompany(`Race ${approvers.join(' ')} Ltd`, { users: 3, invited: 1, records: { ticket: 2, slaPolicy: 1 } });
        const pending = await requested(id);
        const results = await Promise.all(approvers.map((who) => decide(who, id, 'approve')));
        expect(results.map((r) => r.status).sort()).toEqual(['done', 'noop']);
        expect(await jobsOf(id)).toHaveLength(1);
        expect((await auditOf(id, 'company.approveDelete')).filter((a) => a.result === 'done')).toHaveLength(1);
        expect((await waitForJob(id, pending.id)).state).toBe('done');
        expect(await company(id)).toBeUndefined();
      }
    });
  });
});

// --- the whole delete ---------------------------------------------------------------------------

describe('Tailspin Toys, permanently deleted', () => {
  beforeAll(setApprovalsChannel);

  it('leaves no company, users or lookups, keeps its records unassigned, and one tombstone says what was done', async () => {
    const alex = await staff('alex');
    const param = [{ name: '@c', value: TAILSPIN }];
    // Two pending invitations with real links: restored, invited, archived again.
    expect((await services().operations.run('company.restore', { actor: alex, ...change(), input: { companyId: TAILSPIN } })).status).toBe('done');
    const users = await query<PortalUserDoc>('portalUsers', "SELECT * FROM c WHERE c.companyId = @c AND c.type = 'portalUser'", param);
    const secrets: string[] = [];
    for (const user of users.filter((u) => u.access === 'none').slice(0, 2)) {
      const invited = await services().portalUsers.perform({ actor: alex, ...change(), companyId: TAILSPIN, userId: user.id, operation: 'invite' });
      if (invited.status !== 'done' || !invited.value.link) throw new Error(`invite: ${invited.message}`);
      secrets.push(invited.value.link.split('/invite/')[1]);
    }
    expect((await services().operations.run('company.archive', { actor: alex, ...change(), input: { companyId: TAILSPIN } })).status).toBe('done');
    for (const secret of secrets) expect((await services().portalUsers.inspectInvitation(secret)).state).toBe('paused');
    const records = await query<CompanyRecordDoc>('records', 'SELECT * FROM c WHERE c.companyId = @c', param);

    const preview = await services().companies.previewDelete(alex, TAILSPIN);
    if (preview.status !== 'done') throw new Error(preview.message);
    const impact = { unassigned: { ticket: 5, asset: 3, invoice: 2, kbArticle: 1, quote: 0, project: 1, passwordEntry: 2 }, slaPolicies: 1, portalUsers: 12, invitations: 4 };
    expect(preview.value.impact).toEqual(impact);
    const result = await request('alex', TAILSPIN, { etag: preview.value.company.etag, typedName: 'Tailspin Toys' });
    if (result.status !== 'done') throw new Error(result.message);
    expect(result.value.request.impact).toEqual(impact);
    expect((await decide('megan', TAILSPIN, 'approve')).status).toBe('done');
    const job = await waitForJob(TAILSPIN, result.value.request.id);
    expect(job.state).toBe('done');

    // The company and its name and tenant: gone and free.
    expect(await company(TAILSPIN)).toBeUndefined();
    expect(await repos().companies.findByName('Tailspin Toys')).toBeUndefined();
    expect(await repos().lookups.get('companyName', companyNameKey('Tailspin Toys'))).toBeUndefined();
    expect(await repos().companies.findByTenant(TAILSPIN_TENANT)).toBeUndefined();
    expect(await repos().lookups.get('tenant', TAILSPIN_TENANT)).toBeUndefined();
    // Its users, their counters and every lookup of theirs but the invitation links, which now say "revoked".
    expect(await query('portalUsers', 'SELECT * FROM c WHERE c.companyId = @c', param)).toEqual([]);
    const lookups = await query<{ kind: string; invitationState?: string }>('lookups', 'SELECT * FROM c WHERE c.companyId = @c', param);
    expect(lookups.map((l) => `${l.kind} ${l.invitationState}`)).toEqual(['invitation revoked', 'invitation revoked']);
    for (const secret of secrets) expect(await services().portalUsers.inspectInvitation(secret)).toEqual({ state: 'revoked' });
    // Records: kept without a company (as many of each kind as the card said); SLA policies deleted.
    expect(await query('records', 'SELECT * FROM c WHERE c.companyId = @c', param)).toEqual([]);
    for (const record of records) {
      const copy = await repos().records.unassignedCopyOf(TAILSPIN, record.id);
      const kept = { companyId: 'unassigned', kind: record.kind, title: record.title, unassigned: expect.objectContaining({ formerCompanyName: 'Tailspin Toys', sourceId: record.id }) };
      expect(copy).toEqual(record.kind === 'slaPolicy' ? undefined : expect.objectContaining(kept));
    }
    const copies = await query<CompanyRecordDoc>('records', "SELECT * FROM c WHERE c.companyId = 'unassigned' AND c.unassigned.formerCompanyName = 'Tailspin Toys'");
    expect(Object.fromEntries(UNASSIGNED_RECORD_KINDS.map((kind) => [kind, copies.filter((c) => c.kind === kind).length]))).toEqual(impact.unassigned);
    // Only the deletion job is left in its partition.
    expect((await query<{ id: string }>('jobs', 'SELECT c.id FROM c WHERE c.companyId = @c', param)).map((j) => j.id)).toEqual([job.id]);
    // One tombstone, in the MSP's own company's history.
    const tombstones = await query<AuditDoc>('audit', "SELECT * FROM c WHERE c.action = 'company.deleted' AND c.target.id = @c", param);
    expect(tombstones).toHaveLength(1);
    expect(tombstones[0]).toMatchObject({
      companyId: mspCompanyIdOf(repos().mspId),
      actor: { displayName: demo.people.megan.name },
      target: { id: TAILSPIN, name: 'Tailspin Toys' },
      before: { name: 'Tailspin Toys', companyId: TAILSPIN, tenantId: TAILSPIN_TENANT },
      after: { requestedBy: demo.people.alex.name, approvedBy: demo.people.megan.name, impact, done: { portalUsers: 12, invitations: 4, unassigned: impact.unassigned, slaPolicies: 1 } }
    });
    // The card shows the end and the requester is told (both just after the job's last commit); the name can be used again.
    const lastCard = () => JSON.stringify(connector.updatesOf(result.value.request.card!.activityId).at(-1)?.activity ?? {});
    const told = () => connector.calls.filter((c) => c.conversationId === 'a:personal-alex').map((c) => JSON.stringify(c.activity));
    await connector.waitFor(() => /Deleted\. Approved by Megan Bowen\./.test(lastCard()) && told().some((t) => t.includes('Tailspin Toys is permanently deleted')));
    expect(told().filter((t) => t.includes('Tailspin Toys is permanently deleted'))).toEqual([
      expect.stringContaining('12 portal users removed (4 invitations revoked), 14 records kept without a company, 1 SLA policies deleted.')
    ]);
    const again = await services().companies.add({ actor: alex, ...change(), name: 'Tailspin Toys' });
    expect(again).toMatchObject({ status: 'done', value: { name: 'Tailspin Toys' } });
  });
});

describe('archive, then restore', () => {
  it('gives Northwind Traders back exactly: the company but for its version, and every user byte for byte', async () => {
    const id = byName('Northwind Traders');
    const param = [{ name: '@c', value: id }];
    const read = async () => ({
      company: (await query<Record<string, unknown>>('companies', 'SELECT * FROM c WHERE c.id = @c', param))[0],
      users: JSON.stringify(await query('portalUsers', 'SELECT * FROM c WHERE c.companyId = @c ORDER BY c.id', param)),
      records: JSON.stringify(await query('records', 'SELECT * FROM c WHERE c.companyId = @c ORDER BY c.id', param))
    });
    const before = await read();
    expect(before.company.state).toBe('active');
    expect((await services().operations.run('company.archive', { actor: await staff('adele'), ...change(), input: { companyId: id, reason: 'Contract paused' } })).status).toBe('done');
    expect((await company(id))?.state).toBe('archived');
    expect((await services().operations.run('company.restore', { actor: await staff('alex'), ...change(), input: { companyId: id } })).status).toBe('done');
    const after = await read();
    const versionless = ({ updatedAt, lastActionKey, _etag, _ts, ...rest }: Record<string, unknown>) => rest;
    expect(versionless(after.company)).toStrictEqual(versionless(before.company));
    expect(after.company._etag).not.toBe(before.company._etag);
    expect(after.users).toBe(before.users);
    expect(after.records).toBe(before.records);
  });
});

// --- crash injection ----------------------------------------------------------------------------

class Crash extends Error {}

/** Per commit of an uninterrupted run of the shape below: what it commits, and the step its cursor names then. */
const COMMITS: [string, number][] = [
  ['the counts of what will be done', 0], ['the first 500 portal users', 0], ['the last portal user', 0], ['the end of the portal users', 1], ['the records', 1],
  ['the end of the records', 2], ['the SLA policies', 2], ['the end of the SLA policies', 3], ['the company data', 4], ['the company document', 5], ['the tombstone', 6]
];
const CRASHES = [
  ...COMMITS.map(([what, step], i) => ({ label: `stopped right after committing ${what}`, commit: i + 1, when: 'after' as const, step })),
  // Stopped after doing a batch but before committing it: the batch is redone (finding nothing left), and the counts taken first stand.
  ...[1, 2, 5, 7, 10, 11].map((commit) => ({ label: `stopped after doing ${COMMITS[commit - 1][0]}, before committing`, commit, when: 'before' as const, step: commit === 1 ? 0 : COMMITS[commit - 2][1] }))
];

/** Fields that differ from one run to another whatever happens (versions, times, random ids, leases). */
const VOLATILE = new Set(['_rid', '_self', '_etag', '_attachments', '_ts', '_lsn', 'id', 'key', 'userId', 'sourceId', 'activityId', 'payloadHash', 'lease', 'attempts', 'createdAt', 'updatedAt', 'startedAt', 'finishedAt', 'at', 'requestedAt', 'approvedAt', 'decidedAt', 'expiresAt', 'archivedAt']);

function normalise(value: unknown, swap: (text: string) => string, drop: Set<string>): unknown {
  if (typeof value === 'string') return swap(value);
  if (Array.isArray(value)) return value.map((item) => normalise(item, swap, drop));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([key]) => !drop.has(key));
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, item]) => [key, normalise(item, swap, drop)]));
}

/** Every document anywhere that names the company (by id, name or name key), with the company itself abstracted away. */
async function traces(id: string, name: string, drop = VOLATILE): Promise<string[]> {
  const swap = (text: string) => text.split(id).join('<id>').split(name).join('<name>').split(name.toLowerCase()).join('<key>');
  const found: string[] = [];
  for (const container of CONTAINER_NAMES) {
    for (const doc of await query<object>(container, 'SELECT * FROM c')) {
      const json = JSON.stringify(doc);
      if (json.includes(id) || json.includes(name) || json.includes(name.toLowerCase())) found.push(`${container} ${JSON.stringify(normalise(doc, swap, drop))}`);
    }
  }
  return found.sort();
}

describe('a deletion job stopped at any point resumes on another instance to the same end state', () => {
  const SHAPE = { users: 501, invited: 2, records: { ticket: 3, asset: 2, invoice: 2, slaPolicy: 2 } };
  let reference: string[] = [];

  // The app's own worker stays out of it: each job is run by the tests' instances only.
  beforeAll(async () => {
    await setApprovalsChannel();
    await services().jobs.stop();
  });
  afterAll(() => services().jobs.start());

  async function approvedJob(label: string) {
    const name = `Crash ${label} Ltd`;
    const id = await archivedCompany(name, SHAPE);
    const pending = await requested(id);
    expect((await decide('megan', id, 'approve')).status).toBe('done');
    const job = await repos().jobs.get<DeletionParams, DeletionCursor>(id, deletionJobId(pending.id));
    expect(job?.state).toBe('queued');
    return { id, name, job: job!, requestId: pending.id };
  }

  /** An instance claims the job, runs the real handler, and dies at commit `at`; its lease then lapses. */
  async function runAndCrash(job: Stored<DeletionJob>, at: number, when: 'before' | 'after'): Promise<Stored<DeletionJob>> {
    let current = await repos().jobs.replace({ ...job, state: 'running', attempts: 1, lease: { holder: 'doomed', until: new Date(Date.now() + 60_000).toISOString() } });
    let commits = 0;
    const commit: JobRun<DeletionParams, DeletionCursor>['commit'] = async (changeJob) => {
      commits += 1;
      if (commits === at && when === 'before') throw new Crash();
      current = await repos().jobs.replace({ ...changeJob(current), _etag: current._etag });
      if (commits === at) throw new Crash();
      return current;
    };
    const run = Object.defineProperty({ commit }, 'job', { get: () => current }) as JobRun<DeletionParams, DeletionCursor>;
    await expect(companyDeletionHandler(services().deps.companies).run(run)).rejects.toBeInstanceOf(Crash);
    return repos().jobs.replace({ ...current, lease: { holder: 'doomed', until: new Date(Date.now() - 1).toISOString() } });
  }

  /** Another instance: a real JobWorker that finds the job by polling and runs it to the end. */
  async function resume(id: string, requestId: string): Promise<DeletionJob> {
    const worker = new JobWorker(repos().jobs, { leaseMs: 30_000, pollMs: 50, logger: testLogger }).register(companyDeletionHandler(services().deps.companies));
    worker.start();
    return waitForJob(id, requestId).finally(() => worker.stop());
  }

  it('uninterrupted: the reference end state', async () => {
    const { id, name, requestId } = await approvedJob('reference');
    const job = await resume(id, requestId);
    expect(job).toMatchObject({ state: 'done', attempts: 1, cursor: { step: 6, counts: { portalUsers: 501, invitations: 2, slaPolicies: 2, unassigned: { ticket: 3, asset: 2, invoice: 2 } } } });
    reference = await traces(id, name);
    // What is left: 7 unassigned records, 2 revoked invitation links, the job, and the audit trail (add, archive,
    // request, approve) with the tombstone; nothing in the companies or portal users containers.
    const left: Record<string, number> = {};
    for (const trace of reference) left[trace.split(' ')[0]] = (left[trace.split(' ')[0]] ?? 0) + 1;
    expect(left).toEqual({ audit: 5, jobs: 1, lookups: 2, records: 7 });
    expect(reference.filter((t) => t.includes('"action":"company.deleted"'))).toHaveLength(1);
  });

  it.each(CRASHES)('$label (commit $commit)', async ({ commit, when, step }) => {
    expect(reference.length).toBeGreaterThan(0);
    const { id, name, job, requestId } = await approvedJob(`${when}-${commit}`);
    const stopped = await runAndCrash(job, commit, when);
    expect(stopped).toMatchObject({ state: 'running', cursor: { step } });
    const finished = await resume(id, requestId);
    expect(finished).toMatchObject({ state: 'done', attempts: 2 });
    // Every document, the job's counts and the tombstone's included, as after an uninterrupted run.
    expect(await traces(id, name)).toEqual(reference);
  });
});
