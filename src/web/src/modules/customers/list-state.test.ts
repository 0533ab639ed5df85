import { describe, expect, it } from 'vitest';
import { activeFilterCount, listSearch, readListState, toApiQuery } from './list-state.js';

const viewer = { userId: 'u1', currency: 'RUB' };
const read = (query: string) => readListState(new URLSearchParams(query), 'all');
const roundTrip = (query: string) => listSearch(read(query), 'all');

describe('the customer list state in the address', () => {
  it('keeps the links other screens make to a segment, a cell or a stage', () => {
    for (const query of ['rfmSegment=vip', 'rfmR=5&rfmF=4', 'stage=churned', 'abcXyz=AX,AY', 'rfmSegment=vip,loyal&stage=new,returned']) {
      expect(roundTrip(query)).toBe(query);
    }
  });

  it('sends the score filters to the API under its names, the CLV in kopecks', () => {
    const state = read('rfmSegment=loyal,vip&stage=churned&abcXyz=ax,AY&rfmR=5&rfmF=4&minPAlive=0.5&maxPAlive=0.9&minPredictedClv=5000.5');
    // Lists come out in the analytics' own order, whatever order the link had them in.
    expect(toApiQuery(state, viewer, undefined, 50)).toMatchObject({
      rfmSegment: 'vip,loyal',
      stage: 'churned',
      abcXyz: 'AX,AY',
      rfmR: 5,
      rfmF: 4,
      minPAlive: 0.5,
      maxPAlive: 0.9,
      minPredictedClv: 500050,
    });
    // Segments, stage and cell lists, R, F, the P(alive) range and the CLV: seven filters.
    expect(activeFilterCount(state)).toBe(7);
  });

  it('ignores what the API would refuse', () => {
    const state = read('rfmSegment=vip,royal&stage=asleep&abcXyz=AX,QQ&rfmR=6&rfmF=0&minPAlive=1.5&maxPAlive=-0.1&minPredictedClv=-1');
    expect(state).toMatchObject({ rfmSegment: ['vip'], stage: [], abcXyz: ['AX'], rfmR: null, rfmF: null, minPAlive: null, maxPAlive: null, minPredictedClv: null });
    const query = toApiQuery(state, viewer, undefined, 50);
    expect(query.stage).toBeUndefined();
    expect(query.rfmR).toBeUndefined();
    expect(activeFilterCount(state)).toBe(2);
  });

  it('leaves a plain list plain', () => {
    expect(roundTrip('')).toBe('');
    expect(activeFilterCount(read(''))).toBe(0);
    expect(toApiQuery(read(''), viewer, undefined, 50)).toEqual({ sort: '-createdAt', limit: 50 });
  });
});
