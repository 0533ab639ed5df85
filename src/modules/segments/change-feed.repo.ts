import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Capabilities } from '../../platform/db/capabilities.js';
import type { Database } from '../../platform/db/schema.js';

// Reading the two feeds of the segments module from persisted cursors: customer_changes (written
// by triggers whenever a customer's data changes) and segment_changes (entries and exits).
//
// A reader must never pass a row that is not committed yet. On SQLite one writer commits at a time,
// so ids are handed out in commit order and a cursor is the id of the last row read. On PostgreSQL
// ids are taken at insert and transaction ids (a row's `tx`) at a transaction's first write, so
// neither order is the commit order. A reader there reads only rows whose transaction is older than
// every transaction still running (tx < pg_snapshot_xmin), in (tx, id) order, and its cursor is the
// (tx, id) of the last row read: a row written later has tx ≥ that xmin > the cursor's tx, so no
// row can ever appear behind the cursor (docs/decisions.md, "Reading a feed on PostgreSQL").

/** A place on a feed: the transaction of a row ('0' on SQLite, where ids are in commit order) and its id. */
export interface FeedPosition {
  tx: string;
  id: number;
}

/** Where a new reader starts: before every row. */
export const feedStart: FeedPosition = { tx: '0', id: 0 };

/** Whether `a` is further on the feed than `b`. */
export function positionAfter(a: FeedPosition, b: FeedPosition): boolean {
  const ta = BigInt(a.tx);
  const tb = BigInt(b.tx);
  return ta > tb || (ta === tb && a.id > b.id);
}

/** Whether two positions are the same place. */
export function samePosition(a: FeedPosition, b: FeedPosition): boolean {
  return BigInt(a.tx) === BigInt(b.tx) && a.id === b.id;
}

/** A customer whose data changed. */
export interface CustomerChange extends FeedPosition {
  customer_id: number;
  kinds: number;
  at: number;
}

/** A change row as the audience index reads it: also rows committed but not settled yet. */
export interface SeenChange extends FeedPosition {
  customerId: number;
  /** Whether every transaction that could still write a row before this one has ended (a cursor may pass it). */
  settled: boolean;
}

/** An entry or exit on the membership feed. */
export interface MembershipChange extends FeedPosition {
  workspace_id: string;
  segment_id: string;
  customer_id: number;
  entered: boolean;
  at: number;
}

/** Reads the feeds and keeps their readers' cursors. */
export class ChangeFeedRepo {
  constructor(private readonly db: Kysely<Database>, private readonly caps: Capabilities) {}

  // The SQL of positions: (tx, id) on PostgreSQL, the id alone on SQLite.
  private get pg(): boolean {
    return this.caps.concurrentWriters;
  }

  private settled(): RawBuilder<boolean> {
    return this.pg ? sql<boolean>`(tx < pg_snapshot_xmin(pg_current_snapshot()))` : sql<boolean>`(1 = 1)`;
  }

  // Rows (or, with other columns named, cursors) after `p` or at or before it.
  private after(p: FeedPosition, tx = 'tx', id = 'id'): RawBuilder<boolean> {
    return this.pg ? sql<boolean>`(${sql.ref(tx)}, ${sql.ref(id)}) > (${p.tx}::xid8, ${p.id}::bigint)` : sql<boolean>`${sql.ref(id)} > ${p.id}`;
  }

  private atOrBefore(p: FeedPosition, tx = 'tx', id = 'id'): RawBuilder<boolean> {
    return this.pg ? sql<boolean>`(${sql.ref(tx)}, ${sql.ref(id)}) <= (${p.tx}::xid8, ${p.id}::bigint)` : sql<boolean>`${sql.ref(id)} <= ${p.id}`;
  }

  private before(p: FeedPosition, tx = 'tx', id = 'id'): RawBuilder<boolean> {
    return this.pg ? sql<boolean>`(${sql.ref(tx)}, ${sql.ref(id)}) < (${p.tx}::xid8, ${p.id}::bigint)` : sql<boolean>`${sql.ref(id)} < ${p.id}`;
  }

  // Named apart from the text `row_tx` read beside it, which ORDER BY would otherwise sort by.
  private order(): RawBuilder<unknown> {
    return this.pg ? sql`tx, id` : sql`id`;
  }

  private tx(): RawBuilder<string> {
    return this.pg ? sql<string>`tx::text` : sql<string>`'0'`;
  }

  /** Committed changes of a workspace's customers after `after`, in feed order, none past one that may still be preceded. */
  async customerChanges(workspaceId: string, after: FeedPosition, limit: number): Promise<CustomerChange[]> {
    const result = await sql<Omit<CustomerChange, 'tx'> & { row_tx: string }>`select id, ${this.tx()} as row_tx, customer_id, kinds, at from customer_changes
      where workspace_id = ${workspaceId} and ${this.after(after)} and ${this.settled()} order by ${this.order()} limit ${limit}`.execute(this.db);
    return result.rows.map((r) => ({ id: Number(r.id), tx: String(r.row_tx), customer_id: Number(r.customer_id), kinds: Number(r.kinds), at: Number(r.at) }));
  }

  /**
   * Every change of a workspace this statement sees after `after`, in feed order, each marked
   * settled or not: on PostgreSQL the settled ones come first, and a cursor may move past them only.
   */
  async seenChanges(workspaceId: string, after: FeedPosition, limit: number): Promise<SeenChange[]> {
    const result = await sql<{ id: number; row_tx: string; customer_id: number; settled: boolean | number }>`select id, ${this.tx()} as row_tx, customer_id,
      ${this.settled()} as settled from customer_changes where workspace_id = ${workspaceId} and ${this.after(after)}
      order by ${this.order()} limit ${limit}`.execute(this.db);
    return result.rows.map((r) => ({ id: Number(r.id), tx: String(r.row_tx), customerId: Number(r.customer_id), settled: r.settled === true || Number(r.settled) === 1 }));
  }

  /** The customers changed after `after` up to `upTo` (a rebuild's catch-up). */
  async changedBetween(workspaceId: string, after: FeedPosition, upTo: FeedPosition): Promise<number[]> {
    const result = await sql<{ customer_id: number }>`select distinct customer_id from customer_changes
      where workspace_id = ${workspaceId} and ${this.after(after)} and ${this.atOrBefore(upTo)}`.execute(this.db);
    return result.rows.map((r) => Number(r.customer_id));
  }

  /**
   * A position every change of a workspace at or before which is committed, so statements started
   * afterwards see them all (PostgreSQL: just before the oldest transaction still running).
   */
  async horizon(workspaceId: string): Promise<FeedPosition> {
    if (this.pg) {
      const result = await sql<{ tx: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as tx`.execute(this.db);
      return { tx: String(result.rows[0]?.tx ?? '0'), id: 0 };
    }
    const last = await this.db.selectFrom('customer_changes').select((eb) => eb.fn.max('id').as('id')).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return { tx: '0', id: Number(last?.id ?? 0) };
  }

  /** Changes on a workspace's feed after a reader's cursor, settled or not (what it has still to read). */
  async backlog(workspaceId: string, consumer: string): Promise<number> {
    const at = await this.position(consumer);
    const result = await sql<{ n: number }>`select count(*) as n from customer_changes where workspace_id = ${workspaceId} and ${this.after(at)}`.execute(this.db);
    return Number(result.rows[0]?.n ?? 0);
  }

  /** Committed entries and exits after `after`, in feed order, across workspaces, none past one that may still be preceded. */
  async membershipChanges(after: FeedPosition, limit: number): Promise<MembershipChange[]> {
    const result = await sql<Omit<MembershipChange, 'entered' | 'tx'> & { entered: number; row_tx: string }>`
      select id, ${this.tx()} as row_tx, workspace_id, segment_id, customer_id, entered, at from segment_changes
      where ${this.after(after)} and ${this.settled()} order by ${this.order()} limit ${limit}`.execute(this.db);
    return result.rows.map((r) => ({
      id: Number(r.id), tx: String(r.row_tx), workspace_id: r.workspace_id, segment_id: r.segment_id, customer_id: Number(r.customer_id), entered: Number(r.entered) === 1, at: Number(r.at),
    }));
  }

  /**
   * A reader's position, or `start` for a new reader. With `lock`, the cursor row is held until the
   * transaction ends and null is returned when another process holds it (PostgreSQL: SKIP LOCKED).
   */
  async cursor(consumer: string, start: FeedPosition, now: number, lock = false): Promise<FeedPosition | null> {
    const insert = this.pg
      ? sql`insert into feed_cursors (consumer, position, tx, updated_at) values (${consumer}, ${start.id}, ${start.tx}::xid8, ${now})`
      : sql`insert into feed_cursors (consumer, position, updated_at) values (${consumer}, ${start.id}, ${now})`;
    await sql`${insert} on conflict (consumer) do nothing`.execute(this.db);
    const hold = lock && this.caps.skipLocked ? sql`for update skip locked` : sql``;
    const result = await sql<{ position: number; tx: string }>`select position, ${this.tx()} as tx from feed_cursors where consumer = ${consumer} ${hold}`.execute(this.db);
    const row = result.rows[0];
    return row ? { tx: String(row.tx), id: Number(row.position) } : null;
  }

  /** A reader's position, read without taking anything (the feed's start for a reader that has none yet). */
  async position(consumer: string): Promise<FeedPosition> {
    const result = await sql<{ position: number; tx: string }>`select position, ${this.tx()} as tx from feed_cursors where consumer = ${consumer}`.execute(this.db);
    const row = result.rows[0];
    return row ? { tx: String(row.tx), id: Number(row.position) } : feedStart;
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

  /** Extends a lease still held until `now + ms`; returns the new lease, or null when it was lost. */
  async renew(consumer: string, lease: number, now: number, ms: number): Promise<number | null> {
    const until = now + ms;
    const result = await this.db.updateTable('feed_cursors').set({ position: until, updated_at: now })
      .where('consumer', '=', `${consumer}#lease`).where('position', '=', lease).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? until : null;
  }

  /** Gives a lease back (unless it expired and was taken by another holder since). */
  async release(consumer: string, lease: number, now: number): Promise<void> {
    await this.db.updateTable('feed_cursors').set({ position: 0, updated_at: now }).where('consumer', '=', `${consumer}#lease`).where('position', '=', lease).execute();
  }

  /** Moves a reader's cursor forward (never back). */
  async advance(consumer: string, to: FeedPosition, now: number): Promise<void> {
    const set = this.pg ? sql`position = ${to.id}, tx = ${to.tx}::xid8` : sql`position = ${to.id}`;
    await sql`update feed_cursors set ${set}, updated_at = ${now} where consumer = ${consumer} and ${this.before(to, 'tx', 'position')}`.execute(this.db);
  }

  /** Moves a membership reader's cursor forward to the entry or exit `id` (never back). */
  async advanceToMembershipChange(consumer: string, id: number, now: number): Promise<void> {
    if (!this.pg) return this.advance(consumer, { tx: '0', id }, now);
    await sql`update feed_cursors f set position = c.id, tx = c.tx, updated_at = ${now} from segment_changes c
      where f.consumer = ${consumer} and c.id = ${id} and (f.tx, f.position) < (c.tx, c.id)`.execute(this.db);
  }

  /** Drops customer changes of a workspace read by its reader (at or before `upTo`) and older than `before`. */
  async prune(workspaceId: string, upTo: FeedPosition, before: number): Promise<void> {
    await sql`delete from customer_changes where workspace_id = ${workspaceId} and ${this.atOrBefore(upTo)} and at < ${before}`.execute(this.db);
  }

  /** Drops customer changes of workspaces that have no rules to keep, older than `before`. */
  async pruneUnread(before: number): Promise<void> {
    await sql`delete from customer_changes where at < ${before}
      and workspace_id not in (select workspace_id from segments where kind = 'dynamic')`.execute(this.db);
  }
}
