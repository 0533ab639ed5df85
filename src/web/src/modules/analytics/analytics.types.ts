// Shapes of the analytics endpoints as the web app sees them, taken from the server's own zod
// contracts so the two cannot drift apart. Type-only imports: nothing of the server is bundled.
import type { z } from 'zod';
import type { abcXyzAnalysisSchema, kpiComparisonSchema, rfmAnalysisSchema } from '../../../../modules/analytics/analytics.schemas.js';

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
