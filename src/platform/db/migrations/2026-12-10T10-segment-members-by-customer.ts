import type { Kysely } from 'kysely';

// Who of some customers is in which segment (the segment evaluator asks it every pass, the profile
// for one customer): the customer index now holds the segment too, so the answer is read from the
// index alone. Covering, it is also what SQLite's planner picks for `customer_id = ?`; given only
// (workspace_id, customer_id) it preferred scanning the whole workspace's primary key, which covers
// both columns (measured: 69 ms a pass at 100,000 customers, from a few milliseconds).

/** Replaces the customer index of segment_members with one that covers the segment. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('segment_members_customer').execute();
  await db.schema.createIndex('segment_members_customer').on('segment_members').columns(['workspace_id', 'customer_id', 'segment_id']).execute();
}

/** Back to the index of (workspace_id, customer_id). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('segment_members_customer').execute();
  await db.schema.createIndex('segment_members_customer').on('segment_members').columns(['workspace_id', 'customer_id']).execute();
}
