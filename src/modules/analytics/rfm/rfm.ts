// RFM analysis (seed 003): recency, frequency and monetary value per customer, scored 1–5, and a
// named segment map. Precise definitions, where the article is loose (docs/analytics.md):
// - recency: whole days from the last purchase day to the as-of day (0 = bought that day);
// - frequency: distinct purchase days in the period; monetary: net revenue in the period;
// - quintile scores by rank with ties kept together: a value's score is 1 + ⌊5 · (customers with a
//   worse value) / (all customers)⌋, so equal values always share a score (NTILE would split them
//   arbitrarily), and 5 is the best: the most recent, the most frequent, the highest revenue;
// - or the workspace's own thresholds: four ascending cut points per measure.

/** One customer's RFM measures. */
export interface RfmInput {
  customerId: number;
  /** Days since the last purchase day. */
  recencyDays: number;
  /** Purchase days in the period. */
  frequency: number;
  /** Net revenue in the period, minor units. */
  monetary: number;
  /** Orders in the period (for the average check). */
  orders: number;
}

/** Scores 1–5 of one customer. */
export interface RfmScore {
  r: number;
  f: number;
  m: number;
}

/**
 * The workspace's own thresholds: four ascending cut points each. Recency in days (at most
 * `recency[0]` days scores 5, more than `recency[3]` scores 1); frequency and monetary at least
 * `[3]` scores 5, below `[0]` scores 1.
 */
export interface RfmThresholds {
  recency: [number, number, number, number];
  frequency: [number, number, number, number];
  monetary: [number, number, number, number];
}

/** Named RFM segments, from the article's groups. */
export const rfmSegments = ['vip', 'loyal', 'promising', 'new', 'needsAttention', 'churnedLoyal', 'sleeping'] as const;
/** An RFM segment. */
export type RfmSegment = (typeof rfmSegments)[number];

/**
 * The segment of a score:
 * - recent (R 4–5): VIP when F and M are 4–5; loyal when F is 4–5; new with one purchase (F 1);
 *   otherwise promising (may grow into VIP);
 * - middle (R 3): loyal when F is 4–5, otherwise needs attention;
 * - long ago (R 1–2): churned loyal (win back) when F is 4–5, otherwise sleeping (reactivate).
 */
export function rfmSegment({ r, f, m }: RfmScore): RfmSegment {
  if (r >= 4) {
    if (f >= 4 && m >= 4) return 'vip';
    if (f >= 4) return 'loyal';
    if (f === 1) return 'new';
    return 'promising';
  }
  if (r === 3) return f >= 4 ? 'loyal' : 'needsAttention';
  return f >= 4 ? 'churnedLoyal' : 'sleeping';
}

/** Scores every customer by quintiles of the customers given, or by the thresholds when given. */
export function rfmScores(customers: readonly RfmInput[], thresholds?: RfmThresholds): RfmScore[] {
  if (thresholds) {
    return customers.map((c) => ({
      r: 5 - countBelow(thresholds.recency, c.recencyDays, true),
      f: 1 + countBelow(thresholds.frequency, c.frequency, false),
      m: 1 + countBelow(thresholds.monetary, c.monetary, false),
    }));
  }
  // Recency is better when smaller: score its negation.
  const r = quintileScores(customers.map((c) => -c.recencyDays));
  const f = quintileScores(customers.map((c) => c.frequency));
  const m = quintileScores(customers.map((c) => c.monetary));
  return customers.map((_, i) => ({ r: r[i], f: f[i], m: m[i] }));
}

/** Quintile scores 1–5 of values (higher is better), equal values sharing a score. */
export function quintileScores(values: readonly number[]): number[] {
  const n = values.length;
  const sorted = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const scores = new Array<number>(n);
  let below = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && sorted[i].value !== sorted[i - 1].value) below = i;
    scores[sorted[i].index] = 1 + Math.floor((5 * below) / n);
  }
  return scores;
}

// How many cut points a value passes: recency counts the cuts it exceeds (more days, lower score);
// frequency and monetary the cuts they reach.
function countBelow(cuts: readonly number[], value: number, exceeds: boolean): number {
  return cuts.filter((cut) => (exceeds ? value > cut : value >= cut)).length;
}
