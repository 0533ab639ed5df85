import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

// Logical column types for migrations that run on both engines. The migration asks for a kind of
// column; this file knows how each engine spells it.

/** True when the migration runs on PostgreSQL (read from the live connection, not from config). */
export async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  // Asked of the adapter, not by a probing query: on PostgreSQL migrations run in a transaction,
  // and a failing probe would abort it.
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Column-type spellings of one engine. */
export interface Types {
  /** Auto-incrementing 64-bit primary key. */
  id: 'bigserial' | 'integer';
  /** JSON document. */
  json: 'jsonb' | 'text';
  /**
   * Text compared byte by byte, for columns searched by prefix with range scans (`>= p and < p+1`):
   * under a ru_RU or en_US database collation such ranges would miss rows. SQLite's default is binary.
   */
  bytewiseText: RawBuilder<unknown> | 'text';
  /** Bytes. */
  binary: 'bytea' | 'blob';
}

/** The spellings for the engine behind db. */
export async function typesFor(db: Kysely<unknown>): Promise<Types> {
  return (await isPostgres(db))
    ? { id: 'bigserial', json: 'jsonb', bytewiseText: sql`text collate "C"`, binary: 'bytea' }
    : { id: 'integer', json: 'text', bytewiseText: 'text', binary: 'blob' };
}

/** Adds an auto-incrementing primary key column named id. */
export function withId<T extends string>(t: Types, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return table.addColumn('id', t.id, (c: ColumnDefinitionBuilder) =>
    t.id === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey(),
  );
}
