import gammaln from '@stdlib/math-base-special-gammaln';
import { hyp2f1 } from './hypergeometric.js';
import { maximizeOverObservations } from './minimize.js';

// The BG/NBD model of Fader, Hardie & Lee (2005), "Counting your customers the easy way": while
// alive, a customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they drop out with
// probability p ~ Beta(a, b). A customer is summarised by x (repeat purchases: purchase days after
// the first), t_x (time from the first to the last purchase) and T (time from the first purchase to
// the end of the calibration period), in one time unit (days or weeks).

/** One customer's purchase history in the model's terms. */
export interface RfmSummary {
  /** Repeat purchases (distinct purchase days after the first). */
  x: number;
  /** Time from the first purchase to the last one. */
  tx: number;
  /** Time from the first purchase to the end of the period. */
  T: number;
}

/** BG/NBD parameters. */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** A fitted BG/NBD model. */
export interface BgNbdFit {
  params: BgNbdParams;
  logLikelihood: number;
  customers: number;
}

/** The log-likelihood of one customer (equation 6 of the paper, in logarithms). */
export function bgNbdCustomerLogLikelihood({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: RfmSummary): number {
  const common = gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x);
  const survived = -(r + x) * Math.log(alpha + T);
  if (x === 0) return common + survived;
  const droppedOut = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return common + logSumExp(survived, droppedOut);
}

/** The log-likelihood of a set of customers; identical histories are counted once and weighted. */
export function bgNbdLogLikelihood(params: BgNbdParams, customers: readonly RfmSummary[]): number {
  return bgNbdLikelihood(customers)(params);
}

/**
 * The log-likelihood of a set of customers as a function of the parameters, prepared for the many
 * evaluations of a fit: identical histories are counted once and weighted, and the terms that depend
 * on x alone (four log-gammas) are computed once per distinct x instead of once per customer. The
 * sum is the same as of bgNbdCustomerLogLikelihood over the customers.
 */
export function bgNbdLikelihood(customers: readonly RfmSummary[]): (params: BgNbdParams) => number {
  const groups = [...groupIdentical(customers)];
  const n = groups.length;
  const xs = [...new Set(groups.map(([c]) => c.x))];
  const xIndex = new Map(xs.map((x, i) => [x, i]));
  const xOf = new Int32Array(n);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const weight = new Float64Array(n);
  groups.forEach(([c, count], i) => {
    xOf[i] = xIndex.get(c.x) ?? 0;
    x[i] = c.x;
    tx[i] = c.tx;
    T[i] = c.T;
    weight[i] = count;
  });
  const common = new Float64Array(xs.length);
  return ({ r, alpha, a, b }) => {
    const shared = -gammaln(r) + r * Math.log(alpha) + gammaln(a + b) - gammaln(b);
    for (let k = 0; k < xs.length; k++) common[k] = shared + gammaln(r + xs[k]) + gammaln(b + xs[k]) - gammaln(a + b + xs[k]);
    const logA = Math.log(a);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const rx = r + x[i];
      const survived = -rx * Math.log(alpha + T[i]);
      const ll = x[i] === 0 ? survived : logSumExp(survived, logA - Math.log(b + x[i] - 1) - rx * Math.log(alpha + tx[i]));
      sum += weight[i] * (common[xOf[i]] + ll);
    }
    return sum;
  };
}

/** Fits r, α, a and b by maximum likelihood. */
export function fitBgNbd(customers: readonly RfmSummary[]): BgNbdFit {
  if (customers.length === 0) throw new RangeError('the BG/NBD model needs at least one customer');
  const prepare = (items: readonly RfmSummary[]) => {
    const likelihood = bgNbdLikelihood(items);
    return ([r, alpha, a, b]: number[]) => likelihood({ r, alpha, a, b });
  };
  // A neutral start: one purchase per mean inter-purchase time, an even chance of dropping out.
  const meanT = customers.reduce((s, c) => s + c.T, 0) / customers.length;
  const fit = maximizeOverObservations(customers, prepare, [1, Math.max(meanT, 1e-3), 1, 1]);
  const [r, alpha, a, b] = fit.params;
  return { params: { r, alpha, a, b }, logLikelihood: fit.logLikelihood, customers: customers.length };
}

/** P(alive | x, t_x, T): the probability that the customer has not dropped out (equation 11). */
export function probabilityAlive(params: BgNbdParams, summary: RfmSummary): number {
  return 1 / aliveDenominator(params, summary);
}

/** E[Y(t) | x, t_x, T]: purchases expected in the next t time units (equation 10). */
export function expectedPurchases(params: BgNbdParams, summary: RfmSummary, t: number): number {
  return expectedPurchasesNumerator(params, summary.x, summary.T, t) / aliveDenominator(params, summary);
}

/**
 * The numerator of equation 10, which depends on x and T but not on t_x: customers with the same
 * number of repeat purchases and the same first purchase day share it (and its 2F1 series).
 */
export function expectedPurchasesNumerator({ r, alpha, a, b }: BgNbdParams, x: number, T: number, t: number): number {
  if (t <= 0) return 0;
  // a = 1 exactly is a removable singularity of the closed form; a fitted a never lands on it.
  if (a === 1) throw new RangeError('the conditional expectation is undefined at a = 1');
  const ratio = Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)));
  return ((a + b + x - 1) / (a - 1)) * (1 - ratio * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)));
}

/** The denominator of equations 10 and 11: 1 + [x > 0] · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x). */
export function aliveDenominator({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: RfmSummary): number {
  return x === 0 ? 1 : 1 + (a / (b + x - 1)) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)));
}

function logSumExp(u: number, v: number): number {
  const m = Math.max(u, v);
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
}

// Many customers share a history (one purchase, same T); the likelihood is computed once for each.
function groupIdentical(customers: readonly RfmSummary[]): Map<RfmSummary, number> {
  const byKey = new Map<string, [RfmSummary, number]>();
  for (const c of customers) {
    const key = `${c.x}|${c.tx}|${c.T}`;
    const seen = byKey.get(key);
    if (seen) seen[1]++;
    else byKey.set(key, [c, 1]);
  }
  return new Map([...byKey.values()]);
}
