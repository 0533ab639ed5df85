// The one place where the two engines' value shapes are made alike (see docs/decisions.md).
// Integers are already numbers on both (see database.ts); what is left is JSON and booleans.

/** Parses a JSON column: SQLite gives text, PostgreSQL's jsonb gives the parsed value. */
export function readJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return fallback;
    }
  }
  return value as T;
}

/** Serialises a value for a JSON column (both engines accept text). */
export function writeJson(value: unknown): string {
  return JSON.stringify(value ?? {});
}
