import { type Kysely, type RawBuilder, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

// Before amounts were bounded (orders/order-bounds.ts), an order could be stored with a total of
// 2^60, or on SQLite 1e302 kept as REAL: read back as a double it is no longer a whole number of
// minor units, and the customer list, the orders and the analytics failed on it. Such orders are
// taken out of the purchases here (docs/ingestion.md, "Orders stored before the bounds"): their
// offending amounts become 0 and a purchase becomes 'cancelled', every value changed kept as text in
// order_repairs; the stats of their customers are recomputed from the orders left, and what was
// derived from the bad values (the customers' scores, the workspace's stored summary and KPI index)
// is dropped for the next computation of the scores to rebuild. Any stats row whose sums lie beyond
// 2^53 − 1 for another reason is recomputed the same way.

// The bounds and the purchase statuses as they are at this release (orders/order-bounds.ts,
// orders/purchase-statuses.ts); a later change to them needs a repair of its own.
const maxAmount = sql.lit(1_000_000_000_000);
const maxQuantity = sql.lit(1_000_000);
const maxSum = sql.lit(Number.MAX_SAFE_INTEGER);
const purchase = sql`('completed', 'partially_refunded')`;
const amounts = ['total', 'discount', 'shipping', 'tax', 'refunded', 'points_used'] as const;

/** Repairs the orders beyond the bounds, recomputes their customers' stats and drops what was derived from them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const bad = outOfBounds(await isPostgres(db));
  const now = Date.now();
  await db.schema
    .createTable('order_repairs')
    .ifNotExists()
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'bigint', (c) => c.notNull())
    .addColumn('item_id', 'bigint')
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('original', 'text', (c) => c.notNull())
    .addColumn('repaired_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_repairs_order').ifNotExists().on('order_repairs').columns(['workspace_id', 'order_id']).execute();

  // Each value is kept before it changes; the changes are then made to the rows kept, so a second
  // run finds nothing left to repair.
  const keep = (from: string, orderId: string, itemId: RawBuilder<unknown>, field: string, where: RawBuilder<unknown>) =>
    sql`insert into order_repairs (workspace_id, order_id, item_id, customer_id, field, original, repaired_at)
      select workspace_id, ${sql.ref(orderId)}, ${itemId}, customer_id, ${field}, cast(${sql.ref(field)} as text), ${now}
      from ${sql.table(from)} where ${where}`.execute(db);
  const kept = (field: string, item: boolean) =>
    sql`(select ${sql.ref(item ? 'item_id' : 'order_id')} from order_repairs where repaired_at = ${now} and field = ${field} and item_id is ${item ? sql`not null` : sql`null`})`;

  const noItem = sql`cast(null as bigint)`;
  for (const column of amounts) await keep('orders', 'id', noItem, column, bad.amount(sql.ref(column)));
  // A line is beyond the bound by its price, its quantity, or both together (price × quantity).
  const line = sql`abs(cast(price as double precision) * cast(quantity as double precision)) > ${maxAmount}`;
  await keep('order_items', 'order_id', sql.ref('id'), 'price', sql`${bad.amount(sql.ref('price'))} or (not ${bad.quantity(sql.ref('quantity'))} and ${line})`);
  await keep('order_items', 'order_id', sql.ref('id'), 'quantity', bad.quantity(sql.ref('quantity')));
  for (const column of amounts) await sql`update orders set ${sql.ref(column)} = 0 where id in ${kept(column, false)}`.execute(db);
  for (const column of ['price', 'quantity']) await sql`update order_items set ${sql.ref(column)} = 0 where id in ${kept(column, true)}`.execute(db);

  // The orders that take a customer's totals past 2^53 − 1, in the order they were placed: the
  // orders service refuses them now. (Every total is within its bound by here, so no sum overflows.)
  await sql`
    with heavy as (
      select workspace_id, customer_id from orders group by workspace_id, customer_id having sum(abs(total)) > ${maxSum}
    ), running as (
      select o.workspace_id, o.id, o.customer_id, o.total,
             sum(abs(o.total)) over (partition by o.workspace_id, o.customer_id order by o.ordered_at, o.id) as sum_so_far
      from orders o join heavy v on v.workspace_id = o.workspace_id and v.customer_id = o.customer_id
    )
    insert into order_repairs (workspace_id, order_id, item_id, customer_id, field, original, repaired_at)
    select workspace_id, id, ${noItem}, customer_id, 'total', cast(total as text), ${now} from running where sum_so_far > ${maxSum}`.execute(db);
  await sql`update orders set total = 0 where id in ${kept('total', false)}`.execute(db);

  // Every repaired order leaves the purchases; its status before is kept with its values.
  await sql`insert into order_repairs (workspace_id, order_id, item_id, customer_id, field, original, repaired_at)
    select workspace_id, id, ${noItem}, customer_id, 'status', status, ${now} from orders
    where status in ${purchase} and id in (select order_id from order_repairs where repaired_at = ${now})`.execute(db);
  await sql`update orders set status = 'cancelled' where id in ${kept('status', false)}`.execute(db);
  await sql`update orders set updated_at = ${now} where id in (select order_id from order_repairs where repaired_at = ${now})`.execute(db);

  const customers = await sql<Owner>`
    select distinct workspace_id, customer_id from order_repairs where repaired_at = ${now}
    union
    select workspace_id, customer_id from customer_stats where ${bad.sum(sql.ref('revenue'))} or ${bad.sum(sql.ref('avg_check'))}
      or (first_day_value is not null and ${bad.sum(sql.ref('first_day_value'))})`.execute(db);
  for (const { workspace_id, customer_id } of customers.rows) await recomputeOrders(db, workspace_id, customer_id, now);

  // Derived rows are recomputable: the next computation of the scores writes them again. Until then
  // the customers have no scores and the summary answers null, as before a first computation.
  const scored = await sql<Owner>`select workspace_id, customer_id from customer_scores
    where predicted_clv is not null and ${bad.sum(sql.ref('predicted_clv'))}`.execute(db);
  const owners = [...customers.rows, ...scored.rows];
  for (const { workspace_id, customer_id } of owners) {
    await sql`delete from customer_scores where workspace_id = ${workspace_id} and customer_id = ${customer_id}`.execute(db);
  }
  for (const workspaceId of new Set(owners.map((o) => o.workspace_id))) {
    await sql`update analytics_runs set summary = null where workspace_id = ${workspaceId} and summary is not null`.execute(db);
    await sql`delete from analytics_activity where workspace_id = ${workspaceId}`.execute(db);
  }
}

/** Nothing to undo: the values taken out are stored in order_repairs, which stays for reference. */
export async function down(): Promise<void> {
  // Putting the values back would make the reads fail again, and the schema is the one before.
}

interface Owner {
  workspace_id: string;
  customer_id: number;
}

interface Bounds {
  amount(column: RawBuilder<unknown>): RawBuilder<unknown>;
  quantity(column: RawBuilder<unknown>): RawBuilder<unknown>;
  sum(column: RawBuilder<unknown>): RawBuilder<unknown>;
}

// Conditions for a stored value beyond its bound. PostgreSQL's bigint holds integers only, and its
// NaN sorts above every number. SQLite keeps what an integer column cannot hold (1e302, 12.5,
// Infinity) as REAL, or as text, and a REAL column may hold anything: their types are checked too.
function outOfBounds(postgres: boolean): Bounds {
  const beyond = (c: RawBuilder<unknown>, max: RawBuilder<unknown>) => sql`${c} > ${max} or ${c} < -${max}`;
  const typed = (c: RawBuilder<unknown>, types: RawBuilder<unknown>) => (postgres ? sql`false` : sql`typeof(${c}) not in ${types}`);
  return {
    amount: (c) => sql`(${typed(c, sql`('integer')`)} or ${beyond(c, maxAmount)})`,
    quantity: (c) => sql`(${typed(c, sql`('integer', 'real')`)} or ${beyond(c, maxQuantity)})`,
    sum: (c) => sql`(${typed(c, sql`('integer')`)} or ${beyond(c, maxSum)})`,
  };
}

// StatsRepo.recomputeOrders as it is at this release: one customer's order aggregates from their
// purchases, last activity kept.
async function recomputeOrders(db: Kysely<unknown>, workspaceId: string, customerId: number, now: number): Promise<void> {
  await sql`
    with p as (
      select ordered_at, order_day, total - refunded as value from orders
      where workspace_id = ${workspaceId} and customer_id = ${customerId} and status in ${purchase}
    )
    insert into customer_stats
      (workspace_id, customer_id, first_order_at, last_order_at, orders_count, order_days, revenue, avg_check, last_activity_at, updated_at,
       first_order_day, last_order_day, prev_order_day, first_day_value)
    select ${workspaceId}, ${customerId}, min(ordered_at), max(ordered_at), count(*), count(distinct order_day),
           coalesce(sum(value), 0),
           case when count(*) > 0 then cast(coalesce(sum(value), 0) as bigint) / count(*) else 0 end,
           max(ordered_at), ${now},
           min(order_day), max(order_day),
           (select max(order_day) from p where order_day < (select max(order_day) from p)),
           (select sum(value) from p where order_day = (select min(order_day) from p))
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
      updated_at = excluded.updated_at`.execute(db);
}
