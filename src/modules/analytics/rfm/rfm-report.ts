import { type RfmInput, type RfmScore, type RfmSegment, rfmSegment, rfmSegments } from './rfm.js';

/** One cell of the R×F heatmap. */
export interface RfmCell {
  r: number;
  f: number;
  customers: number;
  /** Minor units. */
  revenue: number;
}

/** One row of the segment table. */
export interface RfmSegmentRow {
  segment: RfmSegment;
  customers: number;
  /** Of all customers scored, 0–1. */
  customerShare: number;
  /** Minor units. */
  revenue: number;
  /** Of all revenue in the period, 0–1. */
  revenueShare: number;
  /** Revenue per order, minor units (0 without orders). */
  avgCheck: number;
  /** Historic CLV: revenue per customer in the period, minor units. */
  clv: number;
}

/** The R×F heatmap (all 25 cells) and the segment table (every segment, largest revenue first). */
export function rfmReport(customers: readonly RfmInput[], scores: readonly RfmScore[]): { cells: RfmCell[]; segments: RfmSegmentRow[] } {
  const cells: RfmCell[] = [];
  for (let r = 5; r >= 1; r--) for (let f = 1; f <= 5; f++) cells.push({ r, f, customers: 0, revenue: 0 });
  const bySegment = new Map<RfmSegment, { customers: number; revenue: number; orders: number }>(
    rfmSegments.map((s) => [s, { customers: 0, revenue: 0, orders: 0 }]),
  );
  let totalRevenue = 0;
  customers.forEach((c, i) => {
    const score = scores[i];
    const cell = cells[(5 - score.r) * 5 + (score.f - 1)];
    cell.customers++;
    cell.revenue += c.monetary;
    const segment = bySegment.get(rfmSegment(score));
    if (segment) {
      segment.customers++;
      segment.revenue += c.monetary;
      segment.orders += c.orders;
    }
    totalRevenue += c.monetary;
  });
  const n = customers.length;
  const segments = [...bySegment].map(([segment, t]) => ({
    segment,
    customers: t.customers,
    customerShare: n > 0 ? t.customers / n : 0,
    revenue: t.revenue,
    revenueShare: totalRevenue > 0 ? t.revenue / totalRevenue : 0,
    avgCheck: t.orders > 0 ? Math.round(t.revenue / t.orders) : 0,
    clv: t.customers > 0 ? Math.round(t.revenue / t.customers) : 0,
  }));
  segments.sort((a, b) => b.revenue - a.revenue);
  return { cells, segments };
}
