import type { RfmMemberRanges, RfmSegmentRow } from '../rfm/rfm-report.js';
import type { ScoresSummary } from './scores-summary.js';

/** The RFM part of a summary as stored: computations kept before the member ranges and the frequency cut points lack them. */
export interface StoredRfmSummary {
  cells: ScoresSummary['rfm']['cells'];
  segments: (Omit<RfmSegmentRow, 'members'> & { members?: RfmMemberRanges | null })[];
  frequencyCuts?: ScoresSummary['rfm']['frequencyCuts'];
}

/** The RFM part of a stored summary as the API gives it: what an older computation did not keep is null until the next one. */
export function readRfmSummary(rfm: StoredRfmSummary): ScoresSummary['rfm'] {
  return { cells: rfm.cells, segments: rfm.segments.map((s) => ({ ...s, members: s.members ?? null })), frequencyCuts: rfm.frequencyCuts ?? null };
}
