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

/**
 * The default churn window: the 80th percentile of the gaps between consecutive purchase days of all
 * customers (so four repeat purchases in five come within it), rounded up to whole days and at least
 * 30; 365 days when there are no repeat purchases to learn from.
 */
export function churnWindowFromGaps(customersDays: Iterable<readonly number[]>): number {
  const gaps: number[] = [];
  for (const days of customersDays) for (let i = 1; i < days.length; i++) gaps.push(days[i] - days[i - 1]);
  if (gaps.length === 0) return 365;
  gaps.sort((a, b) => a - b);
  const p80 = gaps[Math.min(gaps.length - 1, Math.ceil(0.8 * gaps.length) - 1)];
  return Math.max(30, Math.ceil(p80));
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
