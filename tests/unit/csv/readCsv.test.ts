import { CsvFormatError, readCsv, type CsvTable } from '../../../src/csv/readCsv';

const rowsOf = (table: CsvTable) => table.rows.map((r) => [r.rowNumber, r.cells] as const);

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return be;
}

function formatError(run: () => unknown): CsvFormatError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CsvFormatError);
    return error as CsvFormatError;
  }
  throw new Error('expected a CsvFormatError');
}

const SIMPLE = 'Name,Email\r\nZoë Ångström,zoe@example.com\r\n';
const SIMPLE_ROWS = [[2, ['Zoë Ångström', 'zoe@example.com']]];

describe('readCsv: encodings', () => {
  it.each([
    ['string without BOM', SIMPLE],
    ['string with BOM', '\uFEFF' + SIMPLE],
    ['UTF-8 buffer without BOM', Buffer.from(SIMPLE, 'utf8')],
    ['UTF-8 buffer with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SIMPLE, 'utf8')])],
    ['UTF-16 LE buffer with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SIMPLE, 'utf16le')])],
    ['UTF-16 BE buffer with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(SIMPLE)])]
  ])('%s', (_name, input) => {
    const table = readCsv(input);
    // The BOM must not leak into the first header cell, or "Name" would not be recognised.
    expect(table.header).toEqual(['Name', 'Email']);
    expect(rowsOf(table)).toEqual(SIMPLE_ROWS);
  });

  it.each([
    ['non-ASCII names', 'Name;Email\n山田太郎;yamada@example.jp\nJosé Müller;jose@example.de\n', ['山田太郎', 'José Müller']],
    ['a name with an apostrophe', "Name,Email\nLiam O'Brien,liam@example.com\n", ["Liam O'Brien"]]
  ])('keeps %s intact', (_name, csv, names) => {
    expect(readCsv(csv).rows.map((r) => r.cells[0])).toEqual(names);
  });
});

describe('readCsv: refused input', () => {
  const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml')]);
  const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);

  it.each([
    ['an .xlsx (ZIP) file', zip, /Excel workbook; save it as CSV UTF-8/],
    ['an .xls file', xls, /old Excel \.xls workbook; save it as CSV UTF-8/],
    ['bytes with NUL', Buffer.from([0x4e, 0x61, 0x00, 0x6d, 0x65]), /not text \(it contains binary data/],
    ['UTF-16 without a BOM', Buffer.from(SIMPLE, 'utf16le'), /not text \(it contains binary data/],
    ['a string with NUL', 'Name,Email\nA\u0000,b@example.com', /not text \(it contains binary data/],
    ['a string with the ZIP signature', 'PK\u0003\u0004rest', /Excel workbook/],
    ['Windows-1252 bytes', Buffer.from('Name,Email\nZo\xeb,zoe@example.com\n', 'latin1'), /not UTF-8 text.*CSV UTF-8/],
    ['UTF-16 LE with a broken surrogate', Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8]), /not valid UTF-16 LE/]
  ])('refuses %s', (_name, input, message) => {
    expect(formatError(() => readCsv(input)).message).toMatch(message);
  });

  it.each([
    ['an empty string', ''],
    ['an empty buffer', Buffer.alloc(0)],
    ['a BOM only', Buffer.from([0xef, 0xbb, 0xbf])],
    ['blank lines only', '\r\n\r\n  \n'],
    ['empty Excel rows only', ';;;\r\n;;;\r\n']
  ])('refuses %s as empty', (_name, input) => {
    expect(formatError(() => readCsv(input)).message).toBe('The file is empty.');
  });

  it.each([
    ['on the first data row', 'Name,Email\n"Ava,ava@example.com\n', 2],
    ['after a cell spanning lines', 'Name,Email\n"Ava\nMartin",ava@example.com\n\nBo,bo@example.com\n"Cy,cy@example.com\n', 5],
    ['in the header', '"Name,Email\n', 1]
  ])('names the row of an unclosed quote %s', (_name, csv, row) => {
    expect(formatError(() => readCsv(csv)).message).toBe(`Row ${row} has an unclosed quote.`);
  });

  it('names the row with text after a closing quote', () => {
    expect(formatError(() => readCsv('Name,Email\nA,a@example.com\n"Bo"x,b@example.com\n')).message).toMatch(
      /^Row 3 has text after a closing quote/
    );
  });

  it('is an Error with its own name', () => {
    const error = formatError(() => readCsv(''));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CsvFormatError');
  });
});

describe('readCsv: delimiter', () => {
  it.each([
    ['comma', 'Name,Email\nA,a@example.com', ','],
    ['semicolon (European Excel)', 'Name;Email\nA;a@example.com', ';'],
    ['one column', 'Name\nA', ','],
    ['semicolon header, commas in data', 'Name;Email\n"Smith, John, Jr";a@example.com', ';'],
    ['comma header, semicolons in data', 'Name,Email\n"a;b;c;d",a@example.com', ','],
    ['semicolons only inside a quoted header cell', '"Name; full",Email\nA,a@example.com', ','],
    ['commas only inside a quoted header cell', '"Name, full";Email\nA;a@example.com', ';'],
    ['header after blank lines', '\n\nName;Email\nA;a@example.com', ';'],
    ['sep= hint line', 'sep=;\nName,Email;Phone\nA,x;1', ';']
  ])('detects %s', (_name, csv, delimiter) => {
    expect(readCsv(csv).delimiter).toBe(delimiter);
  });

  it('does not count a sep= hint line as a row', () => {
    const table = readCsv('sep=;\r\nName;Email\r\nA;a@example.com\r\n');
    expect(table.header).toEqual(['Name', 'Email']);
    expect(rowsOf(table)).toEqual([[2, ['A', 'a@example.com']]]);
  });
});

describe('readCsv: fields and rows', () => {
  it.each([
    ['a delimiter in quotes', 'H1,H2\n"Smith, John",x\n', [[2, ['Smith, John', 'x']]]],
    ['a semicolon file with a quoted semicolon', 'H1;H2\n"a;b";x\n', [[2, ['a;b', 'x']]]],
    ['doubled quotes', 'H1,H2\n"say ""hi""",x\n', [[2, ['say "hi"', 'x']]]],
    ['a quote inside an unquoted cell', 'H1,H2\nab"c,x\n', [[2, ['ab"c', 'x']]]],
    ['an LF inside quotes', 'H1,H2\n"line 1\nline 2",x\nnext,y\n', [[2, ['line 1\nline 2', 'x']], [3, ['next', 'y']]]],
    [
      'a CRLF inside quotes and several multi-line cells',
      'H1,H2\r\n"a\r\nb\r\nc","d\r\ne"\r\nnext,y\r\n',
      [[2, ['a\r\nb\r\nc', 'd\r\ne']], [3, ['next', 'y']]]
    ],
    ['spaces around cells', 'H1 , H2 \n  a  ,  "b, c"  \n', [[2, ['a', 'b, c']]]],
    ['spaces inside quotes', 'H1,H2\n" a ",b\n', [[2, ['a', 'b']]]],
    ['a no-break space around a cell', 'H1,H2\n\u00a0a\u00a0,b\n', [[2, ['a', 'b']]]],
    ['a trailing delimiter', 'H1,H2\na,b,\n', [[2, ['a', 'b', '']]]],
    ['a short row, padded', 'H1,H2,H3\na\n', [[2, ['a', '', '']]]],
    ['a long row, extra cells kept', 'H1,H2\na,b,c,d\n', [[2, ['a', 'b', 'c', 'd']]]],
    ['empty cells in a non-empty row', 'H1,H2,H3\n,,c\n', [[2, ['', '', 'c']]]],
    ['no line end at the end', 'H1,H2\na,b', [[2, ['a', 'b']]]]
  ])('reads %s', (_name, csv, rows) => {
    expect(rowsOf(readCsv(csv))).toEqual(rows);
  });

  it('keeps a trailing empty header cell so cells stay aligned', () => {
    expect(readCsv('H1,H2,\na,b,\n').header).toEqual(['H1', 'H2', '']);
  });

  const LINES = ['H1,H2', 'a,1', '', 'b,2', '"c', 'd",3', 'e,4'];
  const EXPECTED = [
    [2, ['a', '1']],
    [4, ['b', '2']],
    [5, ['c\nd', '3']],
    [6, ['e', '4']]
  ];
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR (old Mac)', '\r']
  ])('reads %s line ends with spreadsheet row numbers', (_name, eol) => {
    const rows = rowsOf(readCsv(LINES.join(eol) + eol));
    // Embedded line ends are kept as written, so only the rest is compared per line end.
    expect(rows.map(([n, cells]) => [n, cells.map((c) => c.replace(eol, '\n'))])).toEqual(EXPECTED);
  });

  it('reads mixed line ends', () => {
    expect(rowsOf(readCsv('H1,H2\na,1\r\nb,2\rc,3\r\n'))).toEqual([
      [2, ['a', '1']],
      [3, ['b', '2']],
      [4, ['c', '3']]
    ]);
  });

  it.each([
    ['an empty line', 'H1,H2\n\na,1\n', [[3, ['a', '1']]]],
    ['a line of spaces', 'H1,H2\n   \na,1\n', [[3, ['a', '1']]]],
    ['an Excel empty row of delimiters', 'H1;H2\n;\n ; \na;1\n', [[4, ['a', '1']]]],
    ['blank lines before the header', '\n\nH1,H2\na,1\n', [[4, ['a', '1']]]],
    ['blank lines at the end', 'H1,H2\na,1\n\n\n', [[2, ['a', '1']]]]
  ])('skips %s but keeps row numbers', (_name, csv, rows) => {
    expect(rowsOf(readCsv(csv))).toEqual(rows);
  });

  it('returns no rows for a header-only file', () => {
    expect(readCsv('Name,Email,Phone,Role\r\n')).toEqual({
      delimiter: ',',
      header: ['Name', 'Email', 'Phone', 'Role'],
      rows: []
    });
  });

  it('leaves out comment lines when asked, before and after the header, keeping row numbers', () => {
    const csv = '# a note\nName,Email\n# Ava Martin,ava@example.com\nBo,bo@example.com\n  "# quoted",x@example.com\nCy,#not-a-comment@example.com\n';
    expect(readCsv(csv, { commentPrefix: '#' })).toEqual({
      delimiter: ',',
      header: ['Name', 'Email'],
      rows: [
        { rowNumber: 4, cells: ['Bo', 'bo@example.com'] },
        { rowNumber: 6, cells: ['Cy', '#not-a-comment@example.com'] }
      ],
      commentRows: 3
    });
  });

  it('reads lines starting with # as data unless asked', () => {
    const table = readCsv('Name,Email\n# Ava Martin,ava@example.com\n');
    expect(table.rows).toEqual([{ rowNumber: 2, cells: ['# Ava Martin', 'ava@example.com'] }]);
    expect(table.commentRows).toBeUndefined();
  });

  it('refuses a file of comment lines alone, saying it has no header', () => {
    expect(() => readCsv('# just a note\n#another\n', { commentPrefix: '#' })).toThrow(
      new CsvFormatError('The file has no header row, only lines starting with # (which are never imported).')
    );
  });
});

describe('readCsv: row limit', () => {
  const fileWith = (dataRows: number, extra = '') =>
    'Name,Email\n' + extra + Array.from({ length: dataRows }, (_, i) => `User ${i},u${i}@example.com\n`).join('');

  it('accepts 10 000 data rows by default, numbered to the last', () => {
    const table = readCsv(fileWith(10_000));
    expect(table.rows).toHaveLength(10_000);
    expect(table.rows[9_999]).toEqual({ rowNumber: 10_001, cells: ['User 9999', 'u9999@example.com'] });
  });

  it('refuses 10 001 data rows with the count and what to do', () => {
    expect(formatError(() => readCsv(fileWith(10_001))).message).toBe(
      'The file has 10 001 rows; the limit is 10 000 per import. Split it into smaller files.'
    );
  });

  it('does not count blank lines towards the limit', () => {
    expect(readCsv(fileWith(3, '\n\n\n'), { maxRows: 3 }).rows).toHaveLength(3);
  });

  it.each([
    [2, 1, 'The file has 2 rows; the limit is 1 per import. Split it into smaller files.'],
    [1_235, 1_234, 'The file has 1 235 rows; the limit is 1 234 per import. Split it into smaller files.']
  ])('applies maxRows: %i rows over a limit of %i', (rows, maxRows, message) => {
    expect(formatError(() => readCsv(fileWith(rows), { maxRows })).message).toBe(message);
  });
});
