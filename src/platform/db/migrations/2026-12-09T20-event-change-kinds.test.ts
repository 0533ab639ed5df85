import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { changesWrittenBy } from '../../../../test/customer-changes.js';
import { testDatabases } from '../../../../test/harness.js';
import { changeKinds, eventKind } from '../../../modules/segments/rule-deps.js';
import { openDatabase } from '../database.js';
import { migrateToLatest, migrations } from '../migrator.js';
import type { Database } from '../schema.js';

const name = '2026-12-09T20-event-change-kinds';
const before = Object.keys(migrations).filter((n) => n < name).at(-1) ?? '';
const migrator = (db: Kysely<Database>, list: Record<string, Migration>) => new Migrator({ db, provider: { getMigrations: async () => list } });

describe.each(testDatabases())('event change kinds migration on $name', (database) => {
  it('names an event by its bit, an order and the stats columns by their kinds, and an update changing nothing read not at all', async () => {
    const db = openDatabase(await database.url({ fresh: true }));
    const k = db.kysely;
    const written = (statement: () => Promise<unknown>) => changesWrittenBy(k, statement);
    try {
      await migrateToLatest(db);
      await sql`insert into workspaces (id, name, timezone, currency, phone_region, created_at, updated_at) values ('w', 'Shop', 'Europe/Moscow', 'RUB', 'RU', 0, 0)`.execute(k);
      await sql`insert into customers (id, workspace_id, traits, created_at, updated_at) values (1, 'w', '{}', 0, 0), (2, 'w', '{}', 0, 0)`.execute(k);
      expect(await written(() => sql`insert into customer_stats (workspace_id, customer_id, orders_count, order_days, revenue, avg_check, updated_at)
        values ('w', 1, 0, 0, 0, 0, 0)`.execute(k))).toEqual(new Map([[1, changeKinds.stats | changeKinds.device]]));

      // The SQL of both engines and eventKind() agree, over Latin, Cyrillic, astral, empty and missing names.
      const names: [string, string | null][] = [['track', 'Product Viewed'], ['track', 'Заказ оформлен'], ['page', 'Каталог'], ['track', '🛒 корзина 🎁'], ['page', ''], ['identify', null], ['screen', 'x']];
      for (const [i, [type, eventName]] of names.entries()) {
        const got = await written(() => sql`insert into events (workspace_id, customer_id, type, name, message_id, properties, context, timestamp, received_at)
          values ('w', 1, ${type}, ${eventName}, ${`m${i}`}, '{}', '{}', 0, 0)`.execute(k));
        expect(got, `${type} ${eventName}`).toEqual(new Map([[1, changeKinds.events | eventKind(type, eventName)]]));
      }
      expect(new Set(names.map(([type, n]) => eventKind(type, n))).size).toBeGreaterThan(4);

      // The last activity and the time of writing alone change nothing a rule reads.
      expect(await written(() => sql`update customer_stats set last_activity_at = 5, updated_at = 5 where customer_id = 1`.execute(k))).toEqual(new Map());
      expect(await written(() => sql`update customer_stats set orders_count = 1, updated_at = 6 where customer_id = 1`.execute(k))).toEqual(new Map([[1, changeKinds.stats]]));
      expect(await written(() => sql`update customer_stats set last_os = 'iOS' where customer_id = 1`.execute(k))).toEqual(new Map([[1, changeKinds.device]]));

      expect(await written(() => sql`insert into orders (workspace_id, customer_id, external_id, status, total, discount, shipping, tax, refunded, points_used,
        currency, channel, source, ordered_at, order_day, created_at, updated_at) values ('w', 1, 'o1', 'completed', 100, 0, 0, 0, 0, 0, 'RUB', 'online', 'api', 0, 0, 0, 0)`.execute(k)))
        .toEqual(new Map([[1, changeKinds.orders]]));

      // A merge moves events, orders and stats: both customers are named, with every event's bit.
      const allBits = names.reduce((m, [type, n]) => m | eventKind(type, n), 0);
      expect(await written(() => sql`update events set customer_id = 2 where customer_id = 1`.execute(k))).toEqual(new Map([[1, changeKinds.events | allBits], [2, changeKinds.events | allBits]]));
      expect(await written(() => sql`update orders set customer_id = 2 where customer_id = 1`.execute(k))).toEqual(new Map([[1, changeKinds.orders], [2, changeKinds.orders]]));
      expect(await written(() => sql`update customer_stats set customer_id = 2 where customer_id = 1`.execute(k))).toEqual(new Map([[1, changeKinds.stats | changeKinds.device], [2, changeKinds.stats | changeKinds.device]]));
      expect(await written(() => sql`delete from events where customer_id = 2 and type = 'page'`.execute(k))).toEqual(new Map([[2, changeKinds.events | eventKind('page', 'Каталог') | eventKind('page', '')]]));

      // Back down: no event triggers, and every stats write counts again.
      expect((await migrator(k, migrations).migrateTo(before)).error).toBeUndefined();
      expect(await written(() => sql`insert into events (workspace_id, customer_id, type, name, message_id, properties, context, timestamp, received_at)
        values ('w', 2, 'track', 'A', 'm-down', '{}', '{}', 0, 0)`.execute(k))).toEqual(new Map());
      expect(await written(() => sql`update customer_stats set updated_at = 7 where customer_id = 2`.execute(k))).toEqual(new Map([[2, changeKinds.stats]]));
    } finally {
      await db.close();
    }
  });
});
