import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../main.js';
import { fixedClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { createLogger } from '../../platform/logger.js';
import { newWorkspace, tempDir, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import { waitForSettledChanges } from '../../../test/segments.js';

// The change feed names a customer when something a segment can read about them changed, and only
// then: a write that repeats what is stored must not make the evaluator (and the previews' audience
// index) read the customer again, while a real change, and every stored event, must. The app runs as
// an API process (no feed loop of its own), so the test alone takes changes off the feed.

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const now = Date.UTC(2026, 5, 15, 9, 0, 0);

describe.each(testDatabases())('customer change feed on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    const config = loadConfig({
      DATABASE_URL: await database.url({ fresh: true }), LOG_LEVEL: 'silent', DEMO: 'false', DATA_DIR: tempDir(), SCORES_EVERY_HOURS: '0',
      JOBS_QUEUE: `changes-${process.pid}-${Date.now()}`,
    });
    app = await createApp({ config, clock: fixedClock(now), logger: createLogger('silent'), role: 'api' });
  });
  afterAll(() => app.close());

  // Takes every waiting change off the workspace's feed; returns how many there were.
  const drain = async (ws: TestWorkspace) => {
    let total = 0;
    // On PostgreSQL a change waits, unread, until every older transaction has ended.
    for (;;) {
      const read = await app.services.segmentEvaluator.evaluateChanges(ws.id);
      if (read > 0) total += read;
      else if (read === 0 && !(await app.services.segmentEvaluator.changesWaiting(ws.id))) break;
      else await new Promise((r) => setTimeout(r, 20));
    }
    return total;
  };
  const profile = { externalId: 'c-1', firstName: 'Анна', city: 'Москва', traits: { tier: 'gold' }, consent: { email: { granted: true } } };
  const customer = async (ws: TestWorkspace) => {
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/customers', payload: profile });
    expect(res.statusCode, res.body).toBe(201);
    const id: number = res.json().customer.id;
    expect(await drain(ws)).toBeGreaterThan(0);
    return id;
  };
  const patch = async (ws: TestWorkspace, id: number, payload: Record<string, unknown>) => {
    const res = await withKey(app, ws.secretKey, { method: 'PATCH', url: `/api/v1/customers/${id}`, payload });
    expect(res.statusCode, res.body).toBe(200);
  };
  const track = async (ws: TestWorkspace, timestamp: number, event = 'Product Viewed') => {
    const res = await app.http.inject({
      method: 'POST', url: '/v1/track', headers: { 'content-type': 'application/json', authorization: basic(ws.writeKey) },
      payload: JSON.stringify({ userId: 'c-1', event, timestamp: new Date(timestamp).toISOString() }),
    });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('writes no change for an edit that repeats the stored profile and consent', async () => {
    const ws = await newWorkspace(app);
    const id = await customer(ws);
    await patch(ws, id, { firstName: 'Анна', city: 'Москва', traits: { tier: 'gold' }, consent: { email: { granted: true } } });
    expect(await drain(ws)).toBe(0);
  });

  it('writes a change when a field, a trait or a consent a rule can read changes', async () => {
    const ws = await newWorkspace(app);
    const id = await customer(ws);
    await patch(ws, id, { city: 'Казань' });
    expect(await drain(ws)).toBeGreaterThan(0);
    await patch(ws, id, { traits: { tier: 'silver' } });
    expect(await drain(ws)).toBeGreaterThan(0);
    await patch(ws, id, { consent: { email: { granted: false } } });
    expect(await drain(ws)).toBeGreaterThan(0);
  });

  it('writes a change for every stored event, even one older than the last activity', async () => {
    const ws = await newWorkspace(app);
    await customer(ws);
    await track(ws, now - 60_000);
    expect(await drain(ws)).toBeGreaterThan(0);
    // Changes no stats column but its time of writing: event conditions still learn of the event.
    await track(ws, now - 3_600_000);
    expect(await drain(ws)).toBeGreaterThan(0);
  });

  it('re-checks for an event only the segments that read events of its name, and for an order those that read orders', async () => {
    const ws = await newWorkspace(app);
    await customer(ws);
    const rule = (c: object) => ({ kind: 'group', combinator: 'and', rules: [c] });
    const ever = { frequency: { op: 'atLeast', count: 1 }, window: { kind: 'ever' } };
    const make = async (name: string, r: object) => {
      const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: { name, rule: r } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const viewed = await make('viewed', rule({ kind: 'event', type: 'track', name: 'Product Viewed', where: [], ...ever }));
    const anyPage = await make('any page', rule({ kind: 'event', type: 'page', where: [], ...ever }));
    const orders = await make('2+ orders', rule({ kind: 'stat', stat: 'ordersCount', op: 'gte', value: 2 }));
    const bought = await make('bought', rule({ kind: 'purchase', measure: 'orders', op: 'atLeast', value: 1, window: { kind: 'ever' } }));
    // This process runs no jobs: the segments are built here.
    for (const id of [viewed, anyPage, orders, bought]) await app.services.segmentEvaluator.rebuild(ws.id, id);
    await drain(ws);
    // Which segments the next pass evaluates (it writes nothing); "any page" reads page calls alone.
    const planned = async () => {
      await waitForSettledChanges(app, ws.id);
      return [...((await app.services.segmentEvaluator.planChanges(ws.id))?.independent.keys() ?? [])].sort();
    };
    await track(ws, now - 60_000, 'Product Viewed');
    expect(await planned()).toEqual([viewed]);
    await drain(ws);
    await track(ws, now - 60_000, 'Signed Up');
    expect(await planned()).toEqual([]);
    await drain(ws);
    const page = await app.http.inject({
      method: 'POST', url: '/v1/page', headers: { 'content-type': 'application/json', authorization: basic(ws.writeKey) },
      payload: JSON.stringify({ userId: 'c-1', name: 'Каталог', timestamp: new Date(now - 60_000).toISOString() }),
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(await planned()).toEqual([anyPage]);
    await drain(ws);
    const order = await app.http.inject({
      method: 'POST', url: '/v1/track', headers: { 'content-type': 'application/json', authorization: basic(ws.writeKey) },
      payload: JSON.stringify({ userId: 'c-1', event: 'Order Completed', properties: { order_id: 'o-1', total: 1000, currency: 'RUB' }, timestamp: new Date(now - 60_000).toISOString() }),
    });
    expect(order.statusCode, order.body).toBe(200);
    expect(await planned()).toEqual([bought, orders].sort());
  });
});
