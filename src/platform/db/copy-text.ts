// PostgreSQL's COPY text format (https://www.postgresql.org/docs/current/sql-copy.html): a line a
// row, values separated by tabs, null as \N, and backslash, tab, newline and carriage return escaped.

/** A value in COPY's text format: null as \N; backslash, tab, newline and carriage return escaped. */
export function copyText(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
