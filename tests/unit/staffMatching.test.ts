import type { Stored } from '../../src/store/documents';
import type { StaffDoc, StaffImportSource } from '../../src/store/model';
import type { SourcePerson } from '../../src/store/repositories/importSessions';
import { followedSource, StaffIndex, type RowChoice } from '../../src/services/staff/matching';

/*
 * How a person of an import source relates to the MSP's staff (services/staff/matching.ts), case by
 * case, and what the row of the import card says about it: linked, linked by hand, the same email, a
 * possible match (domain/personMatch.ts) among the staff who may be linked, or new.
 */

const MSP_TENANT = '7a3f2b1c-0d4e-4f5a-8b6c-9d0e1f2a3b4c';
const at = '2025-01-02T03:04:05.000Z';

function staff(id: string, displayName: string, email: string | undefined, patch: Partial<StaffDoc> = {}): Stored<StaffDoc> {
  return { id, mspId: 'msp', type: 'staff', displayName, email, role: 'technician', source: 'demo', createdAt: at, updatedAt: at, _etag: `"${id}"`, ...patch };
}

const isaiah = staff('s-isaiah', 'Isaiah Langer', 'isaiahl@contoso-it.example');
const weg = staff('s-weg', 'Weg Strasse', 'weg.strasse@contoso-it.example', { source: 'connectwise', role: 'mspAdmin', links: [{ source: 'connectwise', externalId: '150', linkedAt: at }] });
const megan = staff('s-megan', 'Megan Bowen', 'meganb@contoso-it.example', { role: 'superAdmin', identity: { tenantId: MSP_TENANT, objectId: 'obj-megan' } });
/** Linked to another Syncro technician already: never anyone else's match. */
const taken = staff('s-taken', 'Sam Taylor', 'sam.taylor@contoso-it.example', { links: [{ source: 'syncro', externalId: '1299', linkedAt: at }] });
const everyone = [isaiah, weg, megan, taken];

function person(externalId: string, displayName: string, email: string | null): SourcePerson {
  return { id: externalId, displayName, email, jobTitle: null, kind: 'member', accountEnabled: true };
}

const index = (source: StaffImportSource) => new StaffIndex(everyone, source, MSP_TENANT);

describe('StaffIndex.match', () => {
  it.each<[string, StaffImportSource, SourcePerson, RowChoice, string, Stored<StaffDoc> | undefined, string]>([
    ['linked to this very person', 'connectwise', person('150', 'Weg Straße', 'weg.strasse@contoso-it.example'), {}, 'linked', weg, 'Already staff: Weg Strasse, MSP Admin'],
    ['Entra ID: the bound identity', 'entra', person('obj-megan', 'Megan B.', 'other@contoso-it.example'), {}, 'linked', megan, 'Already staff: Megan Bowen, Super Admin'],
    [
      'linked by hand',
      'syncro',
      person('1201', 'Marcus Okafor', 'marcus.okafor@contoso-it.example'),
      { link: 's-isaiah' },
      'willLink',
      isaiah,
      'Links to Isaiah Langer (keeps the role Technician). Afterwards Marcus Okafor, marcus.okafor@contoso-it.example: name and email will follow Syncro'
    ],
    [
      'the same email in another case',
      'syncro',
      person('1202', 'Isaiah L.', 'IsaiahL@contoso-it.example'),
      {},
      'matchesEmail',
      isaiah,
      'Matches Isaiah Langer by email: importing links to them (keeps the role Technician). Afterwards Isaiah L., IsaiahL@contoso-it.example: name and email will follow Syncro'
    ],
    ['the same email, but linked to another person of the source', 'syncro', person('1203', 'S. Taylor', 'sam.taylor@contoso-it.example'), {}, 'emailTaken', taken, 'Email used by Sam Taylor, who is linked to another Syncro person'],
    [
      'the same email written differently (ß for ss)',
      'halo',
      person('7', 'W. Straße', 'weg.straße@contoso-it.example'),
      {},
      'possibleMatch:email',
      weg,
      'Possible match: Weg Strasse (weg.strasse@contoso-it.example), the same email written differently. Link or create?'
    ],
    [
      'the same name, surname first, with another email',
      'syncro',
      person('1204', 'Langer, Isaiah', 'isaiah.langer@contoso-it.example'),
      {},
      'possibleMatch:name',
      isaiah,
      'Possible match: Isaiah Langer (isaiahl@contoso-it.example), the same name, another email. Link or create?'
    ],
    ['the same name, no email in the source', 'syncro', person('1205', 'isaiah langer', null), {}, 'possibleMatch:name', isaiah, 'Possible match: Isaiah Langer (isaiahl@contoso-it.example), the same name, another email. Link or create?'],
    [
      'a possible match someone chose to create anyway',
      'syncro',
      person('1204', 'Langer, Isaiah', 'isaiah.langer@contoso-it.example'),
      { createNew: true },
      'possibleMatch:name:new',
      isaiah,
      'New: you chose to create them although Isaiah Langer looks like the same person'
    ],
    ['the same name as a staff member linked to another person of the source', 'syncro', person('1206', 'Sam Taylor', 'sam@gmail.example'), {}, 'new', undefined, 'New'],
    ['Entra ID: the same name as a staff member bound to another account', 'entra', person('obj-other', 'Megan Bowen', 'megan.bowen@contoso-it.example'), {}, 'new', undefined, 'New'],
    ['a link by hand to someone who cannot be linked falls back to the rules', 'syncro', person('1207', 'Sam Taylor', 'sam.t@contoso-it.example'), { link: 's-taken' }, 'new', undefined, 'New'],
    ['someone else', 'syncro', person('1208', 'Ava Martin', 'ava.martin@contoso-it.example'), {}, 'new', undefined, 'New'],
    ['the same first name only', 'syncro', person('1209', 'Isaiah Chen', 'isaiah.chen@contoso-it.example'), {}, 'new', undefined, 'New']
  ])('%s', (_case, source, who, choice, expected, member, text) => {
    const staffIndex = index(source);
    const match = staffIndex.match(who, who.email, choice);
    const got = match.status === 'possibleMatch' ? `possibleMatch:${match.reason}${match.createNew ? ':new' : ''}` : match.status;
    expect(got).toBe(expected);
    expect(match.status === 'new' ? undefined : match.staff).toBe(member);
    expect(staffIndex.statusText(match, who, who.email)).toBe(text);
  });
});

describe('after a link', () => {
  const syncro = index('syncro');
  it.each([
    ['the source has an email: it is theirs from then on', person('1201', 'Marcus Okafor', 'marcus.okafor@contoso-it.example'), isaiah, { displayName: 'Marcus Okafor', email: 'marcus.okafor@contoso-it.example' }],
    ['the source has none: they keep their own', person('1201', 'Marcus Okafor', null), isaiah, { displayName: 'Marcus Okafor', email: 'isaiahl@contoso-it.example', emailKept: 'Syncro has none' }],
    ["the source's email is another staff member's: they keep their own", person('1201', 'Marcus Okafor', 'meganb@contoso-it.example'), isaiah, { displayName: 'Marcus Okafor', email: 'isaiahl@contoso-it.example', emailKept: "meganb@contoso-it.example is Megan Bowen's" }],
    ['their own email, in another case', person('1201', 'Isaiah Langer', 'ISAIAHL@contoso-it.example'), isaiah, { displayName: 'Isaiah Langer', email: 'ISAIAHL@contoso-it.example' }]
  ])('%s', (_case, who, member, outcome) => {
    expect(syncro.afterLink(member, who, who.email)).toEqual(outcome);
  });

  it('says so on the row', () => {
    expect(syncro.afterLinkText({ displayName: 'Marcus Okafor', email: 'isaiahl@contoso-it.example', emailKept: 'Syncro has none' })).toBe(
      'Afterwards Marcus Okafor, isaiahl@contoso-it.example (kept: Syncro has none): name and email will follow Syncro'
    );
  });
});

describe('followedSource: the one source a staff member follows, so a name never flips between two', () => {
  it.each<[string, Partial<StaffDoc>, StaffImportSource]>([
    ['the source an import last linked them to', { source: 'connectwise', follows: 'halo' }, 'halo'],
    ['else the source they came from', { source: 'connectwise' }, 'connectwise'],
    ['the first Super Admin, from configuration: Entra ID', { source: 'configuration' }, 'entra'],
    ['demo staff: Entra ID', { source: 'demo' }, 'entra']
  ])('%s', (_case, patch, expected) => {
    expect(followedSource(staff('s', 'S', undefined, patch))).toBe(expected);
  });
});
