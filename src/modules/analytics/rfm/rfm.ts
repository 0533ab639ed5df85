import { sortedOrder } from '../sorted-order.js';

// RFM analysis (seed 003): recency, frequency and monetary value per customer, scored 1–5, and a
// named segment map. Precise definitions, where the article is loose (docs/analytics.md):
// - recency: whole days from the last purchase day to the as-of day (0 = bought that day);
// - frequency: distinct purchase days in the period; monetary: net revenue in the period;
// - quintile scores by rank with ties kept together: a value's score is 1 + ⌊5 · (customers with a
//   worse value) / (all customers)⌋, so equal values always share a score (NTILE would split them
//   arbitrarily), and 5 is the best: the most recent, the most frequent, the highest revenue;
// - or the workspace's own thresholds: four ascending cut points per measure; by default F is scored
//   by purchase days (1, 2, 3, 4–5, 6+) rather than quintiles;
// - segments decided first by the lifecycle's churn window, so they never contradict the stages.

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
  /** Days since the first purchase ever, before the period too (equal to recencyDays for a first purchase). */
  tenureDays: number;
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

/** The segments of customers past the churn window: the lifecycle's churned, split by how often they bought. */
export const lapsedSegments: readonly RfmSegment[] = ['churnedLoyal', 'sleeping'];

/** Four ascending cut points of one measure. */
export type RfmCuts = [number, number, number, number];

/**
 * Frequency scores by purchase days when the workspace keeps quintiles for R and M: 1, 2, 3, 4–5 and
 * 6 or more. Quintiles of frequency fail shops where most customers buy once: the one-time buyers
 * are a tie of more than two fifths, so F 2 and F 3 stay empty and F 4 means "bought twice".
 */
export const defaultFrequencyCuts: RfmCuts = [2, 3, 4, 6];

/** How the scores are given: the workspace's thresholds for all three, or quintiles of R and M with F by its own cut points (null: quintiles). */
export interface RfmScoring {
  thresholds: RfmThresholds | null;
  frequencyCuts: RfmCuts | null;
}

/** Quintiles for all three measures. */
export const quintiles: RfmScoring = { thresholds: null, frequencyCuts: null };

/** The lifecycle rules the segments share, so a segment never says what the stage denies. */
export interface RfmSegmentRules {
  /** Days without a purchase after which a customer has churned. */
  churnDays: number;
  /** Purchase days that make a customer loyal. */
  loyalPurchases: number;
}

/** What a customer's segment is decided on: the scores and the measures behind them. */
export interface RfmFacts {
  r: number;
  f: number;
  m: number;
  /** Days since the last purchase day. */
  recencyDays: number;
  /** Purchase days in the period scored. */
  frequency: number;
  /** Days since the first purchase ever (before the period too). */
  tenureDays: number;
}

/**
 * The segment of a customer (docs/analytics.md), first by the churn window, as the lifecycle:
 * - past the churn window: churned loyal (to win back) with at least `loyalPurchases` purchase days,
 *   otherwise sleeping;
 * - within it: VIP with R, F and M 4–5; loyal with at least `loyalPurchases` purchase days and R 3–5;
 *   new with R 4–5 and one purchase day, their first ever; promising with R 4–5 otherwise; needs
 *   attention with R 1–3 otherwise.
 */
export function rfmSegmentOf(facts: RfmFacts, rules: RfmSegmentRules): RfmSegment {
  const { r, f, m, recencyDays, frequency, tenureDays } = facts;
  const loyal = frequency >= rules.loyalPurchases;
  if (recencyDays > rules.churnDays) return loyal ? 'churnedLoyal' : 'sleeping';
  if (r >= 4 && f >= 4 && m >= 4) return 'vip';
  if (loyal && r >= 3) return 'loyal';
  if (r >= 4) return frequency === 1 && tenureDays === recencyDays ? 'new' : 'promising';
  return 'needsAttention';
}

/** Scores every customer: by the workspace's thresholds when given, else R and M by quintiles and F by its cut points (or quintiles). */
export function rfmScores(customers: readonly RfmInput[], { thresholds, frequencyCuts }: RfmScoring = quintiles): RfmScore[] {
  if (thresholds) {
    return customers.map((c) => ({
      r: thresholdScore(thresholds.recency, c.recencyDays, 'recency'),
      f: thresholdScore(thresholds.frequency, c.frequency, 'other'),
      m: thresholdScore(thresholds.monetary, c.monetary, 'other'),
    }));
  }
  // Recency is better when smaller: score its negation.
  const r = quintileScores(customers.map((c) => -c.recencyDays));
  const f = frequencyCuts ? customers.map((c) => thresholdScore(frequencyCuts, c.frequency, 'other')) : quintileScores(customers.map((c) => c.frequency));
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
