import { paretoClasses } from '../abc-xyz/abc-xyz.js';
import { aliveDenominator, type BgNbdParams, expectedPurchasesNumerator, type RfmSummary } from '../clv/bg-nbd.js';
import { expectedSpend, type GammaGammaParams } from '../clv/gamma-gamma.js';
import { discountedPurchasesNumerator } from '../clv/predicted-clv.js';
import type { LifecycleRules, LifecycleStage } from '../lifecycle/lifecycle.js';
import { type RfmInput, rfmScores, rfmSegment, type RfmSegment, type RfmThresholds } from '../rfm/rfm.js';

// Every score of every customer from their stored aggregates (customer_stats), as of a day. The same
// definitions as the analyses computed from orders (docs/analytics.md), on all-time history:
// - RFM over all purchases up to the day, scored by quintiles or the workspace's thresholds;
// - ABC by share of revenue, XYZ by share of purchases (orders);
// - the lifecycle stage from the number of purchase days, the last one and the one before it;
// - P(alive), expected purchases and predicted CLV from BG/NBD and Gamma-Gamma fitted beforehand,
//   in weeks, as the CDNOW golden tests fit them.

/** One customer's aggregates as the scores need them; days are local day numbers. */
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
  rfmThresholds: RfmThresholds | null;
  abcCuts: [number, number];
  xyzCuts: [number, number];
  lifecycle: LifecycleRules;
  clv: { months: number; monthlyDiscount: number };
  /** Minor units in one unit of the currency (100 for roubles). */
  minorPerMajor: number;
}

const weeksPerMonth = 30.4375 / 7;

/** Whether a customer has a purchase on or before the as-of day. */
export function hasPurchased(input: ScoringInput, asOfDay: number): boolean {
  return input.days > 0 && input.firstDay !== null && input.firstDay <= asOfDay;
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
export function modelSummary(input: ScoringInput, asOfDay: number, minorPerMajor: number): RfmSummary & { meanValue: number } {
  const first = input.firstDay ?? asOfDay;
  const last = input.lastDay ?? first;
  const x = Math.max(0, input.days - 1);
  return {
    x,
    tx: (last - first) / 7,
    T: (asOfDay - first) / 7,
    meanValue: x > 0 ? (input.revenue - (input.firstDayValue ?? 0)) / x / minorPerMajor : 0,
  };
}

/** Scores every customer. Customers whose first purchase is after the as-of day count as not having bought. */
export function scoreCustomers(inputs: readonly ScoringInput[], rules: ScoringRules, models: ScoringModels): CustomerScore[] {
  const buyers = inputs.filter((c) => hasPurchased(c, rules.asOfDay));
  const rfmInputs: RfmInput[] = buyers.map((c) => ({
    customerId: c.customerId,
    recencyDays: Math.max(0, rules.asOfDay - (c.lastDay ?? rules.asOfDay)),
    frequency: c.days,
    monetary: c.revenue,
    orders: c.orders,
  }));
  const rfm = rfmScores(rfmInputs, rules.rfmThresholds ?? undefined);
  const rfmById = new Map(buyers.map((c, i) => [c.customerId, rfm[i]]));
  const abc = paretoClasses(buyers.map((c) => ({ id: c.customerId, value: c.revenue })), rules.abcCuts);
  const xyz = paretoClasses(buyers.map((c) => ({ id: c.customerId, value: c.orders })), rules.xyzCuts);
  const clv = clvScorer(rules, models);
  return inputs.map((c) => {
    const score = rfmById.get(c.customerId);
    if (!score) {
      return { customerId: c.customerId, rfm: null, abc: null, xyz: null, stage: 'potential', pAlive: null, expected30: null, expected90: null, expected365: null, predictedClv: null };
    }
    return {
      customerId: c.customerId,
      rfm: { ...score, segment: rfmSegment(score) },
      abc: abcLetters[abc.get(c.customerId) ?? 2],
      xyz: xyzLetters[xyz.get(c.customerId) ?? 2],
      stage: stageFromAggregates(c.days, c.lastDay, c.prevDay, rules.asOfDay, rules.lifecycle),
      ...clv(c),
    };
  });
}

const abcLetters = ['A', 'B', 'C'] as const;
const xyzLetters = ['X', 'Y', 'Z'] as const;

type ClvScores = Pick<CustomerScore, 'pAlive' | 'expected30' | 'expected90' | 'expected365' | 'predictedClv'>;

// The CLV scores of a buyer. The expensive part, the 2F1 series of E[Y(t)], depends only on x and T,
// which many customers share (the same number of repeat purchases, the same first purchase day): it is
// computed once per pair, and each customer's t_x enters through a cheap denominator.
function clvScorer(rules: ScoringRules, models: ScoringModels): (c: ScoringInput) => ClvScores {
  const none: ClvScores = { pAlive: null, expected30: null, expected90: null, expected365: null, predictedClv: null };
  const { bgNbd, gammaGamma } = models;
  if (!bgNbd) return () => none;
  const cache = new Map<string, { n30: number; n90: number; n365: number; clv: number }>();
  const horizon = { months: rules.clv.months, monthlyDiscount: rules.clv.monthlyDiscount, unitsPerMonth: weeksPerMonth };
  return (c) => {
    const s = modelSummary(c, rules.asOfDay, rules.minorPerMajor);
    const key = `${s.x}|${s.T}`;
    let shared = cache.get(key);
    if (!shared) {
      shared = {
        n30: expectedPurchasesNumerator(bgNbd, s.x, s.T, 30 / 7),
        n90: expectedPurchasesNumerator(bgNbd, s.x, s.T, 90 / 7),
        n365: expectedPurchasesNumerator(bgNbd, s.x, s.T, 365 / 7),
        clv: discountedPurchasesNumerator(bgNbd, s.x, s.T, horizon),
      };
      cache.set(key, shared);
    }
    const denominator = aliveDenominator(bgNbd, s);
    const spend = gammaGamma ? expectedSpend(gammaGamma, s) : null;
    return {
      pAlive: 1 / denominator,
      expected30: shared.n30 / denominator,
      expected90: shared.n90 / denominator,
      expected365: shared.n365 / denominator,
      predictedClv: spend === null ? null : Math.round(((shared.clv * spend) / denominator) * rules.minorPerMajor),
    };
  };
}
