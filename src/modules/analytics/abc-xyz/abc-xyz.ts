import { sortedOrder } from '../sorted-order.js';

// ABC/XYZ analysis of customers (seed 004). Precise definitions (docs/analytics.md):
// - ABC by each customer's share of the period's revenue: customers sorted by revenue, largest first
//   (ties by customer id, so a result never depends on row order); a customer is A while the revenue
//   of the customers before them is under 80 % of the total, B while under 95 %, C after. So A holds
//   the customers who bring the first 80 %, including the one who crosses it.
// - XYZ by share of purchases (orders) the same way, X 80 %, Y 15 %, Z 5 %; or, as an option, the
//   classical XYZ by the coefficient of variation of the customer's monthly purchases: X up to 10 %,
//   Y up to 25 %, Z above. Cut points are configurable.
// - "Golden" customers are AX and AY.

/** A class letter index: 0 = A / X, 1 = B / Y, 2 = C / Z. */
export type ClassIndex = 0 | 1 | 2;

/** Classes by share: each item's class from the cumulative share of the items ranked before it. */
export function paretoClasses(items: readonly { id: number; value: number }[], cuts: readonly [number, number] = [0.8, 0.95]): Map<number, ClassIndex> {
  const byId = [...items].sort((a, b) => a.id - b.id);
  const classes = paretoClassesOf(Float64Array.from(byId, (item) => item.value), cuts);
  return new Map(byId.map((item, i) => [item.id, classes[i] as ClassIndex]));
}

/**
 * The classes of a column of values whose order breaks ties (items in customer id order): the items
 * walked by value, largest first, and among equal values in column order.
 */
export function paretoClassesOf(values: Float64Array, cuts: readonly [number, number] = [0.8, 0.95]): Uint8Array {
  const n = values.length;
  const order = sortedOrder(values); // ascending, equal values in column order
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i];
  const classes = new Uint8Array(n);
  let before = 0;
  // Runs of equal values from the largest down, each run walked forwards.
  for (let end = n; end > 0; ) {
    let start = end - 1;
    while (start > 0 && values[order[start - 1]] === values[order[end - 1]]) start--;
    for (let k = start; k < end; k++) {
      const share = total > 0 ? before / total : 1;
      classes[order[k]] = share < cuts[0] ? 0 : share < cuts[1] ? 1 : 2;
      before += values[order[k]];
    }
    end = start;
  }
  return classes;
}

/** The coefficient of variation (population standard deviation / mean) of a series; Infinity when its mean is 0. */
export function coefficientOfVariation(series: readonly number[]): number {
  if (series.length === 0) return Number.POSITIVE_INFINITY;
  const mean = series.reduce((s, v) => s + v, 0) / series.length;
  if (mean === 0) return Number.POSITIVE_INFINITY;
  const variance = series.reduce((s, v) => s + (v - mean) ** 2, 0) / series.length;
  return Math.sqrt(variance) / mean;
}

/** The classical XYZ class of a coefficient of variation: X up to cuts[0], Y up to cuts[1], Z above. */
export function variationClass(cv: number, cuts: readonly [number, number] = [0.1, 0.25]): ClassIndex {
  return cv <= cuts[0] ? 0 : cv <= cuts[1] ? 1 : 2;
}

/** One customer in the matrix. */
export interface AbcXyzCustomer {
  id: number;
  /** Minor units. */
  revenue: number;
  abc: ClassIndex;
  xyz: ClassIndex;
}

/** One cell of the 3×3 matrix. */
export interface AbcXyzCell {
  abc: 'A' | 'B' | 'C';
  xyz: 'X' | 'Y' | 'Z';
  customers: number;
  revenue: number;
  /** AX and AY: the golden customers. */
  golden: boolean;
}

const abcLetters = ['A', 'B', 'C'] as const;
const xyzLetters = ['X', 'Y', 'Z'] as const;

/** The 3×3 matrix (AX, AY, AZ, BX … CZ) with customers and revenue per cell. */
export function abcXyzMatrix(customers: readonly AbcXyzCustomer[]): AbcXyzCell[] {
  const cells = emptyAbcXyzMatrix();
  for (const c of customers) addToMatrix(cells, c.abc, c.xyz, c.revenue);
  return cells;
}

/** The nine cells of the matrix, empty. */
export function emptyAbcXyzMatrix(): AbcXyzCell[] {
  const cells: AbcXyzCell[] = [];
  for (const abc of abcLetters) for (const xyz of xyzLetters) cells.push({ abc, xyz, customers: 0, revenue: 0, golden: abc === 'A' && xyz !== 'Z' });
  return cells;
}

/** Counts one customer of classes abc and xyz (0–2) in the matrix. */
export function addToMatrix(cells: AbcXyzCell[], abc: number, xyz: number, revenue: number): void {
  const cell = cells[abc * 3 + xyz];
  cell.customers++;
  cell.revenue += revenue;
}

/** A point of the Pareto curve: the top share of customers and the share of revenue they bring. */
export interface ParetoPoint {
  customerShare: number;
  revenueShare: number;
}

/** The Pareto curve at `points` + 1 evenly spaced shares of customers (0 … 1), largest customers first. */
export function paretoCurve(revenues: ArrayLike<number>, points = 100): ParetoPoint[] {
  const n = revenues.length;
  const ascending = Float64Array.from(revenues).sort(); // a native sort: ordering alone, no positions needed
  // cumulative[k]: the revenue of the k largest customers.
  const cumulative = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) cumulative[k] = cumulative[k - 1] + ascending[n - k];
  const total = cumulative[n];
  const curve: ParetoPoint[] = [];
  for (let i = 0; i <= points; i++) {
    const customerShare = i / points;
    const count = Math.round(customerShare * n);
    curve.push({ customerShare, revenueShare: total > 0 ? cumulative[count] / total : 0 });
  }
  return curve;
}
