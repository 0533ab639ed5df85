import type { ActivityIndex } from './activity-index.js';
import type { PeriodCounts } from './kpi.js';

// The KPIs of a period that reaches past the KPI index's last day L (a period ending today, when the
// index counts complete days up to yesterday): the index answers for the days up to L, and the few
// customers who bought after L correct it, each from their purchases after L and three facts about
// their history up to L. Exactly the counts of AnalyticsRepo.periodCounts (a property test compares
// them with the definitions), from the orders of the last days instead of all of them.

/** A customer with purchases after the index's last day, as the orders tell. */
export interface RecentBuyer {
  /** Distinct purchase days after the index's last day, ascending, with their orders and net revenue. */
  days: readonly { day: number; orders: number; revenue: number }[];
  /** Up to the index's last day: first and last purchase day (null: none), distinct purchase days. */
  firstDay: number | null;
  lastDay: number | null;
  dayCount: number;
}

/** Whether a period's counts can come from the index and the purchases after its last day. */
export function canExtend(index: ActivityIndex, fromDay: number, toDay: number, activeDays: number): boolean {
  const last = index.data.lastDay;
  return toDay > last && (fromDay - activeDays > last || index.covers(fromDay - activeDays, last));
}

/** The counts of days fromDay … toDay from the index and every customer who bought after its last day. */
export function countsWithRecent(index: ActivityIndex, recent: readonly RecentBuyer[], fromDay: number, toDay: number, activeDays: number): PeriodCounts {
  const last = index.data.lastDay;
  // Only purchases up to the period's end count.
  const buyers = recent.map((c) => ({ ...c, days: c.days.filter((d) => d.day <= toDay) }));
  // Customers with a purchase in days x … y: the index's up to L, plus those who bought after L in
  // x … y and not in x … L.
  const count = (x: number, y: number): number => {
    if (x > y) return 0;
    if (y <= last) return index.buyers(x, y);
    let n = x <= last ? index.buyers(x, last) : 0;
    for (const c of buyers) {
      const inRange = c.days.some((d) => d.day >= x && d.day <= y);
      const countedByIndex = x <= last && c.lastDay !== null && c.lastDay >= x;
      if (inRange && !countedByIndex) n++;
    }
    return n;
  };
  const indexed = fromDay <= last ? index.sums(fromDay, last) : { newCustomers: 0, orders: 0, revenue: 0 };
  let singles = fromDay <= last ? index.singles(fromDay, last) : 0;
  let newCustomers = indexed.newCustomers;
  let orders = indexed.orders;
  let revenue = indexed.revenue;
  for (const c of buyers) {
    if (c.days.length === 0) continue;
    // Single by the index (one purchase day up to L, in the period), no longer with a later one.
    if (c.dayCount === 1 && c.firstDay !== null && c.firstDay >= fromDay) singles--;
    if (c.firstDay === null && c.days[0].day >= fromDay) {
      newCustomers++;
      if (c.days.length === 1) singles++;
    }
    for (const d of c.days) {
      if (d.day < fromDay) continue;
      orders += d.orders;
      revenue += d.revenue;
    }
  }
  const periodBuyers = count(fromDay, toDay);
  return {
    start: count(fromDay - activeDays, fromDay - 1),
    end: count(toDay - activeDays + 1, toDay),
    new: newCustomers,
    buyers: periodBuyers,
    repeatBuyers: periodBuyers - singles,
    orders,
    revenue,
  };
}
