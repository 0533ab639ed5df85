import type { LifecycleStage, RfmSegment } from '../../api/types.js';

// Badge colours of the stored scores: the lifecycle stages in the hues of the analytics charts
// (grey not buying yet, blue to teal growing loyal, violet returned, orange lost), the RFM
// segments from the best customers to the ones asleep.

/** The Mantine colour of a lifecycle stage's badge. */
export const stageColors: Record<LifecycleStage, string> = {
  potential: 'gray',
  new: 'blue',
  repeat: 'blue',
  loyal: 'teal',
  advocate: 'lime',
  returned: 'grape',
  churned: 'orange',
};

/** The Mantine colour of an RFM segment's badge. */
export const segmentColors: Record<RfmSegment, string> = {
  vip: 'violet',
  loyal: 'teal',
  promising: 'cyan',
  new: 'blue',
  needsAttention: 'yellow',
  churnedLoyal: 'orange',
  sleeping: 'gray',
};
