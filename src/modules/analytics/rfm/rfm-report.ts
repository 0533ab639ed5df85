import { type RfmFacts, type RfmInput, type RfmScore, type RfmSegment, rfmSegmentOf, type RfmSegmentRules, rfmSegments } from './rfm.js';

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
  /** What the segment's members have in common, to check its description against (null without members). */
  members: RfmMemberRanges | null;
}

/** The lowest and highest value of each measure and score among a segment's members. */
export interface RfmMemberRanges {
  recencyDays: [number, number];
  /** Purchase days in the period. */
  purchaseDays: [number, number];
  r: [number, number];
  f: [number, number];
  m: [number, number];
  /** Members whose one purchase day is their first ever. */
  firstPurchaseOnly: number;
}

/** The R×F heatmap (all 25 cells) and the segment table (every segment, largest revenue first), segments by the lifecycle's rules. */
export function rfmReport(customers: readonly RfmInput[], scores: readonly RfmScore[], rules: RfmSegmentRules): { cells: RfmCell[]; segments: RfmSegmentRow[] } {
  const report = new RfmReportBuilder();
  customers.forEach((c, i) => {
    const facts = { ...scores[i], recencyDays: c.recencyDays, frequency: c.frequency, tenureDays: c.tenureDays };
    report.add(facts, rfmSegmentOf(facts, rules), c.monetary, c.orders);
  });
  return report.build();
}

/** Adds customers up into the heatmap and the segment table one at a time, without keeping them. */
export class RfmReportBuilder {
  private readonly cells: RfmCell[] = [];
  private readonly bySegment = new Map<RfmSegment, { customers: number; revenue: number; orders: number; members: RfmMemberRanges | null }>(
    rfmSegments.map((s) => [s, { customers: 0, revenue: 0, orders: 0, members: null }]),
  );
  private customers = 0;
  private revenue = 0;

  constructor() {
    for (let r = 5; r >= 1; r--) for (let f = 1; f <= 5; f++) this.cells.push({ r, f, customers: 0, revenue: 0 });
  }

  /** One customer: scores and measures, segment, revenue (minor units) and orders. */
  add(facts: RfmFacts, segment: RfmSegment, monetary: number, orders: number): void {
    const cell = this.cells[(5 - facts.r) * 5 + (facts.f - 1)];
    cell.customers++;
    cell.revenue += monetary;
    const totals = this.bySegment.get(segment);
    if (totals) {
      totals.customers++;
      totals.revenue += monetary;
      totals.orders += orders;
      totals.members = widen(totals.members, facts);
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
      members: t.members,
    }));
    segments.sort((a, b) => b.revenue - a.revenue);
    return { cells: this.cells, segments };
  }
}

// The ranges of a segment's members with one more member.
function widen(ranges: RfmMemberRanges | null, facts: RfmFacts): RfmMemberRanges {
  const first = facts.frequency === 1 && facts.tenureDays === facts.recencyDays ? 1 : 0;
  if (ranges === null) {
    return {
      recencyDays: [facts.recencyDays, facts.recencyDays],
      purchaseDays: [facts.frequency, facts.frequency],
      r: [facts.r, facts.r],
      f: [facts.f, facts.f],
      m: [facts.m, facts.m],
      firstPurchaseOnly: first,
    };
  }
  const range = (pair: [number, number], value: number) => {
    if (value < pair[0]) pair[0] = value;
    if (value > pair[1]) pair[1] = value;
  };
  range(ranges.recencyDays, facts.recencyDays);
  range(ranges.purchaseDays, facts.frequency);
  range(ranges.r, facts.r);
  range(ranges.f, facts.f);
  range(ranges.m, facts.m);
  ranges.firstPurchaseOnly += first;
  return ranges;
}
