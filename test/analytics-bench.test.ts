import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultShopOptions, generateShop, type Shop } from '../bench/analytics-data.js';
import { duckdbRfm, type YardstickResult, yardstickRules } from '../bench/analytics-duckdb.js';
import { loadShop } from '../bench/analytics-load.js';
import type { App } from '../src/main.js';
import { AnalyticsRepo } from '../src/modules/analytics/analytics.repo.js';
import { isoDay } from '../src/modules/analytics/days.js';
import { rfmScores, rfmSegmentOf, rfmSegments } from '../src/modules/analytics/rfm/rfm.js';
import { StatsRepo } from '../src/modules/customers/stats.repo.js';
import { localDayNumber } from '../src/platform/time.js';
import { startApp, testDatabases } from './harness.js';

// The analytics benchmark's own checks on a small shop: its bulk load leaves orders and
// customer_stats as the product keeps them, and its DuckDB yardstick computes the product's RFM,
// customer by customer. The benchmark's ratios mean something only while both hold.

const shop: Shop = generateShop(defaultShopOptions(2_000, 20_000, 5));
let yardstick: YardstickResult;
beforeAll(async () => {
  yardstick = await duckdbRfm(shop, 1, shop.options.lastDay, 1);
});

describe.each(testDatabases())('analytics benchmark data on $name', (database) => {
  let app: App;
  let workspaceId: string;
  let firstCustomerId: number;
  beforeAll(async () => {
    // A database of its own: the load drops and recreates indexes.
    const url = await database.url({ fresh: true });
    const setup = await startApp({ name: database.name, url: async () => url });
    workspaceId = (await setup.services.workspaces.create({ name: 'Bench check', timezone: shop.options.timezone })).id;
    await setup.close();
    ({ firstCustomerId } = await loadShop({ engine: database.name, url, stop: async () => undefined }, workspaceId, shop, () => undefined));
    app = await startApp({ name: database.name, url: async () => url });
  }, 60_000);
  afterAll(() => app?.close());

  it('writes every order with order_day the local day of ordered_at in the workspace zone', async () => {
    const orders = await app.db.kysely.selectFrom('orders').select(['ordered_at', 'order_day']).where('workspace_id', '=', workspaceId).execute();
    expect(orders).toHaveLength(20_000);
    const wrong = orders.filter((o) => localDayNumber(Number(o.ordered_at), shop.options.timezone) !== Number(o.order_day));
    expect(wrong).toEqual([]);
  });

  it('fills customer_stats as the product recomputes it from the orders', async () => {
    const read = async () =>
      (await app.db.kysely.selectFrom('customer_stats').selectAll().where('workspace_id', '=', workspaceId).orderBy('customer_id').execute())
        .map(({ updated_at: _updated, ...row }) => row);
    const loaded = await read();
    expect(loaded).toHaveLength(2_000);
    // Every third customer (the product recomputes one customer per statement): some who bought once, some often, some never.
    const sample = loaded.filter((_, i) => i % 3 === 0).map((r) => Number(r.customer_id));
    await new StatsRepo(app.db.kysely).recomputeOrders(workspaceId, sample, Date.now());
    expect(await read()).toEqual(loaded);
  });

  it("gives DuckDB's RFM scores and segment to every customer, as the product scores them", async () => {
    const last = shop.options.lastDay;
    const rows = await new AnalyticsRepo(app.db.kysely).periodTotals(workspaceId, null, last);
    const inputs = rows.map((r) => ({ customerId: r.customer_id, recencyDays: last - r.last_day, frequency: r.days, monetary: r.value, orders: r.orders, tenureDays: last - r.first_day }));
    const product = new Map(rfmScores(inputs).map((score, i) => [inputs[i].customerId - firstCustomerId + 1, { ...score, segment: rfmSegmentOf({ ...score, ...inputs[i] }, yardstickRules) }]));
    const { scores } = yardstick;
    const duck = new Map(Array.from(scores.customerId, (id, i) => [id, { r: scores.r[i], f: scores.f[i], m: scores.m[i], segment: rfmSegments[scores.segment[i]] }]));
    expect(duck.size).toBeGreaterThan(1_500);
    expect(new Map([...duck].sort(([a], [b]) => a - b))).toEqual(new Map([...product].sort(([a], [b]) => a - b)));
    // Every score and segment occurs, so the comparison covers them all.
    for (const key of ['r', 'f', 'm'] as const) expect(new Set([...duck.values()].map((s) => s[key])).size).toBeGreaterThanOrEqual(4);
    expect(new Set([...duck.values()].map((s) => s.segment)).size).toBe(rfmSegments.length);
    const analysed = await app.services.rfm.analyse(workspaceId, isoDay(last), null);
    expect(analysed.customers).toBe(duck.size);
  });
});
