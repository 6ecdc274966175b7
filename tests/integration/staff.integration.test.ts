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

describe('possible matches: a staff member who looks like the same person', () => {
  const POSSIBLE_ISAIAH = 'Possible match: Isaiah Langer (isaiahl@contoso-it.example), the same name, another email. Link or create?';

  it('is said on the row, in the colour that draws the eye, with "Link to <name>" and "Create new"; "Select all unlinked" leaves it out', async () => {
    const card = await sayAs(demo, 'alex', 'import staff from syncro');
    const all = await clickAs(demo, 'alex', 'staffImport.page', { ...importBase(card), allUnlinked: 'true' });
    const found = await searchImport(demo, 'alex', all, 'Isaiah');
    const row = importRows(found)[0];
    expect(row.name).toBe('Isaiah Langer');
    expect(row.details).toBe('isaiah.langer@contoso-it.example');
    expect(row.status).toBe(POSSIBLE_ISAIAH);
    expect(row.picked).toBe(false);
    expect(row.actions.map((a) => a.title)).toEqual(['Link to Isaiah Langer', 'Create new', 'Link to existing staff']);
    expect(JSON.stringify(found)).toMatch(/"text":"Possible match: Isaiah Langer[^"]*","color":"Attention"/);
  });

  it('picked but not decided on, it is held: the preview says so, and the import skips it with the reason', async () => {
    const isaiahBefore = await allStaffNamed('Isaiah Langer');
    const card = await sayAs(demo, 'alex', 'import staff from syncro');
    const found = await searchImport(demo, 'alex', card, 'Isaiah');
    const row = importRows(found)[0];
    // Picked alone: nothing can be imported yet, and the row says what to do.
    const refused = await clickAs(demo, 'alex', 'staffImport.confirm', { ...action(found, 'staffImport.confirm').data, [`pick_${row.id}`]: 'true', role: 'technician' });
    expect(texts(refused)).toContain('Nobody selected can be imported yet: choose "Link to \u2026" or "Create new" for each possible match first.');
    expect(texts(refused)).toContain('Choose "Link to Isaiah Langer" or "Create new": a possible match is not imported until you do.');
    // With someone new beside it: the preview names who is held, and the import creates only the other.
    const withOther = await searchImport(demo, 'alex', refused, 'Ethan');
    const other = importRows(withOther)[0];
    expect(other.status).toBe('New');
    const { confirm, summary } = await importWith(demo, 'alex', withOther, { [`pick_${other.id}`]: 'true', role: 'technician' });
    expect(texts(confirm)).toContain('Held: possible match, not imported until you choose "Link to \u2026" or "Create new" (1)');
    expect(texts(confirm)).toContain('Isaiah Langer (possible match: Isaiah Langer)');
    expect(title(confirm)).toBe('Give 1 person the Technician role?');
    expect(texts(summary)).toContain('1 created \u00b7 0 linked \u00b7 0 updated \u00b7 0 unchanged \u00b7 1 skipped');
    expect(texts(summary)).toContain(
      'Skipped: held: possible match with Isaiah Langer (isaiahl@contoso-it.example), the same name, another email; choose "Link to Isaiah Langer" or "Create new" on the import card'
    );
    expect(await allStaffNamed('Isaiah Langer')).toEqual(isaiahBefore);
    expect(await staffByEmail(demo, 'isaiah.langer@contoso-it.example')).toBeUndefined();
  });

  it('"Link to Isaiah Langer" links as a link by hand does, and the import makes them exactly what the row said', async () => {
    const isaiah = (await allStaffNamed('Isaiah Langer'))!;
    const card = await sayAs(demo, 'alex', 'import staff from syncro');
    const found = await searchImport(demo, 'alex', card, 'Isaiah');
    const row = importRows(found)[0];
    const link = row.actions.find((a) => a.title === 'Link to Isaiah Langer')!;
    const linked = await clickAs(demo, 'alex', link.verb, link.data);
    const linkedRow = importRows(linked).find((r) => r.id === row.id)!;
    expect(linkedRow.status).toBe('Links to Isaiah Langer (keeps the role Technician). Afterwards Isaiah Langer, isaiah.langer@contoso-it.example: name and email will follow Syncro');
    expect(linkedRow.picked).toBe(true);
    expect(linkedRow.actions.map((a) => a.title)).toEqual(['Undo link']);
    const { confirm, summary } = await importWith(demo, 'alex', linked, { role: 'mspAdmin' });
    expect(texts(confirm)).toContain('Isaiah Langer \u2192 Isaiah Langer');
    expect(texts(summary)).toContain('0 created \u00b7 1 linked');
    const after = (await demo.app.services.repos.staff.get(isaiah.id))!;
    expect(after).toMatchObject({ displayName: 'Isaiah Langer', email: 'isaiah.langer@contoso-it.example', role: 'technician', follows: 'syncro', identity: isaiah.identity });
    expect((await auditOf(demo, 'staff.linkSource')).find((r) => r.target.id === isaiah.id)?.after).toMatchObject({ source: 'syncro', externalId: row.id, follows: 'syncro', email: 'isaiah.langer@contoso-it.example' });

    // From now on Syncro is where the name changes: the next import follows it, and nothing else.
    const people = demo.localPsa.people('syncro');
    demo.localPsa.setPeople('syncro', people.map((p) => (String(p.id) === row.id ? { ...p, lastName: 'Langer-Okoye' } : p)));
    try {
      const again = await searchImport(demo, 'alex', await sayAs(demo, 'alex', 'import staff from syncro'), 'Isaiah');
      expect(importRows(again)[0].status).toMatch(/^Already staff: Isaiah Langer, Technician/);
      const rerun = await importWith(demo, 'alex', again, { [`pick_${row.id}`]: 'true', role: 'technician' });
      expect(texts(rerun.summary)).toContain('1 updated');
      expect((await demo.app.services.repos.staff.get(isaiah.id))?.displayName).toBe('Isaiah Langer-Okoye');
    } finally {
      demo.localPsa.setPeople('syncro', people);
    }
    const back = await searchImport(demo, 'alex', await sayAs(demo, 'alex', 'import staff from syncro'), 'Isaiah');
    await importWith(demo, 'alex', back, { [`pick_${row.id}`]: 'true', role: 'technician' });
    expect((await demo.app.services.repos.staff.get(isaiah.id))?.displayName).toBe('Isaiah Langer');
  });

  it('"Create new" records the choice: the row says so, can be undone, and importing creates them beside the look-alike', async () => {
    const megan = (await allStaffNamed('Megan Bowen'))!;
    const card = await sayAs(demo, 'alex', 'import staff from syncro');
    const found = await searchImport(demo, 'alex', card, 'Megan');
    const row = importRows(found)[0];
    expect(row.status).toBe('Possible match: Megan Bowen (meganb@contoso-it.example), the same name, another email. Link or create?');
    const create = row.actions.find((a) => a.title === 'Create new')!;
    const chosen = await clickAs(demo, 'alex', create.verb, create.data);
    const chosenRow = importRows(chosen).find((r) => r.id === row.id)!;
    expect(chosenRow.status).toBe('New: you chose to create them although Megan Bowen looks like the same person');
    expect(chosenRow.picked).toBe(true);
    expect(chosenRow.actions.map((a) => a.title)).toEqual(['Link to existing staff', 'Undo "Create new"']);
    // Undone, it is held again; chosen again, "Select all unlinked" now takes it in like anyone new.
    const undo = chosenRow.actions.find((a) => a.title === 'Undo "Create new"')!;
    expect(importRows(await clickAs(demo, 'alex', undo.verb, undo.data)).find((r) => r.id === row.id)?.status).toMatch(/^Possible match: Megan Bowen/);
    const again = await clickAs(demo, 'alex', create.verb, create.data);
    const auto = await clickAs(demo, 'alex', 'staffImport.page', { ...importBase(again), [`pick_${row.id}`]: 'false', allUnlinked: 'true' });
    expect(importRows(auto).find((r) => r.id === row.id)?.picked).toBe(true);
    const off = await clickAs(demo, 'alex', 'staffImport.page', { ...importBase(auto), allUnlinked: 'false' });
    const { confirm, summary } = await importWith(demo, 'alex', off, { [`pick_${row.id}`]: 'true', role: 'technician' });
    expect(texts(confirm)).toContain('New staff, as Technician (1)');
    expect(texts(summary)).toContain('1 created');
    const meganBowens = (await demo.app.services.repos.staff.list()).filter((member) => member.displayName === 'Megan Bowen');
    expect(meganBowens.map((member) => member.email).sort()).toEqual(['megan.bowen@contoso-it.example', 'meganb@contoso-it.example']);
    expect(await demo.app.services.repos.staff.get(megan.id)).toEqual(megan);
  });

  it('the same email written differently (ß for ss) is a possible match too, never linked silently', async () => {
    const cw = demo.localPsa.people('connectwise');
    const halo = demo.localPsa.people('halo');
    const base = { title: 'Network Engineer', active: true };
    demo.localPsa.setPeople('connectwise', [...cw, { ...base, id: 99100001, firstName: 'Weg', lastName: 'Strasse', email: 'weg.strasse@contoso-it.example' }]);
    demo.localPsa.setPeople('halo', [...halo, { ...base, id: 99100002, firstName: 'W.', lastName: 'Straße', email: 'weg.Straße@contoso-it.example' }]);
    try {
      const cwCard = await searchImport(demo, 'alex', await sayAs(demo, 'alex', 'import staff from connectwise'), 'Strasse');
      const cwRow = importRows(cwCard)[0];
      expect(texts((await importWith(demo, 'alex', cwCard, { [`pick_${cwRow.id}`]: 'true', role: 'technician' })).summary)).toContain('1 created');
      const haloCard = await searchImport(demo, 'alex', await sayAs(demo, 'alex', 'import staff from halo'), 'Straße');
      const haloRow = importRows(haloCard)[0];
      expect(haloRow.status).toBe('Possible match: Weg Strasse (weg.strasse@contoso-it.example), the same email written differently. Link or create?');
      expect(haloRow.actions.map((a) => a.title)).toEqual(['Link to Weg Strasse', 'Create new', 'Link to existing staff']);
    } finally {
      demo.localPsa.setPeople('connectwise', cw);
      demo.localPsa.setPeople('halo', halo);
    }
  });
});

describe('linking, missing emails and re-running', () => {
  it('links a row to an existing staff member by hand instead of creating a duplicate; the role is kept, name and email follow the source', async () => {
    const card = await sayAs(demo, 'alex', 'import staff from connectwise');
    const found = await searchImport(demo, 'alex', card, 'Marcus');
    const row = importRows(found)[0];
    expect(row.name).toBe('Marcus Okafor');
    const linkButton = row.actions.find((a) => a.title === 'Link to existing staff')!;
    const form = await clickAs(demo, 'alex', linkButton.verb, linkButton.data);
    expect(title(form)).toBe('Link Marcus Okafor to a staff member');
    // The card says what the staff member is called afterwards, and which source they follow.
    expect(texts(form)).toContain(
      'Name and email will follow ConnectWise Manage: when you import, the staff member you choose becomes Marcus Okafor, marcus.okafor@contoso-it.example, and later changes in ConnectWise Manage reach them at each import.'
    );
    const isaiah = (await allStaffNamed('Isaiah Langer'))!;
    const staffBefore = (await demo.app.services.repos.staff.list()).length;
    const linked = await clickAs(demo, 'alex', 'staffImport.link', { ...action(form, 'staffImport.link').data, staffId: isaiah.id });
    const linkedRow = importRows(linked).find((r) => r.id === row.id)!;
    // (Isaiah Langer was linked to Syncro above, hence a last sync after the status.)
    expect(linkedRow.status.split(' \u00b7 ')[0]).toBe('Links to Isaiah Langer (keeps the role Technician). Afterwards Marcus Okafor, marcus.okafor@contoso-it.example: name and email will follow ConnectWise Manage');
    expect(linkedRow.picked).toBe(true);
    const { confirm, summary } = await importWith(demo, 'alex', linked, { role: 'mspAdmin' });
    expect(texts(confirm)).toContain('Marcus Okafor \u2192 Isaiah Langer');
    expect(texts(summary)).toContain('0 created \u00b7 1 linked');
    expect(texts(summary)).toContain('Linked: to Isaiah Langer (linked by hand; keeps the role Technician). Afterwards Marcus Okafor, marcus.okafor@contoso-it.example: name and email will follow ConnectWise Manage');
    // Exactly what the row said: the same staff member (no duplicate), their role and Microsoft account kept.
    const after = (await demo.app.services.repos.staff.get(isaiah.id))!;
    expect(after).toMatchObject({ displayName: 'Marcus Okafor', email: 'marcus.okafor@contoso-it.example', role: 'technician', follows: 'connectwise', identity: isaiah.identity });
    expect(after.links).toContainEqual(expect.objectContaining({ source: 'connectwise', externalId: row.id }));
    expect(await demo.app.services.repos.staff.list()).toHaveLength(staffBefore);
    // The row now shows as already staff.
    const again = await searchImport(demo, 'alex', await sayAs(demo, 'alex', 'import staff from connectwise'), 'Marcus');
    // The last sync in the viewer's own time zone: the Teams client formats it, the card never says UTC.
    expect(importRows(again)[0].status).toMatch(/^Already staff: Marcus Okafor, Technician \u00b7 last sync \{\{DATE\((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ), SHORT\)\}\} at \{\{TIME\(\1\)\}\}$/);
    // Their Microsoft Entra account says "Isaiah Langer": importing from Entra ID never flips the name back.
    const entra = await searchImport(demo, 'alex', await sayAs(demo, 'alex', 'import staff from entra'), 'Isaiah');
    const entraRow = importRows(entra)[0];
    expect(entraRow.status).toMatch(/^Already staff: Marcus Okafor, Technician/);
    await importWith(demo, 'alex', entra, { [`pick_${entraRow.id}`]: 'true', role: 'technician' });
    expect(await demo.app.services.repos.staff.get(isaiah.id)).toMatchObject({ displayName: 'Marcus Okafor', email: 'marcus.okafor@contoso-it.example', follows: 'connectwise' });
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

describe("the MSP's own Entra ID, someone without a mailbox", () => {
  it('is offered with their sign-in name as the email, marked so on the row, and imported with it, bound by object id', async () => {
    const objectId = '5b9e2c41-7d3a-4e8f-a1b6-0c2d4e6f8a90';
    demo.integrations.localGraph.tenant(demo.teams.tenantId).add({
      id: objectId,
      displayName: 'Jonas Berg',
      givenName: 'Jonas',
      surname: 'Berg',
      mail: null,
      userPrincipalName: 'jonas.berg@contoso-it.example',
      jobTitle: 'Night Shift Technician',
      mobilePhone: null,
      accountEnabled: true,
      userType: 'Member'
    });
    const card = await searchImport(demo, 'alex', await sayAs(demo, 'alex', 'import staff from entra'), 'Jonas');
    const row = importRows(card)[0];
    expect(row.name).toBe('Jonas Berg');
    expect(row.details).toBe('jonas.berg@contoso-it.example \u00b7 Night Shift Technician');
    expect(row.status).toBe('New \u00b7 No mailbox: email from the sign-in name');
    expect(row.emailInput).toBe(false);
    const { summary } = await importWith(demo, 'alex', card, { [`pick_${row.id}`]: 'true', role: 'technician' });
    expect(texts(summary)).toContain('1 created');
    expect(await staffByEmail(demo, 'jonas.berg@contoso-it.example')).toMatchObject({ displayName: 'Jonas Berg', source: 'entra', identity: { tenantId: demo.teams.tenantId, objectId } });
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
    const possible = rows.filter((r) => r.status.startsWith('Possible match:'));
    const unlinked = rows.filter((r) => !r.status.startsWith('Already staff') && !r.status.startsWith('Email used by') && !r.details.startsWith('No email') && !possible.includes(r));
    expect(unlinked.every((r) => r.picked)).toBe(true);
    // A possible match (here the person imported from ConnectWise with a typed email: the same name) waits for a person's choice.
    expect(possible.length).toBeGreaterThan(0);
    expect(possible.every((r) => !r.picked)).toBe(true);
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
