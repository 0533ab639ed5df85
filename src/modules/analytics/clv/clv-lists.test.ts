import { describe, expect, it } from 'vitest';
import { decileEdges, decileGroups, hasShortHistory, isAtRisk } from './clv-lists.js';

describe('the CLV lists and tenths', () => {
  it('sums and averages each tenth, so one customer does not stand for the top tenth', () => {
    // Twenty customers: 1 … 19 and one of 1,000. The top tenth is {19, 1000}: mean 510, edge 1000.
    const values = [...Array.from({ length: 19 }, (_, i) => i + 1), 1000];
    const groups = decileGroups(values);
    expect(groups.map((g) => g.customers)).toEqual(Array(10).fill(2));
    expect(groups.map((g) => g.total)).toEqual([3, 7, 11, 15, 19, 23, 27, 31, 35, 1019]);
    expect(groups.map((g) => g.mean)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 510]);
    expect(decileEdges(values)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 1000]);
    expect(groups.reduce((s, g) => s + g.total, 0)).toBe(values.reduce((s, v) => s + v, 0));
  });

  it('splits a number of customers that ten does not divide without losing any, the highest of each tenth at its edge', () => {
    const values = Array.from({ length: 13 }, (_, i) => (i + 1) * 100);
    const groups = decileGroups(values);
    // ⌈k·13/10⌉: 0, 2, 3, 4, 6, 7, 8, 10, 11, 12, 13.
    expect(groups.map((g) => g.customers)).toEqual([2, 1, 1, 2, 1, 1, 2, 1, 1, 1]);
    expect(groups.map((g) => g.mean)).toEqual([150, 300, 400, 550, 700, 800, 950, 1100, 1200, 1300]);
    expect(decileEdges(values)).toEqual([200, 300, 400, 600, 700, 800, 1000, 1100, 1200, 1300]);
    expect(decileGroups([])).toEqual([]);
    // Fewer than ten customers leave some tenths empty.
    expect(decileGroups([5, 7, 9]).filter((g) => g.customers === 0)).toHaveLength(7);
  });

  it('takes P(alive) from 20 % to 70 % for at risk: lower is gone, higher is still buying', () => {
    expect([0, 0.00001, 0.19, 0.2, 0.45, 0.7, 0.71, 1].map(isAtRisk)).toEqual([false, false, false, true, true, true, false, false]);
  });

  it('ranks a customer among the most valuable after 90 days of history', () => {
    expect([0, 26, 89, 90, 400].map(hasShortHistory)).toEqual([true, true, true, false, false]);
  });
});
