import gammaln from '@stdlib/math-base-special-gammaln';
import { maximizePositive } from './minimize.js';

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
  const ll = ([p, q, gamma]: number[]) => repeaters.reduce((sum, c) => sum + gammaGammaCustomerLogLikelihood({ p, q, gamma }, c), 0);
  const meanSpend = repeaters.reduce((s, c) => s + c.meanValue, 0) / repeaters.length;
  const fit = maximizePositive(ll, [1, 1, meanSpend]);
  const [p, q, gamma] = fit.params;
  return { params: { p, q, gamma }, logLikelihood: fit.logLikelihood, customers: repeaters.length };
}

/** E[M | p, q, γ, m̄, x]: the customer's expected spend per transaction (a weighted mean of theirs and the population's). */
export function expectedSpend({ p, q, gamma }: GammaGammaParams, { x, meanValue }: SpendSummary): number {
  if (q <= 1) throw new RangeError('the expected spend needs q > 1');
  return ((gamma + meanValue * x) * p) / (p * x + q - 1);
}
