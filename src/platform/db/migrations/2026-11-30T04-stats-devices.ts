import { type Kysely, type RawBuilder, sql } from 'kysely';

// The last device, OS, browser and locale move from customers to customer_stats. Every stored event
// already rewrites the customer's stats row (last activity); a device change also rewrote the
// customers row, one more whole page in SQLite's log per changed customer (docs/decisions.md).
// Every customer has a stats row from its creation on (CustomersRepo.insert, the demo loader); a
// merged-away customer has none, and its device already filled the survivor's gaps at the merge;
// an erased one holds nulls. So the values of all customers that still count are copied.

const columns = ['last_device', 'last_os', 'last_browser', 'locale'] as const;
const anySet = sql.join(columns.map((c) => sql`${sql.ref(`f.${c}`)} is not null`), sql` or `);

/** Adds the four columns to customer_stats, copies them over, and drops them from customers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of columns) await db.schema.alterTable('customer_stats').addColumn(column, 'text').execute();
  await copy(db, 'customer_stats', 'customers', sql`f.workspace_id = customer_stats.workspace_id and f.id = customer_stats.customer_id`);
  // One column per statement: SQLite drops one at a time.
  for (const column of columns) await db.schema.alterTable('customers').dropColumn(column).execute();
}

/** Moves the four columns back to customers. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of columns) await db.schema.alterTable('customers').addColumn(column, 'text').execute();
  await copy(db, 'customers', 'customer_stats', sql`f.workspace_id = customers.workspace_id and f.customer_id = customers.id`);
  for (const column of columns) await db.schema.alterTable('customer_stats').dropColumn(column).execute();
}

// Copies the four columns from the rows of `from` (aliased f) that hold any of them into the matching
// rows of `to`. UPDATE … FROM runs on both engines (SQLite since 3.33).
async function copy(db: Kysely<unknown>, to: string, from: string, match: RawBuilder<unknown>): Promise<void> {
  const set = sql.join(columns.map((c) => sql`${sql.ref(c)} = ${sql.ref(`f.${c}`)}`));
  await sql`update ${sql.table(to)} set ${set} from ${sql.table(from)} f where ${match} and (${anySet})`.execute(db);
}
