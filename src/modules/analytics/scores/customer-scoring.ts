import { paretoClassesOf } from '../abc-xyz/abc-xyz.js';
import { aliveDenominator, type BgNbdParams, expectedPurchasesNumerator, type RfmSummary } from '../clv/bg-nbd.js';
import { expectedSpend, type GammaGammaParams } from '../clv/gamma-gamma.js';
import { discountedPurchasesNumerator } from '../clv/predicted-clv.js';
import { type LifecycleRules, type LifecycleStage, lifecycleStages } from '../lifecycle/lifecycle.js';
import { quintileScoresOf, type RfmScoring, rfmSegmentOf, type RfmSegment, rfmSegments, thresholdScore } from '../rfm/rfm.js';

// Every score of every customer from their stored aggregates (customer_stats), as of a day. The same
// definitions as the analyses computed from orders (docs/analytics.md), on all-time history:
// - RFM over all purchases up to the day, scored by quintiles (F by purchase days) or the workspace's
//   thresholds, the segment decided first by the churn window, as the stage is;
// - ABC by share of revenue, XYZ by share of purchases (orders);
// - the lifecycle stage from the number of purchase days, the last one and the one before it;
// - P(alive), expected purchases and predicted CLV from BG/NBD and Gamma-Gamma fitted beforehand,
//   in weeks, as the CDNOW golden tests fit them.
// A million customers are scored as columns (typed arrays, one element a customer) rather than as a
// million objects: the same arithmetic, a second instead of several, and next to no garbage.

/** One customer's aggregates as the scores need them; days are local day numbers (tests and examples build these). */
export interface ScoringInput {
  customerId: number;
  /** Purchases (orders). */
  orders: number;
  /** Distinct purchase days. */
  days: number;
  /** Net revenue, minor units. */
  revenue: number;
  firstDay: number | null;
  lastDay: number | null;
  /** The purchase day before the last one. */
  prevDay: number | null;
  /** Net value bought on the first purchase day, minor units. */
  firstDayValue: number | null;
}

/**
 * Every customer's aggregates as columns, customers in id order (ties in ABC/XYZ go to the lower
 * id); NaN where a customer has no such day or value.
 */
export interface ScoringColumns {
  size: number;
  customerId: Float64Array;
  orders: Float64Array;
  days: Float64Array;
  revenue: Float64Array;
  firstDay: Float64Array;
  lastDay: Float64Array;
  prevDay: Float64Array;
  firstDayValue: Float64Array;
}

/** Every customer's scores as columns, in the order of the inputs. */
export interface ScoreColumns {
  size: number;
  customerId: Float64Array;
  /** RFM scores 1–5; 0 for a customer without a purchase. */
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  /** Index into rfmSegments; `none` without a purchase. */
  segment: Uint8Array;
  /** 0–2 (A/X, B/Y, C/Z); `none` without a purchase. */
  abc: Uint8Array;
  xyz: Uint8Array;
  /** Index into lifecycleStages. */
  stage: Uint8Array;
  /** NaN without the models. */
  pAlive: Float64Array;
  expected30: Float64Array;
  expected90: Float64Array;
  expected365: Float64Array;
  /** Minor units; NaN without a spend model. */
  predictedClv: Float64Array;
}

/** The value of a class or segment column for a customer who has none. */
export const none = 255;

/** One customer's scores. */
export interface CustomerScore {
  customerId: number;
  rfm: { r: number; f: number; m: number; segment: RfmSegment } | null;
  abc: 'A' | 'B' | 'C' | null;
  xyz: 'X' | 'Y' | 'Z' | null;
  stage: LifecycleStage;
  pAlive: number | null;
  expected30: number | null;
  expected90: number | null;
  expected365: number | null;
  /** Minor units; null without a spend model. */
  predictedClv: number | null;
}

/** The fitted models the CLV scores come from (null: not enough purchases to fit them). */
export interface ScoringModels {
  bgNbd: BgNbdParams | null;
  gammaGamma: GammaGammaParams | null;
}

/** What the scores are computed with. */
export interface ScoringRules {
  asOfDay: number;
  rfm: RfmScoring;
  abcCuts: [number, number];
  xyzCuts: [number, number];
  lifecycle: LifecycleRules;
  clv: { months: number; monthlyDiscount: number };
  /** Minor units in one unit of the currency (100 for roubles). */
  minorPerMajor: number;
}

const weeksPerMonth = 30.4375 / 7;

/** Columns of customers' aggregates. */
export function scoringColumns(inputs: readonly ScoringInput[]): ScoringColumns {
  const column = (pick: (c: ScoringInput) => number | null) => Float64Array.from(inputs, (c) => pick(c) ?? Number.NaN);
  return {
    size: inputs.length,
    customerId: column((c) => c.customerId),
    orders: column((c) => c.orders),
    days: column((c) => c.days),
    revenue: column((c) => c.revenue),
    firstDay: column((c) => c.firstDay),
    lastDay: column((c) => c.lastDay),
    prevDay: column((c) => c.prevDay),
    firstDayValue: column((c) => c.firstDayValue),
  };
}

/** One customer's scores from the columns. */
export function scoreAt(s: ScoreColumns, i: number): CustomerScore {
  const orNull = (v: number) => (Number.isNaN(v) ? null : v);
  return {
    customerId: s.customerId[i],
    rfm: s.segment[i] === none ? null : { r: s.r[i], f: s.f[i], m: s.m[i], segment: rfmSegments[s.segment[i]] },
    abc: s.abc[i] === none ? null : abcLetters[s.abc[i]],
    xyz: s.xyz[i] === none ? null : xyzLetters[s.xyz[i]],
    stage: lifecycleStages[s.stage[i]],
    pAlive: orNull(s.pAlive[i]),
    expected30: orNull(s.expected30[i]),
    expected90: orNull(s.expected90[i]),
    expected365: orNull(s.expected365[i]),
    predictedClv: orNull(s.predictedClv[i]),
  };
}

/** Whether a customer has a purchase on or before the as-of day. */
export function hasPurchased(c: ScoringColumns, i: number, asOfDay: number): boolean {
  return c.days[i] > 0 && c.firstDay[i] <= asOfDay;
}

/**
 * A customer's lifecycle stage on a day from their purchase-day count, last and previous purchase
 * days: the same answer as `stageOn` gives from the whole list of purchase days up to that day.
 */
export function stageFromAggregates(days: number, lastDay: number | null, prevDay: number | null, day: number, rules: LifecycleRules): LifecycleStage {
  if (days === 0 || lastDay === null) return 'potential';
  if (day - lastDay > rules.churnDays) return 'churned';
  if (days >= 2 && prevDay !== null && lastDay - prevDay > rules.churnDays) return 'returned';
  if (days >= rules.loyalPurchases) return 'loyal';
  return days === 1 ? 'new' : 'repeat';
}

/** A customer's history in the CLV models' terms (weeks, money units), as of a day. */
export function modelSummary(c: ScoringColumns, i: number, asOfDay: number, minorPerMajor: number): RfmSummary & { meanValue: number } {
  const first = Number.isNaN(c.firstDay[i]) ? asOfDay : c.firstDay[i];
  const last = Number.isNaN(c.lastDay[i]) ? first : c.lastDay[i];
  const x = Math.max(0, c.days[i] - 1);
  return {
    x,
    tx: (last - first) / 7,
    T: (asOfDay - first) / 7,
    meanValue: x > 0 ? (c.revenue[i] - (Number.isNaN(c.firstDayValue[i]) ? 0 : c.firstDayValue[i])) / x / minorPerMajor : 0,
  };
}

/** Scores every customer. Customers whose first purchase is after the as-of day count as not having bought. */
export function scoreCustomers(c: ScoringColumns, rules: ScoringRules, models: ScoringModels): ScoreColumns {
  const n = c.size;
  const s: ScoreColumns = {
    size: n,
    customerId: c.customerId,
    r: new Uint8Array(n),
    f: new Uint8Array(n),
    m: new Uint8Array(n),
    segment: new Uint8Array(n).fill(none),
    abc: new Uint8Array(n).fill(none),
    xyz: new Uint8Array(n).fill(none),
    stage: new Uint8Array(n).fill(stage.potential),
    pAlive: new Float64Array(n).fill(Number.NaN),
    expected30: new Float64Array(n).fill(Number.NaN),
    expected90: new Float64Array(n).fill(Number.NaN),
    expected365: new Float64Array(n).fill(Number.NaN),
    predictedClv: new Float64Array(n).fill(Number.NaN),
  };
  // The buyers' measures, in the inputs' (id) order.
  let count = 0;
  const buyers = new Uint32Array(n);
  for (let i = 0; i < n; i++) if (hasPurchased(c, i, rules.asOfDay)) buyers[count++] = i;
  const recency = new Float64Array(count);
  const frequency = new Float64Array(count);
  const revenue = new Float64Array(count);
  const orders = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const i = buyers[k];
    recency[k] = Math.max(0, rules.asOfDay - c.lastDay[i]);
    frequency[k] = c.days[i];
    revenue[k] = c.revenue[i];
    orders[k] = c.orders[i];
  }
  const t = rules.rfm.thresholds;
  const cuts = t ? t.frequency : rules.rfm.frequencyCuts;
  const r = t ? recency.map((v) => thresholdScore(t.recency, v, 'recency')) : quintileScoresOf(recency.map((v) => -v));
  const f = cuts ? frequency.map((v) => thresholdScore(cuts, v, 'other')) : quintileScoresOf(frequency);
  const m = t ? revenue.map((v) => thresholdScore(t.monetary, v, 'other')) : quintileScoresOf(revenue);
  const abc = paretoClassesOf(revenue, rules.abcCuts);
  const xyz = paretoClassesOf(orders, rules.xyzCuts);
  const clv = clvScorer(c, rules, models);
  const { churnDays, loyalPurchases } = rules.lifecycle;
  for (let k = 0; k < count; k++) {
    const i = buyers[k];
    s.r[i] = r[k];
    s.f[i] = f[k];
    s.m[i] = m[k];
    const facts = { r: r[k], f: f[k], m: m[k], recencyDays: recency[k], frequency: frequency[k], tenureDays: Math.max(0, rules.asOfDay - c.firstDay[i]) };
    s.segment[i] = segmentIndex[rfmSegmentOf(facts, rules.lifecycle)];
    s.abc[i] = abc[k];
    s.xyz[i] = xyz[k];
    // stageFromAggregates, for a buyer, on numbers.
    const days = c.days[i];
    const last = c.lastDay[i];
    s.stage[i] =
      rules.asOfDay - last > churnDays ? stage.churned
      : days >= 2 && last - c.prevDay[i] > churnDays ? stage.returned
      : days >= loyalPurchases ? stage.loyal
      : days === 1 ? stage.new
      : stage.repeat;
    clv(i, s);
  }
  return s;
}

const abcLetters = ['A', 'B', 'C'] as const;
const xyzLetters = ['X', 'Y', 'Z'] as const;
const stage = Object.fromEntries(lifecycleStages.map((name, i) => [name, i])) as Record<LifecycleStage, number>;
const segmentIndex = Object.fromEntries(rfmSegments.map((segment, i) => [segment, i])) as Record<RfmSegment, number>;

// The CLV scores of a buyer. The expensive part, the 2F1 series of E[Y(t)], depends only on x and T,
// which many customers share (the same number of repeat purchases, the same first purchase day): it is
// computed once per pair, and each customer's t_x enters through a cheap denominator.
function clvScorer(c: ScoringColumns, rules: ScoringRules, models: ScoringModels): (i: number, s: ScoreColumns) => void {
  const { bgNbd, gammaGamma } = models;
  if (!bgNbd) return () => undefined;
  // Shared values per (x, T), four a pair, found by a numeric key.
  const slots = new Map<number, number>();
  const shared: number[] = [];
  const horizon = { months: rules.clv.months, monthlyDiscount: rules.clv.monthlyDiscount, unitsPerMonth: weeksPerMonth };
  return (i, s) => {
    const summary = modelSummary(c, i, rules.asOfDay, rules.minorPerMajor);
    const key = summary.x * 1e6 + (rules.asOfDay - c.firstDay[i]);
    let slot = slots.get(key);
    if (slot === undefined) {
      slot = shared.length;
      shared.push(
        expectedPurchasesNumerator(bgNbd, summary.x, summary.T, 30 / 7),
        expectedPurchasesNumerator(bgNbd, summary.x, summary.T, 90 / 7),
        expectedPurchasesNumerator(bgNbd, summary.x, summary.T, 365 / 7),
        discountedPurchasesNumerator(bgNbd, summary.x, summary.T, horizon),
      );
      slots.set(key, slot);
    }
    const denominator = aliveDenominator(bgNbd, summary);
    s.pAlive[i] = 1 / denominator;
    s.expected30[i] = shared[slot] / denominator;
    s.expected90[i] = shared[slot + 1] / denominator;
    s.expected365[i] = shared[slot + 2] / denominator;
    if (gammaGamma) s.predictedClv[i] = Math.round(((shared[slot + 3] * expectedSpend(gammaGamma, summary)) / denominator) * rules.minorPerMajor);
  };
}
