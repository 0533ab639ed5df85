import { describe, expect, it } from 'vitest';
import { Rng } from '../../demo/demo.random.js';
import { expectedPurchases } from '../clv/bg-nbd.js';
import { predictedClv } from '../clv/predicted-clv.js';
import { stageOn } from '../lifecycle/lifecycle.js';
import { type CustomerScore, type ScoringInput, type ScoringModels, type ScoringRules, scoreAt, scoreCustomers, scoringColumns, stageFromAggregates } from './customer-scoring.js';

const rules: ScoringRules = {
  asOfDay: 1000,
  rfm: { thresholds: null, frequencyCuts: null },
  abcCuts: [0.8, 0.95],
  xyzCuts: [0.8, 0.95],
  lifecycle: { churnDays: 60, loyalPurchases: 3 },
  clv: { months: 12, monthlyDiscount: 0.01 },
  minorPerMajor: 100,
};

function input(customerId: number, purchaseDays: number[], values: number[]): ScoringInput {
  const days = [...new Set(purchaseDays)].sort((a, b) => a - b);
  return {
    customerId,
    orders: purchaseDays.length,
    days: days.length,
    revenue: values.reduce((s, v) => s + v, 0),
    firstDay: days[0] ?? null,
    lastDay: days.at(-1) ?? null,
    prevDay: days.at(-2) ?? null,
    firstDayValue: days.length ? purchaseDays.reduce((s, d, i) => (d === days[0] ? s + values[i] : s), 0) : null,
  };
}

describe('stageFromAggregates', () => {
  it('gives the stage stageOn gives from the whole purchase history', () => {
    const rng = new Rng(7);
    for (let n = 0; n < 2000; n++) {
      const count = Math.floor(rng.next() * 6);
      const days = [...new Set(Array.from({ length: count }, () => Math.floor(rng.next() * 400)))].sort((a, b) => a - b);
      const day = 400 + Math.floor(rng.next() * 100);
      const r = { churnDays: 30 + Math.floor(rng.next() * 60), loyalPurchases: 2 + Math.floor(rng.next() * 3) };
      expect(stageFromAggregates(days.length, days.at(-1) ?? null, days.at(-2) ?? null, day, r)).toBe(stageOn(days, day, r));
    }
  });

  it('names each stage by hand', () => {
    const r = { churnDays: 60, loyalPurchases: 3 };
    expect(stageFromAggregates(0, null, null, 100, r)).toBe('potential');
    expect(stageFromAggregates(1, 90, null, 100, r)).toBe('new');
    expect(stageFromAggregates(2, 90, 80, 100, r)).toBe('repeat');
    expect(stageFromAggregates(3, 90, 80, 100, r)).toBe('loyal');
    expect(stageFromAggregates(3, 30, 20, 100, r)).toBe('churned');
    expect(stageFromAggregates(5, 95, 10, 100, r)).toBe('returned');
  });
});

// The scores as one object a customer.
function scored(inputs: ScoringInput[], r: ScoringRules, models: ScoringModels): CustomerScore[] {
  const columns = scoreCustomers(scoringColumns(inputs), r, models);
  return inputs.map((_, i) => scoreAt(columns, i));
}

describe('scoreCustomers', () => {
  const customers = [
    input(1, [990, 995, 999], [10_000, 20_000, 30_000]), // recent, frequent, big
    input(2, [900], [5_000]), // one purchase, 100 days ago
    input(3, [100, 500, 998], [1_000, 1_000, 1_000]), // came back after a long gap
    input(4, [], []), // known, never bought
    input(5, [1005], [7_000]), // first purchase after the as-of day
  ];

  it('scores buyers and leaves the others potential without scores', () => {
    const scores = scored(customers, rules, { bgNbd: null, gammaGamma: null });
    const byId = new Map(scores.map((s) => [s.customerId, s]));
    // Quintiles of three buyers, 1 + ⌊5 · worse / 3⌋: customer 1 is better than two on recency (4),
    // than one on frequency (tied with 3: 2) and than two on revenue (4). Three purchase days within
    // the churn window make them loyal, as their stage says.
    expect(byId.get(1)).toMatchObject({ stage: 'loyal', abc: 'A', rfm: { r: 4, f: 2, m: 4, segment: 'loyal' } });
    expect(byId.get(2)).toMatchObject({ stage: 'churned', rfm: { r: 1, f: 1, segment: 'sleeping' } });
    expect(byId.get(3)).toMatchObject({ stage: 'returned' });
    // Revenue 60,000 of 68,000: customer 1 alone passes 80 %; 2 (5,000) starts at 88 %: B; 3 at 96 %: C.
    expect([byId.get(2)?.abc, byId.get(3)?.abc]).toEqual(['B', 'C']);
    for (const id of [4, 5]) expect(byId.get(id)).toMatchObject({ stage: 'potential', rfm: null, abc: null, pAlive: null, predictedClv: null });
  });

  it('gives P(alive), expected purchases and CLV from the models, scaled by the expected spend', () => {
    const models = { bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 } };
    const [c1, c2] = scored(customers, rules, models);
    expect(c2.pAlive).toBe(1); // no repeat purchase: alive by the model's definition
    // x = 2, t_x = 9/7, T = 10/7 weeks: 1 / (1 + a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)), by hand 0.80342.
    expect(c1.pAlive).toBeCloseTo(0.80342, 5);
    expect(c1.expected365).toBeGreaterThan(c1.expected90 ?? Infinity);
    expect(c1.expected90).toBeGreaterThan(c1.expected30 ?? Infinity);
    // Customer 1's repeat purchases average 250 roubles: E[M] = (15.44 + 250·2)·6.25 / (6.25·2 + 3.74 − 1).
    const spend = ((15.44 + 500) * 6.25) / (12.5 + 2.74);
    const s1 = { x: 2, tx: 9 / 7, T: 10 / 7 };
    const horizon = { months: 12, monthlyDiscount: 0.01, unitsPerMonth: 30.4375 / 7 };
    expect(c1.predictedClv).toBe(Math.round(predictedClv(models.bgNbd, s1, spend, horizon) * 100));
    expect(c1.expected90).toBeCloseTo(expectedPurchases(models.bgNbd, s1, 90 / 7), 12);
    const withoutSpend = scored(customers, rules, { ...models, gammaGamma: null });
    expect(withoutSpend[0]).toMatchObject({ pAlive: c1.pAlive, predictedClv: null });
  });
});
