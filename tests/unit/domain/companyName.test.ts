import {
  companyNameKey,
  companyNameProblem,
  exactNamePattern,
  MAX_COMPANY_NAME_LENGTH,
  normaliseCompanyName,
  typedNameMatches
} from '../../../src/domain/companyName';

/*
 * DESIGN.md, permanent delete: the requester types the company's name exactly. The confirmation card's
 * typed-name input carries `exactNamePattern(name)` as its `regex` (the Adaptive Cards JS renderer tests
 * it as `new RegExp(regex, "g").test(value)`, so the anchors in the pattern give whole-string
 * semantics), and the server checks `typedNameMatches`. Both must accept the exact name and nothing else.
 */

const NAMES = ['Tailspin Toys', 'A+B (Holdings) [EU] $1.0 ^x|y\\z/-?*{2}', 'Zoë Ångström GmbH'];

/** As the Adaptive Cards renderer applies the input's regex (a fresh RegExp with the "g" flag). */
const cardAccepts = (name: string, typed: string) => new RegExp(exactNamePattern(name), 'g').test(typed);

/** Look-alike letters from other scripts: Cyrillic а о е В and Greek Τ Α. */
const LOOK_ALIKES: [string, string, string][] = [
  ['a', '\u0430', 'Cyrillic а for Latin a'],
  ['o', '\u043E', 'Cyrillic о for Latin o'],
  ['e', '\u0435', 'Cyrillic е for Latin e'],
  ['B', '\u0412', 'Cyrillic В for Latin B'],
  ['T', '\u03A4', 'Greek Τ for Latin T'],
  ['A', '\u0391', 'Greek Α for Latin A']
];

/** What the regex metacharacters would match if they were not escaped. */
const REGEX_SEMANTICS: Record<string, [string, string][]> = {
  'A+B (Holdings) [EU] $1.0 ^x|y\\z/-?*{2}': [
    ['AAB (Holdings) [EU] $1.0 ^x|y\\z/-?*{2}', '"A+B" read as one or more A'],
    ['A+B Holdings [EU] $1.0 ^x|y\\z/-?*{2}', 'parentheses read as a group'],
    ['A+B (Holdings) E $1.0 ^x|y\\z/-?*{2}', '[EU] read as a character class'],
    ['A+B (Holdings) [EU] $1x0 ^x|y\\z/-?*{2}', '"." read as any character'],
    ['A+B (Holdings) [EU] $1.0 ^x', '"|" read as an alternative'],
    ['y\\z/-?*{2}', 'the right-hand side of "|" alone'],
    ['A+B (Holdings) [EU] $1.0 ^x|yz/-?*{2}', 'the backslash read as an escape']
  ],
  'Tailspin Toys': [['Tailspin.Toys', 'a dot is not any character either']],
  'Zoë Ångström GmbH': [['Zo. Ångström GmbH', 'a dot is not a letter']]
};

interface Wrong {
  name: string;
  typed: string;
  why: string;
}

function wrongTypings(name: string): Wrong[] {
  const nfd = name.normalize('NFD');
  const wrong: [string, string][] = [
    [name.toLowerCase(), 'lower case'],
    [name.toUpperCase(), 'upper case'],
    [`${name} `, 'a trailing space'],
    [` ${name}`, 'a leading space'],
    [`${name}\n`, 'a trailing line break'],
    [name.replace(' ', '  '), 'a doubled inner space'],
    [name.replace(' ', '\u00A0'), 'a no-break space for a space'],
    [name.replace(' ', ' \u200B'), 'a zero-width space inserted'],
    [name.replace(' ', '\u200D '), 'a zero-width joiner inserted'],
    [`${name.slice(0, 3)}\u2060${name.slice(3)}`, 'a word joiner inserted'],
    ['', 'the empty string'],
    [name + name, 'the name twice'],
    [`${name} ${name}`, 'the name twice with a space'],
    [`${name}\n${name}`, 'the name twice on two lines'],
    [name.slice(0, -1), 'the name without its last character'],
    ...(nfd !== name ? [[nfd, 'NFD instead of NFC'] as [string, string]] : []),
    ...LOOK_ALIKES.filter(([latin]) => name.includes(latin)).map(([latin, other, why]): [string, string] => [name.replace(latin, other), why]),
    ...(REGEX_SEMANTICS[name] ?? [])
  ];
  return wrong.filter(([typed]) => typed !== name).map(([typed, why]) => ({ name, typed, why }));
}

const WRONG = NAMES.flatMap(wrongTypings);

describe('the typed-name check', () => {
  it('every name gets the case, space, invisible-character and look-alike variants', () => {
    for (const name of NAMES) {
      const whys = wrongTypings(name).map((w) => w.why);
      expect(whys).toEqual(expect.arrayContaining(['lower case', 'a trailing space', 'a leading space', 'a zero-width space inserted', 'a zero-width joiner inserted', 'the empty string', 'the name twice']));
      expect(whys.some((why) => /Cyrillic|Greek/.test(why))).toBe(true);
    }
    expect(wrongTypings('Zoë Ångström GmbH').map((w) => w.why)).toContain('NFD instead of NFC');
  });

  it.each(NAMES)('the card and the server accept exactly %j', (name) => {
    expect(cardAccepts(name, name)).toBe(true);
    expect(typedNameMatches(name, name)).toBe(true);
  });

  it.each(NAMES)('the pattern of %j is anchored at both ends', (name) => {
    const pattern = exactNamePattern(name);
    expect(pattern.startsWith('^')).toBe(true);
    expect(pattern.endsWith('$')).toBe(true);
    // The same pattern, taken as .NET or another engine would, compiles without the "u" flag's strictness.
    expect(() => new RegExp(pattern)).not.toThrow();
  });

  it.each(WRONG)('$name: refused by the card and the server when typed with $why', ({ name, typed }) => {
    expect(cardAccepts(name, typed)).toBe(false);
    expect(new RegExp(exactNamePattern(name)).test(typed)).toBe(false);
    expect(typedNameMatches(typed, name)).toBe(false);
  });

  it('the NFD form of a name looks the same but is different code units', () => {
    const name = 'Zoë Ångström GmbH';
    const nfd = name.normalize('NFD');
    expect(nfd).not.toBe(name);
    expect(nfd.normalize('NFC')).toBe(name);
    expect(typedNameMatches(nfd, name)).toBe(false);
    // ... and the other way round: a name stored in NFC is not matched by its NFD pattern either.
    expect(new RegExp(exactNamePattern(nfd)).test(name)).toBe(false);
  });

  it('a name with regex characters is matched by its pattern as literal text only', () => {
    const name = 'A+B (Holdings) [EU] $1.0 ^x|y\\z/-?*{2}';
    const pattern = new RegExp(exactNamePattern(name));
    expect(pattern.test(name)).toBe(true);
    // Unescaped, the same text is not even a valid pattern ("?*" repeats nothing): the escaping makes it literal.
    expect(() => new RegExp(`^${name}$`)).toThrow(SyntaxError);
    expect(new RegExp(`^${'A+B (Holdings)'}$`).test('A+B (Holdings)')).toBe(false);
  });
});

describe('normaliseCompanyName', () => {
  it.each([
    ['Tailspin Toys', 'Tailspin Toys'],
    ['  Tailspin Toys  ', 'Tailspin Toys'],
    ['Tailspin   Toys', 'Tailspin Toys'],
    ['Tailspin\tToys', 'Tailspin Toys'],
    ['Tailspin \n\r Toys', 'Tailspin Toys'],
    ['Tailspin\u00A0Toys', 'Tailspin Toys'],
    ['Tailspin\u3000Toys', 'Tailspin Toys'],
    ['\uFEFFTailspin Toys', 'Tailspin Toys'],
    ['Zoë Ångström GmbH'.normalize('NFD'), 'Zoë Ångström GmbH'],
    ['TAILSPIN toys', 'TAILSPIN toys']
  ])('%j → %j', (raw, stored) => {
    expect(normaliseCompanyName(raw)).toBe(stored);
    expect(normaliseCompanyName(stored)).toBe(stored);
  });
});

describe('companyNameKey', () => {
  it.each([
    ['Tailspin Toys', 'tailspin toys'],
    ['Tailspin Toys', 'TAILSPIN TOYS'],
    ['Tailspin Toys', '  tailSPIN    toys '],
    ['Zoë Ångström GmbH', 'ZOË ÅNGSTRÖM GMBH'],
    ['Zoë Ångström GmbH', 'zoë ångström gmbh'.normalize('NFD')],
    ['A+B (Holdings)', 'a+b (HOLDINGS)']
  ])('%j and %j have the same key', (a, b) => {
    expect(companyNameKey(a)).toBe(companyNameKey(b));
  });

  it.each([
    ['Tailspin Toys', 'Tailspin Toy'],
    ['Tailspin Toys', 'Tailspin Toys Ltd'],
    ['Tailspin Toys', 'T\u0430ilspin Toys'],
    ['Tailspin Toys', '\u03A4ailspin Toys'],
    ['Zoë Ångström GmbH', 'Zoe Angstrom GmbH'],
    ['Tailspin Toys', 'TailspinToys']
  ])('%j and %j have different keys', (a, b) => {
    expect(companyNameKey(a)).not.toBe(companyNameKey(b));
  });

  it('the key is lower case and normalised', () => {
    expect(companyNameKey('  Zoë   ÅNGSTRÖM '.normalize('NFD'))).toBe('zoë ångström');
  });
});

describe('companyNameProblem', () => {
  const INVISIBLE = /invisible or control character/;

  it.each([
    ['a plain name', 'Tailspin Toys'],
    ['surrounding spaces (trimmed)', '  Tailspin Toys  '],
    ['letters outside ASCII', 'Zoë Ångström GmbH'],
    ['regex characters', 'A+B (Holdings) [EU] $1.0 ^x|y\\z/-?*{2}'],
    ['a leading byte-order mark (trimmed as white space)', '\uFEFFTailspin Toys'],
    ['exactly 100 characters', 'x'.repeat(MAX_COMPANY_NAME_LENGTH)],
    ['100 characters with surrounding spaces', ` ${'x'.repeat(MAX_COMPANY_NAME_LENGTH)}  `],
    ['100 NFD "é" (200 code units, 100 characters once NFC)', 'é'.normalize('NFD').repeat(MAX_COMPANY_NAME_LENGTH)],
    ['100 emoji (200 UTF-16 code units)', '😀'.repeat(MAX_COMPANY_NAME_LENGTH)]
  ])('valid: %s', (_label, raw) => {
    expect(companyNameProblem(raw)).toBeUndefined();
  });

  it.each([
    ['empty', '', /missing/],
    ['only spaces', '   ', /missing/],
    ['only a tab and a line break', '\t\n', /missing/],
    ['NUL', 'Tail\u0000spin', INVISIBLE],
    ['BEL', 'Tail\u0007spin', INVISIBLE],
    ['an inner tab', 'Tailspin\tToys', INVISIBLE],
    ['an inner line break', 'Tailspin\nToys', INVISIBLE],
    ['DEL', 'Tailspin\u007FToys', INVISIBLE],
    ['NEL (C1 control)', 'Tailspin\u0085Toys', INVISIBLE],
    ['right-to-left override U+202E', 'Tailspin\u202EsyoT', INVISIBLE],
    ['left-to-right embedding U+202A', 'Tailspin\u202AToys', INVISIBLE],
    ['left-to-right override U+202D', 'Tailspin\u202DToys', INVISIBLE],
    ['isolates U+2066..U+2069', 'Tailspin\u2066Toys\u2069', INVISIBLE],
    ['left-to-right mark U+200E', 'Tailspin\u200EToys', INVISIBLE],
    ['right-to-left mark U+200F', 'Tailspin\u200FToys', INVISIBLE],
    ['zero-width space', 'Tailspin\u200BToys', INVISIBLE],
    ['a leading zero-width space (not trimmed)', '\u200BTailspin Toys', INVISIBLE],
    ['zero-width non-joiner', 'Tailspin\u200CToys', INVISIBLE],
    ['zero-width joiner', 'Tailspin\u200DToys', INVISIBLE],
    ['word joiner', 'Tailspin\u2060Toys', INVISIBLE],
    ['an inner byte-order mark', 'Tailspin\uFEFFToys', INVISIBLE],
    ['101 characters', 'x'.repeat(MAX_COMPANY_NAME_LENGTH + 1), /longer than 100 characters/],
    ['101 emoji', '😀'.repeat(MAX_COMPANY_NAME_LENGTH + 1), /longer than 100 characters/],
    ['101 characters once spaces are collapsed', `${'x'.repeat(50)}   ${'y'.repeat(50)}`, /longer than 100 characters/]
  ])('refused: %s', (_label, raw, reason) => {
    expect(companyNameProblem(raw)).toMatch(reason);
  });

  it('inner runs of spaces count once towards the limit', () => {
    // 49 + 1 + 50 = 100 characters once the run of spaces is collapsed.
    expect(companyNameProblem(`${'x'.repeat(49)}     ${'y'.repeat(50)}`)).toBeUndefined();
  });
});
