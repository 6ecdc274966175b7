/**
 * Every /api/tab route against every way a caller can be wrong, through the server's real token
 * verification (jose: remote JWKS from a local stand-in for Entra ID's v2 issuer, jwtVerify) and the
 * real service layer on a Cosmos-protocol store. Each refusal must be a 401 or a 403, and after all of
 * them nothing has changed in any company: users (by ETag), companies, and their audit trails.
 *
 * Company A is Fabrikam (its Admin holds the good token), company B Northwind, and Tailspin Toys is archived.
 */
import { randomUUID } from 'node:crypto';
import { startDevIssuer, type DevIssuer } from '../../src/auth/devIssuer';
import type { Stored } from '../../src/store/documents';
import type { CompanyDoc, PortalUserDoc } from '../../src/store/model';
import { TAB_API_ROUTES } from '../../src/web/routes/tab';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';
import { claimsOf, startLocalEntraIssuer, unsignedToken, type LocalEntraIssuer } from '../helpers/localEntraIssuer';

let issuer: LocalEntraIssuer;
let devIssuer: DevIssuer;
let demo: DemoApp;
let fabrikam: Stored<CompanyDoc>;
let northwind: Stored<CompanyDoc>;
let tailspin: Stored<CompanyDoc>;
let adminA: Stored<PortalUserDoc>;
let userA: Stored<PortalUserDoc>;
let disabledA: Stored<PortalUserDoc>;
let adminB: Stored<PortalUserDoc>;
let userB: Stored<PortalUserDoc>;
let adminArchived: Stored<PortalUserDoc>;
let goodToken: string;

const csv = Buffer.from('name,email,role\nZed Forged,zed.forged@fabrikam.example,user\n').toString('base64');

async function users(companyId: string) {
  return (await demo.app.services.repos.portalUsers.list(companyId, { pageSize: 200 })).items;
}

function identityOf(user: PortalUserDoc, company: CompanyDoc) {
  return { tenantId: company.tenantId!, objectId: user.entraObjectId!, email: user.email, name: user.displayName };
}

async function call(method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (method === 'POST') headers['Content-Type'] = 'application/json';
  const response = await fetch(`${demo.url}${path}`, { method, headers, body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

/** Users (id → ETag), companies (ETag) and audit trails (count) of A, B and the archived company. */
async function snapshot() {
  const { repos } = demo.app.services;
  const state: Record<string, unknown> = {};
  for (const company of [fabrikam, northwind, tailspin]) {
    state[`${company.name} company`] = (await repos.companies.get(company.companyId))?._etag;
    state[`${company.name} users`] = Object.fromEntries((await users(company.companyId)).map((u) => [u.id, u._etag]));
    state[`${company.name} audit`] = (await repos.audit.list(company.companyId, { pageSize: 1000 })).items.length;
  }
  return state;
}

interface Ids {
  companyId: string;
  userId: string;
  sessionId?: string;
  jobId?: string;
  rowId?: string;
}

interface RouteCase {
  method: string;
  template: string;
  path(ids: Ids): string;
  body(extra?: Record<string, unknown>): Record<string, unknown> | undefined;
  company: boolean;
  user: boolean;
}

const ROUTES: RouteCase[] = TAB_API_ROUTES.map((route) => ({
  method: route.method,
  template: `${route.method} ${route.path}`,
  path: (ids) =>
    route.path
      .replace(':companyId', ids.companyId)
      .replace(':userId', ids.userId)
      .replace(':operation', 'disable')
      .replace(':sessionId', ids.sessionId ?? randomUUID())
      .replace(':rowId', ids.rowId ?? randomUUID())
      .replace(':jobId', ids.jobId ?? randomUUID()),
  body: (extra = {}) => {
    if (route.method !== 'POST') return undefined;
    const key = `contract-${randomUUID()}`;
    if (route.path.endsWith('/imports/csv')) return { fileName: 'people.csv', contentBase64: csv, invite: false, key, ...extra };
    if (route.path.endsWith('/imports/csv/held')) return { reportToken: 'r'.repeat(43), rows: [2], key, ...extra };
    if (route.path.endsWith('/users')) return { name: 'Zed Forged', email: `zed.${randomUUID().slice(0, 8)}@fabrikam.example`, role: 'user', invite: 'false', key, ...extra };
    if (route.path.includes('/entra-import')) return { move: 'stay', rowIds: [], picks: {}, emails: {}, key, ...extra };
    return { key, ...extra };
  },
  company: route.path.includes(':companyId'),
  user: route.path.includes(':userId')
}));

beforeAll(async () => {
  issuer = await startLocalEntraIssuer();
  devIssuer = await startDevIssuer();
  demo = await startDemoApp({ tab: issuer.tabSettings() });
  const { repos } = demo.app.services;
  fabrikam = (await repos.companies.findByName('Fabrikam, Inc.'))!;
  northwind = (await repos.companies.findByName('Northwind Traders'))!;
  tailspin = (await repos.companies.findByName('Tailspin Toys'))!;
  const a = await users(fabrikam.companyId);
  const b = await users(northwind.companyId);
  adminA = a.find((u) => u.role === 'admin' && u.access === 'active')!;
  userA = a.find((u) => u.role === 'user' && u.access === 'active')!;
  disabledA = a.find((u) => u.access === 'disabled')!;
  adminB = b.find((u) => u.role === 'admin' && u.access === 'active')!;
  userB = b.find((u) => u.role === 'user' && u.access === 'active')!;
  adminArchived = (await users(tailspin.companyId)).find((u) => u.role === 'admin' && u.access === 'active')!;
  goodToken = await issuer.token(identityOf(adminA, fabrikam));
  // The first sign-ins bind the identities (a write each): done before the snapshot that must not move.
  expect((await call('GET', '/api/tab/me', goodToken)).status).toBe(200);
  expect((await call('GET', '/api/tab/me', await issuer.token(identityOf(adminB, northwind)))).status).toBe(200);
});

afterAll(async () => {
  await demo?.close();
  await issuer?.close();
  await devIssuer?.close();
});

describe('every /api/tab route refuses a bad caller with 401 or 403 and changes nothing', () => {
  /** Each way a token or a caller can be wrong, and the status it must get. */
  const BAD_CALLERS: [string, 401 | 403, () => Promise<string | undefined>][] = [
    ['no token', 401, async () => undefined],
    ['a token of a tenant no company is connected to', 403, () => issuer.token({ tenantId: randomUUID(), objectId: randomUUID(), email: 'ava.martin@fabrikam.example' })],
    ['a token for another audience', 401, () => issuer.token(identityOf(adminA, fabrikam), { claims: { aud: randomUUID() } })],
    ['a token of the right tenant from another issuer (real Entra ID URL)', 401, () =>
      issuer.token(identityOf(adminA, fabrikam), { claims: { iss: `https://login.microsoftonline.com/${fabrikam.tenantId}/v2.0` } })],
    ['a token whose issuer is another tenant’s', 401, () => issuer.token(identityOf(adminA, fabrikam), { claims: { iss: issuer.issuerOf(northwind.tenantId!) } })],
    ['an expired token', 401, () => issuer.token(identityOf(adminA, fabrikam), { expiresIn: -600 })],
    ['an unsigned token (alg none)', 401, async () => unsignedToken(claimsOf(goodToken))],
    ['a token signed by an unknown key under the published kid', 401, async () =>
      issuer.token(identityOf(adminA, fabrikam), { key: await issuer.rogueKey(issuer.publishedKey.kid) })],
    ['a token without the tab scope', 401, () => issuer.token(identityOf(adminA, fabrikam), { claims: { scp: 'User.Read' } })],
    ['a token of the development issuer (not trusted here)', 401, () => devIssuer.issue({ ...identityOf(adminA, fabrikam), lifetimeSeconds: 600 })],
    ['a token of a disabled user', 403, () => issuer.token(identityOf(disabledA, fabrikam))],
    ['a token of an archived company’s Admin', 403, () => issuer.token(identityOf(adminArchived, tailspin))]
  ];

  let before: Record<string, unknown>;
  beforeAll(async () => {
    before = await snapshot();
  });

  describe.each(ROUTES)('$template', (route) => {
    it.each(BAD_CALLERS)('refuses %s', async (_what, status, token) => {
      const answer = await call(route.method, route.path({ companyId: fabrikam.companyId, userId: userA.id }), await token(), route.body());
      expect(answer.status).toBe(status);
      expect(answer.body.error).toEqual(expect.objectContaining({ message: expect.any(String) }));
      if (_what.includes('archived')) expect(answer.body.error).toEqual(expect.objectContaining({ code: 'paused', message: expect.stringContaining('Portal access is paused') }));
    });

    if (route.company) {
      it('refuses company A’s Admin on company B’s id in the path', async () => {
        const answer = await call(route.method, route.path({ companyId: northwind.companyId, userId: userB.id }), goodToken, route.body());
        expect(answer.status).toBe(403);
      });
      it('refuses company B’s Admin (a token of another tenant) on company A', async () => {
        const answer = await call(route.method, route.path({ companyId: fabrikam.companyId, userId: userA.id }), await issuer.token(identityOf(adminB, northwind)), route.body());
        expect(answer.status).toBe(403);
      });
    }
    if (route.user) {
      it('refuses a user of company B under company A’s id in the path', async () => {
        const answer = await call(route.method, route.path({ companyId: fabrikam.companyId, userId: userB.id }), goodToken, route.body());
        expect(answer.status).toBe(403);
      });
    }
    if (route.method === 'POST' && route.company) {
      it('refuses company B’s id in the body', async () => {
        const answer = await call(route.method, route.path({ companyId: fabrikam.companyId, userId: userA.id }), goodToken, route.body({ companyId: northwind.companyId }));
        expect(answer.status).toBe(403);
      });
    }
    if (route.method === 'POST' && route.user) {
      it('refuses a user of company B in the body', async () => {
        const answer = await call(route.method, route.path({ companyId: fabrikam.companyId, userId: userA.id }), goodToken, route.body({ userId: userB.id }));
        expect(answer.status).toBe(403);
      });
    }
  });

  it('left every company, user and audit trail as it was', async () => {
    expect(await snapshot()).toEqual(before);
  });
});

describe('the same routes with the good token (the refusals above were about the caller, not the request)', () => {
  /** Filled in as the routes answer: the import session opened, the person to import, the job started. */
  const ids: Partial<Ids> & { pick?: string; reportToken?: string } = {};

  it.each(ROUTES)('$template with company A’s Admin', async (route) => {
    const fresh = (await demo.app.services.repos.portalUsers.get(fabrikam.companyId, userA.id))!;
    const extra: Record<string, unknown> = { etag: route.user ? fresh._etag : undefined };
    if (route.template.endsWith('/start')) Object.assign(extra, { rowIds: [ids.pick], picks: { [ids.pick!]: true }, role: 'user', invite: false });
    if (route.template.endsWith('/imports/csv/held')) Object.assign(extra, { reportToken: ids.reportToken });
    // A row's "Link to…", and its "Undo" (tests/integration/tabImportRows.contract.test.ts has the rest).
    if (route.template.endsWith('/link-choices')) Object.assign(extra, { search: '' });
    if (route.template.endsWith('/rows/:rowId')) Object.assign(extra, { resolve: 'undo' });
    const answer = await call(route.method, route.path({ ...ids, rowId: ids.pick, companyId: fabrikam.companyId, userId: fresh.id }), goodToken, route.body(extra));
    if (route.template.endsWith('/entra-import')) {
      const page = answer.body.page as { sessionId: string; rows: { id: string; status: string; pickable: boolean; needsEmail: boolean }[] };
      ids.sessionId = page.sessionId;
      // Someone new with a mailbox: importing them creates one portal user.
      ids.pick = page.rows.find((row) => row.status === 'new' && row.pickable && !row.needsEmail)?.id;
    }
    if (route.template.endsWith('/link-choices')) expect(answer.body).toEqual(expect.objectContaining({ kind: 'linkChoices', choices: expect.objectContaining({ rowId: ids.pick }) }));
    if (route.template.endsWith('/rows/:rowId')) expect(answer.body).toEqual(expect.objectContaining({ kind: 'page' }));
    if (route.template.endsWith('/imports/csv')) {
      // Zed Forged, just added by the add-user route with another email, makes the file's row a possible match: held.
      expect(answer.body.summary).toEqual(expect.objectContaining({ created: 0, heldCount: 1 }));
      ids.reportToken = (answer.body.summary as { reportToken: string }).reportToken;
    }
    if (route.template.endsWith('/imports/csv/held')) expect(answer.body.summary).toEqual(expect.objectContaining({ created: 1, heldCount: 0 }));
    if (route.template.endsWith('/start')) {
      expect(answer.body).toEqual(expect.objectContaining({ kind: 'job', job: expect.objectContaining({ inline: true, state: 'done', progress: expect.objectContaining({ created: 1 }) }) }));
      ids.jobId = (answer.body.job as { id: string }).id;
    }
    if (route.template === 'GET /api/tab/companies') {
      // Listing companies is for MSP staff; a portal user has one company.
      expect(answer.status).toBe(403);
      return;
    }
    expect(answer.status).toBe(200);
    if (route.method === 'POST' && !route.template.includes('/entra-import')) expect(answer.body.status).toBe('done');
  });

  it('refuses an Entra import session that someone else opened, and another person’s import job', async () => {
    const { currentUser, tenantId } = demo.playground;
    const staff = await issuer.token({ tenantId, objectId: currentUser.aadObjectId, email: currentUser.email, name: currentUser.name });
    const opened = await call('POST', `/api/tab/companies/${fabrikam.companyId}/entra-import`, staff, {});
    const sessionId = (opened.body.page as { sessionId: string }).sessionId;
    const page = await call('POST', `/api/tab/companies/${fabrikam.companyId}/entra-import/${sessionId}`, goodToken, { move: 'next', rowIds: [], picks: {}, emails: {} });
    expect(page.status).toBe(403);
    for (const row of [`rows/${randomUUID()}`, `rows/${randomUUID()}/link-choices`]) {
      const decision = await call('POST', `/api/tab/companies/${fabrikam.companyId}/entra-import/${sessionId}/${row}`, goodToken, { move: 'stay', rowIds: [], picks: {}, emails: {}, resolve: 'undo', search: '' });
      expect(decision.status).toBe(403);
    }
    const manager = (await users(fabrikam.companyId)).find((u) => u.role === 'manager' && u.access === 'active')!;
    const managerToken = await issuer.token(identityOf(manager, fabrikam));
    expect((await call('POST', `/api/tab/companies/${fabrikam.companyId}/entra-import`, managerToken, {})).status).toBe(403);
    expect((await call('GET', `/api/tab/companies/${fabrikam.companyId}/jobs/${ids.jobId}`, managerToken)).status).toBe(403);
  });

  it('lets MSP staff (a token of the MSP’s tenant) pick any client company, and refuses people of that tenant who are not staff', async () => {
    const { currentUser, users: people, tenantId } = demo.playground;
    const staff = await issuer.token({ tenantId, objectId: currentUser.aadObjectId, email: currentUser.email, name: currentUser.name });
    const companies = await call('GET', '/api/tab/companies', staff);
    expect(companies.status).toBe(200);
    expect((companies.body.items as { name: string }[]).map((c) => c.name)).toEqual(expect.arrayContaining(['Fabrikam, Inc.', 'Northwind Traders']));
    expect((await call('GET', `/api/tab/companies/${northwind.companyId}/users`, staff)).status).toBe(200);
    const patti = people.find((p) => p.givenName === 'Patti')!;
    const notStaff = await issuer.token({ tenantId, objectId: patti.aadObjectId, email: patti.email, name: patti.name });
    expect((await call('GET', '/api/tab/me', notStaff)).status).toBe(403);
  });

  it('sent nothing of company B in any answer', async () => {
    const answers = await Promise.all(
      ['/api/tab/me', ...['enabled', 'disabled', 'unconfirmed', 'noAccess'].map((c) => `/api/tab/companies/${fabrikam.companyId}/users?category=${c}`), `/api/tab/companies/${fabrikam.companyId}/history`].map(
        (path) => call('GET', path, goodToken)
      )
    );
    const text = JSON.stringify(answers);
    expect(text).not.toContain(northwind.companyId);
    expect(text.toLowerCase()).not.toContain('northwind');
  });
});
