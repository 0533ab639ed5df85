import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Capabilities, postgresCapabilities, sqliteCapabilities } from './capabilities.js';
import { withStatementCache } from './sqlite-statement-cache.js';
import type { Database } from './schema.js';

/** An open database: the Kysely handle, what the engine can do, and how to close it. */
export interface Db {
  kysely: Kysely<Database>;
  caps: Capabilities;
  /**
   * Runs a query and returns its rows as arrays of values in column order, with no object per row:
   * for reads of a million rows (the scores), where building row objects costs more than the query.
   */
  arrays(query: CompiledQuery): Promise<unknown[][]>;
  /**
   * PostgreSQL only: streams rows in COPY's text format (one `\n`-ended line a row, values by tab,
   * `\N` for null; see copyText) into a table with `copyStatement` (`COPY t (…) FROM STDIN`). A
   * million rows in a second or two, where INSERTs take several.
   */
  copyFrom?(copyStatement: string, chunks: Iterable<string>): Promise<void>;
  close(): Promise<void>;
}


/** Opens the database a DATABASE_URL names (sqlite:<path> or postgres://…). */
export function openDatabase(url: string, options: { poolSize?: number; schema?: string } = {}): Db {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length));
  return openPostgres(url, options);
}

function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('cache_size = -65536'); // 64 MiB page cache
  // The committing transaction copies the log back into the database (a checkpoint, ending in
  // fsyncs) whenever the log passes this many pages. SQLite's default of 1,000 meant a checkpoint
  // every other ingestion batch at a million customers; 20,000 pages (80 MiB) makes them rare and
  // lets pages written again and again (hot index pages) be copied once: a third less time per
  // batch of random-row writes here. The file is cut back to 64 MiB when the log restarts.
  sqlite.pragma('wal_autocheckpoint = 20000');
  sqlite.pragma('journal_size_limit = 67108864');
  // Integers come back as JS numbers (safe: ids, epoch ms and kopecks stay far below 2^53).
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  // A statement of its own (raw mode is a statement's state; Kysely's cached ones return objects).
  const arrays = async (query: CompiledQuery) => sqlite.prepare(query.sql).raw(true).all(...(query.parameters as unknown[])) as unknown[][];
  return { kysely, caps: sqliteCapabilities, arrays, close: () => kysely.destroy() };
}

// PostgreSQL returns int8 and numeric as strings; one parser here makes them numbers everywhere.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v); // int8, numeric
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function openPostgres(url: string, options: { poolSize?: number; schema?: string }): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: pgTypes,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const arrays = async (query: CompiledQuery) => (await pool.query<unknown[]>({ text: query.sql, values: query.parameters as unknown[], rowMode: 'array' })).rows;
  const copyFrom = async (copyStatement: string, chunks: Iterable<string>) => {
    const client = await pool.connect();
    try {
      await pipeline(Readable.from(chunks), client.query(copyFromStdin(copyStatement)));
    } finally {
      client.release();
    }
  };
  return { kysely, caps: postgresCapabilities, arrays, copyFrom, close: () => kysely.destroy() };
}
