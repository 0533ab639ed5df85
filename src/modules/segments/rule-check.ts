import type { FieldProblem } from '../../platform/errors.js';
import { type Reason, reason } from '../../platform/reasons.js';
import { MAX_RULE_TRAITS, ruleColumns } from './audience-columns.js';
import { booleanOps, classValues, type Condition, dateOps, listOps, MAX_CONDITIONS, MAX_DEPTH, numberOps, type RuleGroup, type RuleWindow, textOps } from './segment-rules.schemas.js';

// What the schema cannot say about a rule: which operands an operator needs, that a range does not
// run backwards, that a day exists, and how big a rule may grow. Each problem names its path in the
// rule ("rule.rules[1].rules[0].value"), so the builder can point at the condition.

const realDay = (value: string): boolean => {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

/** Problems of a rule that passed the schema; empty when it can be evaluated. */
export function checkRule(rule: RuleGroup, path = 'rule'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  let conditions = 0;
  const visit = (group: RuleGroup, at: string, depth: number): void => {
    if (depth > MAX_DEPTH) {
      problems.push({ field: at, ...reason('rule_too_deep', { max: MAX_DEPTH }) });
      return;
    }
    group.rules.forEach((r, i) => {
      const here = `${at}.rules[${i}]`;
      if (r.kind === 'group') visit(r, here, depth + 1);
      else {
        conditions++;
        problems.push(...checkCondition(r, here));
      }
    });
  };
  visit(rule, path, 1);
  const values = countValues(rule);
  if (values > MAX_VALUES) problems.push({ field: path, ...reason('rule_too_many_values', { max: MAX_VALUES, count: values }) });
  if (conditions > MAX_CONDITIONS) problems.push({ field: path, ...reason('rule_too_many_conditions', { max: MAX_CONDITIONS, count: conditions }) });
  const traits = ruleColumns(rule).filter((c) => c.source === 'trait').length;
  if (traits > MAX_RULE_TRAITS) problems.push({ field: path, ...reason('rule_too_many_traits', { max: MAX_RULE_TRAITS, count: traits }) });
  return problems;
}

/** Most listed values (in lists, products, property values) a rule may hold in all: each is a bound parameter. */
export const MAX_VALUES = 5000;

/** How many listed values a rule holds in all. */
export function countValues(rule: RuleGroup): number {
  let n = 0;
  for (const r of rule.rules) {
    if (r.kind === 'group') n += countValues(r);
    else if (r.kind === 'text' || r.kind === 'trait') n += r.values?.length ?? 0;
    else if (r.kind === 'class') n += r.in.length;
    else if (r.kind === 'purchase') n += r.product?.values.length ?? 0;
    else if (r.kind === 'event') n += r.where.reduce((sum, p) => sum + (p.values?.length ?? 0), 0);
  }
  return n;
}

/** How many conditions read events or orders (each repeats the evaluated ids in its subquery). */
export function activityConditions(rule: RuleGroup): number {
  let n = 0;
  for (const r of rule.rules) {
    if (r.kind === 'group') n += activityConditions(r);
    else if (r.kind === 'event' || r.kind === 'purchase' || r.kind === 'cartAbandoned') n++;
  }
  return n;
}

/** The ids of the segments a rule refers to. */
export function referencedSegments(rule: RuleGroup): string[] {
  const ids = new Set<string>();
  const visit = (group: RuleGroup): void => {
    for (const r of group.rules) {
      if (r.kind === 'group') visit(r);
      else if (r.kind === 'segment') ids.add(r.segmentId);
    }
  };
  visit(rule);
  return [...ids];
}

function need(problems: FieldProblem[], at: string, present: boolean, field: string, why: Reason): void {
  if (!present) problems.push({ field: `${at}.${field}`, ...why });
}

function checkDays(problems: FieldProblem[], at: string, from: string | undefined, to: string | undefined): void {
  if (from !== undefined && !realDay(from)) problems.push({ field: `${at}.value`, ...reason('date_not_real', { value: from }) });
  if (to !== undefined && !realDay(to)) problems.push({ field: `${at}.to`, ...reason('date_not_real', { value: to }) });
  if (from !== undefined && to !== undefined && realDay(from) && realDay(to) && from > to) problems.push({ field: `${at}.to`, ...reason('range_backwards', {}) });
}

function checkWindow(problems: FieldProblem[], at: string, window: RuleWindow): void {
  if (window.kind !== 'between') return;
  if (!realDay(window.from)) problems.push({ field: `${at}.window.from`, ...reason('date_not_real', { value: window.from }) });
  if (!realDay(window.to)) problems.push({ field: `${at}.window.to`, ...reason('date_not_real', { value: window.to }) });
  if (window.from > window.to) problems.push({ field: `${at}.window.to`, ...reason('window_backwards', {}) });
}

interface Operands {
  op: string;
  value?: unknown;
  values?: unknown[] | undefined;
  to?: unknown;
  days?: number | undefined;
  from?: number | undefined;
  toAge?: number | undefined;
}

function checkText(problems: FieldProblem[], at: string, c: Operands): void {
  if (['eq', 'neq', 'contains', 'notContains', 'startsWith'].includes(c.op)) need(problems, at, typeof c.value === 'string' && c.value !== '', 'value', reason('text_required', {}));
  if (c.op === 'in' || c.op === 'notIn') need(problems, at, (c.values?.length ?? 0) > 0, 'values', reason('values_required', {}));
}

function checkNumber(problems: FieldProblem[], at: string, c: Operands): void {
  if (c.op === 'set' || c.op === 'notSet') return;
  need(problems, at, typeof c.value === 'number', 'value', reason('number_required', {}));
  if (c.op === 'between') {
    need(problems, at, typeof c.to === 'number', 'to', reason('range_end_required', {}));
    if (typeof c.value === 'number' && typeof c.to === 'number' && c.to < c.value) problems.push({ field: `${at}.to`, ...reason('range_backwards', {}) });
  }
}

function checkDate(problems: FieldProblem[], at: string, c: Operands, birthday: boolean): void {
  const value = typeof c.value === 'string' ? c.value : undefined;
  const to = typeof c.to === 'string' ? c.to : undefined;
  if (c.op === 'before' || c.op === 'after') need(problems, at, value !== undefined, 'value', reason('day_required', {}));
  if (c.op === 'between') {
    need(problems, at, value !== undefined, 'value', reason('first_day_required', {}));
    need(problems, at, to !== undefined, 'to', reason('last_day_required', {}));
  }
  checkDays(problems, at, value, to);
  if (['withinLastDays', 'moreThanDaysAgo', 'anniversaryWithinDays'].includes(c.op)) need(problems, at, c.days !== undefined, 'days', reason('days_required', {}));
  if (['anniversaryWithinDays', 'anniversaryThisMonth', 'ageBetween'].includes(c.op) && !birthday) problems.push({ field: `${at}.op`, ...reason('birthday_operator', { op: c.op }) });
  if (c.op === 'ageBetween') {
    need(problems, at, c.from !== undefined || c.toAge !== undefined, 'from', reason('age_required', {}));
    if (c.from !== undefined && c.toAge !== undefined && c.toAge < c.from) problems.push({ field: `${at}.toAge`, ...reason('range_backwards', {}) });
  }
}

function checkCondition(c: Condition, at: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  switch (c.kind) {
    case 'text': checkText(problems, at, c); break;
    case 'date': checkDate(problems, at, c, c.field === 'birthDate'); break;
    case 'statDate': checkDate(problems, at, c, false); break;
    case 'stat': case 'score': checkNumber(problems, at, c); break;
    case 'trait': {
      const allowed: Record<string, readonly string[]> = { text: textOps, number: numberOps, date: dateOps, boolean: booleanOps, list: listOps };
      if (!(allowed[c.type] ?? []).includes(c.op)) {
        problems.push({ field: `${at}.op`, ...reason('trait_operator', { op: c.op, type: c.type }) });
        break;
      }
      if (c.type === 'text') checkText(problems, at, c);
      if (c.type === 'number') checkNumber(problems, at, c);
      if (c.type === 'date') checkDate(problems, at, c, true);
      if (c.type === 'list' && (c.op === 'hasAny' || c.op === 'hasNone')) need(problems, at, (c.values?.length ?? 0) > 0, 'values', reason('values_required', {}));
      break;
    }
    case 'event':
      if (c.type === 'track') need(problems, at, c.name !== undefined && c.name !== '', 'name', reason('event_name_required', {}));
      c.where.forEach((p, i) => {
        if (['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte'].includes(p.op)) need(problems, `${at}.where[${i}]`, p.value !== undefined && p.value !== '', 'value', reason('value_required', {}));
        if (['gt', 'gte', 'lt', 'lte'].includes(p.op) && typeof p.value !== 'number') problems.push({ field: `${at}.where[${i}].value`, ...reason('number_required', {}) });
        if (p.op === 'in') need(problems, `${at}.where[${i}]`, (p.values?.length ?? 0) > 0, 'values', reason('values_required', {}));
      });
      checkWindow(problems, at, c.window);
      break;
    case 'class': {
      const allowed = classValues[c.score];
      c.in.forEach((v, i) => {
        if (!allowed.includes(v)) problems.push({ field: `${at}.in[${i}]`, ...reason('class_unknown', { value: v, allowed: allowed.join(', ') }) });
      });
      break;
    }
    case 'purchase': case 'cartAbandoned':
      checkWindow(problems, at, c.window);
      break;
    default:
      break;
  }
  return problems;
}
