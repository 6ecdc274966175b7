export type CsvValue = string | number | boolean | null | undefined;

/**
 * First characters that make Excel, LibreOffice or Google Sheets evaluate a cell as a formula
 * (OWASP "CSV Injection"); spreadsheets also fold the full-width forms to the ASCII ones.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** Starts every CSV the app writes: without it Excel reads UTF-8 as the Windows code page. */
export const UTF8_BOM = '\uFEFF';
const CRLF = '\r\n';

/** Prefixes a cell that a spreadsheet would run as a formula with ' so it is shown as text. */
export function safeCell(value: string): string {
  return value.length > 0 && FORMULA_TRIGGERS.has(value[0]) ? `'${value}` : value;
}

/**
 * Undoes safeCell: a file the app wrote, opened and saved again in a spreadsheet, comes back with
 * the guard quote still in the cell, and importing it must give the original text.
 */
export function stripFormulaGuard(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_TRIGGERS.has(value[1]) ? value.slice(1) : value;
}

/**
 * RFC 4180 CSV with CRLF line ends, preceded by a UTF-8 BOM because without it Excel reads UTF-8 as
 * the Windows code page. Every record, the last included, ends with CRLF.
 */
export function writeCsv(header: string[], rows: CsvValue[][]): string {
  return UTF8_BOM + csvRecords([header, ...rows]);
}

/** Records without the BOM, for a file written in parts (a long export streamed page by page). */
export function csvRecords(records: CsvValue[][]): string {
  return records.map((record) => record.map(formatField).join(',') + CRLF).join('');
}

function formatField(value: CsvValue): string {
  const text = cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function cellText(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // A finite number (negative ones included) is data, not a formula; NaN and ±Infinity are not
  // numbers a spreadsheet reads, so they are guarded like any other text.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : safeCell(String(value));
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return safeCell(value);
}
