import { describe, expect, it } from 'vitest';
import { Rng } from '../../demo/demo.random.js';
import { bruteForce } from '../../../../test/fixtures/kpi-reference.js';
import { ActivityIndex, maxIndexDays } from './activity-index.js';
import { canExtend, countsWithRecent, type RecentBuyer } from './recent-counts.js';

describe('countsWithRecent', () => {
  it('counts periods reaching past the index day exactly as the definitions do', () => {
    const rng = new Rng(21);
    const lastDay = 20_180; // the index counts up to here; purchases go on to 20,199
    const shop: { day: number; orders: number; revenue: number }[][] = [];
    for (let c = 0; c < 500; c++) {
      const count = Math.floor(rng.next() * rng.next() * 9);
      const days = [...new Set(Array.from({ length: count }, () => 20_000 + Math.floor((rng.next() ** 0.5) * 200)))].sort((a, b) => a - b);
      shop.push(days.map((day) => ({ day, orders: 1 + Math.floor(rng.next() * 2), revenue: Math.floor(rng.next() * 100_000) })));
    }
    const daily = new Map<number, { orders: number; revenue: number }>();
    for (const c of shop) {
      for (const d of c) {
        const t = daily.get(d.day) ?? { orders: 0, revenue: 0 };
        daily.set(d.day, { orders: t.orders + d.orders, revenue: t.revenue + d.revenue });
      }
    }
    const index = ActivityIndex.build(shop.map((c) => c.map((d) => d.day)), daily, lastDay);
    const recent: RecentBuyer[] = shop
      .filter((c) => c.some((d) => d.day > lastDay))
      .map((c) => {
        const before = c.filter((d) => d.day <= lastDay);
        return { days: c.filter((d) => d.day > lastDay), firstDay: before[0]?.day ?? null, lastDay: before.at(-1)?.day ?? null, dayCount: before.length };
      });
    expect(recent.length).toBeGreaterThan(50);
    let compared = 0;
    for (let n = 0; n < 3000; n++) {
      const from = 19_950 + Math.floor(rng.next() * 250);
      const to = Math.max(from, lastDay + 1) + Math.floor(rng.next() * (20_200 - Math.max(from, lastDay + 1)));
      const activeDays = 1 + Math.floor(rng.next() * 150);
      if (!canExtend(index, from, to, activeDays)) continue;
      compared++;
      expect(countsWithRecent(index, recent, from, to, activeDays), `${from}…${to}, ${activeDays}`).toEqual(bruteForce(shop.map((c) => c.map((d) => d.day)), daily, from, to, activeDays));
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('is not used for periods within the index, or reaching before it', () => {
    const index = ActivityIndex.build([[100, 120]], new Map(), 130);
    expect(canExtend(index, 110, 130, 10)).toBe(false);
    expect(canExtend(index, 110, 131, 10)).toBe(true);
    expect(canExtend(index, 200, 210, 30)).toBe(true); // after the index altogether
    const truncated = ActivityIndex.build([[130 - maxIndexDays - 10, 120]], new Map(), 130);
    expect(canExtend(truncated, 131 - maxIndexDays + 5, 140, 30)).toBe(false); // its window starts before the covered days
  });
});
