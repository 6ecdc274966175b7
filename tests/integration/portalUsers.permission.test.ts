import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor, PortalUserActor, StaffActor } from '../../src/domain/actor';
import type { CompanyState } from '../../src/domain/companyLifecycle';
import type { PortalAccess } from '../../src/domain/portalAccess';
import { COMPANY_ROLE_LABELS, MSP_ROLE_LABELS, type CompanyRole, type MspRole } from '../../src/domain/roles';
import type { UserOperation } from '../../src/domain/userOperations';
import { AuditRecorder } from '../../src/audit/recorder';
import { PortalUserService } from '../../src/services/portalUsers';
import type { PortalUserDeps } from '../../src/services/portalUsers/deps';
import { usersListQuery, type UsersPageRequest } from '../../src/services/portalUsers/listUsers';
import { runQuery } from '../../src/services/queries/query';
import type { ServiceResult } from '../../src/services/result';
import type { Stored } from '../../src/store/documents';
import type { AuditDoc, CompanyDoc, PortalUserDoc } from '../../src/store/model';
import { createRepositories, type Repositories } from '../../src/store/repositories';
import { mspCompanyIdOf } from '../../src/store/repositories/companies';
import { companyDoc, portalUserDoc } from '../helpers/builders';
import { startTestStore, type TestStore } from '../helpers/cosmos';
import { testLogger } from '../helpers/logger';

/*
 * The permission matrix of DESIGN.md ("Roles and permissions") for every portal-user action, proven
 * at the service layer that the bot and the tab share, against the real store.
 *
 * Invariants pinned here:
 * - a refusal changes nothing (the user's document keeps its _etag) and leaves exactly one
 *   'refused' audit record;
 * - a portal user acts only inside their own company; staff act only inside their own MSP;
 * - an archived company refuses every change to its users, naming the company;
 * - the last enabled Admin of a company cannot be disabled, deleted or demoted.
 *
 * Every case runs on a company of its own, created through the repositories, so cases cannot interfere.
 */

const MSP_TENANT = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const MSP_ID = MSP_TENANT;
const OTHER_MSP_ID = 'f9e8d7c6-b5a4-4392-8817-161514131211';
const CLIENT_TENANT = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';

let testStore: TestStore;
let services: { repos: Repositories; portalUsers: PortalUserService };
let portalUserDeps: PortalUserDeps;
/** The query users.list with the portal-user service's dependencies, as the query table runs it. */
const listUsers = (actor: Actor, input: UsersPageRequest) => runQuery(usersListQuery(portalUserDeps), actor, input);
const mails: { to: string; subject: string }[] = [];

beforeAll(async () => {
  testStore = await startTestStore();
  const repos = createRepositories(testStore.store, MSP_ID);
  // The portal-user service exactly as createServices wires it, without the settings of other services.
  portalUserDeps = {
    repos,
    audit: new AuditRecorder(repos.audit, mspCompanyIdOf(MSP_ID)),
    mail: {
      send: async (message) => {
        mails.push({ to: message.to, subject: message.subject });
      }
    },
    settings: {
      invitations: { validDays: 7, perPersonPerDay: 5, perCompanyPerHour: 1000 },
      publicUrl: () => 'https://portal.example.test',
      mspName: 'Contoso IT Services',
      showInvitationLinks: false
    },
    clock: () => new Date(),
    logger: testLogger
  };
  services = { repos, portalUsers: new PortalUserService(portalUserDeps) };
});
afterAll(() => testStore.close());

// ---------------------------------------------------------------------------------------------
// A company of its own for every case
// ---------------------------------------------------------------------------------------------

type CastMember = 'admin' | 'admin2' | 'manager' | 'user' | 'training';

interface TargetSpec {
  role: CompanyRole;
  access: PortalAccess;
}

interface World {
  company: Stored<CompanyDoc>;
  cast: Record<CastMember, Stored<PortalUserDoc>>;
  target: Stored<PortalUserDoc>;
}

function pendingInvitation(): PortalUserDoc['invitation'] {
  const now = Date.now();
  return {
    hash: randomBytes(32).toString('hex'),
    sentAt: new Date(now - 60_000).toISOString(),
    expiresAt: new Date(now + 7 * 24 * 3600_000).toISOString(),
    sentBy: 'Someone Earlier'
  };
}

async function addUser(company: CompanyDoc, name: string, role: CompanyRole, access: PortalAccess): Promise<Stored<PortalUserDoc>> {
  const tag = randomUUID().slice(0, 8);
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${tag}@client.example`;
  return services.repos.portalUsers.create(
    portalUserDoc(MSP_ID, company.companyId, name, {
      email,
      emailKey: email,
      role,
      access,
      disabledReason: access === 'disabled' ? 'manual' : undefined,
      invitation: access === 'invited' ? pendingInvitation() : undefined
    })
  );
}

/**
 * A company with a Client Admin, a second enabled Admin (so the last-Admin rule never decides a
 * permission case), a Manager, a User, a Training Only user, and the target of the case.
 */
async function world(target: TargetSpec, state: CompanyState = 'active'): Promise<World> {
  const company = await services.repos.companies.create(
    companyDoc(MSP_ID, `Client ${randomUUID()}`, { state, tenantId: randomUUID() })
  );
  const cast: Record<CastMember, Stored<PortalUserDoc>> = {
    admin: await addUser(company, 'Ada Admin', 'admin', 'active'),
    admin2: await addUser(company, 'Abe Admin', 'admin', 'active'),
    manager: await addUser(company, 'Max Manager', 'manager', 'active'),
    user: await addUser(company, 'Uma User', 'user', 'active'),
    training: await addUser(company, 'Tia Training', 'trainingOnly', 'active')
  };
  return { company, cast, target: await addUser(company, 'Tom Target', target.role, target.access) };
}

// ---------------------------------------------------------------------------------------------
// Actors, built directly: the service layer trusts only the actor it is given
// ---------------------------------------------------------------------------------------------

const COLUMNS = ['Super Admin', 'MSP Admin', 'Technician', 'Client Admin', 'Client Manager', 'User', 'Training Only'] as const;
type Column = (typeof COLUMNS)[number];

function staffActor(role: MspRole, mspId = MSP_ID): StaffActor {
  return {
    kind: 'staff',
    mspId,
    staffId: `staff-${role}-${mspId.slice(0, 4)}`,
    role,
    displayName: `${MSP_ROLE_LABELS[role]} Sam`,
    tenantId: mspId === MSP_ID ? MSP_TENANT : OTHER_MSP_ID,
    objectId: randomUUID()
  };
}

function portalActor(user: Stored<PortalUserDoc>, company: CompanyDoc): PortalUserActor {
  return {
    kind: 'portalUser',
    mspId: user.mspId,
    companyId: user.companyId,
    userId: user.id,
    role: user.role,
    displayName: user.displayName,
    tenantId: company.tenantId ?? CLIENT_TENANT,
    objectId: randomUUID()
  };
}

function actorOf(column: Column, w: World): Actor {
  switch (column) {
    case 'Super Admin':
      return staffActor('superAdmin');
    case 'MSP Admin':
      return staffActor('mspAdmin');
    case 'Technician':
      return staffActor('technician');
    case 'Client Admin':
      return portalActor(w.cast.admin, w.company);
    case 'Client Manager':
      return portalActor(w.cast.manager, w.company);
    case 'User':
      return portalActor(w.cast.user, w.company);
    case 'Training Only':
      return portalActor(w.cast.training, w.company);
  }
}

function roleLabelOf(actor: Actor): string {
  if (actor.kind === 'staff') return MSP_ROLE_LABELS[actor.role];
  if (actor.kind === 'portalUser') return COMPANY_ROLE_LABELS[actor.role];
  throw new Error('only people act in these tests');
}

// ---------------------------------------------------------------------------------------------
// The actions, as every surface calls them
// ---------------------------------------------------------------------------------------------

type Kind = UserOperation | 'addWithInvite' | 'addWithoutInvite' | 'list';

const AUDIT_ACTION: Record<Exclude<Kind, 'list'>, string> = {
  invite: 'user.invite',
  reinvite: 'user.reinvite',
  revokeInvitation: 'user.revokeInvitation',
  enable: 'user.enable',
  disable: 'user.disable',
  changeRole: 'user.changeRole',
  delete: 'user.delete',
  addWithInvite: 'user.add',
  addWithoutInvite: 'user.add'
};

interface Attempt {
  result: ServiceResult<unknown>;
  /** The email of the person an add tried to create. */
  newEmail?: string;
}

/** `role` is the new role for changeRole and the role given for an add. */
async function attempt(kind: Kind, actor: Actor, w: World, role?: CompanyRole, options: { expectedEtag?: string; companyId?: string } = {}): Promise<Attempt> {
  const companyId = options.companyId ?? w.company.companyId;
  const surface = actor.kind === 'staff' ? 'bot' : 'tab';
  const idempotencyKey = randomUUID();
  switch (kind) {
    case 'list':
      return { result: await listUsers(actor, { companyId, category: 'enabled', pageSize: 50 }) };
    case 'addWithInvite':
    case 'addWithoutInvite': {
      const newEmail = `nia.newcomer.${randomUUID().slice(0, 8)}@client.example`;
      const payload = { name: 'Nia Newcomer', email: newEmail, role: role ?? 'user', invite: kind === 'addWithInvite' };
      const result = await services.portalUsers.add({ actor, surface, companyId, idempotencyKey, payload, ...payload });
      return { result, newEmail };
    }
    default: {
      const payload = { companyId, userId: w.target.id, operation: kind, role };
      const result = await services.portalUsers.perform({
        actor,
        surface,
        companyId,
        userId: w.target.id,
        expectedEtag: options.expectedEtag ?? w.target._etag,
        idempotencyKey,
        payload,
        operation: kind,
        role
      });
      return { result };
    }
  }
}

async function auditOf(companyId: string): Promise<Stored<AuditDoc>[]> {
  return (await services.repos.audit.list(companyId, { pageSize: 200 })).items;
}

async function userCount(companyId: string): Promise<number> {
  const { resources } = await testStore.store
    .container('portalUsers')
    .items.query<number>({
      query: "SELECT VALUE COUNT(1) FROM c WHERE c.companyId = @companyId AND c.type = 'portalUser'",
      parameters: [{ name: '@companyId', value: companyId }]
    })
    .fetchAll();
  return resources[0];
}

function newRecords(before: Stored<AuditDoc>[], after: Stored<AuditDoc>[]): Stored<AuditDoc>[] {
  const seen = new Set(before.map((r) => r.id));
  return after.filter((r) => !seen.has(r.id));
}

/** What a case looked like before the attempt, to prove what changed and what did not. */
interface Before {
  target: Stored<PortalUserDoc> | undefined;
  audit: Stored<AuditDoc>[];
  users: number;
  mails: number;
}

async function snapshot(w: World): Promise<Before> {
  return {
    target: await services.repos.portalUsers.get(w.company.companyId, w.target.id),
    audit: await auditOf(w.company.companyId),
    users: await userCount(w.company.companyId),
    mails: mails.length
  };
}

/** A refusal: the code, nothing changed, exactly one 'refused' audit record that says the same. */
async function expectRefusedAndNothingChanged(kind: Kind, w: World, before: Before, outcome: Attempt, code: string): Promise<string> {
  const { result } = outcome;
  if (result.status !== 'refused') throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  expect(result.code).toBe(code);
  expect(result.message.length).toBeGreaterThan(10);

  const target = await services.repos.portalUsers.get(w.company.companyId, w.target.id);
  expect(target?._etag).toBe(before.target?._etag);
  expect(target).toEqual(before.target);
  expect(await userCount(w.company.companyId)).toBe(before.users);
  expect(mails.length).toBe(before.mails);
  if (outcome.newEmail) expect(await services.repos.portalUsers.findByEmail(w.company.companyId, outcome.newEmail)).toBeUndefined();

  if (kind !== 'list') {
    const added = newRecords(before.audit, await auditOf(w.company.companyId));
    expect(added.map((r) => [r.action, r.result])).toEqual([[AUDIT_ACTION[kind], 'refused']]);
    expect(added[0].message).toBe(result.message);
  }
  return result.message;
}

/** An allowed case: done, and the store shows exactly the change the action promises. */
async function expectDone(kind: Kind, w: World, before: Before, outcome: Attempt, role?: CompanyRole): Promise<void> {
  const { result } = outcome;
  if (result.status !== 'done') throw new Error(`expected done, got ${JSON.stringify(result)}`);
  const { companyId } = w.company;
  const target = await services.repos.portalUsers.get(companyId, w.target.id);
  const added = newRecords(before.audit, await auditOf(companyId));
  const doneActions = added.filter((r) => r.result === 'done').map((r) => r.action).sort();
  expect(added.filter((r) => r.result !== 'done')).toEqual([]);

  switch (kind) {
    case 'list': {
      const page = result.value as { users: { id: string }[] };
      expect(page.users.map((u) => u.id)).toEqual(expect.arrayContaining([w.cast.admin.id, w.cast.user.id]));
      expect(added).toEqual([]);
      return;
    }
    case 'addWithInvite':
    case 'addWithoutInvite': {
      const created = await services.repos.portalUsers.findByEmail(companyId, outcome.newEmail as string);
      expect(created).toMatchObject({ displayName: 'Nia Newcomer', role: role ?? 'user', access: kind === 'addWithInvite' ? 'invited' : 'none' });
      expect(await userCount(companyId)).toBe(before.users + 1);
      expect(doneActions).toEqual(kind === 'addWithInvite' ? ['user.add', 'user.invite'] : ['user.add']);
      expect(mails.slice(before.mails).map((m) => m.to)).toEqual(kind === 'addWithInvite' ? [outcome.newEmail] : []);
      expect(target).toEqual(before.target);
      return;
    }
    default:
      expect(doneActions).toEqual([AUDIT_ACTION[kind]]);
  }

  const previous = before.target as Stored<PortalUserDoc>;
  switch (kind) {
    case 'invite':
      expect(target).toMatchObject({ access: 'invited', role: previous.role });
      expect(target?.invitation?.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(mails.slice(before.mails).map((m) => m.to)).toEqual([previous.email]);
      break;
    case 'reinvite':
      expect(target?.access).toBe('invited');
      expect(target?.invitation?.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(target?.invitation?.hash).not.toBe(previous.invitation?.hash);
      expect(mails.slice(before.mails).map((m) => m.to)).toEqual([previous.email]);
      break;
    case 'revokeInvitation':
      expect(target?.access).toBe('none');
      expect(target?.invitation).toBeUndefined();
      break;
    case 'enable':
      expect(target?.access).toBe('active');
      expect(target?.disabledReason).toBeUndefined();
      break;
    case 'disable':
      expect(target).toMatchObject({ access: 'disabled', disabledReason: 'manual' });
      break;
    case 'changeRole':
      expect(target).toMatchObject({ role, access: previous.access });
      break;
    case 'delete':
      expect(target).toBeUndefined();
      expect(await userCount(companyId)).toBe(before.users - 1);
      return;
  }
  expect(target?._etag).not.toBe(previous._etag);
  expect(await userCount(companyId)).toBe(before.users);
}

// ---------------------------------------------------------------------------------------------
// The matrix
// ---------------------------------------------------------------------------------------------

const Y = 'allowed';
const N = 'refused';
type Cell = typeof Y | typeof N;

interface Row {
  kind: Kind;
  /** What the target looks like; for an add, only the company's cast is there. */
  target: TargetSpec;
  /** New role for changeRole; role given for an add. */
  role?: CompanyRole;
  why: string;
  //        Super Admin, MSP Admin, Technician, Client Admin, Client Manager, User, Training Only
  cells: [Cell, Cell, Cell, Cell, Cell, Cell, Cell];
}

const NONE_USER: TargetSpec = { role: 'user', access: 'none' };

/**
 * DESIGN.md, "Roles and permissions", one row per action and target:
 * invite / re-invite / revoke: staff yes, Client Admin yes, Client Manager only for roles User and
 * Training Only; enable / disable: staff and Client Admin; change role: Super Admin, MSP Admin,
 * Client Admin (not their own); delete: Super Admin, MSP Admin, Client Admin; list: all but User /
 * Training Only. Adding a person follows the invite row (see the note at the add rows).
 */
const MATRIX: Row[] = [
  { kind: 'invite', target: { role: 'user', access: 'none' }, why: 'a User without access', cells: [Y, Y, Y, Y, Y, N, N] },
  { kind: 'invite', target: { role: 'trainingOnly', access: 'none' }, why: 'a Training Only user without access', cells: [Y, Y, Y, Y, Y, N, N] },
  { kind: 'invite', target: { role: 'manager', access: 'none' }, why: 'a Manager without access', cells: [Y, Y, Y, Y, N, N, N] },
  { kind: 'invite', target: { role: 'admin', access: 'none' }, why: 'an Admin without access', cells: [Y, Y, Y, Y, N, N, N] },
  { kind: 'reinvite', target: { role: 'user', access: 'invited' }, why: 'an invited User', cells: [Y, Y, Y, Y, Y, N, N] },
  { kind: 'reinvite', target: { role: 'admin', access: 'invited' }, why: 'an invited Admin', cells: [Y, Y, Y, Y, N, N, N] },
  { kind: 'revokeInvitation', target: { role: 'trainingOnly', access: 'invited' }, why: 'an invited Training Only user', cells: [Y, Y, Y, Y, Y, N, N] },
  { kind: 'revokeInvitation', target: { role: 'manager', access: 'invited' }, why: 'an invited Manager', cells: [Y, Y, Y, Y, N, N, N] },
  { kind: 'enable', target: { role: 'user', access: 'disabled' }, why: 'a disabled User', cells: [Y, Y, Y, Y, N, N, N] },
  { kind: 'disable', target: { role: 'user', access: 'active' }, why: 'an enabled User', cells: [Y, Y, Y, Y, N, N, N] },
  { kind: 'disable', target: { role: 'trainingOnly', access: 'invited' }, why: 'an invited Training Only user', cells: [Y, Y, Y, Y, N, N, N] },
  { kind: 'changeRole', target: { role: 'user', access: 'active' }, role: 'manager', why: 'User to Manager', cells: [Y, Y, N, Y, N, N, N] },
  { kind: 'changeRole', target: { role: 'trainingOnly', access: 'none' }, role: 'admin', why: 'Training Only to Admin', cells: [Y, Y, N, Y, N, N, N] },
  { kind: 'changeRole', target: { role: 'admin', access: 'active' }, role: 'user', why: 'an enabled Admin (one of three) to User', cells: [Y, Y, N, Y, N, N, N] },
  { kind: 'delete', target: { role: 'user', access: 'active' }, why: 'an enabled User', cells: [Y, Y, N, Y, N, N, N] },
  { kind: 'delete', target: { role: 'manager', access: 'invited' }, why: 'an invited Manager', cells: [Y, Y, N, Y, N, N, N] },
  // Adding a person: with an invitation it is "invite" for the role given. Without one it grants even
  // less (a record that cannot sign in), so it follows the same row: whoever may add-and-invite may
  // add, and the add form offers the choice to exactly those people.
  { kind: 'addWithInvite', target: NONE_USER, role: 'user', why: 'as User', cells: [Y, Y, Y, Y, Y, N, N] },
  { kind: 'addWithInvite', target: NONE_USER, role: 'trainingOnly', why: 'as Training Only', cells: [Y, Y, Y, Y, Y, N, N] },
  { kind: 'addWithInvite', target: NONE_USER, role: 'manager', why: 'as Manager', cells: [Y, Y, Y, Y, N, N, N] },
  { kind: 'addWithoutInvite', target: NONE_USER, role: 'user', why: 'as User', cells: [Y, Y, Y, Y, Y, N, N] },
  { kind: 'addWithoutInvite', target: NONE_USER, role: 'admin', why: 'as Admin', cells: [Y, Y, Y, Y, N, N, N] },
  { kind: 'list', target: NONE_USER, why: "the company's users", cells: [Y, Y, Y, Y, Y, N, N] }
];

const CASES = MATRIX.flatMap((row) =>
  COLUMNS.map((column, i) => ({ ...row, column, expected: row.cells[i], label: `${row.kind} ${row.why}` }))
);

describe('the permission matrix, cell by cell, against the real store', () => {
  it('covers every action and every role column', () => {
    const kinds = new Set(MATRIX.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(
      ['addWithInvite', 'addWithoutInvite', 'changeRole', 'delete', 'disable', 'enable', 'invite', 'list', 'reinvite', 'revokeInvitation'].sort()
    );
    expect(CASES).toHaveLength(MATRIX.length * 7);
  });

  it.each(CASES)('$label: $column is $expected', async ({ kind, target, role, column, expected }) => {
    const w = await world(target);
    const actor = actorOf(column, w);
    const before = await snapshot(w);
    const outcome = await attempt(kind, actor, w, role);
    if (expected === Y) {
      await expectDone(kind, w, before, outcome, role);
    } else {
      const message = await expectRefusedAndNothingChanged(kind, w, before, outcome, 'forbidden');
      expect(message).toContain(`Your role (${roleLabelOf(actor)}) can`);
    }
  });
});

describe('rules inside a cell', () => {
  it('a Client Manager is told that invitations are only for the roles User and Training Only', async () => {
    const w = await world({ role: 'manager', access: 'none' });
    const before = await snapshot(w);
    const message = await expectRefusedAndNothingChanged('invite', w, before, await attempt('invite', actorOf('Client Manager', w), w), 'forbidden');
    expect(message).toBe('Your role (Manager) can invite portal users only for the roles User and Training Only.');
  });

  it('a Client Admin cannot change their own company role, even with other Admins enabled', async () => {
    const w = await world({ role: 'user', access: 'none' });
    const self = portalActor(w.cast.admin, w.company);
    const own: World = { ...w, target: w.cast.admin };
    const before = await snapshot(own);
    const message = await expectRefusedAndNothingChanged('changeRole', own, before, await attempt('changeRole', self, own, 'manager'), 'forbidden');
    expect(message).toBe('You cannot change your own company role.');
  });

  it("a Client Admin can change another Admin's role", async () => {
    const w = await world({ role: 'user', access: 'none' });
    const other: World = { ...w, target: w.cast.admin2 };
    const before = await snapshot(other);
    await expectDone('changeRole', other, before, await attempt('changeRole', portalActor(w.cast.admin, w.company), other, 'manager'), 'manager');
  });
});

// ---------------------------------------------------------------------------------------------
// Scope: own company, own MSP
// ---------------------------------------------------------------------------------------------

/** A target per action for which the actor's role alone would allow it. */
const SCOPE_CASES: { kind: Kind; target: TargetSpec; role?: CompanyRole }[] = [
  { kind: 'invite', target: { role: 'user', access: 'none' } },
  { kind: 'reinvite', target: { role: 'user', access: 'invited' } },
  { kind: 'revokeInvitation', target: { role: 'trainingOnly', access: 'invited' } },
  { kind: 'enable', target: { role: 'user', access: 'disabled' } },
  { kind: 'disable', target: { role: 'user', access: 'active' } },
  { kind: 'changeRole', target: { role: 'user', access: 'active' }, role: 'manager' },
  { kind: 'delete', target: { role: 'user', access: 'active' } },
  { kind: 'addWithInvite', target: NONE_USER, role: 'user' },
  { kind: 'addWithoutInvite', target: NONE_USER, role: 'user' },
  { kind: 'list', target: NONE_USER }
];

describe('a portal user acts only inside their own company', () => {
  it.each(SCOPE_CASES)("a Client Admin of company A doing $kind on company B is refused 'otherCompany'", async ({ kind, target, role }) => {
    const home = await world({ role: 'user', access: 'active' });
    const w = await world(target);
    const before = await snapshot(w);
    const message = await expectRefusedAndNothingChanged(kind, w, before, await attempt(kind, portalActor(home.cast.admin, home.company), w, role), 'otherCompany');
    expect(message).toBe('You can only act on your own company.');
  });

  it.each(SCOPE_CASES.filter((c) => ['invite', 'reinvite', 'revokeInvitation', 'addWithInvite', 'list'].includes(c.kind)))(
    "a Client Manager of company A doing $kind on company B's User is refused 'otherCompany'",
    async ({ kind, target, role }) => {
      const home = await world({ role: 'user', access: 'active' });
      const w = await world(target);
      const before = await snapshot(w);
      await expectRefusedAndNothingChanged(kind, w, before, await attempt(kind, portalActor(home.cast.manager, home.company), w, role), 'otherCompany');
    }
  );
});

describe('staff act only inside their own MSP', () => {
  it.each(SCOPE_CASES)('a Super Admin of another MSP doing $kind is refused', async ({ kind, target, role }) => {
    const w = await world(target);
    const before = await snapshot(w);
    const message = await expectRefusedAndNothingChanged(kind, w, before, await attempt(kind, staffActor('superAdmin', OTHER_MSP_ID), w, role), 'otherMsp');
    expect(message).toBe('That belongs to another service provider.');
  });
});

describe('a guessed ETag or a replayed idempotency key does not get past the permission check', () => {
  // The tab and the cards send the ETag the person saw. Someone who may not act on the user at all
  // must be refused for who they are, not answered "someone else changed <name>, here it is now".
  const strangers: { who: string; code: string; actor: (home: World, w: World) => Actor; sameCompany: boolean }[] = [
    { who: 'a Client Admin of another company', code: 'otherCompany', actor: (home) => portalActor(home.cast.admin, home.company), sameCompany: false },
    { who: 'a Super Admin of another MSP', code: 'otherMsp', actor: () => staffActor('superAdmin', OTHER_MSP_ID), sameCompany: false },
    { who: 'a User of the same company', code: 'forbidden', actor: (_home, w) => portalActor(w.cast.user, w.company), sameCompany: true }
  ];

  it.each(strangers)('$who disabling a user with a guessed ETag is refused $code and shown nothing of the user', async ({ code, actor }) => {
    const home = await world({ role: 'user', access: 'active' });
    const w = await world({ role: 'user', access: 'active' });
    const before = await snapshot(w);
    const outcome = await attempt('disable', actor(home, w), w, undefined, { expectedEtag: `"${randomUUID()}"` });
    expect(JSON.stringify(outcome.result)).not.toContain(w.target.email);
    expect(JSON.stringify(outcome.result)).not.toContain(w.target.displayName);
    await expectRefusedAndNothingChanged('disable', w, before, outcome, code);
  });

  it("a Client Admin of another company replaying the idempotency key of someone else's change is refused, not told it is done", async () => {
    const home = await world({ role: 'user', access: 'active' });
    const w = await world({ role: 'user', access: 'active' });
    const key = randomUUID();
    const done = await services.portalUsers.perform({
      actor: staffActor('superAdmin'),
      surface: 'bot',
      companyId: w.company.companyId,
      userId: w.target.id,
      expectedEtag: w.target._etag,
      idempotencyKey: key,
      payload: {},
      operation: 'disable'
    });
    expect(done.status).toBe('done');
    const disabled: World = { ...w, target: (await services.repos.portalUsers.get(w.company.companyId, w.target.id)) as Stored<PortalUserDoc> };
    const before = await snapshot(disabled);
    const result = await services.portalUsers.perform({
      actor: portalActor(home.cast.admin, home.company),
      surface: 'tab',
      companyId: w.company.companyId,
      userId: w.target.id,
      idempotencyKey: key,
      payload: {},
      operation: 'disable'
    });
    expect(JSON.stringify(result)).not.toContain(w.target.email);
    await expectRefusedAndNothingChanged('disable', disabled, before, { result }, 'otherCompany');
  });
});

// ---------------------------------------------------------------------------------------------
// Archived company
// ---------------------------------------------------------------------------------------------

const ARCHIVED_CASES = SCOPE_CASES.filter((c) => c.kind !== 'list').flatMap((c) =>
  (['Super Admin', 'Client Admin'] as const).map((column) => ({ ...c, column }))
);

describe('an archived company refuses every change to its users', () => {
  it.each(ARCHIVED_CASES)('$kind by a $column is refused, naming the company, and audited', async ({ kind, target, role, column }) => {
    const w = await world(target, 'archived');
    const before = await snapshot(w);
    const message = await expectRefusedAndNothingChanged(kind, w, before, await attempt(kind, actorOf(column, w), w, role), 'companyArchived');
    expect(message).toBe(`${w.company.name} is archived; restore it before changing its users.`);
  });

  it('still lets staff read its users', async () => {
    const w = await world({ role: 'user', access: 'active' }, 'archived');
    const result = await listUsers(staffActor('technician'), { companyId: w.company.companyId, category: 'enabled', pageSize: 50 });
    expect(result.status).toBe('done');
    if (result.status === 'done') {
      expect(result.value.users.map((u) => u.id)).toContain(w.target.id);
      expect(result.value.users.every((u) => u.operations.length === 0)).toBe(true);
      expect(result.value.addRoles).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The last enabled Admin
// ---------------------------------------------------------------------------------------------

/** A company whose only enabled Admin is the target; other Admins are disabled, invited or without access. */
async function oneAdminWorld(): Promise<World & { spareAdmin: Stored<PortalUserDoc> }> {
  const company = await services.repos.companies.create(companyDoc(MSP_ID, `Client ${randomUUID()}`));
  const target = await addUser(company, 'Olga Only-Admin', 'admin', 'active');
  const spareAdmin = await addUser(company, 'Sven Spare', 'admin', 'disabled');
  await addUser(company, 'Ida Invited-Admin', 'admin', 'invited');
  await addUser(company, 'Nils No-Access-Admin', 'admin', 'none');
  const manager = await addUser(company, 'Max Manager', 'manager', 'active');
  const user = await addUser(company, 'Uma User', 'user', 'active');
  const training = await addUser(company, 'Tia Training', 'trainingOnly', 'active');
  return { company, target, spareAdmin, cast: { admin: target, admin2: spareAdmin, manager, user, training } };
}

const LAST_ADMIN_CASES: { change: string; kind: 'disable' | 'delete' | 'changeRole'; role?: CompanyRole; verb: string }[] = [
  { change: 'disable', kind: 'disable', verb: 'disabled' },
  { change: 'delete', kind: 'delete', verb: 'deleted' },
  { change: 'make Manager', kind: 'changeRole', role: 'manager', verb: 'demoted' },
  { change: 'make Training Only', kind: 'changeRole', role: 'trainingOnly', verb: 'demoted' }
];

describe('the last enabled Admin', () => {
  it.each(LAST_ADMIN_CASES)(
    'cannot be $verb ($change), with a clear reason, until a second Admin is enabled',
    async ({ kind, role, verb }) => {
      const w = await oneAdminWorld();
      const superAdmin = staffActor('superAdmin');
      const before = await snapshot(w);
      const message = await expectRefusedAndNothingChanged(kind, w, before, await attempt(kind, superAdmin, w, role), 'lastAdmin');
      expect(message).toBe(`This is the company's last enabled Admin and cannot be ${verb}. Make another user an Admin first.`);

      const spare: World = { ...w, target: w.spareAdmin };
      await expectDone('enable', spare, await snapshot(spare), await attempt('enable', superAdmin, spare));

      const fresh = { ...w, target: (await services.repos.portalUsers.get(w.company.companyId, w.target.id)) as Stored<PortalUserDoc> };
      await expectDone(kind, fresh, await snapshot(fresh), await attempt(kind, superAdmin, fresh, role), role);
      expect(await services.repos.portalUsers.countEnabledAdmins(w.company.companyId)).toBe(1);
    }
  );

  it('cannot disable or delete themselves as a Client Admin either', async () => {
    const w = await oneAdminWorld();
    const self = portalActor(w.target, w.company);
    for (const kind of ['disable', 'delete'] as const) {
      const before = await snapshot(w);
      await expectRefusedAndNothingChanged(kind, w, before, await attempt(kind, self, w), 'lastAdmin');
    }
  });

  it('is told there is nothing to change when made Admin again', async () => {
    const w = await oneAdminWorld();
    const before = await snapshot(w);
    const message = await expectRefusedAndNothingChanged('changeRole', w, before, await attempt('changeRole', staffActor('superAdmin'), w, 'admin'), 'noop');
    expect(message).toBe('This user is already Admin.');
  });
});
