import { describe, expect, it } from 'vitest';
import { Rng } from '../demo/demo.random.js';
import { sortedOrder } from './sorted-order.js';

describe('sortedOrder', () => {
  it('orders values as a stable comparison sort does: negatives, fractions, ties, zeros and large numbers', () => {
    const rng = new Rng(3);
    for (let run = 0; run < 200; run++) {
      const n = Math.floor(rng.next() * 300);
      const kind = run % 4;
      const values = Float64Array.from({ length: n }, () => {
        const u = rng.next();
        if (kind === 0) return Math.floor(u * 5); // many ties
        if (kind === 1) return (u - 0.5) * 1e6; // negative and positive fractions
        if (kind === 2) return Math.floor(u * 2 ** 52); // large integers
        return u < 0.2 ? 0 : u < 0.3 ? -0 : Math.floor((u - 0.5) * 100);
      });
      const expected = Array.from(values.keys()).sort((a, b) => values[a] - values[b] || a - b);
      expect(Array.from(sortedOrder(values))).toEqual(expected);
    }
  });

  it('returns an empty order for no values', () => {
    expect(sortedOrder(new Float64Array(0))).toEqual(new Uint32Array(0));
  });
});
