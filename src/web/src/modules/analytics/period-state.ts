import { localDayNumber } from '../../../../platform/time.js';

// The analytics period lives in the address (?period=30, or ?from=…&to=… for a range of one's
// own), so a reload or a link to a colleague shows the same figures. The default, the last 90 days,
// leaves the address clean. The presets end on the last day the KPI index of the last computation
// counts (yesterday after a morning computation), so the home screen answers from it at once; before
// the first computation, or when it is long past, they end today, the workspace's local day.

/** A preset length in days, or a range of one's own. */
export type PeriodChoice = '30' | '90' | '365' | 'custom';

/** Preset lengths the picker offers, in days. */
export const presetChoices = ['30', '90', '365'] as const;

/** The period the screen shows: how it was chosen and its first and last local days ("YYYY-MM-DD"). */
export interface Period {
  choice: PeriodChoice;
  from: string;
  to: string;
}

const defaultChoice = '90';
const dayMs = 86_400_000;

/** Today's local day in a time zone, "YYYY-MM-DD". */
export function todayIn(timezone: string, now = Date.now()): string {
  return new Date(localDayNumber(now, timezone) * dayMs).toISOString().slice(0, 10);
}

/** A day shifted by a number of days. */
export function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/**
 * Whether a text is a real calendar day "YYYY-MM-DD" (not 2026-02-30) from 1900 on. A date field
 * reports the year digit by digit (0002, 0020, 0202, 2026), so only the last is taken for a day.
 */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || text < '1900') return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

// Scores are computed every 24 hours by default; an index older than this is a schedule turned off,
// and a period ending on its day would hide a week of orders.
const indexFreshDays = 7;

/** The day the preset periods end on: the KPI index's last day (the day before the computation of `asOf`) while it is recent, else today. */
export function presetEnd(today: string, asOf: string | null): string {
  if (asOf === null) return today;
  const indexLastDay = addDays(asOf, -1);
  return indexLastDay < today && indexLastDay >= addDays(today, -indexFreshDays) ? indexLastDay : today;
}

/** The period of a preset length ending on `end`. */
export function presetPeriod(choice: (typeof presetChoices)[number], end: string): Period {
  return { choice, from: addDays(end, 1 - Number(choice)), to: end };
}

/** Reads the period from the address's query string (presets end on `end`); anything malformed falls back to the default. */
export function readPeriod(params: URLSearchParams, end: string): Period {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (isDay(from) && isDay(to) && from <= to) return { choice: 'custom', from, to };
  const preset = presetChoices.find((c) => c === params.get('period'));
  return presetPeriod(preset ?? defaultChoice, end);
}

/** Writes the period as a query string, leaving the default out. */
export function writePeriod(period: Period): URLSearchParams {
  const params = new URLSearchParams();
  if (period.choice === 'custom') {
    params.set('from', period.from);
    params.set('to', period.to);
  } else if (period.choice !== defaultChoice) {
    params.set('period', period.choice);
  }
  return params;
}

// The query keys the period is written to.
const periodKeys = ['period', 'from', 'to'] as const;

/** The address's query with the period replaced and everything else (a screen's own settings) kept. */
export function withPeriod(params: URLSearchParams, period: Period): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of periodKeys) next.delete(key);
  for (const [key, value] of writePeriod(period)) next.set(key, value);
  return next;
}

/** Only the period of the address's query, as "?…" or "", so a link to another analytics screen keeps it. */
export function periodQuery(params: URLSearchParams): string {
  const kept = new URLSearchParams();
  for (const key of periodKeys) {
    const value = params.get(key);
    if (value !== null) kept.set(key, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
}
