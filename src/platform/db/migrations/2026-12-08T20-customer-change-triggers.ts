import { type Kysely, type RawBuilder, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

// The customer_changes triggers (2026-12-07T20-segments) again, now writing a row for an update only
// when it changes something a segment can read: an update that rewrites the same values (a score
// computation rewriting every row, an import or an API edit repeating what the profile says, a
// consent granted again) no longer puts the customer on the feed. Inserts and deletes always do.
//
// Compared per table, as the tables are at this release: every column except the bookkeeping ones
// (`updated_at`, `created_at` of identifiers, consents' `source`, scores' `computed_at`). A later
// migration that adds a column a rule reads must recreate these triggers.
//
// On PostgreSQL the triggers fire once per statement instead of once per row (see createPostgres).
//
// customer_stats keeps a row for every update: each stored event rewrites its customer's stats row
// (last activity, `updated_at`), and that write is how event, purchase and cart conditions learn of
// the event, even one older than the last activity that changes no column but `updated_at`.

const kinds = { profile: 1, stats: 2, consent: 4, identifiers: 8, scores: 16 } as const;

export interface Watched {
  table: string;
  kind: number;
  id: string;
  /** The table's key, which pairs a row's old and new version in an update. */
  key: string[];
  /** Columns whose change puts the customer on the feed; null: every update does. */
  compared: string[] | null;
}

export const watched: Watched[] = [
  {
    table: 'customers', kind: kinds.profile, id: 'id', key: ['id'],
    compared: [
      'id', 'workspace_id', 'first_name', 'last_name', 'middle_name', 'phone', 'email', 'gender', 'birth_date', 'city', 'city_key',
      'region', 'country', 'source', 'utm_source', 'utm_medium', 'utm_campaign', 'preferred_channel', 'manager_user_id', 'search_name',
      'traits', 'merged_into', 'erased_at', 'created_at',
    ],
  },
  { table: 'customer_stats', kind: kinds.stats, id: 'customer_id', key: ['workspace_id', 'customer_id'], compared: null },
  { table: 'customer_consents', kind: kinds.consent, id: 'customer_id', key: ['workspace_id', 'customer_id', 'channel'], compared: ['workspace_id', 'customer_id', 'channel', 'status'] },
  { table: 'customer_identifiers', kind: kinds.identifiers, id: 'customer_id', key: ['workspace_id', 'kind', 'value'], compared: ['workspace_id', 'customer_id', 'kind', 'value'] },
  {
    table: 'customer_scores', kind: kinds.scores, id: 'customer_id', key: ['workspace_id', 'customer_id'],
    compared: [
      'workspace_id', 'customer_id', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment', 'abc', 'xyz', 'stage', 'stage_since', 'p_alive',
      'expected_30', 'expected_90', 'expected_365', 'predicted_clv', 'digest',
    ],
  },
];

// SQLite: old.c differs from new.c, nulls compared as values.
function changed(columns: string[]): RawBuilder<unknown> {
  return sql.raw(columns.map((c) => `old.${c} is not new.${c}`).join(' or '));
}

/** Recreates the change triggers so that updates changing nothing a rule reads write no change. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = await isPostgres(db);
  for (const w of watched) {
    await dropTriggers(db, w, pg);
    if (pg) await createPostgres(db, w);
    else await createSqlite(db, w);
  }
}

/** Puts back the triggers of 2026-12-07T20-segments: a change row for every update. */
export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = await isPostgres(db);
  for (const w of watched) {
    await dropTriggers(db, w, pg);
    if (pg) await createPostgresPerRow(db, w);
    else await createSqlite(db, { ...w, compared: null });
  }
}

export async function dropTriggers(db: Kysely<unknown>, w: Watched, pg: boolean): Promise<void> {
  if (pg) {
    for (const what of ['changed', 'inserted', 'deleted', 'updated']) {
      await sql`drop trigger if exists ${sql.raw(`${w.table}_${what}`)} on ${sql.table(w.table)}`.execute(db);
      await sql`drop function if exists ${sql.raw(`${w.table}_${what}`)}()`.execute(db);
    }
  } else {
    for (const what of ['inserted', 'deleted', 'updated']) await sql`drop trigger if exists ${sql.raw(`${w.table}_${what}`)}`.execute(db);
  }
}

// PostgreSQL: one trigger per statement and operation, reading the statement's rows from transition
// tables, so a statement of many rows (an ingestion batch's stats upsert, a score write of 20,000
// rows) calls one function and runs one INSERT … SELECT instead of one call and one insert per row.
// An update pairs each row's old and new version by the table's key; a row whose key changed pairs
// with nothing and names both its old and its new customer.
export async function createPostgres(db: Kysely<unknown>, w: Watched): Promise<void> {
  const id = w.id;
  const on = w.key.map((k) => `o.${k} = n.${k}`).join(' and ');
  const differs = w.compared === null ? 'true' : w.compared.map((c) => `o.${c} is distinct from n.${c}`).join(' or ');
  const unpaired = (row: 'o' | 'n') => `${row}.${w.key[0]} is null`;
  const bodies = {
    insert: `select distinct workspace_id, ${id} from n`,
    delete: `select distinct workspace_id, ${id} from o`,
    update: `select o.workspace_id, o.${id} from o left join n on ${on} where ${unpaired('n')} or ${differs}
      union
      select n.workspace_id, n.${id} from n left join o on ${on}
      where ${unpaired('o')} or ((${differs}) and (n.${id} <> o.${id} or n.workspace_id <> o.workspace_id))`,
  };
  const tables = { insert: 'new table as n', delete: 'old table as o', update: 'old table as o new table as n' };
  const suffix = { insert: 'inserted', delete: 'deleted', update: 'updated' };
  for (const op of ['insert', 'delete', 'update'] as const) {
    const name = sql.raw(`${w.table}_${suffix[op]}`);
    await sql`create function ${name}() returns trigger language plpgsql as $$
      begin
        insert into customer_changes (workspace_id, customer_id, kinds) select x.workspace_id, x.${sql.raw(id)}, ${sql.lit(w.kind)} from (${sql.raw(bodies[op])}) x;
        return null;
      end $$`.execute(db);
    await sql`create trigger ${name} after ${sql.raw(op)} on ${sql.table(w.table)} referencing ${sql.raw(tables[op])}
      for each statement execute function ${name}()`.execute(db);
  }
}

// The triggers of 2026-12-07T20-segments: a function call and an insert per row, every update.
async function createPostgresPerRow(db: Kysely<unknown>, w: Watched): Promise<void> {
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

export async function createSqlite(db: Kysely<unknown>, w: Watched): Promise<void> {
  const id = sql.raw(w.id);
  const kind = sql.lit(w.kind);
  const add = (row: 'new' | 'old') => sql`insert into customer_changes (workspace_id, customer_id, kinds) values (${sql.raw(row)}.workspace_id, ${sql.raw(row)}.${id}, ${kind});`;
  const when = w.compared === null ? sql`` : sql`when ${changed(w.compared)}`;
  await sql`create trigger ${sql.raw(`${w.table}_inserted`)} after insert on ${sql.table(w.table)} begin ${add('new')} end`.execute(db);
  await sql`create trigger ${sql.raw(`${w.table}_deleted`)} after delete on ${sql.table(w.table)} begin ${add('old')} end`.execute(db);
  await sql`create trigger ${sql.raw(`${w.table}_updated`)} after update on ${sql.table(w.table)} ${when} begin ${add('old')}
    insert into customer_changes (workspace_id, customer_id, kinds) select new.workspace_id, new.${id}, ${kind}
    where new.${id} <> old.${id} or new.workspace_id <> old.workspace_id; end`.execute(db);
}
