// Shapes of the analytics endpoints as the web app sees them, taken from the server's own zod
// contracts so the two cannot drift apart. Type-only imports: nothing of the server is bundled.
import type { z } from 'zod';
import type {
  abcXyzAnalysisSchema,
  clvCustomersSchema,
  clvModelSchema,
  cohortAnalysisSchema,
  kpiComparisonSchema,
  lifecycleAnalysisSchema,
  rfmAnalysisSchema,
} from '../../../../modules/analytics/analytics.schemas.js';
import type { scoresSummarySchema } from '../../../../modules/analytics/scores/scores.schemas.js';

/** GET /analytics/kpis: a period's KPIs beside the previous period's. */
export type KpiComparison = z.output<typeof kpiComparisonSchema>;
/** The KPIs of one period. */
export type PeriodKpis = KpiComparison['current'];
/** GET /analytics/rfm: the R×F cells and the named segments. */
export type RfmAnalysis = z.output<typeof rfmAnalysisSchema>;
/** One cell of the R×F heatmap. */
export type RfmCell = RfmAnalysis['cells'][number];
/** One row of the RFM segment table. */
export type RfmSegmentRow = RfmAnalysis['segments'][number];
/** The name of an RFM segment. */
export type RfmSegment = RfmSegmentRow['segment'];
/** GET /analytics/abc-xyz: the 3×3 matrix, golden customers and the Pareto curve. */
export type AbcXyzAnalysis = z.output<typeof abcXyzAnalysisSchema>;
/** One cell of the ABC/XYZ matrix. */
export type AbcXyzCell = AbcXyzAnalysis['cells'][number];
/** GET /analytics/lifecycle: stage counts at month ends and the flows between the first and last day. */
export type LifecycleAnalysis = z.output<typeof lifecycleAnalysisSchema>;
/** Customers per stage on one checkpoint day. */
export type StageCountsOnDay = LifecycleAnalysis['counts'][number];
/** A lifecycle stage. */
export type LifecycleStage = LifecycleAnalysis['flows'][number]['from'];
/** Customers who were in one stage on the first day and in another (or the same) on the last. */
export type StageFlow = LifecycleAnalysis['flows'][number];
/** GET /analytics/cohorts: retention by first-purchase month. */
export type CohortAnalysis = z.output<typeof cohortAnalysisSchema>;
/** One cohort: its month, size and the share of it buying in each month since. */
export type Cohort = CohortAnalysis['cohorts'][number];
/** GET /analytics/clv/model: the fitted BG/NBD and Gamma-Gamma parameters. */
export type ClvModel = z.output<typeof clvModelSchema>;
/** GET /analytics/clv/customers: the distribution of predicted CLV and the customer lists. */
export type ClvCustomers = z.output<typeof clvCustomersSchema>;
/** One customer's predictive scores. */
export type CustomerClvScore = ClvCustomers['top'][number];
/** GET /analytics/summary: the whole workspace as of the last computation of the stored scores (null before the first). */
export type ScoresSummary = NonNullable<z.output<typeof scoresSummarySchema>>;
/** One customer of the summary's CLV lists. */
export type SummaryClvCustomer = ScoresSummary['clv']['top'][number];
