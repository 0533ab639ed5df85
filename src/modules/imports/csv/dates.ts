import { type Reason, reason } from '../../../platform/reasons.js';
import { fromLocal } from '../../../platform/time.js';

// Dates as Russian and international exports write them: DD.MM.YYYY with an optional time
// ("01.02.2024 9:05", "01.02.2024 09:05:30", 1C's "01.02.1990 0:00:00") and ISO 8601
// ("2024-02-01", "2024-02-01 09:05", "2024-02-01T09:05:30.123+03:00"). Two-digit years and
// slashed dates are refused: "01/02/2024" is 1 February in Russia and 2 January in the US.

/** Result of reading one cell. */
/** A cell read: its value, or why not (a coded reason, or "empty" for a blank cell). */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string; code?: Reason['code']; params?: Reason['params'] };

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Offset written in the text, in minutes east of UTC; undefined for local time. */
  offset?: number;
}

const russian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function fail<T>(why: string | Reason): ParseResult<T> {
  return typeof why === 'string' ? { ok: false, reason: why } : { ok: false, ...why };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function readParts(raw: string): ParseResult<DateParts> {
  const text = raw.trim();
  if (text === '') return fail('empty');
  let parts: DateParts;
  const r = russian.exec(text);
  const i = r ? null : iso.exec(text);
  if (r) {
    parts = { day: +r[1], month: +r[2], year: +r[3], hour: +(r[4] ?? 0), minute: +(r[5] ?? 0), second: +(r[6] ?? 0), ms: 0 };
  } else if (i) {
    parts = {
      year: +i[1], month: +i[2], day: +i[3], hour: +(i[4] ?? 0), minute: +(i[5] ?? 0), second: +(i[6] ?? 0),
      ms: i[7] ? Math.floor(+`0.${i[7]}` * 1000) : 0,
      offset: i[8] === undefined ? undefined : zoneMinutes(i[8]),
    };
  } else {
    return fail(reason('date_value', { value: text }));
  }
  const { year, month, day, hour, minute, second } = parts;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail(reason('date_no_such_day', { value: text }));
  }
  if (hour > 23 || minute > 59 || second > 59) return fail(reason('time_value', { value: text }));
  // 1C writes its empty date as 01.01.0001; years this far out are never real customer dates.
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(reason('date_year_range', { value: text, min: MIN_YEAR, max: MAX_YEAR }));
  return { ok: true, value: parts };
}

function zoneMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone.startsWith('-') ? -minutes : minutes;
}

// Converting wall-clock time costs two Intl calls; rows of one import mostly share days and
// hours, so the instant of each local hour is cached (adding minutes within an hour is exact).
const hourCache = new Map<string, number>();

function localHourStart(p: DateParts, timezone: string): number {
  const key = `${timezone}|${p.year}|${p.month}|${p.day}|${p.hour}`;
  let start = hourCache.get(key);
  if (start === undefined) {
    start = fromLocal(p.year, p.month, p.day, p.hour, 0, 0, timezone);
    if (hourCache.size >= 50_000) hourCache.clear();
    hourCache.set(key, start);
  }
  return start;
}

/**
 * Reads a date or date-time into epoch milliseconds. Text without an offset is wall-clock time in
 * `timezone` (an IANA name such as "Europe/Moscow"); a date alone means local midnight.
 * Throws RangeError for an unknown time zone, which is a configuration error, not a cell error.
 */
export function parseDate(text: string, timezone: string): ParseResult<number> {
  const read = readParts(text);
  if (!read.ok) return read;
  const p = read.value;
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  if (p.offset !== undefined) return { ok: true, value: wall - p.offset * 60_000 };
  return { ok: true, value: localHourStart(p, timezone) + p.minute * 60_000 + p.second * 1000 + p.ms };
}

/** Reads a birth date as "YYYY-MM-DD"; a time part (1C writes "0:00:00") is ignored. */
export function parseBirthDate(text: string): ParseResult<string> {
  const read = readParts(text);
  if (!read.ok) return read;
  const { year, month, day } = read.value;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
}
