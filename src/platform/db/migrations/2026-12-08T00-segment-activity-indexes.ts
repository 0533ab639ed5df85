import type { Kysely } from 'kysely';

// Indexes for segment conditions evaluated over a whole workspace (modules/segments/rule-sql-activity.ts):
// - order lines by category, so "bought from category C" reads that category's lines (and finds the
//   workspace's distinct categories one index seek each) instead of every line of the workspace;
// - orders by customer now also carry the status and amounts, so "N orders (or S spent) in a window"
//   reads this index alone, in order, instead of fetching every order row at random. It replaces the
//   index of the same name: the same entries, wider, and still the index the per-customer reads use.
// Neither leads with anything but the workspace and the customer or category: an index that covers
// a condition's columns after the workspace alone would tempt SQLite, which keeps no statistics
// here, to scan the workspace's whole index when only a few customers are evaluated.

/** Adds the order lines' category index and widens the orders' customer index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('order_items_category').on('order_items').columns(['workspace_id', 'category']).execute();
  await db.schema.dropIndex('orders_customer_time').execute();
  await db.schema
    .createIndex('orders_customer_time')
    .on('orders')
    .columns(['workspace_id', 'customer_id', 'ordered_at', 'status', 'total', 'refunded'])
    .execute();
}

/** Drops the category index and narrows the customer index back. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('orders_customer_time').execute();
  await db.schema.createIndex('orders_customer_time').on('orders').columns(['workspace_id', 'customer_id', 'ordered_at']).execute();
  await db.schema.dropIndex('order_items_category').ifExists().execute();
}
