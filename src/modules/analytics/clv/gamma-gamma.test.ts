import { describe, expect, it } from 'vitest';
import { readDataSet } from '../../../../test/data-sets.js';
import { expectedSpend, fitGammaGamma, gammaGammaCustomerLogLikelihood, type SpendSummary } from './gamma-gamma.js';

// Repeat purchases (x) and their mean value (zbar) of the CDNOW sample's 39-week calibration.
function cdnowSpend(): SpendSummary[] {
  const lines = readDataSet('cdnow/cdnow_customers_summary_with_transactions.csv').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [, x, , , zbar] = line.split(',').map(Number);
    return { x, meanValue: zbar };
  });
}

describe('Gamma-Gamma on the CDNOW sample', () => {
  it("fits the parameters of Fader & Hardie's note on the 946 repeat customers", () => {
    const fit = fitGammaGamma(cdnowSpend());
    expect(fit.customers).toBe(946);
    // Published: p = 6.25, q = 3.74, γ = 15.44.
    expect(fit.params.p).toBeCloseTo(6.25, 1);
    expect(fit.params.q).toBeCloseTo(3.74, 1);
    expect(fit.params.gamma).toBeCloseTo(15.44, 1);
    // The fit is a maximum: moving any parameter lowers the likelihood.
    const ll = (p: number, q: number, gamma: number) =>
      cdnowSpend().filter((c) => c.x > 0).reduce((s, c) => s + gammaGammaCustomerLogLikelihood({ p, q, gamma }, c), 0);
    const { p, q, gamma } = fit.params;
    expect(fit.logLikelihood).toBeCloseTo(ll(p, q, gamma), 6);
    for (const [dp, dq, dg] of [[0.05, 0, 0], [0, 0.05, 0], [0, 0, 0.2], [-0.05, 0, 0], [0, -0.05, 0], [0, 0, -0.2]]) {
      expect(ll(p + dp, q + dq, gamma + dg)).toBeLessThan(fit.logLikelihood);
    }
  });

  it('weighs a customer’s own mean against the population’s (hand-computed)', () => {
    const params = { p: 6, q: 4, gamma: 15 };
    // No repeat purchase: the population mean pγ / (q − 1) = 6 · 15 / 3 = 30.
    expect(expectedSpend(params, { x: 0, meanValue: 0 })).toBeCloseTo(30, 10);
    // Two purchases averaging 50: (15 + 100) · 6 / (12 + 3) = 46.
    expect(expectedSpend(params, { x: 2, meanValue: 50 })).toBeCloseTo(46, 10);
    expect(() => expectedSpend({ p: 6, q: 1, gamma: 15 }, { x: 1, meanValue: 10 })).toThrow(RangeError);
  });
});
