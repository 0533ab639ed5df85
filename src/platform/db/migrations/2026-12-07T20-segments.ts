import { type Kysely, sql } from 'kysely';
import { isPostgres, typesFor, withId } from '../migration-helpers.js';

// Segments (docs/segments.md):
// - segments: saved rules (dynamic) and hand-kept lists (static), with their size;
// - segment_members: who is in each segment now; segment_changes: every entry and exit, dated (the
//   history, and the feed later features read from persisted cursors in feed_cursors);
// - segment_sizes: a segment's size at the end of each day it changed;
// - customer_changes: customers whose data changed since the evaluator last looked, written by
//   triggers on every table a rule reads, so no write path (ingestion, imports, the API, merges,
//   erasures, score computations) can forget to say so; the evaluator takes rows off it;
// - kl_fold(text) on PostgreSQL (SQLite registers it per connection): lower case and ё as е;
// - an index on events by name and time for event conditions.

const kinds = { profile: 1, stats: 2, consent: 4, identifiers: 8, scores: 16 } as const;
const watched: { table: string; kind: number; id: string }[] = [
  { table: 'customers', kind: kinds.profile, id: 'id' },
  { table: 'customer_stats', kind: kinds.stats, id: 'customer_id' },
  { table: 'customer_consents', kind: kinds.consent, id: 'customer_id' },
  { table: 'customer_identifiers', kind: kinds.identifiers, id: 'customer_id' },
  { table: 'customer_scores', kind: kinds.scores, id: 'customer_id' },
];

/** Creates the segment tables, the change triggers, kl_fold and the events name index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await typesFor(db);
  const pg = await isPostgres(db);
  const nowMs = pg ? sql`(extract(epoch from clock_timestamp()) * 1000)::bigint` : sql`(cast(unixepoch('subsec') * 1000 as integer))`;

  await db.schema
    .createTable('segments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('kind', 'text', (c) => c.notNull()) // dynamic | static
    .addColumn('rule', t.json)
    .addColumn('status', 'text', (c) => c.notNull()) // building | ready | failed
    .addColumn('error', 'text')
    .addColumn('member_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('swept_until', 'bigint')
    .addColumn('built_at', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('segments_ws_name').on('segments').columns(['workspace_id', 'name']).execute();

  await db.schema
    .createTable('segment_members')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('segment_members_pk', ['workspace_id', 'segment_id', 'customer_id'])
    .execute();
  await db.schema.createIndex('segment_members_customer').on('segment_members').columns(['workspace_id', 'customer_id']).execute();

  let changes = withId(t, db.schema.createTable('segment_changes'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('entered', 'integer', (c) => c.notNull()) // 1 entry, 0 exit
    .addColumn('at', 'bigint', (c) => c.notNull());
  // PostgreSQL: the writing transaction's id, so feed readers never pass a row whose id was taken
  // by a transaction that has not committed yet (ids are handed out before commit).
  if (pg) changes = changes.addColumn('tx', sql`xid8`, (c) => c.notNull().defaultTo(sql`pg_current_xact_id()`));
  await changes.execute();
  await db.schema.createIndex('segment_changes_segment').on('segment_changes').columns(['workspace_id', 'segment_id', 'id']).execute();
  await db.schema.createIndex('segment_changes_customer').on('segment_changes').columns(['workspace_id', 'customer_id', 'id']).execute();

  await db.schema
    .createTable('segment_sizes')
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('segment_sizes_pk', ['segment_id', 'day'])
    .execute();

  await db.schema
    .createTable('feed_cursors')
    .addColumn('consumer', 'text', (c) => c.primaryKey())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  let customerChanges = withId(t, db.schema.createTable('customer_changes'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('kinds', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull().defaultTo(nowMs));
  if (pg) customerChanges = customerChanges.addColumn('tx', sql`xid8`, (c) => c.notNull().defaultTo(sql`pg_current_xact_id()`));
  await customerChanges.execute();
  await db.schema.createIndex('customer_changes_ws').on('customer_changes').columns(['workspace_id', 'id']).execute();

  await db.schema.createIndex('events_name_time').on('events').columns(['workspace_id', 'type', 'name', 'timestamp']).execute();

  if (pg) {
    await sql`create function kl_fold(text) returns text language sql immutable strict parallel safe as $$
      select translate(lower($1), 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯё', 'абвгдеежзийклмнопрстуфхцчшщъыьэюяе')
    $$`.execute(db);
    for (const w of watched) {
      const fn = sql.raw(`${w.table}_changed`);
      const id = sql.raw(w.id);
      await sql`create function ${fn}() returns trigger language plpgsql as $$
        begin
          if tg_op <> 'INSERT' then
            insert into customer_changes (workspace_id, customer_id, kinds) values (old.workspace_id, old.${id}, ${sql.lit(w.kind)});
          end if;
          if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.${id} <> old.${id}) then
            insert into customer_changes (workspace_id, customer_id, kinds) values (new.workspace_id, new.${id}, ${sql.lit(w.kind)});
          end if;
          return null;
        end $$`.execute(db);
      await sql`create trigger ${fn} after insert or update or delete on ${sql.table(w.table)} for each row execute function ${fn}()`.execute(db);
    }
  } else {
    for (const w of watched) {
      const id = sql.raw(w.id);
      const kind = sql.lit(w.kind);
      const add = (row: 'new' | 'old') => sql`insert into customer_changes (workspace_id, customer_id, kinds) values (${sql.raw(row)}.workspace_id, ${sql.raw(row)}.${id}, ${kind});`;
      await sql`create trigger ${sql.raw(`${w.table}_inserted`)} after insert on ${sql.table(w.table)} begin ${add('new')} end`.execute(db);
      await sql`create trigger ${sql.raw(`${w.table}_deleted`)} after delete on ${sql.table(w.table)} begin ${add('old')} end`.execute(db);
      await sql`create trigger ${sql.raw(`${w.table}_updated`)} after update on ${sql.table(w.table)} begin ${add('old')}
        insert into customer_changes (workspace_id, customer_id, kinds) select new.workspace_id, new.${id}, ${kind} where new.${id} <> old.${id}; end`.execute(db);
    }
  }
}

/** Drops what up made. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = await isPostgres(db);
  for (const w of watched) {
    if (pg) {
      await sql`drop trigger if exists ${sql.raw(`${w.table}_changed`)} on ${sql.table(w.table)}`.execute(db);
      await sql`drop function if exists ${sql.raw(`${w.table}_changed`)}()`.execute(db);
    } else {
      for (const what of ['inserted', 'deleted', 'updated']) await sql`drop trigger if exists ${sql.raw(`${w.table}_${what}`)}`.execute(db);
    }
  }
  if (pg) await sql`drop function if exists kl_fold(text)`.execute(db);
  await db.schema.dropIndex('events_name_time').ifExists().execute();
  for (const table of ['customer_changes', 'feed_cursors', 'segment_sizes', 'segment_changes', 'segment_members', 'segments']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
