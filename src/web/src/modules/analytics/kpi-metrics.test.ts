import { describe, expect, it } from 'vitest';
import { kpiChange, type KpiKey, type KpiSpec, kpiSpecs } from './kpi-metrics.js';

function spec(key: KpiKey): KpiSpec {
  const found = kpiSpecs.find((s) => s.key === key);
  if (!found) throw new Error(`no card for ${key}`);
  return found;
}

describe('the change of a KPI against the previous period', () => {
  it('is good when retention rises and bad when churn rises', () => {
    expect(kpiChange(spec('retentionRate'), 0.85, 0.8)).toEqual({ direction: 'up', tone: 'better', amount: expect.closeTo(0.05, 12) });
    expect(kpiChange(spec('churnRate'), 0.2, 0.15)).toEqual({ direction: 'up', tone: 'worse', amount: expect.closeTo(0.05, 12) });
    expect(kpiChange(spec('churnRate'), 0.1, 0.15)).toMatchObject({ direction: 'down', tone: 'better' });
    expect(kpiChange(spec('revenue'), 80_000, 100_000)).toEqual({ direction: 'down', tone: 'worse', amount: 0.2 });
  });

  it('gives a relative change for amounts and none from zero', () => {
    expect(kpiChange(spec('averageCheck'), 42_500, 10_000)).toEqual({ direction: 'up', tone: 'better', amount: 3.25 });
    expect(kpiChange(spec('buyers'), 3, 0)).toEqual({ direction: 'up', tone: 'better', amount: null });
  });

  it('calls equal values unchanged and skips missing ones', () => {
    expect(kpiChange(spec('repeatPurchaseRate'), 2 / 3, 4 / 6)).toEqual({ direction: 'same', tone: 'neutral', amount: 0 });
    expect(kpiChange(spec('retentionRate'), null, 1)).toBeNull();
    expect(kpiChange(spec('retentionRate'), 1, null)).toBeNull();
  });
});
