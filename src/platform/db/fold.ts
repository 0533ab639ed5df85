// Text comparisons that ignore case and "ё/е", the same way in JavaScript and in SQL on both
// engines. SQL calls kl_fold(x): on SQLite a function registered on every connection
// (database.ts), on PostgreSQL a function made by migration 2026-12-07T20-segments, which folds
// Cyrillic letters itself because lower() folds only ASCII under the C collation.

/** Lower-cases text and reads ё as е. */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

/** The kl_fold function of SQLite connections: null and non-text values pass through. */
export function sqliteFold(value: unknown): unknown {
  return typeof value === 'string' ? foldText(value) : value;
}
