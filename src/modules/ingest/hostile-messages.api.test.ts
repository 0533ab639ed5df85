import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import { analyticsReadUrls } from '../../../test/analytics-reads.js';

// What anyone holding the public write key can send: amounts no shop has, numbers that are not
// numbers, sums past what a double holds exactly, nesting deeper than any real event, long
// strings and wrong types. None of it may make any read endpoint of the workspace fail.

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

// Written as text: JSON.stringify of 5,000 levels would overflow the test's own stack.
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;
}

// A message whose one field is JSON text spliced in as it is.
function withRaw(message: Record<string, unknown>, field: string, json: string): string {
  return JSON.stringify({ ...message, [field]: '@@' }).replace('"@@"', json);
}

const order = (userId: string, orderId: string, properties: Record<string, unknown>) => ({
  type: 'track',
  userId,
  event: 'Order Completed',
  timestamp: '2026-05-10T10:00:00Z',
  properties: { order_id: orderId, ...properties },
});

/** Messages an attacker (or a broken client) may send with the write key, as JSON text. */
function hostileMessages(): string[] {
  const deep = [
    withRaw({ type: 'track', userId: 'h-3', event: 'Deep' }, 'properties', nested(5000)),
    withRaw({ type: 'identify', userId: 'h-4' }, 'traits', nested(200)),
    withRaw({ type: 'identify', userId: 'h-5' }, 'context', nested(300)),
    withRaw({ type: 'track', userId: 'h-5', event: 'Deep list' }, 'properties', `{"list":${'['.repeat(3000)}${']'.repeat(3000)}}`),
  ];
  return [...deep, ...plainMessages().map((m) => JSON.stringify(m))];
}

function plainMessages(): unknown[] {
  return [
    order('h-1', 'H-1', { products: [{ product_id: 'p', price: 100, quantity: 1e300 }] }),
    order('h-1', 'H-2', { products: [{ product_id: 'p', price: 1e300, quantity: 1 }] }),
    order('h-1', 'H-3', { total: 1e300 }),
    order('h-1', 'H-4', { total: '90071992547409.91' }),
    order('h-1', 'H-5', { total: '90071992547409.91' }),
    order('h-1', 'H-6', { total: 'Infinity' }),
    order('h-1', 'H-7', { total: 'NaN' }),
    order('h-1', 'H-8', { total: '-1e300' }),
    order('h-1', 'H-9', { total: -5 }),
    order('h-1', 'H-10', { total: '1e-300' }),
    order('h-1', 'H-11', { total: 100, discount: 1e300, shipping: '1e20', tax: 'Infinity' }),
    order('h-1', 'H-12', { total: 100, points_used: 1e300 }),
    order('h-1', 'H-13', { total: { value: 1 } }),
    order('h-1', 'H-14', { total: [1, 2] }),
    order('h-1', 'H-15', { total: true }),
    order('h-1', 'H-16', { products: [{ product_id: 'p', price: '0x10', quantity: '1e300' }] }),
    order('h-1', 'H-17', { products: [{ product_id: 'p', price: 1, quantity: -1 }] }),
    order('h-1', 'H-18', { products: [{ product_id: 'p', price: 999_999_999, quantity: 999_999 }] }),
    order('h-2', 'H-19', { total: '9999999999.99' }),
    { type: 'track', userId: 'h-3', event: 'Order Refunded', properties: { order_id: 'H-19', total: 1e300 } },
    { type: 'track', userId: 'h-3', event: 'Order Refunded', properties: { order_id: 'H-19', total: '-1e300' } },
    { type: 'identify', userId: 'h-6', traits: { firstName: 'x'.repeat(20_000), city: 'y'.repeat(10_000) } },
    { type: 'identify', userId: 'h-7', traits: { email: 12345, phone: { n: 1 }, birthday: 'Infinity', name: ['a'] } },
    { type: 'identify', userId: 'x'.repeat(5000) },
    { type: 'track', userId: 'h-8', event: 12 },
    { type: 'track', userId: 'h-8', event: 'E', timestamp: '275760-09-13T00:00:00Z' },
    { type: 'track', userId: 'h-8', event: 'E', timestamp: '9999-12-31T23:59:59Z', sentAt: '0001-01-01T00:00:00Z' },
    { type: 'page', anonymousId: 'h-9', properties: 'nope' },
    { type: 'alias', userId: 'h-9', previousId: { x: 1 } },
    null,
    42,
    'text',
  ];
}

describe.each(testDatabases())('hostile messages on $name', (database) => {
  let app: App;
  let ws: TestWorkspace;
  beforeAll(async () => {
    app = await startApp(database);
    ws = await newWorkspace(app);
  });
  afterAll(() => app?.close());

  const send = (path: string, json: string) =>
    app.http.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json', authorization: basic(ws.writeKey) }, payload: json });

  it('answers hostile messages with 4xx, never 5xx, one by one and in batches', async () => {
    const failures: string[] = [];
    for (const message of hostileMessages()) {
      const type = /^\{"type":"(\w+)"/.exec(message)?.[1] ?? 'track';
      const res = await send(`/v1/${type}`, message);
      if (res.statusCode >= 500) failures.push(`${message.slice(0, 150)} → ${res.statusCode}`);
    }
    const batch = await send('/v1/batch', `{"batch":[${hostileMessages().join(',')}]}`);
    if (batch.statusCode >= 500) failures.push(`the batch → ${batch.statusCode}`);
    expect(failures).toEqual([]);
  });

  it('then every read endpoint answers without a server error', async () => {
    const get = (url: string) => withKey(app, ws.secretKey, { method: 'GET', url });
    const failures: string[] = [];
    const check = async (url: string, method: 'GET' | 'POST' = 'GET') => {
      const res = await withKey(app, ws.secretKey, { method, url });
      if (res.statusCode >= 500) failures.push(`${method} ${url} → ${res.statusCode}`);
      return res;
    };
    const list = await check('/api/v1/customers?limit=200');
    const ids: number[] = list.statusCode === 200 ? list.json().items.map((c: { id: number }) => c.id) : [];
    const orders = await check('/api/v1/orders?limit=200');
    const orderIds: number[] = orders.statusCode === 200 ? orders.json().items.map((o: { id: number }) => o.id) : [];
    const urls = [
      '/api/v1/customers?limit=200&sort=revenue',
      '/api/v1/customers/lookup?kind=external_id&value=h-1',
      '/api/v1/customers/lookup?kind=external_id&value=h-2',
      ...ids.flatMap((id) => [`/api/v1/customers/${id}`, `/api/v1/customers/${id}/timeline`, `/api/v1/customers/${id}/export`, `/api/v1/customers/${id}/scores`]),
      ...orderIds.map((id) => `/api/v1/orders/${id}`),
      ...analyticsReadUrls,
    ];
    for (const url of urls) await check(url);
    await check('/api/v1/analytics/scores/recompute', 'POST');
    await app.services.scores.settled(ws.id);
    for (const url of ['/api/v1/analytics/summary', '/api/v1/analytics/scores', ...ids.map((id) => `/api/v1/customers/${id}/scores`)]) await check(url);
    expect(failures).toEqual([]);
    // What was sent in good order is there to read.
    const good = await get('/api/v1/customers/lookup?kind=external_id&value=h-2');
    expect(good.json().stats).toMatchObject({ ordersCount: 1, revenue: 999_999_999_999 });
  });
});
