import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import { importFile } from '../../../test/import-file.js';
import { MAX_CUSTOMER_TOTAL, MAX_ORDER_AMOUNT } from '../orders/order-bounds.js';

// Amounts, quantities, sums and nesting that no real shop sends are refused one message at a
// time, naming the field, and never stop the good messages beside them.

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

describe.each(testDatabases())('order bounds and nesting on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  const post = (ws: TestWorkspace, path: string, payload: string | object) =>
    app.http.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/json', authorization: basic(ws.writeKey) },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const lookup = (ws: TestWorkspace, userId: string) =>
    withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/lookup?kind=external_id&value=${userId}` });
  const completed = (userId: string, orderId: string, properties: object) => ({
    type: 'track', userId, event: 'Order Completed', properties: { order_id: orderId, ...properties },
  });

  it('refuses an amount or quantity beyond any real order with a 400 naming the field, and stores nothing of it', async () => {
    const ws = await newWorkspace(app);
    const huge = await post(ws, '/v1/track', completed('b-1', 'B-1', { products: [{ product_id: 'p', price: 100, quantity: 1e300 }] }));
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.details).toEqual([{ field: 'properties.products[0].quantity', reason: 'must be at most 1000000' }]);
    for (const total of ['90071992547409.91', 1e300, '1e300']) {
      const res = await post(ws, '/v1/track', completed('b-1', 'B-2', { total }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([{ field: 'properties.total', reason: 'must be at most 10000000000' }]);
    }
    const line = await post(ws, '/v1/track', completed('b-1', 'B-3', { products: [{ product_id: 'p', price: 9_999_999, quantity: 999_999 }] }));
    expect(line.json().error.details).toEqual([{ field: 'properties.products[0]', reason: 'price × quantity is more than 10000000000' }]);
    expect((await lookup(ws, 'b-1')).statusCode).toBe(404);
    // The bound itself is an order.
    expect((await post(ws, '/v1/track', completed('b-1', 'B-4', { total: '10000000000.00' }))).statusCode).toBe(200);
    expect((await lookup(ws, 'b-1')).json().stats).toMatchObject({ ordersCount: 1, revenue: MAX_ORDER_AMOUNT });
  });

  it("refuses the order that would take a customer's orders past 2^53 − 1 minor units, and keeps the sum exact", async () => {
    const ws = await newWorkspace(app);
    expect((await post(ws, '/v1/track', completed('s-1', 'S-0', { total: 10_000_000_000 }))).statusCode).toBe(200);
    const customerId: number = (await lookup(ws, 's-1')).json().id;
    // 9,005 more orders at the bound, written straight to the table: 9,006 in all.
    const now = Date.now();
    const rows = Array.from({ length: 9005 }, (_, i) => ({
      workspace_id: ws.id, customer_id: customerId, external_id: `seed-${i}`, status: 'completed', total: MAX_ORDER_AMOUNT,
      discount: 0, shipping: 0, tax: 0, refunded: 0, points_used: 0, currency: 'RUB', channel: 'online', store_id: null,
      source: 'event', ordered_at: now - 86_400_000, order_day: 20_000, created_at: now, updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 500) await app.db.kysely.insertInto('orders').values(rows.slice(i, i + 500)).execute();

    // The 9,007th fits (9.007 × 10^15 < 2^53); the 9,008th would not. A good message beside it is stored.
    const res = await post(ws, '/v1/batch', {
      batch: [
        completed('s-1', 'S-9007', { total: 10_000_000_000 }),
        completed('s-1', 'S-9008', { total: 10_000_000_000 }),
        { type: 'track', userId: 's-2', event: 'Product Viewed' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(body.error.details).toEqual([
      { index: 1, field: 'batch[1].properties.total', reason: `would take the customer's orders to more than ${MAX_CUSTOMER_TOTAL} minor units in all` },
    ]);
    const stats = (await lookup(ws, 's-1')).json().stats;
    expect(stats).toMatchObject({ ordersCount: 9007, revenue: 9007 * MAX_ORDER_AMOUNT });
    expect(Number.isSafeInteger(stats.revenue)).toBe(true);
    expect((await lookup(ws, 's-2')).statusCode).toBe(200);
    expect((await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/orders?customerId=${customerId}&limit=5` })).statusCode).toBe(200);
    expect((await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/customers?limit=5' })).statusCode).toBe(200);
  }, 60_000);

  it('refuses a message nested 5,000 levels deep on its own and stores the 99 beside it, again on a retry', async () => {
    const ws = await newWorkspace(app);
    const good = Array.from({ length: 99 }, (_, i) => JSON.stringify({ type: 'track', userId: `n-${i}`, event: 'Product Viewed', messageId: `n-${i}` }));
    const deep = `{"type":"track","userId":"deep","event":"Deep","messageId":"deep","properties":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    expect(deep.length).toBeGreaterThan(25_000);
    const batch = `{"batch":[${[...good.slice(0, 50), deep, ...good.slice(50)].join(',')}]}`;
    const first = await post(ws, '/v1/batch', batch);
    expect(first.statusCode, first.body.slice(0, 300)).toBe(400);
    expect(first.json()).toMatchObject({ accepted: 99, rejected: 1, error: { details: [{ index: 50, field: 'batch[50].properties', reason: 'nests deeper than 32 levels' }] } });
    // A client that sends it again learns the same and stores nothing twice.
    const retry = await post(ws, '/v1/batch', batch);
    expect(retry.statusCode).toBe(400);
    expect(retry.json()).toMatchObject({ accepted: 0, duplicates: 99, rejected: 1 });
    expect((await lookup(ws, 'n-98')).statusCode).toBe(200);
    expect((await lookup(ws, 'deep')).statusCode).toBe(404);
    // 32 levels are fine; so is a deep batch context refused whole, since it would be merged into every message.
    const ok = await post(ws, '/v1/track', `{"userId":"n-ok","event":"E","properties":${'{"a":'.repeat(31)}1${'}'.repeat(31)}}`);
    expect(ok.statusCode, ok.body).toBe(200);
    const deepContext = await post(ws, '/v1/batch', `{"batch":[${good[0]}],"context":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`);
    expect(deepContext.statusCode).toBe(400);
    expect(deepContext.json().error.details).toEqual([{ field: 'context', reason: 'nests deeper than 32 levels' }]);
  });

  it('refuses deep traits in POST and PATCH /api/v1/customers with a 400 naming the trait', async () => {
    const ws = await newWorkspace(app);
    const deepTraits = `{"prefs":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`;
    const created = await withKey(app, ws.secretKey, {
      method: 'POST', url: '/api/v1/customers', headers: { 'content-type': 'application/json' },
      payload: `{"phone":"+79120000001","traits":${deepTraits}}`,
    });
    expect(created.statusCode, created.body.slice(0, 300)).toBe(400);
    expect(created.json().error.details).toEqual([{ field: 'traits.prefs', reason: 'nests deeper than 32 levels' }]);
    const ok = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/customers', payload: { phone: '+79120000001', traits: { prefs: { size: 'M' } } } });
    expect(ok.statusCode, ok.body).toBe(201);
    const id: number = ok.json().customer.id;
    const patched = await withKey(app, ws.secretKey, {
      method: 'PATCH', url: `/api/v1/customers/${id}`, headers: { 'content-type': 'application/json' }, payload: `{"traits":${deepTraits}}`,
    });
    expect(patched.statusCode, patched.body.slice(0, 300)).toBe(400);
    expect(patched.json().error.details).toEqual([{ field: 'traits.prefs', reason: 'nests deeper than 32 levels' }]);
    const profile = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/${id}` });
    expect(profile.json().traits).toEqual({ prefs: { size: 'M' } });
  });
});

describe.each(testDatabases())('order bounds of CSV imports on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  it('reports a row error for an amount or a line beyond the bound and imports the other rows', async () => {
    const ws = await newWorkspace(app);
    const csv = [
      'Order ID,Date,Customer ID,Total,Quantity,Price',
      'I-1,2026-05-01,c-1,"90 071 992 547 409,91",1,100',
      'I-2,2026-05-01,c-1,100,"1 000 001",0',
      'I-3,2026-05-01,c-1,"10 000 000 000,00",1,"10 000 000 000,00"',
      'I-4,2026-05-01,c-2,100,1,100',
    ].join('\n');
    expect(await importFile(app, ws, 'orders', csv)).toMatchObject({ status: 'done', rowsOk: 2, rowsFailed: 2 });
    const errors = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/imports/${await lastImport(app, ws)}/errors` })).json();
    const problems = (errors.items ?? errors).map((e: { rowNumber: number; column: string | null; code?: string }) => [e.rowNumber, e.column, e.code]);
    expect(problems).toEqual([
      [2, 'Total', 'amount_too_large'],
      [3, 'Quantity', 'amount_too_large'],
    ]);
    expect((await lookup(app, ws, 'c-1')).json().stats).toMatchObject({ ordersCount: 1, revenue: MAX_ORDER_AMOUNT });
  });
});

const lookup = (app: App, ws: TestWorkspace, id: string) =>
  withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/lookup?kind=external_id&value=${id}` });

async function lastImport(app: App, ws: TestWorkspace): Promise<string> {
  const list = (await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/imports' })).json();
  return (list.items ?? list)[0].id;
}
