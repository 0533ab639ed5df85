import { type RawBuilder, sql } from 'kysely';
import { boundInstant } from '../../common/time-bounds.js';
import { foldText } from '../../platform/db/fold.js';
import { localDayNumber } from '../../platform/time.js';
import { isoDay } from '../analytics/days.js';

// Operators on one value (text, number, date) as SQL. A missing value matches "not equal", "does
// not contain", "not in" and "not set", and nothing else: the other operators compare the bare
// column, which is null (not true) for a missing value — so the engines can use their indexes —
// and rule-sql.ts reads null as false where it matters (under "not").

const day = 86_400_000;
const never = sql<boolean>`(1 = 0)`;

/** A text value: a column or a value read from JSON. */
export interface TextTerm {
  text: RawBuilder<unknown>;
  /** The text already folded (a stored key), when there is one: read instead of kl_fold(text). */
  folded?: RawBuilder<unknown>;
}

/** What text operators read from a condition. */
export interface TextOperands {
  op: string;
  value?: string | undefined;
  values?: string[] | undefined;
}

// LIKE patterns escape their wildcards with "!", spelled the same on both engines.
function likeEscaped(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}

/** A text operator (case and ё/е ignored). */
export function textSql(term: TextTerm, cond: TextOperands): RawBuilder<boolean> {
  const folded = term.folded ?? sql`kl_fold(${term.text})`;
  const v = foldText(cond.value ?? '');
  const list = (cond.values ?? []).map(foldText);
  const known = (b: RawBuilder<unknown>) => sql<boolean>`(${b})`;
  const unknownOr = (b: RawBuilder<unknown>) => sql<boolean>`(${term.text} is null or ${b})`;
  switch (cond.op) {
    case 'eq': return known(sql`${folded} = ${v}`);
    case 'neq': return unknownOr(sql`${folded} <> ${v}`);
    case 'contains': return known(sql`${folded} like ${`%${likeEscaped(v)}%`} escape '!'`);
    case 'notContains': return unknownOr(sql`${folded} not like ${`%${likeEscaped(v)}%`} escape '!'`);
    case 'startsWith': return known(sql`${folded} like ${`${likeEscaped(v)}%`} escape '!'`);
    case 'in': return list.length === 0 ? never : known(sql`${folded} in (${sql.join(list)})`);
    case 'notIn': return list.length === 0 ? sql<boolean>`(1 = 1)` : unknownOr(sql`${folded} not in (${sql.join(list)})`);
    case 'set': return sql<boolean>`(${term.text} is not null and ${term.text} <> '')`;
    case 'notSet': return sql<boolean>`(${term.text} is null or ${term.text} = '')`;
    default: return never;
  }
}

/** What number operators read from a condition. */
export interface NumberOperands {
  op: string;
  value?: number | undefined;
  to?: number | undefined;
}

// A number as a bound parameter. PostgreSQL types a parameter by the column it meets, so 0.7
// against an integer column would fail to parse ("invalid input syntax for type integer"), and
// so would an integer past the column's range: those are sent as double precision, a type name
// SQLite reads as REAL too. Small integers stay as they are, so indexes still serve them.
function numberParam(v: number): RawBuilder<unknown> {
  return Number.isInteger(v) && Math.abs(v) <= 2_147_483_647 ? sql`${v}` : sql`cast(${v} as double precision)`;
}

/** A number operator; "between" includes both ends. */
export function numberSql(term: RawBuilder<unknown>, cond: NumberOperands): RawBuilder<boolean> {
  const v = numberParam(cond.value ?? 0);
  const known = (b: RawBuilder<unknown>) => sql<boolean>`(${b})`;
  switch (cond.op) {
    case 'eq': return known(sql`${term} = ${v}`);
    case 'neq': return sql<boolean>`(${term} is null or ${term} <> ${v})`;
    case 'gt': return known(sql`${term} > ${v}`);
    case 'gte': return known(sql`${term} >= ${v}`);
    case 'lt': return known(sql`${term} < ${v}`);
    case 'lte': return known(sql`${term} <= ${v}`);
    case 'between': return known(sql`${term} >= ${v} and ${term} <= ${cond.to === undefined ? v : numberParam(cond.to)}`);
    case 'set': return sql<boolean>`(${term} is not null)`;
    case 'notSet': return sql<boolean>`(${term} is null)`;
    default: return never;
  }
}

/** A date value: a calendar day as "YYYY-MM-DD" text (birth dates, date traits) or an instant in epoch ms. */
export type DateTerm = { kind: 'day'; text: RawBuilder<unknown> } | { kind: 'instant'; ms: RawBuilder<unknown> };

/** What date operators read from a condition. */
export interface DateOperands {
  op: string;
  value?: string | undefined;
  to?: string | undefined;
  days?: number | undefined;
  from?: number | undefined;
  toAge?: number | undefined;
}

/** What "now" is for date operators. */
export interface DateContext {
  now: number;
  timezone: string;
}

/** A date operator; days are the workspace's calendar days, "the last N days" are N×24 h before now. */
export function dateSql(term: DateTerm, cond: DateOperands, ctx: DateContext): RawBuilder<boolean> {
  return term.kind === 'instant' ? instantSql(term.ms, cond, ctx) : daySql(term.text, cond, ctx);
}

function instantSql(ms: RawBuilder<unknown>, cond: DateOperands, ctx: DateContext): RawBuilder<boolean> {
  const known = (b: RawBuilder<unknown>) => sql<boolean>`(${b})`;
  const start = (d: string | undefined) => boundInstant(d ?? '1970-01-01', 'from', ctx.timezone);
  const end = (d: string | undefined) => boundInstant(d ?? '1970-01-01', 'to', ctx.timezone);
  const n = (cond.days ?? 0) * day;
  switch (cond.op) {
    case 'before': return known(sql`${ms} < ${start(cond.value)}`);
    case 'after': return known(sql`${ms} >= ${end(cond.value)}`);
    case 'between': return known(sql`${ms} >= ${start(cond.value)} and ${ms} < ${end(cond.to ?? cond.value)}`);
    case 'withinLastDays': return known(sql`${ms} >= ${ctx.now - n}`);
    case 'moreThanDaysAgo': return known(sql`${ms} < ${ctx.now - n}`);
    case 'set': return sql<boolean>`(${ms} is not null)`;
    case 'notSet': return sql<boolean>`(${ms} is null)`;
    default: return never;
  }
}

function daySql(text: RawBuilder<unknown>, cond: DateOperands, ctx: DateContext): RawBuilder<boolean> {
  const known = (b: RawBuilder<unknown>) => sql<boolean>`(${b})`;
  const today = localDayNumber(ctx.now, ctx.timezone);
  const n = cond.days ?? 0;
  switch (cond.op) {
    case 'before': return known(sql`${text} < ${cond.value ?? ''}`);
    case 'after': return known(sql`${text} > ${cond.value ?? ''}`);
    case 'between': return known(sql`${text} >= ${cond.value ?? ''} and ${text} <= ${cond.to ?? cond.value ?? ''}`);
    case 'withinLastDays': return known(sql`${text} >= ${isoDay(today - n)} and ${text} <= ${isoDay(today)}`);
    case 'moreThanDaysAgo': return known(sql`${text} < ${isoDay(today - n)}`);
    case 'anniversaryWithinDays': {
      const days = anniversaryDays(today, n);
      return days === 'all' ? known(sql`length(${text}) >= 10`) : known(sql`substr(${text}, 6, 5) in (${sql.join(days)})`);
    }
    case 'anniversaryThisMonth': return known(sql`substr(${text}, 6, 2) = ${isoDay(today).slice(5, 7)}`);
    case 'ageBetween': {
      // Age ≥ from: born on or before today `from` years ago; age ≤ toAge: born after today toAge+1 years ago.
      const youngest = yearsBefore(today, cond.from ?? 0);
      const oldest = yearsBefore(today, (cond.toAge ?? 200) + 1);
      return known(sql`length(${text}) >= 10 and ${text} <= ${youngest} and ${text} > ${oldest}`);
    }
    case 'set': return sql<boolean>`(${text} is not null and ${text} <> '')`;
    case 'notSet': return sql<boolean>`(${text} is null or ${text} = '')`;
    default: return never;
  }
}

/** "MM-DD" of the days from today to today + n; 29 February counts on 28 February of years without it. */
export function anniversaryDays(today: number, n: number): string[] | 'all' {
  if (n >= 365) return 'all';
  const days = new Set<string>();
  for (let d = today; d <= today + n; d++) {
    const iso = isoDay(d);
    const mmdd = iso.slice(5);
    days.add(mmdd);
    const year = Number(iso.slice(0, 4));
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    if (mmdd === '02-28' && !leap) days.add('02-29');
  }
  return [...days];
}

/** The calendar day `years` years before the day (29 February falls back to 28 February). */
export function yearsBefore(dayNumber: number, years: number): string {
  const iso = isoDay(dayNumber);
  const year = Number(iso.slice(0, 4)) - years;
  let mmdd = iso.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (mmdd === '02-29' && !leap) mmdd = '02-28';
  return `${String(Math.max(0, year)).padStart(4, '0')}-${mmdd}`;
}
