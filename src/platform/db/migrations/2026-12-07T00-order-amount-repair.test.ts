import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { App } from '../../../main.js';
import { newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../../test/harness.js';
import { openDatabase } from '../database.js';
import { migrateToLatest, migrations } from '../migrator.js';
import type { Database } from '../schema.js';
import { analyticsReadUrls } from '../../../../test/analytics-reads.js';

// Orders stored before amounts were bounded: 2^60 on both engines, 1e302 (a REAL) and an infinite
// quantity on SQLite, written straight into the tables as the old write path let them in.

const name = '2026-12-07T00-order-amount-repair';
const before: Record<string, Migration> = Object.fromEntries(Object.entries(migrations).filter(([n]) => n < name));
const migrator = (db: Kysely<Database>, list: Record<string, Migration>) => new Migrator({ db, provider: { getMigrations: async () => list } });
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const twoTo60 = '1152921504606846976';
const day = (iso: string) => Math.floor(Date.parse(iso) / 86_400_000);

/** Every read endpoint of the hostile-messages test; returns those that answered 5xx. */
async function failingReads(app: App, ws: TestWorkspace, customerIds: number[], knownOrderIds: number[]): Promise<string[]> {
  const failures: string[] = [];
  const check = async (url: string) => {
    const res = await withKey(app, ws.secretKey, { method: 'GET', url });
    if (res.statusCode >= 500) failures.push(`GET ${url} → ${res.statusCode}`);
    return res;
  };
  await check('/api/v1/customers?limit=200');
  const orders = await check('/api/v1/orders?limit=200');
  const listed: number[] = orders.statusCode === 200 ? orders.json().items.map((o: { id: number }) => o.id) : [];
  const orderIds = [...new Set([...listed, ...knownOrderIds])];
  const urls = [
    '/api/v1/customers?limit=200&sort=revenue',
    '/api/v1/customers/lookup?kind=external_id&value=r-1',
    '/api/v1/customers/lookup?kind=external_id&value=r-2',
    ...customerIds.flatMap((id) => [`/api/v1/customers/${id}`, `/api/v1/customers/${id}/timeline`, `/api/v1/customers/${id}/export`, `/api/v1/customers/${id}/scores`]),
    ...orderIds.map((id) => `/api/v1/orders/${id}`),
    ...analyticsReadUrls,
  ];
  for (const url of urls) await check(url);
  return failures;
}

describe.each(testDatabases())('order amount repair on $name', (database) => {
  it('takes orders beyond the bounds out of the purchases, so every read answers and the stats are the good orders', async () => {
    const app = await startApp(database, { fresh: true });
    try {
      const ws = await newWorkspace(app);
      const db = app.db.kysely;
      const track = (userId: string, orderId: string, total: number, timestamp: string) =>
        app.http.inject({
          method: 'POST',
          url: '/v1/track',
          headers: { 'content-type': 'application/json', authorization: basic(ws.writeKey) },
          payload: { userId, event: 'Order Completed', timestamp, properties: { order_id: orderId, total, products: [{ product_id: 'p', price: total, quantity: 1 }] } },
        });
      for (const [userId, orderId, total, at] of [['r-1', 'G-1', 1500.5, '2026-03-01T10:00:00Z'], ['r-1', 'G-2', 99.9, '2026-04-01T10:00:00Z'], ['r-2', 'G-3', 700, '2026-04-02T10:00:00Z']] as const) {
        expect((await track(userId, orderId, total, at)).statusCode).toBe(200);
      }
      const profile = async (userId: string) => (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/lookup?kind=external_id&value=${userId}` })).json();
      const [r1, r2] = [await profile('r-1'), await profile('r-2')];
      expect(r1.stats).toMatchObject({ ordersCount: 2, revenue: 160040 });

      // What the write path stored before the bounds: the orders, their lines, and the stats summed over them.
      const sqlite = database.name === 'sqlite';
      const bad = [
        { externalId: 'BAD-1', total: twoTo60, price: twoTo60, quantity: '1' },
        ...(sqlite ? [{ externalId: 'BAD-2', total: '1e302', price: '100', quantity: '1' }, { externalId: 'BAD-3', total: '100', price: '100', quantity: '9e999' }] : []),
        ...(sqlite ? [] : [{ externalId: 'BAD-3', total: '100', price: '100', quantity: `'Infinity'` }]),
      ];
      const badIds: Record<string, number> = {};
      for (const o of bad) {
        const inserted = await sql<{ id: number }>`insert into orders (workspace_id, customer_id, external_id, status, total, discount, shipping, tax, refunded, points_used,
            currency, channel, store_id, source, ordered_at, order_day, created_at, updated_at)
          values (${ws.id}, ${r1.id}, ${o.externalId}, 'completed', ${sql.raw(o.total)}, 0, 0, 0, 0, 0, 'RUB', 'online', null, 'event',
            ${Date.parse('2026-05-10T10:00:00Z')}, ${day('2026-05-10')}, 0, 0) returning id`.execute(db);
        const id = Number(inserted.rows[0]?.id);
        badIds[o.externalId] = id;
        await sql`insert into order_items (workspace_id, order_id, customer_id, product_id, price, quantity)
          values (${ws.id}, ${id}, ${r1.id}, 'p', ${sql.raw(o.price)}, ${sql.raw(o.quantity)})`.execute(db);
      }
      const added = sqlite ? sql.raw(`(${twoTo60} + 1e302 + 100)`) : sql.raw(`(${twoTo60} + 100)`);
      await sql`update customer_stats set revenue = revenue + ${added}, avg_check = (revenue + ${added}) / (orders_count + ${bad.length}),
          orders_count = orders_count + ${bad.length}, order_days = 3, last_order_day = ${day('2026-05-10')}
        where workspace_id = ${ws.id} and customer_id = ${r1.id}`.execute(db);

      // A computation of the scores reads the bad stats; then the reads fail.
      expect((await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/analytics/scores/recompute' })).statusCode).toBe(202);
      await app.services.scores.settled(ws.id);
      const failing = await failingReads(app, ws, [r1.id, r2.id], Object.values(badIds));
      for (const url of ['/api/v1/customers?limit=200', '/api/v1/orders?limit=200', '/api/v1/analytics/kpis?from=2026-01-01&to=2026-06-30', '/api/v1/analytics/summary']) {
        expect(failing).toContain(`GET ${url} → 500`);
      }
      expect(failing).toContain(`GET /api/v1/orders/${badIds['BAD-1']} → 500`);

      // The repair as registered, run over the database as it stands.
      await migrations[name]?.up(db);
      expect(await failingReads(app, ws, [r1.id, r2.id], Object.values(badIds))).toEqual([]);
      // The stats are those of the good orders; the other customer is as they were, scores and all.
      expect((await profile('r-1')).stats).toMatchObject({ ordersCount: 2, orderDays: 2, revenue: 160040, avgCheck: 80020 });
      expect((await profile('r-2')).stats).toEqual(r2.stats);
      const scores = async (id: number) => (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/${id}/scores` })).json();
      expect(await scores(r1.id)).toBeNull();
      expect(await scores(r2.id)).not.toBeNull();
      // The bad orders are kept, out of the purchases, with their values as they were.
      const orders = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/orders?customerId=${r1.id}` })).json().items;
      expect(orders.map((o: { externalId: string; status: string; total: number }) => [o.externalId, o.status, o.total]).sort()).toEqual(
        [['G-1', 'completed', 150050], ['G-2', 'completed', 9990], ...bad.map((o) => [o.externalId, 'cancelled', o.externalId === 'BAD-3' ? 100 : 0])].sort(),
      );
      const kept = await sql<{ order_id: number; item_id: number | null; field: string; original: string }>`
        select order_id, item_id, field, original from order_repairs where workspace_id = ${ws.id} order by order_id, field`.execute(db);
      expect(kept.rows.map((r) => [Number(r.order_id), r.item_id === null ? 'order' : 'item', r.field, r.original])).toEqual([
        [badIds['BAD-1'], 'item', 'price', twoTo60],
        [badIds['BAD-1'], 'order', 'status', 'completed'],
        [badIds['BAD-1'], 'order', 'total', twoTo60],
        ...(sqlite ? [[badIds['BAD-2'], 'order', 'status', 'completed'], [badIds['BAD-2'], 'order', 'total', '1.0e+302']] : []),
        [badIds['BAD-3'], 'item', 'quantity', sqlite ? 'Inf' : 'Infinity'],
        [badIds['BAD-3'], 'order', 'status', 'completed'],
      ]);

      // The next computation rebuilds what was dropped, from the good orders.
      expect((await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/analytics/summary' })).json()).toBeNull();
      await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/analytics/scores/recompute' });
      await app.services.scores.settled(ws.id);
      const summary = (await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/analytics/summary' })).json();
      expect(summary).toMatchObject({ buyers: 2, revenue: 160040 + 70000 });
      expect(await scores(r1.id)).not.toBeNull();
    } finally {
      await app.close();
    }
  });

  it('runs as a migration: stats beyond 2^53 − 1 recomputed, orders past the sum bound taken out, and down leaves the repair', async () => {
    const db = openDatabase(await database.url({ fresh: true }));
    try {
      expect((await migrator(db.kysely, before).migrateToLatest()).error).toBeUndefined();
      await sql`insert into workspaces (id, name, timezone, currency, phone_region, created_at, updated_at)
        values ('w', 'Shop', 'Europe/Moscow', 'RUB', 'RU', 0, 0)`.execute(db.kysely);
      await sql`insert into customers (id, workspace_id, traits, created_at, updated_at) values (1, 'w', '{}', 0, 0), (2, 'w', '{}', 0, 0)`.execute(db.kysely);
      // Customer 1: 9,010 orders of 10^12, each within the bound; the last three take the sum past 2^53 − 1.
      await sql`with recursive n (i) as (select 1 union all select i + 1 from n where i < 9010)
        insert into orders (workspace_id, customer_id, external_id, status, total, discount, shipping, tax, refunded, points_used,
          currency, channel, store_id, source, ordered_at, order_day, created_at, updated_at)
        select 'w', 1, 'O-' || cast(i as text), 'completed', 1000000000000, 0, 0, 0, 0, 0, 'RUB', 'online', null, 'import', cast(i as bigint) * 86400000, i, 0, 0 from n`.execute(db.kysely);
      // Customer 2: one good order, and stats that say otherwise.
      await sql`insert into orders (workspace_id, customer_id, external_id, status, total, discount, shipping, tax, refunded, points_used,
          currency, channel, store_id, source, ordered_at, order_day, created_at, updated_at)
        values ('w', 2, 'P-1', 'completed', 500, 0, 0, 0, 0, 0, 'RUB', 'online', null, 'import', 86400000, 1, 0, 0)`.execute(db.kysely);
      await sql`insert into customer_stats (workspace_id, customer_id, first_order_at, last_order_at, orders_count, order_days, revenue, avg_check, last_activity_at, updated_at)
        values ('w', 1, 86400000, ${9010 * 86400000}, 9010, 9010, ${sql.raw('9010000000000000')}, 1000000000000, 7, 0),
               ('w', 2, 86400000, 86400000, 1, 1, ${sql.raw(twoTo60)}, ${sql.raw(twoTo60)}, 7, 0)`.execute(db.kysely);

      await migrateToLatest(db);
      const stats = await sql<Record<string, number>>`select customer_id, orders_count, order_days, revenue, avg_check, first_day_value, last_activity_at
        from customer_stats order by customer_id`.execute(db.kysely);
      expect(stats.rows.map((r) => Object.values(r).map(Number))).toEqual([
        [1, 9007, 9007, 9007 * 1e12, 1e12, 1e12, 9007 * 86400000],
        [2, 1, 1, 500, 500, 500, 86400000],
      ]);
      const taken = await sql<{ external_id: string; status: string; total: number }>`select external_id, status, total from orders
        where status <> 'completed' order by id`.execute(db.kysely);
      expect(taken.rows.map((r) => [r.external_id, r.status, Number(r.total)])).toEqual([['O-9008', 'cancelled', 0], ['O-9009', 'cancelled', 0], ['O-9010', 'cancelled', 0]]);

      // Nothing to undo: down keeps the repaired rows and what they were.
      expect((await migrator(db.kysely, migrations).migrateTo(Object.keys(before).at(-1) ?? '')).error).toBeUndefined();
      const repairs = await sql<{ n: number }>`select count(*) as n from order_repairs`.execute(db.kysely);
      expect(Number(repairs.rows[0]?.n)).toBe(6);
      await migrateToLatest(db);
      expect(Number((await sql<{ n: number }>`select count(*) as n from order_repairs`.execute(db.kysely)).rows[0]?.n)).toBe(6);
    } finally {
      await db.close();
    }
  });
});
