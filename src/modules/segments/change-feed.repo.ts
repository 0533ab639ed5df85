import { type Kysely, sql } from 'kysely';
import type { Capabilities } from '../../platform/db/capabilities.js';
import type { Database } from '../../platform/db/schema.js';

// Reading the two feeds of the segments module from persisted cursors: customer_changes (written
// by triggers whenever a customer's data changes) and segment_changes (entries and exits).
//
// A reader must never move past a row that is not committed yet. On SQLite one writer commits at
// a time, so ids are handed out in commit order. On PostgreSQL ids are taken before commit, so a
// transaction still running may hold an id below rows already visible: every row also keeps its
// transaction id (tx), and a reader stops before the first row whose transaction is not older than
// every transaction still running (pg_snapshot_xmin), reading on from there next time.

/** A customer whose data changed. */
export interface CustomerChange {
  id: number;
  customer_id: number;
  kinds: number;
  at: number;
}

/** An entry or exit on the membership feed. */
export interface MembershipChange {
  id: number;
  workspace_id: string;
  segment_id: string;
  customer_id: number;
  entered: boolean;
  at: number;
}

/** Reads the feeds and keeps their readers' cursors. */
export class ChangeFeedRepo {
  constructor(private readonly db: Kysely<Database>, private readonly caps: Capabilities) {}

  private settled(): ReturnType<typeof sql<boolean>> {
    return this.caps.concurrentWriters ? sql<boolean>`(tx < pg_snapshot_xmin(pg_current_snapshot()))` : sql<boolean>`(1 = 1)`;
  }

  /** Committed changes of a workspace's customers after `after`, in order, up to the first one still being written. */
  async customerChanges(workspaceId: string, after: number, limit: number): Promise<CustomerChange[]> {
    const result = await sql<CustomerChange & { settled: boolean | number }>`
      select id, customer_id, kinds, at, ${this.settled()} as settled from customer_changes
      where workspace_id = ${workspaceId} and id > ${after} order by id limit ${limit}`.execute(this.db);
    const rows: CustomerChange[] = [];
    for (const r of result.rows) {
      if (!r.settled) break;
      rows.push({ id: Number(r.id), customer_id: Number(r.customer_id), kinds: Number(r.kinds), at: Number(r.at) });
    }
    return rows;
  }

  /** The customers changed after `after` up to `upTo` (a rebuild's catch-up). */
  async changedBetween(workspaceId: string, after: number, upTo: number): Promise<number[]> {
    const rows = await this.db.selectFrom('customer_changes').select('customer_id').distinct().where('workspace_id', '=', workspaceId)
      .where('id', '>', after).where('id', '<=', upTo).execute();
    return rows.map((r) => Number(r.customer_id));
  }

  /** The id every change of a workspace at or below which is committed. */
  async horizon(workspaceId: string): Promise<number> {
    const last = await this.db.selectFrom('customer_changes').select((eb) => eb.fn.max('id').as('id')).where('workspace_id', '=', workspaceId).executeTakeFirst();
    const max = Number(last?.id ?? 0);
    if (!this.caps.concurrentWriters) return max;
    const open = await sql<{ id: number | null }>`select min(id) as id from customer_changes
      where workspace_id = ${workspaceId} and not ${this.settled()}`.execute(this.db);
    const first = open.rows[0]?.id;
    return first === null || first === undefined ? max : Number(first) - 1;
  }

  /** Committed entries and exits after `after`, in order, across workspaces. */
  async membershipChanges(after: number, limit: number): Promise<MembershipChange[]> {
    const result = await sql<Omit<MembershipChange, 'entered'> & { entered: number; settled: boolean | number }>`
      select id, workspace_id, segment_id, customer_id, entered, at, ${this.settled()} as settled from segment_changes
      where id > ${after} order by id limit ${limit}`.execute(this.db);
    const rows: MembershipChange[] = [];
    for (const r of result.rows) {
      if (!r.settled) break;
      rows.push({ id: Number(r.id), workspace_id: r.workspace_id, segment_id: r.segment_id, customer_id: Number(r.customer_id), entered: Number(r.entered) === 1, at: Number(r.at) });
    }
    return rows;
  }

  /**
   * A reader's position, or `start` for a new reader. With `lock`, the cursor row is held until the
   * transaction ends and null is returned when another process holds it (PostgreSQL: SKIP LOCKED).
   */
  async cursor(consumer: string, start: number, now: number, lock = false): Promise<number | null> {
    await this.db.insertInto('feed_cursors').values({ consumer, position: start, updated_at: now }).onConflict((oc) => oc.column('consumer').doNothing()).execute();
    let q = this.db.selectFrom('feed_cursors').select('position').where('consumer', '=', consumer);
    if (lock && this.caps.skipLocked) q = q.forUpdate().skipLocked();
    const row = await q.executeTakeFirst();
    return row ? Number(row.position) : null;
  }

  /** A reader's position, read without taking anything (0 for a reader that has none yet). */
  async position(consumer: string): Promise<number> {
    const row = await this.db.selectFrom('feed_cursors').select('position').where('consumer', '=', consumer).executeTakeFirst();
    return Number(row?.position ?? 0);
  }

  /**
   * Takes a reader's lease until `now + ms` unless another holder's has not expired yet; returns the
   * lease (its expiry, which release needs) or null. One statement, so it costs SQLite's writer one
   * short commit; a holder that died frees the reader when its lease expires.
   */
  async lease(consumer: string, now: number, ms: number): Promise<number | null> {
    const until = now + ms;
    const result = await sql<{ position: number }>`insert into feed_cursors (consumer, position, updated_at) values (${`${consumer}#lease`}, ${until}, ${now})
      on conflict (consumer) do update set position = excluded.position, updated_at = excluded.updated_at where feed_cursors.position <= ${now}
      returning position`.execute(this.db);
    return result.rows.length > 0 ? until : null;
  }

  /** Gives a lease back (unless it expired and was taken by another holder since). */
  async release(consumer: string, lease: number, now: number): Promise<void> {
    await this.db.updateTable('feed_cursors').set({ position: 0, updated_at: now }).where('consumer', '=', `${consumer}#lease`).where('position', '=', lease).execute();
  }

  /** Moves a reader's cursor forward. */
  async advance(consumer: string, position: number, now: number): Promise<void> {
    await this.db.updateTable('feed_cursors').set({ position, updated_at: now }).where('consumer', '=', consumer).where('position', '<', position).execute();
  }

  /** Drops customer changes of a workspace read by its reader (at or below `upTo`) and older than `before`. */
  async prune(workspaceId: string, upTo: number, before: number): Promise<void> {
    await this.db.deleteFrom('customer_changes').where('workspace_id', '=', workspaceId).where('id', '<=', upTo).where('at', '<', before).execute();
  }

  /** Drops customer changes of workspaces that have no rules to keep, older than `before`. */
  async pruneUnread(before: number): Promise<void> {
    await sql`delete from customer_changes where at < ${before}
      and workspace_id not in (select workspace_id from segments where kind = 'dynamic')`.execute(this.db);
  }
}
