import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely';

// Kysely opens SQLite transactions with a plain (deferred) BEGIN, which takes the write lock only at
// the first write. With another connection writing too (the ingestion writer thread, the
// checkpointer, the CLI), a transaction that has read and then wants to write gets SQLITE_BUSY at
// once: SQLite cannot wait there without breaking isolation. BEGIN IMMEDIATE takes the write lock
// first, waiting up to busy_timeout. One process's transactions already run one at a time on its
// connection, so nothing that ran in parallel before is serialised now.

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Kysely's SQLite dialect, with transactions that take the write lock when they begin. */
export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}
