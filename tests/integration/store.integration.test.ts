import { createRepositories, type Repositories } from '../../src/store/repositories';
import { ConflictError, AlreadyExistsError, StoreSetupError } from '../../src/store/errors';
import { openStore } from '../../src/store/cosmos';
import { CONTAINER_SPEC } from '../../src/store/containerSpec';
import { startTestStore, type TestStore } from '../helpers/cosmos';
import { companyDoc, portalUserDoc } from '../helpers/builders';

const MSP_A = '11111111-1111-4111-8111-111111111111';
const MSP_B = '22222222-2222-4222-8222-222222222222';

let testStore: TestStore;
let a: Repositories;
let b: Repositories;

beforeAll(async () => {
  testStore = await startTestStore();
  a = createRepositories(testStore.store, MSP_A);
  b = createRepositories(testStore.store, MSP_B);
});
afterAll(() => testStore.close());

describe('conditional writes', () => {
  it('lets exactly one of two writers holding the same version win; the other gets a ConflictError', async () => {
    const company = await a.companies.create(companyDoc(MSP_A, 'Two Writers Ltd'));
    const user = await a.portalUsers.create(portalUserDoc(MSP_A, company.id, 'Dana Writer'));
    const first = await a.portalUsers.get(company.id, user.id);
    const second = await a.portalUsers.get(company.id, user.id);

    const results = await Promise.allSettled([
      a.portalUsers.replace({ ...first!, role: 'manager' }, first!),
      a.portalUsers.replace({ ...second!, access: 'disabled', disabledReason: 'manual' }, second!)
    ]);

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(ConflictError);
    expect(lost[0].reason.message).toMatch(/someone else changed/i);

    // The stored document is exactly the winner's version: no mix of both writes.
    const stored = await a.portalUsers.get(company.id, user.id);
    const changedRole = stored!.role === 'manager';
    const changedAccess = stored!.access === 'disabled';
    expect(changedRole !== changedAccess).toBe(true);
  });

  it('refuses a write based on a version that was deleted in between', async () => {
    const company = await a.companies.create(companyDoc(MSP_A, 'Vanishing Co'));
    const user = await a.portalUsers.create(portalUserDoc(MSP_A, company.id, 'Gone Soon'));
    await a.portalUsers.delete(user);
    await expect(a.portalUsers.replace({ ...user, role: 'admin' }, user)).rejects.toBeInstanceOf(ConflictError);
  });

  it('keeps company names unique within an MSP, case-insensitively, through the name lookup', async () => {
    await a.companies.create(companyDoc(MSP_A, 'Litware'));
    await expect(a.companies.create(companyDoc(MSP_A, 'LITWARE'))).rejects.toBeInstanceOf(AlreadyExistsError);
    // Another MSP may have its own client with the same name.
    await expect(b.companies.create(companyDoc(MSP_B, 'Litware'))).resolves.toMatchObject({ name: 'Litware' });
    expect((await a.companies.findByName('litware'))?.mspId).toBe(MSP_A);
    expect((await b.companies.findByName('LitWare'))?.mspId).toBe(MSP_B);
  });

  it('finds a company by its tenant id with one lookup read, and gives a tenant to one company only', async () => {
    const tenantId = 'aaaaaaaa-0000-4000-8000-000000000001';
    const company = await a.companies.create(companyDoc(MSP_A, 'Tenant Holder', { tenantId }));
    expect((await a.companies.findByTenant(tenantId.toUpperCase()))?.id).toBe(company.id);
    await expect(a.companies.create(companyDoc(MSP_A, 'Tenant Thief', { tenantId }))).rejects.toBeInstanceOf(AlreadyExistsError);
    // The failed create left no claim on its name behind.
    await expect(a.companies.create(companyDoc(MSP_A, 'Tenant Thief'))).resolves.toBeDefined();
  });
});

describe('paging with continuation tokens', () => {
  it('pages through 1 000 users, every one exactly once, in name order', async () => {
    const company = await a.companies.create(companyDoc(MSP_A, 'Big Company'));
    const names = Array.from({ length: 1000 }, (_, i) => `User ${String(i).padStart(4, '0')}`);
    for (let i = 0; i < names.length; i += 50) {
      await Promise.all(names.slice(i, i + 50).map((name) => a.portalUsers.create(portalUserDoc(MSP_A, company.id, name))));
    }

    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await a.portalUsers.list(company.id, { pageSize: 75, continuationToken: token });
      expect(page.items.length).toBeLessThanOrEqual(75);
      seen.push(...page.items.map((u) => u.displayName));
      token = page.continuationToken;
      pages++;
    } while (token);

    expect(pages).toBe(Math.ceil(1000 / 75));
    expect(seen).toEqual(names);
  });

  it('filters by category and search inside the company partition', async () => {
    const company = await a.companies.create(companyDoc(MSP_A, 'Filter Co'));
    await a.portalUsers.create(portalUserDoc(MSP_A, company.id, 'Ann Active'));
    await a.portalUsers.create(portalUserDoc(MSP_A, company.id, 'Dan Disabled', { access: 'disabled' }));
    await a.portalUsers.create(portalUserDoc(MSP_A, company.id, 'Ivy Invited', { access: 'invited' }));
    const disabled = await a.portalUsers.list(company.id, { pageSize: 10, category: 'disabled' });
    expect(disabled.items.map((u) => u.displayName)).toEqual(['Dan Disabled']);
    const search = await a.portalUsers.list(company.id, { pageSize: 10, search: 'IVY' });
    expect(search.items.map((u) => u.displayName)).toEqual(['Ivy Invited']);
    expect(await a.portalUsers.countByCategory(company.id)).toEqual({ enabled: 1, disabled: 1, unconfirmed: 1, noAccess: 0 });
  });

  it('keeps the per-company counts right through creates, changes and deletes, and a recount agrees', async () => {
    const company = await a.companies.create(companyDoc(MSP_A, 'Counted Co'));
    const admin = await a.portalUsers.create(portalUserDoc(MSP_A, company.id, 'Ada Admin', { role: 'admin' }));
    const other = await a.portalUsers.create(portalUserDoc(MSP_A, company.id, 'Otto Other', { access: 'none' }));
    await a.portalUsers.replace({ ...admin, access: 'disabled' }, admin);
    await a.portalUsers.delete(other);
    const stats = await a.userStats.get(company.id);
    expect(stats.counts).toEqual({ none: 0, invited: 0, active: 0, disabled: 1 });
    expect(stats.enabledAdmins).toBe(0);
    expect((await a.userStats.recount(company.id)).counts).toEqual(stats.counts);
  });
});

describe('possible matches', () => {
  it('finds users by folded email and by normalised name, kept on every write and given once to older documents', async () => {
    const company = await a.companies.create(companyDoc(MSP_A, 'Match Keys Ltd'));
    const weg = await a.portalUsers.create(portalUserDoc(MSP_A, company.id, 'Weg Strasse', { email: 'weg.strasse@match.example', emailKey: 'weg.strasse@match.example' }));
    const keys = { emails: ['weg.strasse@match.example'], names: [] };
    expect((await a.portalUsers.possibleMatches(company.id, keys)).map((u) => u.id)).toEqual([weg.id]);
    // A rename moves the name key with it.
    await a.portalUsers.replace({ ...weg, displayName: 'Taylor, Sam' }, weg);
    expect((await a.portalUsers.possibleMatches(company.id, { emails: [], names: ['sam taylor'] })).map((u) => u.id)).toEqual([weg.id]);
    expect(await a.portalUsers.possibleMatches(company.id, { emails: [], names: ['strasse weg'] })).toEqual([]);
    // Another MSP's repositories never see it.
    expect(await b.portalUsers.possibleMatches(company.id, keys)).toEqual([]);

    // A user stored before match keys existed (written straight to the container) is found once given its keys.
    const old = portalUserDoc(MSP_A, company.id, 'Zoë O\u2019Brien', { email: 'zoe@match.example', emailKey: 'zoe@match.example' });
    await testStore.store.container('portalUsers').items.create(old);
    const byName = { emails: [], names: ['obrien zoe'] };
    expect(await a.portalUsers.possibleMatches(company.id, byName)).toEqual([]);
    expect(await a.portalUsers.backfillMatchKeys()).toBe(1);
    expect((await a.portalUsers.possibleMatches(company.id, byName)).map((u) => u.id)).toEqual([old.id]);
    expect(await a.portalUsers.backfillMatchKeys()).toBe(0);
  });

  it('lists the users a row may be linked to: unlinked ones only, searched by name or email', async () => {
    const company = await a.companies.create(companyDoc(MSP_A, 'Unlinked Ltd'));
    const free = await a.portalUsers.create(portalUserDoc(MSP_A, company.id, 'Free Person'));
    await a.portalUsers.create(portalUserDoc(MSP_A, company.id, 'Linked Person', { entraObjectId: '0f4f9581-ceaf-4ff5-8ad9-3d08a7f0d369' }));
    expect((await a.portalUsers.unlinked(company.id, '', 10)).map((u) => u.id)).toEqual([free.id]);
    expect((await a.portalUsers.unlinked(company.id, 'FREE.PERSON@', 10)).map((u) => u.id)).toEqual([free.id]);
    expect(await a.portalUsers.unlinked(company.id, 'linked', 10)).toEqual([]);
  });
});

describe('tenant scoping', () => {
  it("never returns another MSP's data, neither from lists nor from reads by id", async () => {
    const theirs = await b.companies.create(companyDoc(MSP_B, 'Their Client'));
    const theirUser = await b.portalUsers.create(portalUserDoc(MSP_B, theirs.id, 'Their Person'));

    expect(await a.companies.get(theirs.id)).toBeUndefined();
    expect(await a.portalUsers.get(theirs.id, theirUser.id)).toBeUndefined();
    expect((await a.portalUsers.list(theirs.id, { pageSize: 100 })).items).toEqual([]);
    expect(await a.portalUsers.countByCategory(theirs.id)).toEqual({ enabled: 0, disabled: 0, unconfirmed: 0, noAccess: 0 });

    const ours = await a.companies.list({ pageSize: 500, includeArchived: true });
    expect(ours.items.length).toBeGreaterThan(0);
    expect(ours.items.every((c) => c.mspId === MSP_A)).toBe(true);
    expect(ours.items.map((c) => c.id)).not.toContain(theirs.id);
  });

  it('hides archived companies from the default list and shows them when asked', async () => {
    const archived = await a.companies.create(companyDoc(MSP_A, 'Archived Client', { state: 'archived' }));
    const byDefault = await a.companies.list({ pageSize: 500 });
    expect(byDefault.items.map((c) => c.id)).not.toContain(archived.id);
    const all = await a.companies.list({ pageSize: 500, includeArchived: true, search: 'archived cli' });
    expect(all.items.map((c) => c.id)).toEqual([archived.id]);
  });
});

describe('audit log', () => {
  it('appends records and reads a company trail newest first; a repeated id is not written twice', async () => {
    const company = await a.companies.create(companyDoc(MSP_A, 'Audited Co'));
    const base = {
      companyId: company.id,
      mspId: MSP_A,
      type: 'audit' as const,
      actor: { kind: 'system' as const, id: 'system', displayName: 'test' },
      surface: 'system' as const,
      target: { kind: 'company' as const, id: company.id },
      result: 'done' as const
    };
    expect(await a.audit.append({ ...base, id: 'audit-1', at: '2026-01-01T10:00:00.000Z', action: 'first' })).toBe(true);
    expect(await a.audit.append({ ...base, id: 'audit-2', at: '2026-01-01T11:00:00.000Z', action: 'second' })).toBe(true);
    expect(await a.audit.append({ ...base, id: 'audit-2', at: '2026-01-01T12:00:00.000Z', action: 'retry' })).toBe(false);
    const trail = await a.audit.list(company.id, { pageSize: 10 });
    expect(trail.items.map((r) => r.action)).toEqual(['second', 'first']);
    expect(await b.audit.list(company.id, { pageSize: 10 })).toEqual({ items: [] });
  });
});

describe('production start-up checks', () => {
  it('refuses to start on a database without the declared containers, naming each missing one', async () => {
    const options = { endpoint: testStore.cosmos.endpoint, key: testStore.cosmos.key, createIfMissing: false };
    await expect(openStore({ ...options, databaseId: 'never-provisioned' })).rejects.toThrow(/database "never-provisioned" does not exist/);

    const client = testStore.store.database.client;
    await client.databases.createIfNotExists({ id: 'half-provisioned' });
    await client.database('half-provisioned').containers.createIfNotExists({ id: 'companies', partitionKey: { paths: ['/mspId'] } });
    const error = await openStore({ ...options, databaseId: 'half-provisioned' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreSetupError);
    const problems = (error as StoreSetupError).problems;
    expect(problems).toContain('container "companies" has partition key /mspId, expected /companyId');
    for (const spec of CONTAINER_SPEC.containers.filter((c) => c.id !== 'companies')) {
      expect(problems.some((p) => p.startsWith(`container "${spec.id}"`) && p.includes('does not exist'))).toBe(true);
    }
  });

  it('starts on a database that has every container with the right partition key', async () => {
    await expect(
      openStore({ endpoint: testStore.cosmos.endpoint, key: testStore.cosmos.key, databaseId: testStore.databaseId, createIfMissing: false })
    ).resolves.toBeDefined();
  });
});

describe('lookup claims', () => {
  it('never takes over a young claim whose document may still be being written, but takes over an old orphaned one', async () => {
    const lookups = a.lookups;
    const id = lookups.idOf('companyName', 'orphan corp');
    const orphan = { id, mspId: MSP_A, type: 'lookup', kind: 'companyName', companyId: 'never-written' };
    const container = testStore.store.container('lookups');

    await container.items.upsert({ ...orphan, createdAt: new Date().toISOString() });
    await expect(a.companies.create(companyDoc(MSP_A, 'Orphan Corp'))).rejects.toBeInstanceOf(AlreadyExistsError);

    await container.items.upsert({ ...orphan, createdAt: new Date(Date.now() - 5 * 60_000).toISOString() });
    const created = await a.companies.create(companyDoc(MSP_A, 'Orphan Corp'));
    expect((await a.companies.findByName('ORPHAN CORP'))?.id).toBe(created.id);
  });
});
