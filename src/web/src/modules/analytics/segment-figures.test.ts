import { describe, expect, it } from 'vitest';
import type { RfmSegmentRow } from './analytics.types.js';
import { highestClvSegment } from './segment-figures.js';

const row = (segment: RfmSegmentRow['segment'], customers: number, clv: number): RfmSegmentRow => ({
  segment,
  customers,
  customerShare: 0,
  revenue: customers * clv,
  revenueShare: 0,
  avgCheck: clv,
  clv,
  members: null,
});

describe('the segment with the highest historic CLV', () => {
  it('is the one whose customers brought the most each, empty segments left out', () => {
    expect(highestClvSegment([row('vip', 1, 25_500_00), row('promising', 1, 15_000_00), row('sleeping', 0, 0)])?.segment).toBe('vip');
    expect(highestClvSegment([row('vip', 0, 0), row('loyal', 2, 300), row('sleeping', 3, 900)])?.segment).toBe('sleeping');
  });

  it('is the better segment on a tie, and none without buyers', () => {
    expect(highestClvSegment([row('vip', 1, 500), row('loyal', 4, 500)])?.segment).toBe('vip');
    expect(highestClvSegment([row('vip', 0, 0)])).toBeNull();
  });
});
