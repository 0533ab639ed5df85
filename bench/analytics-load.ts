import type { BenchDatabase } from './bench-support.js';
import type { Shop } from './analytics-data.js';
import { PostgresShopWriter } from './analytics-load-postgres.js';
import { SqliteShopWriter } from './analytics-load-sqlite.js';

// Bulk load of a generated shop straight into the product's tables of a database the product's
// migrations made (and the product's services gave a workspace): customers with a phone identifier,
// orders in chronological order, then customer_stats from the orders in one INSERT … SELECT. The
// tables' secondary indexes are dropped for the load and created again from their own definitions,
// and the schema is compared before and after, so the result is exactly the product's.

/** Tables whose secondary indexes are rebuilt after the load instead of maintained row by row. */
export const loadedTables = ['customers', 'customer_identifiers', 'orders', 'customer_stats'] as const;

/** What one engine's bulk writer does. */
export interface ShopWriter {
  /** Every table, index and constraint definition, to compare before and after. */
  schema(): Promise<string[]>;
  /** Drops the secondary indexes (and unique constraints where the engine can) of the tables; returns the statements that recreate them. */
  dropSecondaryIndexes(tables: readonly string[]): Promise<string[]>;
  /** The next free id of customers and of orders. */
  nextIds(): Promise<{ customer: number; order: number }>;
  insertCustomers(workspaceId: string, shop: Shop, firstId: number): Promise<void>;
  insertOrders(workspaceId: string, shop: Shop, firstCustomerId: number, firstOrderId: number): Promise<void>;
  /** Runs statements one after another (index definitions). */
  execute(statements: string[]): Promise<void>;
  /** Runs the customer_stats statement built by statsSql with the engine's placeholders. */
  insertStats(workspaceId: string, now: number, columns: string[]): Promise<number>;
  /** The columns of a table. */
  columns(table: string): Promise<string[]>;
  /** Refreshes the planner's statistics (and on PostgreSQL the visibility map, as autovacuum would). */
  analyze(tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** Timings and sizes of a load. */
export interface LoadReport {
  ms: number;
  phases: { name: string; ms: number }[];
  customers: number;
  orders: number;
  firstCustomerId: number;
}

/** Writes the shop into the workspace of an empty, migrated database. */
export async function loadShop(database: BenchDatabase, workspaceId: string, shop: Shop, log: (line: string) => void): Promise<LoadReport> {
  const writer: ShopWriter = database.engine === 'sqlite' ? SqliteShopWriter.open(database.url) : await PostgresShopWriter.open(database.url);
  const phases: { name: string; ms: number }[] = [];
  const started = performance.now();
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await work();
    phases.push({ name, ms: performance.now() - t });
    log(`  load: ${name} ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return result;
  };
  try {
    const before = await writer.schema();
    const ids = await writer.nextIds();
    const recreate = await phase('drop secondary indexes', () => writer.dropSecondaryIndexes(loadedTables));
    await phase(`customers + phone identifiers (${shop.createdAt.length.toLocaleString('en')})`, () => writer.insertCustomers(workspaceId, shop, ids.customer));
    await phase(`orders (${shop.customer.length.toLocaleString('en')})`, () => writer.insertOrders(workspaceId, shop, ids.customer, ids.order));
    await phase(`recreate ${recreate.length} indexes`, () => writer.execute(recreate));
    const statsColumns = await writer.columns('customer_stats');
    await phase('customer_stats from the orders', () => writer.insertStats(workspaceId, Date.now(), statsColumns));
    await phase('analyze', () => writer.analyze(loadedTables));
    const after = await writer.schema();
    const changed = [...new Set([...before, ...after])].filter((d) => before.includes(d) !== after.includes(d));
    if (changed.length > 0) throw new Error(`the load changed the schema:\n${changed.join('\n')}`);
    return { ms: performance.now() - started, phases, customers: shop.createdAt.length, orders: shop.customer.length, firstCustomerId: ids.customer };
  } finally {
    await writer.close();
  }
}

// customer_stats columns the statement fills: as StatsRepo.recomputeOrders computes them from a
// customer's purchases (completed and partly refunded orders, net of refunds); customers without
// purchases get the zero row the product gives every new customer.
const statsExpressions: Record<string, string> = {
  workspace_id: 'cu.workspace_id',
  customer_id: 'cu.id',
  first_order_at: 'c.first_at',
  last_order_at: 'c.last_at',
  orders_count: 'coalesce(c.n, 0)',
  order_days: 'coalesce(c.days, 0)',
  revenue: 'coalesce(c.value, 0)',
  avg_check: 'case when c.n > 0 then cast(c.value as bigint) / cast(c.n as bigint) else 0 end',
  last_activity_at: 'c.last_at',
  updated_at: ':now',
  first_order_day: 'c.first_day',
  last_order_day: 'c.last_day',
  prev_order_day: 'd.prev_day',
  first_day_value: 'd.first_day_value',
  // The shop is loaded without events, so nobody has a device (as a customer created by the product has none).
  last_device: 'null',
  last_os: 'null',
  last_browser: 'null',
  locale: 'null',
  // Nor a last touch (the campaign tags of tracked visits).
  last_utm_source: 'null',
  last_utm_medium: 'null',
  last_utm_campaign: 'null',
  last_utm_at: 'null',
};

/**
 * The INSERT … SELECT that fills customer_stats for every customer of the workspace from its
 * orders, for the columns the table has; `:ws`, `:now` and `:statuses` (the purchase
 * statuses) are the engine's to bind.
 */
export function statsSql(columns: string[]): string {
  const unknown = columns.filter((c) => !(c in statsExpressions));
  if (unknown.length > 0) throw new Error(`customer_stats has columns the benchmark's load does not fill: ${unknown.join(', ')}`);
  const needsDays = columns.includes('prev_order_day') || columns.includes('first_day_value');
  return `
    with per_day as (
      select customer_id, order_day, count(*) as n, sum(total - refunded) as value, min(ordered_at) as first_at, max(ordered_at) as last_at
      from orders where workspace_id = :ws and status in (:statuses)
      group by customer_id, order_day
    ),
    c as (
      select customer_id, min(first_at) as first_at, max(last_at) as last_at, sum(n) as n, count(*) as days, sum(value) as value,
             min(order_day) as first_day, max(order_day) as last_day
      from per_day group by customer_id
    )${needsDays ? `,
    d as (
      select p.customer_id, max(case when p.order_day < c.last_day then p.order_day end) as prev_day,
             sum(case when p.order_day = c.first_day then p.value else 0 end) as first_day_value
      from per_day p join c on c.customer_id = p.customer_id
      group by p.customer_id
    )` : ''}
    insert into customer_stats (${columns.join(', ')})
    select ${columns.map((c) => statsExpressions[c]).join(', ')}
    from customers cu
    left join c on c.customer_id = cu.id${needsDays ? '\n    left join d on d.customer_id = cu.id' : ''}
    where cu.workspace_id = :ws`;
}
