import { describe, expect, it } from 'vitest';
import { activityScans, frequencyHolds, scannedConditions } from './activity-scans.js';
import type { EventCondition, PurchaseCondition, RuleGroup } from './segment-rules.schemas.js';

const bought = (extra: Partial<PurchaseCondition>): PurchaseCondition => ({
  kind: 'purchase', measure: 'amount', op: 'atLeast', value: 1000, window: { kind: 'lastDays', days: 30 }, ...extra,
});
const viewed = (days: number, extra: Partial<EventCondition> = {}): EventCondition => ({
  kind: 'event', type: 'track', name: 'Product Viewed', where: [], frequency: { op: 'atLeast', count: 1 }, window: { kind: 'lastDays', days }, ...extra,
});

describe('activity scans', () => {
  it('finds event and purchase conditions at any depth, under not and or', () => {
    const a = viewed(7);
    const b = bought({ measure: 'units' });
    const rule: RuleGroup = { kind: 'group', combinator: 'and', rules: [
      { kind: 'text', field: 'city', op: 'eq', value: 'Москва' },
      { kind: 'group', combinator: 'or', not: true, rules: [a, { kind: 'group', combinator: 'and', rules: [b] }] },
    ] };
    expect(scannedConditions(rule)).toEqual([a, b]);
  });

  it('counts events of one type and name in one scan, orders in one and order lines in another', () => {
    const a = viewed(7);
    const b = viewed(365, { where: [{ path: 'price', op: 'gte', value: 5000 }] });
    const added: EventCondition = { ...viewed(7), name: 'Product Added' };
    const anyTrack: EventCondition = { ...viewed(7), name: undefined };
    const emptyName: EventCondition = { ...viewed(7), name: '' };
    const page: EventCondition = { ...viewed(7), type: 'page', name: undefined };
    const spent = bought({});
    const units = bought({ measure: 'units' });
    const shoes = bought({ product: { by: 'category', values: ['Обувь'] } });
    const scans = activityScans([a, b, added, spent, anyTrack, emptyName, page, units, shoes, a]);
    expect(scans.map((s) => (s.kind === 'events' ? [s.type, s.name, s.conditions.length] : [s.kind, s.conditions.length]))).toEqual([
      ['track', 'Product Viewed', 2], ['track', 'Product Added', 1], ['orders', 1], ['track', null, 2], ['page', null, 1], ['items', 2],
    ]);
  });

  it('splits a scan before it binds too many values', () => {
    const many = Array.from({ length: 30 }, () => viewed(7, { where: [{ path: 'sku', op: 'in', values: Array.from({ length: 900 }, (_, i) => `sku-${i}`) }] }));
    const scans = activityScans(many);
    expect(scans.length).toBeGreaterThan(1);
    expect(scans.flatMap((s): unknown[] => s.conditions)).toEqual(many);
    const plain = activityScans(Array.from({ length: 100 }, () => viewed(7)));
    expect(plain.map((s) => s.conditions.length)).toEqual([40, 40, 20]);
  });

  it('reads at least, at most and exactly as the rule language does (zero included)', () => {
    const f = (op: 'atLeast' | 'atMost' | 'exactly', count: number) => viewed(7, { frequency: { op, count } });
    expect([0, 1, 2].map((n) => frequencyHolds(f('atLeast', 1), n))).toEqual([false, true, true]);
    expect([0, 1].map((n) => frequencyHolds(f('atLeast', 0), n))).toEqual([true, true]);
    expect([0, 2, 3].map((n) => frequencyHolds(f('atMost', 2), n))).toEqual([true, true, false]);
    expect([0, 1].map((n) => frequencyHolds(f('exactly', 0), n))).toEqual([true, false]);
    expect([1, 2, 3].map((n) => frequencyHolds(f('exactly', 2), n))).toEqual([false, true, false]);
    // Amounts after refunds can be negative: "exactly 0" reads "nothing above 0", as the SQL does.
    expect([-500, 0, 1].map((v) => frequencyHolds(bought({ op: 'exactly', value: 0 }), v))).toEqual([true, true, false]);
    expect([-500, 0, 1000].map((v) => frequencyHolds(bought({ op: 'atLeast', value: 1000 }), v))).toEqual([false, false, true]);
  });
});
