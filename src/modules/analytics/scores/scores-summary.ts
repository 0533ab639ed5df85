import { type AbcXyzCell, addToMatrix, emptyAbcXyzMatrix, paretoCurve, type ParetoPoint } from '../abc-xyz/abc-xyz.js';
import type { BgNbdParams } from '../clv/bg-nbd.js';
import type { CustomerName } from '../clv/customer-names.js';
import { atRiskBand, type DecileGroup, decileEdges, decileGroups, hasShortHistory, isAtRisk, minObservedDays } from '../clv/clv-lists.js';
import type { GammaGammaParams } from '../clv/gamma-gamma.js';
import { lifecycleStages, type StageCounts } from '../lifecycle/lifecycle.js';
import { type RfmCell, RfmReportBuilder, type RfmSegmentRow } from '../rfm/rfm-report.js';
import { type RfmCuts, rfmSegments } from '../rfm/rfm.js';
import { none, type ScoreColumns, type ScoringColumns } from './customer-scoring.js';

// What a computation of the stored scores adds up to, kept with it: the dashboard and the analytics
// overview answer from it at once, whatever the number of customers.

/** One customer in the CLV lists of the summary. */
export interface SummaryClvCustomer {
  customerId: number;
  pAlive: number;
  predictedClv: number | null;
  historicRevenue: number;
  /** Days from the first purchase to the computation's day; null in a summary kept before it was. */
  observedDays: number | null;
  /** Distinct days with a purchase; null in a summary kept before it was. */
  purchaseDays: number | null;
}

/** The picture of a workspace as of one computation. */
export interface ScoresSummary {
  customers: number;
  buyers: number;
  /** Net revenue of all purchases, minor units. */
  revenue: number;
  /** The heatmap and segments; F by these purchase-day cut points (null: quintiles or the workspace's thresholds). */
  rfm: { cells: RfmCell[]; segments: RfmSegmentRow[]; frequencyCuts: RfmCuts | null };
  abcXyz: { cells: AbcXyzCell[]; golden: { customers: number; revenue: number; revenueShare: number }; pareto: ParetoPoint[] };
  stages: StageCounts;
  churnDays: number;
  /** Purchase days that make a customer loyal (the stages' and the segments' rule). */
  loyalPurchases: number;
  /**
   * Average customer lifetime in days: from the first to the last purchase day of the churned buyers
   * (lifetimes that ended), and the average tenure of all buyers (first purchase to the as-of day).
   */
  lifetime: { churnedAverageDays: number | null; tenureAverageDays: number | null };
  clv: {
    model: (BgNbdParams & Partial<GammaGammaParams>) | null;
    /** The horizon the predicted CLV covers. */
    months: number;
    monthlyDiscount: number;
    /** Buyers with P(alive) within atRiskBand. */
    atRiskCustomers: number;
    /** Minor units. */
    totalPredictedClv: number;
    /** Predicted CLV at the 10th … 100th percentile of buyers, minor units. */
    deciles: number[];
    /** Each tenth of the buyers by predicted CLV, the lowest first: size, sum and mean (empty in a summary kept before they were). */
    decileGroups: DecileGroup[];
    minObservedDays: number;
    atRiskBand: { min: number; max: number };
    /** The highest predicted CLV among buyers with at least minObservedDays of history. */
    top: SummaryClvCustomer[];
    /** The highest predicted CLV among buyers with a shorter history, ranked apart. */
    topShortHistory: SummaryClvCustomer[];
    /** Valuable customers at risk: P(alive) within atRiskBand, by historic revenue. */
    atRisk: SummaryClvCustomer[];
  };
}

/** Sums the scores up; `inputs` and `scores` are in the same order. */
export function summariseScores(
  c: ScoringColumns,
  s: ScoreColumns,
  context: { asOfDay: number; churnDays: number; loyalPurchases: number; frequencyCuts: RfmCuts | null; model: ScoresSummary['clv']['model']; months: number; monthlyDiscount: number; listSize?: number },
): ScoresSummary {
  const listSize = context.listSize ?? 20;
  const stages = Object.fromEntries(lifecycleStages.map((stage) => [stage, 0])) as StageCounts;
  const rfm = new RfmReportBuilder();
  const cells = emptyAbcXyzMatrix();
  const revenues = new Float64Array(s.size);
  let buyers = 0;
  const clvValues = new Float64Array(s.size);
  let clvCount = 0;
  let revenue = 0;
  let atRiskCustomers = 0;
  const lifetime = { churned: 0, churnedDays: 0, tenureDays: 0 };
  const byClvOf = () => new TopList(listSize, (a, b) => clvOf(s, b) - clvOf(s, a) || c.customerId[a] - c.customerId[b]);
  const byClv = byClvOf();
  const byClvShortHistory = byClvOf();
  const byRevenueAtRisk = new TopList(listSize, (a, b) => c.revenue[b] - c.revenue[a] || c.customerId[a] - c.customerId[b]);
  const churned = lifecycleStages.indexOf('churned');
  for (let i = 0; i < s.size; i++) {
    stages[lifecycleStages[s.stage[i]]]++;
    if (s.segment[i] === none) continue;
    revenue += c.revenue[i];
    revenues[buyers++] = c.revenue[i];
    const first = Number.isNaN(c.firstDay[i]) ? context.asOfDay : c.firstDay[i];
    lifetime.tenureDays += context.asOfDay - first;
    if (s.stage[i] === churned) {
      lifetime.churned++;
      lifetime.churnedDays += (Number.isNaN(c.lastDay[i]) ? first : c.lastDay[i]) - first;
    }
    const facts = { r: s.r[i], f: s.f[i], m: s.m[i], recencyDays: Math.max(0, context.asOfDay - c.lastDay[i]), frequency: c.days[i], tenureDays: Math.max(0, context.asOfDay - first) };
    rfm.add(facts, rfmSegments[s.segment[i]], c.revenue[i], c.orders[i]);
    addToMatrix(cells, s.abc[i], s.xyz[i], c.revenue[i]);
    if (!Number.isNaN(s.pAlive[i])) {
      clvValues[clvCount++] = clvOf(s, i);
      (hasShortHistory(context.asOfDay - first) ? byClvShortHistory : byClv).offer(i);
      if (isAtRisk(s.pAlive[i])) {
        atRiskCustomers++;
        byRevenueAtRisk.offer(i);
      }
    }
  }
  const golden = cells.filter((cell) => cell.golden).reduce((g, cell) => ({ customers: g.customers + cell.customers, revenue: g.revenue + cell.revenue }), { customers: 0, revenue: 0 });
  const values = clvValues.subarray(0, clvCount).sort();
  const listed = (i: number): SummaryClvCustomer => ({
    customerId: c.customerId[i],
    pAlive: s.pAlive[i],
    predictedClv: Number.isNaN(s.predictedClv[i]) ? null : s.predictedClv[i],
    historicRevenue: c.revenue[i],
    observedDays: context.asOfDay - (Number.isNaN(c.firstDay[i]) ? context.asOfDay : c.firstDay[i]),
    purchaseDays: c.days[i],
  });
  return {
    customers: s.size,
    buyers,
    revenue,
    rfm: { ...rfm.build(), frequencyCuts: context.frequencyCuts },
    abcXyz: { cells, golden: { ...golden, revenueShare: revenue > 0 ? golden.revenue / revenue : 0 }, pareto: paretoCurve(revenues.subarray(0, buyers)) },
    stages,
    churnDays: context.churnDays,
    loyalPurchases: context.loyalPurchases,
    lifetime: {
      churnedAverageDays: lifetime.churned > 0 ? lifetime.churnedDays / lifetime.churned : null,
      tenureAverageDays: buyers > 0 ? lifetime.tenureDays / buyers : null,
    },
    clv: {
      model: context.model,
      months: context.months,
      monthlyDiscount: context.monthlyDiscount,
      atRiskCustomers,
      totalPredictedClv: values.reduce((sum, v) => sum + v, 0),
      deciles: decileEdges(values),
      decileGroups: decileGroups(values),
      minObservedDays,
      atRiskBand: { ...atRiskBand },
      top: byClv.items().map(listed),
      topShortHistory: byClvShortHistory.items().map(listed),
      atRisk: byRevenueAtRisk.items().map(listed),
    },
  };
}

/** A listed customer with their name, as the API gives them. */
export type NamedClvCustomer = SummaryClvCustomer & CustomerName;

/** The CLV part of a summary as the API gives it: the listed customers named. */
export type NamedClvSummary = Omit<ScoresSummary['clv'], 'top' | 'topShortHistory' | 'atRisk'> & {
  top: NamedClvCustomer[];
  topShortHistory: NamedClvCustomer[];
  atRisk: NamedClvCustomer[];
};

/** The CLV part of a summary as stored: computations before the tenths and the short-history list were kept lack them. */
export type StoredClvSummary = Omit<ScoresSummary['clv'], 'decileGroups' | 'minObservedDays' | 'atRiskBand' | 'topShortHistory' | 'top' | 'atRisk'> &
  Partial<Pick<ScoresSummary['clv'], 'decileGroups' | 'minObservedDays' | 'atRiskBand' | 'topShortHistory'>> & {
    top: StoredClvCustomer[];
    atRisk: StoredClvCustomer[];
  };

/** A listed customer as stored (older computations kept no history length). */
export type StoredClvCustomer = Omit<SummaryClvCustomer, 'observedDays' | 'purchaseDays'> & Partial<Pick<SummaryClvCustomer, 'observedDays' | 'purchaseDays'>>;

/**
 * The CLV part of a stored summary as the API gives it, each listed customer passed through `named`
 * (which adds their name); what an older computation did not keep is empty until the next one.
 */
export function readClvSummary(clv: StoredClvSummary, named: (c: SummaryClvCustomer) => NamedClvCustomer): NamedClvSummary {
  const listed = (c: StoredClvCustomer) => named({ ...c, observedDays: c.observedDays ?? null, purchaseDays: c.purchaseDays ?? null });
  return {
    ...clv,
    decileGroups: clv.decileGroups ?? [],
    minObservedDays: clv.minObservedDays ?? minObservedDays,
    atRiskBand: clv.atRiskBand ?? { ...atRiskBand },
    top: clv.top.map(listed),
    topShortHistory: (clv.topShortHistory ?? []).map(listed),
    // An older computation listed P(alive) under 50 %: those below the band are gone, not at risk.
    atRisk: (clv.atRiskBand ? clv.atRisk : clv.atRisk.filter((c) => isAtRisk(c.pAlive))).map(listed),
  };
}

// A customer's predicted CLV, 0 without a spend model.
function clvOf(s: ScoreColumns, i: number): number {
  return Number.isNaN(s.predictedClv[i]) ? 0 : s.predictedClv[i];
}

// The first `n` items in an order, kept as they are offered, without sorting them all.
class TopList {
  private readonly top: number[] = [];

  constructor(
    private readonly n: number,
    private readonly compare: (a: number, b: number) => number,
  ) {}

  offer(item: number): void {
    const top = this.top;
    if (top.length === this.n && this.compare(item, top[this.n - 1]) >= 0) return;
    let i = top.length;
    while (i > 0 && this.compare(item, top[i - 1]) < 0) i--;
    top.splice(i, 0, item);
    if (top.length > this.n) top.pop();
  }

  items(): readonly number[] {
    return this.top;
  }
}
