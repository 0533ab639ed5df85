// Cohort retention by first-purchase month: of the customers whose first purchase falls in a month,
// the share who bought again in each following month (month 0 is the cohort's own month: 100 %).

/** Months since January 1970 of a day number (days since 1970-01-01). */
export function monthOfDay(day: number): number {
  const date = new Date(day * 86_400_000);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** "YYYY-MM" of a month number. */
export function monthLabel(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}

/** One cohort: its month, its size and, per month since, the share of it that bought then. */
export interface Cohort {
  month: string;
  customers: number;
  /** retention[k]: share of the cohort with a purchase in the k-th month after its own (k = 0 is 1). */
  retention: number[];
}

/**
 * The cohorts whose first month is in [firstMonth, lastMonth], each followed up to `followedTo`
 * (lastMonth unless the months asked run past today's: months not begun have no figures).
 * `customers` holds each customer's ascending purchase days (all of them, so first months are true).
 */
export function cohortRetention(customers: Iterable<readonly number[]>, firstMonth: number, lastMonth: number, followedTo = lastMonth): Cohort[] {
  const active = new Map<number, { size: number; buyers: number[] }>();
  for (let m = firstMonth; m <= lastMonth; m++) active.set(m, { size: 0, buyers: new Array<number>(Math.max(0, Math.min(lastMonth, followedTo) - m + 1)).fill(0) });
  for (const days of customers) {
    if (days.length === 0) continue;
    const first = monthOfDay(days[0]);
    const cohort = active.get(first);
    if (!cohort) continue;
    cohort.size++;
    const months = new Set(days.map(monthOfDay));
    for (const m of months) if (m >= first && m - first < cohort.buyers.length) cohort.buyers[m - first]++;
  }
  return [...active].map(([month, c]) => ({
    month: monthLabel(month),
    customers: c.size,
    retention: c.buyers.map((b) => (c.size > 0 ? b / c.size : 0)),
  }));
}
