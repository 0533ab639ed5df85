import type { ClvModel } from '../analytics.types.js';

// Readings of the fitted parameters a person can act on, each a published moment of its
// distribution (Fader, Hardie & Lee 2005; Fader & Hardie, "The Gamma-Gamma model of monetary value").

/** The mean purchase rate of an active customer, purchases per unit of time: r / α, the mean of Gamma(r, α). */
export function meanPurchaseRate(model: Pick<ClvModel, 'r' | 'alpha'>): number {
  return model.r / model.alpha;
}

/** The mean probability of dropping out after a purchase: a / (a + b), the mean of Beta(a, b). */
export function meanDropout(model: Pick<ClvModel, 'a' | 'b'>): number {
  return model.a / (model.a + model.b);
}

/**
 * The mean spend per purchase across customers in the currency's major units: p·γ / (q − 1), the mean
 * of p/ν with ν ~ Gamma(q, γ). Null without a spend model, or when q ≤ 1 and the mean is unbounded.
 */
export function meanSpend(model: Pick<ClvModel, 'p' | 'q' | 'gamma'>): number | null {
  const { p, q, gamma } = model;
  if (p === null || q === null || gamma === null || q <= 1) return null;
  return (p * gamma) / (q - 1);
}
