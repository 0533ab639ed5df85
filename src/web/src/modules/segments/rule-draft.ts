import type { RuleGroupType, RuleType } from 'react-querybuilder';
import { toMajorUnits, toMinorUnits } from '../../format/format.js';
import { emptyOperands, oneOf, type Operands, parseTyped, parseWhole, readOperands, type WindowDraft } from './operands.js';
import {
  birthdayOps, classScores, consentChannels, eventTypes, fieldEntry, fieldKeyOf, identifierKinds, instantOps, numberOps, scoreNumbers, statDates,
  statNumbers, textFields, textOps, traitTypes,
} from './rule-fields.js';
import type { Condition, PropertyCondition, RuleGroup, RuleWindow } from './segments.types.js';

// The query builder edits a tree of {field, operator, value}; the API takes the rule language.
// These functions turn one into the other. A condition still being typed has no rule yet (null),
// and then neither has the tree, so no preview is asked for a rule the server would refuse.

const day = /^\d{4}-\d{2}-\d{2}$/;
const split = (field: string): [string, string] => {
  const dot = field.indexOf('.');
  return dot < 0 ? [field, ''] : [field.slice(0, dot), field.slice(dot + 1)];
};

function windowOf(w: WindowDraft): RuleWindow | null {
  if (w.kind === 'ever') return { kind: 'ever' };
  if (w.kind === 'lastDays') {
    const days = parseWhole(w.days);
    return days !== null && days >= 1 ? { kind: 'lastDays', days } : null;
  }
  return day.test(w.from) && day.test(w.to) ? { kind: 'between', from: w.from, to: w.to } : null;
}

function draftWindow(w: RuleWindow): WindowDraft {
  if (w.kind === 'lastDays') return { kind: 'lastDays', days: String(w.days), from: '', to: '' };
  if (w.kind === 'between') return { kind: 'between', days: '', from: w.from, to: w.to };
  return { kind: 'ever', days: '', from: '', to: '' };
}

interface TextOperands { value?: string; values?: string[] }
function textOperands(op: string, o: Operands): TextOperands | null {
  if (op === 'set' || op === 'notSet') return {};
  if (op === 'in' || op === 'notIn' || op === 'hasAny' || op === 'hasNone') return o.values.length > 0 ? { values: o.values } : null;
  return o.value.trim() !== '' ? { value: o.value.trim() } : null;
}

interface NumberOperands { value?: number; to?: number }
function numberOperands(op: string, o: Operands, scale: (n: number) => number): NumberOperands | null {
  if (op === 'set' || op === 'notSet') return {};
  const value = parseTyped(o.value);
  if (value === null) return null;
  if (op !== 'between') return { value: scale(value) };
  const to = parseTyped(o.to);
  return to === null ? null : { value: scale(value), to: scale(to) };
}

interface DateOperands { value?: string; to?: string; days?: number; from?: number; toAge?: number }
function dateOperands(op: string, o: Operands): DateOperands | null {
  switch (op) {
    case 'before': case 'after': return day.test(o.value) ? { value: o.value } : null;
    case 'between': return day.test(o.value) && day.test(o.to) ? { value: o.value, to: o.to } : null;
    case 'withinLastDays': case 'moreThanDaysAgo': case 'anniversaryWithinDays': {
      const days = parseWhole(o.days);
      return days === null ? null : { days };
    }
    case 'ageBetween': {
      const from = parseWhole(o.from);
      const toAge = parseWhole(o.toAge);
      if (from === null && toAge === null) return null;
      return { ...(from === null ? {} : { from }), ...(toAge === null ? {} : { toAge }) };
    }
    default: return {};
  }
}

function propertyOf(p: Operands['where'][number]): PropertyCondition | null {
  const path = p.path.trim();
  if (!path) return null;
  if (p.op === 'set' || p.op === 'notSet') return { path, op: p.op };
  if (p.op === 'in') return p.values.length ? { path, op: p.op, values: p.values } : null;
  if (p.value.trim() === '') return null;
  if (p.op === 'gt' || p.op === 'gte' || p.op === 'lt' || p.op === 'lte') {
    const n = parseTyped(p.value);
    return n === null ? null : { path, op: p.op, value: n };
  }
  return { path, op: p.op, value: p.value.trim() };
}

/** The condition a builder row stands for, with money in minor units; null while it is incomplete. */
export function toCondition(field: string, op: string, value: unknown, currency: string): Condition | null {
  const o = readOperands(value);
  const [kind, name] = split(field);
  const money = fieldEntry(field)?.money ? (n: number) => toMinorUnits(n, currency) : (n: number) => n;
  switch (kind) {
    case 'text': {
      const operands = textOperands(op, o);
      return operands && oneOf(textFields, name) && oneOf(textOps, op) ? { kind, field: name, op, ...operands } : null;
    }
    case 'date': {
      const operands = dateOperands(op, o);
      return operands && (name === 'birthDate' || name === 'createdAt') && oneOf(birthdayOps, op) ? { kind, field: name, op, ...operands } : null;
    }
    case 'statDate': {
      const operands = dateOperands(op, o);
      return operands && oneOf(statDates, name) && oneOf(instantOps, op) ? { kind, stat: name, op, ...operands } : null;
    }
    case 'stat': {
      const operands = numberOperands(op, o, money);
      return operands && oneOf(statNumbers, name) && oneOf(numberOps, op) ? { kind, stat: name, op, ...operands } : null;
    }
    case 'score': {
      const operands = numberOperands(op, o, money);
      return operands && oneOf(scoreNumbers, name) && oneOf(numberOps, op) ? { kind, score: name, op, ...operands } : null;
    }
    case 'trait': {
      const trait = o.trait.trim();
      if (!trait || !oneOf(traitTypes, name)) return null;
      const operands = name === 'number' ? numberOperands(op, o, money) : name === 'date' ? dateOperands(op, o) : name === 'boolean' ? {} : textOperands(op, o);
      return operands ? { kind, trait, type: name, op, ...operands } : null;
    }
    case 'class': return oneOf(classScores, name) && o.values.length > 0 ? { kind, score: name, in: o.values } : null;
    case 'identifier': return oneOf(identifierKinds, name) ? { kind, identifier: name, present: op === 'present' } : null;
    case 'consent':
      return oneOf(consentChannels, name) && (op === 'granted' || op === 'revoked' || op === 'unknown') ? { kind, channel: name, status: op } : null;
    case 'event': {
      const count = parseWhole(o.count);
      const window = windowOf(o.window);
      const where = o.where.map(propertyOf);
      const eventName = o.name.trim();
      if (!oneOf(eventTypes, name) || count === null || !window || (name === 'track' && !eventName) || !(op === 'atLeast' || op === 'atMost' || op === 'exactly')) return null;
      if (where.some((p) => p === null)) return null;
      return { kind, type: name, ...(eventName ? { name: eventName } : {}), where: where.filter((p) => p !== null), frequency: { op, count }, window };
    }
    case 'purchase': {
      const amount = parseTyped(o.value);
      const window = windowOf(o.window);
      if (amount === null || amount < 0 || !window || !(op === 'atLeast' || op === 'atMost' || op === 'exactly')) return null;
      const product = o.by !== '' && o.products.length > 0 ? { by: o.by, values: o.products } : undefined;
      if (o.by !== '' && !product) return null;
      return { kind, measure: o.measure, op, value: o.measure === 'amount' ? toMinorUnits(amount, currency) : amount, window, ...(product ? { product } : {}) };
    }
    case 'cartAbandoned': {
      const hours = parseWhole(o.hours);
      const window = windowOf(o.window);
      return hours !== null && hours >= 1 && window ? { kind, hours, window } : null;
    }
    case 'segment': return o.segmentId ? { kind, segmentId: o.segmentId, member: op === 'member' } : null;
    default: return null;
  }
}

const typed = (n: number | string | boolean | undefined): string => (n === undefined ? '' : String(n));

/**
 * A condition as a builder row: its field key, operator and operands as they would be typed (money in
 * major units, decimals with `comma` as in Russian).
 */
export function fromCondition(c: Condition, currency: string, comma = false): Omit<RuleType, 'id'> {
  const field = fieldKeyOf(c);
  const o = emptyOperands();
  const decimal = (n: number) => (comma ? String(n).replace('.', ',') : String(n));
  const major = (n: number | undefined) => (n === undefined ? '' : decimal(fieldEntry(field)?.money ? toMajorUnits(n, currency) : n));
  switch (c.kind) {
    case 'text': case 'date': case 'statDate':
      return { field, operator: c.op, value: { ...o, value: typed(c.value), to: typed('to' in c ? c.to : undefined), values: 'values' in c ? (c.values ?? []) : [], days: typed('days' in c ? c.days : undefined), from: typed('from' in c ? c.from : undefined), toAge: typed('toAge' in c ? c.toAge : undefined) } };
    case 'stat': case 'score': return { field, operator: c.op, value: { ...o, value: major(c.value), to: major(c.to) } };
    case 'trait': return { field, operator: c.op, value: { ...o, trait: c.trait, value: typed(c.value), to: typed(c.to), values: c.values ?? [], days: typed(c.days) } };
    case 'class': return { field, operator: 'in', value: { ...o, values: c.in } };
    case 'identifier': return { field, operator: c.present ? 'present' : 'absent', value: o };
    case 'consent': return { field, operator: c.status, value: o };
    case 'event':
      return {
        field, operator: c.frequency.op,
        value: { ...o, name: c.name ?? '', count: String(c.frequency.count), window: draftWindow(c.window), where: c.where.map((p) => ({ path: p.path, op: p.op, value: typed(p.value), values: p.values ?? [] })) },
      };
    case 'purchase':
      return { field, operator: c.op, value: { ...o, measure: c.measure, value: decimal(c.measure === 'amount' ? toMajorUnits(c.value, currency) : c.value), window: draftWindow(c.window), by: c.product?.by ?? '', products: c.product?.values ?? [] } };
    case 'cartAbandoned': return { field, operator: 'abandoned', value: { ...o, hours: String(c.hours), window: draftWindow(c.window) } };
    case 'segment': return { field, operator: c.member ? 'member' : 'notMember', value: { ...o, segmentId: c.segmentId } };
  }
}

function isGroup(r: RuleType | RuleGroupType): r is RuleGroupType {
  return 'rules' in r;
}

/** The rule a builder tree stands for; null while any of its conditions is incomplete. */
export function toRule(tree: RuleGroupType, currency: string): RuleGroup | null {
  const rules: RuleGroup['rules'] = [];
  for (const r of tree.rules) {
    if (typeof r === 'string') continue;
    const next = isGroup(r) ? toRule(r, currency) : toCondition(r.field, r.operator, r.value, currency);
    if (!next) return null;
    rules.push(next);
  }
  return { kind: 'group', combinator: tree.combinator === 'or' ? 'or' : 'and', ...(tree.not ? { not: true } : {}), rules };
}

/** A rule as a builder tree (decimals typed with `comma` as in Russian). */
export function fromRule(rule: RuleGroup, currency: string, comma = false): RuleGroupType {
  return {
    combinator: rule.combinator,
    not: rule.not ?? false,
    rules: rule.rules.map((r) => (r.kind === 'group' ? fromRule(r, currency, comma) : fromCondition(r, currency, comma))),
  };
}

/** The builder path of a rule path the API names ("rule.rules[1].rules[0].to" → "1.0"), or null. */
export function builderPath(apiField: string): string | null {
  const m = /^(?:body\.)?rule((?:\.rules\[\d+\])*)/.exec(apiField);
  if (!m) return null;
  return [...(m[1] ?? '').matchAll(/\[(\d+)\]/g)].map((x) => x[1]).join('.');
}
