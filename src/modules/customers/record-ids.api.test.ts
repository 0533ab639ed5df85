import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { newWorkspace, startApp, testDatabases, withKey } from '../../../test/harness.js';

// Numeric ids in paths and queries are read only in their one canonical decimal spelling: "0x10",
// "1e1", "016" or "16.0" would otherwise name a record under a second address.

describe.each(testDatabases())('numeric ids in the API on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  it('answers only the canonical decimal id of a customer and an order, never another spelling of it', async () => {
    const ws = await newWorkspace(app);
    const created = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/customers', payload: { externalId: 'c-1', firstName: 'Анна' } });
    expect(created.statusCode, created.body).toBe(201);
    const id: number = created.json().customer.id;
    const recorded = await app.db.kysely.transaction().execute((trx) =>
      app.services.orders.record(trx, ws.id, 'Europe/Moscow', id, { externalId: 'o-1', orderedAt: Date.UTC(2026, 0, 5), total: 100_00, currency: 'RUB' }, 'api'),
    );
    const orderNumber = recorded.orderId ?? 0;
    expect(orderNumber).toBeGreaterThan(0);

    const spellings = (n: number) => [
      `0x${n.toString(16)}`, `0X${n.toString(16)}`, `0o${n.toString(8)}`, `0b${n.toString(2)}`, `0${n}`, `00${n}`, `${n}.0`, `${n}.`,
      `+${n}`, `%20${n}`, `${n}%20`, `${n}e0`, `${n / 10}e1`, `${n}n`, `${n}_`,
    ];
    const get = (url: string) => withKey(app, ws.secretKey, { method: 'GET', url });
    expect((await get(`/api/v1/customers/${id}`)).statusCode).toBe(200);
    expect((await get(`/api/v1/orders/${orderNumber}`)).statusCode).toBe(200);
    for (const spelling of spellings(id)) {
      for (const url of [`/api/v1/customers/${spelling}`, `/api/v1/customers/${spelling}/timeline`, `/api/v1/customers/${spelling}/export`, `/api/v1/customers/${spelling}/scores`]) {
        const res = await get(url);
        expect([400, 404], `${url}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
      }
      const patch = await withKey(app, ws.secretKey, { method: 'PATCH', url: `/api/v1/customers/${spelling}`, payload: { firstName: 'Б' } });
      expect([400, 404], `PATCH ${spelling}`).toContain(patch.statusCode);
      const erase = await withKey(app, ws.secretKey, { method: 'DELETE', url: `/api/v1/customers/${spelling}` });
      expect([400, 404], `DELETE ${spelling}`).toContain(erase.statusCode);
      const list = await get(`/api/v1/orders?customerId=${spelling}`);
      expect([400, 404], `orders?customerId=${spelling}`).toContain(list.statusCode);
    }
    for (const spelling of spellings(orderNumber)) {
      const res = await get(`/api/v1/orders/${spelling}`);
      expect([400, 404], `/orders/${spelling}: ${res.statusCode}`).toContain(res.statusCode);
    }
    // Beyond the integers JavaScript holds exactly, and zero: no such record.
    for (const spelling of ['0', '9007199254740993', '99999999999999999999']) {
      expect([400, 404]).toContain((await get(`/api/v1/customers/${spelling}`)).statusCode);
    }
    // The customer is untouched by the calls above.
    expect((await get(`/api/v1/customers/${id}`)).json()).toMatchObject({ id, firstName: 'Анна', erasedAt: null });
  });
});
