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
  const sorted = [...items].sort((a, b) => b.value - a.value || a.id - b.id);
  const total = sorted.reduce((sum, item) => sum + item.value, 0);
  const classes = new Map<number, ClassIndex>();
  let before = 0;
  for (const item of sorted) {
    const share = total > 0 ? before / total : 1;
    classes.set(item.id, share < cuts[0] ? 0 : share < cuts[1] ? 1 : 2);
    before += item.value;
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
  const cells: AbcXyzCell[] = [];
  for (const abc of abcLetters) for (const xyz of xyzLetters) cells.push({ abc, xyz, customers: 0, revenue: 0, golden: abc === 'A' && xyz !== 'Z' });
  for (const c of customers) {
    const cell = cells[c.abc * 3 + c.xyz];
    cell.customers++;
    cell.revenue += c.revenue;
  }
  return cells;
}

/** A point of the Pareto curve: the top share of customers and the share of revenue they bring. */
export interface ParetoPoint {
  customerShare: number;
  revenueShare: number;
}

/** The Pareto curve at `points` + 1 evenly spaced shares of customers (0 … 1), largest customers first. */
export function paretoCurve(revenues: readonly number[], points = 100): ParetoPoint[] {
  const sorted = [...revenues].sort((a, b) => b - a);
  const total = sorted.reduce((s, v) => s + v, 0);
  const cumulative = [0];
  for (const v of sorted) cumulative.push((cumulative.at(-1) ?? 0) + v);
  const curve: ParetoPoint[] = [];
  for (let i = 0; i <= points; i++) {
    const customerShare = i / points;
    const count = Math.round(customerShare * sorted.length);
    curve.push({ customerShare, revenueShare: total > 0 ? (cumulative[count] ?? 0) / total : 0 });
  }
  return curve;
}
