// CSV as spreadsheets read it (RFC 4180), safe to open: text that a spreadsheet would run as a
// formula is defused. Pure, and imports nothing.

export type CsvValue = string | number | boolean | null | undefined;

/** A plain decimal number ("-3.50"): a spreadsheet reads it as a number, never as a formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One CSV cell: empty for null, quoted when it holds a comma, quote or line break. Text starting
 * with = + - @, a tab or a carriage return (what a spreadsheet runs as a formula) gets a leading ',
 * except a plain number such as "-3.50", so a negative amount stays a number.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record, ending in CRLF. */
export function csvLine(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
