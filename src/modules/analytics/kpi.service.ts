import type { Db } from '../../platform/db/database.js';
import { AnalyticsRepo } from './analytics.repo.js';
import { isoDay, parsePeriod } from './days.js';
import { type Kpis, kpis } from './kpi/kpi.js';

/** A period's KPIs beside the same-length period just before it. */
export interface KpiComparison {
  activeDays: number;
  current: { from: string; to: string } & Kpis;
  previous: { from: string; to: string } & Kpis;
}

/** The customer KPIs of the dashboard. */
export class KpiService {
  constructor(private readonly db: Db) {}

  /** The KPIs of [from, to] and of the period of the same length before it. */
  async compare(workspaceId: string, from: string, to: string, activeDays: number): Promise<KpiComparison> {
    const { fromDay, toDay } = parsePeriod(from, to);
    const length = toDay - fromDay + 1;
    const repo = new AnalyticsRepo(this.db.kysely);
    const [current, previous] = await Promise.all([
      repo.periodCounts(workspaceId, fromDay, toDay, activeDays),
      repo.periodCounts(workspaceId, fromDay - length, fromDay - 1, activeDays),
    ]);
    return {
      activeDays,
      current: { from, to, ...kpis(current) },
      previous: { from: isoDay(fromDay - length), to: isoDay(fromDay - 1), ...kpis(previous) },
    };
  }
}
