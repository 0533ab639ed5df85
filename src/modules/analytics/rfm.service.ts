import type { Db } from '../../platform/db/database.js';
import { AnalyticsRepo } from './analytics.repo.js';
import { parsePeriod } from './days.js';
import { type RfmCell, rfmReport, type RfmSegmentRow } from './rfm/rfm-report.js';
import { type RfmCuts, type RfmInput, rfmScores, type RfmThresholds } from './rfm/rfm.js';
import { AnalyticsRules } from './scores/analytics-rules.js';

/** The RFM picture of a workspace for a period. */
export interface RfmAnalysis {
  asOf: string;
  from: string | null;
  scoring: 'quintiles' | 'thresholds';
  /** With quintiles for R and M: the purchase days F 2–5 start at (null: F by quintiles too). */
  frequencyCuts: RfmCuts | null;
  /** The workspace's churn window and loyalty threshold the segments were decided with. */
  churnDays: number;
  loyalPurchases: number;
  customers: number;
  /** Minor units. */
  revenue: number;
  cells: RfmCell[];
  segments: RfmSegmentRow[];
}

/** RFM analysis of a workspace's customers, computed from its orders. */
export class RfmService {
  constructor(private readonly db: Db) {}

  /**
   * Scores the customers who bought between `from` (or ever) and `asOf` and sums them per cell and
   * segment, with the workspace's scoring (or the thresholds given), churn window and loyalty rule.
   */
  async analyse(workspaceId: string, asOf: string, from: string | null, thresholds?: RfmThresholds): Promise<RfmAnalysis> {
    const { fromDay, toDay } = parsePeriod(from, asOf, 'asOf');
    const rules = await new AnalyticsRules(this.db).current(workspaceId);
    const rows = await new AnalyticsRepo(this.db.kysely).totals(workspaceId, fromDay, toDay);
    const inputs: RfmInput[] = rows.map((row) => ({
      customerId: row.customer_id,
      recencyDays: toDay - row.last_day,
      frequency: row.days,
      monetary: row.value,
      orders: row.orders,
      tenureDays: toDay - Math.min(row.first_day, row.last_day),
    }));
    const scoring = thresholds ? { thresholds, frequencyCuts: null } : rules.rfmScoring;
    const { cells, segments } = rfmReport(inputs, rfmScores(inputs, scoring), rules);
    return {
      asOf,
      from,
      scoring: scoring.thresholds ? 'thresholds' : 'quintiles',
      frequencyCuts: scoring.thresholds ? null : scoring.frequencyCuts,
      churnDays: rules.churnDays,
      loyalPurchases: rules.loyalPurchases,
      customers: inputs.length,
      revenue: inputs.reduce((sum, c) => sum + c.monetary, 0),
      cells,
      segments,
    };
  }
}
