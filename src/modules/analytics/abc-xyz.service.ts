import type { Db } from '../../platform/db/database.js';
import { invalid } from '../../platform/errors.js';
import { type AbcXyzCell, abcXyzMatrix, type ClassIndex, coefficientOfVariation, paretoClasses, paretoCurve, type ParetoPoint, variationClass } from './abc-xyz/abc-xyz.js';
import { AnalyticsRepo } from './analytics.repo.js';
import { monthOfDay } from './cohorts/cohorts.js';
import { parsePeriod } from './days.js';

/** How XYZ is measured: by share of purchases, or by the variation of monthly purchases. */
export type XyzMethod = 'share' | 'cv';

/** Options of an ABC/XYZ analysis. */
export interface AbcXyzOptions {
  xyz: XyzMethod;
  /** Cumulative revenue shares closing A and B (default 0.8, 0.95). */
  abcCuts?: [number, number];
  /** Cumulative purchase shares closing X and Y (default 0.8, 0.95), or the CV limits of X and Y (default 0.1, 0.25). */
  xyzCuts?: [number, number];
}

/** The ABC/XYZ picture of a period. */
export interface AbcXyzAnalysis {
  asOf: string;
  from: string | null;
  xyzMethod: XyzMethod;
  customers: number;
  /** Minor units. */
  revenue: number;
  cells: AbcXyzCell[];
  golden: { customers: number; revenue: number; revenueShare: number };
  pareto: ParetoPoint[];
}

/** ABC/XYZ analysis of a workspace's customers from its orders. */
export class AbcXyzService {
  constructor(private readonly db: Db) {}

  /** Classifies the customers who bought between `from` (or ever) and `asOf`. */
  async analyse(workspaceId: string, asOf: string, from: string | null, options: AbcXyzOptions): Promise<AbcXyzAnalysis> {
    const { fromDay, toDay } = parsePeriod(from, asOf, 'asOf');
    if (options.xyz === 'cv' && fromDay === null) throw invalid('from', 'is required for XYZ by monthly variation: it sets the months compared');
    const repo = new AnalyticsRepo(this.db.kysely);
    const rows = await repo.totals(workspaceId, fromDay, toDay);
    const abc = paretoClasses(rows.map((r) => ({ id: r.customer_id, value: r.value })), options.abcCuts);
    const xyz =
      options.xyz === 'share' || fromDay === null
        ? paretoClasses(rows.map((r) => ({ id: r.customer_id, value: r.orders })), options.xyzCuts)
        : await this.variationClasses(repo, workspaceId, fromDay, toDay, options.xyzCuts);
    const customers = rows.map((r) => ({ id: r.customer_id, revenue: r.value, abc: abc.get(r.customer_id) ?? 2, xyz: xyz.get(r.customer_id) ?? 2 }));
    const cells = abcXyzMatrix(customers);
    const revenue = rows.reduce((sum, r) => sum + r.value, 0);
    const golden = cells.filter((c) => c.golden).reduce((g, c) => ({ customers: g.customers + c.customers, revenue: g.revenue + c.revenue }), { customers: 0, revenue: 0 });
    return {
      asOf,
      from,
      xyzMethod: options.xyz,
      customers: rows.length,
      revenue,
      cells,
      golden: { ...golden, revenueShare: revenue > 0 ? golden.revenue / revenue : 0 },
      pareto: paretoCurve(rows.map((r) => r.value)),
    };
  }

  // Each customer's orders per calendar month of the period (months without orders count as 0).
  private async variationClasses(repo: AnalyticsRepo, workspaceId: string, fromDay: number, toDay: number, cuts?: [number, number]): Promise<Map<number, ClassIndex>> {
    const firstMonth = monthOfDay(fromDay);
    const months = monthOfDay(toDay) - firstMonth + 1;
    const series = new Map<number, number[]>();
    for (const row of await repo.dailyOrders(workspaceId, fromDay, toDay)) {
      let counts = series.get(row.customer_id);
      if (!counts) series.set(row.customer_id, (counts = new Array<number>(months).fill(0)));
      counts[monthOfDay(row.order_day) - firstMonth] += row.orders;
    }
    return new Map([...series].map(([id, counts]) => [id, variationClass(coefficientOfVariation(counts), cuts)]));
  }
}
