import { CsvError, parse } from 'csv-parse/sync';

export interface CsvRow {
  /** Spreadsheet row number: the header is row 1; a quoted cell spanning lines is still one row. */
  rowNumber: number;
  /** Trimmed cells, padded with '' up to the header's length; extra cells are kept. */
  cells: string[];
}

export interface CsvTable {
  delimiter: ',' | ';';
  header: string[];
  rows: CsvRow[];
  /** With `commentPrefix`: how many comment lines were left out. */
  commentRows?: number;
}

export interface ReadCsvOptions {
  maxRows?: number;
  /**
   * Leave out comment lines, whose first cell starts with this (e.g. `#`: a template's notes and
   * examples), before and after the header, as blank lines are: they still count as spreadsheet rows.
   */
  commentPrefix?: string;
}

/** A file that cannot be read as CSV; the message tells the person what to change. */
export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

export const DEFAULT_MAX_CSV_ROWS = 10_000;

const SAVE_AS_CSV_UTF8 = 'save it as CSV UTF-8';

/**
 * Reads a CSV file as Excel (including European Excel, which separates with semicolons) and other
 * spreadsheets write it. Refuses, with a CsvFormatError, anything a person would have to fix first.
 */
export function readCsv(input: Buffer | string, options?: ReadCsvOptions): CsvTable {
  const maxRows = options?.maxRows ?? DEFAULT_MAX_CSV_ROWS;
  let text = typeof input === 'string' ? checkText(input.replace(/^\uFEFF/, '')) : decode(input);

  let forcedDelimiter: ',' | ';' | undefined;
  // Excel honours (and some tools write) a first line "sep=;" that is not shown as a row, so
  // row numbers are counted as if it were absent.
  const sepLine = /^sep=([,;])[ \t]*(\r\n|\n|\r|$)/i.exec(text);
  if (sepLine) {
    forcedDelimiter = sepLine[1] as ',' | ';';
    text = text.slice(sepLine[0].length);
  }

  if (text.trim() === '') throw new CsvFormatError('The file is empty.');

  const delimiter = forcedDelimiter ?? detectDelimiter(text);
  const records = parseRecords(text, delimiter);

  let header: string[] | undefined;
  const rows: CsvRow[] = [];
  let commentRows = 0;
  records.forEach((record, index) => {
    const cells = record.map((cell) => cell.trim());
    // A line of nothing but delimiters (";;;") is how Excel saves an empty row.
    if (cells.every((cell) => cell === '')) return;
    if (options?.commentPrefix && cells[0].startsWith(options.commentPrefix)) {
      commentRows++;
      return;
    }
    if (!header) {
      header = cells;
      return;
    }
    while (cells.length < header.length) cells.push('');
    rows.push({ rowNumber: index + 1, cells });
  });

  if (!header) {
    throw new CsvFormatError(commentRows > 0 ? `The file has no header row, only lines starting with ${options?.commentPrefix} (which are never imported).` : 'The file is empty.');
  }
  if (rows.length > maxRows) {
    throw new CsvFormatError(
      `The file has ${formatCount(rows.length)} rows; the limit is ${formatCount(maxRows)} per import. ` +
        'Split it into smaller files.'
    );
  }
  return options?.commentPrefix ? { delimiter, header, rows, commentRows } : { delimiter, header, rows };
}

function decode(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return checkText(decodeStrict('utf-16le', bytes.subarray(2)));
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return checkText(decodeStrict('utf-16be', bytes.subarray(2)));
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw new CsvFormatError(`The file is not text (it looks like an Excel workbook; ${SAVE_AS_CSV_UTF8}).`);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new CsvFormatError(
      `The file is not text (it looks like an old Excel .xls workbook; ${SAVE_AS_CSV_UTF8}).`
    );
  }
  if (bytes.includes(0)) {
    throw new CsvFormatError(`The file is not text (it contains binary data; ${SAVE_AS_CSV_UTF8}).`);
  }
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  return decodeStrict('utf-8', body);
}

function decodeStrict(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Most often "CSV (Comma delimited)" from Excel, which uses the Windows code page: guessing the
    // code page would silently garble names, so the person is asked for the unambiguous format.
    throw new CsvFormatError(
      encoding === 'utf-8'
        ? 'The file is not UTF-8 text. In Excel, save it as "CSV UTF-8 (Comma delimited)".'
        : `The file is not valid ${encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'} text; ${SAVE_AS_CSV_UTF8}.`
    );
  }
}

function checkText(text: string): string {
  if (text.startsWith('PK\u0003\u0004')) {
    throw new CsvFormatError(`The file is not text (it looks like an Excel workbook; ${SAVE_AS_CSV_UTF8}).`);
  }
  if (text.includes('\u0000')) {
    throw new CsvFormatError(`The file is not text (it contains binary data; ${SAVE_AS_CSV_UTF8}).`);
  }
  return text;
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

/**
 * Counts delimiters on the header line only, outside quotes: data cells (addresses, "Smith, John")
 * carry commas that say nothing about the separator.
 */
function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let inQuotes = false;
  let seenContent = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      // A doubled quote inside quotes toggles twice and so stays inside, which is what it means.
      inQuotes = !inQuotes;
      seenContent = true;
    } else if (inQuotes) {
      continue;
    } else if (ch === ',') {
      commas++;
      seenContent = true;
    } else if (ch === ';') {
      semicolons++;
      seenContent = true;
    } else if (ch === '\n' || ch === '\r') {
      if (seenContent) break;
    } else if (ch.trim() !== '') {
      seenContent = true;
    }
  }
  return semicolons > commas ? ';' : ',';
}

function parseRecords(text: string, delimiter: ',' | ';'): string[][] {
  try {
    return parse(text, {
      delimiter,
      // Listed explicitly so files with mixed line ends (hand-edited or concatenated) still split
      // correctly; csv-parse would otherwise lock onto the first line end it sees.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      // Kept so blank lines still count as spreadsheet rows; they are dropped afterwards.
      skip_empty_lines: false,
      trim: true
    });
  } catch (error) {
    throw toFormatError(error);
  }
}

function toFormatError(error: unknown): Error {
  if (!(error instanceof CsvError)) return error instanceof Error ? error : new Error(String(error));
  // csv-parse counts the records completed before the failure, blank ones included.
  const row = typeof error.records === 'number' ? error.records + 1 : undefined;
  const where = row === undefined ? 'The file' : `Row ${row}`;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new CsvFormatError(`${where} has an unclosed quote.`);
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new CsvFormatError(
        `${where} has text after a closing quote. Put the whole cell in quotes and double any quote inside it ("").`
      );
    default:
      return new CsvFormatError(`${where} could not be read: ${error.message}`);
  }
}

/** 10001 → "10 001", as in the messages people read. */
function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
