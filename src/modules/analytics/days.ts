import { invalid } from '../../platform/errors.js';
import { reason } from '../../platform/reasons.js';

/** A calendar day "YYYY-MM-DD" as orders.order_day counts it (days since 1970-01-01), or a validation error on `field`. */
export function parseDay(isoDay: string, field: string): number {
  const ms = Date.parse(`${isoDay}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDay) {
    throw invalid(field, reason('date_format', { value: isoDay }));
  }
  return Math.floor(ms / 86_400_000);
}

/** A period of local days: `from` (or no lower bound when null) to `to`, both inclusive, named by their query fields. */
export function parsePeriod(from: string, to: string, toField?: string): { fromDay: number; toDay: number };
export function parsePeriod(from: string | null, to: string, toField?: string): { fromDay: number | null; toDay: number };
export function parsePeriod(from: string | null, to: string, toField = 'to'): { fromDay: number | null; toDay: number } {
  const toDay = parseDay(to, toField);
  const fromDay = from === null ? null : parseDay(from, 'from');
  if (fromDay !== null && fromDay > toDay) throw invalid('from', `must not be after ${toField}`);
  return { fromDay, toDay };
}

/** "YYYY-MM-DD" of a day number. */
export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The day number of the last day of a month (months since January 1970). */
export function lastDayOfMonth(month: number): number {
  return Math.floor(Date.UTC(Math.floor(month / 12), (month % 12) + 1, 1) / 86_400_000) - 1;
}
