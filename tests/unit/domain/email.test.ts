import { EMAIL_PATTERN, emailProblem, normaliseEmail } from '../../../src/domain/email';
import { nameProblem, normaliseName } from '../../../src/domain/personName';
import { phoneProblem } from '../../../src/domain/phone';

const local64 = 'a'.repeat(64);
const longDomain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.com`; // 195 characters

describe('emailProblem', () => {
  const VALID = [
    'ava.martin@example.com',
    'AVA.Martin@Example.COM',
    '  ava@example.com  ',
    'liam.o\'brien+crm@mail.example.co.uk',
    'first_last-1@sub-domain.example.org',
    'zoë@exämple.de',
    '山田@例え.jp',
    `${local64}@example.com`,
    `${'a'.repeat(58)}@${longDomain}` // exactly 254
  ];

  it.each(VALID)('accepts %j', (email) => {
    expect(emailProblem(email)).toBeUndefined();
  });

  it.each([
    ['', 'The email address is missing.'],
    ['   ', 'The email address is missing.'],
    [`${'a'.repeat(59)}@${longDomain}`, 'The email address is longer than 254 characters.'],
    [`${local64}a@example.com`, `The part before @ in "${local64}a@example.com" is longer than 64 characters.`],
    ['ava', 'The email address "ava" is not valid.'],
    ['ava@example', 'The email address "ava@example" is not valid.'],
    ['@example.com', 'The email address "@example.com" is not valid.'],
    ['ava@', 'The email address "ava@" is not valid.'],
    ['ava@@example.com', 'The email address "ava@@example.com" is not valid.'],
    ['ava@bo@example.com', 'The email address "ava@bo@example.com" is not valid.'],
    ['ava martin@example.com', 'The email address "ava martin@example.com" is not valid.'],
    ['ava@exa mple.com', 'The email address "ava@exa mple.com" is not valid.'],
    ['ava\u00a0m@example.com', 'The email address "ava\u00a0m@example.com" is not valid.'],
    ['ava@.example.com', 'The email address "ava@.example.com" is not valid.'],
    ['ava@example..com', 'The email address "ava@example..com" is not valid.'],
    ['ava@example.com.', 'The email address "ava@example.com." is not valid.'],
    ['Ava <ava@example.com>', 'The email address "Ava <ava@example.com>" is not valid.'],
    ['ava@example.com;bo@example.com', 'The email address "ava@example.com;bo@example.com" is not valid.'],
    ['ava\u0007@example.com', 'The email address contains a control character (such as a line break).'],
    ['ava@exam\nple.com', 'The email address contains a control character (such as a line break).'],
    ['ava@example.com\u0085x', 'The email address contains a control character (such as a line break).']
  ])('refuses %j', (email, reason) => {
    expect(emailProblem(email)).toBe(reason);
  });

  // The card's client-side check and the server must agree, or a form passes on one and fails on
  // the other.
  const PARITY = [
    ...VALID,
    '',
    'ava',
    'ava@example',
    'ava@@example.com',
    'ava martin@example.com',
    'ava@example..com',
    'Ava <ava@example.com>',
    'ava\u0007@example.com',
    'ava@example.com\u0085x',
    `${local64}a@example.com`,
    `${'a'.repeat(59)}@${longDomain}`
  ];
  it.each(PARITY)('EMAIL_PATTERN agrees with emailProblem on %j', (email) => {
    expect(new RegExp(EMAIL_PATTERN).test(email)).toBe(emailProblem(email) === undefined);
  });

  it('EMAIL_PATTERN is anchored', () => {
    expect(EMAIL_PATTERN.startsWith('^')).toBe(true);
    expect(EMAIL_PATTERN.endsWith('$')).toBe(true);
    expect(new RegExp(EMAIL_PATTERN).test('text ava@example.com text')).toBe(false);
  });
});

describe('normaliseEmail', () => {
  it.each([
    ['  Ava.Martin@Example.COM ', 'ava.martin@example.com'],
    ['ZOË@EXÄMPLE.DE', 'zoë@exämple.de'],
    ['ava@example.com', 'ava@example.com']
  ])('%j → %j', (raw, normalised) => {
    expect(normaliseEmail(raw)).toBe(normalised);
  });
});

describe('nameProblem', () => {
  it.each([
    'Ava Martin',
    'Zoë Ångström',
    'José Müller',
    '山田太郎',
    "Liam O'Brien",
    'Anne-Marie Saint-Éxupéry',
    'محمد علي',
    'X',
    'é'.repeat(100),
    ` ${'a'.repeat(50)}     ${'b'.repeat(49)} ` // 100 once inner spaces collapse
  ])('accepts %j', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', 'The name is missing.'],
    [' \t ', 'The name is missing.'],
    ['a'.repeat(101), 'The name is longer than 100 characters.'],
    ['山'.repeat(101), 'The name is longer than 100 characters.'],
    ['Ava\tMartin', 'The name contains a control character (such as a tab or line break).'],
    ['Ava\nMartin', 'The name contains a control character (such as a tab or line break).'],
    ['Ava\u0000', 'The name contains a control character (such as a tab or line break).'],
    ['Ava\u202Enitram', 'The name contains a control character (such as a tab or line break).']
  ])('refuses %j', (name, reason) => {
    expect(nameProblem(name)).toBe(reason);
  });

  it('counts decomposed accents as the characters people see', () => {
    // 100 × "e + combining acute" is 200 UTF-16 units but 100 characters once composed.
    expect(nameProblem('e\u0301'.repeat(100))).toBeUndefined();
  });
});

describe('normaliseName', () => {
  it.each([
    ['  Ava   Martin  ', 'Ava Martin'],
    ['Ava\u00a0Martin', 'Ava Martin'],
    ['Zoe\u0308 A\u030Angstro\u0308m', 'Zo\u00eb \u00c5ngstr\u00f6m'],
    ['山田 太郎', '山田 太郎']
  ])('%j → %j', (raw, normalised) => {
    expect(normaliseName(raw)).toBe(normalised);
  });
});

describe('phoneProblem', () => {
  it.each([
    '',
    '   ',
    '+1 425 555 0100',
    '(425) 555-0100',
    '030/1234.5678',
    '112',
    '+44 20 7946 0958 ext. 12',
    '425-555-0100 x12',
    '425 555 0100 EXT 7',
    '+49\u00a030\u00a0123456',
    '1'.repeat(32)
  ])('accepts %j', (phone) => {
    expect(phoneProblem(phone)).toBeUndefined();
  });

  const INVALID = (p: string) =>
    `The phone number "${p}" is not valid; use digits, spaces and + ( ) - . / (and "ext" for an extension).`;
  it.each([
    ['12', 'The phone number "12" is shorter than 3 characters.'],
    ['1'.repeat(33), 'The phone number is longer than 32 characters.'],
    ['call me', INVALID('call me')],
    ['555-CALL-NOW', INVALID('555-CALL-NOW')],
    ['+()', INVALID('+()')],
    ['ext 12', INVALID('ext 12')],
    ['555 0100 ext', INVALID('555 0100 ext')],
    ['555\n0100', INVALID('555\n0100')],
    ['555 0100\nx12', INVALID('555 0100\nx12')],
    ['=1+1', INVALID('=1+1')]
  ])('refuses %j', (phone, reason) => {
    expect(phoneProblem(phone)).toBe(reason);
  });
});
