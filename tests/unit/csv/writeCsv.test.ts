import { readCsv } from '../../../src/csv/readCsv';
import { safeCell, stripFormulaGuard, writeCsv, type CsvValue } from '../../../src/csv/writeCsv';

const BOM = '\uFEFF';

// Every first character OWASP lists, plus the full-width forms spreadsheets fold to them.
const DANGEROUS: [string, string][] = [
  ['=', '=HYPERLINK("http://evil.example","click")'],
  ['+', '+1+cmd|\' /C calc\'!A0'],
  ['-', '-2+3'],
  ['@', '@SUM(1,2)'],
  ['TAB', '\t=1+1'],
  ['CR', '\r=1+1'],
  ['full-width =', '\uFF1D1+1'],
  ['full-width +', '\uFF0B1'],
  ['full-width -', '\uFF0D1'],
  ['full-width @', '\uFF20SUM(1)']
];

const HARMLESS = ['', 'Ava Martin', "O'Brien", "'already quoted", 'a=b', 'x-1', ' =1 (space first)', '1+1', '山田太郎'];

describe('safeCell', () => {
  it.each(DANGEROUS)('prefixes a cell starting with %s', (_name, value) => {
    expect(safeCell(value)).toBe(`'${value}`);
  });

  it.each(HARMLESS)('leaves %j alone', (value) => {
    expect(safeCell(value)).toBe(value);
  });
});

describe('stripFormulaGuard', () => {
  it.each([...DANGEROUS.map(([, v]) => v), ...HARMLESS])('undoes safeCell for %j', (value) => {
    expect(stripFormulaGuard(safeCell(value))).toBe(value);
  });

  it.each(["'", "'Brien", "''=1"])('leaves %j alone (not a guard)', (value) => {
    expect(stripFormulaGuard(value)).toBe(value);
  });
});

describe('writeCsv', () => {
  it('starts with a UTF-8 BOM and ends every record with CRLF', () => {
    expect(writeCsv(['A', 'B'], [['1', '2']])).toBe(`${BOM}A,B\r\n1,2\r\n`);
  });

  it('writes a header-only file', () => {
    expect(writeCsv(['Name', 'Email'], [])).toBe(`${BOM}Name,Email\r\n`);
  });

  it.each<[string, CsvValue, string]>([
    ['plain text', 'Ava', 'Ava'],
    ['a comma', 'Smith, John', '"Smith, John"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['only a quote', '"', '""""'],
    ['an LF', 'a\nb', '"a\nb"'],
    ['a CR', 'a\rb', '"a\rb"'],
    ['a CRLF', 'a\r\nb', '"a\r\nb"'],
    ['a semicolon (not this file\'s delimiter)', 'a;b', 'a;b'],
    ['non-ASCII', 'Zoë Ångström', 'Zoë Ångström'],
    ['null', null, ''],
    ['undefined', undefined, ''],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['a positive number', 42, '42'],
    ['a negative number, unguarded', -5, '-5'],
    ['a negative decimal, unguarded', -0.25, '-0.25'],
    ['zero', 0, '0'],
    ['a negative number as text, guarded', '-5', "'-5"],
    ['NaN', NaN, 'NaN'],
    ['-Infinity, guarded as it is not a number to a spreadsheet', -Infinity, "'-Infinity"],
    ['a formula with a comma, guarded and quoted', '=SUM(1,2)', '"\'=SUM(1,2)"'],
    ['a CR-led cell, guarded and quoted', '\r=1', '"\'\r=1"']
  ])('writes %s', (_name, value, field) => {
    expect(writeCsv(['H'], [[value]])).toBe(`${BOM}H\r\n${field}\r\n`);
  });

  it('guards header cells as well', () => {
    expect(writeCsv(['=cmd', 'ok'], [])).toBe(`${BOM}'=cmd,ok\r\n`);
  });

  it.each(DANGEROUS)('round-trips a cell starting with %s, with the guard quote', (_name, value) => {
    const table = readCsv(writeCsv(['Value', 'Next'], [[value, 'after']]));
    expect(table.rows).toEqual([{ rowNumber: 2, cells: [`'${value}`, 'after'] }]);
  });

  it('round-trips awkward text and numbers through readCsv with row numbers intact', () => {
    const rows: CsvValue[][] = [
      ['Smith, John', 'say "hi"', 'line 1\r\nline 2', 'Zoë Ångström'],
      ['山田太郎', null, -12.5, 'a;b'],
      [true, 'x\ny\nz', 0, "O'Brien"]
    ];
    const table = readCsv(writeCsv(['A', 'B', 'C', 'D'], rows));
    expect(table.delimiter).toBe(',');
    expect(table.header).toEqual(['A', 'B', 'C', 'D']);
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['Smith, John', 'say "hi"', 'line 1\r\nline 2', 'Zoë Ångström'] },
      { rowNumber: 3, cells: ['山田太郎', '', '-12.5', 'a;b'] },
      { rowNumber: 4, cells: ['true', 'x\ny\nz', '0', "O'Brien"] }
    ]);
  });
});
