import { describe, expect, it } from 'vitest';
import { eventConditions, eventScans, frequencyHolds } from './event-scans.js';
import type { EventCondition, RuleGroup } from './segment-rules.schemas.js';

const viewed = (days: number, extra: Partial<EventCondition> = {}): EventCondition => ({
  kind: 'event', type: 'track', name: 'Product Viewed', where: [], frequency: { op: 'atLeast', count: 1 }, window: { kind: 'lastDays', days }, ...extra,
});

describe('event scans', () => {
  it('finds event conditions at any depth, under not and or', () => {
    const a = viewed(7);
    const b = viewed(30);
    const rule: RuleGroup = { kind: 'group', combinator: 'and', rules: [
      { kind: 'text', field: 'city', op: 'eq', value: 'Москва' },
      { kind: 'group', combinator: 'or', not: true, rules: [a, { kind: 'group', combinator: 'and', rules: [b] }] },
    ] };
    expect(eventConditions(rule)).toEqual([a, b]);
  });

  it('counts conditions over the same type and name in one scan, any-name and page views apart', () => {
    const a = viewed(7);
    const b = viewed(365, { where: [{ path: 'price', op: 'gte', value: 5000 }] });
    const added: EventCondition = { ...viewed(7), name: 'Product Added' };
    const anyTrack: EventCondition = { ...viewed(7), name: undefined };
    const emptyName: EventCondition = { ...viewed(7), name: '' };
    const page: EventCondition = { ...viewed(7), type: 'page', name: undefined };
    const scans = eventScans([a, b, added, anyTrack, emptyName, page, a]);
    expect(scans.map((s) => [s.type, s.name, s.conditions.length])).toEqual([
      ['track', 'Product Viewed', 2], ['track', 'Product Added', 1], ['track', null, 2], ['page', null, 1],
    ]);
  });

  it('splits a scan before it binds too many values', () => {
    const many = Array.from({ length: 30 }, () => viewed(7, { where: [{ path: 'sku', op: 'in', values: Array.from({ length: 900 }, (_, i) => `sku-${i}`) }] }));
    const scans = eventScans(many);
    expect(scans.length).toBeGreaterThan(1);
    expect(scans.flatMap((s) => s.conditions)).toEqual(many);
    const plain = eventScans(Array.from({ length: 100 }, () => viewed(7)));
    expect(plain.map((s) => s.conditions.length)).toEqual([40, 40, 20]);
  });

  it('reads at least, at most and exactly as the rule language does (zero included)', () => {
    const f = (op: 'atLeast' | 'atMost' | 'exactly', count: number) => viewed(7, { frequency: { op, count } });
    expect([0, 1, 2].map((n) => frequencyHolds(f('atLeast', 1), n))).toEqual([false, true, true]);
    expect([0, 1].map((n) => frequencyHolds(f('atLeast', 0), n))).toEqual([true, true]);
    expect([0, 2, 3].map((n) => frequencyHolds(f('atMost', 2), n))).toEqual([true, true, false]);
    expect([0, 1].map((n) => frequencyHolds(f('exactly', 0), n))).toEqual([true, false]);
    expect([1, 2, 3].map((n) => frequencyHolds(f('exactly', 2), n))).toEqual([false, true, false]);
  });
});
