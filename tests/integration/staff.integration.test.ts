import { channelMessage, cardOf, helpCommands, personalMessage, postActivity } from '../helpers/botClient';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';
import {
  action,
  allImportRows,
  auditOf,
  clickAs,
  importBase,
  importRows,
  importWith,
  sayAs,
  searchImport,
  staffByEmail,
  texts,
  title,
  type Card
} from '../helpers/staffFlow';

/*
 * The staff card and staff imports through the bot's real HTTP endpoint, against the local fakes of
 * the PSAs and the local Microsoft Graph (the MSP's own tenant holds the playground's people).
 */

jest.setTimeout(60000);

let demo: DemoApp;
beforeAll(async () => {
  demo = await startDemoApp();
});
afterAll(() => demo.close());

describe('the staff card', () => {
  it('lists the staff with role, source, link status and the actions a Super Admin may take', async () => {
    const card = await sayAs(demo, 'alex', 'staff');
    expect(title(card)).toBe('Staff of Contoso IT Services');
    const all = texts(card);
    for (const name of ['Alex Wilber (you)', 'Megan Bowen', 'Adele Vance', 'Isaiah Langer']) expect(all).toContain(name);
    expect(all).toContain('Super Admin');
    expect(all).toContain('MSP Admin');
    expect(all).toContain('Technician');
    expect(all).toContain('Linked to their Microsoft Entra account');
    expect(all).toContain('from Configuration');
    expect(action(card, 'staff.ask', (a) => a.title === 'Change role').data.operation).toBe('changeRole');
    expect(action(card, 'staffImport.sources').title).toBe('Import staff');
  });

  it('is in the Super Admin\'s help, after the other commands', async () => {
    const answer = await postActivity(demo.url, personalMessage(demo.teams, demo.people.alex, 'help'));
    expect(helpCommands(cardOf(answer.replies[0])).slice(-1)).toEqual(['staff']);
  });
});

describe('importing staff from a PSA', () => {
  let card: Card;

  it('offers every source, each ready in the demo', async () => {
    const sources = await sayAs(demo, 'alex', 'import staff');
    const all = texts(sources);
    for (const label of ['Microsoft Entra ID', 'ConnectWise Manage', 'Halo PSA', 'Autotask PSA', 'Syncro']) expect(all).toContain(label);
    const open = action(sources, 'staffImport.open', (a) => a.data.source === 'connectwise');
    card = await clickAs(demo, 'alex', open.verb, open.data);
    expect(title(card)).toBe('Import staff from ConnectWise Manage');
  });

  it('offers only active people, pages through all of them, and marks people without email', async () => {
    const { rows } = await allImportRows(demo, 'alex', card);
    const active = demo.localPsa.people('connectwise').filter((p) => p.active);
    expect(rows).toHaveLength(active.length);
    const inactive = demo.localPsa.people('connectwise').filter((p) => !p.active);
    for (const person of inactive) expect(rows.map((r) => r.id)).not.toContain(String(person.id));
    const noEmail = active.find((p) => !p.email)!;
    const row = rows.find((r) => r.id === String(noEmail.id))!;
    expect(row.emailInput).toBe(true);
    expect(row.details).toContain('No email in ConnectWise Manage');
    expect(rows.every((r) => r.status === 'New')).toBe(true);
  });

  it('imports Patti and Lynne as MSP Admins, bound at once through the directory', async () => {
    const found = await searchImport(demo, 'alex', card, 'contoso-it.example');
    expect(importRows(found).length).toBeGreaterThan(0);
    const patti = await searchImport(demo, 'alex', card, 'pattif');
    const pattiRow = importRows(patti)[0];
    expect(pattiRow.name).toBe('Patti Fernandez');
    const saved = await clickAs(demo, 'alex', 'staffImport.page', { ...importBase(patti), [`pick_${pattiRow.id}`]: 'true' });
    const lynne = await searchImport(demo, 'alex', saved, 'Lynne');
    const lynneRow = importRows(lynne)[0];
    // The card cannot count ticks live: it says who is selected beyond the rows it shows (Patti).
    expect(texts(lynne)).toContain('1 more selected, not on this page');
    const { confirm, summary } = await importWith(demo, 'alex', lynne, { [`pick_${lynneRow.id}`]: 'true', role: 'mspAdmin' });
    expect(title(confirm)).toBe('Give 2 people the MSP Admin role?');
    expect(texts(confirm)).toContain('Lynne Robbins and Patti Fernandez');
    expect(texts(summary)).toContain('2 created');
    expect(texts(summary)).toContain('Added to the staff: Lynne Robbins and Patti Fernandez.');
    const stored = await staffByEmail(demo, 'pattif@contoso-it.example');
    expect(stored?.role).toBe('mspAdmin');
    expect(stored?.identity?.objectId).toBe(demo.people.patti.aadObjectId);
    expect(stored?.source).toBe('connectwise');
  });

  it('answers Patti as staff when she @mentions the bot in a channel', async () => {
    const answer = await postActivity(demo.url, channelMessage(demo.teams, demo.people.patti, 'help'));
    expect(helpCommands(cardOf(answer.replies[0]))).toEqual(['help']);
  });
});

describe('linking, missing emails and re-running', () => {
  it('links a row to an existing staff member by hand instead of creating a duplicate; the role is kept', async () => {
    const card = await sayAs(demo, 'alex', 'import staff from connectwise');
    const found = await searchImport(demo, 'alex', card, 'Marcus');
    const row = importRows(found)[0];
    expect(row.name).toBe('Marcus Okafor');
    const linkButton = row.actions.find((a) => a.title === 'Link to existing staff')!;
    const form = await clickAs(demo, 'alex', linkButton.verb, linkButton.data);
    expect(title(form)).toBe('Link Marcus Okafor to a staff member');
    const isaiah = (await allStaffNamed('Isaiah Langer'))!;
    const linked = await clickAs(demo, 'alex', 'staffImport.link', { ...action(form, 'staffImport.link').data, staffId: isaiah.id });
    const linkedRow = importRows(linked).find((r) => r.id === row.id)!;
    expect(linkedRow.status).toBe('Links to Isaiah Langer (keeps the role Technician)');
    expect(linkedRow.picked).toBe(true);
    const { confirm, summary } = await importWith(demo, 'alex', linked, { role: 'mspAdmin' });
    expect(texts(confirm)).toContain('Marcus Okafor \u2192 Isaiah Langer');
    expect(texts(summary)).toContain('0 created \u00b7 1 linked');
    const after = (await allStaffNamed('Isaiah Langer'))!;
    expect(after.role).toBe('technician');
    expect(after.links).toEqual([expect.objectContaining({ source: 'connectwise', externalId: row.id })]);
    expect(await staffByEmail(demo, 'marcus.okafor@contoso-it.example')).toBeUndefined();
    // The row now shows as already staff.
    const again = await searchImport(demo, 'alex', await sayAs(demo, 'alex', 'import staff from connectwise'), 'Marcus');
    // The last sync in the viewer's own time zone: the Teams client formats it, the card never says UTC.
    expect(importRows(again)[0].status).toMatch(/^Already staff: Isaiah Langer, Technician \u00b7 last sync \{\{DATE\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ), SHORT\)\}\} at \{\{TIME\(\1\)\}\}$/);
  });

  it('cannot import a person without email until one is typed on their row', async () => {
    const card = await sayAs(demo, 'alex', 'import staff from connectwise');
    const person = demo.localPsa.people('connectwise').find((p) => p.active && !p.email)!;
    const found = await searchImport(demo, 'alex', card, person.lastName);
    const row = importRows(found).find((r) => r.id === String(person.id))!;
    expect(row.emailInput).toBe(true);

    const picked = await clickAs(demo, 'alex', 'staffImport.confirm', { ...action(found, 'staffImport.confirm').data, [`pick_${row.id}`]: 'true', role: 'technician' });
    expect(texts(picked)).toContain('Nobody selected can be imported: give the people without an email one first.');
    expect(texts(picked)).toContain('Give an email address to import this person.');

    const email = `${person.firstName.toLowerCase()}.nomail@contoso-it.example`;
    const { summary } = await importWith(demo, 'alex', picked, { [`pick_${row.id}`]: 'true', [`email_${row.id}`]: email, role: 'technician' });
    expect(texts(summary)).toContain('1 created');
    const stored = await staffByEmail(demo, email);
    expect(stored).toMatchObject({ role: 'technician', source: 'connectwise', displayName: `${person.firstName} ${person.lastName}` });
    expect(stored?.identity).toBeUndefined();
    expect(texts(summary)).toContain('links by email at their first message');
  });

  it('re-running an import with nothing changed in the source writes nothing', async () => {
    const before = await demo.app.services.repos.staff.list();
    const card = await sayAs(demo, 'alex', 'import staff from connectwise');
    const found = await searchImport(demo, 'alex', card, 'contoso-it.example');
    const { rows } = await allImportRows(demo, 'alex', found);
    const already = rows.filter((r) => r.status.startsWith('Already staff'));
    expect(already.map((r) => r.name).sort()).toEqual(['Lynne Robbins', 'Marcus Okafor', 'Patti Fernandez']);
    const picks = Object.fromEntries(already.map((r) => [`pick_${r.id}`, 'true']));
    // The picks are made on the pages they were shown on.
    let current = card;
    for (const r of already) {
      const page = await searchImport(demo, 'alex', current, r.name);
      current = await clickAs(demo, 'alex', 'staffImport.page', { ...importBase(page), [`pick_${r.id}`]: picks[`pick_${r.id}`] });
    }
    const { summary } = await importWith(demo, 'alex', current, { role: 'technician' });
    expect(texts(summary)).toContain('0 created \u00b7 0 linked \u00b7 0 updated \u00b7 3 unchanged');
    expect(await demo.app.services.repos.staff.list()).toEqual(before);
  });

  it('follows the source: a changed name or title updates the staff member, and a person no longer active is skipped', async () => {
    const people = demo.localPsa.people('connectwise');
    const patti = people.find((p) => p.email === 'pattif@contoso-it.example')!;
    const lynne = people.find((p) => p.email === 'lynner@contoso-it.example')!;
    const card = await sayAs(demo, 'alex', 'import staff from connectwise');
    let current = await searchImport(demo, 'alex', card, 'Patti');
    current = await clickAs(demo, 'alex', 'staffImport.page', { ...importBase(current), [`pick_${patti.id}`]: 'true' });
    current = await searchImport(demo, 'alex', current, 'Lynne');
    current = await clickAs(demo, 'alex', 'staffImport.page', { ...importBase(current), [`pick_${lynne.id}`]: 'true' });
    demo.localPsa.setPeople(
      'connectwise',
      people.map((p) => (p.id === patti.id ? { ...p, title: 'Head of Service Desk' } : p.id === lynne.id ? { ...p, active: false } : p))
    );
    try {
      const { summary } = await importWith(demo, 'alex', current, { role: 'technician' });
      const all = texts(summary);
      expect(all).toContain('1 updated');
      expect(all).toContain('1 skipped');
      expect(all).toContain('Skipped: no longer active in ConnectWise Manage');
      expect((await staffByEmail(demo, 'pattif@contoso-it.example'))?.jobTitle).toBe('Head of Service Desk');
      expect((await staffByEmail(demo, 'pattif@contoso-it.example'))?.role).toBe('mspAdmin');
    } finally {
      demo.localPsa.setPeople('connectwise', people);
    }
  });

  it('matches a staff member by email from another source, and links instead of duplicating', async () => {
    const card = await sayAs(demo, 'alex', 'import staff from halo');
    const found = await searchImport(demo, 'alex', card, 'Patti');
    const row = importRows(found)[0];
    expect(row.status).toMatch(/^Matches Patti Fernandez by email: importing links to them \(keeps the role MSP Admin\)/);
    const { summary } = await importWith(demo, 'alex', found, { [`pick_${row.id}`]: 'true', role: 'technician' });
    expect(texts(summary)).toContain('1 linked');
    const patti = await staffByEmail(demo, 'pattif@contoso-it.example');
    expect(patti?.role).toBe('mspAdmin');
    expect(patti?.links?.map((l) => l.source).sort()).toEqual(['connectwise', 'halo']);
  });

  it('from the MSP\'s own Entra ID, the Super Admin from configuration is already staff, and new people are bound by object id', async () => {
    const card = await sayAs(demo, 'alex', 'import staff from entra');
    expect(title(card)).toBe('Import staff from Microsoft Entra ID');
    const rows = importRows(card);
    expect(rows.find((r) => r.name === 'Alex Wilber')?.status).toBe('Already staff: Alex Wilber, Super Admin');
    // The shared mailbox (sign-in blocked) is not offered.
    expect(rows.map((r) => r.name)).not.toContain('Client Portal');
  });
});

describe('two people of one import', () => {
  it('with the same email: one is added, the other skipped with the reason', async () => {
    const people = demo.localPsa.people('autotask');
    const twin = { ...people[0], id: 99000001, firstName: 'Jordan', lastName: 'Twin', email: 'jordan.twin@contoso-it.example', active: true };
    demo.localPsa.setPeople('autotask', [...people, twin, { ...twin, id: 99000002, firstName: 'Jordan', lastName: 'Twin-Copy' }]);
    try {
      const card = await sayAs(demo, 'alex', 'import staff from autotask');
      const found = await searchImport(demo, 'alex', card, 'jordan.twin');
      const rows = importRows(found);
      expect(rows).toHaveLength(2);
      const { summary } = await importWith(demo, 'alex', found, Object.fromEntries([...rows.map((r) => [`pick_${r.id}`, 'true']), ['role', 'technician']]));
      expect(texts(summary)).toContain('1 created');
      expect(texts(summary)).toMatch(/Skipped: has the same email as Jordan Twin(-Copy)?, also in this import/);
      expect((await demo.app.services.repos.staff.list()).filter((member) => member.email === 'jordan.twin@contoso-it.example')).toHaveLength(1);
    } finally {
      demo.localPsa.setPeople('autotask', people);
    }
  });
});

describe('binding at the first message', () => {
  it('binds a staff member imported by email alone when they first write from the MSP tenant, then knows them by object id only', async () => {
    const person = demo.localPsa.people('syncro').find((p) => p.active && p.email && !p.email.startsWith('pattif') && !p.email.startsWith('lynner'))!;
    const card = await sayAs(demo, 'alex', 'import staff from syncro');
    const found = await searchImport(demo, 'alex', card, person.email!);
    const row = importRows(found)[0];
    const { summary } = await importWith(demo, 'alex', found, { [`pick_${row.id}`]: 'true', role: 'technician' });
    expect(texts(summary)).toContain('1 created');
    const waiting = await staffByEmail(demo, person.email!);
    expect(waiting?.identity).toBeUndefined();

    // Their account appears in the MSP's directory (e.g. created after the import).
    const objectId = '7d1c9a52-3b8e-4f6a-9c21-5e0b8d7f4a13';
    demo.integrations.localGraph.tenant(demo.teams.tenantId).add({
      id: objectId,
      displayName: `${person.firstName} ${person.lastName}`,
      givenName: person.firstName,
      surname: person.lastName,
      mail: person.email!.toUpperCase(),
      userPrincipalName: person.email!,
      jobTitle: null,
      mobilePhone: null,
      accountEnabled: true,
      userType: 'Member'
    });
    const someone = { id: 'user-new-tech', name: `${person.firstName} ${person.lastName}`, aadObjectId: objectId };
    const answer = await postActivity(demo.url, channelMessage(demo.teams, someone, 'help'));
    expect(helpCommands(cardOf(answer.replies[0]))).toEqual(['help']);
    const bound = await staffByEmail(demo, person.email!);
    expect(bound?.identity).toEqual({ tenantId: demo.teams.tenantId, objectId });
    expect((await auditOf(demo, 'staff.link')).some((r) => r.target.id === bound!.id && r.result === 'done')).toBe(true);

    // From now on the object id alone: a changed directory email changes nothing.
    demo.integrations.localGraph.tenant(demo.teams.tenantId).update(objectId, { mail: 'renamed@contoso-it.example', userPrincipalName: 'renamed@contoso-it.example' });
    const again = await postActivity(demo.url, personalMessage(demo.teams, someone, 'help'));
    expect(helpCommands(cardOf(again.replies[0]))).toContain('users of <company>');
  });

  it('does not bind a sender whose directory email matches nobody waiting, nor a sender from another tenant', async () => {
    const stranger = { id: 'user-x', name: 'Someone Else', aadObjectId: '33e17a3b-0000-41c2-ad03-c62e8eb031f7' };
    const answer = await postActivity(demo.url, personalMessage(demo.teams, stranger, 'help'));
    expect(texts(cardOf(answer.replies[0]) as Card)).toContain('You are not on the staff list');
    const foreign = { ...demo.teams, tenantId: '11111111-2222-4333-8444-555555555555' };
    const fromElsewhere = await postActivity(demo.url, personalMessage(foreign, demo.people.patti, 'help'));
    expect(texts(cardOf(fromElsewhere.replies[0]) as Card)).toContain('You are not on the staff list');
  });
});

async function allStaffNamed(name: string) {
  return (await demo.app.services.repos.staff.list()).find((member) => member.displayName === name);
}

describe('select all unlinked', () => {
  it('selects every unlinked person with an email across pages, lets one be left out, and imports exactly those', async () => {
    const card = await sayAs(demo, 'alex', 'import staff from autotask');
    const all = await clickAs(demo, 'alex', 'staffImport.page', { ...importBase(card), allUnlinked: 'true' });
    const { rows } = await allImportRows(demo, 'alex', all);
    const unlinked = rows.filter((r) => !r.status.startsWith('Already staff') && !r.status.startsWith('Email used by') && !r.details.startsWith('No email'));
    expect(unlinked.every((r) => r.picked)).toBe(true);
    expect(rows.filter((r) => r.details.startsWith('No email')).every((r) => !r.picked)).toBe(true);
    // The card says how many are selected beyond its ticked boxes.
    const tickedHere = (card: Card) => importRows(card).filter((r) => r.picked).length;
    expect(texts(all)).toContain(`${unlinked.length - tickedHere(all)} more selected, not on this page`);

    // Unticking one of them on its page leaves that person out.
    const leftOut = importRows(all).find((r) => r.picked)!;
    const fewer = await clickAs(demo, 'alex', 'staffImport.page', { ...importBase(all), allUnlinked: 'true', [`pick_${leftOut.id}`]: 'false' });
    expect(texts(fewer)).toContain(`${unlinked.length - 1 - tickedHere(fewer)} more selected, not on this page`);
    const shown = await searchImport(demo, 'alex', fewer, leftOut.name);
    expect(importRows(shown).find((r) => r.id === leftOut.id)?.picked).toBe(false);

    const { confirm, summary } = await importWith(demo, 'alex', shown, { role: 'technician' });
    // The preview counts everyone selected, by what will happen to them, before anything is done.
    const previewed = [...texts(confirm).matchAll(/^(?:New staff, as Technician|Linked to existing staff, keeping their role) \((\d+)\)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(previewed).toBe(unlinked.length - 1);
    expect(texts(confirm)).not.toContain(leftOut.name);
    const counts = /(\d+) created \u00b7 (\d+) linked/.exec(texts(summary))!;
    expect(Number(counts[1]) + Number(counts[2])).toBe(unlinked.length - 1);
    expect(await staffByEmail(demo, `${leftOut.details.split(' \u00b7 ')[0]}`)).toBeUndefined();
  });
});
