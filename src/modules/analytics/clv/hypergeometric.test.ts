import { describe, expect, it } from 'vitest';
import { hyp2f1 } from './hypergeometric.js';

describe('hyp2f1', () => {
  it('matches closed forms', () => {
    // 2F1(1, 1; 2; z) = −ln(1 − z) / z
    for (const z of [0.1, 0.5, 0.9, 0.99]) expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 10);
    // 2F1(a, b; b; z) = (1 − z)^−a
    expect(hyp2f1(2.5, 3, 3, 0.3)).toBeCloseTo(0.7 ** -2.5, 12);
    // 2F1(1/2, 1/2; 3/2; z²) = arcsin(z) / z
    expect(hyp2f1(0.5, 0.5, 1.5, 0.25)).toBeCloseTo(Math.asin(0.5) / 0.5, 12);
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
  });

  it('refuses arguments outside the unit disc', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});
