import { readCsv, type CsvTable } from '../../../src/csv/readCsv';
import { writeCsv } from '../../../src/csv/writeCsv';
import {
  PORTAL_USER_CSV_COLUMNS,
  PORTAL_USER_CSV_TEMPLATE,
  mapImportHeader,
  parseCompanyRole,
  planPortalUserImport,
  type HeldRow,
  type ImportCandidate,
  type RowOutcome
} from '../../../src/domain/portalUserImport';
import type { KnownPerson } from '../../../src/domain/personMatch';
import type { CompanyRole } from '../../../src/domain/roles';

const NONE: readonly KnownPerson[] = [];

/** Portal users known only by their email (no name to match on). */
function withEmails(...emails: string[]): KnownPerson[] {
  return emails.map((email, i) => ({ id: `u${i}`, displayName: '', email }));
}

function plan(csv: string, existing: readonly KnownPerson[] = NONE, allowedRoles?: readonly CompanyRole[]) {
  const result = planPortalUserImport(readCsv(csv), existing, allowedRoles);
  if (!result.ok) throw new Error(`expected a plan, got: ${result.reason}`);
  return result;
}

const rowNumbers = (items: { rowNumber: number }[]) => items.map((i) => i.rowNumber);

describe('PORTAL_USER_CSV_COLUMNS', () => {
  it('lists the template columns in order', () => {
    expect(PORTAL_USER_CSV_COLUMNS).toEqual(['name', 'email', 'phone', 'role']);
  });
});

describe('mapImportHeader', () => {
  it.each<[string, string[], { name: number; email: number; phone?: number; role?: number }]>([
    ['the template header', ['Name', 'Email', 'Phone', 'Role'], { name: 0, email: 1, phone: 2, role: 3 }],
    ['lower case, reordered', ['role', 'email', 'name'], { name: 2, email: 1, role: 0 }],
    ['spaces around names', ['  NAME ', ' EMAIL  '], { name: 0, email: 1 }],
    ['Full name / E-mail / Telephone / Company role', ['Full name', 'E-mail', 'Telephone', 'Company role'], { name: 0, email: 1, phone: 2, role: 3 }],
    ['Display Name / Email Address / Phone Number', ['Display Name', 'Email Address', 'Phone Number'], { name: 0, email: 1, phone: 2 }],
    ['mail / mobile', ['name', 'mail', 'mobile'], { name: 0, email: 1, phone: 2 }],
    ['snake and camel case', ['full_name', 'emailAddress', 'phone_number'], { name: 0, email: 1, phone: 2 }],
    ['unknown and empty columns ignored', ['Id', 'Name', '', 'Notes', 'Email', ''], { name: 1, email: 4 }]
  ])('maps %s', (_name, header, columns) => {
    expect(mapImportHeader(header)).toEqual({ ok: true, columns });
  });

  it('leaves optional columns out when absent', () => {
    const result = mapImportHeader(['Name', 'Email']);
    expect(result.ok && 'phone' in result.columns).toBe(false);
    expect(result.ok && 'role' in result.columns).toBe(false);
  });

  const HINT = 'The first row must name the columns: Name, Email, Phone, Role (download the template).';
  it.each([
    ['no name column', ['Email', 'Phone'], `The header has no name column. ${HINT}`],
    ['no email column', ['Name', 'Phone'], `The header has no email column. ${HINT}`],
    ['neither', ['Ava Martin', 'ava@example.com'], `The header has no name and no email column. ${HINT}`],
    [
      'two email columns',
      ['Name', 'Email', 'Phone', 'E-mail'],
      'The header has two email columns ("Email" in column B and "E-mail" in column D); keep one.'
    ],
    [
      'two name columns',
      ['Full name', 'Email', 'Display name'],
      'The header has two name columns ("Full name" in column A and "Display name" in column C); keep one.'
    ],
    [
      'two phone columns',
      ['Name', 'Email', 'Phone', 'Mobile'],
      'The header has two phone columns ("Phone" in column C and "Mobile" in column D); keep one.'
    ]
  ])('refuses a header with %s', (_name, header, reason) => {
    expect(mapImportHeader(header)).toEqual({ ok: false, reason });
  });
});

describe('parseCompanyRole', () => {
  it.each<[string, CompanyRole | undefined]>([
    ['Admin', 'admin'],
    ['ADMIN', 'admin'],
    [' admin ', 'admin'],
    ['Manager', 'manager'],
    ['User', 'user'],
    ['user', 'user'],
    ['Training Only', 'trainingOnly'],
    ['training only', 'trainingOnly'],
    ['TrainingOnly', 'trainingOnly'],
    ['trainingOnly', 'trainingOnly'],
    ['training-only', 'trainingOnly'],
    ['training_only', 'trainingOnly'],
    ['TRAINING  ONLY', 'trainingOnly'],
    ['', undefined],
    ['Owner', undefined],
    ['Training', undefined],
    ['constructor', undefined],
    ['toString', undefined]
  ])('%j → %j', (raw, role) => {
    expect(parseCompanyRole(raw)).toBe(role);
  });
});

describe('planPortalUserImport', () => {
  it('refuses the whole file when the header cannot be mapped', () => {
    expect(planPortalUserImport(readCsv('Name,Phone\nAva,123\n'), NONE)).toEqual({
      ok: false,
      reason:
        'The header has no email column. The first row must name the columns: Name, Email, Phone, Role (download the template).'
    });
  });

  it('refuses a header-only file: it has nobody to import', () => {
    expect(planPortalUserImport(readCsv('Name,Email,Phone,Role\r\n'), NONE)).toEqual({
      ok: false,
      reason: 'The file has nobody to import: it has a header and no rows. Add one person per row under the header (name, email, phone, role), then send it again.'
    });
  });

  it('turns valid rows into candidates with normalised values, in file order', () => {
    const result = plan(
      [
        'Name;E-mail;Mobile;Role',
        '  Zoë   Ångström ;ZOE@Example.com; +46 8 123\u00a0456 ;Training Only',
        '山田太郎;yamada@example.jp;;',
        '"O\'Brien, Liam";liam@example.com;(425) 555-0100;manager'
      ].join('\r\n')
    );
    expect(result.candidates).toEqual<ImportCandidate[]>([
      {
        rowNumber: 2,
        displayName: 'Zoë Ångström',
        email: 'ZOE@Example.com',
        emailKey: 'zoe@example.com',
        phone: '+46 8 123 456',
        role: 'trainingOnly'
      },
      { rowNumber: 3, displayName: '山田太郎', email: 'yamada@example.jp', emailKey: 'yamada@example.jp', role: 'user' },
      {
        rowNumber: 4,
        displayName: "O'Brien, Liam",
        email: 'liam@example.com',
        emailKey: 'liam@example.com',
        phone: '(425) 555-0100',
        role: 'manager'
      }
    ]);
    expect(result.skipped).toEqual([]);
    expect(result.failed).toEqual([]);
  });

  it('uses User when there is no role column', () => {
    expect(plan('Name,Email\nAva,ava@example.com\n').candidates.map((c) => c.role)).toEqual(['user']);
  });

  it('is not troubled by extra cells beyond the header', () => {
    const result = plan('Name,Email\nAva,ava@example.com,note,more\n');
    expect(rowNumbers(result.candidates)).toEqual([2]);
    expect(result.failed).toEqual([]);
  });

  it('skips duplicates within the file, naming the first row, case-insensitively', () => {
    const result = plan(
      [
        'Name,Email,Notes',
        'Ava,ava@example.com', // 2
        '', // 3: blank, still counted
        'Bo Berg,bo@example.com,"a note', // 4: one row over two lines
        'on two lines"',
        'Ava again,AVA@example.com', // 5
        'Bo again, bo@EXAMPLE.com ', // 6
        'Cy,cy@example.com', // 7
        'Ava thrice,ava@example.com' // 8
      ].join('\n')
    );
    expect(rowNumbers(result.candidates)).toEqual([2, 4, 7]);
    expect(result.candidates[1].displayName).toBe('Bo Berg');
    expect(result.skipped).toEqual<RowOutcome[]>([
      { rowNumber: 5, name: 'Ava again', email: 'AVA@example.com', reason: 'Duplicate of row 2 (same email).' },
      { rowNumber: 6, name: 'Bo again', email: 'bo@EXAMPLE.com', reason: 'Duplicate of row 4 (same email).' },
      { rowNumber: 8, name: 'Ava thrice', email: 'ava@example.com', reason: 'Duplicate of row 2 (same email).' }
    ]);
  });

  it('skips people who are already portal users of the company, case-insensitively', () => {
    const existing = withEmails('ava@example.com', 'bo@example.com');
    const result = plan('Name,Email\nAva,Ava@Example.com\nCy,cy@example.com\nBo, BO@example.com\n', existing);
    expect(rowNumbers(result.candidates)).toEqual([3]);
    expect(result.skipped).toEqual<RowOutcome[]>([
      { rowNumber: 2, name: 'Ava', email: 'Ava@Example.com', reason: 'Already a portal user of this company.' },
      { rowNumber: 4, name: 'Bo', email: 'BO@example.com', reason: 'Already a portal user of this company.' }
    ]);
  });

  it('lets a later valid row import an email whose first row failed', () => {
    const result = plan('Name,Email,Role\nAva,ava@example.com,Owner\nAva,ava@example.com,Admin\nAva,ava@example.com,User\n');
    expect(rowNumbers(result.failed)).toEqual([2]);
    expect(rowNumbers(result.candidates)).toEqual([3]);
    expect(result.skipped).toEqual([{ rowNumber: 4, name: 'Ava', email: 'ava@example.com', reason: 'Duplicate of row 3 (same email).' }]);
  });

  const ROLES = 'expected Admin, Manager, User or Training Only';
  it.each<[string, string, RowOutcome]>([
    ['missing name', ',ava@example.com,,', { rowNumber: 2, email: 'ava@example.com', reason: 'The name is missing.' }],
    [
      'name too long',
      `${'a'.repeat(101)},ava@example.com,,`,
      { rowNumber: 2, name: 'a'.repeat(101), email: 'ava@example.com', reason: 'The name is longer than 100 characters.' }
    ],
    [
      'name with a line break',
      '"Ava\nMartin",ava@example.com,,',
      { rowNumber: 2, name: 'Ava Martin', email: 'ava@example.com', reason: 'The name contains a control character (such as a tab or line break).' }
    ],
    ['missing email', 'Ava,,,', { rowNumber: 2, name: 'Ava', reason: 'The email address is missing.' }],
    ['invalid email', 'Ava,ava.example.com,,', { rowNumber: 2, name: 'Ava', email: 'ava.example.com', reason: 'The email address "ava.example.com" is not valid.' }],
    [
      'invalid phone',
      'Ava,ava@example.com,call me,',
      {
        rowNumber: 2,
        name: 'Ava',
        email: 'ava@example.com',
        reason: 'The phone number "call me" is not valid; use digits, spaces and + ( ) - . / (and "ext" for an extension).'
      }
    ],
    ['unknown role', 'Ava,ava@example.com,,Owner', { rowNumber: 2, name: 'Ava', email: 'ava@example.com', reason: `The role "Owner" is unknown; ${ROLES}.` }],
    [
      'several problems at once',
      ',not-an-email,,Boss',
      {
        rowNumber: 2,
        email: 'not-an-email',
        reason: `The name is missing. The email address "not-an-email" is not valid. The role "Boss" is unknown; ${ROLES}.`
      }
    ]
  ])('fails a row with %s', (_name, row, outcome) => {
    const result = plan(`Name,Email,Phone,Role\nFirst,first@example.com,,\n\n${row}\nLast,last@example.com,,\n`);
    // The bad row sits after a blank line (row 4), so its number must come from the file, not a counter.
    expect(result.failed).toEqual([{ ...outcome, rowNumber: 4 }]);
    expect(rowNumbers(result.candidates)).toEqual([2, 5]);
    expect(result.skipped).toEqual([]);
  });

  it('prefers failing a bad row over skipping it as a duplicate', () => {
    const result = plan('Name,Email,Phone\nAva,ava@example.com,\nAva,ava@example.com,call me\n');
    expect(rowNumbers(result.failed)).toEqual([3]);
    expect(result.skipped).toEqual([]);
  });

  describe('roles the importer may give', () => {
    const csv = 'Name,Email,Role\nA,a@example.com,Admin\nB,b@example.com,Manager\nC,c@example.com,User\nD,d@example.com,Training Only\nE,e@example.com,\n';

    it('refuses roles outside allowedRoles, naming the allowed ones', () => {
      const result = plan(csv, NONE, ['user', 'trainingOnly']);
      expect(result.failed).toEqual<RowOutcome[]>([
        { rowNumber: 2, name: 'A', email: 'a@example.com', reason: 'You may not give the role Admin; you may give User or Training Only.' },
        { rowNumber: 3, name: 'B', email: 'b@example.com', reason: 'You may not give the role Manager; you may give User or Training Only.' }
      ]);
      expect(result.candidates.map((c) => [c.rowNumber, c.role])).toEqual([
        [4, 'user'],
        [5, 'trainingOnly'],
        [6, 'user']
      ]);
    });

    it('applies the limit to the default role too', () => {
      const result = plan('Name,Email,Role\nE,e@example.com,\n', NONE, ['trainingOnly']);
      expect(result.failed).toEqual([
        { rowNumber: 2, name: 'E', email: 'e@example.com', reason: 'You may not give the role User; you may give Training Only.' }
      ]);
    });

    it('allows every role when allowedRoles is not given', () => {
      expect(plan(csv).candidates).toHaveLength(5);
    });
  });

  it('handles 10 000 rows', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `User ${i},user${i % 9_000}@example.com`);
    const result = plan(`Name,Email\n${lines.join('\n')}\n`, withEmails('user0@example.com'));
    expect(result.candidates).toHaveLength(8_999);
    expect(result.skipped).toHaveLength(1_001);
    expect(result.skipped.slice(0, 3)).toEqual<RowOutcome[]>([
      { rowNumber: 2, name: 'User 0', email: 'user0@example.com', reason: 'Already a portal user of this company.' },
      { rowNumber: 9_002, name: 'User 9000', email: 'user0@example.com', reason: 'Already a portal user of this company.' },
      { rowNumber: 9_003, name: 'User 9001', email: 'user1@example.com', reason: 'Duplicate of row 3 (same email).' }
    ]);
  });
});

describe('planPortalUserImport: possible matches are held for a person to choose', () => {
  const weg: KnownPerson = { id: 'u-weg', displayName: 'Weg Strasse', email: 'weg.strasse@northwind.example' };
  const zoe: KnownPerson = { id: 'u-zoe', displayName: "Zoë O'Brien", email: 'zoe.obrien@northwind.example' };
  const sam: KnownPerson = { id: 'u-sam', displayName: 'Sam Taylor', email: 'Sam.Taylor@northwind.example' };
  const company = [weg, zoe, sam];
  const SAME_EMAIL = 'the same email written differently';
  const SAME_NAME = 'the same name, another email';

  it.each<[string, string, 'created' | 'skipped' | 'held' | 'failed', string | undefined]>([
    ['the same address in another case', 'Weg,WEG.STRASSE@northwind.example', 'skipped', 'Already a portal user of this company.'],
    ['ß written for ss', 'W. Straße,weg.Straße@northwind.example', 'held', `Possible match: Weg Strasse (weg.strasse@northwind.example), ${SAME_EMAIL} — create anyway?`],
    ['fullwidth letters', 'S,ｓａｍ.ｔａｙｌｏｒ@northwind.example', 'held', `Possible match: Sam Taylor (Sam.Taylor@northwind.example), ${SAME_EMAIL} — create anyway?`],
    ['the same name with another address', 'Sam Taylor,sam@contoso.example', 'held', `Possible match: Sam Taylor (Sam.Taylor@northwind.example), ${SAME_NAME} — create anyway?`],
    ['surname first, with a comma', '"Taylor, Sam",st@contoso.example', 'held', `Possible match: Sam Taylor (Sam.Taylor@northwind.example), ${SAME_NAME} — create anyway?`],
    ['without accents or apostrophe', 'zoe obrien,zo@gmail.example', 'held', `Possible match: Zoë O'Brien (zoe.obrien@northwind.example), ${SAME_NAME} — create anyway?`],
    ['someone else', 'Ava Martin,ava.martin@northwind.example', 'created', undefined],
    ['a different person sharing a first name', 'Sam Chen,sam.chen@northwind.example', 'created', undefined],
    ['a possible match with a bad email fails first', 'Sam Taylor,not-an-email', 'failed', 'The email address "not-an-email" is not valid.']
  ])('%s', (_case, line, expected, reason) => {
    const result = plan(`Name,Email\n${line}\n`, company);
    const got = result.candidates.length ? 'created' : result.skipped.length ? 'skipped' : result.held.length ? 'held' : 'failed';
    expect(got).toBe(expected);
    const row = [...result.skipped, ...result.held, ...result.failed][0];
    expect(row?.reason).toBe(reason);
  });

  it('holds a row with what creating it needs, and who it may be', () => {
    const result = plan('Name,Email,Phone,Role\nW. Straße,weg.Straße@northwind.example,+49 30  1234,Manager\n', company);
    expect(result.candidates).toEqual([]);
    expect(result.held).toEqual<HeldRow[]>([
      {
        rowNumber: 2,
        displayName: 'W. Straße',
        email: 'weg.Straße@northwind.example',
        emailKey: 'weg.straße@northwind.example',
        phone: '+49 30 1234',
        role: 'manager',
        match: { userId: 'u-weg', name: 'Weg Strasse', email: 'weg.strasse@northwind.example', reason: 'email' },
        matchText: `Weg Strasse (weg.strasse@northwind.example), ${SAME_EMAIL}`,
        reason: `Possible match: Weg Strasse (weg.strasse@northwind.example), ${SAME_EMAIL} — create anyway?`
      }
    ]);
  });

  it('holds a row whose email is an earlier row’s written differently, and skips an exact repeat', () => {
    const result = plan('Name,Email\nFiona Fox,ﬁona@x.example\nFiona F.,fiona@x.example\nFiona Again,FIONA@x.example\nFee,ﬁona@X.example\n');
    expect(rowNumbers(result.candidates)).toEqual([2]);
    expect(result.held.map((r) => [r.rowNumber, r.reason])).toEqual([[3, `Possible match: row 2, Fiona Fox (ﬁona@x.example), ${SAME_EMAIL} — create anyway?`]]);
    expect(result.skipped).toEqual<RowOutcome[]>([
      { rowNumber: 4, name: 'Fiona Again', email: 'FIONA@x.example', reason: 'Duplicate of row 3 (same email).' },
      { rowNumber: 5, name: 'Fee', email: 'ﬁona@X.example', reason: 'Duplicate of row 2 (same email).' }
    ]);
  });

  it('does not hold rows of the same file for sharing a name: only an email written differently is a match there', () => {
    const result = plan('Name,Email\nAva Martin,ava@one.example\nAva Martin,ava@two.example\n');
    expect(rowNumbers(result.candidates)).toEqual([2, 3]);
    expect(result.held).toEqual([]);
  });

  it('prefers the company’s person over an earlier row, and a held row still claims its email', () => {
    const result = plan('Name,Email\nW,weg.Straße@northwind.example\nWeg Strasse,weg.strasse@other.example\nCopy,WEG.STRASSE@other.example\n', company);
    expect(result.held.map((r) => [r.rowNumber, r.match.userId])).toEqual([
      [2, 'u-weg'],
      [3, 'u-weg']
    ]);
    expect(result.skipped).toEqual<RowOutcome[]>([{ rowNumber: 4, name: 'Copy', email: 'WEG.STRASSE@other.example', reason: 'Duplicate of row 3 (same email).' }]);
  });

  it('compares 10 000 rows with 10 000 people by their keys', () => {
    const people = Array.from({ length: 10_000 }, (_, i) => ({ id: `p${i}`, displayName: `Person ${i}`, email: `person.${i}@old.example` }));
    const lines = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? `Person ${i},person.${i}@new.example` : `Newcomer ${i},newcomer.${i}@new.example`));
    const result = plan(`Name,Email\n${lines.join('\n')}\n`, people);
    expect(result.candidates).toHaveLength(5_000);
    expect(result.held).toHaveLength(5_000);
    expect(result.held[0]).toMatchObject({ rowNumber: 3, match: { userId: 'p1', reason: 'name' } });
  });
});

describe('PORTAL_USER_CSV_TEMPLATE', () => {
  it('is a BOM-prefixed CSV with the documented header', () => {
    expect(PORTAL_USER_CSV_TEMPLATE.startsWith('\uFEFFName,Email,Phone,Role\r\n')).toBe(true);
  });

  it('imports nobody as downloaded: its note and examples are comment lines, and the plan says why', () => {
    const table: CsvTable = readCsv(PORTAL_USER_CSV_TEMPLATE, { commentPrefix: '#' });
    expect(table.rows).toEqual([]);
    expect(table.commentRows).toBe(3);
    const result = planPortalUserImport(table, NONE);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toBe(
      "The file has nobody to import: under its header there are only lines starting with # (such as the template's examples), which are never imported. " +
        'Add one person per row under the header (name, email, phone, role), then send it again.'
    );
  });

  it('holds no example outside a comment line', () => {
    const lines = PORTAL_USER_CSV_TEMPLATE.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Name,Email,Phone,Role');
    expect(lines.slice(1).every((line) => line.startsWith('#'))).toBe(true);
    expect(PORTAL_USER_CSV_TEMPLATE).toContain('ava.martin@example.com');
  });

  it('plans to its two examples once their # is taken out', () => {
    const edited = PORTAL_USER_CSV_TEMPLATE.replace(/^# /gm, '');
    const result = plan(edited);
    expect(result.candidates).toEqual<ImportCandidate[]>([
      { rowNumber: 3, displayName: 'Ava Martin', email: 'ava.martin@example.com', emailKey: 'ava.martin@example.com', phone: '+1 425 555 0100', role: 'admin' },
      { rowNumber: 4, displayName: "Liam O'Brien", email: 'liam.obrien@example.com', emailKey: 'liam.obrien@example.com', role: 'user' }
    ]);
    // The note, without its #, is a row of its own that fails (no email), never a person.
    expect(rowNumbers(result.failed)).toEqual([2]);
  });

  it('re-imports a file the app exported, formula guards and all', () => {
    const exported = writeCsv(['Name', 'Email', 'Phone'], [['-Minus Person', 'minus@example.com', '+33 1 23 45 67 89']]);
    expect(exported).toContain("'-Minus Person,minus@example.com,'+33 1 23 45 67 89");
    const [candidate] = plan(exported).candidates;
    expect(candidate.displayName).toBe('-Minus Person');
    expect(candidate.phone).toBe('+33 1 23 45 67 89');
  });
});
