import type { Db } from '../../platform/db/database.js';
import { AnalyticsRepo } from './analytics.repo.js';
import { parsePeriod } from './days.js';
import { type RfmCell, rfmReport, type RfmSegmentRow } from './rfm/rfm-report.js';
import { type RfmInput, rfmScores, type RfmThresholds } from './rfm/rfm.js';

/** The RFM picture of a workspace for a period. */
export interface RfmAnalysis {
  asOf: string;
  from: string | null;
  scoring: 'quintiles' | 'thresholds';
  customers: number;
  /** Minor units. */
  revenue: number;
  cells: RfmCell[];
  segments: RfmSegmentRow[];
}

/** RFM analysis of a workspace's customers, computed from its orders. */
export class RfmService {
  constructor(private readonly db: Db) {}

  /** Scores the customers who bought between `from` (or ever) and `asOf` and sums them per cell and segment. */
  async analyse(workspaceId: string, asOf: string, from: string | null, thresholds?: RfmThresholds): Promise<RfmAnalysis> {
    const { fromDay, toDay } = parsePeriod(from, asOf, 'asOf');
    const rows = await new AnalyticsRepo(this.db.kysely).totals(workspaceId, fromDay, toDay);
    const inputs: RfmInput[] = rows.map((row) => ({
      customerId: row.customer_id,
      recencyDays: toDay - row.last_day,
      frequency: row.days,
      monetary: row.value,
      orders: row.orders,
    }));
    const { cells, segments } = rfmReport(inputs, rfmScores(inputs, thresholds));
    return {
      asOf,
      from,
      scoring: thresholds ? 'thresholds' : 'quintiles',
      customers: inputs.length,
      revenue: inputs.reduce((sum, c) => sum + c.monetary, 0),
      cells,
      segments,
    };
  }
}
