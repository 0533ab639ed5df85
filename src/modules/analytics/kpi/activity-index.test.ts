import { describe, expect, it } from 'vitest';
import { Rng } from '../../demo/demo.random.js';
import { ActivityIndex, maxIndexDays } from './activity-index.js';
import { bruteForce, randomShop } from '../../../../test/fixtures/kpi-reference.js';

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
