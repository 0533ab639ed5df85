import { invalid } from '../../platform/errors.js';

// Page cursors are opaque to clients: base64url of a small JSON object that only this server reads.

/** Encodes a keyset position as an opaque cursor. */
export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Decodes a cursor into the object it holds; a cursor this API did not return is a validation error. */
export function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return { ...value };
  } catch {
    // falls through to the validation error
  }
  throw badCursor();
}

/** The validation error for a cursor that is not one this API returned for the same query. */
export function badCursor() {
  return invalid('cursor', 'is not a cursor this API returned for this query');
}
