import type { PropertyCondition } from './segments.types.js';

// What the builder keeps of a condition while it is edited: the operands as typed (numbers as
// text, so "1 500," can be typed on the way to "1 500,50"), read back into a rule by rule-draft.ts.

/** A property condition of an event, as typed. */
export interface PropertyDraft {
  path: string;
  op: PropertyCondition['op'];
  value: string;
  values: string[];
}

/** A window as typed: ever, the last N days, or between two days. */
export interface WindowDraft {
  kind: 'ever' | 'lastDays' | 'between';
  days: string;
  from: string;
  to: string;
}

/** How a purchase condition picks products ('' for any product). */
export type ProductBy = '' | 'productId' | 'sku' | 'category' | 'name';
/** What a purchase condition counts. */
export type PurchaseMeasure = 'orders' | 'units' | 'amount';

/** Every operand any condition may have, as typed. */
export interface Operands {
  value: string;
  to: string;
  values: string[];
  days: string;
  from: string;
  toAge: string;
  trait: string;
  name: string;
  where: PropertyDraft[];
  count: string;
  window: WindowDraft;
  by: ProductBy;
  products: string[];
  measure: PurchaseMeasure;
  hours: string;
  segmentId: string;
}

/** Operands of a new condition. */
export function emptyOperands(): Operands {
  return {
    value: '', to: '', values: [], days: '', from: '', toAge: '', trait: '', name: '', where: [], count: '1',
    window: { kind: 'lastDays', days: '30', from: '', to: '' }, by: '', products: [], measure: 'orders', hours: '24', segmentId: '',
  };
}

const propertyOps: readonly PropertyCondition['op'][] = ['eq', 'neq', 'contains', 'in', 'gt', 'gte', 'lt', 'lte', 'set', 'notSet'];
const byValues: readonly ProductBy[] = ['', 'productId', 'sku', 'category', 'name'];
const measures: readonly PurchaseMeasure[] = ['orders', 'units', 'amount'];
const windowKinds: readonly WindowDraft['kind'][] = ['ever', 'lastDays', 'between'];

/** Whether a text is one of a list's values (and so of its type). */
export function oneOf<T extends string>(list: readonly T[], value: string): value is T {
  return list.some((v) => v === value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
const pick = <T extends string>(list: readonly T[], v: unknown, fallback: T): T => (typeof v === 'string' && oneOf(list, v) ? v : fallback);

/** Reads the operands the query builder holds for a condition (its value is untyped there); what is missing or malformed gets the default. */
export function readOperands(value: unknown): Operands {
  const base = emptyOperands();
  if (!isRecord(value)) return base;
  const w = isRecord(value.window) ? value.window : {};
  return {
    value: str(value.value, ''),
    to: str(value.to, ''),
    values: strings(value.values),
    days: str(value.days, ''),
    from: str(value.from, ''),
    toAge: str(value.toAge, ''),
    trait: str(value.trait, ''),
    name: str(value.name, ''),
    where: (Array.isArray(value.where) ? value.where : []).filter(isRecord).map((p) => ({
      path: str(p.path, ''), op: pick(propertyOps, p.op, 'eq'), value: str(p.value, ''), values: strings(p.values),
    })),
    count: str(value.count, base.count),
    window: { kind: pick(windowKinds, w.kind, base.window.kind), days: str(w.days, base.window.days), from: str(w.from, ''), to: str(w.to, '') },
    by: pick(byValues, value.by, ''),
    products: strings(value.products),
    measure: pick(measures, value.measure, 'orders'),
    hours: str(value.hours, base.hours),
    segmentId: str(value.segmentId, ''),
  };
}

/** A number typed with spaces between thousands and a comma or point before decimals; null when it is none. */
export function parseTyped(text: string): number | null {
  const clean = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (clean === '' || !/^-?\d+(\.\d+)?$/.test(clean)) return null;
  return Number(clean);
}

/** A whole number ≥ 0 typed, or null. */
export function parseWhole(text: string): number | null {
  const n = parseTyped(text);
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null;
}
