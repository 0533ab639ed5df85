// The customer KPIs of a period. The retention rate is seed 000's formula, RR = (E − N) / S: S the
// active customers at the start of the period, E at its end, N the new customers of the period.
// What "active" and the other counts mean precisely is in docs/analytics.md.

/** The counts a period's KPIs are made of. */
export interface PeriodCounts {
  /** Active customers at the start of the period. */
  start: number;
  /** Active customers at the end of the period. */
  end: number;
  /** Customers whose first purchase is in the period. */
  new: number;
  /** Customers who bought in the period. */
  buyers: number;
  /** Of them, customers with at least two purchase days by the end of the period. */
  repeatBuyers: number;
  orders: number;
  /** Net revenue, minor units. */
  revenue: number;
}

/** A period's KPIs; a ratio is null when its denominator is 0. */
export interface Kpis extends PeriodCounts {
  /** (E − N) / S, as a fraction. */
  retentionRate: number | null;
  /** 1 − retention rate: the share of the start's active customers lost. */
  churnRate: number | null;
  /** Buyers with at least two purchase days / buyers. */
  repeatPurchaseRate: number | null;
  /** Revenue per order, minor units. */
  averageCheck: number | null;
  /** Orders per buyer. */
  purchaseFrequency: number | null;
  /** Revenue per buyer, minor units. */
  revenuePerCustomer: number | null;
}

/** Seed 000's retention rate, RR = (E − N) / S, as a fraction (0.85 for 85 %); null without customers at the start. */
export function retentionRate(start: number, end: number, newCustomers: number): number | null {
  return start > 0 ? (end - newCustomers) / start : null;
}

/** The KPIs of a period from its counts. */
export function kpis(counts: PeriodCounts): Kpis {
  const rr = retentionRate(counts.start, counts.end, counts.new);
  const per = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : null);
  return {
    ...counts,
    retentionRate: rr,
    churnRate: rr === null ? null : 1 - rr,
    repeatPurchaseRate: per(counts.repeatBuyers, counts.buyers),
    averageCheck: counts.orders > 0 ? Math.round(counts.revenue / counts.orders) : null,
    purchaseFrequency: per(counts.orders, counts.buyers),
    revenuePerCustomer: counts.buyers > 0 ? Math.round(counts.revenue / counts.buyers) : null,
  };
}
