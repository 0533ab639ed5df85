import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/harness.js';
import { openDatabase } from '../database.js';
import { migrations } from '../migrator.js';
import type { Database } from '../schema.js';

const name = '2026-12-08T20-customer-change-triggers';
const before: Record<string, Migration> = Object.fromEntries(Object.entries(migrations).filter(([n]) => n < name));
const migrator = (db: Kysely<Database>, list: Record<string, Migration>) => new Migrator({ db, provider: { getMigrations: async () => list } });

describe.each(testDatabases())('customer change triggers migration on $name', (database) => {
  it('writes changes only for updates that change a column rules read, and goes back to every update', async () => {
    const db = openDatabase(await database.url({ fresh: true }));
    const changes = async () => Number((await sql<{ n: number }>`select count(*) as n from customer_changes`.execute(db.kysely)).rows[0]?.n);
    // Rewrites the same values, bumping only the bookkeeping columns, on every watched table.
    const rewrite = async (at: number) => {
      await sql`update customers set city = 'Москва', updated_at = ${at} where id = 1`.execute(db.kysely);
      await sql`update customer_consents set status = 'granted', source = 'form', updated_at = ${at} where customer_id = 1`.execute(db.kysely);
      await sql`update customer_identifiers set created_at = ${at} where customer_id = 1`.execute(db.kysely);
      await sql`update customer_scores set stage = 'active', computed_at = ${at} where customer_id = 1`.execute(db.kysely);
    };
    try {
      expect((await migrator(db.kysely, before).migrateToLatest()).error).toBeUndefined();
      await sql`insert into workspaces (id, name, timezone, currency, phone_region, created_at, updated_at)
        values ('w', 'Shop', 'Europe/Moscow', 'RUB', 'RU', 0, 0)`.execute(db.kysely);
      await sql`insert into customers (id, workspace_id, city, traits, created_at, updated_at) values (1, 'w', 'Москва', '{}', 0, 0)`.execute(db.kysely);
      await sql`insert into customer_consents (workspace_id, customer_id, channel, status, source, updated_at) values ('w', 1, 'email', 'granted', null, 0)`.execute(db.kysely);
      await sql`insert into customer_identifiers (workspace_id, kind, value, customer_id, created_at) values ('w', 'email', 'a@example.com', 1, 0)`.execute(db.kysely);
      await sql`insert into customer_scores (workspace_id, customer_id, stage, computed_at) values ('w', 1, 'active', 0)`.execute(db.kysely);
      await sql`insert into customer_stats (workspace_id, customer_id, orders_count, order_days, revenue, avg_check, updated_at)
        values ('w', 1, 0, 0, 0, 0, 0)`.execute(db.kysely);
      expect((await migrator(db.kysely, migrations).migrateTo(name)).error).toBeUndefined();

      let count = await changes();
      await rewrite(1);
      expect(await changes()).toBe(count);
      await sql`update customers set city = 'Казань', updated_at = 2 where id = 1`.execute(db.kysely);
      await sql`update customer_consents set status = 'revoked' where customer_id = 1`.execute(db.kysely);
      await sql`update customer_identifiers set value = 'b@example.com' where customer_id = 1`.execute(db.kysely);
      await sql`update customer_scores set stage = 'lapsed' where customer_id = 1`.execute(db.kysely);
      expect(await changes()).toBe(count + 4);
      // A stats update always counts: a stored event changes no column but the time of writing.
      count = await changes();
      await sql`update customer_stats set updated_at = 3 where customer_id = 1`.execute(db.kysely);
      expect(await changes()).toBe(count + 1);

      expect((await migrator(db.kysely, migrations).migrateTo(Object.keys(before).at(-1) ?? '')).error).toBeUndefined();
      count = await changes();
      await rewrite(4);
      expect(await changes()).toBe(count + 4);

      expect((await migrator(db.kysely, migrations).migrateTo(name)).error).toBeUndefined();
      count = await changes();
      await rewrite(5);
      expect(await changes()).toBe(count);
    } finally {
      await db.close();
    }
  });
});
