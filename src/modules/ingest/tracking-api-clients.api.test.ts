import { gzipSync } from 'node:zlib';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { newWorkspace, startApp, testDatabases, withKey } from '../../../test/harness.js';

// Clients we did not write, as they come: RudderStack's Node SDK with its default options,
// Segment's libraries reading our error bodies, browsers asking for CORS, and tools reading the
// OpenAPI document.

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

describe.each(testDatabases())('tracking API clients on $name', (database) => {
  let app: App;
  let baseUrl: string;
  beforeAll(async () => {
    app = await startApp(database);
    await app.http.listen({ host: '127.0.0.1', port: 0 });
    const address = app.http.server.address();
    baseUrl = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  });
  afterAll(() => app.close());

  it('stores identify, track and Order Completed from the real RudderStack Node SDK with its default options', async () => {
    const ws = await newWorkspace(app);
    const errors: unknown[] = [];
    // Defaults: gzip on, and axios labels the gzip body application/x-www-form-urlencoded.
    const rudder = new RudderAnalytics(ws.writeKey, { dataPlaneUrl: baseUrl, logLevel: 'error', errorHandler: (e: unknown) => errors.push(e) });
    rudder.identify({ userId: 'rs-1', traits: { email: 'rs1@example.com', firstName: 'Ольга' } });
    rudder.track({ userId: 'rs-1', event: 'Product Viewed', properties: { product_id: 'p-7' } });
    rudder.track({
      userId: 'rs-1',
      event: 'Order Completed',
      properties: { order_id: 'RS-1', total: 2500.5, currency: 'RUB', products: [{ product_id: 'p-7', price: 1250.25, quantity: 2 }] },
    });
    await rudder.flush();
    expect(errors).toEqual([]);

    const found = await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/customers/lookup?kind=email&value=rs1@example.com' });
    expect(found.statusCode, found.body).toBe(200);
    const profile = found.json();
    expect(profile).toMatchObject({ firstName: 'Ольга', stats: { ordersCount: 1, revenue: 250050 } });
    const orders = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/orders?customerId=${profile.id}` })).json();
    expect(orders.items).toMatchObject([{ externalId: 'RS-1', total: 250050 }]);
    const timeline = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/${profile.id}/timeline` })).json();
    expect(timeline.items.map((i: { event?: { name: string | null } }) => i.event?.name)).toEqual(expect.arrayContaining(['Product Viewed', 'Order Completed']));
  });

  it('reads a JSON body whatever its content type says, gzip or not', async () => {
    const ws = await newWorkspace(app);
    const body = (id: string) => JSON.stringify({ batch: [{ type: 'identify', userId: id }] });
    const post = (headers: Record<string, string>, payload: string | Buffer) =>
      app.http.inject({ method: 'POST', url: '/v1/batch', headers: { authorization: basic(ws.writeKey), ...headers }, payload });
    expect((await post({ 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' }, gzipSync(body('ct-1')))).statusCode).toBe(200);
    expect((await post({ 'content-type': 'application/x-www-form-urlencoded' }, body('ct-2'))).statusCode).toBe(200);
    expect((await post({ 'content-type': 'application/json; charset=utf-8' }, body('ct-3'))).statusCode).toBe(200);
    expect((await post({ 'content-type': 'application/octet-stream', 'content-encoding': 'GZIP' }, gzipSync(body('ct-4')))).statusCode).toBe(200);
    for (const id of ['ct-1', 'ct-2', 'ct-3', 'ct-4']) {
      const res = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/lookup?kind=external_id&value=${id}` });
      expect(res.statusCode, id).toBe(200);
    }
    const form = await post({ 'content-type': 'application/x-www-form-urlencoded' }, 'batch=1&x=2');
    expect(form.statusCode).toBe(400);
    expect(form.json()).toMatchObject({ code: 'invalid_json', error: { code: 'invalid_json' } });
  });

  it("answers errors with Segment's top-level code and message beside our error object", async () => {
    const ws = await newWorkspace(app);
    const post = (url: string, key: string | null, payload: string) =>
      app.http.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...(key ? { authorization: basic(key) } : {}) }, payload });
    const shaped = (res: { json(): unknown }) => {
      const body = res.json() as { code: unknown; message: unknown; error: { code: unknown; message: unknown } };
      expect(typeof body.code).toBe('string');
      expect(typeof body.message).toBe('string');
      expect(body.code).toBe(body.error.code);
      expect(body.message).toBe(body.error.message);
      return body;
    };
    const partial = await post('/v1/batch', ws.writeKey, JSON.stringify({ batch: [{ type: 'track', userId: 'e-1', event: 'Fine' }, { type: 'track', event: 'No one' }] }));
    expect(partial.statusCode).toBe(400);
    expect(shaped(partial)).toMatchObject({ code: 'validation_failed', accepted: 1, rejected: 1, error: { details: [{ index: 1, field: 'batch[1].userId' }] } });
    const single = await post('/v1/track', ws.writeKey, JSON.stringify({ userId: 'e-1' }));
    expect(shaped(single)).toMatchObject({ code: 'validation_failed', error: { details: [{ field: 'event' }] } });
    expect(shaped(await post('/v1/track', null, JSON.stringify({ userId: 'e-1', event: 'E' })))).toMatchObject({ code: 'unauthorized' });
    expect(shaped(await post('/v1/identify', ws.writeKey, '{"userId": '))).toMatchObject({ code: 'invalid_json' });
    const tooBig = await post('/v1/batch', ws.writeKey, JSON.stringify({ batch: [{ type: 'track', userId: 'x', event: 'E', properties: { s: 'x'.repeat(600_000) } }] }));
    expect(tooBig.statusCode).toBe(413);
    expect(shaped(tooBig)).toMatchObject({ code: 'payload_too_large' });
    // Success stays as it was.
    expect((await post('/v1/track', ws.writeKey, JSON.stringify({ userId: 'e-1', event: 'E' }))).json()).toEqual({ success: true, accepted: 1, duplicates: 0 });
  });

  it('allows any origin without credentials, in the preflight and the request itself', async () => {
    const ws = await newWorkspace(app);
    const preflight = await app.http.inject({
      method: 'OPTIONS',
      url: '/v1/batch',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    const post = await app.http.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { origin: 'https://shop.example', 'content-type': 'text/plain', cookie: ws.owner.cookie },
      payload: JSON.stringify({ writeKey: ws.writeKey, userId: 'cors-1', event: 'E' }),
    });
    expect(post.statusCode).toBe(200);
    expect(post.headers['access-control-allow-origin']).toBe('*');
    expect(post.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('documents every tracking endpoint in the OpenAPI document, with its body, write-key auth and errors', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const paths = ['batch', 'identify', 'track', 'page', 'screen', 'group', 'alias', 'b', 'i', 't', 'p', 's', 'g', 'a'].map((p) => `/v1/${p}`);
    for (const path of paths) {
      const post = doc.paths[path]?.post;
      expect(post, path).toBeDefined();
      expect(post.security, path).toEqual([{ writeKey: [] }]);
      expect(Object.keys(post.requestBody.content), path).toEqual(expect.arrayContaining(['application/json', 'text/plain']));
      expect(Object.keys(post.responses), path).toEqual(expect.arrayContaining(['200', '400', '401', '413']));
    }
    const track = doc.paths['/v1/track'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(track.properties)).toEqual(expect.arrayContaining(['userId', 'anonymousId', 'event', 'properties', 'timestamp']));
    const batch = doc.paths['/v1/batch'].post.requestBody.content['application/json'].schema;
    expect(batch.properties.batch.items).toBeDefined();
    expect(doc.paths['/v1/{*}']).toBeUndefined();
  });
});
