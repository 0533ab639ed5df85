import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

// Kysely's SQLite driver prepares every statement it runs. Preparing costs more than running a
// small statement (profiles of the ingestion path showed a quarter of its time in prepare), and the
// hot paths run the same few SQL texts again and again, so prepared statements are kept by SQL text.
// better-sqlite3 statements are synchronous and reusable; the one thing they cannot do is run while
// the same statement is being iterated, and streamed queries (iterate) are only used for exports,
// whose SQL text no other query shares.
//
// The cache forgets the oldest statement when full, whether or not it was used lately: a hit is then
// a single Map lookup (keeping recency cost a delete and a set per query), and a hot statement that
// is forgotten is simply prepared again.

/** What Kysely's SQLite dialect needs of a database: `prepare` answered from a cache of up to `size` statements. */
export function withStatementCache(db: SqliteDatabase, size = 1000): KyselySqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    prepare(source: string) {
      const hit = cache.get(source);
      if (hit) return hit;
      const statement = db.prepare(source);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      cache.set(source, statement);
      return statement;
    },
    close: () => db.close(),
  };
}
