import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/harness.js';
import { openDatabase } from '../database.js';
import { migrateToLatest, migrations } from '../migrator.js';
import type { Database } from '../schema.js';

// A database as the previous release left it: the last device on the customers row.
const before: Record<string, Migration> = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '2026-11-30T04-stats-devices'));
const migrator = (db: Kysely<Database>, list: Record<string, Migration>) =>
  new Migrator({ db, provider: { getMigrations: async () => list } });

describe.each(testDatabases())('last-device migration on $name', (database) => {
  it('moves the last device and locale of every customer to their stats row, and back down', async () => {
    const db = openDatabase(await database.url({ fresh: true }));
    try {
      const { error } = await migrator(db.kysely, before).migrateToLatest();
      expect(error).toBeUndefined();
      await sql`insert into workspaces (id, name, timezone, currency, phone_region, created_at, updated_at)
        values ('w', 'Shop', 'Europe/Moscow', 'RUB', 'RU', 0, 0)`.execute(db.kysely);
      // 1: a device and a locale; 2: a locale only; 3: merged into 1 (its stats row went with the merge); 4: erased.
      await sql`insert into customers (id, workspace_id, last_device, last_os, last_browser, locale, merged_into, erased_at, traits, created_at, updated_at)
        values (1, 'w', 'Apple iPhone', 'iOS 17.1', 'Safari 17', 'ru-RU', null, null, '{}', 0, 0),
               (2, 'w', null, null, null, 'en-US', null, null, '{}', 0, 0),
               (3, 'w', 'desktop', 'Windows', 'Chrome 120', 'kk-KZ', 1, null, '{}', 0, 0),
               (4, 'w', null, null, null, null, null, 5, '{}', 0, 0)`.execute(db.kysely);
      await sql`insert into customer_stats (workspace_id, customer_id, orders_count, order_days, revenue, avg_check, last_activity_at, updated_at)
        values ('w', 1, 2, 1, 500, 250, 7, 7), ('w', 2, 0, 0, 0, 0, null, 7), ('w', 4, 1, 1, 100, 100, 3, 7)`.execute(db.kysely);

      await migrateToLatest(db);
      const stats = await sql<Record<string, unknown>>`select customer_id, last_device, last_os, last_browser, locale, orders_count, last_activity_at
        from customer_stats order by customer_id`.execute(db.kysely);
      expect(stats.rows).toEqual([
        { customer_id: 1, last_device: 'Apple iPhone', last_os: 'iOS 17.1', last_browser: 'Safari 17', locale: 'ru-RU', orders_count: 2, last_activity_at: 7 },
        { customer_id: 2, last_device: null, last_os: null, last_browser: null, locale: 'en-US', orders_count: 0, last_activity_at: null },
        { customer_id: 4, last_device: null, last_os: null, last_browser: null, locale: null, orders_count: 1, last_activity_at: 3 },
      ]);
      const customer = await sql<Record<string, unknown>>`select * from customers where id = 1`.execute(db.kysely);
      expect(Object.keys(customer.rows[0] ?? {})).not.toContain('last_device');
      expect(Object.keys(customer.rows[0] ?? {})).not.toContain('locale');

      // Down to the migration before, through any added since (each undone in turn).
      const down = await migrator(db.kysely, migrations).migrateTo('2026-11-30T03-score-digest');
      expect(down.error).toBeUndefined();
      const restored = await sql<Record<string, unknown>>`select id, last_device, last_os, last_browser, locale from customers order by id`.execute(db.kysely);
      expect(restored.rows).toEqual([
        { id: 1, last_device: 'Apple iPhone', last_os: 'iOS 17.1', last_browser: 'Safari 17', locale: 'ru-RU' },
        { id: 2, last_device: null, last_os: null, last_browser: null, locale: 'en-US' },
        // A merged-away profile's device lived on only in the survivor's gaps.
        { id: 3, last_device: null, last_os: null, last_browser: null, locale: null },
        { id: 4, last_device: null, last_os: null, last_browser: null, locale: null },
      ]);
      const statsAfterDown = await sql<Record<string, unknown>>`select * from customer_stats where customer_id = 1`.execute(db.kysely);
      expect(Object.keys(statsAfterDown.rows[0] ?? {})).not.toContain('last_device');
    } finally {
      await db.close();
    }
  });
});
