import type { Kysely } from 'kysely';
import { typesFor } from '../migration-helpers.js';

// Row problems of imports keep the code and values of their reason (platform/reasons.ts), so the
// web app can word them in the user's language; the English sentence stays in `reason`.

/** Adds the reason code and its values to import errors. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await typesFor(db);
  await db.schema.alterTable('import_errors').addColumn('code', 'text').execute();
  await db.schema.alterTable('import_errors').addColumn('params', t.json).execute();
}

/** Removes them again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['params', 'code']) await db.schema.alterTable('import_errors').dropColumn(column).execute();
}
