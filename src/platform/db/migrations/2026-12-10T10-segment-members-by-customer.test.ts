import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/harness.js';
import { type Db, openDatabase } from '../database.js';
import { migrateToLatest, migrations } from '../migrator.js';
import type { Database } from '../schema.js';

const name = '2026-12-10T10-segment-members-by-customer';
const before = Object.keys(migrations).filter((n) => n < name).at(-1) ?? '';
const migrator = (db: Kysely<Database>, list: Record<string, Migration>) => new Migrator({ db, provider: { getMigrations: async () => list } });

async function indexColumns(db: Db): Promise<string[]> {
  if (db.caps.name === 'postgres') {
    const r = await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = 'segment_members_customer'`.execute(db.kysely);
    return (/\((.*)\)/.exec(r.rows[0]?.indexdef ?? '')?.[1] ?? '').split(',').map((c) => c.trim().replace(/"/g, ''));
  }
  const r = await sql<{ name: string }>`select name from pragma_index_info('segment_members_customer') order by seqno`.execute(db.kysely);
  return r.rows.map((c) => c.name);
}

describe.each(testDatabases())('segment members by customer migration on $name', (database) => {
  it('covers the segment in the customer index, which SQLite then reads for a list of customers', async () => {
    const db = openDatabase(await database.url({ fresh: true }));
    try {
      await migrateToLatest(db);
      expect(await indexColumns(db)).toEqual(['workspace_id', 'customer_id', 'segment_id']);
      if (db.caps.name === 'sqlite') {
        const plan = await sql<{ detail: string }>`explain query plan select segment_id, customer_id from segment_members
          where workspace_id = 'w' and customer_id in (select value from json_each('[1, 2]'))`.execute(db.kysely);
        expect(plan.rows.map((r) => r.detail).join('; ')).toContain('COVERING INDEX segment_members_customer (workspace_id=? AND customer_id=?)');
      }
      expect((await migrator(db.kysely, migrations).migrateTo(before)).error).toBeUndefined();
      expect(await indexColumns(db)).toEqual(['workspace_id', 'customer_id']);
      await migrateToLatest(db);
      expect(await indexColumns(db)).toEqual(['workspace_id', 'customer_id', 'segment_id']);
    } finally {
      await db.close();
    }
  });
});
