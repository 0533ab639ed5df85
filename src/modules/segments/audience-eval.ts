import { boundInstant } from '../../common/time-bounds.js';
import { foldText } from '../../platform/db/fold.js';
import { localDayNumber, localDayStart } from '../../platform/time.js';
import { isoDay } from '../analytics/days.js';
import { consentKey, identifierKey, numberKey, rawKey, textKey, traitKey } from './audience-columns.js';
import { type AudienceIndex, type Column, DictionaryColumn, FlagColumn, NumberColumn, TraitColumn, type TraitValue } from './audience-index.js';
import type { RuleContext } from './rule-sql.js';
import { anniversaryDays, type DateOperands, type NumberOperands, type TextOperands, yearsBefore } from './rule-sql-terms.js';
import type { Condition, RuleGroup } from './segment-rules.schemas.js';

// A rule evaluated over the audience index: one byte per row (1: the row matches). The meaning of
// every operator is the SQL's (rule-sql.ts, rule-sql-terms.ts), rewritten over columns; a
// property test compares the two on random rules. A condition on a missing value is false, and
// under "not" a group is negated after that, exactly as the SQL's coalesce reads null.
// Conditions on what customers did (events, purchases, carts) and on other segments arrive as
// masks already made from sets of ids (`sets`).

const dayMs = 86_400_000;

/** Per-row results of a rule: 1 where it holds. */
export type Mask = Uint8Array;

/** Evaluates a rule over the index; `sets` holds the masks of the activity and segment conditions. */
export function evaluateRule(index: AudienceIndex, rule: RuleGroup, ctx: RuleContext, sets: ReadonlyMap<Condition, Mask>): Mask {
  const n = index.size;
  const out = new Uint8Array(n);
  if (rule.combinator === 'and') out.fill(1);
  for (const r of rule.rules) {
    const m = r.kind === 'group' ? evaluateRule(index, r, ctx, sets) : evaluateCondition(index, r, ctx, sets);
    if (rule.combinator === 'and') for (let i = 0; i < n; i++) out[i] &= m[i];
    else for (let i = 0; i < n; i++) out[i] |= m[i];
  }
  if (rule.not) for (let i = 0; i < n; i++) out[i] ^= 1;
  return out;
}

function column<T extends Column>(index: AudienceIndex, key: string, type: abstract new (...args: never[]) => T): T {
  const c = index.columns.get(key);
  if (!(c instanceof type)) throw new Error(`the audience index has no column ${key}`);
  return c;
}

/** One condition's mask. */
export function evaluateCondition(index: AudienceIndex, cond: Condition, ctx: RuleContext, sets: ReadonlyMap<Condition, Mask>): Mask {
  switch (cond.kind) {
    case 'text':
      return byCode(index, column(index, textKey(cond.field), DictionaryColumn), textTest(cond));
    case 'date':
      return cond.field === 'birthDate'
        ? byCode(index, column(index, rawKey('birthDate'), DictionaryColumn), dayTest(cond, ctx))
        : byNumber(index, column(index, numberKey('createdAt'), NumberColumn), instantTest(cond, ctx));
    case 'trait':
      return byTrait(index, column(index, traitKey(cond.trait), TraitColumn), traitTest(cond, ctx));
    case 'stat':
      if (cond.stat === 'daysSinceLastOrder') return byNumber(index, column(index, numberKey('lastOrderAt'), NumberColumn), daysSinceTest(cond, ctx));
      return byNumber(index, column(index, numberKey(cond.stat), NumberColumn), numberTest(cond));
    case 'statDate':
      return byNumber(index, column(index, numberKey(cond.stat), NumberColumn), instantTest(cond, ctx));
    case 'score':
      return byNumber(index, column(index, numberKey(cond.score), NumberColumn), numberTest(cond));
    case 'class': {
      const wanted = new Set(cond.in);
      return byCode(index, column(index, rawKey(cond.score), DictionaryColumn), (v) => v !== null && wanted.has(v));
    }
    case 'identifier': {
      const flags = column(index, identifierKey(cond.identifier), FlagColumn).values;
      return byFlag(index.size, flags, (f) => (f === 1) === cond.present);
    }
    case 'consent': {
      const flags = column(index, consentKey(cond.channel), FlagColumn).values;
      const want = cond.status === 'granted' ? 1 : cond.status === 'revoked' ? 2 : 0;
      return byFlag(index.size, flags, (f) => f === want);
    }
    case 'event': case 'purchase': case 'cartAbandoned': case 'segment': {
      const m = sets.get(cond);
      if (!m) throw new Error(`no set of ids was read for a ${cond.kind} condition`);
      return m;
    }
  }
}

// Tests are made once per condition and run once per distinct value of a dictionary column.
function byCode(index: AudienceIndex, c: DictionaryColumn, test: (v: string | null) => boolean): Mask {
  const byValue = Uint8Array.from(c.values, (v) => (test(v) ? 1 : 0));
  const none = test(null) ? 1 : 0;
  const out = new Uint8Array(index.size);
  const codes = c.codes;
  for (let i = 0; i < index.size; i++) {
    const code = codes[i];
    out[i] = code < 0 ? none : byValue[code];
  }
  return out;
}

function byNumber(index: AudienceIndex, c: NumberColumn, test: (v: number | null) => boolean): Mask {
  const out = new Uint8Array(index.size);
  const none = test(null) ? 1 : 0;
  const values = c.values;
  for (let i = 0; i < index.size; i++) {
    const v = values[i];
    out[i] = Number.isNaN(v) ? none : test(v) ? 1 : 0;
  }
  return out;
}

function byTrait(index: AudienceIndex, c: TraitColumn, test: (v: TraitValue) => boolean): Mask {
  const out = new Uint8Array(index.size);
  for (let i = 0; i < index.size; i++) out[i] = test(c.values[i]) ? 1 : 0;
  return out;
}

function byFlag(n: number, flags: Uint8Array, test: (f: number) => boolean): Mask {
  const table = Uint8Array.from([0, 1, 2, 3], (f) => (test(f) ? 1 : 0));
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = table[flags[i]];
  return out;
}

// Over folded text, as textSql: a missing value matches neq, notContains, notIn (non-empty list) and notSet only.
function textTest(cond: TextOperands): (v: string | null) => boolean {
  const v = foldText(cond.value ?? '');
  const list = new Set((cond.values ?? []).map(foldText));
  switch (cond.op) {
    case 'eq': return (x) => x !== null && x === v;
    case 'neq': return (x) => x === null || x !== v;
    case 'contains': return (x) => x !== null && x.includes(v);
    case 'notContains': return (x) => x === null || !x.includes(v);
    case 'startsWith': return (x) => x !== null && x.startsWith(v);
    case 'in': return list.size === 0 ? () => false : (x) => x !== null && list.has(x);
    case 'notIn': return list.size === 0 ? () => true : (x) => x === null || !list.has(x);
    case 'set': return (x) => x !== null && x !== '';
    case 'notSet': return (x) => x === null || x === '';
    default: return () => false;
  }
}

function numberTest(cond: NumberOperands): (x: number | null) => boolean {
  const v = cond.value ?? 0;
  const to = cond.to ?? v;
  switch (cond.op) {
    case 'eq': return (x) => x !== null && x === v;
    case 'neq': return (x) => x === null || x !== v;
    case 'gt': return (x) => x !== null && x > v;
    case 'gte': return (x) => x !== null && x >= v;
    case 'lt': return (x) => x !== null && x < v;
    case 'lte': return (x) => x !== null && x <= v;
    case 'between': return (x) => x !== null && x >= v && x <= to;
    case 'set': return (x) => x !== null;
    case 'notSet': return (x) => x === null;
    default: return () => false;
  }
}

// An instant in epoch ms (instantSql).
function instantTest(cond: DateOperands, ctx: RuleContext): (x: number | null) => boolean {
  const start = (d: string | undefined) => boundInstant(d ?? '1970-01-01', 'from', ctx.timezone);
  const end = (d: string | undefined) => boundInstant(d ?? '1970-01-01', 'to', ctx.timezone);
  const n = (cond.days ?? 0) * dayMs;
  switch (cond.op) {
    case 'before': { const t = start(cond.value); return (x) => x !== null && x < t; }
    case 'after': { const t = end(cond.value); return (x) => x !== null && x >= t; }
    case 'between': {
      const a = start(cond.value);
      const b = end(cond.to ?? cond.value);
      return (x) => x !== null && x >= a && x < b;
    }
    case 'withinLastDays': { const t = ctx.now - n; return (x) => x !== null && x >= t; }
    case 'moreThanDaysAgo': { const t = ctx.now - n; return (x) => x !== null && x < t; }
    case 'set': return (x) => x !== null;
    case 'notSet': return (x) => x === null;
    default: return () => false;
  }
}

// SQL's substr and length count characters (code points); JavaScript's strings count UTF-16 units.
function chars(text: string): string[] | string {
  return /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : text;
}
function substr(text: string, start: number, length: number): string {
  const c = chars(text);
  return typeof c === 'string' ? c.slice(start - 1, start - 1 + length) : c.slice(start - 1, start - 1 + length).join('');
}
function charLength(text: string): number {
  return chars(text).length;
}

// A calendar day held as "YYYY-MM-DD" text (daySql): comparisons are text comparisons.
function dayTest(cond: DateOperands, ctx: RuleContext): (x: string | null) => boolean {
  const today = localDayNumber(ctx.now, ctx.timezone);
  const n = cond.days ?? 0;
  switch (cond.op) {
    case 'before': { const v = cond.value ?? ''; return (x) => x !== null && x < v; }
    case 'after': { const v = cond.value ?? ''; return (x) => x !== null && x > v; }
    case 'between': {
      const a = cond.value ?? '';
      const b = cond.to ?? cond.value ?? '';
      return (x) => x !== null && x >= a && x <= b;
    }
    case 'withinLastDays': {
      const a = isoDay(today - n);
      const b = isoDay(today);
      return (x) => x !== null && x >= a && x <= b;
    }
    case 'moreThanDaysAgo': { const a = isoDay(today - n); return (x) => x !== null && x < a; }
    case 'anniversaryWithinDays': {
      const days = anniversaryDays(today, n);
      if (days === 'all') return (x) => x !== null && charLength(x) >= 10;
      const wanted = new Set(days);
      return (x) => x !== null && wanted.has(substr(x, 6, 5));
    }
    case 'anniversaryThisMonth': { const month = isoDay(today).slice(5, 7); return (x) => x !== null && substr(x, 6, 2) === month; }
    case 'ageBetween': {
      const youngest = yearsBefore(today, cond.from ?? 0);
      const oldest = yearsBefore(today, (cond.toAge ?? 200) + 1);
      return (x) => x !== null && charLength(x) >= 10 && x <= youngest && x > oldest;
    }
    case 'set': return (x) => x !== null && x !== '';
    case 'notSet': return (x) => x === null || x === '';
    default: return () => false;
  }
}

// Days since the last purchase in whole local days (rule-sql.ts daysSinceSql).
function daysSinceTest(cond: Extract<Condition, { kind: 'stat' }>, ctx: RuleContext): (x: number | null) => boolean {
  const today = localDayNumber(ctx.now, ctx.timezone);
  const start = (n: number) => localDayStart(today - Math.max(-1, Math.min(n, 36_500)), ctx.timezone);
  const v = cond.value ?? 0;
  const atLeast = (k: number) => { const t = start(k - 1); return (x: number) => x < t; };
  const atMost = (k: number) => { const t = start(k); return (x: number) => x >= t; };
  switch (cond.op) {
    case 'set': return (x) => x !== null;
    case 'notSet': return (x) => x === null;
    case 'gte': { const f = atLeast(Math.ceil(v)); return (x) => x !== null && f(x); }
    case 'gt': { const f = atLeast(Math.floor(v) + 1); return (x) => x !== null && f(x); }
    case 'lte': { const f = atMost(Math.floor(v)); return (x) => x !== null && f(x); }
    case 'lt': { const f = atMost(Math.ceil(v) - 1); return (x) => x !== null && f(x); }
    case 'eq': {
      if (!Number.isInteger(v)) return () => false;
      const a = atLeast(v);
      const b = atMost(v);
      return (x) => x !== null && a(x) && b(x);
    }
    case 'neq': {
      if (!Number.isInteger(v)) return () => true;
      const a = atLeast(v);
      const b = atMost(v);
      return (x) => x === null || !(a(x) && b(x));
    }
    case 'between': {
      const a = atLeast(Math.ceil(v));
      const b = atMost(Math.floor(cond.to ?? v));
      return (x) => x !== null && a(x) && b(x);
    }
  }
}

// A custom trait read as the type the condition names (rule-sql.ts traitSql): a value of another type is missing.
function traitTest(cond: Extract<Condition, { kind: 'trait' }>, ctx: RuleContext): (x: TraitValue) => boolean {
  const present = (x: TraitValue) => x !== undefined;
  if (cond.op === 'set') return present;
  if (cond.op === 'notSet') return (x) => !present(x);
  switch (cond.type) {
    case 'text': {
      const t = textTest({ op: cond.op, value: typeof cond.value === 'string' ? cond.value : undefined, values: cond.values });
      return (x) => t(typeof x === 'string' ? foldText(x) : null);
    }
    case 'number': {
      const t = numberTest({ op: cond.op, value: typeof cond.value === 'number' ? cond.value : undefined, to: typeof cond.to === 'number' ? cond.to : undefined });
      return (x) => t(typeof x === 'number' ? x : null);
    }
    case 'date': {
      const t = dayTest({ op: cond.op, value: typeof cond.value === 'string' ? cond.value : undefined, to: typeof cond.to === 'string' ? cond.to : undefined, days: cond.days }, ctx);
      return (x) => t(typeof x === 'string' ? substr(x, 1, 10) : null);
    }
    case 'boolean':
      return cond.op === 'isTrue' ? (x) => x === true : (x) => x === false;
    case 'list': {
      const wanted = new Set((cond.values ?? []).map((v) => v.toLowerCase().replace(/ё/g, 'е')));
      if (wanted.size === 0) return cond.op === 'hasNone' ? () => true : () => false;
      const matchesOne = (x: TraitValue) => Array.isArray(x) && x.some((e) => typeof e === 'string' && wanted.has(foldText(e)));
      return cond.op === 'hasNone' ? (x) => !matchesOne(x) : matchesOne;
    }
  }
}
