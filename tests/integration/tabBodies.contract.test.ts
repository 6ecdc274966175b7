import { randomUUID } from 'node:crypto';
import type { Stored } from '../../src/store/documents';
import type { CompanyDoc, PortalUserDoc } from '../../src/store/model';
import { startTabApp, type TabApp } from '../helpers/tabApp';

/*
 * The tab's request bodies are checked like the bot's card data (zod, web/routes/tab/bodies.ts): a field
 * of the wrong kind is answered 400 naming it, and nothing is written, not even an audit record; the
 * toggles the rendered card sends ("true"/"false") and the tab's own booleans both work.
 */

let t: TabApp;
let fabrikam: Stored<CompanyDoc>;
let admin: Stored<PortalUserDoc>;
let token: string;

beforeAll(async () => {
  t = await startTabApp();
  fabrikam = await t.company('Fabrikam, Inc.');
  admin = await t.user('Fabrikam, Inc.', 'admin', 'active');
  token = await t.tokenFor(admin);
  // Their first sign-in binds their identity (a write and an audit record): done before anything is compared.
  expect((await t.call('GET', '/api/tab/me', token)).status).toBe(200);
  // Each change settles its audit record in a write of its own: let it land first.
  while ((await t.demo.app.services.repos.portalUsers.get(admin.companyId, admin.id))?.pendingAudit) await new Promise((resolve) => setImmediate(resolve));
});
afterAll(() => t?.close());

const base = () => `/api/tab/companies/${fabrikam.companyId}`;
const stored = async () => {
  const [users, audit] = await Promise.all([t.demo.app.services.repos.portalUsers.list(fabrikam.companyId, { pageSize: 1000 }), t.demo.app.services.repos.audit.list(fabrikam.companyId, { pageSize: 1000 })]);
  return { users: users.items.map((u) => u._etag).sort(), audit: audit.items.length };
};

describe('a body field of the wrong kind', () => {
  it.each([
    ['add user: a name that is a number', '/users', { name: 42, email: 'n@fabrikam.example', role: 'user', invite: 'false' }, 'name'],
    ['add user: an invitation toggle that is neither true nor false', '/users', { name: 'Nia Toggle', email: 'nia@fabrikam.example', role: 'user', invite: 'yes' }, 'invite'],
    ['CSV import: a file that is not text', '/imports/csv', { fileName: 'people.csv', contentBase64: { evil: true }, invite: false }, 'contentBase64'],
    ['held CSV rows: a row number that is not a whole number', '/imports/csv/held', { reportToken: 'r'.repeat(43), rows: [2.5] }, 'rows.0'],
    ['a user operation: a version that is not text', () => `/users/${admin.id}/reinvite`, { etag: ['"x"'] }, 'etag']
  ])('%s: 400 naming it, nothing written', async (_case, path, body, field) => {
    const before = await stored();
    const answer = await t.call('POST', `${base()}${typeof path === 'function' ? path() : path}`, token, { ...body, key: randomUUID() });
    expect(answer.status).toBe(400);
    expect((answer.body.error as { message: string }).message).toMatch(new RegExp(`^The request's "${field.replace('.', '\\.')}" is not valid \\(.+\\)\\. Nothing was changed\\.$`));
    expect(await stored()).toEqual(before);
  });
});

describe('toggles as either side sends them', () => {
  it.each([
    ['the card\u2019s "true"', 'Tara Cardtrue', 'true', 'invited'],
    ['the tab\u2019s true', 'Tomas Tabtrue', true, 'invited'],
    ['the card\u2019s "false"', 'Fay Cardfalse', 'false', 'none'],
    ['left out', 'Lou Leftout', undefined, 'none']
  ])('invite %s', async (_case, name, invite, access) => {
    const email = `toggle.${randomUUID().slice(0, 8)}@fabrikam.example`;
    const answer = await t.call('POST', `${base()}/users`, token, { name, email, role: 'user', invite, key: randomUUID() });
    expect(answer.status).toBe(200);
    expect((await t.demo.app.services.repos.portalUsers.findByEmail(fabrikam.companyId, email))?.access).toBe(access);
  });
});
