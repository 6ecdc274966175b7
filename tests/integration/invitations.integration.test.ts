import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { StaffActor } from '../../src/domain/actor';
import type { UserOperation } from '../../src/domain/userOperations';
import { demoGuid } from '../../src/dev/demoData';
import { DEMO_MAIL_SENDER } from '../../src/dev/localGraph/demoTenants';
import type { SentMail } from '../../src/dev/localGraph/types';
import type { UserChangeResult } from '../../src/services/portalUsers/operations';
import { CONTAINER_SPEC } from '../../src/store/containerSpec';
import type { AuditDoc } from '../../src/store/model';
import { cardClick, cardTexts, click } from '../helpers/botClient';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const VALID_DAYS = 7;

const FABRIKAM = demoGuid('company', 'Fabrikam, Inc.');
const NORTHWIND = demoGuid('company', 'Northwind Traders');
const WIDE_WORLD = demoGuid('company', 'Wide World Importers');
const ADATUM = demoGuid('company', 'Adatum Corporation');

/**
 * One running app with its own clock: the app reads `clock()`, which runs with real time plus an offset
 * that a test moves forward (expiry, rate-limit windows). Offsets only ever grow, so tests stay independent.
 */
interface Harness {
  demo: DemoApp;
  advance(ms: number): void;
  now(): Date;
}

async function startHarness(invitations: { validDays: number; perPersonPerDay: number; perCompanyPerHour: number }): Promise<Harness> {
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const demo = await startDemoApp({ invitations, clock: now });
  return { demo, now, advance: (ms) => (offset += ms) };
}

let emailCounter = 0;
function uniqueEmail(domain: string): string {
  emailCounter += 1;
  return `invitee.${emailCounter}.${randomUUID().slice(0, 8)}@${domain}`;
}

function helpers(h: () => Harness) {
  const services = () => h().demo.app.services;

  async function staff(who: string): Promise<StaffActor> {
    const { demo } = h();
    const person = demo.people[who];
    const actor = await services().actors.staffActor({ tenantId: demo.teams.tenantId, objectId: person.aadObjectId }, person.name);
    if (!actor) throw new Error(`${who} is not staff`);
    return actor;
  }

  function mailsTo(email: string): SentMail[] {
    return h()
      .demo.integrations.localGraph.sentMail()
      .filter((mail) => mail.to.some((r) => r.address.toLowerCase() === email.toLowerCase()));
  }

  function linkIn(mail: SentMail): string {
    const match = /href="([^"]+)"/.exec(mail.html);
    if (!match) throw new Error(`no link in mail: ${mail.html}`);
    return match[1].replace(/&amp;/g, '&');
  }

  function secretOf(link: string): string {
    const match = /\/invite\/([^/?#]+)$/.exec(link);
    if (!match) throw new Error(`not an invitation link: ${link}`);
    return match[1];
  }

  async function user(companyId: string, userId: string) {
    return services().repos.portalUsers.get(companyId, userId);
  }

  /** Adds a person without portal access. */
  async function addPerson(companyId: string, name: string, email = uniqueEmail('fabrikam.example')) {
    const result = await services().portalUsers.add({
      actor: await staff('alex'),
      surface: 'bot',
      companyId,
      idempotencyKey: randomUUID(),
      payload: { name, email },
      name,
      email,
      role: 'user',
      invite: false
    });
    if (result.status !== 'done' || !result.value.user) throw new Error(`add failed: ${JSON.stringify(result)}`);
    return { userId: result.value.user.id, email, name };
  }

  async function perform(operation: UserOperation, companyId: string, userId: string, who = 'alex'): Promise<UserChangeResult> {
    const current = await user(companyId, userId);
    return services().portalUsers.perform({
      actor: await staff(who),
      surface: 'bot',
      companyId,
      userId,
      expectedEtag: current?._etag,
      idempotencyKey: randomUUID(),
      payload: { operation, userId },
      operation
    });
  }

  /** Invites (or re-invites) and returns the secret of the one mail that was sent for it. */
  async function invite(companyId: string, userId: string, operation: 'invite' | 'reinvite' = 'invite') {
    const doc = await user(companyId, userId);
    if (!doc) throw new Error('no such user');
    const before = mailsTo(doc.email).length;
    const result = await perform(operation, companyId, userId);
    expect(result.status).toBe('done');
    const mails = mailsTo(doc.email);
    expect(mails).toHaveLength(before + 1);
    const link = linkIn(mails[mails.length - 1]);
    return { result, link, secret: secretOf(link) };
  }

  async function addAndInvite(companyId: string, name: string, domain = 'fabrikam.example') {
    const person = await addPerson(companyId, name, uniqueEmail(domain));
    const invited = await invite(companyId, person.userId);
    return { ...person, ...invited };
  }

  async function page(method: 'GET' | 'POST', secret: string) {
    const response = await fetch(`${h().demo.url}/invite/${secret}`, { method, redirect: 'manual' });
    return { status: response.status, headers: response.headers, html: await response.text() };
  }

  async function auditOf(userId: string): Promise<AuditDoc[]> {
    const { resources } = await h()
      .demo.testStore.store.container('audit')
      .items.query<AuditDoc>({ query: 'SELECT * FROM c WHERE c.target.id = @id', parameters: [{ name: '@id', value: userId }] })
      .fetchAll();
    return resources;
  }

  /** Every document of every container, as JSON. */
  async function everyDocument(): Promise<{ container: string; json: string }[]> {
    const documents: { container: string; json: string }[] = [];
    for (const spec of CONTAINER_SPEC.containers) {
      const { resources } = await h().demo.testStore.store.container(spec.id as never).items.query('SELECT * FROM c').fetchAll();
      for (const doc of resources) documents.push({ container: spec.id, json: JSON.stringify(doc) });
    }
    return documents;
  }

  return { staff, mailsTo, linkIn, secretOf, user, addPerson, perform, invite, addAndInvite, page, auditOf, everyDocument };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('invitation links', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ validDays: VALID_DAYS, perPersonPerDay: 5, perCompanyPerHour: 200 });
  });
  afterAll(() => harness.demo.close());
  const t = helpers(() => harness);

  it('mails one invitation from the MSP mailbox to the person, with a 256-bit link secret that is stored nowhere, only its hash', async () => {
    const before = harness.demo.integrations.localGraph.sentMail().length;
    const person = await t.addPerson(FABRIKAM, 'Nadia Invitee');
    const result = await t.perform('invite', FABRIKAM, person.userId);
    expect(result.status).toBe('done');

    const sent = harness.demo.integrations.localGraph.sentMail().slice(before);
    expect(sent).toHaveLength(1);
    const [mail] = sent;
    expect(mail.from).toBe(DEMO_MAIL_SENDER);
    expect(mail.to).toEqual([{ address: person.email, name: 'Nadia Invitee' }]);
    expect(mail.subject).toContain('Fabrikam, Inc.');
    expect(mail.html).toContain('Hello Nadia Invitee');

    const link = t.linkIn(mail);
    expect(link.startsWith(`${harness.demo.url}/invite/`)).toBe(true);
    // Embedded mode shows the same link on the card, so a newcomer can follow it.
    expect(result.status === 'done' && result.value.link).toBe(link);
    const secret = t.secretOf(link);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);

    // An invitation sent from the bot card, too: its card shows the link, and bot state must not keep it.
    const other = await t.addPerson(FABRIKAM, 'Bruno Viacard');
    const otherDoc = await t.user(FABRIKAM, other.userId);
    const view = { companyId: FABRIKAM, category: 'noAccess' as const };
    const answer = await click(
      harness.demo.url,
      cardClick(harness.demo.teams, harness.demo.people.alex, 'users.do', { view, userId: other.userId, etag: otherDoc!._etag, operation: 'invite', idempotencyKey: randomUUID() })
    );
    const cardLink = /(http:\/\/\S+\/invite\/[A-Za-z0-9_-]{43})/.exec(cardTexts(answer.card).join('\n'))?.[1];
    expect(cardLink).toBeDefined();
    const cardSecret = t.secretOf(cardLink!);
    expect(t.linkIn(t.mailsTo(other.email)[0])).toBe(cardLink);

    const documents = await t.everyDocument();
    // The scan reaches the containers this flow wrote to (and reads every other one too).
    expect([...new Set(documents.map((d) => d.container))]).toEqual(expect.arrayContaining(['companies', 'portalUsers', 'audit', 'lookups']));
    for (const s of [secret, cardSecret]) {
      expect(documents.filter((d) => d.json.includes(s)).map((d) => d.container)).toEqual([]);
      // The hash is what is kept: on the user and in the lookup that finds the user again.
      const holders = documents.filter((d) => d.json.includes(sha256(s))).map((d) => d.container);
      expect(holders).toEqual(expect.arrayContaining(['portalUsers', 'lookups']));
    }
    expect((await t.user(FABRIKAM, person.userId))?.invitation?.hash).toBe(sha256(secret));
  });

  it('shows the accept page on GET any number of times, with no-store, no-referrer and a CSP, and never accepts', async () => {
    const invitee = await t.addAndInvite(FABRIKAM, 'Gregor Getonly');
    const pages = [await t.page('GET', invitee.secret), ...(await Promise.all(Array.from({ length: 5 }, () => t.page('GET', invitee.secret))))];
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.html).toContain('Join the Fabrikam, Inc. portal');
      expect(page.html).toContain('<strong>Gregor Getonly</strong>');
      expect(page.html).toContain(invitee.email);
      expect(page.html).toContain(`<form method="post" action="/invite/${invitee.secret}">`);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    }
    const doc = await t.user(FABRIKAM, invitee.userId);
    expect(doc?.access).toBe('invited');
    expect(doc?.invitation?.hash).toBe(sha256(invitee.secret));
    expect((await t.auditOf(invitee.userId)).filter((r) => r.action === 'user.acceptInvitation')).toEqual([]);
  });

  it('accepts on POST: the user becomes active, is audited as the invitee, and the link is used up', async () => {
    const invitee = await t.addAndInvite(FABRIKAM, 'Paula Poster');
    const accepted = await t.page('POST', invitee.secret);
    expect(accepted.status).toBe(200);
    expect(accepted.html).toContain('Welcome, Paula Poster');
    expect(accepted.html).toContain('You now have access to the Fabrikam, Inc. portal');
    expect(accepted.headers.get('cache-control')).toBe('no-store');
    const doc = await t.user(FABRIKAM, invitee.userId);
    expect(doc?.access).toBe('active');
    expect(doc?.invitation).toBeUndefined();
    expect(doc?.acceptedAt).toBeDefined();

    for (const method of ['POST', 'GET'] as const) {
      const again = await t.page(method, invitee.secret);
      expect(again.status).toBe(410);
      expect(again.html).toContain('This invitation has already been used');
      expect(again.html).not.toContain('<form');
    }
    expect((await t.user(FABRIKAM, invitee.userId))?._etag).toBe(doc?._etag);

    const trail = await t.auditOf(invitee.userId);
    const acceptances = trail.filter((r) => r.action === 'user.acceptInvitation');
    expect(acceptances).toHaveLength(1);
    expect(acceptances[0]).toMatchObject({
      result: 'done',
      surface: 'invitationLink',
      actor: { kind: 'invitee', id: invitee.userId, displayName: 'Paula Poster' },
      companyId: FABRIKAM,
      before: { access: 'invited' },
      after: { access: 'active' }
    });
    const invitations = trail.filter((r) => r.result === 'done' && (r.action === 'user.invite' || r.action === 'user.reinvite'));
    expect(invitations).toHaveLength(t.mailsTo(invitee.email).length);
    expect(invitations[0].actor).toMatchObject({ kind: 'staff', displayName: 'Alex Wilber' });
  });

  it('accepts once when Accept is pressed ten times at once', async () => {
    const invitee = await t.addAndInvite(FABRIKAM, 'Dora Doublepress');
    const pages = await Promise.all(Array.from({ length: 10 }, () => t.page('POST', invitee.secret)));
    expect(pages.filter((p) => p.status === 200)).toHaveLength(1);
    for (const p of pages.filter((p) => p.status !== 200)) {
      expect(p.status).toBe(410);
      expect(p.html).not.toContain('Welcome');
      expect(p.html).toContain('This invitation has already been used');
    }
    expect((await t.user(FABRIKAM, invitee.userId))?.access).toBe('active');
    expect((await t.auditOf(invitee.userId)).filter((r) => r.action === 'user.acceptInvitation')).toHaveLength(1);
  });

  it('re-invite: the old link says at once that a newer invitation was sent and cannot be used; the new one works', async () => {
    const invitee = await t.addAndInvite(FABRIKAM, 'Rita Reinvite');
    const second = await t.invite(FABRIKAM, invitee.userId, 'reinvite');
    expect(second.secret).not.toBe(invitee.secret);
    expect(second.result.message).toContain('previous link no longer works');

    const old = await t.page('GET', invitee.secret);
    expect(old.status).toBe(410);
    expect(old.html).toContain('This invitation is no longer valid');
    expect(old.html).toContain('A newer invitation was sent to you');
    expect(old.html).not.toContain('<form');
    const oldPost = await t.page('POST', invitee.secret);
    expect(oldPost.status).toBe(410);
    expect(oldPost.html).toContain('A newer invitation was sent to you');
    expect((await t.user(FABRIKAM, invitee.userId))?.access).toBe('invited');

    expect((await t.page('GET', second.secret)).status).toBe(200);
    const accepted = await t.page('POST', second.secret);
    expect(accepted.status).toBe(200);
    expect(accepted.html).toContain('Welcome, Rita Reinvite');
    expect((await t.user(FABRIKAM, invitee.userId))?.access).toBe('active');
    // The first link stays dead after the second was used.
    expect((await t.page('POST', invitee.secret)).status).toBe(410);

    const trail = await t.auditOf(invitee.userId);
    expect(trail.filter((r) => r.result === 'done' && r.action === 'user.invite')).toHaveLength(1);
    expect(trail.filter((r) => r.result === 'done' && r.action === 'user.reinvite')).toHaveLength(1);
    expect(trail.filter((r) => r.action === 'user.acceptInvitation')).toHaveLength(1);
  });

  it('revoke: the link is refused, cannot be accepted, and the user is back to no portal access', async () => {
    const invitee = await t.addAndInvite(FABRIKAM, 'Victor Revoked');
    expect((await t.perform('revokeInvitation', FABRIKAM, invitee.userId)).status).toBe('done');
    for (const method of ['GET', 'POST'] as const) {
      const page = await t.page(method, invitee.secret);
      expect(page.status).toBe(410);
      expect(page.html).toContain('This invitation is no longer valid');
      expect(page.html).toContain('It was withdrawn.');
      expect(page.html).toContain('Ask your administrator');
    }
    const doc = await t.user(FABRIKAM, invitee.userId);
    expect(doc?.access).toBe('none');
    expect(doc?.invitation).toBeUndefined();
  });

  it('deleting an unconfirmed user kills the link', async () => {
    const invitee = await t.addAndInvite(FABRIKAM, 'Della Deleted');
    expect((await t.perform('delete', FABRIKAM, invitee.userId)).status).toBe('done');
    for (const method of ['GET', 'POST'] as const) {
      const page = await t.page(method, invitee.secret);
      expect(page.status).toBe(410);
      expect(page.html).toContain('This invitation is no longer valid');
    }
    expect(await t.user(FABRIKAM, invitee.userId)).toBeUndefined();
    expect(await harness.demo.app.services.repos.portalUsers.findByEmail(FABRIKAM, invitee.email)).toBeUndefined();
  });

  it('disabling an invited user kills the link', async () => {
    const invitee = await t.addAndInvite(FABRIKAM, 'Dieter Disabled');
    expect((await t.perform('disable', FABRIKAM, invitee.userId)).status).toBe('done');
    for (const method of ['GET', 'POST'] as const) {
      const page = await t.page(method, invitee.secret);
      expect(page.status).toBe(410);
      expect(page.html).toContain('This invitation is no longer valid');
    }
    expect((await t.user(FABRIKAM, invitee.userId))?.access).toBe('disabled');
  });

  it(`expires after ${VALID_DAYS} days: the link says so, cannot be accepted, and the user stays invited`, async () => {
    const invitee = await t.addAndInvite(FABRIKAM, 'Edgar Expired');
    harness.advance(VALID_DAYS * DAY_MS - 5 * 60 * 1000);
    expect((await t.page('GET', invitee.secret)).status).toBe(200);

    harness.advance(10 * 60 * 1000);
    for (const method of ['GET', 'POST'] as const) {
      const page = await t.page(method, invitee.secret);
      expect(page.status).toBe(410);
      expect(page.html).toContain('This invitation has expired');
      expect(page.html).toContain('new invitation');
      expect(page.html).not.toContain('<form');
    }
    const doc = await t.user(FABRIKAM, invitee.userId);
    expect(doc?.access).toBe('invited');
    expect((await t.auditOf(invitee.userId)).filter((r) => r.action === 'user.acceptInvitation')).toEqual([]);

    // A new invitation brings a working link, valid for another VALID_DAYS from now.
    const renewed = await t.invite(FABRIKAM, invitee.userId, 'reinvite');
    const renewedDoc = await t.user(FABRIKAM, invitee.userId);
    expect(Date.parse(renewedDoc!.invitation!.expiresAt) - harness.now().getTime()).toBeGreaterThan((VALID_DAYS * DAY_MS) - 60_000);
    expect((await t.page('POST', renewed.secret)).status).toBe(200);
    expect((await t.user(FABRIKAM, invitee.userId))?.access).toBe('active');
  });

  it('an archived company: the link says portal access is paused and cannot be accepted; restore brings it back', async () => {
    const repos = harness.demo.app.services.repos;
    const invitee = await t.addAndInvite(ADATUM, 'Arne Archived', 'adatum.example');
    const company = await repos.companies.get(ADATUM);
    await repos.companies.replace({ ...company!, state: 'archived', archivedAt: harness.now().toISOString(), archivedBy: 'Alex Wilber' });
    try {
      for (const method of ['GET', 'POST'] as const) {
        const page = await t.page(method, invitee.secret);
        expect(page.status).toBe(403);
        expect(page.html).toContain('Portal access is paused');
        expect(page.html).toContain('Adatum Corporation');
        expect(page.html).not.toContain('<form');
      }
      expect((await t.user(ADATUM, invitee.userId))?.access).toBe('invited');
      const refused = await t.perform('reinvite', ADATUM, invitee.userId);
      expect(refused).toMatchObject({ status: 'refused', code: 'companyArchived' });
      expect(refused.status === 'refused' && refused.message).toContain('archived');
    } finally {
      const archived = await repos.companies.get(ADATUM);
      await repos.companies.replace({ ...archived!, state: 'active', archivedAt: undefined, archivedBy: undefined });
    }
    expect(t.mailsTo(invitee.email)).toHaveLength(1);
    expect((await t.page('GET', invitee.secret)).status).toBe(200);
  });

  it('answers a garbage or unknown secret with the 404 page, on GET and POST, and changes nothing', async () => {
    const invitee = await t.addAndInvite(FABRIKAM, 'Gina Garbage');
    const flipped = invitee.secret.slice(0, -1) + (invitee.secret.endsWith('A') ? 'B' : 'A');
    const candidates = [
      'abc',
      randomBytes(32).toString('base64url'),
      flipped,
      `${invitee.secret}x`,
      invitee.secret.slice(0, 42),
      encodeURIComponent('<script>alert(1)</script>'),
      sha256(invitee.secret)
    ];
    for (const secret of candidates) {
      for (const method of ['GET', 'POST'] as const) {
        const page = await t.page(method, secret);
        expect([secret.slice(0, 20), method, page.status]).toEqual([secret.slice(0, 20), method, 404]);
        expect(page.html).toContain('This invitation link is not valid');
        expect(page.html).not.toContain('<script>');
        expect(page.headers.get('cache-control')).toBe('no-store');
      }
    }
    // A path longer than the router takes is a 404 too (the router's own), never an acceptance.
    expect((await t.page('POST', `${invitee.secret}${'A'.repeat(2000)}`)).status).toBe(404);
    expect((await t.user(FABRIKAM, invitee.userId))?.access).toBe('invited');
    expect((await t.page('GET', invitee.secret)).status).toBe(200);
  });

  it('escapes a name full of HTML in the accept page, the welcome page and the mail', async () => {
    const name = '<script>alert(1)</script>';
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';
    const invitee = await t.addAndInvite(FABRIKAM, name);
    const mail = t.mailsTo(invitee.email)[0];
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain(`Hello ${escaped}`);

    const shown = await t.page('GET', invitee.secret);
    expect(shown.status).toBe(200);
    expect(shown.html).not.toContain('<script>');
    expect(shown.html).toContain(`<strong>${escaped}</strong>`);

    const accepted = await t.page('POST', invitee.secret);
    expect(accepted.status).toBe(200);
    expect(accepted.html).not.toContain('<script>');
    expect(accepted.html).toContain(`Welcome, ${escaped}`);
  });
});

describe('invitation rate limits', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ validDays: VALID_DAYS, perPersonPerDay: 2, perCompanyPerHour: 3 });
  });
  afterAll(() => harness.demo.close());
  const t = helpers(() => harness);

  it('refuses the third invitation of one person in 24 hours, naming the limit, and sends nothing; a day later it works', async () => {
    const person = await t.addPerson(FABRIKAM, 'Lena Limited');
    await t.invite(FABRIKAM, person.userId);
    const second = await t.invite(FABRIKAM, person.userId, 'reinvite');
    const before = await t.user(FABRIKAM, person.userId);

    const third = await t.perform('reinvite', FABRIKAM, person.userId);
    expect(third.status).toBe('refused');
    expect(third.status === 'refused' && third.message).toMatch(/Lena Limited has already been sent 2 invitations in the last 24 hours\. Try again after .+ UTC\./);
    expect(t.mailsTo(person.email)).toHaveLength(2);
    const after = await t.user(FABRIKAM, person.userId);
    expect(after?._etag).toBe(before?._etag);
    expect((await t.page('GET', second.secret)).status).toBe(200);
    const refusals = (await t.auditOf(person.userId)).filter((r) => r.result === 'refused' && r.action === 'user.reinvite');
    expect(refusals).toHaveLength(1);
    expect(refusals[0].message).toContain('2 invitations in the last 24 hours');

    harness.advance(DAY_MS + 60_000);
    const fourth = await t.invite(FABRIKAM, person.userId, 'reinvite');
    expect((await t.page('POST', fourth.secret)).status).toBe(200);
    expect(t.mailsTo(person.email)).toHaveLength(3);
  });

  it('refuses the next invitation of a company once its hourly limit is reached, and allows it an hour later', async () => {
    harness.advance(2 * HOUR_MS);
    const people = [];
    for (const name of ['Nils One', 'Nils Two', 'Nils Three', 'Nils Four']) people.push(await t.addPerson(NORTHWIND, name, uniqueEmail('northwind.example')));
    for (const person of people.slice(0, 3)) await t.invite(NORTHWIND, person.userId);

    const fourth = people[3];
    const refused = await t.perform('invite', NORTHWIND, fourth.userId);
    expect(refused.status).toBe('refused');
    expect(refused.status === 'refused' && refused.message).toBe('Northwind Traders has sent 3 invitations in the last hour, the most allowed. Try again later.');
    expect(t.mailsTo(fourth.email)).toEqual([]);
    expect((await t.user(NORTHWIND, fourth.userId))?.access).toBe('none');

    // Another company has its own budget.
    const elsewhere = await t.addPerson(WIDE_WORLD, 'Wanda Elsewhere', uniqueEmail('wideworldimporters.example'));
    await t.invite(WIDE_WORLD, elsewhere.userId);

    harness.advance(HOUR_MS + 60_000);
    await t.invite(NORTHWIND, fourth.userId);
    expect((await t.user(NORTHWIND, fourth.userId))?.access).toBe('invited');
  });

  it('counts invitations sent in the hour, not those still pending: revoking or re-inviting makes no room', async () => {
    harness.advance(2 * HOUR_MS);
    const people = [];
    for (const name of ['Ada One', 'Ada Two', 'Ada Three', 'Ada Four']) people.push(await t.addPerson(ADATUM, name, uniqueEmail('adatum.example')));
    await t.invite(ADATUM, people[0].userId);
    await t.invite(ADATUM, people[0].userId, 'reinvite');
    await t.invite(ADATUM, people[1].userId);
    expect((await t.perform('revokeInvitation', ADATUM, people[1].userId)).status).toBe('done');
    const sentThisHour = people.reduce((n, p) => n + t.mailsTo(p.email).length, 0);
    expect(sentThisHour).toBe(3);

    // Three invitations went out this hour: the limit is reached, whatever became of them since.
    const fourth = await t.perform('invite', ADATUM, people[2].userId);
    expect(fourth.status).toBe('refused');
    expect(t.mailsTo(people[2].email)).toEqual([]);
  });

  it('holds the company limit when invitations are sent at the same moment', async () => {
    harness.advance(2 * HOUR_MS);
    const people = [];
    for (let i = 1; i <= 8; i++) people.push(await t.addPerson(WIDE_WORLD, `Parallel Person ${i}`, uniqueEmail('wideworldimporters.example')));
    const results = await Promise.all(people.map((p) => t.perform('invite', WIDE_WORLD, p.userId)));
    const sent = people.reduce((n, p) => n + t.mailsTo(p.email).length, 0);
    expect({ done: results.filter((r) => r.status === 'done').length, sent }).toEqual({ done: 3, sent: 3 });
    for (const r of results) if (r.status !== 'done') expect(r.status === 'refused' && r.message).toContain('3 invitations in the last hour');
  });
});
