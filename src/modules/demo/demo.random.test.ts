import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng, WeightedTable } from './demo.random.js';

/** Mean and variance of n draws. */
function moments(n: number, draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    squares += x * x;
  }
  const mean = sum / n;
  return { mean, variance: squares / n - mean * mean };
}

describe('Rng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws uniform integers over the whole range', () => {
    const rng = new Rng(1);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.between(1, 6) - 1]++;
    for (const count of counts) expect(count).toBeGreaterThan(9_500);
  });

  it('matches the moments of gamma, beta, exponential and Poisson distributions', () => {
    const rng = new Rng(2);
    // Gamma(k, θ): mean kθ, variance kθ²; shapes below 1 take the boosted path.
    const small = moments(200_000, () => rng.gamma(0.5, 4));
    expect(small.mean).toBeCloseTo(2, 1);
    expect(small.variance / 8).toBeCloseTo(1, 1);
    const large = moments(200_000, () => rng.gamma(3, 0.5));
    expect(large.mean).toBeCloseTo(1.5, 1);
    expect(large.variance / 0.75).toBeCloseTo(1, 1);
    // Beta(a, b): mean a/(a+b).
    expect(moments(100_000, () => rng.beta(0.5, 0.6)).mean).toBeCloseTo(0.5 / 1.1, 2);
    expect(moments(100_000, () => rng.exponential(3)).mean).toBeCloseTo(3, 1);
    const poisson = moments(100_000, () => rng.poisson(2.5));
    expect(poisson.mean).toBeCloseTo(2.5, 1);
    expect(poisson.variance).toBeCloseTo(2.5, 1);
    expect(moments(20_000, () => rng.poisson(100)).mean).toBeCloseTo(100, 0);
  });
});

describe('deriveSeed', () => {
  it('gives distinct streams for nearby seeds and indices', () => {
    const seeds = new Set<number>();
    for (let seed = 0; seed < 20; seed++) for (let index = 0; index < 500; index++) seeds.add(deriveSeed(seed, index, 1));
    expect(seeds.size).toBe(20 * 500);
    expect(deriveSeed(1, 6, 1)).not.toBe(deriveSeed(2, 5, 1));
    expect(deriveSeed(1, 2 ** 32)).not.toBe(deriveSeed(1, 0));
  });
});

describe('WeightedTable', () => {
  it('draws values in proportion to their weights and never a zero weight', () => {
    const table = new WeightedTable([['a', 1], ['never', 0], ['b', 3]] as const);
    const rng = new Rng(3);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 40_000; i++) counts[table.sample(rng)]++;
    expect(counts.never).toBe(0);
    expect(counts.b / counts.a).toBeCloseTo(3, 0);
  });

  it('rejects empty or all-zero tables', () => {
    expect(() => new WeightedTable([])).toThrow(RangeError);
    expect(() => new WeightedTable([['a', 0]])).toThrow(RangeError);
  });
});
