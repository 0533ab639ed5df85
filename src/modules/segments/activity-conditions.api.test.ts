import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { fixedClock } from '../../platform/clock.js';
import { type ActivityCondition, activityMembers } from './rule-sql-activity.js';
import { sendTracking, settleSegments } from '../../../test/segments.js';
import { newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';

// Conditions on what customers did, read over the whole workspace (previews) and for a few
// customers (saved segments kept current): page views with and without a name, categories
// spelled differently, orders in a window. On SQLite, also the plans: a whole-workspace condition
// reads events by name and time and order lines by category, never every row of the workspace in
// customer order (which read the events table at random: minutes at a million customers).

const day = 86_400_000;

describe.each(testDatabases())('activity conditions on $name', (database) => {
  let app: App;
  const clock = fixedClock(Date.UTC(2026, 5, 15, 9, 0, 0));
  beforeAll(async () => {
    app = await startApp(database, { clock });
  });
  afterAll(() => app.close());

  const send = (ws: TestWorkspace, path: string, body: object) => sendTracking(app, ws, path, body);
  const page = (ws: TestWorkspace, userId: string, at: number, name?: string, source?: string) =>
    send(ws, '/v1/page', { userId, ...(name ? { name } : {}), timestamp: new Date(at).toISOString(), ...(source ? { context: { campaign: { source } } } : {}) });
  const customerId = async (ws: TestWorkspace, userId: string) => {
    const res = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/lookup?kind=external_id&value=${userId}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().id as number;
  };
  const order = async (ws: TestWorkspace, customer: number, externalId: string, orderedAt: number, categories: (string | null)[]) => {
    const items = categories.map((category, i) => ({ productId: `p${i}`, ...(category === null ? {} : { category }), price: 100_00, quantity: 1 }));
    await app.db.kysely.transaction().execute(async (trx) => {
      await app.services.orders.record(trx, ws.id, 'Europe/Moscow', customer, { externalId, orderedAt, total: 100_00 * items.length, currency: 'RUB', items } as never, 'api');
      await app.services.orders.refreshStats(trx, ws.id, [customer]);
    });
  };
  const ids = async (ws: TestWorkspace, rules: object[]) => {
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments/preview', payload: { rule: { kind: 'group', combinator: 'and', rules } } });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { sample: { id: number }[] }).sample.map((m) => m.id).sort((a, b) => a - b);
  };
  const settle = (ws: TestWorkspace) => settleSegments(app, ws.id);
  const pageViews = (count: number, days: number, where: object[] = []) =>
    ({ kind: 'event', type: 'page', where, frequency: { op: 'atLeast', count }, window: { kind: 'lastDays', days } });

  it('counts page views with and without a name together, in previews and in a saved segment', async () => {
    const ws = await newWorkspace(app);
    const other = await newWorkspace(app);
    const now = clock.now();
    await page(ws, 'u1', now - day, 'Главная');
    await page(ws, 'u1', now - 2 * day, 'Каталог', 'yandex');
    await page(ws, 'u1', now - 3 * day);
    await page(ws, 'u2', now - day);
    await page(ws, 'u2', now - 2 * day, undefined, 'Yandex');
    await page(ws, 'u3', now - day, 'Каталог');
    await page(ws, 'u3', now - 2 * day, 'Каталог');
    await page(ws, 'u3', now - 20 * day, 'Главная');
    await page(other, 'u2', now - day, 'Главная'); // another workspace's page names change nothing here
    const [u1, u2, u3] = [await customerId(ws, 'u1'), await customerId(ws, 'u2'), await customerId(ws, 'u3')];

    expect(await ids(ws, [pageViews(3, 7)])).toEqual([u1]);
    expect(await ids(ws, [pageViews(2, 7)])).toEqual([u1, u2, u3]);
    expect(await ids(ws, [pageViews(3, 30)])).toEqual([u1, u3]);
    expect(await ids(ws, [pageViews(1, 7, [{ path: 'context.campaign.source', op: 'eq', value: 'YANDEX' }])])).toEqual([u1, u2]);
    expect(await ids(ws, [{ kind: 'event', type: 'page', where: [], frequency: { op: 'exactly', count: 0 }, window: { kind: 'lastDays', days: 7 } }])).toEqual([]);

    // A saved segment moves with the next page view, without a name, evaluated for that customer alone.
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: { name: 'Три просмотра', rule: { kind: 'group', combinator: 'and', rules: [pageViews(3, 7)] } } });
    expect(res.statusCode, res.body).toBe(201);
    const segmentId = res.json().id as string;
    await settle(ws);
    expect(await app.services.segments.memberIds(ws.id, segmentId)).toEqual([u1]);
    await page(ws, 'u2', now - 3 * day);
    await settle(ws);
    expect(await app.services.segments.memberIds(ws.id, segmentId)).toEqual([u1, u2]);
  });

  it('matches purchases of a category however its lines spell it, and orders in a window', async () => {
    const ws = await newWorkspace(app);
    const other = await newWorkspace(app);
    const now = clock.now();
    for (const user of ['a', 'b', 'c', 'd']) await send(ws, '/v1/identify', { userId: user, traits: {} });
    await send(other, '/v1/identify', { userId: 'a', traits: {} });
    const [a, b, c, d] = [await customerId(ws, 'a'), await customerId(ws, 'b'), await customerId(ws, 'c'), await customerId(ws, 'd')];
    await order(ws, a, 'a1', now - 400 * day, ['Обувь', null]);
    await order(ws, a, 'a2', now - 10 * day, ['ОБУВЬ']);
    await order(ws, b, 'b1', now - 5 * day, ['обувь', 'Обувь']); // two lines, one order
    await order(ws, b, 'b2', now - 4 * day, ['Ёлочные игрушки']);
    await order(ws, c, 'c1', now - 3 * day, [null]);
    await order(ws, c, 'c2', now - 2 * day, ['Елочные игрушки']);
    await order(ws, c, 'c3', now - day, ['Одежда']);
    await order(other, await customerId(other, 'a'), 'x1', now - day, ['Обувь']); // another workspace's lines count nowhere here
    const bought = (values: string[], op: string, value: number, window: object = { kind: 'ever' }) =>
      ids(ws, [{ kind: 'purchase', product: { by: 'category', values }, measure: 'orders', op, value, window }]);

    expect(await bought(['обувь'], 'atLeast', 2)).toEqual([a]);
    expect(await bought(['Обувь'], 'atLeast', 1)).toEqual([a, b]);
    expect(await bought(['Обувь'], 'atLeast', 1, { kind: 'lastDays', days: 30 })).toEqual([a, b]);
    expect(await bought(['Обувь'], 'atLeast', 2, { kind: 'lastDays', days: 30 })).toEqual([]);
    expect(await bought(['елочные игрушки'], 'atLeast', 1)).toEqual([b, c]);
    expect(await bought(['обувь', 'одежда'], 'atLeast', 1)).toEqual([a, b, c]);
    expect(await bought(['обувь'], 'exactly', 0)).toEqual([c, d]);
    expect(await bought(['нет такой'], 'atLeast', 1)).toEqual([]);
    const orders = (op: string, value: number, days: number) => ids(ws, [{ kind: 'purchase', measure: 'orders', op, value, window: { kind: 'lastDays', days } }]);
    expect(await orders('atLeast', 2, 30)).toEqual([b, c]);
    expect(await orders('atLeast', 3, 30)).toEqual([c]);
    expect(await orders('exactly', 0, 30)).toEqual([d]);
    expect(await orders('atMost', 1, 365)).toEqual([a, d]);
  });

  it('reads category, price and campaign source from their columns exactly as from the JSON, odd types included', async () => {
    const ws = await newWorkspace(app);
    const now = clock.now();
    // Each event carries every value twice: under a key kept as a column and under one read from the JSON.
    const values: unknown[] = ['Обувь', 'обувь', 'ОБУВЬ', 'Ёлки', 5000, 4999.5, '5000', true, null, ['Обувь'], { a: 1 }, ''];
    const users: string[] = [];
    for (const [i, v] of values.entries()) {
      const user = `p${i}`;
      users.push(user);
      await send(ws, '/v1/track', {
        userId: user, event: 'Product Viewed', timestamp: new Date(now - day).toISOString(),
        properties: { category: v, category2: v, price: v, price2: v }, context: { campaign: { source: v, source2: v } },
      });
    }
    await send(ws, '/v1/track', { userId: 'none', event: 'Product Viewed', timestamp: new Date(now - day).toISOString(), properties: {} });
    const viewed = (where: object) => ({ kind: 'event', type: 'track', name: 'Product Viewed', where: [where], frequency: { op: 'atLeast', count: 1 }, window: { kind: 'lastDays', days: 7 } });
    const conditions = [
      { op: 'eq', value: 'обувь' }, { op: 'neq', value: 'обувь' }, { op: 'contains', value: 'УВ' }, { op: 'in', values: ['елки', '5000'] },
      { op: 'eq', value: 5000 }, { op: 'neq', value: 5000 }, { op: 'gte', value: 4999.5 }, { op: 'lt', value: 5000 },
      { op: 'set' }, { op: 'notSet' },
    ];
    const saved: { id: string; rule: object }[] = [];
    for (const [column, json] of [['category', 'category2'], ['price', 'price2'], ['context.campaign.source', 'context.campaign.source2']] as const) {
      for (const c of conditions) {
        const fromColumn = await ids(ws, [viewed({ path: column, ...c })]);
        expect(fromColumn, `${column} ${JSON.stringify(c)}`).toEqual(await ids(ws, [viewed({ path: json, ...c })]));
        if (c.op === 'eq' || c.op === 'gte') {
          const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: { name: `${column} ${c.op}`, rule: { kind: 'group', combinator: 'and', rules: [viewed({ path: column, ...c })] } } });
          expect(res.statusCode, res.body).toBe(201);
          saved.push({ id: res.json().id as string, rule: viewed({ path: json, ...c }) });
        }
      }
    }
    expect(await ids(ws, [viewed({ path: 'category', op: 'eq', value: 'обувь' })])).toHaveLength(3);
    // Saved segments kept current read the columns too: the same members as the JSON's rule.
    await send(ws, '/v1/track', { userId: 'late', event: 'Product Viewed', timestamp: new Date(now).toISOString(), properties: { category: 'Обувь', category2: 'Обувь', price: 5000, price2: 5000 }, context: { campaign: { source: 'обувь', source2: 'обувь' } } });
    await settle(ws);
    for (const s of saved) {
      // (each re-checked after the late event, which joins some of them)
      const expected = await app.services.segments.matchingIds(ws.id, { kind: 'group', combinator: 'and', rules: [s.rule] } as never);
      expect(await app.services.segments.memberIds(ws.id, s.id)).toEqual(expected);
    }
  });

  it.runIf(database.name === 'sqlite')('reads events by name and time and lines by category over a workspace, by customer for a few', async () => {
    const ws = await newWorkspace(app);
    const plan = async (cond: ActivityCondition, customerIds?: number[]) => {
      const ctx = await app.services.segments.context(ws.id, customerIds);
      const members = activityMembers(cond, ctx);
      if (members.kind === 'all') throw new Error('expected a set of ids');
      const rows = await sql<{ detail: string }>`explain query plan ${members.ids}`.execute(app.db.kysely);
      return rows.rows.map((r) => r.detail).join('\n');
    };
    const priced: ActivityCondition = {
      kind: 'event', type: 'track', name: 'Product Viewed', where: [{ path: 'price', op: 'gte', value: 5000 }], frequency: { op: 'atLeast', count: 5 }, window: { kind: 'lastDays', days: 365 },
    };
    const pages: ActivityCondition = { kind: 'event', type: 'page', where: [], frequency: { op: 'atLeast', count: 10 }, window: { kind: 'lastDays', days: 30 } };
    const shoes: ActivityCondition = { kind: 'purchase', product: { by: 'category', values: ['Обувь'] }, measure: 'orders', op: 'atLeast', value: 2, window: { kind: 'ever' } };
    const yearly: ActivityCondition = { kind: 'purchase', measure: 'orders', op: 'atLeast', value: 3, window: { kind: 'lastDays', days: 365 } };

    for (const cond of [priced, pages]) {
      const whole = await plan(cond);
      expect(whole).toMatch(/SEARCH e USING INDEX events_name_time \(workspace_id=\? AND type=\? AND name=\? AND timestamp>\?\)/);
      expect(whole).not.toContain('events_customer_time');
    }
    const lines = await plan(shoes);
    expect(lines).toMatch(/SEARCH i USING INDEX order_items_category \(workspace_id=\? AND category=\?\)/);
    expect(lines).not.toContain('order_items_customer');
    expect(await plan(shoes, [1, 2, 3])).toMatch(/SEARCH i USING INDEX order_items_customer \(workspace_id=\? AND customer_id=\?\)/);
    expect(await plan(yearly)).toMatch(/SEARCH o USING COVERING INDEX orders_customer_time \(workspace_id=\?\)/);
    expect(await plan(yearly, [1, 2, 3])).toMatch(/SEARCH o USING COVERING INDEX orders_customer_time \(workspace_id=\? AND customer_id=\? AND ordered_at>\?\)/);
  });
});
