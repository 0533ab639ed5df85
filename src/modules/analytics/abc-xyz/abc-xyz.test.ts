import { describe, expect, it } from 'vitest';
import { abcXyzMatrix, coefficientOfVariation, paretoClasses, paretoCurve, variationClass } from './abc-xyz.js';
import { Rng } from '../../demo/demo.random.js';

describe('paretoClasses', () => {
  it('puts the customers bringing the first 80 % in A, the next 15 % in B, the rest in C (hand-computed)', () => {
    // Revenue 500, 300, 100, 50, 30, 20 (total 1,000). Shares before each: 0, 50 %, 80 %, 90 %, 95 %, 98 %.
    const classes = paretoClasses([
      { id: 1, value: 500 }, { id: 2, value: 300 }, { id: 3, value: 100 }, { id: 4, value: 50 }, { id: 5, value: 30 }, { id: 6, value: 20 },
    ]);
    expect([1, 2, 3, 4, 5, 6].map((id) => classes.get(id))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('includes the customer who crosses the cut, breaks ties by id and takes other cuts', () => {
    // 790 before the third customer is under 80 % of 1,000: the third is still A.
    const crossing = paretoClasses([{ id: 7, value: 100 }, { id: 3, value: 400 }, { id: 5, value: 390 }, { id: 9, value: 110 }]);
    expect(crossing.get(3)).toBe(0);
    expect(crossing.get(5)).toBe(0);
    expect(crossing.get(9)).toBe(0); // 790 before it: A
    expect(crossing.get(7)).toBe(1); // 900 before it: B
    const ties = paretoClasses([{ id: 2, value: 50 }, { id: 1, value: 50 }], [0.5, 0.9]);
    expect([ties.get(1), ties.get(2)]).toEqual([0, 1]);
    expect(paretoClasses([{ id: 1, value: 0 }]).get(1)).toBe(2);
  });
});

describe('classical XYZ', () => {
  it('classifies by the coefficient of variation of monthly purchases', () => {
    expect(coefficientOfVariation([2, 2, 2, 2])).toBe(0);
    // Mean 2, population deviation 1: 50 %.
    expect(coefficientOfVariation([1, 3, 1, 3])).toBeCloseTo(0.5, 12);
    // Mean 10, squared deviations 1, 1, 1, 1, 4, 4: variance 2, deviation √2 ≈ 1.414: 14 %.
    expect(coefficientOfVariation([9, 11, 9, 11, 8, 12])).toBeCloseTo(Math.SQRT2 / 10, 12);
    expect(coefficientOfVariation([0, 0, 0])).toBe(Number.POSITIVE_INFINITY);
    expect([0, 0.1, 0.14, 0.25, 0.5, Number.POSITIVE_INFINITY].map((cv) => variationClass(cv))).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('abcXyzMatrix and paretoCurve', () => {
  it('sums customers and revenue per cell and marks AX and AY golden', () => {
    const cells = abcXyzMatrix([
      { id: 1, revenue: 500, abc: 0, xyz: 0 },
      { id: 2, revenue: 300, abc: 0, xyz: 1 },
      { id: 3, revenue: 100, abc: 1, xyz: 2 },
      { id: 4, revenue: 20, abc: 2, xyz: 2 },
    ]);
    expect(cells.map((c) => `${c.abc}${c.xyz}`)).toEqual(['AX', 'AY', 'AZ', 'BX', 'BY', 'BZ', 'CX', 'CY', 'CZ']);
    expect(cells.filter((c) => c.golden).map((c) => `${c.abc}${c.xyz}`)).toEqual(['AX', 'AY']);
    expect(cells[0]).toMatchObject({ customers: 1, revenue: 500 });
    expect(cells[5]).toMatchObject({ customers: 1, revenue: 100 });
  });

  it('draws the share of revenue against the share of customers', () => {
    const curve = paretoCurve([10, 40, 30, 20], 4);
    expect(curve).toEqual([
      { customerShare: 0, revenueShare: 0 },
      { customerShare: 0.25, revenueShare: 0.4 },
      { customerShare: 0.5, revenueShare: 0.7 },
      { customerShare: 0.75, revenueShare: 0.9 },
      { customerShare: 1, revenueShare: 1 },
    ]);
  });
});

describe('paretoClasses against a walk over the sorted items', () => {
  // The definition, one item at a time in order of value (largest first) and id.
  function walked(items: { id: number; value: number }[], cuts: [number, number]): Map<number, number> {
    const sorted = [...items].sort((a, b) => b.value - a.value || a.id - b.id);
    const total = sorted.reduce((sum, item) => sum + item.value, 0);
    const classes = new Map<number, number>();
    let before = 0;
    for (const item of sorted) {
      const share = total > 0 ? before / total : 1;
      classes.set(item.id, share < cuts[0] ? 0 : share < cuts[1] ? 1 : 2);
      before += item.value;
    }
    return classes;
  }

  it('gives the same class to every item, ties and zeros included', () => {
    const rng = new Rng(11);
    for (let run = 0; run < 300; run++) {
      const n = 1 + Math.floor(rng.next() * 60);
      const spread = [3, 20, 1_000_000][run % 3];
      const items = Array.from({ length: n }, (_, i) => ({ id: 1000 - 7 * i, value: Math.floor(rng.next() * spread) }));
      const cuts: [number, number] = run % 2 ? [0.8, 0.95] : [0.5, 0.7];
      expect(paretoClasses(items, cuts)).toEqual(walked(items, cuts));
    }
  });

  it('paretoCurve of a typed column equals that of an array', () => {
    const values = [5, 0, 17, 17, 3, 250, 1];
    expect(paretoCurve(Float64Array.from(values), 7)).toEqual(paretoCurve(values, 7));
  });
});
