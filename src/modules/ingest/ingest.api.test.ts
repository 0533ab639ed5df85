import { gzipSync } from 'node:zlib';
import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { newWorkspace, startApp, testDatabases, withKey } from '../../../test/harness.js';

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

describe.each(testDatabases())('ingestion API on $name', (database) => {
  let app: App;
  let baseUrl: string;
  beforeAll(async () => {
    app = await startApp(database);
    await app.http.listen({ host: '127.0.0.1', port: 0 });
    const address = app.http.server.address();
    baseUrl = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  });
  afterAll(() => app.close());

  const post = (path: string, key: string | null, body: unknown, headers: Record<string, string> = {}) =>
    app.http.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/json', ...(key ? { authorization: basic(key) } : {}), ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const profileBy = async (ws: { secretKey: string }, kind: string, value: string) => {
    const res = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/lookup?kind=${kind}&value=${encodeURIComponent(value)}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('takes identify, track, page and Order Completed from the real Segment client', async () => {
    const ws = await newWorkspace(app);
    const analytics = new Analytics({ writeKey: ws.writeKey, host: baseUrl, flushAt: 4, maxRetries: 0 });
    analytics.identify({ userId: 'u-1', traits: { firstName: 'Анна', lastName: 'Смирнова', phone: '8 (912) 345-67-89', email: 'Anna@Mail.ru', plan: 'gold' } });
    analytics.page({ userId: 'u-1', name: 'Каталог', properties: { url: 'https://shop.example/catalog' } });
    analytics.track({ userId: 'u-1', event: 'Product Added', properties: { product_id: 'p-1', price: 1990 } });
    analytics.track({
      userId: 'u-1',
      event: 'Order Completed',
      properties: { order_id: 'A-100', total: 3980.5, currency: 'RUB', products: [{ product_id: 'p-1', name: 'Шарф', price: 1990.25, quantity: 2 }] },
      timestamp: new Date('2024-03-01T10:00:00Z'),
    });
    await analytics.closeAndFlush({ timeout: 10_000 });

    const profile = await profileBy(ws, 'phone', '+7 912 345 67 89');
    expect(profile.firstName).toBe('Анна');
    expect(profile.email).toBe('anna@mail.ru');
    expect(profile.phone).toBe('+79123456789');
    expect(profile.traits.plan).toBe('gold');
    expect(profile.stats.ordersCount).toBe(1);
    expect(profile.stats.revenue).toBe(398050);
    expect(profile.identifiers.map((i: { kind: string }) => i.kind).sort()).toEqual(['email', 'external_id', 'phone']);
    const orders = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/orders?customerId=${profile.id}` });
    const order = orders.json().items[0];
    expect(order).toMatchObject({ externalId: 'A-100', total: 398050, channel: 'online' });
    // The client's clock skew correction moves the time by the request's transit time only.
    expect(Math.abs(order.orderedAt - Date.parse('2024-03-01T10:00:00Z'))).toBeLessThan(5_000);
    const timeline = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/${profile.id}/timeline` });
    expect(timeline.statusCode).toBe(200);
    expect(timeline.json().items.length).toBeGreaterThanOrEqual(5); // 4 events + 1 order
  });

  it('merges an anonymous visitor into the known customer and moves their events', async () => {
    const ws = await newWorkspace(app);
    await post('/v1/track', ws.writeKey, { anonymousId: 'anon-7', event: 'Product Viewed', properties: { sku: 'X' } });
    await post('/v1/identify', ws.writeKey, { userId: 'u-7', traits: { phone: '+79001112233' } });
    // One call links the anonymous id and the user: the two profiles become one, the older survives.
    const res = await post('/v1/identify', ws.writeKey, { userId: 'u-7', anonymousId: 'anon-7', traits: { firstName: 'Олег' } });
    expect(res.statusCode).toBe(200);
    const byAnon = await profileBy(ws, 'anonymous_id', 'anon-7');
    const byPhone = await profileBy(ws, 'phone', '89001112233');
    expect(byAnon.id).toBe(byPhone.id);
    expect(byAnon.mergedFrom).toHaveLength(1);
    const old = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/${byAnon.mergedFrom[0]}` });
    expect(old.json().id).toBe(byAnon.id); // the loser's id reaches the survivor
    const timeline = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/${byAnon.id}/timeline` });
    expect(timeline.json().items.some((i: { name?: string; event?: { name?: string } }) => (i.event?.name ?? i.name) === 'Product Viewed')).toBe(true);
    // Idempotent: saying it again changes nothing.
    await post('/v1/identify', ws.writeKey, { userId: 'u-7', anonymousId: 'anon-7' });
    expect((await profileBy(ws, 'anonymous_id', 'anon-7')).mergedFrom).toHaveLength(1);
  });

  it('resolves and merges inside one batch', async () => {
    const ws = await newWorkspace(app);
    const res = await post('/v1/batch', ws.writeKey, {
      batch: [
        { type: 'track', anonymousId: 'anon-9', event: 'Product Viewed' },
        { type: 'identify', userId: 'u-9', traits: { phone: '+79005556677', firstName: 'Ира' } },
        { type: 'identify', userId: 'u-9', anonymousId: 'anon-9', traits: { city: 'Пермь' } },
        { type: 'track', anonymousId: 'anon-9', event: 'Order Completed', properties: { order_id: 'B9', total: 700 } },
        { type: 'identify', userId: 'u-9', traits: { lastName: 'Орлова' } },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const profile = await profileBy(ws, 'phone', '8 900 555 66 77');
    expect(profile).toMatchObject({ firstName: 'Ира', lastName: 'Орлова', city: 'Пермь' });
    expect(profile.mergedFrom).toHaveLength(1);
    expect(profile.stats).toMatchObject({ ordersCount: 1, revenue: 70000 });
    const timeline = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/${profile.id}/timeline` })).json();
    expect(timeline.items.filter((i: { kind: string }) => i.kind === 'event')).toHaveLength(5);
  });

  it('never merges two people with different user ids', async () => {
    const ws = await newWorkspace(app);
    await post('/v1/identify', ws.writeKey, { userId: 'a', anonymousId: 'shared-device' });
    await post('/v1/identify', ws.writeKey, { userId: 'b', anonymousId: 'shared-device' });
    const a = await profileBy(ws, 'external_id', 'a');
    const b = await profileBy(ws, 'external_id', 'b');
    expect(a.id).not.toBe(b.id);
  });

  it('de-duplicates by messageId and corrects the timestamp by sentAt', async () => {
    const ws = await newWorkspace(app);
    const now = Date.now();
    const sentAt = new Date(now + 3600_000).toISOString(); // the client's clock is an hour fast
    const timestamp = new Date(now + 3600_000 - 60_000).toISOString();
    const body = { batch: [{ type: 'track', userId: 'd-1', event: 'Order Completed', messageId: 'm-1', timestamp, properties: { order_id: 'D1', total: 100 } }], sentAt };
    expect((await post('/v1/batch', ws.writeKey, body)).json()).toMatchObject({ success: true, accepted: 1, duplicates: 0 });
    expect((await post('/v1/batch', ws.writeKey, body)).json()).toMatchObject({ success: true, accepted: 0, duplicates: 1 });
    const profile = await profileBy(ws, 'external_id', 'd-1');
    expect(profile.stats.ordersCount).toBe(1);
    const orders = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/orders?customerId=${profile.id}` })).json();
    // Corrected to about a minute before arrival, not an hour ahead.
    expect(Math.abs(orders.items[0].orderedAt - (now - 60_000))).toBeLessThan(10_000);
  });

  it('refunds and cancellations change the order and the stats', async () => {
    const ws = await newWorkspace(app);
    const track = (event: string, properties: object) => post('/v1/track', ws.writeKey, { userId: 'r-1', event, properties });
    await track('Order Completed', { order_id: 'R1', total: 1000 });
    await track('Order Completed', { order_id: 'R2', total: 500 });
    await track('Order Completed', { order_id: 'R3', total: 200, store_id: 'msk-01' });
    expect((await profileBy(ws, 'external_id', 'r-1')).stats).toMatchObject({ ordersCount: 3, revenue: 170000, avgCheck: 56666 });
    await track('Order Refunded', { order_id: 'R1', total: 400 });
    await track('Order Cancelled', { order_id: 'R2' });
    const stats = (await profileBy(ws, 'external_id', 'r-1')).stats;
    expect(stats).toMatchObject({ ordersCount: 2, revenue: 60000 + 20000, avgCheck: 40000 });
    await track('Order Refunded', { order_id: 'R1' });
    expect((await profileBy(ws, 'external_id', 'r-1')).stats).toMatchObject({ ordersCount: 1, revenue: 20000 });
  });

  it('keeps the good messages of a batch and names the bad ones', async () => {
    const ws = await newWorkspace(app);
    const res = await post('/v1/batch', ws.writeKey, {
      batch: [
        { type: 'identify', userId: 'ok-1', traits: { email: 'ok@example.com' } },
        { type: 'identify', userId: 'bad-1', traits: { phone: '12345' } },
        { type: 'track', event: 'No One' },
        { type: 'track', userId: { id: 1 }, event: 'X' },
        { type: 'track', userId: 'ok-2', event: 'Order Completed', properties: { order_id: 'Z', total: -5 } },
        { type: 'identify', userId: 'ok-3', traits: { email: 'not-an-email' } },
        { type: 'page', userId: 'ok-4', timestamp: 'yesterday' },
        { type: 'track', userId: 'ok-5', event: 'Fine', properties: { big: 'x'.repeat(33_000) } },
        { type: 'track', userId: 'ok-6', event: 'Fine' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toMatchObject({ success: false, accepted: 2, rejected: 7, error: { code: 'validation_failed' } });
    const fields = body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toContain('batch[1].traits.phone');
    expect(fields).toContain('batch[3].userId');
    expect(fields).toContain('batch[5].traits.email');
    expect(fields).toContain('batch[6].timestamp');
    expect(fields.some((f: string) => f.startsWith('batch[4].properties.total'))).toBe(true);
    expect(body.error.details.find((d: { index: number }) => d.index === 7).reason).toMatch(/limit is 32768/);
    await profileBy(ws, 'external_id', 'ok-1');
    await profileBy(ws, 'external_id', 'ok-6');
    const missing = await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/customers/lookup?kind=external_id&value=bad-1' });
    expect(missing.statusCode).toBe(404);
  });

  it('rejects bad requests with clear errors and no 500', async () => {
    const ws = await newWorkspace(app);
    expect((await post('/v1/track', null, { userId: 'x', event: 'E' })).statusCode).toBe(401);
    expect((await post('/v1/track', 'wk_unknown', { userId: 'x', event: 'E' })).statusCode).toBe(401);
    expect((await post('/v1/track', ws.secretKey, { userId: 'x', event: 'E' })).statusCode).toBe(401);
    const malformed = await post('/v1/track', ws.writeKey, '{"userId": "x", ');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('invalid_json');
    const missingIds = await post('/v1/track', ws.writeKey, { event: 'E' });
    expect(missingIds.statusCode).toBe(400);
    expect(missingIds.json().error.message).toMatch(/userId|anonymousId/);
    const noEvent = await post('/v1/track', ws.writeKey, { userId: 'x' });
    expect(noEvent.json().error.details[0].field).toBe('event');
    const tooBig = await post('/v1/batch', ws.writeKey, { batch: [{ type: 'track', userId: 'x', event: 'E', properties: { s: 'x'.repeat(600_000) } }] });
    expect(tooBig.statusCode).toBe(413);
    const tooMany = await post('/v1/batch', ws.writeKey, { batch: Array.from({ length: 2501 }, () => ({ type: 'track', userId: 'x', event: 'E' })) });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details[0].field).toBe('batch');
    const notArray = await post('/v1/batch', ws.writeKey, { batch: 'nope' });
    expect(notArray.statusCode).toBe(400);
    // A revoked key stops working.
    const keys = await app.services.apiKeys.list(ws.id);
    const write = keys.find((k) => k.kind === 'write');
    await app.services.apiKeys.revoke(ws.id, write?.id ?? '');
    expect((await post('/v1/track', ws.writeKey, { userId: 'x', event: 'E' })).statusCode).toBe(401);
  });

  it('accepts the write key in the body, text/plain bodies and gzip', async () => {
    const ws = await newWorkspace(app);
    const plain = await app.http.inject({
      method: 'POST',
      url: '/v1/identify',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ writeKey: ws.writeKey, userId: 'p-1', traits: { email: 'p1@example.com' } }),
    });
    expect(plain.statusCode).toBe(200);
    const gz = await app.http.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: basic(ws.writeKey) },
      payload: gzipSync(JSON.stringify({ batch: [{ type: 'identify', userId: 'g-1', traits: { email: 'g1@example.com' } }] })),
    });
    expect(gz.statusCode, gz.body).toBe(200);
    await profileBy(ws, 'email', 'g1@example.com');
    await profileBy(ws, 'email', 'p1@example.com');
  });

  it("speaks the browser libraries' paths and headers: analytics.js 2.0's /v1/t, /v1/p, /v1/b and RudderStack's AnonymousId", async () => {
    const ws = await newWorkspace(app);
    // analytics.js 2.0 sends text/plain with the write key in the body, to the type's first letter.
    const send = (path: string, body: object) =>
      app.http.inject({ method: 'POST', url: path, headers: { 'content-type': 'text/plain' }, payload: JSON.stringify({ writeKey: ws.writeKey, ...body }) });
    expect((await send('/v1/i', { type: 'identify', userId: 'web-1', traits: { email: 'web1@example.com' } })).statusCode).toBe(200);
    expect((await send('/v1/p', { type: 'page', userId: 'web-1', name: 'Главная', properties: { url: 'https://shop.example/' } })).statusCode).toBe(200);
    expect((await send('/v1/t', { type: 'track', userId: 'web-1', event: 'Product Viewed' })).statusCode).toBe(200);
    const batch = await send('/v1/b', { batch: [{ type: 'track', userId: 'web-1', event: 'Cart Viewed' }], sentAt: new Date().toISOString() });
    expect(batch.statusCode, batch.body).toBe(200);
    const profile = await profileBy(ws, 'email', 'web1@example.com');
    const timeline = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/${profile.id}/timeline` });
    const names = timeline.json().items.map((i: { event?: { name: string | null } }) => i.event?.name);
    expect(names).toEqual(expect.arrayContaining(['Главная', 'Product Viewed', 'Cart Viewed']));
    // A bad message on a short path is named like on the long one.
    const bad = await send('/v1/t', { type: 'track', userId: 'web-1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('event');

    const preflight = await app.http.inject({
      method: 'OPTIONS',
      url: '/v1/b',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, anonymousid' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(String(preflight.headers['access-control-allow-headers']).split(', ')).toEqual(expect.arrayContaining(['content-type', 'anonymousid']));
  });

  it('keeps context: last device, city and first-touch campaign', async () => {
    const ws = await newWorkspace(app);
    const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
    await post('/v1/page', ws.writeKey, {
      userId: 'c-1',
      name: 'Главная',
      context: { userAgent: ua, locale: 'ru-RU', location: { city: 'Казань' }, campaign: { source: 'yandex', medium: 'cpc', name: 'winter' } },
    });
    await post('/v1/page', ws.writeKey, { userId: 'c-1', name: 'Каталог', context: { campaign: { source: 'vk', medium: 'social', name: 'spring' } } });
    const profile = await profileBy(ws, 'external_id', 'c-1');
    expect(profile).toMatchObject({ city: 'Казань', utmSource: 'yandex', utmCampaign: 'winter', lastOs: 'Windows', locale: 'ru-RU' });
    expect(profile.lastBrowser).toMatch(/^Chrome/);
    expect(profile.stats.lastActivityAt).toBeGreaterThan(0);
  });

  const windows = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
  const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';
  const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
  const onWindows = { lastDevice: 'desktop', lastOs: 'Windows', lastBrowser: 'Chrome 120' };
  const onIphone = { lastDevice: 'Apple iPhone', lastOs: 'iOS 17.1', lastBrowser: 'Safari 17' };
  const device = (profile: Record<string, unknown>) => ({
    lastDevice: profile.lastDevice, lastOs: profile.lastOs, lastBrowser: profile.lastBrowser, locale: profile.locale,
  });

  it('shows the device and locale of the latest message; a message without them leaves them', async () => {
    const ws = await newWorkspace(app);
    const at = Date.parse('2025-01-10T10:00:00Z');
    await post('/v1/page', ws.writeKey, { userId: 'd-1', name: 'Главная', timestamp: new Date(at).toISOString(), context: { userAgent: windows, locale: 'ru-RU' } });
    expect(device(await profileBy(ws, 'external_id', 'd-1'))).toEqual({ ...onWindows, locale: 'ru-RU' });

    await post('/v1/track', ws.writeKey, { userId: 'd-1', event: 'Product Viewed', timestamp: new Date(at + 60_000).toISOString(), context: { userAgent: iphone, locale: 'en-US' } });
    expect(device(await profileBy(ws, 'external_id', 'd-1'))).toEqual({ ...onIphone, locale: 'en-US' });

    await post('/v1/track', ws.writeKey, { userId: 'd-1', event: 'Cart Viewed', timestamp: new Date(at + 120_000).toISOString() });
    await post('/v1/track', ws.writeKey, { userId: 'd-1', event: 'Cart Viewed', context: { locale: 'kk-KZ' } });
    const profile = await profileBy(ws, 'external_id', 'd-1');
    expect(device(profile)).toEqual({ ...onIphone, locale: 'kk-KZ' });
    // The device rides on the write of last activity, which still only ever goes up.
    expect(profile.stats.lastActivityAt).toBeGreaterThanOrEqual(at + 120_000);
    await post('/v1/track', ws.writeKey, { userId: 'd-1', event: 'Old', timestamp: new Date(at - 86_400_000).toISOString(), context: { userAgent: android } });
    const later = await profileBy(ws, 'external_id', 'd-1');
    expect(later.stats.lastActivityAt).toBe(profile.stats.lastActivityAt);
    expect(later).toMatchObject({ lastDevice: 'mobile', lastOs: 'Android 14', locale: 'kk-KZ' });
  });

  it('takes the device of the last message of a batch that names one', async () => {
    const ws = await newWorkspace(app);
    const res = await post('/v1/batch', ws.writeKey, {
      batch: [
        { type: 'page', anonymousId: 'b-1', name: 'A', context: { userAgent: android, locale: 'ru-RU' } },
        { type: 'track', anonymousId: 'b-1', event: 'B', context: { userAgent: windows } },
        { type: 'track', anonymousId: 'b-1', event: 'C' },
        { type: 'track', anonymousId: 'b-2', event: 'D', context: { userAgent: iphone, locale: 'en-GB' } },
      ],
    });
    expect(res.json()).toMatchObject({ success: true, accepted: 4 });
    expect(device(await profileBy(ws, 'anonymous_id', 'b-1'))).toEqual({ ...onWindows, locale: 'ru-RU' });
    expect(device(await profileBy(ws, 'anonymous_id', 'b-2'))).toEqual({ ...onIphone, locale: 'en-GB' });
  });

  it("keeps the surviving profile's device through a merge, and fills what it lacks from the other", async () => {
    const ws = await newWorkspace(app);
    await post('/v1/identify', ws.writeKey, { userId: 'm-1', context: { userAgent: windows, locale: 'ru-RU' } });
    await post('/v1/track', ws.writeKey, { anonymousId: 'm-anon', event: 'Product Viewed', context: { userAgent: iphone, locale: 'en-US' } });
    await post('/v1/identify', ws.writeKey, { userId: 'm-1', anonymousId: 'm-anon' });
    const merged = await profileBy(ws, 'anonymous_id', 'm-anon');
    expect(merged.mergedFrom).toHaveLength(1);
    expect(device(merged)).toEqual({ ...onWindows, locale: 'ru-RU' });

    // A survivor with no device (made through the API, with only a locale) takes the other profile's.
    const created = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/customers', payload: { phone: '+7 912 400 00 01', locale: 'ru-RU' } });
    expect(created.statusCode, created.body).toBe(201);
    await post('/v1/page', ws.writeKey, { anonymousId: 'm-anon-2', name: 'Главная', context: { userAgent: iphone, locale: 'en-US' } });
    await post('/v1/identify', ws.writeKey, { anonymousId: 'm-anon-2', traits: { phone: '+79124000001' } });
    const survivor = await profileBy(ws, 'anonymous_id', 'm-anon-2');
    expect(survivor.id).toBe(created.json().customer.id);
    expect(device(survivor)).toEqual({ ...onIphone, locale: 'ru-RU' });
  });
});
