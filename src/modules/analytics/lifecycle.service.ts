import type { Db } from '../../platform/db/database.js';
import { localDayNumber } from '../../platform/time.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';
import { AnalyticsRepo } from './analytics.repo.js';
import { isoDay, lastDayOfMonth, parsePeriod } from './days.js';
import { AnalyticsRules, type ChurnDaysSource } from './scores/analytics-rules.js';
import { type LifecycleRules, type StageCounts, stageCounts, type StageFlow, stageFlows } from './lifecycle/lifecycle.js';

/** Stage counts over a period and the flows between its first and last day. */
export interface LifecycleAnalysis {
  from: string;
  to: string;
  rules: LifecycleRules & { churnDaysDerived: boolean; churnDaysSource: 'request' | ChurnDaysSource };
  /** At the end of each month of the period and on its last day. */
  counts: ({ day: string } & StageCounts)[];
  flows: StageFlow[];
}

// A customer as the stages see them: the local day they became known and their purchase days.
interface Known {
  createdDay: number;
  days: number[];
}

/** Lifecycle stages of a workspace's customers, computed from their orders. */
export class LifecycleService {
  constructor(
    private readonly db: Db,
    private readonly workspaces: WorkspacesService,
  ) {}

  /**
   * Counts the stages over [from, to] and the flows between the two days, with the workspace's churn
   * window and loyalty rule (the ones the stored scores use) unless given.
   */
  async analyse(workspaceId: string, from: string, to: string, options: { churnDays?: number; loyalPurchases?: number }): Promise<LifecycleAnalysis> {
    const { fromDay, toDay } = parsePeriod(from, to);
    const workspace = await this.workspaces.get(workspaceId);
    const repo = new AnalyticsRepo(this.db.kysely);
    const known = new Map<number, Known>();
    // Customers become known when created, or at their first purchase when an import brought older
    // orders. The bound takes in every instant that is still `to` somewhere (time zones reach UTC+14);
    // the local day decides below.
    for (const c of await repo.customersCreated(workspaceId, (toDay + 1) * 86_400_000 + 14 * 3_600_000)) {
      known.set(c.id, { createdDay: localDayNumber(c.created_at, workspace.timezone), days: [] });
    }
    for (const row of await repo.purchaseDayList(workspaceId, toDay)) {
      const customer = known.get(row.customer_id);
      if (customer) customer.days.push(row.order_day);
      else known.set(row.customer_id, { createdDay: row.order_day, days: [row.order_day] });
    }
    const customers = [...known.values()];
    const workspaceRules = await new AnalyticsRules(this.db).current(workspaceId);
    const rules = { churnDays: options.churnDays ?? workspaceRules.churnDays, loyalPurchases: options.loyalPurchases ?? workspaceRules.loyalPurchases };
    const churnDaysSource = options.churnDays === undefined ? workspaceRules.churnDaysSource : 'request';
    const existingOn = (day: number) => customers.filter((c) => c.createdDay <= day || (c.days[0] ?? Infinity) <= day).map((c) => c.days);
    return {
      from,
      to,
      rules: { ...rules, churnDaysDerived: churnDaysSource === 'computation' || churnDaysSource === 'orders', churnDaysSource },
      counts: checkpoints(fromDay, toDay).map((day) => ({ day: isoDay(day), ...stageCounts(existingOn(day), day, rules) })),
      // Customers who became known after `from` count as potential on that day.
      flows: stageFlows(existingOn(toDay), fromDay, toDay, rules),
    };
  }
}

// The last day of every month in [fromDay, toDay], and toDay; at most 120 of them.
function checkpoints(fromDay: number, toDay: number): number[] {
  const days: number[] = [];
  const date = new Date(fromDay * 86_400_000);
  for (let month = date.getUTCFullYear() * 12 + date.getUTCMonth(); days.length < 120; month++) {
    const lastDay = lastDayOfMonth(month);
    if (lastDay >= toDay) break;
    if (lastDay >= fromDay) days.push(lastDay);
  }
  days.push(toDay);
  return days;
}
