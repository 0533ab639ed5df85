import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

// PostgreSQL: feed readers keep their place as (transaction id, row id) instead of a row id alone
// (docs/decisions.md, "Reading a feed on PostgreSQL"). A row's id is taken when it is inserted and
// its transaction id at the transaction's first write, so a transaction still running can hold an
// id below rows a reader has already passed; read in (tx, id) order up to the oldest running
// transaction, nothing can appear behind a reader.
// - feed_cursors.tx: the transaction of the last row read (position keeps its id);
// - customer_changes (workspace_id, tx, id) and segment_changes (tx, id): the readers' order. The
//   (workspace_id, id) index of customer_changes is read by no PostgreSQL statement any more and
//   only cost every change row a second index entry: dropped there.
// An existing cursor is moved back to just before the first row it has not read (or the oldest
// running transaction), so rows it had read may be read once more (readers are at least once) and
// none it had not read is passed. SQLite has one writer, which commits in id order: nothing changes.

/** Adds the transaction column of feed cursors and the (tx, id) indexes on PostgreSQL. */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(await isPostgres(db))) return;
  await sql`alter table feed_cursors add column tx xid8 not null default '0'`.execute(db);
  const xmin = sql`pg_snapshot_xmin(pg_current_snapshot())`;
  await sql`update feed_cursors f set position = 0, tx = least(${xmin}, coalesce((select min(c.tx) from customer_changes c
      where c.workspace_id = substr(f.consumer, length('segments:') + 1) and c.id > f.position), ${xmin}))
    where f.consumer like 'segments:%' and f.consumer not like '%#lease'`.execute(db);
  await sql`update feed_cursors f set position = 0, tx = least(${xmin}, coalesce((select min(c.tx) from segment_changes c
      where c.id > f.position), ${xmin}))
    where f.consumer like 'membership:%' and f.consumer not like '%#lease'`.execute(db);
  await db.schema.createIndex('customer_changes_ws_tx').on('customer_changes').columns(['workspace_id', 'tx', 'id']).execute();
  await db.schema.createIndex('segment_changes_tx').on('segment_changes').columns(['tx', 'id']).execute();
  await db.schema.dropIndex('customer_changes_ws').execute();
}

/** Drops what up added; each cursor goes back to just before the first row it has not read. */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(await isPostgres(db))) return;
  await sql`update feed_cursors f set position = coalesce((select min(c.id) - 1 from customer_changes c
      where c.workspace_id = substr(f.consumer, length('segments:') + 1) and (c.tx, c.id) > (f.tx, f.position)),
      (select max(c.id) from customer_changes c where c.workspace_id = substr(f.consumer, length('segments:') + 1)), f.position)
    where f.consumer like 'segments:%' and f.consumer not like '%#lease'`.execute(db);
  await sql`update feed_cursors f set position = coalesce((select min(c.id) - 1 from segment_changes c where (c.tx, c.id) > (f.tx, f.position)),
      (select max(c.id) from segment_changes c), f.position)
    where f.consumer like 'membership:%' and f.consumer not like '%#lease'`.execute(db);
  await db.schema.createIndex('customer_changes_ws').on('customer_changes').columns(['workspace_id', 'id']).execute();
  await db.schema.dropIndex('segment_changes_tx').execute();
  await db.schema.dropIndex('customer_changes_ws_tx').execute();
  await sql`alter table feed_cursors drop column tx`.execute(db);
}
