import { describe, expect, it } from 'vitest';
import { readDataSet } from '../../../../test/data-sets.js';
import { bgNbdCustomerLogLikelihood, bgNbdLikelihood, bgNbdLogLikelihood, expectedPurchases, fitBgNbd, probabilityAlive, type RfmSummary } from './bg-nbd.js';

// The CDNOW sample's per-customer summary as Fader, Hardie & Lee published it: 2,357 customers,
// 39-week calibration ending 1997-09-30, time in weeks (ID, x, t_x, T, zbar).
function cdnowSummary(): RfmSummary[] {
  const lines = readDataSet('cdnow/cdnow_customers_summary_with_transactions.csv').trim().split(/\r?\n/).slice(1);
  return lines.map((line) => {
    const [, x, tx, T] = line.split(',').map(Number);
    return { x, tx, T };
  });
}

// Published in "Counting your customers the easy way" (2005), section 5.
const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426, logLikelihood: -9582.4 };

describe('BG/NBD on the CDNOW sample', () => {
  const customers = cdnowSummary();

  it('has the 2,357 customers of the papers', () => {
    expect(customers).toHaveLength(2357);
    expect(customers.filter((c) => c.x === 0)).toHaveLength(1411);
  });

  it('gives the published log-likelihood at the published parameters', () => {
    expect(bgNbdLogLikelihood(published, customers)).toBeCloseTo(published.logLikelihood, 0);
  });

  it('prepares the same likelihood as the sum over customers, anywhere in the parameter space', () => {
    for (const params of [published, { r: 1.7, alpha: 0.3, a: 2.2, b: 0.6 }, { r: 0.05, alpha: 40, a: 0.1, b: 9 }]) {
      const direct = customers.reduce((sum, c) => sum + bgNbdCustomerLogLikelihood(params, c), 0);
      expect(bgNbdLikelihood(customers)(params)).toBeCloseTo(direct, 8);
    }
  });

  it('fits the published parameters by maximum likelihood', () => {
    const fit = fitBgNbd(customers);
    expect(fit.params.r).toBeCloseTo(published.r, 3);
    expect(fit.params.alpha).toBeCloseTo(published.alpha, 2);
    expect(fit.params.a).toBeCloseTo(published.a, 3);
    expect(fit.params.b).toBeCloseTo(published.b, 2);
    expect(fit.logLikelihood).toBeCloseTo(published.logLikelihood, 1);
  });

  it('finds the same maximum through a warm start on a sample when the data are large', () => {
    // Twenty copies of the sample have the same maximum-likelihood parameters, and are large enough
    // (47,140 customers) for the fit to start from a sample of them.
    const fit = fitBgNbd(Array.from({ length: 20 }, () => customers).flat());
    expect(fit.params.r).toBeCloseTo(published.r, 3);
    expect(fit.params.alpha).toBeCloseTo(published.alpha, 2);
    expect(fit.params.a).toBeCloseTo(published.a, 3);
    expect(fit.params.b).toBeCloseTo(published.b, 2);
    expect(fit.logLikelihood).toBeCloseTo(20 * published.logLikelihood, -1);
  });

  it('computes P(alive) and the conditional expectation', () => {
    // Hand-checked limits: no repeat purchase means alive by assumption; a long silence lowers P(alive).
    expect(probabilityAlive(published, { x: 0, tx: 0, T: 38.86 })).toBe(1);
    const recent = probabilityAlive(published, { x: 2, tx: 38, T: 38.86 });
    const silent = probabilityAlive(published, { x: 2, tx: 5, T: 38.86 });
    expect(recent).toBeGreaterThan(silent);
    expect(expectedPurchases(published, { x: 2, tx: 30.43, T: 38.86 }, 0)).toBe(0);
    // The paper's example: a customer with x = 2, t_x = 30.43, T = 38.86 is expected to make 1.226
    // purchases in the next 39 weeks.
    expect(expectedPurchases(published, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 3);
  });
});
