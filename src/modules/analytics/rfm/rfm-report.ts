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
  const report = new RfmReportBuilder();
  customers.forEach((c, i) => report.add(scores[i].r, scores[i].f, rfmSegment(scores[i]), c.monetary, c.orders));
  return report.build();
}

/** Adds customers up into the heatmap and the segment table one at a time, without keeping them. */
export class RfmReportBuilder {
  private readonly cells: RfmCell[] = [];
  private readonly bySegment = new Map<RfmSegment, { customers: number; revenue: number; orders: number }>(rfmSegments.map((s) => [s, { customers: 0, revenue: 0, orders: 0 }]));
  private customers = 0;
  private revenue = 0;

  constructor() {
    for (let r = 5; r >= 1; r--) for (let f = 1; f <= 5; f++) this.cells.push({ r, f, customers: 0, revenue: 0 });
  }

  /** One customer: scores R and F, segment, revenue (minor units) and orders. */
  add(r: number, f: number, segment: RfmSegment, monetary: number, orders: number): void {
    const cell = this.cells[(5 - r) * 5 + (f - 1)];
    cell.customers++;
    cell.revenue += monetary;
    const totals = this.bySegment.get(segment);
    if (totals) {
      totals.customers++;
      totals.revenue += monetary;
      totals.orders += orders;
    }
    this.customers++;
    this.revenue += monetary;
  }

  build(): { cells: RfmCell[]; segments: RfmSegmentRow[] } {
    const n = this.customers;
    const segments = [...this.bySegment].map(([segment, t]) => ({
      segment,
      customers: t.customers,
      customerShare: n > 0 ? t.customers / n : 0,
      revenue: t.revenue,
      revenueShare: this.revenue > 0 ? t.revenue / this.revenue : 0,
      avgCheck: t.orders > 0 ? Math.round(t.revenue / t.orders) : 0,
      clv: t.customers > 0 ? Math.round(t.revenue / t.customers) : 0,
    }));
    segments.sort((a, b) => b.revenue - a.revenue);
    return { cells: this.cells, segments };
  }
}
