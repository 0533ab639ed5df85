import { type Kysely, sql } from 'kysely';
import { typesFor } from '../migration-helpers.js';

// The city filter ignores case and ё/е and matches the start of a name ("моск" finds "Москва").
// SQLite's lower() folds only ASCII letters, so the folded city is kept in a column of its own,
// written by the application (cityKey in customers/customer-fields.ts) and indexed with the
// workspace for a range scan. Stored rows are filled here: each distinct city is folded once in
// JavaScript, and one UPDATE joins every row to its key in a scratch table, so a million
// customers cost one pass however many cities they live in.

/** The folding of cityKey at this release; a later change to the folding needs a backfill of its own. */
function fold(city: string): string | null {
  const key = city.toLowerCase().replace(/ё/g, 'е').replace(/[\s\u2010-\u2015-]+/g, ' ').trim();
  return key || null;
}

const chunk = 200;

/** Adds customers.city_key, fills it from the stored cities and indexes it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await typesFor(db);
  await db.schema.alterTable('customers').addColumn('city_key', t.bytewiseText).execute();
  const cities = await sql<{ city: string }>`select distinct city from customers where city is not null`.execute(db);
  if (cities.rows.length > 0) {
    await db.schema.createTable('city_key_backfill').addColumn('city', 'text', (c) => c.primaryKey()).addColumn('city_key', t.bytewiseText).execute();
    for (let i = 0; i < cities.rows.length; i += chunk) {
      const values = cities.rows.slice(i, i + chunk).map((r) => sql`(${r.city}, ${fold(r.city)})`);
      await sql`insert into city_key_backfill (city, city_key) values ${sql.join(values)}`.execute(db);
    }
    // UPDATE … FROM runs on both engines (SQLite since 3.33) and lets PostgreSQL join by hash.
    await sql`update customers set city_key = k.city_key from city_key_backfill k where k.city = customers.city`.execute(db);
    await db.schema.dropTable('city_key_backfill').execute();
  }
  await db.schema.createIndex('customers_ws_city_key').on('customers').columns(['workspace_id', 'city_key']).execute();
}

/** Drops the index and the column. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('customers_ws_city_key').execute();
  await db.schema.alterTable('customers').dropColumn('city_key').execute();
}
