import { describe, expect, it } from 'vitest';
import { Rng } from '../../demo/demo.random.js';
import { rfmReport } from './rfm-report.js';
import { defaultFrequencyCuts, quintileScores, type RfmInput, rfmScores, rfmSegmentOf } from './rfm.js';

describe('quintileScores', () => {
  it('scores ten distinct values two to a quintile, the best 5', () => {
    expect(quintileScores([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(quintileScores([100, 10, 55])).toEqual([4, 1, 2]); // ranks 2, 0, 1 of 3: 1 + ⌊5·2/3⌋ = 4, 1, 1 + ⌊5/3⌋ = 2
  });

  it('keeps equal values together, scored by how many are worse', () => {
    // Six customers with one purchase, two with 2, one with 3, one with 7 (ten in all).
    expect(quintileScores([1, 1, 1, 1, 1, 1, 2, 2, 3, 7])).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect(quintileScores([5, 5, 5])).toEqual([1, 1, 1]);
    expect(quintileScores([])).toEqual([]);
  });
});

describe('rfmScores', () => {
  const customers: RfmInput[] = [
    { customerId: 1, recencyDays: 3, frequency: 9, monetary: 900_00, orders: 10, tenureDays: 700 },
    { customerId: 2, recencyDays: 400, frequency: 8, monetary: 700_00, orders: 8, tenureDays: 900 },
    { customerId: 3, recencyDays: 10, frequency: 1, monetary: 50_00, orders: 1, tenureDays: 10 },
    { customerId: 4, recencyDays: 200, frequency: 1, monetary: 20_00, orders: 1, tenureDays: 200 },
    { customerId: 5, recencyDays: 60, frequency: 3, monetary: 150_00, orders: 3, tenureDays: 300 },
  ];

  it('scores recency as "more recent is better" by quintiles', () => {
    // Recency order (best first): 1 (3 d), 3 (10 d), 5 (60 d), 4 (200 d), 2 (400 d).
    expect(rfmScores(customers).map((s) => s.r)).toEqual([5, 1, 4, 2, 3]);
    expect(rfmScores(customers).map((s) => s.f)).toEqual([5, 4, 1, 1, 3]);
    expect(rfmScores(customers).map((s) => s.m)).toEqual([5, 4, 2, 1, 3]);
  });

  it('scores F by purchase days (1, 2, 3, 4–5, 6+) when given cut points, R and M by quintiles', () => {
    const buyers = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 9].map((frequency, i) => ({ customerId: i, recencyDays: i, frequency, monetary: i, orders: frequency, tenureDays: 400 }));
    expect(rfmScores(buyers, { thresholds: null, frequencyCuts: defaultFrequencyCuts }).map((s) => s.f)).toEqual([1, 1, 1, 1, 1, 1, 2, 3, 4, 4, 5, 5]);
    // Quintiles put the six one-time buyers (half) at F 1 and the next value straight at F 3: F 2 stays empty.
    expect(rfmScores(buyers).map((s) => s.f)).toEqual([1, 1, 1, 1, 1, 1, 3, 3, 4, 4, 5, 5]);
  });

  it("uses the workspace's thresholds when given", () => {
    const thresholds = { recency: [7, 30, 90, 180], frequency: [2, 3, 5, 8], monetary: [100_00, 200_00, 500_00, 800_00] } as const;
    const scores = rfmScores(customers, { thresholds: { recency: [...thresholds.recency], frequency: [...thresholds.frequency], monetary: [...thresholds.monetary] }, frequencyCuts: null });
    expect(scores).toEqual([
      { r: 5, f: 5, m: 5 }, // 3 days ≤ 7; 9 ≥ 8; 900 ≥ 800
      { r: 1, f: 5, m: 4 }, // 400 days > 180; 8 ≥ 8; 700 ≥ 500
      { r: 4, f: 1, m: 1 }, // 10 days in (7, 30]; 1 < 2; 50 < 100
      { r: 1, f: 1, m: 1 }, // 200 days > 180
      { r: 3, f: 3, m: 2 }, // 60 days in (30, 90]; 3 ≥ 3; 150 ≥ 100
    ]);
  });
});

describe('rfmSegmentOf', () => {
  const rules = { churnDays: 120, loyalPurchases: 3 };
  const of = (r: number, f: number, m: number, recencyDays: number, frequency: number, tenureDays = 500) => rfmSegmentOf({ r, f, m, recencyDays, frequency, tenureDays }, rules);

  it("names the article's groups within the churn window", () => {
    expect(of(5, 5, 5, 3, 8)).toBe('vip');
    expect(of(4, 4, 2, 20, 4)).toBe('loyal');
    expect(of(3, 3, 5, 90, 3)).toBe('loyal');
    expect(of(5, 1, 3, 10, 1, 10)).toBe('new');
    expect(of(4, 2, 4, 30, 2)).toBe('promising');
    expect(of(3, 2, 2, 100, 2)).toBe('needsAttention');
    expect(of(2, 5, 5, 115, 7)).toBe('needsAttention'); // R 2, yet within the window: not lapsed
  });

  it('puts every customer past the churn window in a lapsed group, whatever the scores', () => {
    expect(of(5, 5, 5, 121, 9)).toBe('churnedLoyal');
    expect(of(4, 1, 1, 121, 1, 121)).toBe('sleeping'); // R 4 among old buyers, but gone: not new
    expect(of(2, 2, 2, 300, 2)).toBe('sleeping');
    expect(of(1, 3, 1, 400, 3)).toBe('churnedLoyal');
  });

  it('calls new only a first and only purchase', () => {
    // One purchase day in the period, but bought before it: returning, not new.
    expect(of(5, 1, 2, 10, 1, 400)).toBe('promising');
  });
});

describe('rfmReport', () => {
  it('sums customers and revenue per R×F cell and per segment, with shares, average check and CLV', () => {
    const customers: RfmInput[] = [
      { customerId: 1, recencyDays: 1, frequency: 5, monetary: 600_00, orders: 6, tenureDays: 300 },
      { customerId: 2, recencyDays: 2, frequency: 4, monetary: 300_00, orders: 4, tenureDays: 200 },
      { customerId: 3, recencyDays: 500, frequency: 1, monetary: 100_00, orders: 2, tenureDays: 500 },
    ];
    const scores = [{ r: 5, f: 5, m: 5 }, { r: 5, f: 5, m: 5 }, { r: 1, f: 1, m: 1 }];
    const { cells, segments } = rfmReport(customers, scores, { churnDays: 90, loyalPurchases: 3 });
    expect(cells).toHaveLength(25);
    expect(cells.find((c) => c.r === 5 && c.f === 5)).toEqual({ r: 5, f: 5, customers: 2, revenue: 900_00 });
    expect(cells.find((c) => c.r === 1 && c.f === 1)).toEqual({ r: 1, f: 1, customers: 1, revenue: 100_00 });
    expect(cells.reduce((s, c) => s + c.customers, 0)).toBe(3);
    expect(segments[0]).toEqual({
      segment: 'vip', customers: 2, customerShare: 2 / 3, revenue: 900_00, revenueShare: 0.9, avgCheck: 90_00, clv: 450_00,
      members: { recencyDays: [1, 2], purchaseDays: [4, 5], r: [5, 5], f: [5, 5], m: [5, 5], firstPurchaseOnly: 0 },
    });
    expect(segments.find((s) => s.segment === 'sleeping')).toMatchObject({ customers: 1, revenueShare: 0.1, avgCheck: 50_00, clv: 100_00 });
    expect(segments.find((s) => s.segment === 'sleeping')?.members).toMatchObject({ recencyDays: [500, 500], firstPurchaseOnly: 1 });
    expect(segments.find((s) => s.segment === 'new')).toMatchObject({ customers: 0, revenue: 0, avgCheck: 0, clv: 0, members: null });
  });
});

describe('quintileScores against ranks counted one by one', () => {
  it('scores 1 + ⌊5 · (values below) / n⌋ for every value, ties and -0 included', () => {
    const rng = new Rng(5);
    for (let run = 0; run < 300; run++) {
      const n = 1 + Math.floor(rng.next() * 50);
      const values = Array.from({ length: n }, () => -Math.floor(rng.next() * [4, 30, 1e6][run % 3]));
      const counted = values.map((v) => 1 + Math.floor((5 * values.filter((w) => w < v).length) / n));
      expect(quintileScores(values)).toEqual(counted);
    }
  });
});
