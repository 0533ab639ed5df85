// The lifecycle screen's own rules live in the address beside the period (?churnDays=45&loyal=4),
// so a link shows the same stages; left out, the server's defaults apply: the churn window learned
// from the workspace's orders and loyalty from 3 purchase days.

/** Rules chosen by hand; an absent one is the server's default. */
export interface LifecycleRulesChoice {
  /** Days without a purchase after which a customer has churned (1–3650). */
  churnDays?: number;
  /** Purchase days that make an active customer loyal (2–100). */
  loyalPurchases?: number;
}

/** Limits the API accepts for each rule. */
export const ruleLimits = { churnDays: { min: 1, max: 3650 }, loyalPurchases: { min: 2, max: 100 } } as const;

const keys = { churnDays: 'churnDays', loyalPurchases: 'loyal' } as const;

/** Reads the rules from the address's query; anything malformed or out of range is left to the default. */
export function readLifecycleRules(params: URLSearchParams): LifecycleRulesChoice {
  const rules: LifecycleRulesChoice = {};
  for (const rule of ['churnDays', 'loyalPurchases'] as const) {
    const text = params.get(keys[rule]) ?? '';
    const value = Number(text);
    if (/^\d+$/.test(text) && value >= ruleLimits[rule].min && value <= ruleLimits[rule].max) rules[rule] = value;
  }
  return rules;
}

/** The address's query with the rules replaced and the rest (the period) kept. */
export function withLifecycleRules(params: URLSearchParams, rules: LifecycleRulesChoice): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const rule of ['churnDays', 'loyalPurchases'] as const) {
    const value = rules[rule];
    if (value === undefined) next.delete(keys[rule]);
    else next.set(keys[rule], String(value));
  }
  return next;
}
