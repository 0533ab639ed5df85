import { describe, expect, it } from 'vitest';
import type { StageCountsOnDay } from '../analytics.types.js';
import { anyPurchases, shownStages, stageTotals } from './lifecycle-figures.js';

const none = { potential: 0, new: 0, repeat: 0, loyal: 0, advocate: 0, churned: 0, returned: 0 };
const day = (counts: Partial<StageCountsOnDay>): StageCountsOnDay => ({ day: '2026-06-30', ...none, ...counts });

describe('the lifecycle figures', () => {
  it('sums the flows into the stages of the first and the last day', () => {
    // The flows of docs/analytics.md's worked example: c2 and c4 stay churned, c1 and c3 arrive, c5 stays repeat.
    const totals = stageTotals([
      { from: 'churned', to: 'churned', customers: 2 },
      { from: 'potential', to: 'loyal', customers: 1 },
      { from: 'potential', to: 'new', customers: 1 },
      { from: 'repeat', to: 'repeat', customers: 1 },
    ]);
    expect(totals.map((t) => t.stage)).toEqual(['potential', 'new', 'repeat', 'loyal', 'advocate', 'returned', 'churned']);
    expect(totals.filter((t) => t.first > 0 || t.last > 0)).toEqual([
      { stage: 'potential', first: 2, last: 0 },
      { stage: 'new', first: 0, last: 1 },
      { stage: 'repeat', first: 1, last: 1 },
      { stage: 'loyal', first: 0, last: 1 },
      { stage: 'churned', first: 2, last: 2 },
    ]);
  });

  it('shows brand advocates only once someone is one', () => {
    expect(shownStages([day({ loyal: 3 })])).not.toContain('advocate');
    expect(shownStages([day({ loyal: 3 }), day({ advocate: 1 })])).toContain('advocate');
  });

  it('tells a shop with purchases from one with only potential customers', () => {
    expect(anyPurchases([day({ potential: 5 })])).toBe(false);
    expect(anyPurchases([day({ potential: 5, churned: 1 })])).toBe(true);
    expect(anyPurchases([])).toBe(false);
  });
});
