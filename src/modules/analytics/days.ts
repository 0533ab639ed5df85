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

/** The months since January 1970 of a day number. */
export function monthOf(day: number): number {
  const date = new Date(day * 86_400_000);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** The day number of the first day of a month (months since January 1970). */
export function firstDayOfMonth(month: number): number {
  return lastDayOfMonth(month - 1) + 1;
}

/**
 * The period a period is compared with: as many whole calendar months just before when it is whole
 * calendar months (a month, a quarter, a year: November against October, Q3 against Q2), otherwise
 * the same number of days just before.
 */
export function previousPeriod(fromDay: number, toDay: number): { fromDay: number; toDay: number } {
  const firstMonth = monthOf(fromDay);
  const lastMonth = monthOf(toDay);
  if (fromDay === firstDayOfMonth(firstMonth) && toDay === lastDayOfMonth(lastMonth)) {
    const months = lastMonth - firstMonth + 1;
    return { fromDay: firstDayOfMonth(firstMonth - months), toDay: fromDay - 1 };
  }
  const length = toDay - fromDay + 1;
  return { fromDay: fromDay - length, toDay: fromDay - 1 };
}
