import { sortedOrder } from '../sorted-order.js';

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
  return rfmSegmentOf(r, f, m);
}

/** The segment of scores r, f and m (see rfmSegment). */
export function rfmSegmentOf(r: number, f: number, m: number): RfmSegment {
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
      r: thresholdScore(thresholds.recency, c.recencyDays, 'recency'),
      f: thresholdScore(thresholds.frequency, c.frequency, 'other'),
      m: thresholdScore(thresholds.monetary, c.monetary, 'other'),
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
  return Array.from(quintileScoresOf(Float64Array.from(values)));
}

/**
 * Quintile scores of a column of values: a value's score is 1 + ⌊5 · (values below it) / n⌋,
 * walking the values in sorted order (a radix sort: a million values in a few hundredths of a second).
 */
export function quintileScoresOf(values: Float64Array): Uint8Array {
  const n = values.length;
  const order = sortedOrder(values);
  const scores = new Uint8Array(n);
  let below = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0 && values[order[k]] !== values[order[k - 1]]) below = k;
    scores[order[k]] = 1 + Math.floor((5 * below) / n);
  }
  return scores;
}

/** The score 1–5 of a value against the workspace's four cut points (see RfmThresholds). */
export function thresholdScore(cuts: readonly number[], value: number, measure: 'recency' | 'other'): number {
  return measure === 'recency' ? 5 - countBelow(cuts, value, true) : 1 + countBelow(cuts, value, false);
}

// How many cut points a value passes: recency counts the cuts it exceeds (more days, lower score);
// frequency and monetary the cuts they reach.
function countBelow(cuts: readonly number[], value: number, exceeds: boolean): number {
  let count = 0;
  for (const cut of cuts) if (exceeds ? value > cut : value >= cut) count++;
  return count;
}
