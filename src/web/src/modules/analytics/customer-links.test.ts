import { describe, expect, it } from 'vitest';
import { readScoreFilters } from '../customers/score-filters.js';
import { abcXyzCustomers, atRiskCustomers, rfmCellCustomers, segmentCustomers, stageCustomers } from './customer-links.js';

// The links must say what the customer list reads back from its address.
const filters = (link: string) => readScoreFilters(new URL(link, 'http://localhost').searchParams);

describe('links from the analytics to the customers', () => {
  it('open the list filtered by a segment, an R×F cell, ABC/XYZ cells, a stage or the at-risk P(alive)', () => {
    expect(segmentCustomers('ws1', 'vip')).toBe('/w/ws1/customers?rfmSegment=vip');
    expect(rfmCellCustomers('ws1', 5, 2)).toBe('/w/ws1/customers?rfmR=5&rfmF=2');
    expect(abcXyzCustomers('ws1', ['AX', 'AY'])).toBe('/w/ws1/customers?abcXyz=AX,AY');
    expect(stageCustomers('ws1', 'churned')).toBe('/w/ws1/customers?stage=churned');
    expect(atRiskCustomers('ws1', { min: 0.2, max: 0.7 })).toBe('/w/ws1/customers?minPAlive=0.2&maxPAlive=0.7');
  });

  it('are read back by the customer list as the same filters', () => {
    expect(filters(rfmCellCustomers('ws1', 1, 4))).toMatchObject({ rfmR: 1, rfmF: 4 });
    expect(filters(abcXyzCustomers('ws1', ['AX', 'AY'])).abcXyz).toEqual(['AX', 'AY']);
    expect(filters(atRiskCustomers('ws1', { min: 0.2, max: 0.7 }))).toMatchObject({ minPAlive: 0.2, maxPAlive: 0.7 });
    expect(filters(segmentCustomers('ws1', 'needsAttention')).rfmSegment).toEqual(['needsAttention']);
  });
});
