import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';

interface Entry {
  kind: 'order' | 'event';
  at: number;
  order?: { externalId: string; total: number; itemsCount: number };
  event?: { type: string; name: string | null; properties: Record<string, unknown>; context: { url: string | null; ip: string | null } };
}

const t0 = Date.parse('2024-05-01T10:00:00Z');
const minute = 60_000;

describe.each(testDatabases())('customer timeline and export API on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  const get = (ws: TestWorkspace, url: string) => withKey(app, ws.secretKey, { method: 'GET', url });
  const create = async (ws: TestWorkspace, body: object): Promise<number> => {
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/customers', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().customer.id;
  };
  const order = async (ws: TestWorkspace, customerId: number, externalId: string, total: number, orderedAt: number) => {
    await app.db.kysely.transaction().execute(async (trx) => {
      const items = [
        { productId: 'p-1', name: 'Шарф', price: total / 2, quantity: 1 },
        { productId: 'p-2', name: 'Шапка', price: total / 2, quantity: 1 },
      ];
      await app.services.orders.record(trx, ws.id, 'Europe/Moscow', customerId, { externalId, orderedAt, total, currency: 'RUB', items }, 'api');
      await app.services.orders.refreshStats(trx, ws.id, [customerId]);
    });
  };
  const event = async (ws: TestWorkspace, customerId: number, type: string, name: string | null, timestamp: number, properties: object = {}) => {
    await app.db.kysely
      .insertInto('events')
      .values({
        workspace_id: ws.id, customer_id: customerId, type, name, message_id: `m-${customerId}-${type}-${timestamp}-${name}`,
        properties: JSON.stringify(properties),
        context: JSON.stringify({ ip: '10.0.0.1', page: { url: 'https://shop.example/catalog' } }),
        timestamp, received_at: timestamp + 1000,
      })
      .execute();
  };
  // A customer with three orders and four events; one order and one event share an instant.
  const history = async (ws: TestWorkspace) => {
    const id = await create(ws, { phone: '+7 912 345 67 89', firstName: 'Анна' });
    await event(ws, id, 'page', 'Каталог', t0, { url: 'https://shop.example/catalog' });
    await event(ws, id, 'track', 'Product Viewed', t0 + minute, { product_id: 'p-1' });
    await order(ws, id, 'A-1', 2000_00, t0 + 2 * minute);
    await event(ws, id, 'track', 'Product Viewed', t0 + 3 * minute, { product_id: 'p-2' });
    await order(ws, id, 'A-2', 3000_00, t0 + 3 * minute);
    await event(ws, id, 'identify', null, t0 + 4 * minute);
    await order(ws, id, 'A-3', 1000_00, t0 + 5 * minute);
    return id;
  };
  const label = (e: Entry) => (e.kind === 'order' ? e.order?.externalId : `${e.event?.type}:${e.event?.name ?? ''}`);

  it('merges orders and events newest first and pages through them', async () => {
    const ws = await newWorkspace(app);
    const id = await history(ws);
    const all = await get(ws, `/api/v1/customers/${id}/timeline`);
    expect(all.statusCode, all.body).toBe(200);
    const items: Entry[] = all.json().items;
    expect(items.map(label)).toEqual(['A-3', 'identify:', 'A-2', 'track:Product Viewed', 'A-1', 'track:Product Viewed', 'page:Каталог']);
    expect(items.map((i) => i.at)).toEqual([5, 4, 3, 3, 2, 1, 0].map((m) => t0 + m * minute));
    expect(items[0]?.order).toMatchObject({ externalId: 'A-3', total: 1000_00, itemsCount: 2 });
    expect(items[3]?.event).toMatchObject({ properties: { product_id: 'p-2' }, context: { url: 'https://shop.example/catalog', ip: '10.0.0.1' } });
    expect(all.json().nextCursor).toBeNull();

    const paged: Entry[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res = await get(ws, `/api/v1/customers/${id}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...res.json().items);
      cursor = res.json().nextCursor;
      if (!cursor) break;
    }
    expect(paged.map(label)).toEqual(items.map(label));
  });

  it('filters the timeline by type, event name and time', async () => {
    const ws = await newWorkspace(app);
    const id = await history(ws);
    const url = (query: string) => `/api/v1/customers/${id}/timeline?${query}`;
    expect((await get(ws, url('types=order'))).json().items.map(label)).toEqual(['A-3', 'A-2', 'A-1']);
    expect((await get(ws, url('types=page,identify'))).json().items.map(label)).toEqual(['identify:', 'page:Каталог']);
    expect((await get(ws, url(`event=${encodeURIComponent('Product Viewed')}`))).json().items.map(label)).toEqual([
      'track:Product Viewed',
      'track:Product Viewed',
    ]);
    const from = t0 + 2 * minute;
    const to = t0 + 4 * minute;
    expect((await get(ws, url(`from=${from}&to=${to}`))).json().items.map(label)).toEqual(['A-2', 'track:Product Viewed', 'A-1']);
    expect((await get(ws, url('from=2024-05-02'))).json().items).toEqual([]);
    expect((await get(ws, url('types=order,bogus'))).statusCode).toBe(400);
  });

  it('exports the profile, orders with items and events as a JSON download', async () => {
    const ws = await newWorkspace(app);
    const id = await history(ws);
    const res = await get(ws, `/api/v1/customers/${id}/export`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="customer-${id}.json"`);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const data = res.json();
    expect(data.profile).toMatchObject({ id, phone: '+79123456789', firstName: 'Анна', stats: { ordersCount: 3, revenue: 6000_00 } });
    expect(data.profile.identifiers).toEqual([expect.objectContaining({ kind: 'phone', value: '+79123456789' })]);
    expect(data.orders.map((o: { externalId: string }) => o.externalId)).toEqual(['A-1', 'A-2', 'A-3']);
    expect(data.orders[0].items).toEqual([
      { productId: 'p-1', sku: null, name: 'Шарф', category: null, price: 1000_00, quantity: 1 },
      { productId: 'p-2', sku: null, name: 'Шапка', category: null, price: 1000_00, quantity: 1 },
    ]);
    expect(data.events).toHaveLength(4);
    expect(data.events[0]).toMatchObject({ type: 'page', name: 'Каталог', context: { ip: '10.0.0.1' } });
  });
});
