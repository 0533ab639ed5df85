import type { Kysely } from 'kysely';

// A computation of the scores rewrites only the customers whose scores changed. Comparing every
// stored column meant reading every column of every customer back (seven seconds at a million
// customers); each row now keeps a 52-bit digest of its scores, so the comparison reads the key,
// the stage, its day and the digest. Rows stored before have none and are rewritten once.
// A stage change also keeps the day the customer entered the stage they leave, so a customer's first
// stage needs no row of its own (it is the first change's from_stage, or the stored stage while it
// never changed): the first computation writes no history at all. The index of stage changes by day goes: no query reads them by day (the lifecycle flows are
// computed from orders), and every computation paid for it with a random index write per change.

/** Adds the digest of the scores and the day of the stage left; drops the index of stage changes by day. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('customer_scores').addColumn('digest', 'bigint').execute();
  await db.schema.alterTable('stage_transitions').addColumn('from_day', 'integer').execute();
  await db.schema.dropIndex('stage_transitions_day').execute();
}

/** Undoes all three. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('stage_transitions_day').on('stage_transitions').columns(['workspace_id', 'day']).execute();
  await db.schema.alterTable('stage_transitions').dropColumn('from_day').execute();
  await db.schema.alterTable('customer_scores').dropColumn('digest').execute();
}
