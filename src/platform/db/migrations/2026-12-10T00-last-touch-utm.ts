import type { Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.js';
import { createSourceTriggers, deviceColumns, dropSourceTriggers, statsSource } from './2026-12-09T20-event-change-kinds.js';

// The last touch: the UTM source, medium and campaign of the customer's latest tracked event that
// came with a campaign, and that event's time (which decides whether a later-arriving event is newer).
// They sit on customer_stats beside the last device, which every event rewrites anyway. Rules read
// the three tags, so the stats triggers compare them too, under the device's kind of change; the
// time alone is not compared (no rule reads it, and it changes only with a tag or with the same tags
// again). Rows stored before start with no last touch: events are not replayed here.

const tags = ['last_utm_source', 'last_utm_medium', 'last_utm_campaign'] as const;

/** Adds the last-touch columns and has the stats triggers compare the three tags. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = await isPostgres(db);
  for (const column of tags) await db.schema.alterTable('customer_stats').addColumn(column, 'text').execute();
  await db.schema.alterTable('customer_stats').addColumn('last_utm_at', 'bigint').execute();
  await dropSourceTriggers(db, statsSource(deviceColumns), pg);
  await createSourceTriggers(db, statsSource([...deviceColumns, ...tags]), pg);
}

/** Back to the 2026-12-09T20 stats triggers, without the last-touch columns. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = await isPostgres(db);
  await dropSourceTriggers(db, statsSource(deviceColumns), pg);
  await createSourceTriggers(db, statsSource(deviceColumns), pg);
  // One column per statement: SQLite drops one at a time.
  for (const column of [...tags, 'last_utm_at']) await db.schema.alterTable('customer_stats').dropColumn(column).execute();
}
