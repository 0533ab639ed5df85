// The one way the product writes CSV (RFC 4180 quoting plus formula escaping), so a file we hand
// out never runs a formula when a spreadsheet opens it.
//
// Excel, LibreOffice and Google Sheets take a cell starting with = + - @ (and tab, CR or LF,
// which they skip before looking for one) as a formula: `=HYPERLINK(…)`, `=cmd|' /C calc'!A0`,
// `@SUM(…)`. Following OWASP's CSV injection guidance, a text cell starting with one of them gets a
// leading apostrophe, which makes it text. That applies to every text cell, also to a phone
// "+7 912…" or a "-5" that came in as text: we cannot tell a harmless one from a hostile one.
// Numbers passed as numbers are written as they are, so -5 stays a number.

/** A cell: text (escaped when it could start a formula) or a number (written as it is). */
export type CsvCell = string | number | null | undefined;

const formulaStart = /^[=+\-@\t\r\n\0]/;

/** Makes a text cell safe to open in a spreadsheet: a leading apostrophe before a formula trigger. */
export function neutralizeFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** Quotes a field when it holds a quote, a line break or the delimiter (RFC 4180); no formula escaping. */
export function quoteCsvField(text: string, delimiter: string): string {
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A row's cells joined as a CSV line, quoted but not escaped against formulas: the row as it stood
 * in a file, for showing and storing. A file handed out is written with csvLine().
 */
export function rawCsvLine(cells: readonly string[], delimiter: string): string {
  return cells.map((cell) => quoteCsvField(cell, delimiter)).join(delimiter);
}

/** One CSV line (without its line break): text cells escaped against formulas and quoted, numbers as they are. */
export function csvLine(cells: readonly CsvCell[], delimiter: string): string {
  return cells.map((cell) => csvCell(cell, delimiter)).join(delimiter);
}

function csvCell(cell: CsvCell, delimiter: string): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    // A number that is not finite has no spreadsheet form; it is written as text, escaped like any.
    return Number.isFinite(cell) ? String(cell) : quoteCsvField(neutralizeFormula(String(cell)), delimiter);
  }
  return quoteCsvField(neutralizeFormula(cell), delimiter);
}
