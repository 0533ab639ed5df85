import { describe, expect, it } from 'vitest';
import { Rng } from '../../demo/demo.random.js';
import { ActivityIndex, maxIndexDays } from './activity-index.js';
import type { PeriodCounts } from './kpi.js';

// The counts straight from the definitions (as AnalyticsRepo.periodCounts computes them in SQL).
function bruteForce(customers: number[][], orders: Map<number, { orders: number; revenue: number }>, from: number, to: number, activeDays: number): PeriodCounts {
  const counts: PeriodCounts = { start: 0, end: 0, new: 0, buyers: 0, repeatBuyers: 0, orders: 0, revenue: 0 };
  for (const all of customers) {
    const days = all.filter((d) => d <= to);
    if (days.length === 0) continue;
    const before = days.filter((d) => d < from);
    if (before.length > 0 && before[before.length - 1] >= from - activeDays) counts.start++;
    if (days[days.length - 1] > to - activeDays) counts.end++;
    if (days[0] >= from) counts.new++;
    if (days.some((d) => d >= from)) {
      counts.buyers++;
      if (days.length >= 2) counts.repeatBuyers++;
    }
  }
  for (const [day, t] of orders) {
    if (day >= from && day <= to) {
      counts.orders += t.orders;
      counts.revenue += t.revenue;
    }
  }
  return counts;
}

function randomShop(rng: Rng, customers: number, span: number, offset: number) {
  const shop: number[][] = [];
  const daily = new Map<number, { orders: number; revenue: number }>();
  for (let c = 0; c < customers; c++) {
    const count = Math.floor(rng.next() * rng.next() * 8);
    const days = [...new Set(Array.from({ length: count }, () => offset + Math.floor(rng.next() * span)))].sort((a, b) => a - b);
    shop.push(days);
    for (const d of days) {
      const t = daily.get(d) ?? { orders: 0, revenue: 0 };
      t.orders += 1 + Math.floor(rng.next() * 2);
      t.revenue += Math.floor(rng.next() * 100_000);
      daily.set(d, t);
    }
  }
  return { shop, daily };
}

describe('ActivityIndex', () => {
  it('counts every period exactly as the definitions do', () => {
    const rng = new Rng(11);
    const { shop, daily } = randomShop(rng, 400, 200, 20_000);
    const lastDay = 20_199;
    const index = ActivityIndex.build(shop, daily, lastDay);
    for (let n = 0; n < 3000; n++) {
      const from = 19_950 + Math.floor(rng.next() * 260);
      const to = Math.min(lastDay, from + Math.floor(rng.next() * 120));
      if (to < from) continue;
      const activeDays = 1 + Math.floor(rng.next() * 150);
      expect(index.covers(from - activeDays, to)).toBe(true);
      expect(index.periodCounts(from, to, activeDays), `${from}…${to}, ${activeDays}`).toEqual(bruteForce(shop, daily, from, to, activeDays));
    }
    // Stored and read back, it answers the same.
    const stored = ActivityIndex.fromBytes(index.toBytes());
    expect(stored.periodCounts(20_100, 20_150, 60)).toEqual(index.periodCounts(20_100, 20_150, 60));
    expect(stored.data).toEqual(index.data);
  });

  it('leaves out days after its last one', () => {
    const index = ActivityIndex.build([[10, 20, 30]], new Map([[10, { orders: 1, revenue: 5 }], [30, { orders: 1, revenue: 7 }]]), 25);
    expect(index.periodCounts(1, 25, 100)).toEqual({ start: 0, end: 1, new: 1, buyers: 1, repeatBuyers: 1, orders: 1, revenue: 5 });
    expect(index.covers(1, 26)).toBe(false);
  });

  it('covers at most maxIndexDays days, and refuses periods reaching before them', () => {
    const last = 10_000;
    const shop = [[last - maxIndexDays - 100, last - 5], [last - 3]];
    const index = ActivityIndex.build(shop, new Map(), last);
    expect(index.data.truncated).toBe(true);
    expect(index.covers(last - maxIndexDays + 1, last)).toBe(false);
    expect(index.covers(last - maxIndexDays + 2, last)).toBe(true);
    // The first customer's early purchase is before the covered days: the gap to day last − 5 still spans [last − 30, last − 10].
    expect(index.periodCounts(last - 20, last, 10)).toMatchObject({ start: 0, end: 2, new: 1, buyers: 2, repeatBuyers: 1 });
  });
});
