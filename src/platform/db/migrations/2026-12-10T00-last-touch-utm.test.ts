import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { changesWrittenBy } from '../../../../test/customer-changes.js';
import { testDatabases } from '../../../../test/harness.js';
import { changeKinds } from '../../../modules/segments/rule-deps.js';
import { openDatabase } from '../database.js';
import { migrateToLatest, migrations } from '../migrator.js';
import type { Database } from '../schema.js';

const name = '2026-12-10T00-last-touch-utm';
const before = Object.keys(migrations).filter((n) => n < name).at(-1) ?? '';
const migrator = (db: Kysely<Database>, list: Record<string, Migration>) => new Migrator({ db, provider: { getMigrations: async () => list } });

describe.each(testDatabases())('last touch migration on $name', (database) => {
  it('puts a customer on the feed as a device change when a last-touch tag changes, and not when it is rewritten as it was', async () => {
    const db = openDatabase(await database.url({ fresh: true }));
    const k = db.kysely;
    const written = (statement: () => Promise<unknown>) => changesWrittenBy(k, statement);
    try {
      await migrateToLatest(db);
      await sql`insert into workspaces (id, name, timezone, currency, phone_region, created_at, updated_at) values ('w', 'Shop', 'Europe/Moscow', 'RUB', 'RU', 0, 0)`.execute(k);
      await sql`insert into customers (id, workspace_id, traits, created_at, updated_at) values (1, 'w', '{}', 0, 0)`.execute(k);
      await sql`insert into customer_stats (workspace_id, customer_id, orders_count, order_days, revenue, avg_check, updated_at) values ('w', 1, 0, 0, 0, 0, 0)`.execute(k);

      for (const column of ['last_utm_source', 'last_utm_medium', 'last_utm_campaign']) {
        expect(await written(() => sql`update customer_stats set ${sql.ref(column)} = 'yandex', last_utm_at = 10 where customer_id = 1`.execute(k)), column)
          .toEqual(new Map([[1, changeKinds.device]]));
        // The same tags again (a later visit from the same campaign) change nothing a rule reads.
        expect(await written(() => sql`update customer_stats set ${sql.ref(column)} = 'yandex', last_utm_at = 20 where customer_id = 1`.execute(k)), column)
          .toEqual(new Map());
      }
      expect(await written(() => sql`update customer_stats set last_utm_source = null where customer_id = 1`.execute(k))).toEqual(new Map([[1, changeKinds.device]]));
      // The columns of 2026-12-09T20 are still compared.
      expect(await written(() => sql`update customer_stats set last_os = 'iOS' where customer_id = 1`.execute(k))).toEqual(new Map([[1, changeKinds.device]]));
      expect(await written(() => sql`update customer_stats set orders_count = 2 where customer_id = 1`.execute(k))).toEqual(new Map([[1, changeKinds.stats]]));

      // Back down: the columns are gone and the earlier triggers compare what they did.
      expect((await migrator(k, migrations).migrateTo(before)).error).toBeUndefined();
      const columns = (await k.introspection.getTables()).find((t) => t.name === 'customer_stats')?.columns.map((c) => c.name) ?? [];
      expect(columns).toContain('last_os');
      expect(columns.filter((c) => c.startsWith('last_utm'))).toEqual([]);
      expect(await written(() => sql`update customer_stats set last_os = 'Android' where customer_id = 1`.execute(k))).toEqual(new Map([[1, changeKinds.device]]));
      expect(await written(() => sql`update customer_stats set updated_at = 5 where customer_id = 1`.execute(k))).toEqual(new Map());
      // And up again.
      await migrateToLatest(db);
      expect(await written(() => sql`update customer_stats set last_utm_campaign = 'spring' where customer_id = 1`.execute(k))).toEqual(new Map([[1, changeKinds.device]]));
    } finally {
      await db.close();
    }
  });
});
