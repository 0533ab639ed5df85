import { describe, expect, it } from 'vitest';
import { Rng } from '../../demo/demo.random.js';
import { rfmReport } from './rfm-report.js';
import { quintileScores, type RfmInput, rfmScores, rfmSegment } from './rfm.js';

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
    { customerId: 1, recencyDays: 3, frequency: 9, monetary: 900_00, orders: 10 },
    { customerId: 2, recencyDays: 400, frequency: 8, monetary: 700_00, orders: 8 },
    { customerId: 3, recencyDays: 10, frequency: 1, monetary: 50_00, orders: 1 },
    { customerId: 4, recencyDays: 200, frequency: 1, monetary: 20_00, orders: 1 },
    { customerId: 5, recencyDays: 60, frequency: 3, monetary: 150_00, orders: 3 },
  ];

  it('scores recency as "more recent is better" by quintiles', () => {
    // Recency order (best first): 1 (3 d), 3 (10 d), 5 (60 d), 4 (200 d), 2 (400 d).
    expect(rfmScores(customers).map((s) => s.r)).toEqual([5, 1, 4, 2, 3]);
    expect(rfmScores(customers).map((s) => s.f)).toEqual([5, 4, 1, 1, 3]);
    expect(rfmScores(customers).map((s) => s.m)).toEqual([5, 4, 2, 1, 3]);
  });

  it("uses the workspace's thresholds when given", () => {
    const thresholds = { recency: [7, 30, 90, 180], frequency: [2, 3, 5, 8], monetary: [100_00, 200_00, 500_00, 800_00] } as const;
    const scores = rfmScores(customers, { recency: [...thresholds.recency], frequency: [...thresholds.frequency], monetary: [...thresholds.monetary] });
    expect(scores).toEqual([
      { r: 5, f: 5, m: 5 }, // 3 days ≤ 7; 9 ≥ 8; 900 ≥ 800
      { r: 1, f: 5, m: 4 }, // 400 days > 180; 8 ≥ 8; 700 ≥ 500
      { r: 4, f: 1, m: 1 }, // 10 days in (7, 30]; 1 < 2; 50 < 100
      { r: 1, f: 1, m: 1 }, // 200 days > 180
      { r: 3, f: 3, m: 2 }, // 60 days in (30, 90]; 3 ≥ 3; 150 ≥ 100
    ]);
  });
});

describe('rfmSegment', () => {
  it("names the article's groups", () => {
    expect(rfmSegment({ r: 5, f: 5, m: 5 })).toBe('vip');
    expect(rfmSegment({ r: 4, f: 4, m: 2 })).toBe('loyal');
    expect(rfmSegment({ r: 3, f: 5, m: 5 })).toBe('loyal');
    expect(rfmSegment({ r: 5, f: 1, m: 3 })).toBe('new');
    expect(rfmSegment({ r: 4, f: 3, m: 4 })).toBe('promising');
    expect(rfmSegment({ r: 3, f: 2, m: 2 })).toBe('needsAttention');
    expect(rfmSegment({ r: 2, f: 5, m: 5 })).toBe('churnedLoyal');
    expect(rfmSegment({ r: 1, f: 1, m: 1 })).toBe('sleeping');
  });
});

describe('rfmReport', () => {
  it('sums customers and revenue per R×F cell and per segment, with shares, average check and CLV', () => {
    const customers: RfmInput[] = [
      { customerId: 1, recencyDays: 1, frequency: 5, monetary: 600_00, orders: 6 },
      { customerId: 2, recencyDays: 2, frequency: 4, monetary: 300_00, orders: 4 },
      { customerId: 3, recencyDays: 500, frequency: 1, monetary: 100_00, orders: 2 },
    ];
    const scores = [{ r: 5, f: 5, m: 5 }, { r: 5, f: 5, m: 5 }, { r: 1, f: 1, m: 1 }];
    const { cells, segments } = rfmReport(customers, scores);
    expect(cells).toHaveLength(25);
    expect(cells.find((c) => c.r === 5 && c.f === 5)).toEqual({ r: 5, f: 5, customers: 2, revenue: 900_00 });
    expect(cells.find((c) => c.r === 1 && c.f === 1)).toEqual({ r: 1, f: 1, customers: 1, revenue: 100_00 });
    expect(cells.reduce((s, c) => s + c.customers, 0)).toBe(3);
    expect(segments[0]).toEqual({ segment: 'vip', customers: 2, customerShare: 2 / 3, revenue: 900_00, revenueShare: 0.9, avgCheck: 90_00, clv: 450_00 });
    expect(segments.find((s) => s.segment === 'sleeping')).toMatchObject({ customers: 1, revenueShare: 0.1, avgCheck: 50_00, clv: 100_00 });
    expect(segments.find((s) => s.segment === 'new')).toMatchObject({ customers: 0, revenue: 0, avgCheck: 0, clv: 0 });
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
