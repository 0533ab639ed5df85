import { describe, expect, it } from 'vitest';
import { kpis, retentionRate } from './kpi.js';

describe('retentionRate', () => {
  it("reproduces seed 000's worked example: S = 200, E = 220, N = 50 gives 85 %", () => {
    expect(retentionRate(200, 220, 50)).toBeCloseTo(0.85, 12);
  });

  it('has no value without customers at the start', () => {
    expect(retentionRate(0, 10, 10)).toBeNull();
  });
});

describe('kpis', () => {
  it('derives the rates from the counts (hand-computed)', () => {
    const result = kpis({ start: 200, end: 220, new: 50, buyers: 120, repeatBuyers: 48, orders: 300, revenue: 1_500_000_00 });
    expect(result.retentionRate).toBeCloseTo(0.85, 12);
    expect(result.churnRate).toBeCloseTo(0.15, 12);
    expect(result.repeatPurchaseRate).toBe(0.4);
    expect(result.averageCheck).toBe(500_000); // 1 500 000,00 / 300 orders = 5 000,00
    expect(result.purchaseFrequency).toBe(2.5);
    expect(result.revenuePerCustomer).toBe(1_250_000);
    const empty = kpis({ start: 0, end: 0, new: 0, buyers: 0, repeatBuyers: 0, orders: 0, revenue: 0 });
    expect([empty.retentionRate, empty.churnRate, empty.repeatPurchaseRate, empty.averageCheck, empty.purchaseFrequency, empty.revenuePerCustomer]).toEqual([null, null, null, null, null, null]);
  });
});
