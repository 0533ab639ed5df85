// Which customers the CLV screen lists, and how it sums the predictions up (docs/analytics.md,
// "Predicted CLV"): the same rules for the stored summary and for a fit on request.

/**
 * Days since the first purchase before a customer is ranked among the most valuable. BG/NBD reads
 * seven purchases in 26 days as a rate of a hundred a year; a quarter of history shows whether such
 * a burst is the customer's rhythm. Shorter histories are listed apart, marked.
 */
export const minObservedDays = 90;

/**
 * P(alive) of a repeat buyer "at risk": below the band the model says they have most likely left
 * already (a forecast of kopecks), above it that they are most likely still buying.
 */
export const atRiskBand = { min: 0.2, max: 0.7 } as const;

/** Whether a customer's P(alive) puts them at risk (the band's ends included, as the customer list's filters include them). */
export function isAtRisk(pAlive: number): boolean {
  return pAlive >= atRiskBand.min && pAlive <= atRiskBand.max;
}

/** Whether a customer's history is too short to rank them among the most valuable. */
export function hasShortHistory(observedDays: number): boolean {
  return observedDays < minObservedDays;
}

/** One tenth of the customers by predicted CLV. */
export interface DecileGroup {
  customers: number;
  /** Sum of their predicted CLV, minor units. */
  total: number;
  /** Mean predicted CLV, minor units, rounded; 0 for an empty tenth (fewer than ten customers). */
  mean: number;
}

/**
 * The predicted CLV of customers, sorted ascending, in ten groups by rank, the lowest first: group k
 * holds ranks ⌈k·n/10⌉ to ⌈(k+1)·n/10⌉ − 1, so its highest value is the (k+1)·10th percentile.
 */
export function decileGroups(sorted: ArrayLike<number>): DecileGroup[] {
  const n = sorted.length;
  if (n === 0) return [];
  return Array.from({ length: 10 }, (_, k) => {
    const from = Math.ceil((k * n) / 10);
    const to = Math.ceil(((k + 1) * n) / 10);
    let total = 0;
    for (let i = from; i < to; i++) total += sorted[i];
    const customers = to - from;
    return { customers, total, mean: customers > 0 ? Math.round(total / customers) : 0 };
  });
}

/** The predicted CLV at the 10th, 20th … 100th percentile of customers sorted ascending (the highest value of each tenth). */
export function decileEdges(sorted: ArrayLike<number>): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  return Array.from({ length: 10 }, (_, k) => sorted[Math.min(n - 1, Math.ceil(((k + 1) * n) / 10) - 1)]);
}
