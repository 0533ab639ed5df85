import type { PeriodKpis } from './analytics.types.js';

// The KPI cards of the analytics screen: which figures, in what shape, which way is good, and how
// a figure moved against the previous period. Kept apart from the cards so it can be tested alone.

/** A figure of the KPI cards. */
export type KpiKey = 'retentionRate' | 'churnRate' | 'repeatPurchaseRate' | 'averageCheck' | 'purchaseFrequency' | 'revenuePerCustomer' | 'buyers' | 'new' | 'revenue';

/** How a figure reads: a fraction shown as a percentage, money in minor units, a count, or a measure with decimals. */
export type KpiKind = 'rate' | 'money' | 'count' | 'decimal';

/** One KPI card. */
export interface KpiSpec {
  key: KpiKey;
  kind: KpiKind;
  /** A fall is the good direction (churn). */
  lowerIsBetter: boolean;
  /** Why the figure can be missing: no active customers at the period's start, or no purchases in it. */
  missing: 'noStart' | 'noPurchases';
}

/** The KPI cards in screen order: the customer ratios, the purchase figures, then the totals. */
export const kpiSpecs: readonly KpiSpec[] = [
  { key: 'retentionRate', kind: 'rate', lowerIsBetter: false, missing: 'noStart' },
  { key: 'churnRate', kind: 'rate', lowerIsBetter: true, missing: 'noStart' },
  { key: 'repeatPurchaseRate', kind: 'rate', lowerIsBetter: false, missing: 'noPurchases' },
  { key: 'averageCheck', kind: 'money', lowerIsBetter: false, missing: 'noPurchases' },
  { key: 'purchaseFrequency', kind: 'decimal', lowerIsBetter: false, missing: 'noPurchases' },
  { key: 'revenuePerCustomer', kind: 'money', lowerIsBetter: false, missing: 'noPurchases' },
  { key: 'buyers', kind: 'count', lowerIsBetter: false, missing: 'noPurchases' },
  { key: 'new', kind: 'count', lowerIsBetter: false, missing: 'noPurchases' },
  { key: 'revenue', kind: 'money', lowerIsBetter: false, missing: 'noPurchases' },
];

/** How a figure moved against the previous period. */
export interface KpiChange {
  direction: 'up' | 'down' | 'same';
  /** Green for a move the right way, red for the wrong way. */
  tone: 'better' | 'worse' | 'neutral';
  /**
   * Size of the move: for rates the difference of the fractions (0.05 reads "5 percentage points",
   * a relative change of a percentage misleads); for the rest the relative change, null when the
   * previous value was 0 and no ratio exists.
   */
  amount: number | null;
}

/** A period's value of a figure (null when its denominator was 0). */
export function kpiValue(kpis: PeriodKpis, key: KpiKey): number | null {
  return kpis[key];
}

/** How a figure moved from the previous period to the current one; null when either value is missing. */
export function kpiChange(spec: KpiSpec, current: number | null, previous: number | null): KpiChange | null {
  if (current === null || previous === null) return null;
  const difference = current - previous;
  // Rates are quotients of counts; equal rates may differ in the last bit (2/3 against 4/6).
  if (Math.abs(difference) <= 1e-9 * Math.max(1, Math.abs(previous))) return { direction: 'same', tone: 'neutral', amount: 0 };
  const direction = difference > 0 ? 'up' : 'down';
  const better = direction === 'up' ? !spec.lowerIsBetter : spec.lowerIsBetter;
  const amount = spec.kind === 'rate' ? Math.abs(difference) : previous === 0 ? null : Math.abs(difference / previous);
  return { direction, tone: better ? 'better' : 'worse', amount };
}
