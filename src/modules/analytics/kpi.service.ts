import type { Db } from '../../platform/db/database.js';
import { AnalyticsRepo } from './analytics.repo.js';
import { isoDay, parsePeriod, previousPeriod } from './days.js';
import { ActivityIndex } from './kpi/activity-index.js';
import { type Kpis, kpis, type PeriodCounts } from './kpi/kpi.js';
import { canExtend, countsWithRecent } from './kpi/recent-counts.js';
import { AnalyticsRules } from './scores/analytics-rules.js';
import { AnalyticsRunsRepo } from './scores/analytics-runs.repo.js';

/** A period's KPIs beside the period just before it. */
export interface KpiComparison {
  activeDays: number;
  /**
   * Where the counts come from: the KPI index of the last computation of the scores (instant, as of
   * the day `indexLastDay`); the index and the orders after its day (exact up to now, the orders of
   * those days read); or all the orders (exact up to now, slower on large workspaces).
   */
  source: 'index' | 'indexAndOrders' | 'orders';
  indexLastDay: string | null;
  current: { from: string; to: string } & Kpis;
  previous: { from: string; to: string } & Kpis;
}

/** Days after the KPI index's last one that its counts are corrected for from the orders, at most. */
const maxRecentDays = 31;

/** The customer KPIs of the dashboard. */
export class KpiService {
  // The last KPI index read per workspace, with when it was stored.
  private readonly indexes = new Map<string, { updatedAt: number; index: ActivityIndex }>();

  constructor(private readonly db: Db) {}

  /**
   * The KPIs of [from, to] and of the period before it (as many calendar months before a period of
   * whole months, else as many days), a customer active while they bought within `activeDays` (unless
   * given, the workspace's churn window or the longer period's length, whichever is longer): from the KPI index when it covers both periods and their
   * activity windows, otherwise from the orders.
   */
  async compare(workspaceId: string, from: string, to: string, given?: number): Promise<KpiComparison> {
    const { fromDay, toDay } = parsePeriod(from, to);
    const before = previousPeriod(fromDay, toDay);
    // Active = bought within the churn window, or within the period when the period is longer: a
    // window shorter than the period would let new customers lapse before its end, and (E − N) / S
    // turn negative (docs/analytics.md, "KPIs").
    const longest = Math.max(toDay - fromDay + 1, before.toDay - before.fromDay + 1);
    const activeDays = given ?? Math.max((await new AnalyticsRules(this.db).current(workspaceId)).churnDays, longest);
    const index = await this.index(workspaceId);
    let current: PeriodCounts;
    let previous: PeriodCounts;
    let source: KpiComparison['source'] = 'orders';
    const periods: [number, number][] = [[fromDay, toDay], [before.fromDay, before.toDay]];
    if (index !== null && index.covers(before.fromDay - activeDays, toDay)) {
      source = 'index';
      [current, previous] = periods.map(([a, b]) => index.periodCounts(a, b, activeDays));
    } else if (index !== null && toDay - index.data.lastDay <= maxRecentDays && periods.every(([a, b]) => index.covers(a - activeDays, b) || canExtend(index, a, b, activeDays))) {
      source = 'indexAndOrders';
      const recent = await new AnalyticsRepo(this.db.kysely).recentBuyers(workspaceId, index.data.lastDay, toDay);
      [current, previous] = periods.map(([a, b]) => (index.covers(a - activeDays, b) ? index.periodCounts(a, b, activeDays) : countsWithRecent(index, recent, a, b, activeDays)));
    } else {
      const repo = new AnalyticsRepo(this.db.kysely);
      [current, previous] = await Promise.all(periods.map(([a, b]) => repo.periodCounts(workspaceId, a, b, activeDays)));
    }
    return {
      activeDays,
      source,
      indexLastDay: index ? isoDay(index.data.lastDay) : null,
      current: { from, to, ...kpis(current) },
      previous: { from: isoDay(before.fromDay), to: isoDay(before.toDay), ...kpis(previous) },
    };
  }

  // The workspace's KPI index, read again only when a computation stored a new one.
  private async index(workspaceId: string): Promise<ActivityIndex | null> {
    const repo = new AnalyticsRunsRepo(this.db.kysely);
    const updatedAt = await repo.activityUpdatedAt(workspaceId);
    if (updatedAt === undefined) return null;
    const cached = this.indexes.get(workspaceId);
    if (cached && cached.updatedAt === updatedAt) return cached.index;
    const stored = await repo.activity(workspaceId);
    if (!stored) return null;
    const index = ActivityIndex.fromBytes(stored.data);
    this.indexes.set(workspaceId, { updatedAt: stored.updated_at, index });
    return index;
  }
}
