import { aliveDenominator, type BgNbdParams, expectedPurchasesNumerator, type RfmSummary } from './bg-nbd.js';

// Predicted CLV over a horizon: the purchases BG/NBD expects in each coming month, times the spend per
// purchase Gamma-Gamma expects of the customer, discounted month by month to today:
// CLV = Σ_{m=1..H} (E[Y(m)] − E[Y(m − 1)]) · E[M] / (1 + d)^m, with d the monthly discount rate.
// (The same discrete form as the lifetimes library's customer_lifetime_value.)

/** How far ahead, and how the future is discounted. */
export interface ClvHorizon {
  /** Months ahead. */
  months: number;
  /** Discount rate per month, e.g. 0.01. */
  monthlyDiscount: number;
  /** Model time units in a month: 30.4375 for days, 30.4375 / 7 for weeks. */
  unitsPerMonth: number;
}

/** The discounted value of a customer's expected purchases over the horizon, in the money unit of `spendPerPurchase`. */
export function predictedClv(params: BgNbdParams, summary: RfmSummary, spendPerPurchase: number, horizon: ClvHorizon): number {
  return (discountedPurchasesNumerator(params, summary.x, summary.T, horizon) * spendPerPurchase) / aliveDenominator(params, summary);
}

/**
 * Σ (N(m) − N(m − 1)) / (1 + d)^m over the months of the horizon, N being the numerator of E[Y(t)]:
 * the part of the CLV that customers with the same x and T share. Divided by the customer's
 * aliveDenominator and times their spend per purchase, it is their predicted CLV.
 */
export function discountedPurchasesNumerator(params: BgNbdParams, x: number, T: number, horizon: ClvHorizon): number {
  let value = 0;
  let before = 0;
  for (let m = 1; m <= horizon.months; m++) {
    const upTo = expectedPurchasesNumerator(params, x, T, m * horizon.unitsPerMonth);
    value += (upTo - before) / (1 + horizon.monthlyDiscount) ** m;
    before = upTo;
  }
  return value;
}
