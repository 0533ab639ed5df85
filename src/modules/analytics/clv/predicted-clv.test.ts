import { describe, expect, it } from 'vitest';
import { expectedPurchases } from './bg-nbd.js';
import { predictedClv } from './predicted-clv.js';

// Published CDNOW parameters (weeks) and the paper's example customer.
const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const customer = { x: 2, tx: 30.43, T: 38.86 };
const weeksPerMonth = 30.4375 / 7;

describe('predictedClv', () => {
  it('without discounting is the expected purchases over the horizon times the spend', () => {
    const clv = predictedClv(params, customer, 40, { months: 12, monthlyDiscount: 0, unitsPerMonth: weeksPerMonth });
    expect(clv).toBeCloseTo(expectedPurchases(params, customer, 12 * weeksPerMonth) * 40, 10);
  });

  it('discounts later months more and grows with the horizon', () => {
    const at = (months: number, monthlyDiscount: number) => predictedClv(params, customer, 40, { months, monthlyDiscount, unitsPerMonth: weeksPerMonth });
    expect(at(12, 0.01)).toBeLessThan(at(12, 0));
    expect(at(12, 0.02)).toBeLessThan(at(12, 0.01));
    expect(at(24, 0.01)).toBeGreaterThan(at(12, 0.01));
    // One month at 1 %: the first month's expected purchases times 40, divided by 1.01.
    expect(at(1, 0.01)).toBeCloseTo((expectedPurchases(params, customer, weeksPerMonth) * 40) / 1.01, 10);
    expect(predictedClv(params, { x: 0, tx: 0, T: 38.86 }, 40, { months: 12, monthlyDiscount: 0.01, unitsPerMonth: weeksPerMonth })).toBeLessThan(at(12, 0.01));
  });
});
