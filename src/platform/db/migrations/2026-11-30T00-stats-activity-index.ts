import type { Kysely } from 'kysely';

// customer_stats.last_activity_at changes with nearly every ingested event, and its index moved
// one entry per event: a random index page written per event (about a third of the pages an
// ingestion batch writes) for an index no query used. Lists and segments that ask "active since"
// read it from the stats row they already scan; an index comes back with the query that needs it.

/** Drops the index on customers' last activity. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('customer_stats_last_activity_at').ifExists().execute();
}

/** Creates the index again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('customer_stats_last_activity_at').on('customer_stats').columns(['workspace_id', 'last_activity_at', 'customer_id']).execute();
}
