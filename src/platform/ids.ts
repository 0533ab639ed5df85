import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe identifier with a readable prefix, e.g. "ws_3kq9…". */
export function newId(prefix: string, bytes = 12): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** Hex SHA-256 of a string; used for tokens that are stored but never shown again. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
