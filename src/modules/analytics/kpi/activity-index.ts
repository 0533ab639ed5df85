import type { PeriodCounts } from './kpi.js';

// The counts of any period's KPIs in constant time, as of one day (docs/analytics.md, "KPIs").
// Every count is a question of the form "how many customers bought between day a and day b":
// S and E are buyers in the activeDays windows before the period and up to its end, and a customer
// bought in [a, b] unless one of the gaps between consecutive purchase days (with a gap before the
// first and one after the last) spans it: u < a and v > b. So buyers(a, b) = customers − gaps(u < a,
// v > b), a two-dimensional dominance count, answered from cumulative counts over a days × days grid.
// Repeat buyers need the customers whose first purchase day in [a, b] had no second one by b: the same
// kind of count over (first, second) purchase days. New customers, orders and revenue are cumulative
// sums over days. Built from every customer's purchase days by the scores computation, kept with it.

/** One customer's distinct purchase days in ascending order. */
export type PurchaseDays = readonly number[];

/** The days an index covers at most (about four years): its grids hold (days + 2)² counts each. */
export const maxIndexDays = 1500;

/** What an index is made of, as stored. */
export interface ActivityIndexData {
  /** First and last day covered; earlier purchase days count as "before". */
  firstDay: number;
  lastDay: number;
  /** Whether purchase days before firstDay exist (then periods must start after it). */
  truncated: boolean;
  customers: number;
  /** (n + 2)² cumulative gap counts: gaps[i · (n + 2) + j] = gaps with u ≤ i and v ≥ j. */
  gaps: Uint32Array;
  /** The same over (first, second) purchase days. */
  firsts: Uint32Array;
  /** Per day index 0 … n + 1: cumulative new customers, orders and revenue up to it. */
  newCustomers: Float64Array;
  orders: Float64Array;
  revenue: Float64Array;
}

// Stored form: five numbers (first and last day, truncated, customers, grid width), then the arrays.
const headerBytes = 40;

/** KPI counts of any period within the covered days. */
export class ActivityIndex {
  private readonly n: number;
  private readonly width: number;

  constructor(readonly data: ActivityIndexData) {
    this.n = data.lastDay - data.firstDay + 1;
    this.width = this.n + 2;
  }

  /**
   * Builds the index from customers' purchase days and each day's orders and net revenue, covering
   * at most maxIndexDays days up to `lastDay`; days after it are left out.
   */
  static build(customers: Iterable<PurchaseDays>, daily: Map<number, { orders: number; revenue: number }>, lastDay: number): ActivityIndex {
    let earliest = lastDay;
    const kept: number[][] = [];
    for (const days of customers) {
      const upTo = days.filter((d) => d <= lastDay);
      if (upTo.length === 0) continue;
      kept.push(upTo);
      earliest = Math.min(earliest, upTo[0]);
    }
    const firstDay = Math.max(earliest, lastDay - maxIndexDays + 1);
    const n = lastDay - firstDay + 1;
    const width = n + 2;
    // Day to grid index: 0 before the covered days (and the gap before a first purchase), n + 1 after them.
    const at = (day: number) => (day < firstDay ? 0 : day - firstDay + 1);
    const gaps = new Uint32Array(width * width);
    const firsts = new Uint32Array(width * width);
    const newCustomers = new Float64Array(width);
    for (const days of kept) {
      gaps[0 * width + at(days[0])]++;
      for (let i = 1; i < days.length; i++) gaps[at(days[i - 1]) * width + at(days[i])]++;
      gaps[at(days[days.length - 1]) * width + n + 1]++;
      firsts[at(days[0]) * width + (days.length > 1 ? at(days[1]) : n + 1)]++;
      newCustomers[at(days[0])]++;
    }
    for (const grid of [gaps, firsts]) cumulate(grid, width);
    const orders = new Float64Array(width);
    const revenue = new Float64Array(width);
    for (const [day, totals] of daily) {
      if (day > lastDay) continue;
      orders[at(day)] += totals.orders;
      revenue[at(day)] += totals.revenue;
    }
    for (const series of [newCustomers, orders, revenue]) for (let i = 1; i < width; i++) series[i] += series[i - 1];
    return new ActivityIndex({ firstDay, lastDay, truncated: earliest < firstDay, customers: kept.length, gaps, firsts, newCustomers, orders, revenue });
  }

  /** The index as bytes, to store. */
  toBytes(): Uint8Array {
    const d = this.data;
    const w = this.width;
    const bytes = new Uint8Array(headerBytes + 8 * w * w + 24 * w);
    const view = new DataView(bytes.buffer);
    [d.firstDay, d.lastDay, d.truncated ? 1 : 0, d.customers, w].forEach((v, i) => view.setFloat64(i * 8, v, true));
    let offset = headerBytes;
    for (const part of [d.gaps, d.firsts, d.newCustomers, d.orders, d.revenue]) {
      bytes.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), offset);
      offset += part.byteLength;
    }
    return bytes;
  }

  /** An index stored by toBytes. */
  static fromBytes(stored: Uint8Array): ActivityIndex {
    // A copy on an aligned buffer of its own: the typed arrays below view it in place.
    const bytes = new Uint8Array(stored);
    const view = new DataView(bytes.buffer);
    const [firstDay, lastDay, truncated, customers, w] = [0, 1, 2, 3, 4].map((i) => view.getFloat64(i * 8, true));
    const grid = (at: number) => new Uint32Array(bytes.buffer, at, w * w);
    const series = (at: number) => new Float64Array(bytes.buffer, at, w);
    const seriesAt = headerBytes + 8 * w * w;
    return new ActivityIndex({
      firstDay, lastDay, truncated: truncated === 1, customers,
      gaps: grid(headerBytes),
      firsts: grid(headerBytes + 4 * w * w),
      newCustomers: series(seriesAt),
      orders: series(seriesAt + 8 * w),
      revenue: series(seriesAt + 16 * w),
    });
  }

  /** Whether the counts of days a … b (inclusive) can be answered: within the covered days. */
  covers(a: number, b: number): boolean {
    const start = this.data.truncated ? this.data.firstDay + 1 : Number.NEGATIVE_INFINITY;
    return a >= start && b <= this.data.lastDay && a <= b;
  }

  /** Customers with a purchase in days a … b. */
  buyers(a: number, b: number): number {
    return this.data.customers - this.dominated(this.data.gaps, this.before(a), this.after(b));
  }

  /** The counts of a period's KPIs, as AnalyticsRepo.periodCounts gives them from orders. */
  periodCounts(fromDay: number, toDay: number, activeDays: number): PeriodCounts {
    const buyers = this.buyers(fromDay, toDay);
    const sums = this.sums(fromDay, toDay);
    return {
      start: this.buyers(fromDay - activeDays, fromDay - 1),
      end: this.buyers(toDay - activeDays + 1, toDay),
      new: sums.newCustomers,
      buyers,
      repeatBuyers: buyers - this.singles(fromDay, toDay),
      orders: sums.orders,
      revenue: sums.revenue,
    };
  }

  /** Buyers of days a … b whose first purchase day is in them and who had no second one by b. */
  singles(a: number, b: number): number {
    return this.dominated(this.data.firsts, this.before(b + 1), this.after(b)) - this.dominated(this.data.firsts, this.before(a), this.after(b));
  }

  /** Customers whose first purchase day is in days a … b, and the orders and net revenue of those days. */
  sums(a: number, b: number): { newCustomers: number; orders: number; revenue: number } {
    const upTo = (series: Float64Array, day: number) => (day < this.data.firstDay ? 0 : series[Math.min(day - this.data.firstDay + 1, this.n + 1)]);
    const sum = (series: Float64Array) => upTo(series, b) - upTo(series, a - 1);
    return { newCustomers: sum(this.data.newCustomers), orders: sum(this.data.orders), revenue: sum(this.data.revenue) };
  }

  // The last grid row with u < day: row 0 holds the gap before a first purchase (and, when the index
  // is truncated, the days before it, which `covers` keeps out of any question).
  private before(day: number): number {
    return Math.min(Math.max(day - this.data.firstDay, 0), this.n + 1);
  }

  // The first grid column with v > day: column n + 1 holds the gap after a last purchase.
  private after(day: number): number {
    return Math.min(Math.max(day - this.data.firstDay + 2, 1), this.n + 1);
  }

  // Items with u ≤ i and v ≥ j.
  private dominated(grid: Uint32Array, i: number, j: number): number {
    return grid[i * this.width + j];
  }
}

// In place: cell (i, j) becomes the count of items with u ≤ i and v ≥ j.
function cumulate(grid: Uint32Array, width: number): void {
  for (let i = 0; i < width; i++) {
    const row = i * width;
    for (let j = width - 2; j >= 0; j--) grid[row + j] += grid[row + j + 1];
    if (i > 0) for (let j = 0; j < width; j++) grid[row + j] += grid[row - width + j];
  }
}
