// Lifecycle stages (seed 003): potential → new → repeat → loyal (→ brand advocate), and churned →
// returned. A customer's stage on a day follows from their purchase days up to it (docs/analytics.md):
// - potential: known, no purchase yet;
// - churned: the last purchase is more than the churn window ago;
// - returned: active again after a gap longer than the churn window before the latest purchase;
// - loyal: at least `loyalPurchases` purchase days and active; new: one purchase day; repeat: the rest.
// Brand advocates (loyal and a promoter or a referrer) need NPS answers or referrals, which the
// product does not collect yet, so no customer is one today.

/** Lifecycle stages in their order. */
export const lifecycleStages = ['potential', 'new', 'repeat', 'loyal', 'advocate', 'churned', 'returned'] as const;
/** A lifecycle stage. */
export type LifecycleStage = (typeof lifecycleStages)[number];

/** The rules of the stages. */
export interface LifecycleRules {
  /** Days without a purchase after which a customer has churned. */
  churnDays: number;
  /** Purchase days that make an active customer loyal. */
  loyalPurchases: number;
}

/** The stage on `day` of a customer with these ascending purchase days (only those up to `day` count). */
export function stageOn(purchaseDays: readonly number[], day: number, rules: LifecycleRules): LifecycleStage {
  let count = 0;
  while (count < purchaseDays.length && purchaseDays[count] <= day) count++;
  if (count === 0) return 'potential';
  const last = purchaseDays[count - 1];
  if (day - last > rules.churnDays) return 'churned';
  if (count >= 2 && last - purchaseDays[count - 2] > rules.churnDays) return 'returned';
  if (count >= rules.loyalPurchases) return 'loyal';
  return count === 1 ? 'new' : 'repeat';
}

/** The share of repeat customers whose typical gap between purchases the derived churn window covers. */
export const churnWindowPercentile = 0.9;
/** The shortest derived churn window, in days. */
export const minChurnDays = 30;

/**
 * The default churn window: the 90th percentile of the gaps between consecutive purchase days, each
 * repeat customer weighing the same (a customer's n gaps count 1/n each), rounded up, at least 30
 * days; 365 days when there are no repeat purchases to learn from. Pooling every gap instead would
 * let the most frequent buyers (dozens of short gaps each) set the window for everyone: on the demo
 * shop that gave 63 days and called 78 % of the buyers churned.
 */
export function churnWindowFromGaps(customersDays: Iterable<readonly number[]>): number {
  const gaps: number[] = [];
  const weights: number[] = [];
  for (const days of customersDays) {
    for (let i = 1; i < days.length; i++) {
      gaps.push(days[i] - days[i - 1]);
      weights.push(1 / (days.length - 1));
    }
  }
  if (gaps.length === 0) return 365;
  const order = gaps.map((_, i) => i).sort((a, b) => gaps[a] - gaps[b]);
  const total = weights.reduce((sum, w) => sum + w, 0);
  // The smallest gap with at least 90 % of the weight at or below it (a tolerance for the sum's rounding).
  let covered = 0;
  let quantile = gaps[order[order.length - 1]];
  for (const i of order) {
    covered += weights[i];
    if (covered >= churnWindowPercentile * total - 1e-9) {
      quantile = gaps[i];
      break;
    }
  }
  return Math.max(minChurnDays, Math.ceil(quantile));
}

/** Customers per stage. */
export type StageCounts = Record<LifecycleStage, number>;

/** Counts the customers in each stage on a day. */
export function stageCounts(customers: Iterable<readonly number[]>, day: number, rules: LifecycleRules): StageCounts {
  const counts: StageCounts = { potential: 0, new: 0, repeat: 0, loyal: 0, advocate: 0, churned: 0, returned: 0 };
  for (const days of customers) counts[stageOn(days, day, rules)]++;
  return counts;
}

/** A flow between two days: customers who were in one stage and are in another (or the same). */
export interface StageFlow {
  from: LifecycleStage;
  to: LifecycleStage;
  customers: number;
}

/** The flows of customers between their stages on two days, largest first. */
export function stageFlows(customers: Iterable<readonly number[]>, fromDay: number, toDay: number, rules: LifecycleRules): StageFlow[] {
  const flows = new Map<string, StageFlow>();
  for (const days of customers) {
    const from = stageOn(days, fromDay, rules);
    const to = stageOn(days, toDay, rules);
    const key = `${from}>${to}`;
    const flow = flows.get(key);
    if (flow) flow.customers++;
    else flows.set(key, { from, to, customers: 1 });
  }
  return [...flows.values()].sort((a, b) => b.customers - a.customers);
}
