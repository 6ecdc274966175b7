/**
 * The tab's sign-in, through /api/tab with tokens of the development issuer (the embedded set-up):
 * the identity is found and bound as DESIGN.md says, an invited person's first sign-in accepts the
 * invitation, and a disable or an archive takes effect on the very next request.
 */
import { randomUUID } from 'node:crypto';
import type { StaffActor } from '../../src/domain/actor';
import type { Stored } from '../../src/store/documents';
import type { CompanyDoc, PortalUserDoc } from '../../src/store/model';
import { startTabApp, type TabApp } from '../helpers/tabApp';

let t: TabApp;
let fabrikam: Stored<CompanyDoc>;
let adminToken: string;

beforeAll(async () => {
  t = await startTabApp();
  fabrikam = await t.company('Fabrikam, Inc.');
  adminToken = await t.tokenFor(await t.user('Fabrikam, Inc.', 'admin', 'active'));
});

afterAll(() => t?.close());

const usersPath = () => `/api/tab/companies/${fabrikam.companyId}/users`;
const get = (companyId: string, userId: string) => t.demo.app.services.repos.portalUsers.get(companyId, userId);

async function audit(companyId: string, userId: string) {
  return (await t.demo.app.services.repos.audit.list(companyId, { pageSize: 1000 })).items.filter((r) => r.target.id === userId);
}

/** Adds a person through the tab (no Entra link), invited; answers the user and the invitation link. */
async function addInvited(name: string): Promise<{ user: Stored<PortalUserDoc>; link: string }> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 6)}@fabrikam.example`;
  const answer = await t.call('POST', usersPath(), adminToken, { name, email, role: 'user', invite: 'true', key: randomUUID() });
  expect(answer.body.status).toBe('done');
  const user = (await t.demo.app.services.repos.portalUsers.findByEmail(fabrikam.companyId, email))!;
  return { user, link: answer.body.link as string };
}

function tokenAs(user: PortalUserDoc, objectId: string, email = user.email) {
  return t.issuer.issue({ tenantId: fabrikam.tenantId!, objectId, name: user.displayName, email });
}

describe('the first sign-in', () => {
  it('of an invited person accepts the invitation, binds the identity and uses up the link', async () => {
    const { user, link } = await addInvited('Ines Invited');
    const objectId = randomUUID();
    const me = await t.call('GET', '/api/tab/me', await tokenAs(user, objectId));
    expect(me.status).toBe(200);
    expect(me.body).toEqual(expect.objectContaining({ kind: 'portalUser', acceptedInvitation: true }));
    const after = await get(user.companyId, user.id);
    expect(after).toEqual(expect.objectContaining({ access: 'active', identity: { tenantId: fabrikam.tenantId, objectId } }));
    expect(after?.invitation).toBeUndefined();
    expect(after?.acceptedInvitationHash).toBe(user.invitation?.hash);
    const page = await fetch(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('already been used');
    const trail = await audit(user.companyId, user.id);
    expect(trail.filter((r) => r.action === 'user.acceptInvitation' && r.surface === 'tab')).toHaveLength(1);
    expect(trail.filter((r) => r.action === 'user.bindIdentity')).toHaveLength(1);

    // The next request finds the person by the bound identity and writes nothing.
    const again = await t.call('GET', '/api/tab/me', await tokenAs(user, objectId));
    expect(again.body.acceptedInvitation).toBe(false);
    expect((await get(user.companyId, user.id))?._etag).toBe(after?._etag);
  });

  it('matches by email only before the identity is bound; afterwards only the bound identity gets in', async () => {
    const { user } = await addInvited('Emil Email');
    const first = randomUUID();
    expect((await t.call('GET', '/api/tab/me', await tokenAs(user, first))).status).toBe(200);
    const other = await t.call('GET', '/api/tab/me', await tokenAs(user, randomUUID()));
    expect(other.status).toBe(403);
    expect(other.body.error).toEqual(expect.objectContaining({ code: 'unknownUser' }));
    // The bound identity decides, whatever email the token carries.
    expect((await t.call('GET', '/api/tab/me', await tokenAs(user, first, 'someone.else@fabrikam.example'))).status).toBe(200);
  });

  it('never matches by email a person imported from another Entra account', async () => {
    const imported = (await t.users(fabrikam.companyId)).find((u) => u.entraObjectId && u.access === 'active' && u.role === 'user' && !u.identity)!;
    expect(imported).toBeDefined();
    const answer = await t.call('GET', '/api/tab/me', await tokenAs(imported, randomUUID()));
    expect(answer.status).toBe(403);
    expect((await get(imported.companyId, imported.id))?.identity).toBeUndefined();
  });

  it('refuses a person without portal access, and binds nothing', async () => {
    const none = await t.user('Fabrikam, Inc.', 'trainingOnly', 'none');
    const answer = await t.call('GET', '/api/tab/me', await t.tokenFor(none));
    expect(answer.status).toBe(403);
    expect(answer.body.error).toEqual(expect.objectContaining({ code: 'noAccess' }));
    expect((await get(none.companyId, none.id))?.identity).toBeUndefined();
  });
});

describe('access is checked on every request', () => {
  it('refuses a user disabled since their last request at once, and lets them back when enabled', async () => {
    const noah = (await t.users(fabrikam.companyId)).find((u) => u.displayName === 'Noah Dubois')!;
    const token = await t.tokenFor(noah);
    expect((await t.call('GET', '/api/tab/me', token)).status).toBe(200);

    const disable = await t.call('POST', `${usersPath()}/${noah.id}/disable`, adminToken, { key: randomUUID() });
    expect(disable.body.status).toBe('done');
    const refused = await t.call('GET', `${usersPath()}?category=enabled`, token);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual(expect.objectContaining({ code: 'noAccess' }));

    expect((await t.call('POST', `${usersPath()}/${noah.id}/enable`, adminToken, { key: randomUUID() })).body.status).toBe('done');
    expect((await t.call('GET', `${usersPath()}?category=enabled`, token)).status).toBe(200);
  });

  it('answers "Portal access is paused" while the company is archived, and lets everyone back on restore', async () => {
    const northwind = await t.company('Northwind Traders');
    const admin = await t.user('Northwind Traders', 'admin', 'active');
    const token = await t.tokenFor(admin);
    expect((await t.call('GET', '/api/tab/me', token)).status).toBe(200);

    const { services, playground } = { services: t.demo.app.services, playground: t.demo.playground };
    const staff = (await services.actors.staffActor({ tenantId: playground.tenantId, objectId: playground.currentUser.aadObjectId })) as StaffActor;
    const archived = await services.operations.run('company.archive', { actor: staff, surface: 'bot', idempotencyKey: randomUUID(), payload: {}, input: { companyId: northwind.companyId } });
    expect(archived.status).toBe('done');
    const paused = await t.call('GET', '/api/tab/me', token);
    expect(paused.status).toBe(403);
    expect(paused.body.error).toEqual({ code: 'paused', message: 'Portal access is paused for Northwind Traders. Contact your IT provider.' });

    expect((await services.operations.run('company.restore', { actor: staff, surface: 'bot', idempotencyKey: randomUUID(), payload: {}, input: { companyId: northwind.companyId } })).status).toBe('done');
    expect((await t.call('GET', '/api/tab/me', token)).status).toBe(200);
  });
});
