import { emailMatchKey, matchPerson, nameMatchKey, possibleMatchText, type KnownPerson } from '../../../src/domain/personMatch';

/*
 * DESIGN.md, "Imports": the right person, once. An exact email links (as it always did); an email that
 * is the same once folded, or the same name with another address, is only a *possible* match, held
 * for a person to choose "link" or "create"; anything else is new.
 */
const weg: KnownPerson = { id: 'u-weg', displayName: 'Weg Strasse', email: 'weg.strasse@northwind.example' };
const zoe: KnownPerson = { id: 'u-zoe', displayName: "Zoë O'Brien", email: 'zoe.obrien@northwind.example' };
const sam: KnownPerson = { id: 'u-sam', displayName: 'Sam Taylor', email: 'Sam.Taylor@northwind.example' };
const noMail: KnownPerson = { id: 'u-desk', displayName: 'Front Desk', email: null };
const known = [weg, zoe, sam, noMail];

describe('matchPerson', () => {
  it.each([
    ['the same address in another case', { name: 'Weg', email: 'WEG.STRASSE@northwind.example' }, 'exact', weg],
    ['the same address with spaces around it', { name: 'Someone', email: '  sam.taylor@northwind.example ' }, 'exact', sam],
    ['ß written for ss', { name: 'W. Straße', email: 'weg.Straße@northwind.example' }, 'possible:email', weg],
    ['capital ẞ', { name: 'W', email: 'WEG.STRAẞE@NORTHWIND.EXAMPLE' }, 'possible:email', weg],
    ['fullwidth letters', { name: 'S', email: 'ｓａｍ.ｔａｙｌｏｒ@northwind.example' }, 'possible:email', sam],
    ['the same name with another address', { name: 'Sam Taylor', email: 'sam@contoso.example' }, 'possible:name', sam],
    ['surname first, with a comma', { name: 'Taylor, Sam', email: 'st@contoso.example' }, 'possible:name', sam],
    ['without accents, apostrophe or capitals', { name: 'zoe obrien', email: 'zo@gmail.example' }, 'possible:name', zoe],
    ['extra spaces in the name', { name: '  Weg   Strasse ', email: null }, 'possible:name', weg],
    ['a person with no email, by name', { name: 'front desk', email: 'desk@northwind.example' }, 'possible:name', noMail],
    ['someone else', { name: 'Ava Martin', email: 'ava.martin@northwind.example' }, 'none', undefined],
    ['a different person sharing a first name', { name: 'Sam Chen', email: 'sam.chen@northwind.example' }, 'none', undefined],
    ['a name with no letters matches nobody', { name: '—', email: null }, 'none', undefined],
    ['no email and an unknown name', { name: 'Liam', email: '' }, 'none', undefined]
  ] as const)('%s', (_case, candidate, expected, person) => {
    const match = matchPerson(candidate, known);
    const got = match.kind === 'possible' ? `possible:${match.reason}` : match.kind;
    expect(got).toBe(expected);
    if (match.kind !== 'none') expect(match.person).toBe(person);
  });

  it('prefers an exact email over a folded one and over a name', () => {
    const twin = { id: 'u-twin', displayName: 'Weg Strasse', email: 'weg.straße@northwind.example' };
    expect(matchPerson({ name: 'Weg Strasse', email: 'weg.straße@northwind.example' }, [weg, twin])).toEqual({ kind: 'exact', person: twin });
    expect(matchPerson({ name: 'Weg Strasse', email: 'weg.strasse@other.example' }, [weg, twin])).toEqual({ kind: 'possible', person: weg, reason: 'name' });
  });

  it('matches nobody among nobody', () => {
    expect(matchPerson({ name: 'Sam Taylor', email: 'sam.taylor@northwind.example' }, [])).toEqual({ kind: 'none' });
  });
});

describe('the keys', () => {
  it.each([
    ['weg.Straße@x.example', 'weg.strasse@x.example'],
    [' Sam.Taylor@X.example ', 'sam.taylor@x.example'],
    ['ﬁona@x.example', 'fiona@x.example'],
    ['ΣΟΦΙΑ@x.example', 'σοφια@x.example']
  ])('email %j folds to %j', (email, key) => {
    expect(emailMatchKey(email)).toBe(key);
  });

  it.each([
    ["Zoë O'Brien", 'obrien zoe'],
    ['Taylor, Sam', 'sam taylor'],
    ['  SAM   TAYLOR ', 'sam taylor'],
    ['José-Luis Núñez', 'jose luis nunez'],
    ['...', '']
  ])('name %j is keyed %j', (name, key) => {
    expect(nameMatchKey(name)).toBe(key);
  });
});

describe('possibleMatchText', () => {
  it('names the person, their email and why, and asks to choose', () => {
    expect(possibleMatchText(weg, 'email')).toBe('Possible match: Weg Strasse (weg.strasse@northwind.example), the same email written differently. Link or create?');
    expect(possibleMatchText(noMail, 'name')).toBe('Possible match: Front Desk, the same name, another email. Link or create?');
  });
});
