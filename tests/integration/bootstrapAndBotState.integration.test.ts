import { AuditRecorder } from '../../src/audit/recorder';
import { bootstrapMsp } from '../../src/services/bootstrap';
import { ActorService } from '../../src/services/actors';
import { ConflictError } from '../../src/store/errors';
import { createRepositories } from '../../src/store/repositories';
import { mspCompanyIdOf } from '../../src/store/repositories/companies';
import { startTestStore, type TestStore } from '../helpers/cosmos';

const MSP_TENANT = '0d7c1b7e-1f0a-4c9b-9f57-2a4b8e3c6d11';
const SUPER_ADMIN = '6a1f0c2e-7b1d-4f7e-a3c5-9e8d7c6b5a41';

let testStore: TestStore;
beforeAll(async () => {
  testStore = await startTestStore();
});
afterAll(() => testStore.close());

describe('production bootstrap', () => {
  it('makes the configured Super Admin exist from the first start, once, even when several instances start together', async () => {
    const repos = createRepositories(testStore.store, MSP_TENANT);
    const audit = new AuditRecorder(repos.audit, mspCompanyIdOf(MSP_TENANT));
    const input = { mspTenantId: MSP_TENANT, mspName: 'Contoso IT', superAdmin: { objectId: SUPER_ADMIN, displayName: 'Dana Admin' } };

    await Promise.all([bootstrapMsp(repos, audit, input), bootstrapMsp(repos, audit, input), bootstrapMsp(repos, audit, input)]);
    await bootstrapMsp(repos, audit, input);

    const staff = await repos.staff.list();
    expect(staff.map((s) => [s.displayName, s.role, s.source])).toEqual([['Dana Admin', 'superAdmin', 'configuration']]);
    const mspCompany = await repos.companies.get(mspCompanyIdOf(MSP_TENANT));
    expect(mspCompany).toMatchObject({ name: 'Contoso IT', isMspCompany: true, state: 'active', tenantId: MSP_TENANT });

    const actor = await new ActorService(repos, MSP_TENANT).staffActor({ tenantId: MSP_TENANT.toUpperCase(), objectId: SUPER_ADMIN });
    expect(actor).toMatchObject({ kind: 'staff', role: 'superAdmin', staffId: staff[0].id });

    const trail = await repos.audit.list(mspCompanyIdOf(MSP_TENANT), { pageSize: 10 });
    expect(trail.items.map((r) => r.action).sort()).toEqual(['company.bootstrap', 'staff.bootstrap']);
    expect(trail.items.every((r) => r.actor.kind === 'system' && r.result === 'done')).toBe(true);
  });
});

describe('bot turn state in Cosmos DB', () => {
  const storage = () => createRepositories(testStore.store, MSP_TENANT).botState;

  it('reads back what was written under keys with characters Cosmos ids forbid, from any instance', async () => {
    const key = 'msteams/28:bot/conversations/19:abc@thread.tacv2;messageid=1?x#y\\z';
    await storage().write({ [key]: { count: 1, nested: { a: [1, 2] } } });
    const read = await storage().read([key, 'missing']);
    expect(read[key]).toMatchObject({ count: 1, nested: { a: [1, 2] } });
    expect(typeof read[key].eTag).toBe('string');
    expect(read.missing).toBeUndefined();
  });

  it('writes an item that carries an eTag only if it is still current', async () => {
    const key = 'msteams/bot/conversations/etag-test';
    await storage().write({ [key]: { turn: 1 } });
    const first = (await storage().read([key]))[key];
    const second = (await storage().read([key]))[key];
    await storage().write({ [key]: { ...first, turn: 2 } });
    await expect(storage().write({ [key]: { ...second, turn: 3 } })).rejects.toBeInstanceOf(ConflictError);
    expect((await storage().read([key]))[key].turn).toBe(2);
    await storage().write({ [key]: { turn: 4, eTag: '*' } });
    expect((await storage().read([key]))[key].turn).toBe(4);
  });

  it('deletes, and keeps one MSP from reading another MSP\u2019s turn state', async () => {
    const key = 'msteams/bot/users/u1';
    await storage().write({ [key]: { name: 'x' } });
    const other = createRepositories(testStore.store, '22222222-2222-4222-8222-222222222222').botState;
    expect(await other.read([key])).toEqual({});
    await storage().delete([key, 'never-written']);
    expect(await storage().read([key])).toEqual({});
  });
});
