import type { RfmSegmentRow } from './analytics.types.js';

/** The segment whose customers have brought the most on average (historic CLV); the better segment on a tie, null without buyers. */
export function highestClvSegment(segments: readonly RfmSegmentRow[]): RfmSegmentRow | null {
  let best: RfmSegmentRow | null = null;
  for (const s of segments) {
    if (s.customers > 0 && (best === null || s.clv > best.clv)) best = s;
  }
  return best;
}
