import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { PeriodCounts } from './kpi/kpi.js';
import type { RecentBuyer } from './kpi/recent-counts.js';
import type { Database } from '../../platform/db/schema.js';
import { purchaseStatuses } from '../../common/purchase-statuses.js';

/** One customer's purchase days up to a day: what the CLV models are fitted on. */
export interface PurchaseDaysRow {
  customer_id: number;
  first_day: number;
  last_day: number;
  /** Distinct days with a purchase. */
  days: number;
  /** Net value of all purchases, minor units. */
  value: number;
  /** Net value of the purchases on the first day, minor units. */
  first_day_value: number;
}

/** One customer's purchases in a period: what RFM scores. */
export interface PeriodTotalsRow {
  customer_id: number;
  last_day: number;
  /** Distinct days with a purchase. */
  days: number;
  orders: number;
  /** Net value, minor units. */
  value: number;
  /** The first purchase day ever, before the period too. */
  first_day: number;
}


/** SQL of the customer analytics. */
export class AnalyticsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Per customer with a purchase on or before `lastDay` (a local day number): first and last purchase
   * day, the number of distinct purchase days and the value bought, in total and on the first day.
   */
  async purchaseDays(workspaceId: string, lastDay: number): Promise<PurchaseDaysRow[]> {
    const result = await sql<PurchaseDaysRow>`
      with per_day as (
        select customer_id, order_day, sum(total - refunded) as value
        from orders
        where workspace_id = ${workspaceId} and order_day <= ${lastDay} and status in (${sql.join(purchaseStatuses)})
        group by customer_id, order_day
      ),
      firsts as (select customer_id, min(order_day) as first_day from per_day group by customer_id)
      select p.customer_id, f.first_day, max(p.order_day) as last_day, count(*) as days,
             sum(p.value) as value,
             sum(case when p.order_day = f.first_day then p.value else 0 end) as first_day_value
      from per_day p join firsts f on f.customer_id = p.customer_id
      group by p.customer_id, f.first_day`.execute(this.db);
    return result.rows;
  }

  /**
   * The same rows as purchaseDays for all history, read from customer_stats (kept current with every
   * order): one row per customer instead of a pass over every order. Equal to purchaseDays(lastDay)
   * when no purchase is after lastDay (see hasPurchasesAfter).
   */
  async purchaseDaysFromStats(workspaceId: string): Promise<PurchaseDaysRow[]> {
    const result = await sql<PurchaseDaysRow>`
      select customer_id, first_order_day as first_day, last_order_day as last_day, order_days as days, revenue as value, first_day_value
      from customer_stats
      where workspace_id = ${workspaceId} and order_days > 0`.execute(this.db);
    return result.rows.map((r) => ({
      customer_id: Number(r.customer_id), first_day: Number(r.first_day), last_day: Number(r.last_day), days: Number(r.days),
      value: Number(r.value), first_day_value: Number(r.first_day_value ?? 0),
    }));
  }

  /** The same rows as periodTotals for all history, read from customer_stats (see purchaseDaysFromStats). */
  async periodTotalsFromStats(workspaceId: string): Promise<PeriodTotalsRow[]> {
    const result = await sql<PeriodTotalsRow>`
      select customer_id, last_order_day as last_day, order_days as days, orders_count as orders, revenue as value, first_order_day as first_day
      from customer_stats
      where workspace_id = ${workspaceId} and order_days > 0`.execute(this.db);
    return result.rows.map((r) => ({
      customer_id: Number(r.customer_id), last_day: Number(r.last_day), days: Number(r.days), orders: Number(r.orders), value: Number(r.value), first_day: Number(r.first_day),
    }));
  }

  /**
   * Per customer with a purchase up to a day, in all history or from a day: from customer_stats when
   * the period is all history and no purchase is after its end (one row a customer), else from orders.
   */
  async totals(workspaceId: string, fromDay: number | null, toDay: number): Promise<PeriodTotalsRow[]> {
    if (fromDay === null && !(await this.hasPurchasesAfter(workspaceId, toDay))) return this.periodTotalsFromStats(workspaceId);
    return this.periodTotals(workspaceId, fromDay, toDay);
  }

  /** Per customer, the purchase days up to a day (see purchaseDays): from customer_stats when no purchase is after it, else from orders. */
  async histories(workspaceId: string, lastDay: number): Promise<PurchaseDaysRow[]> {
    if (!(await this.hasPurchasesAfter(workspaceId, lastDay))) return this.purchaseDaysFromStats(workspaceId);
    return this.purchaseDays(workspaceId, lastDay);
  }

  /** Whether any customer has a purchase after a local day number. */
  async hasPurchasesAfter(workspaceId: string, day: number): Promise<boolean> {
    const row = await sql<{ one: number }>`
      select 1 as one from customer_stats where workspace_id = ${workspaceId} and last_order_day > ${day} limit 1`.execute(this.db);
    return row.rows.length > 0;
  }

  /**
   * Per customer with a purchase between two local day numbers (inclusive; no lower bound when null):
   * last day, purchase days, orders, value, and the first purchase day ever (customer_stats keeps it;
   * the period's own first day for a customer without stats).
   */
  async periodTotals(workspaceId: string, fromDay: number | null, toDay: number): Promise<PeriodTotalsRow[]> {
    const result = await sql<PeriodTotalsRow>`
      select t.customer_id, t.last_day, t.days, t.orders, t.value, coalesce(s.first_order_day, t.first_day) as first_day
      from (
        select customer_id, min(order_day) as first_day, max(order_day) as last_day, count(distinct order_day) as days, count(*) as orders,
               sum(total - refunded) as value
        from orders
        where workspace_id = ${workspaceId} and order_day <= ${toDay} and order_day >= ${fromDay ?? -1_000_000}
          and ${instantsOf(fromDay, toDay)} and status in (${sql.join(purchaseStatuses)})
        group by customer_id
      ) t
      left join customer_stats s on s.workspace_id = ${workspaceId} and s.customer_id = t.customer_id`.execute(this.db);
    return result.rows.map((r) => ({
      customer_id: Number(r.customer_id), last_day: Number(r.last_day), days: Number(r.days), orders: Number(r.orders), value: Number(r.value), first_day: Number(r.first_day),
    }));
  }

  /** Orders per customer and purchase day between two local day numbers (inclusive). */
  async dailyOrders(workspaceId: string, fromDay: number, toDay: number): Promise<{ customer_id: number; order_day: number; orders: number }[]> {
    const result = await sql<{ customer_id: number; order_day: number; orders: number }>`
      select customer_id, order_day, count(*) as orders
      from orders
      where workspace_id = ${workspaceId} and order_day between ${fromDay} and ${toDay} and ${instantsOf(fromDay, toDay)}
        and status in (${sql.join(purchaseStatuses)})
      group by customer_id, order_day`.execute(this.db);
    return result.rows;
  }

  /**
   * The counts of a period's KPIs (local day numbers, inclusive): customers active at its start (a
   * purchase in the `activeDays` days before it) and at its end (in the `activeDays` days up to it),
   * new customers, buyers, repeat buyers, orders and revenue.
   */
  async periodCounts(workspaceId: string, fromDay: number, toDay: number, activeDays: number): Promise<PeriodCounts> {
    const result = await sql<Record<keyof PeriodCounts, number | null>>`
      with c as (
        select customer_id,
               min(order_day) as first_day,
               max(case when order_day < ${fromDay} then order_day end) as last_before,
               max(order_day) as last_day,
               count(distinct order_day) as days,
               sum(case when order_day >= ${fromDay} then 1 else 0 end) as orders,
               sum(case when order_day >= ${fromDay} then total - refunded else 0 end) as revenue
        from orders
        where workspace_id = ${workspaceId} and order_day <= ${toDay} and status in (${sql.join(purchaseStatuses)})
        group by customer_id
      )
      select sum(case when last_before >= ${fromDay - activeDays} then 1 else 0 end) as "start",
             sum(case when last_day > ${toDay - activeDays} then 1 else 0 end) as "end",
             sum(case when first_day >= ${fromDay} then 1 else 0 end) as "new",
             sum(case when orders > 0 then 1 else 0 end) as buyers,
             sum(case when orders > 0 and days >= 2 then 1 else 0 end) as "repeatBuyers",
             sum(orders) as orders,
             sum(revenue) as revenue
      from c`.execute(this.db);
    const row = result.rows[0];
    // An empty period sums to null.
    const n = (key: keyof PeriodCounts) => Number(row?.[key] ?? 0);
    return { start: n('start'), end: n('end'), new: n('new'), buyers: n('buyers'), repeatBuyers: n('repeatBuyers'), orders: n('orders'), revenue: n('revenue') };
  }

  /**
   * The customers who bought after a day (up to `toDay`), with their purchase days after it and, from
   * their history up to it, first and last purchase day and number of purchase days (see
   * kpi/recent-counts.ts). The orders of the last days are read; the history comes from
   * customer_stats (which keeps the first, last and previous purchase day and the count) where it
   * tells it, else from the customer's orders.
   */
  async recentBuyers(workspaceId: string, afterDay: number, toDay: number): Promise<RecentBuyer[]> {
    const recent = await sql<{ customer_id: number; order_day: number; orders: number; revenue: number }>`
      select customer_id, order_day, count(*) as orders, sum(total - refunded) as revenue
      from orders
      where workspace_id = ${workspaceId} and order_day > ${afterDay} and order_day <= ${toDay} and ${instantsOf(afterDay + 1, toDay)}
        and status in (${sql.join(purchaseStatuses)})
      group by customer_id, order_day
      order by customer_id, order_day`.execute(this.db);
    const byCustomer = new Map<number, RecentBuyer & { days: { day: number; orders: number; revenue: number }[] }>();
    for (const r of recent.rows) {
      const id = Number(r.customer_id);
      let buyer = byCustomer.get(id);
      if (!buyer) byCustomer.set(id, (buyer = { days: [], firstDay: null, lastDay: null, dayCount: 0 }));
      buyer.days.push({ day: Number(r.order_day), orders: Number(r.orders), revenue: Number(r.revenue) });
    }
    const fromOrders: number[] = [];
    for (const ids of chunks([...byCustomer.keys()], 500)) {
      const stats = await sql<{ customer_id: number; first_day: number | null; last_day: number | null; prev_day: number | null; days: number }>`
        select customer_id, first_order_day as first_day, last_order_day as last_day, prev_order_day as prev_day, order_days as days
        from customer_stats where workspace_id = ${workspaceId} and customer_id in (${sql.join(ids)})`.execute(this.db);
      const found = new Set<number>();
      for (const row of stats.rows) {
        const buyer = byCustomer.get(Number(row.customer_id));
        if (!buyer) continue;
        const before = Number(row.days) - buyer.days.length;
        // The stats tell the history up to the day when the customer's last purchase is their last
        // recent one and at most one recent day hides the previous day.
        if (Number(row.last_day) !== buyer.days[buyer.days.length - 1].day || buyer.days.length > 1 || before < 0) continue;
        found.add(Number(row.customer_id));
        buyer.dayCount = before;
        buyer.firstDay = before > 0 ? Number(row.first_day) : null;
        buyer.lastDay = before > 0 ? Number(row.prev_day) : null;
      }
      for (const id of ids) if (!found.has(id)) fromOrders.push(id);
    }
    for (const ids of chunks(fromOrders, 500)) {
      const history = await sql<{ customer_id: number; first_day: number; last_day: number; days: number }>`
        select customer_id, min(order_day) as first_day, max(order_day) as last_day, count(distinct order_day) as days
        from orders
        where workspace_id = ${workspaceId} and customer_id in (${sql.join(ids)}) and order_day <= ${afterDay}
          and status in (${sql.join(purchaseStatuses)})
        group by customer_id`.execute(this.db);
      for (const h of history.rows) {
        const buyer = byCustomer.get(Number(h.customer_id));
        if (!buyer) continue;
        buyer.firstDay = Number(h.first_day);
        buyer.lastDay = Number(h.last_day);
        buyer.dayCount = Number(h.days);
      }
    }
    return [...byCustomer.values()];
  }

  /** Every purchase day of every customer up to a local day number, in order of customer and day. */
  async purchaseDayList(workspaceId: string, toDay: number): Promise<{ customer_id: number; order_day: number }[]> {
    return this.db
      .selectFrom('orders')
      .select(['customer_id', 'order_day'])
      .where('workspace_id', '=', workspaceId)
      .where('order_day', '<=', toDay)
      .where('status', 'in', purchaseStatuses)
      .groupBy(['customer_id', 'order_day'])
      .orderBy('customer_id')
      .orderBy('order_day')
      .execute();
  }

  /** The live (not merged-away) customers created up to an instant, with the instant each was created. */
  async customersCreated(workspaceId: string, until: number): Promise<{ id: number; created_at: number }[]> {
    return this.db
      .selectFrom('customers')
      .select(['id', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .where('merged_into', 'is', null)
      .where('created_at', '<=', until)
      .execute();
  }
}

// The instants that local days fromDay … toDay can hold in any time zone (UTC−12 … UTC+14), a day
// wider on each side: with it a period's orders are found through the (workspace_id, ordered_at)
// index instead of reading all orders for their day (a 90-day RFM at ten million orders on SQLite:
// the days' orders rather than all of them). All history (fromDay null) is read whole, as before.
function instantsOf(fromDay: number | null, toDay: number): RawBuilder<unknown> {
  if (fromDay === null) return sql`1 = 1`;
  return sql`ordered_at >= ${(fromDay - 1) * 86_400_000} and ordered_at < ${(toDay + 2) * 86_400_000}`;
}

// A list in parts of at most `size`.
function chunks<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}
