import { type Kysely, sql } from 'kysely';
import { typesFor, withId } from '../migration-helpers.js';

// Stored customer analytics (docs/analytics.md, "Stored scores"):
// - customer_stats gains the purchase days the scores need (first, last, the one before the last,
//   and the value bought on the first), kept current with the rest of the stats at write time, so a
//   recomputation reads one row per customer and never rescans orders;
// - customer_scores: every customer's RFM, ABC/XYZ, lifecycle stage and CLV scores as of the last
//   computation; stage_transitions: each change of a customer's stage, dated;
// - analytics_activity: the KPI counts of any period, as of the last computation;
// - analytics_runs: the computations (when, how long, how many, why they failed);
// - analytics_settings: a workspace's thresholds and rules.

// Same list as src/modules/orders/purchase-statuses.ts, frozen as it was when this migration was written.
const purchase = sql`('completed', 'partially_refunded')`;

/** Creates the score tables and adds the purchase days to customer_stats. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await typesFor(db);
  for (const column of ['first_order_day', 'last_order_day', 'prev_order_day']) {
    await db.schema.alterTable('customer_stats').addColumn(column, 'integer').execute();
  }
  await db.schema.alterTable('customer_stats').addColumn('first_day_value', 'bigint').execute();
  const own = sql`o.workspace_id = customer_stats.workspace_id and o.customer_id = customer_stats.customer_id and o.status in ${purchase}`;
  await sql`update customer_stats set
      first_order_day = (select min(o.order_day) from orders o where ${own}),
      last_order_day = (select max(o.order_day) from orders o where ${own})
    where orders_count > 0`.execute(db);
  await sql`update customer_stats set
      prev_order_day = (select max(o.order_day) from orders o where ${own} and o.order_day < customer_stats.last_order_day),
      first_day_value = (select sum(o.total - o.refunded) from orders o where ${own} and o.order_day = customer_stats.first_order_day)
    where orders_count > 0`.execute(db);

  await db.schema
    .createTable('customer_scores')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('rfm_r', 'integer')
    .addColumn('rfm_f', 'integer')
    .addColumn('rfm_m', 'integer')
    .addColumn('rfm_segment', 'text')
    .addColumn('abc', 'text')
    .addColumn('xyz', 'text')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_since', 'integer')
    .addColumn('p_alive', 'double precision')
    .addColumn('expected_30', 'double precision')
    .addColumn('expected_90', 'double precision')
    .addColumn('expected_365', 'double precision')
    .addColumn('predicted_clv', 'bigint')
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_scores_pk', ['workspace_id', 'customer_id'])
    .execute();
  // No secondary index: the customer list joins a page's scores by the primary key and filters on
  // them while it walks its own sort order, and a computation rewrites up to every row.

  await withId(t, db.schema.createTable('stage_transitions'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stage_transitions_customer').on('stage_transitions').columns(['workspace_id', 'customer_id', 'day']).execute();
  await db.schema.createIndex('stage_transitions_day').on('stage_transitions').columns(['workspace_id', 'day']).execute();

  await db.schema
    .createTable('analytics_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('as_of_day', 'integer', (c) => c.notNull())
    .addColumn('customers', 'integer')
    .addColumn('changed', 'integer')
    .addColumn('written', 'integer')
    .addColumn('phases', t.json)
    // What the scores add up to (segments, matrix, stages, CLV): the dashboard reads it.
    .addColumn('summary', t.json)
    .addColumn('error', 'text')
    .addColumn('requested_by', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('analytics_runs_workspace').on('analytics_runs').columns(['workspace_id', 'started_at']).execute();
  // At most one computation runs per workspace, whichever process starts it.
  await sql`create unique index analytics_runs_running on analytics_runs (workspace_id) where status = 'running'`.execute(db);

  // The KPI counts of any period up to a day (kpi/activity-index.ts), built by the computation.
  await db.schema
    .createTable('analytics_activity')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('last_day', 'integer', (c) => c.notNull())
    .addColumn('data', t.binary, (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('analytics_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('settings', t.json, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

/** Drops them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['analytics_settings', 'analytics_activity', 'analytics_runs', 'stage_transitions', 'customer_scores']) await db.schema.dropTable(table).execute();
  for (const column of ['first_day_value', 'prev_order_day', 'last_order_day', 'first_order_day']) {
    await db.schema.alterTable('customer_stats').dropColumn(column).execute();
  }
}
