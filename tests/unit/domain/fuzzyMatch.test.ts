import { allowedEdits, closestNames, editDistance, foldName, nameDistance } from '../../../src/domain/fuzzyMatch';

/*
 * "Did you mean" for a company name that matches nothing: what a person mistypes (a letter missing,
 * doubled, swapped or wrong; another case, accents, punctuation) finds the company meant, and what is
 * nowhere near any name finds nothing rather than a random company.
 */

const COMPANIES = ['Fabrikam, Inc.', 'Northwind Traders', 'Tailspin Toys', 'Wide World Importers', 'Adatum Corporation', 'Contoso IT Services', 'Zoë Ångström GmbH'];
const suggest = (typed: string, limit?: number) => closestNames(typed, COMPANIES, (n) => n, { limit }).map((s) => s.name);

describe('foldName', () => {
  it.each([
    ['Fabrikam, Inc.', 'fabrikam inc'],
    ['  Zoë   Ångström GmbH ', 'zoe angstrom gmbh'],
    ['ＦＡＢＲＩＫＡＭ', 'fabrikam'],
    ['A+B (Holdings)', 'a b holdings'],
    ['', '']
  ])('%j folds to %j', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['fabrikam', 'fabrikam', 0],
    ['fabrkam', 'fabrikam', 1],
    ['fabriikam', 'fabrikam', 1],
    ['fabrikan', 'fabrikam', 1],
    ['fabrikma', 'fabrikam', 1],
    ['northwind', 'nortwhind', 1],
    ['kitten', 'sitting', 3],
    ['zoë', 'zoe', 1]
  ])('%j to %j is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('allowedEdits', () => {
  it.each([
    [1, 0],
    [2, 0],
    [3, 1],
    [5, 1],
    [6, 2],
    [8, 2],
    [9, 3],
    [40, 3]
  ])('a typed text of %i letters allows %i edits', (length, edits) => {
    expect(allowedEdits(length)).toBe(edits);
  });
});

describe('nameDistance', () => {
  it.each([
    ['fabrkam', 'fabrikam inc', 1],
    ['northwnd tra', 'northwind traders', 2],
    ['traders', 'northwind traders', 0],
    ['wide wrld', 'wide world importers', 1],
    ['', 'fabrikam', Number.POSITIVE_INFINITY]
  ])('%j from %j is %d', (typed, name, d) => {
    expect(nameDistance(typed, name)).toBe(d);
  });
});

describe('closestNames', () => {
  it.each([
    ['Fabrkam', ['Fabrikam, Inc.']],
    ['fabrikma', ['Fabrikam, Inc.']],
    ['FABRIKAM INK', ['Fabrikam, Inc.']],
    ['Nortwind', ['Northwind Traders']],
    ['Northwind Tradres', ['Northwind Traders']],
    ['Tailspinn', ['Tailspin Toys']],
    ['Wide Wrld', ['Wide World Importers']],
    ['Adatum Corp', ['Adatum Corporation']],
    ['Adatun', ['Adatum Corporation']],
    ['Zoe Angstrom', ['Zoë Ångström GmbH']],
    ['Contsoo', ['Contoso IT Services']]
  ])('%j suggests %j', (typed, expected) => {
    expect(suggest(typed)).toEqual(expected);
  });

  it.each(['Litware', 'xyz', 'Proseware', 'ab', 'q', '', '   ', '!!!'])('%j suggests nothing', (typed) => {
    expect(suggest(typed)).toEqual([]);
  });

  it('orders the closest first and keeps at most the limit', () => {
    const names = ['Tailspin Toys', 'Tailspin Toy', 'Tailspin Tots', 'Tailspen Toys', 'Tailspin Boys'];
    const found = closestNames('Tailspin Toys', names, (n) => n, { limit: 3 });
    expect(found.map((s) => [s.name, s.distance])).toEqual([
      ['Tailspin Toys', 0],
      ['Tailspen Toys', 1],
      ['Tailspin Boys', 1]
    ]);
  });

  it('returns the items themselves, whatever they are', () => {
    const items = [{ id: 'c1', name: 'Fabrikam, Inc.' }, { id: 'c2', name: 'Northwind Traders' }];
    expect(closestNames('fabrikan', items, (c) => c.name)).toEqual([{ item: items[0], name: 'Fabrikam, Inc.', distance: 1 }]);
  });
});
