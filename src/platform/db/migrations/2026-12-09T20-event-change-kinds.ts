import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.js';
import { createPostgres, createSqlite, dropTriggers, watched } from './2026-12-08T20-customer-change-triggers.js';

// Finer kinds of customer change, so that a stored event re-checks only the segments that read
// events of its name (docs/decisions.md, "Which change re-checks which segment"):
// - events get triggers of their own: each stored, moved (a merge) or deleted event puts its
//   customer on the feed with `events` and one bit of 23 (bits 8–30): for a track event one of 19
//   chosen by its name, for a page, screen, identify or other call one per type;
// - orders get triggers of their own (`orders`): purchase conditions read orders and their lines;
// - customer_stats puts a customer on the feed only when a column rules read changes: `stats` for
//   the order figures, `device` for the last device, OS, browser and locale. The last activity is
//   left out: only a stored event or order moves it, and those say so themselves. Before, every
//   stats write counted, so every event re-checked every rule over stats, events or orders.
//
// The bit of an event is computed the same way by these triggers and by eventKind() in
// src/modules/segments/rule-deps.ts (a test holds them equal on both engines): for track events from
// the name's length and the code points of its first and last characters, modulo 19.
// Changes written before this migration and not read yet get every new bit, so none is missed.

const kinds = { stats: 2, device: 32, events: 64, orders: 128 } as const;
const allEventBits = 0x7fffff00;
const orderColumns = ['first_order_at', 'last_order_at', 'orders_count', 'order_days', 'revenue', 'avg_check', 'first_order_day', 'last_order_day', 'prev_order_day', 'first_day_value'];
/** The customer_stats columns this migration compares under `device` (later migrations add to the group). */
export const deviceColumns: readonly string[] = ['last_device', 'last_os', 'last_browser', 'locale'];

function eventBit(row: string, pg: boolean): string {
  const first = pg ? `ascii(${row}.name)` : `unicode(${row}.name)`;
  const last = pg ? `ascii(right(${row}.name, 1))` : `unicode(substr(${row}.name, -1))`;
  return `(case ${row}.type
    when 'track' then 1 << (8 + ((length(coalesce(${row}.name, '')) * 31 + coalesce(${first}, 0) * 7 + coalesce(${last}, 0)) % 19))
    when 'page' then ${1 << 27} when 'screen' then ${1 << 28} when 'identify' then ${1 << 29} else ${1 << 30} end)`;
}

// The kind of a stats update: which group of compared columns changed (0: none).
function statsUpdateKind(pg: boolean, device: readonly string[]): string {
  const differs = (cols: readonly string[]) => cols.map((c) => (pg ? `o.${c} is distinct from n.${c}` : `old.${c} is not new.${c}`)).join(' or ');
  return `((case when ${differs(orderColumns)} then ${kinds.stats} else 0 end) | (case when ${differs(device)} then ${kinds.device} else 0 end))`;
}

/** A table whose triggers put its customers on the change feed, and with which kinds. */
export interface Source {
  table: 'events' | 'orders' | 'customer_stats';
  key: string[];
  /** The kind a row names its customer with, inserted or deleted (`row` its alias). */
  kind: (row: string, pg: boolean) => string;
  /** The kind an update names the customer with (0: the update changes nothing rules read). */
  updateKind: (pg: boolean) => string;
}

/** The customer_stats triggers' source, comparing the order figures and these columns under `device`. */
export function statsSource(device: readonly string[]): Source {
  return {
    table: 'customer_stats', key: ['workspace_id', 'customer_id'],
    kind: () => `${kinds.stats | kinds.device}`,
    updateKind: (pg) => statsUpdateKind(pg, device),
  };
}

const sources: Source[] = [
  {
    table: 'events', key: ['id'],
    kind: (row, pg) => `(${kinds.events} | ${eventBit(row, pg)})`,
    updateKind: (pg) => `(${kinds.events} | ${eventBit(pg ? 'o' : 'old', pg)} | ${eventBit(pg ? 'n' : 'new', pg)})`,
  },
  { table: 'orders', key: ['id'], kind: () => `${kinds.orders}`, updateKind: () => `${kinds.orders}` },
  statsSource(deviceColumns),
];

const suffixes = ['inserted', 'deleted', 'updated'] as const;

/** Creates the event and order triggers and the stats triggers that compare columns. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = await isPostgres(db);
  const stats = watched.find((w) => w.table === 'customer_stats');
  if (stats) await dropTriggers(db, stats, pg);
  for (const s of sources) await createSourceTriggers(db, s, pg);
  await sql`update customer_changes set kinds = kinds | ${sql.lit(kinds.device | kinds.events | kinds.orders | allEventBits)} where (kinds & ${sql.lit(kinds.stats)}) <> 0`.execute(db);
}

/** Back to a change for every stats write and no event or order triggers. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = await isPostgres(db);
  for (const s of sources) await dropSourceTriggers(db, s, pg);
  const stats = watched.find((w) => w.table === 'customer_stats');
  if (stats) {
    if (pg) await createPostgres(db, stats);
    else await createSqlite(db, stats);
  }
}

/** Drops a source's three triggers (and their functions on PostgreSQL). */
export async function dropSourceTriggers(db: Kysely<unknown>, s: Source, pg: boolean): Promise<void> {
  for (const what of suffixes) {
    const name = sql.raw(`${s.table}_${what}`);
    if (pg) {
      await sql`drop trigger if exists ${name} on ${sql.table(s.table)}`.execute(db);
      await sql`drop function if exists ${name}()`.execute(db);
    } else {
      await sql`drop trigger if exists ${name}`.execute(db);
    }
  }
}

/** Creates a source's insert, delete and update triggers on this engine. */
export async function createSourceTriggers(db: Kysely<unknown>, s: Source, pg: boolean): Promise<void> {
  if (pg) await createPostgresTriggers(db, s);
  else await createSqliteTriggers(db, s);
}

// SQLite: a trigger per row; an update naming nothing rules read writes nothing.
async function createSqliteTriggers(db: Kysely<unknown>, s: Source): Promise<void> {
  const name = (what: string) => sql.raw(`${s.table}_${what}`);
  const add = (row: 'new' | 'old', kind: string) => sql`insert into customer_changes (workspace_id, customer_id, kinds) values (${sql.raw(row)}.workspace_id, ${sql.raw(row)}.customer_id, ${sql.raw(kind)});`;
  await sql`create trigger ${name('inserted')} after insert on ${sql.table(s.table)} begin ${add('new', s.kind('new', false))} end`.execute(db);
  await sql`create trigger ${name('deleted')} after delete on ${sql.table(s.table)} begin ${add('old', s.kind('old', false))} end`.execute(db);
  // A row moved to another customer (a merge) names both, whatever else changed.
  const moved = 'new.customer_id <> old.customer_id or new.workspace_id <> old.workspace_id';
  const kind = `(case when ${moved} then ${s.kind('new', false)} | ${s.kind('old', false)} else ${s.updateKind(false)} end)`;
  await sql`create trigger ${name('updated')} after update on ${sql.table(s.table)} when ${sql.raw(kind)} <> 0 begin
    ${add('old', kind)}
    insert into customer_changes (workspace_id, customer_id, kinds) select new.workspace_id, new.customer_id, ${sql.raw(kind)} where ${sql.raw(moved)}; end`.execute(db);
}

// PostgreSQL: a trigger per statement, reading its rows from transition tables (as the
// 2026-12-08T20 triggers do), one change per customer and statement with the kinds of all its rows.
async function createPostgresTriggers(db: Kysely<unknown>, s: Source): Promise<void> {
  const on = s.key.map((k) => `o.${k} = n.${k}`).join(' and ');
  const moved = 'n.customer_id <> o.customer_id or n.workspace_id <> o.workspace_id';
  const kind = `(case when ${moved} then ${s.kind('n', true)} | ${s.kind('o', true)} else ${s.updateKind(true)} end)`;
  const bodies = {
    inserted: `select n.workspace_id, n.customer_id, ${s.kind('n', true)} as k from n`,
    deleted: `select o.workspace_id, o.customer_id, ${s.kind('o', true)} as k from o`,
    // Rows paired by key; a row whose key changed pairs with nothing and names its customer as a new or gone row does.
    updated: `select o.workspace_id, o.customer_id, ${kind} as k from o join n on ${on}
      union all select n.workspace_id, n.customer_id, ${kind} from o join n on ${on} where ${moved}
      union all select o.workspace_id, o.customer_id, ${s.kind('o', true)} from o where not exists (select 1 from n where ${on})
      union all select n.workspace_id, n.customer_id, ${s.kind('n', true)} from n where not exists (select 1 from o where ${on})`,
  };
  const tables = { inserted: 'new table as n', deleted: 'old table as o', updated: 'old table as o new table as n' };
  const ops = { inserted: 'insert', deleted: 'delete', updated: 'update' };
  for (const what of suffixes) {
    const name = sql.raw(`${s.table}_${what}`);
    await sql`create function ${name}() returns trigger language plpgsql as $$
      begin
        insert into customer_changes (workspace_id, customer_id, kinds)
          select x.workspace_id, x.customer_id, bit_or(x.k) from (${sql.raw(bodies[what])}) x where x.k <> 0 group by x.workspace_id, x.customer_id;
        return null;
      end $$`.execute(db);
    await sql`create trigger ${name} after ${sql.raw(ops[what])} on ${sql.table(s.table)} referencing ${sql.raw(tables[what])}
      for each statement execute function ${name}()`.execute(db);
  }
}
