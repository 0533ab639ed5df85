import type { PurchaseDays } from './activity-index.js';

// Every purchase of a workspace (ten million of them at a million customers) gathered for the KPI
// index: each customer's distinct purchase days and each day's orders and revenue. Purchases come in
// any order; they are kept in typed arrays and grouped by customer with a counting sort, with no
// object or array per purchase.

/** Collects purchases one at a time; then the customers' purchase days and the daily totals. */
export class PurchaseDaysCollector {
  private ids = new Float64Array(1 << 16);
  private days = new Int32Array(1 << 16);
  private count = 0;
  private minId = Number.POSITIVE_INFINITY;
  private maxId = Number.NEGATIVE_INFINITY;
  private readonly totals = new Map<number, { orders: number; revenue: number }>();
  // The current day's totals, kept at hand: purchases mostly come in time order.
  private lastTotals: { day: number; totals: { orders: number; revenue: number } } | null = null;

  /** One purchase: the customer, its local day, its net value. */
  add(customerId: number, day: number, value: number): void {
    if (this.count === this.ids.length) {
      const ids = new Float64Array(this.count * 2);
      ids.set(this.ids);
      this.ids = ids;
      const days = new Int32Array(this.count * 2);
      days.set(this.days);
      this.days = days;
    }
    this.ids[this.count] = customerId;
    this.days[this.count++] = day;
    if (customerId < this.minId) this.minId = customerId;
    if (customerId > this.maxId) this.maxId = customerId;
    let totals = this.lastTotals?.day === day ? this.lastTotals.totals : this.totals.get(day);
    if (!totals) {
      totals = { orders: 0, revenue: 0 };
      this.totals.set(day, totals);
    }
    this.lastTotals = { day, totals };
    totals.orders++;
    totals.revenue += value;
  }

  /** Each day's orders and net revenue. */
  daily(): Map<number, { orders: number; revenue: number }> {
    return this.totals;
  }

  /** Each customer's distinct purchase days, ascending (customers in id order). */
  *customers(): Generator<PurchaseDays> {
    const n = this.count;
    if (n === 0) return;
    // Counting sort by customer: where each customer's days start, then the days in their places.
    const span = this.maxId - this.minId + 1;
    const start = new Int32Array(span + 1);
    for (let i = 0; i < n; i++) start[this.ids[i] - this.minId + 1]++;
    for (let c = 0; c < span; c++) start[c + 1] += start[c];
    const placed = new Int32Array(n);
    const next = start.slice(0, span);
    for (let i = 0; i < n; i++) placed[next[this.ids[i] - this.minId]++] = this.days[i];
    for (let c = 0; c < span; c++) {
      if (start[c] === start[c + 1]) continue;
      const days = Array.from(placed.subarray(start[c], start[c + 1])).sort((a, b) => a - b);
      const distinct = [days[0]];
      for (let k = 1; k < days.length; k++) if (days[k] !== days[k - 1]) distinct.push(days[k]);
      yield distinct;
    }
  }
}
