import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFromStdin, to as copyToStdout } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Capabilities, postgresCapabilities, sqliteCapabilities } from './capabilities.js';
import { sqliteFold } from './fold.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';
import { ImmediateSqliteDialect } from './sqlite-dialect.js';
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
   * PostgreSQL only: streams data into a table with `copyStatement` (`COPY t (…) FROM STDIN WITH
   * (FORMAT binary)`, the chunks from copyBinary). A million rows in a second or two, where INSERTs
   * take several.
   */
  copyFrom?(copyStatement: string, chunks: Iterable<Uint8Array>): Promise<void>;
  /**
   * PostgreSQL only: runs `COPY (query) TO STDOUT WITH (FORMAT binary)` and hands the data over as it
   * streams in (readCopyBinary reads it): a million rows in one query. COPY takes no bound
   * parameters, so values go in as settings of the transaction, set by a parameterised
   * `set_config('klientura.<name>', $1, true)` and read in the query as
   * `current_setting('klientura.<name>')`: never spliced into the SQL text.
   */
  copyTo?<T>(copyStatement: string, settings: Record<string, string>, consume: (chunks: AsyncIterable<Uint8Array>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}


/** How a database is opened. */
export interface OpenOptions {
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
  /**
   * SQLite: copy the write-ahead log back into the database from a thread of its own
   * (sqlite-checkpointer.ts) instead of inside commits. For the connection that writes most (the
   * ingestion writer); ignored for in-memory databases.
   */
  checkpointThread?: boolean;
}

/** Opens the database a DATABASE_URL names (sqlite:<path> or postgres://…). */
export function openDatabase(url: string, options: OpenOptions = {}): Db {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options);
  return openPostgres(url, options);
}

// Pages in the log after which a committing transaction copies it into the database itself.
const inlineCheckpointPages = 20_000;
// With a checkpointer thread: only a backstop, should that thread stop (400 MiB of log).
const backstopCheckpointPages = 100_000;

function openSqlite(path: string, options: OpenOptions): Db {
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
  sqlite.pragma(`wal_autocheckpoint = ${inlineCheckpointPages}`);
  sqlite.pragma('journal_size_limit = 67108864');
  sqlite.function('kl_fold', { deterministic: true }, sqliteFold);
  let checkpointer: SqliteCheckpointer | null = null;
  if (options.checkpointThread && path !== ':memory:') {
    sqlite.pragma(`wal_autocheckpoint = ${backstopCheckpointPages}`);
    // The log restarts every 20,000 pages or so and then reaches 100–150 MiB before the next restart.
    // Cut back to 64 MiB at each restart, it grew again page by page, each new page allocated by the
    // file system: commits took a fifth longer. 256 MiB is kept instead.
    sqlite.pragma('journal_size_limit = 268435456');
    checkpointer = SqliteCheckpointer.start(path, () => sqlite.open && sqlite.pragma(`wal_autocheckpoint = ${inlineCheckpointPages}`));
  }
  // Integers come back as JS numbers (safe: ids, epoch ms and kopecks stay far below 2^53).
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  // A statement of its own (raw mode is a statement's state; Kysely's cached ones return objects).
  const arrays = async (query: CompiledQuery) => sqlite.prepare(query.sql).raw(true).all(...(query.parameters as unknown[])) as unknown[][];
  const close = async () => {
    await checkpointer?.stop();
    await kysely.destroy();
  };
  return { kysely, caps: sqliteCapabilities, arrays, close };
}

// PostgreSQL returns int8 and numeric as strings; one parser here makes them numbers everywhere.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (v: string) => Number(v); // int8, numeric
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function openPostgres(url: string, options: OpenOptions): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: pgTypes,
  });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const arrays = async (query: CompiledQuery) => (await pool.query<unknown[]>({ text: query.sql, values: query.parameters as unknown[], rowMode: 'array' })).rows;
  const copyFrom = async (copyStatement: string, chunks: Iterable<Uint8Array>) => {
    const client = await pool.connect();
    try {
      await pipeline(Readable.from(chunks), client.query(copyFromStdin(copyStatement)));
    } finally {
      client.release();
    }
  };
  const copyTo = async <T>(copyStatement: string, settings: Record<string, string>, consume: (chunks: AsyncIterable<Uint8Array>) => Promise<T>) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      for (const [name, value] of Object.entries(settings)) {
        if (!/^[a-z_]+$/.test(name)) throw new Error(`bad setting name ${name}`);
        await client.query('select set_config($1, $2, true)', [`klientura.${name}`, value]);
      }
      const result = await consume(client.query(copyToStdout(copyStatement)));
      await client.query('commit');
      client.release();
      return result;
    } catch (error) {
      // A COPY stopped half way leaves the connection unusable: it is closed, not returned.
      client.release(true);
      throw error;
    }
  };
  return { kysely, caps: postgresCapabilities, arrays, copyFrom, copyTo, close: () => kysely.destroy() };
}
