import { describe, expect, it } from 'vitest';
import { Rng } from '../../demo/demo.random.js';
import { PurchaseDaysCollector } from './purchase-days.js';

describe('PurchaseDaysCollector', () => {
  it('gives each customer distinct ascending days, and daily totals, from purchases in any order', () => {
    const rng = new Rng(9);
    const purchases = Array.from({ length: 5_000 }, () => ({ id: 1_000 + Math.floor(rng.next() * 300) * 7, day: 20_000 + Math.floor(rng.next() * 400), value: Math.floor(rng.next() * 10_000) }));
    const collector = new PurchaseDaysCollector();
    for (const p of purchases) collector.add(p.id, p.day, p.value);

    const byCustomer = new Map<number, Set<number>>();
    const daily = new Map<number, { orders: number; revenue: number }>();
    for (const p of purchases) {
      byCustomer.set(p.id, (byCustomer.get(p.id) ?? new Set()).add(p.day));
      const t = daily.get(p.day) ?? { orders: 0, revenue: 0 };
      daily.set(p.day, { orders: t.orders + 1, revenue: t.revenue + p.value });
    }
    const expected = [...byCustomer.keys()].sort((a, b) => a - b).map((id) => [...(byCustomer.get(id) ?? [])].sort((a, b) => a - b));
    expect([...collector.customers()]).toEqual(expected);
    expect(collector.daily()).toEqual(daily);
  });

  it('gives nothing for no purchases', () => {
    expect([...new PurchaseDaysCollector().customers()]).toEqual([]);
  });
});
