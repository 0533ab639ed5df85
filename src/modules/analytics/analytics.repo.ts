import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

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
}

// Orders that count as purchases, as in customer_stats.
const countedStatuses = ['completed', 'partially_refunded'];

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
        where workspace_id = ${workspaceId} and order_day <= ${lastDay} and status in (${sql.join(countedStatuses)})
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

  /** Per customer with a purchase between two local day numbers (inclusive; no lower bound when null): last day, purchase days, orders, value. */
  async periodTotals(workspaceId: string, fromDay: number | null, toDay: number): Promise<PeriodTotalsRow[]> {
    const result = await sql<PeriodTotalsRow>`
      select customer_id, max(order_day) as last_day, count(distinct order_day) as days, count(*) as orders,
             sum(total - refunded) as value
      from orders
      where workspace_id = ${workspaceId} and order_day <= ${toDay} and order_day >= ${fromDay ?? -1_000_000}
        and status in (${sql.join(countedStatuses)})
      group by customer_id`.execute(this.db);
    return result.rows;
  }

  /** Orders per customer and purchase day between two local day numbers (inclusive). */
  async dailyOrders(workspaceId: string, fromDay: number, toDay: number): Promise<{ customer_id: number; order_day: number; orders: number }[]> {
    const result = await sql<{ customer_id: number; order_day: number; orders: number }>`
      select customer_id, order_day, count(*) as orders
      from orders
      where workspace_id = ${workspaceId} and order_day between ${fromDay} and ${toDay} and status in (${sql.join(countedStatuses)})
      group by customer_id, order_day`.execute(this.db);
    return result.rows;
  }
}
