import type { Db } from '../../../platform/db/database.js';
import { churnWindowFromGaps } from '../lifecycle/lifecycle.js';
import { type RfmScoring, type RfmSegmentRules } from '../rfm/rfm.js';
import { type AnalyticsSettings, analyticsSettingsSchema, defaultAnalyticsSettings } from './analytics-settings.js';
import { AnalyticsRunsRepo } from './analytics-runs.repo.js';
import { PurchasesRepo } from './purchases.repo.js';

// One churn window per workspace, the same on every screen and endpoint: the configured one, else the
// one the last computation of the scores learned (kept in its summary), else, before any computation,
// learned now the same way. Recomputing it on request from all customers while the stored scores used
// a sample made the lifecycle screen show two windows (61 and 63 days) and two churned counts.

/** Repeat customers whose purchase days the churn window is learned from, at most (every k-th by id). */
export const churnSampleCustomers = 10_000;

/** Where a workspace's churn window comes from. */
export type ChurnDaysSource = 'settings' | 'computation' | 'orders';

/** The rules every analysis of a workspace applies unless a request says otherwise. */
export interface WorkspaceRules extends RfmSegmentRules {
  settings: AnalyticsSettings;
  churnDaysSource: ChurnDaysSource;
  /** How the RFM scores are given. */
  rfmScoring: RfmScoring;
}

/** Reads a workspace's analytics settings and its one churn window. */
export class AnalyticsRules {
  constructor(private readonly db: Db) {}

  /** The workspace's analytics settings (the defaults until changed). */
  async settings(workspaceId: string): Promise<AnalyticsSettings> {
    const stored = await new AnalyticsRunsRepo(this.db.kysely).settings(workspaceId);
    const parsed = analyticsSettingsSchema.safeParse(stored);
    return parsed.success ? parsed.data : defaultAnalyticsSettings;
  }

  /** The settings, the churn window in use and where it comes from, and the RFM scoring. */
  async current(workspaceId: string): Promise<WorkspaceRules> {
    const settings = await this.settings(workspaceId);
    const { churnDays, source } = await this.churnWindow(workspaceId, settings);
    return {
      settings,
      churnDays,
      churnDaysSource: source,
      loyalPurchases: settings.lifecycle.loyalPurchases,
      rfmScoring: rfmScoringOf(settings),
    };
  }

  /** The churn window learned from the workspace's orders now (a computation of the scores keeps it). */
  async deriveChurnDays(workspaceId: string): Promise<number> {
    return churnWindowFromGaps(groupDays(await new PurchasesRepo(this.db).repeatPurchaseDays(workspaceId, churnSampleCustomers)));
  }

  private async churnWindow(workspaceId: string, settings: AnalyticsSettings): Promise<{ churnDays: number; source: ChurnDaysSource }> {
    if (settings.lifecycle.churnDays !== null) return { churnDays: settings.lifecycle.churnDays, source: 'settings' };
    const latest = await new AnalyticsRunsRepo(this.db.kysely).latestSummary(workspaceId);
    const stored = storedChurnDays(latest?.summary);
    if (stored !== null) return { churnDays: stored, source: 'computation' };
    return { churnDays: await this.deriveChurnDays(workspaceId), source: 'orders' };
  }
}

/** How a workspace's settings score RFM: its thresholds, or quintiles of R and M with F by its frequency cut points. */
export function rfmScoringOf(settings: AnalyticsSettings): RfmScoring {
  return { thresholds: settings.rfm.thresholds, frequencyCuts: settings.rfm.thresholds ? null : settings.rfm.frequencyCuts };
}

// The churn window a stored summary was computed with.
function storedChurnDays(summary: unknown): number | null {
  if (typeof summary !== 'object' || summary === null || !('churnDays' in summary)) return null;
  const days = summary.churnDays;
  return typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : null;
}

// Purchase days per customer, from rows in order of customer and day.
function groupDays(rows: readonly { customer_id: number; order_day: number }[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let id: number | null = null;
  for (const row of rows) {
    if (row.customer_id !== id) {
      if (current.length) out.push(current);
      current = [];
      id = row.customer_id;
    }
    current.push(row.order_day);
  }
  if (current.length) out.push(current);
  return out;
}
