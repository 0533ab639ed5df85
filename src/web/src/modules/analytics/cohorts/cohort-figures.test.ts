import { describe, expect, it } from 'vitest';
import { buyersIn, cellShade, cohortMonths, isIncomplete, nextMonthReturn, retentionScaleMax } from './cohort-figures.js';

// Cohorts of src/modules/analytics/segments.api.test.ts's sample, plus one of four customers.
const march = { month: '2026-03', customers: 4, retention: [1, 0.75, 0.25, 0.25] };
const april = { month: '2026-04', customers: 2, retention: [1, 0.5, 0] };
const may = { month: '2026-05', customers: 0, retention: [0, 0] };
const june = { month: '2026-06', customers: 1, retention: [1] };

describe('the cohort figures', () => {
  it('takes the months of the period’s days, at most the last 120', () => {
    expect(cohortMonths({ from: '2026-04-02', to: '2026-06-30' })).toEqual({ from: '2026-04', to: '2026-06' });
    expect(cohortMonths({ from: '2025-12-31', to: '2026-01-01' })).toEqual({ from: '2025-12', to: '2026-01' });
    expect(cohortMonths({ from: '2000-01-01', to: '2026-06-30' })).toEqual({ from: '2016-07', to: '2026-06' });
    expect(cohortMonths({ from: '2016-07-01', to: '2026-06-30' })).toEqual({ from: '2016-07', to: '2026-06' });
  });

  it('turns shares back into customers', () => {
    expect([0, 1, 2, 3].map((k) => buyersIn(march, k))).toEqual([4, 3, 1, 1]);
    // A third is not exact in binary; the count still comes out whole.
    expect(buyersIn({ month: '2026-01', customers: 3, retention: [1, 1 / 3] }, 1)).toBe(1);
    expect(buyersIn(april, 7)).toBe(0);
  });

  it('weighs the next-month return by cohort size, over the cohorts that have a next month', () => {
    // March 3 of 4 and April 1 of 2 came back; May had nobody; June has no next month yet.
    expect(nextMonthReturn([march, april, may, june])).toEqual({ returned: 4, customers: 6, from: '2026-03', to: '2026-05' });
    expect(nextMonthReturn([june])).toBeNull();
    expect(nextMonthReturn([may])).toBeNull();
  });

  it('knows the cells of the month still running and keeps them out of the return rate and the colour scale', () => {
    // June is running: March's month 3, April's month 2, June's month 0.
    expect([0, 1, 2, 3].map((k) => isIncomplete(march, k, '2026-06'))).toEqual([false, false, false, true]);
    expect(isIncomplete(april, 2, '2026-06')).toBe(true);
    expect(isIncomplete(june, 0, '2026-06')).toBe(true);
    expect(isIncomplete(june, 0, null)).toBe(false);
    // May is running: April's return in May (1 of 2) is not yet a month's, so only March counts.
    expect(nextMonthReturn([march, april, may], '2026-05')).toEqual({ returned: 3, customers: 4, from: '2026-03', to: '2026-05' });
    // March's month 1 (April, 75 %) is the running month here: the scale tops at April's 50 %.
    expect(retentionScaleMax([march, april], '2026-04')).toBe(0.5);
  });

  it('scales the colours to the best month after the first and darkens with the share', () => {
    expect(retentionScaleMax([march, april, may, june])).toBe(0.75);
    expect(retentionScaleMax([june])).toBe(0);
    expect([0, 0.01, 0.375, 0.75].map((share) => cellShade(share, 0.75))).toEqual([0, 1, 5, 9]);
    expect(cellShade(1, 0.75)).toBe(9);
    expect(cellShade(0.5, 0)).toBe(0);
  });
});
