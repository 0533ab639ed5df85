import { describe, expect, it } from 'vitest';
import { meanDropout, meanPurchaseRate, meanSpend } from './model-figures.js';

// The published CDNOW parameters (docs/analytics.md): BG/NBD r 0.243, α 4.414, a 0.793, b 2.426 in
// weeks; Gamma-Gamma p 6.25, q 3.74, γ 15.44 in dollars.
describe('the readings of the CLV model parameters', () => {
  it('gives the mean purchase rate and drop-out of the CDNOW fit', () => {
    expect(meanPurchaseRate({ r: 0.243, alpha: 4.414 })).toBeCloseTo(0.0551, 4); // a purchase every 18 weeks
    expect(meanDropout({ a: 0.793, b: 2.426 })).toBeCloseTo(0.2463, 4);
  });

  it('gives the mean spend per purchase, none without a spend model or with q ≤ 1', () => {
    // p·γ / (q − 1) = 6.25 · 15.44 / 2.74 = 35.22 dollars.
    expect(meanSpend({ p: 6.25, q: 3.74, gamma: 15.44 })).toBeCloseTo(35.22, 2);
    expect(meanSpend({ p: null, q: null, gamma: null })).toBeNull();
    expect(meanSpend({ p: 2, q: 1, gamma: 10 })).toBeNull();
  });
});
