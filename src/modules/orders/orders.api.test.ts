import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { addUser, asUser, newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';

describe.each(testDatabases())('orders API on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  const get = (ws: TestWorkspace, url: string) => withKey(app, ws.secretKey, { method: 'GET', url });
  const customer = async (ws: TestWorkspace, email: string): Promise<number> => {
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/customers', payload: { email } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().customer.id;
  };
  const order = async (ws: TestWorkspace, customerId: number, externalId: string, orderedAt: number, storeId?: string) => {
    await app.db.kysely.transaction().execute(async (trx) => {
      const items = [{ sku: 'SKU-1', name: 'Кофе', category: 'Напитки', price: 250_00, quantity: 2 }];
      await app.services.orders.record(trx, ws.id, 'Europe/Moscow', customerId, { externalId, orderedAt, total: 500_00, currency: 'RUB', storeId, items }, 'api');
      await app.services.orders.refreshStats(trx, ws.id, [customerId]);
    });
  };
  const externalIds = async (ws: TestWorkspace, query: string) => {
    const res = await get(ws, `/api/v1/orders?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((o: { externalId: string }) => o.externalId);
  };

  it('lists orders newest first by customer, status and day, and pages through ties', async () => {
    const ws = await newWorkspace(app);
    const anna = await customer(ws, 'anna@example.com');
    const boris = await customer(ws, 'boris@example.com');
    // 2024-06-01 00:30 in Moscow is 2024-05-31 21:30 UTC.
    await order(ws, anna, 'A-1', Date.parse('2024-05-31T21:30:00Z'));
    await order(ws, anna, 'A-2', Date.parse('2024-06-02T10:00:00Z'), 'store-7');
    await order(ws, boris, 'B-1', Date.parse('2024-06-02T10:00:00Z'));
    await order(ws, boris, 'B-2', Date.parse('2024-05-31T20:00:00Z'));
    await app.db.kysely.transaction().execute((trx) => app.services.orders.refund(trx, ws.id, 'B-2', null));

    expect(await externalIds(ws, '')).toEqual(['B-1', 'A-2', 'A-1', 'B-2']);
    expect(await externalIds(ws, `customerId=${anna}`)).toEqual(['A-2', 'A-1']);
    expect(await externalIds(ws, 'status=refunded')).toEqual(['B-2']);
    expect(await externalIds(ws, 'from=2024-06-01&to=2024-06-01')).toEqual(['A-1']);
    expect(await externalIds(ws, `from=${Date.parse('2024-06-02T00:00:00Z')}`)).toEqual(['B-1', 'A-2']);

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await get(ws, `/api/v1/orders?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.json().items.map((o: { externalId: string }) => o.externalId));
      cursor = res.json().nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(['B-1', 'A-2', 'A-1', 'B-2']);
    expect((await get(ws, '/api/v1/orders?status=lost')).statusCode).toBe(400);
  });

  it('shows one order with its items, in its own workspace only', async () => {
    const ws = await newWorkspace(app);
    const other = await newWorkspace(app);
    const anna = await customer(ws, 'anna@example.com');
    await order(ws, anna, 'S-1', Date.parse('2024-06-02T10:00:00Z'), 'store-7');
    const [listed] = (await get(ws, '/api/v1/orders')).json().items;
    const res = await get(ws, `/api/v1/orders/${listed.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      externalId: 'S-1', customerId: anna, status: 'completed', total: 500_00, currency: 'RUB', channel: 'offline', storeId: 'store-7',
      items: [{ sku: 'SKU-1', name: 'Кофе', category: 'Напитки', price: 250_00, quantity: 2, productId: null }],
    });
    expect((await get(other, `/api/v1/orders/${listed.id}`)).statusCode).toBe(404);
    expect((await get(other, '/api/v1/orders')).json().items).toEqual([]);
    expect((await get(other, `/api/v1/orders?customerId=${anna}`)).statusCode).toBe(404);

    const analyst = await addUser(app, ws.id, 'analyst');
    const asAnalyst = await asUser(app, analyst, ws.id, { method: 'GET', url: `/api/v1/orders/${listed.id}` });
    expect(asAnalyst.statusCode).toBe(200);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/orders' })).statusCode).toBe(401);
  });
});
