import { z } from 'zod';
import { fromLocal } from '../platform/time.js';

// Time filters in query strings ("from", "to", "lastOrderFrom"…) accept either a calendar day
// (what people pick in a date picker, read in the workspace's time zone) or an exact instant in
// epoch milliseconds (what programs pass on).

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDay(value: string): boolean {
  const m = dayPattern.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A query-string time bound: `YYYY-MM-DD` (a day in the workspace's time zone) or epoch milliseconds. */
export const timeBoundSchema = z
  .string()
  .refine((v) => /^\d{1,15}$/.test(v) || isRealDay(v), { message: 'must be a date YYYY-MM-DD or epoch milliseconds' });

/**
 * The instant a bound stands for. A day as a lower bound is its first moment; as an upper bound it
 * includes the whole day (the instant returned is the next day's start, used exclusively).
 * Epoch milliseconds are taken as they are (an upper bound is exclusive).
 */
export function boundInstant(value: string, edge: 'from' | 'to', timezone: string): number {
  const m = dayPattern.exec(value);
  if (!m) return Number(value);
  const day = Number(m[3]) + (edge === 'to' ? 1 : 0);
  // Date.UTC rolls day 32 into the next month, so the next day's start needs no calendar logic here.
  const next = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, day));
  return fromLocal(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, 0, timezone);
}
