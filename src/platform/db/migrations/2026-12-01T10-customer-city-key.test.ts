import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/harness.js';
import { openDatabase } from '../database.js';
import { migrateToLatest, migrations } from '../migrator.js';
import type { Database } from '../schema.js';

// A database as the previous release left it: cities stored as typed, no search key.
const name = '2026-12-01T10-customer-city-key';
const before: Record<string, Migration> = Object.fromEntries(Object.entries(migrations).filter(([n]) => n < name));
const migrator = (db: Kysely<Database>, list: Record<string, Migration>) => new Migrator({ db, provider: { getMigrations: async () => list } });

describe.each(testDatabases())('city search key migration on $name', (database) => {
  it('fills the key of every stored city, folded to lower case with ё as е, and drops it again', async () => {
    const db = openDatabase(await database.url({ fresh: true }));
    try {
      const { error } = await migrator(db.kysely, before).migrateToLatest();
      expect(error).toBeUndefined();
      await sql`insert into workspaces (id, name, timezone, currency, phone_region, created_at, updated_at)
        values ('w', 'Shop', 'Europe/Moscow', 'RUB', 'RU', 0, 0)`.execute(db.kysely);
      await sql`insert into customers (id, workspace_id, city, traits, created_at, updated_at)
        values (1, 'w', 'Москва', '{}', 0, 0), (2, 'w', 'МОСКВА', '{}', 0, 0), (3, 'w', 'Орёл', '{}', 0, 0),
               (4, 'w', 'Ростов-на-Дону', '{}', 0, 0), (5, 'w', null, '{}', 0, 0), (6, 'w', '   ', '{}', 0, 0)`.execute(db.kysely);

      await migrateToLatest(db);
      const rows = await sql<{ id: number; city: string | null; city_key: string | null }>`select id, city, city_key from customers order by id`.execute(db.kysely);
      expect(rows.rows.map((r) => [Number(r.id), r.city_key])).toEqual([
        [1, 'москва'], [2, 'москва'], [3, 'орел'], [4, 'ростов на дону'], [5, null], [6, null],
      ]);
      // The list's city filter reads the key through the index on (workspace_id, city_key).
      const plan = database.name === 'sqlite'
        ? await sql<{ detail: string }>`explain query plan select id from customers where workspace_id = 'w' and city_key >= 'моск' and city_key < 'мосл'`.execute(db.kysely)
        : null;
      if (plan) expect(plan.rows.map((r) => r.detail).join(' ')).toContain('customers_ws_city_key');

      // Down to the migration before, through any added since (each undone in turn).
      const down = await migrator(db.kysely, migrations).migrateTo(Object.keys(before).at(-1) ?? '');
      expect(down.error).toBeUndefined();
      const restored = await sql<Record<string, unknown>>`select * from customers where id = 1`.execute(db.kysely);
      expect(Object.keys(restored.rows[0] ?? {})).not.toContain('city_key');
      expect(restored.rows[0]).toMatchObject({ city: 'Москва' });
      // Up again after down: the migration can be replayed.
      await migrateToLatest(db);
      const again = await sql<{ city_key: string | null }>`select city_key from customers where id = 3`.execute(db.kysely);
      expect(again.rows[0]?.city_key).toBe('орел');
    } finally {
      await db.close();
    }
  });
});
