import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

// Re-checking changed customers against saved segments reads each one's events of a type and name
// in a window (activity-scans.ts). Through the index of (workspace, customer, time) every such event
// was a lookup of its row in the table, where a customer's events lie scattered (rows are stored in
// the order they arrive): at 100,000 customers, a third of the re-checking time went to those reads.
// The index now carries what the scans read — type, name and the property columns — so they read a
// customer's events from one run of the index alone. The timeline's reads (a customer's events by
// time) use it as before. On PostgreSQL the added columns are INCLUDEd, not keys.

const added = ['type', 'name', 'category_key', 'price', 'campaign_source_key'];

/** Rebuilds events_customer_time to cover what the segment scans read. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('events_customer_time').execute();
  if (await isPostgres(db)) {
    await sql`create index events_customer_time on events (workspace_id, customer_id, timestamp) include (${sql.join(added.map((c) => sql.ref(c)))})`.execute(db);
  } else {
    await db.schema.createIndex('events_customer_time').on('events').columns(['workspace_id', 'customer_id', 'timestamp', ...added]).execute();
  }
}

/** Back to the index of (workspace_id, customer_id, timestamp). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('events_customer_time').execute();
  await db.schema.createIndex('events_customer_time').on('events').columns(['workspace_id', 'customer_id', 'timestamp']).execute();
}
