import { type Kysely, sql } from 'kysely';
import type { CustomerStatsTable, Database } from '../../platform/db/schema.js';
import { purchaseStatuses } from '../../common/purchase-statuses.js';
import type { DeviceFields, Touch } from './customer-fields.js';

/** Per-customer aggregates as stored. */
export type StatsRow = CustomerStatsTable;

/** What a batch of events says of a customer: the latest time they were active and, when told, their device and last touch. */
export interface Activity {
  at: number;
  device?: DeviceFields;
  /** The batch's latest event with campaign tags. */
  touch?: Touch;
}

/** SQL for customer_stats, the per-customer aggregates kept current at write time. */
export class StatsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Recomputes the order aggregates of some customers from their orders (an indexed scan of each
   * customer's own orders), keeping last activity. Used after any order change and after merges,
   * so a refund, a cancellation or a merge can never leave the numbers drifting.
   */
  async recomputeOrders(workspaceId: string, customerIds: number[], now: number): Promise<void> {
    for (const customerId of customerIds) {
      await sql`
        with p as (
          select ordered_at, order_day, total - refunded as value from orders
          where workspace_id = ${workspaceId} and customer_id = ${customerId} and status in (${sql.join(purchaseStatuses)})
        )
        insert into customer_stats
          (workspace_id, customer_id, first_order_at, last_order_at, orders_count, order_days, revenue, avg_check, last_activity_at, updated_at,
           first_order_day, last_order_day, prev_order_day, first_day_value)
        select ${workspaceId}, ${customerId}, min(ordered_at), max(ordered_at), count(*), count(distinct order_day),
               coalesce(sum(value), 0),
               -- PostgreSQL sums bigints as numeric; the cast makes the division an integer one on both engines.
               case when count(*) > 0 then cast(coalesce(sum(value), 0) as bigint) / count(*) else 0 end,
               max(ordered_at), ${now},
               min(order_day), max(order_day),
               (select max(order_day) from p where order_day < (select max(order_day) from p)),
               (select sum(value) from p where order_day = (select min(order_day) from p))
        -- SQLite needs a WHERE before an upsert's ON CONFLICT, or it reads ON as a join's.
        from p where true
        on conflict (workspace_id, customer_id) do update set
          first_order_at = excluded.first_order_at,
          last_order_at = excluded.last_order_at,
          orders_count = excluded.orders_count,
          order_days = excluded.order_days,
          revenue = excluded.revenue,
          avg_check = excluded.avg_check,
          first_order_day = excluded.first_order_day,
          last_order_day = excluded.last_order_day,
          prev_order_day = excluded.prev_order_day,
          first_day_value = excluded.first_day_value,
          last_activity_at = case
            when customer_stats.last_activity_at is null then excluded.last_activity_at
            when excluded.last_activity_at is not null and excluded.last_activity_at > customer_stats.last_activity_at
              then excluded.last_activity_at
            else customer_stats.last_activity_at end,
          updated_at = excluded.updated_at`.execute(this.db);
    }
  }

  /**
   * Raises customers' last activity to the given times (never lowers it) and writes the last-device
   * fields and the last touch given with them; one statement per 100 customers. A device field not
   * given is left as stored, so the device costs no statement and no page beyond the activity's own.
   * A touch replaces the stored one, its three tags together (a campaign without a name clears the
   * name), only when its event is not older than the stored touch's: a late-arriving old visit never
   * hides a newer campaign. It is compared with the stored touch's own time rather than with the last
   * activity, which orders and untagged visits move too.
   */
  async touchActivity(workspaceId: string, activity: Map<number, Activity>, now: number): Promise<void> {
    const entries = [...activity];
    for (let i = 0; i < entries.length; i += 100) {
      const rows = entries.slice(i, i + 100).map(([customerId, { at, device = {}, touch }]) => {
        const [lastDevice, lastOs, lastBrowser, locale] = [device.lastDevice ?? null, device.lastOs ?? null, device.lastBrowser ?? null, device.locale ?? null];
        const tags = touch?.tags;
        return sql`(${workspaceId}, ${customerId}, null, null, 0, 0, 0, 0, ${at}, ${now}, ${lastDevice}, ${lastOs}, ${lastBrowser}, ${locale},
          ${tags?.lastUtmSource ?? null}, ${tags?.lastUtmMedium ?? null}, ${tags?.lastUtmCampaign ?? null}, ${touch?.at ?? null})`;
      });
      // Every SET expression reads the row as it was, so the touch's test holds for all four columns.
      const newer = sql`excluded.last_utm_at is not null and (customer_stats.last_utm_at is null or excluded.last_utm_at >= customer_stats.last_utm_at)`;
      const touched = (column: string) => sql`${sql.raw(column)} = case when ${newer} then ${sql.raw(`excluded.${column}`)} else ${sql.raw(`customer_stats.${column}`)} end`;
      await sql`
        insert into customer_stats
          (workspace_id, customer_id, first_order_at, last_order_at, orders_count, order_days, revenue, avg_check, last_activity_at, updated_at,
           last_device, last_os, last_browser, locale, last_utm_source, last_utm_medium, last_utm_campaign, last_utm_at)
        values ${sql.join(rows)}
        on conflict (workspace_id, customer_id) do update set
          last_activity_at = case
            when customer_stats.last_activity_at is null or excluded.last_activity_at > customer_stats.last_activity_at
              then excluded.last_activity_at
            else customer_stats.last_activity_at end,
          last_device = coalesce(excluded.last_device, customer_stats.last_device),
          last_os = coalesce(excluded.last_os, customer_stats.last_os),
          last_browser = coalesce(excluded.last_browser, customer_stats.last_browser),
          locale = coalesce(excluded.locale, customer_stats.locale),
          ${sql.join(['last_utm_source', 'last_utm_medium', 'last_utm_campaign', 'last_utm_at'].map(touched))},
          updated_at = excluded.updated_at`.execute(this.db);
    }
  }

  /** The aggregates of one customer. */
  async get(workspaceId: string, customerId: number): Promise<StatsRow | undefined> {
    return this.db
      .selectFrom('customer_stats')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
  }
}
