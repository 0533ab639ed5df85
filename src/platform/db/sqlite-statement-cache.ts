import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';

// Kysely's SQLite driver prepares every statement it runs. Preparing costs more than running a
// small statement (profiles of the ingestion path showed a quarter of its time in prepare), and the
// hot paths run the same few SQL texts again and again, so prepared statements are kept in a
// bounded LRU keyed by SQL text. better-sqlite3 statements are synchronous and reusable; the one
// thing they cannot do is run while the same statement is being iterated, and streamed queries
// (iterate) are only used for exports, whose SQL text no other query shares.

/** Wraps a better-sqlite3 database so that `prepare` returns cached statements (up to `size`). */
export function withStatementCache(db: SqliteDatabase, size = 1000): SqliteDatabase {
  const cache = new Map<string, Statement>();
  const prepare = db.prepare.bind(db);
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'prepare') {
        const value: unknown = Reflect.get(target, property, receiver);
        // Native methods must run on the real object, not on the proxy.
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (source: string) => {
        const hit = cache.get(source);
        if (hit) {
          cache.delete(source); // re-insert: a Map keeps insertion order, so the oldest is first
          cache.set(source, hit);
          return hit;
        }
        const statement = prepare(source);
        cache.set(source, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
        return statement;
      };
    },
  });
}
