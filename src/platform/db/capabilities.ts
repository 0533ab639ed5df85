/** What a database engine can do; services and repositories ask this object, never the dialect's name. */
export interface Capabilities {
  /** Engine name, for logs and benchmark output only. */
  name: 'sqlite' | 'postgres';
  /** `SELECT … FOR UPDATE SKIP LOCKED` for workers that claim rows. */
  skipLocked: boolean;
  /** Several processes may write at once (PostgreSQL), so claims and retries matter. */
  concurrentWriters: boolean;
  /** Multi-row statements (inserts, updates from a list of values) are much faster than one row per statement (PostgreSQL round trips). */
  prefersMultiRowInsert: boolean;
  /** Arrays bind as one parameter, so `unnest` inserts thousands of rows in one statement (PostgreSQL). */
  arrayParameters: boolean;
  /** Largest number of bound parameters in one statement. */
  maxParameters: number;
  /** Case-insensitive LIKE operator. */
  ilike: 'ilike' | 'like';
  /**
   * Planner statistics must be refreshed after a bulk write (PostgreSQL: autovacuum analyzes later,
   * and plans made meanwhile take a million fresh rows for none). SQLite's plans here do not depend on them.
   */
  analyzeAfterBulkWrite: boolean;
  /**
   * Statements block the thread that runs them (better-sqlite3), so ingestion batches are stored by
   * a writer thread of their own (modules/ingest/ingest-writer.ts); PostgreSQL's are asynchronous.
   */
  blockingStatements: boolean;
}

/** SQLite via better-sqlite3: one writer, in-process, no round trips. */
export const sqliteCapabilities: Capabilities = {
  name: 'sqlite',
  skipLocked: false,
  concurrentWriters: false,
  prefersMultiRowInsert: false,
  arrayParameters: false,
  maxParameters: 32766,
  analyzeAfterBulkWrite: false,
  blockingStatements: true,
  ilike: 'like', // SQLite's LIKE is case-insensitive for ASCII; names are also stored lower-cased in search columns
};

/** PostgreSQL via pg: many writers, network round trips. */
export const postgresCapabilities: Capabilities = {
  name: 'postgres',
  skipLocked: true,
  concurrentWriters: true,
  prefersMultiRowInsert: true,
  arrayParameters: true,
  maxParameters: 65535,
  ilike: 'ilike',
  analyzeAfterBulkWrite: true,
  blockingStatements: false,
};
