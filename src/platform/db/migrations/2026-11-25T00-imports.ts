import type { Kysely } from 'kysely';

// Import jobs that survive a crash: where to resume in the file, which process holds the job, and
// how often it was taken over after a holder stopped answering (a file that keeps killing its
// worker is given up instead of retried forever). SQLite adds one column per statement.

/** Adds the resume line, the holder and the take-over count to import jobs. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_jobs').addColumn('next_line', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('import_jobs').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('import_jobs').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

/** Removes the columns again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['attempts', 'claimed_by', 'next_line']) {
    await db.schema.alterTable('import_jobs').dropColumn(column).execute();
  }
}
