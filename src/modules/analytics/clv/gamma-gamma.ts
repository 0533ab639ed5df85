import gammaln from '@stdlib/math-base-special-gammaln';
import { maximizeOverObservations } from './minimize.js';

// The Gamma-Gamma model of monetary value (Fader, Hardie & Lee 2005; Fader & Hardie's note "The
// Gamma-Gamma model of monetary value", 2013): a customer's spend per transaction is Gamma(p, ν)
// around their own mean, and ν ~ Gamma(q, γ) across customers. It is fitted on customers with at
// least one repeat purchase, from the number of repeat purchases x and their mean value m̄.

/** One customer's repeat purchases: how many, and their mean value (in money units). */
export interface SpendSummary {
  x: number;
  meanValue: number;
}

/** Gamma-Gamma parameters. */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** A fitted Gamma-Gamma model. */
export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  customers: number;
}

/** The log-likelihood of one customer's mean spend m̄ over x transactions. */
export function gammaGammaCustomerLogLikelihood({ p, q, gamma }: GammaGammaParams, { x, meanValue }: SpendSummary): number {
  const px = p * x;
  return (
    gammaln(px + q) - gammaln(px) - gammaln(q) + q * Math.log(gamma) +
    (px - 1) * Math.log(meanValue) + px * Math.log(x) - (px + q) * Math.log(gamma + meanValue * x)
  );
}

/** Fits p, q and γ by maximum likelihood on the customers with repeat purchases of positive value. */
export function fitGammaGamma(customers: readonly SpendSummary[]): GammaGammaFit {
  const repeaters = customers.filter((c) => c.x > 0 && c.meanValue > 0);
  if (repeaters.length === 0) throw new RangeError('the Gamma-Gamma model needs customers with repeat purchases');
  const prepare = (items: readonly SpendSummary[]) => {
    const likelihood = gammaGammaLikelihood(items);
    return ([p, q, gamma]: number[]) => likelihood({ p, q, gamma });
  };
  const meanSpend = repeaters.reduce((s, c) => s + c.meanValue, 0) / repeaters.length;
  const fit = maximizeOverObservations(repeaters, prepare, [1, 1, meanSpend]);
  const [p, q, gamma] = fit.params;
  return { params: { p, q, gamma }, logLikelihood: fit.logLikelihood, customers: repeaters.length };
}

/**
 * The log-likelihood of customers with repeat purchases as a function of the parameters, prepared for
 * a fit: the log-gammas, which depend on x alone, once per distinct x; the logarithms of each
 * customer's m̄ and x once. The sum is the same as of gammaGammaCustomerLogLikelihood.
 */
export function gammaGammaLikelihood(customers: readonly SpendSummary[]): (params: GammaGammaParams) => number {
  const n = customers.length;
  const xs = [...new Set(customers.map((c) => c.x))];
  const xIndex = new Map(xs.map((x, i) => [x, i]));
  const xOf = new Int32Array(n);
  const x = new Float64Array(n);
  const m = new Float64Array(n);
  const logM = new Float64Array(n);
  const logX = new Float64Array(n);
  customers.forEach((c, i) => {
    xOf[i] = xIndex.get(c.x) ?? 0;
    x[i] = c.x;
    m[i] = c.meanValue;
    logM[i] = Math.log(c.meanValue);
    logX[i] = Math.log(c.x);
  });
  const gammas = new Float64Array(xs.length);
  return ({ p, q, gamma }) => {
    const shared = -gammaln(q) + q * Math.log(gamma);
    for (let k = 0; k < xs.length; k++) gammas[k] = shared + gammaln(p * xs[k] + q) - gammaln(p * xs[k]);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const px = p * x[i];
      sum += gammas[xOf[i]] + (px - 1) * logM[i] + px * logX[i] - (px + q) * Math.log(gamma + m[i] * x[i]);
    }
    return sum;
  };
}

/** E[M | p, q, γ, m̄, x]: the customer's expected spend per transaction (a weighted mean of theirs and the population's). */
export function expectedSpend({ p, q, gamma }: GammaGammaParams, { x, meanValue }: SpendSummary): number {
  if (q <= 1) throw new RangeError('the expected spend needs q > 1');
  return ((gamma + meanValue * x) * p) / (p * x + q - 1);
}
