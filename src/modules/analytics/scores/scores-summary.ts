import { type AbcXyzCell, addToMatrix, emptyAbcXyzMatrix, paretoCurve, type ParetoPoint } from '../abc-xyz/abc-xyz.js';
import type { BgNbdParams } from '../clv/bg-nbd.js';
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
    /** Buyers with P(alive) under 50 %. */
    atRiskCustomers: number;
    /** Minor units. */
    totalPredictedClv: number;
    /** Predicted CLV at the 10th … 100th percentile of buyers, minor units. */
    deciles: number[];
    top: SummaryClvCustomer[];
    /** Valuable customers at risk: P(alive) under 50 %, by historic revenue. */
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
  const byClv = new TopList(listSize, (a, b) => clvOf(s, b) - clvOf(s, a) || c.customerId[a] - c.customerId[b]);
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
      byClv.offer(i);
      if (s.pAlive[i] < 0.5) {
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
      deciles: values.length === 0 ? [] : Array.from({ length: 10 }, (_, i) => values[Math.min(values.length - 1, Math.ceil(((i + 1) / 10) * values.length) - 1)]),
      top: byClv.items().map(listed),
      atRisk: byRevenueAtRisk.items().map(listed),
    },
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
