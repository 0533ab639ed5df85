import { describe, expect, it } from 'vitest';
import { churnWindowFromGaps, stageCounts, stageFlows, stageOn } from './lifecycle.js';

const rules = { churnDays: 90, loyalPurchases: 3 };

describe('stageOn', () => {
  it('follows a customer from potential to loyal, churned and returned (hand-computed)', () => {
    const days = [100, 130, 150, 400, 420, 440];
    expect(stageOn(days, 99, rules)).toBe('potential');
    expect(stageOn(days, 100, rules)).toBe('new');
    expect(stageOn(days, 140, rules)).toBe('repeat');
    expect(stageOn(days, 150, rules)).toBe('loyal');
    expect(stageOn(days, 240, rules)).toBe('loyal'); // 90 days since the last purchase: still active
    expect(stageOn(days, 241, rules)).toBe('churned');
    expect(stageOn(days, 400, rules)).toBe('returned'); // 250 days of silence before this purchase
    expect(stageOn(days, 420, rules)).toBe('loyal'); // the next purchase within the window: loyal again
    expect(stageOn([], 500, rules)).toBe('potential');
    expect(stageOn([10], 500, rules)).toBe('churned');
  });

  it('makes the loyal threshold a rule', () => {
    expect(stageOn([1, 2, 3], 3, { churnDays: 90, loyalPurchases: 5 })).toBe('repeat');
  });
});

describe('churnWindowFromGaps', () => {
  it('takes the 90th percentile of the gaps between purchase days, each repeat customer weighing the same, at least 30 days', () => {
    // Ten customers with one gap each: 10, 20 … 100 days; the 9th of 10 is 90.
    expect(churnWindowFromGaps([10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((gap) => [0, gap]))).toBe(90);
    expect(churnWindowFromGaps([[0, 5, 10]])).toBe(30);
    expect(churnWindowFromGaps([[0], [7]])).toBe(365);
  });

  it('does not let the most frequent buyers set the window for everyone', () => {
    // One customer buying weekly for a year (52 gaps of 7 days) and nine who came back after 200 days:
    // pooled, 52 of 61 gaps are 7 days; by customer, nine in ten waited 200 days.
    const weekly = Array.from({ length: 53 }, (_, i) => i * 7);
    const slow = Array.from({ length: 9 }, () => [0, 200]);
    expect(churnWindowFromGaps([weekly, ...slow])).toBe(200);
  });
});

describe('stageCounts and stageFlows', () => {
  it('counts the stages on a day and the flows between two days', () => {
    const customers = [[], [10], [10, 20, 30], [10, 200]];
    // On day 50 the last customer has bought once (day 10): new.
    expect(stageCounts(customers, 50, rules)).toEqual({ potential: 1, new: 2, repeat: 0, loyal: 1, advocate: 0, churned: 0, returned: 0 });
    expect(stageCounts(customers, 210, rules)).toMatchObject({ potential: 1, churned: 2, returned: 1 });
    expect(stageFlows(customers, 50, 210, rules)).toEqual([
      { from: 'potential', to: 'potential', customers: 1 },
      { from: 'new', to: 'churned', customers: 1 },
      { from: 'loyal', to: 'churned', customers: 1 },
      { from: 'new', to: 'returned', customers: 1 },
    ]);
    expect(stageFlows([[10], [15], [10, 200]], 50, 210, rules)[0]).toEqual({ from: 'new', to: 'churned', customers: 2 });
  });
});
