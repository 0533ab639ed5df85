import { type AbcXyzCell, abcXyzMatrix, type ClassIndex, paretoCurve, type ParetoPoint } from '../abc-xyz/abc-xyz.js';
import type { BgNbdParams } from '../clv/bg-nbd.js';
import type { GammaGammaParams } from '../clv/gamma-gamma.js';
import { lifecycleStages, type StageCounts } from '../lifecycle/lifecycle.js';
import { type RfmCell, rfmReport, type RfmSegmentRow } from '../rfm/rfm-report.js';
import type { CustomerScore, ScoringInput } from './customer-scoring.js';

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
  rfm: { cells: RfmCell[]; segments: RfmSegmentRow[] };
  abcXyz: { cells: AbcXyzCell[]; golden: { customers: number; revenue: number; revenueShare: number }; pareto: ParetoPoint[] };
  stages: StageCounts;
  churnDays: number;
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

const classIndex = { A: 0, B: 1, C: 2, X: 0, Y: 1, Z: 2 } as const;

/** Sums the scores up; `inputs` and `scores` are in the same order. */
export function summariseScores(
  inputs: readonly ScoringInput[],
  scores: readonly CustomerScore[],
  context: { asOfDay: number; churnDays: number; model: ScoresSummary['clv']['model']; months: number; monthlyDiscount: number; listSize?: number },
): ScoresSummary {
  const listSize = context.listSize ?? 20;
  const stages = Object.fromEntries(lifecycleStages.map((s) => [s, 0])) as StageCounts;
  const rfmInputs = [];
  const rfmScores = [];
  const matrix: { id: number; revenue: number; abc: ClassIndex; xyz: ClassIndex }[] = [];
  const clvCustomers: SummaryClvCustomer[] = [];
  let revenue = 0;
  const lifetime = { churned: 0, churnedDays: 0, tenureDays: 0 };
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    const c = inputs[i];
    stages[s.stage]++;
    if (!s.rfm || !s.abc || !s.xyz) continue;
    revenue += c.revenue;
    const first = c.firstDay ?? context.asOfDay;
    lifetime.tenureDays += context.asOfDay - first;
    if (s.stage === 'churned') {
      lifetime.churned++;
      lifetime.churnedDays += (c.lastDay ?? first) - first;
    }
    rfmInputs.push({ customerId: c.customerId, recencyDays: Math.max(0, context.asOfDay - (c.lastDay ?? context.asOfDay)), frequency: c.days, monetary: c.revenue, orders: c.orders });
    rfmScores.push(s.rfm);
    matrix.push({ id: c.customerId, revenue: c.revenue, abc: classIndex[s.abc], xyz: classIndex[s.xyz] });
    if (s.pAlive !== null) clvCustomers.push({ customerId: c.customerId, pAlive: s.pAlive, predictedClv: s.predictedClv, historicRevenue: c.revenue });
  }
  const cells = abcXyzMatrix(matrix);
  const golden = cells.filter((cell) => cell.golden).reduce((g, cell) => ({ customers: g.customers + cell.customers, revenue: g.revenue + cell.revenue }), { customers: 0, revenue: 0 });
  const values = clvCustomers.map((c) => c.predictedClv ?? 0).sort((a, b) => a - b);
  return {
    customers: scores.length,
    buyers: rfmInputs.length,
    revenue,
    rfm: rfmReport(rfmInputs, rfmScores),
    abcXyz: { cells, golden: { ...golden, revenueShare: revenue > 0 ? golden.revenue / revenue : 0 }, pareto: paretoCurve(matrix.map((m) => m.revenue)) },
    stages,
    churnDays: context.churnDays,
    lifetime: {
      churnedAverageDays: lifetime.churned > 0 ? lifetime.churnedDays / lifetime.churned : null,
      tenureAverageDays: rfmInputs.length > 0 ? lifetime.tenureDays / rfmInputs.length : null,
    },
    clv: {
      model: context.model,
      months: context.months,
      monthlyDiscount: context.monthlyDiscount,
      atRiskCustomers: clvCustomers.filter((c) => c.pAlive < 0.5).length,
      totalPredictedClv: values.reduce((sum, v) => sum + v, 0),
      deciles: values.length === 0 ? [] : Array.from({ length: 10 }, (_, i) => values[Math.min(values.length - 1, Math.ceil(((i + 1) / 10) * values.length) - 1)]),
      top: topBy(clvCustomers, (a, b) => (b.predictedClv ?? 0) - (a.predictedClv ?? 0) || a.customerId - b.customerId, listSize),
      atRisk: topBy(clvCustomers.filter((c) => c.pAlive < 0.5), (a, b) => b.historicRevenue - a.historicRevenue || a.customerId - b.customerId, listSize),
    },
  };
}

// The first `n` items in an order, without sorting them all.
function topBy<T>(items: readonly T[], compare: (a: T, b: T) => number, n: number): T[] {
  const top: T[] = [];
  for (const item of items) {
    if (top.length === n && compare(item, top[n - 1]) >= 0) continue;
    let i = top.length;
    while (i > 0 && compare(item, top[i - 1]) < 0) i--;
    top.splice(i, 0, item);
    if (top.length > n) top.pop();
  }
  return top;
}
