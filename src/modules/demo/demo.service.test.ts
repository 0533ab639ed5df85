import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../main.js';
import { loadConfig } from '../../platform/config.js';
import { startApp, tempDir, testDatabases, withKey } from '../../../test/harness.js';
import { demoCommand } from './demo.cli.js';
import { generateDemoShop } from './demo.generator.js';
import { createDemoWorkspace } from './demo.service.js';
import type { DemoCustomer, DemoOrder } from './demo.types.js';

// The demo loader writes customers, orders and stats in bulk, bypassing the live path; these tests
// check through the public API that what it wrote is what the generator made, and that the stats
// are exactly what the live path would compute from the same orders.

const seed = 11;
const endDate = Date.UTC(2026, 5, 30, 21, 0, 0); // 1 July 2026, 00:00 in Moscow

interface Expected {
  customer: DemoCustomer;
  orders: DemoOrder[];
  revenue: number;
  ordersCount: number;
  lastActivityAt: number | null;
  /** The tags of the latest event with a campaign, and its time. */
  lastTouch: { at: number; source: string; medium: string; name: string } | null;
}

/** What each generated customer should show, computed from the generator's own output. */
function expectedShop(customers: number): { byPhone: Map<string, Expected>; orders: number; events: number } {
  const byKey = new Map<string, Expected>();
  let orders = 0;
  let events = 0;
  for (const chunk of generateDemoShop({ seed, customers, endDate })) {
    for (const customer of chunk.customers) byKey.set(customer.key, { customer, orders: [], revenue: 0, ordersCount: 0, lastActivityAt: null, lastTouch: null });
    for (const order of chunk.orders) {
      const e = byKey.get(order.customerKey);
      if (!e) throw new Error(`order of an unknown customer ${order.customerKey}`);
      e.orders.push(order);
      e.lastActivityAt = Math.max(e.lastActivityAt ?? 0, order.orderedAt);
      // Cancelled and refunded orders are no purchases.
      if (order.status === 'completed') {
        e.revenue += order.total;
        e.ordersCount++;
      }
      orders++;
    }
    for (const event of chunk.events) {
      const e = byKey.get(event.customerKey);
      if (e) e.lastActivityAt = Math.max(e.lastActivityAt ?? 0, event.timestamp);
      const tags = event.context.campaign;
      if (e && tags && (!e.lastTouch || event.timestamp >= e.lastTouch.at)) e.lastTouch = { at: event.timestamp, ...tags };
      events++;
    }
  }
  return { byPhone: new Map([...byKey.values()].map((e) => [e.customer.phone, e])), orders, events };
}

describe.each(testDatabases())('demo workspace on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  it('loads a shop whose customer list, lookups and stats agree with the generated orders', async () => {
    const expected = expectedShop(500);
    const summary = await createDemoWorkspace(app, { customers: 500, seed, endDate });
    expect(summary).toMatchObject({ customers: 500, orders: expected.orders, events: expected.events, name: 'Северный ветер (демо)' });
    const secret = await app.services.apiKeys.create(summary.workspaceId, 'secret', 'x', null);
    const get = async (url: string) => {
      const res = await withKey(app, secret.key, { method: 'GET', url });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };

    // The best customers by revenue, as the generator's orders rank them.
    const list = await get('/api/v1/customers?sort=-revenue&limit=5');
    const ranked = [...expected.byPhone.values()].sort((a, b) => b.revenue - a.revenue);
    expect(list.items.map((i: { revenue: number }) => i.revenue)).toEqual(ranked.slice(0, 5).map((e) => e.revenue));
    for (const item of list.items) {
      const e = expected.byPhone.get(item.phone);
      expect(e, item.phone).toBeDefined();
      expect({ revenue: item.revenue, ordersCount: item.ordersCount }).toEqual({ revenue: e?.revenue, ordersCount: e?.ordersCount });
    }

    // A phone typed the way a shop assistant would finds the person, with their identifiers and consent.
    const someone = [...expected.byPhone.values()].find((e) => e.customer.email !== null && e.customer.cardNumber !== null);
    if (!someone) throw new Error('the demo shop has nobody with an e-mail and a card');
    const c = someone.customer;
    const typed = `8 (${c.phone.slice(2, 5)}) ${c.phone.slice(5, 8)}-${c.phone.slice(8, 10)}-${c.phone.slice(10)}`;
    const found = await get(`/api/v1/customers/lookup?kind=phone&value=${encodeURIComponent(typed)}`);
    expect(found).toMatchObject({ firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone, city: c.city });
    expect(found).toMatchObject({ lastDevice: c.device, lastOs: c.os, lastBrowser: c.browser, locale: 'ru-RU' });
    expect(found.identifiers.map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`).sort()).toEqual(
      [`card:${c.cardNumber}`, `email:${c.email}`, `external_id:${c.key}`, `phone:${c.phone}`].sort(),
    );
    expect(found.consent.sms.status).toBe(c.consentSms ? 'granted' : 'revoked');
    expect(found.stats).toMatchObject({ revenue: someone.revenue, ordersCount: someone.ordersCount, lastActivityAt: someone.lastActivityAt });

    // The last touch agrees with the generated events' campaigns, for every customer: the preview of
    // each last source counts the customers whose latest tagged event came from it.
    const bySource = new Map<string | null, number>();
    for (const e of expected.byPhone.values()) bySource.set(e.lastTouch?.source ?? null, (bySource.get(e.lastTouch?.source ?? null) ?? 0) + 1);
    expect(bySource.size).toBeGreaterThan(2);
    for (const [source, count] of bySource) {
      const rule = { kind: 'group', combinator: 'and', rules: [source === null ? { kind: 'text', field: 'lastUtmSource', op: 'notSet' } : { kind: 'text', field: 'lastUtmSource', op: 'eq', value: source }] };
      const res = await withKey(app, secret.key, { method: 'POST', url: '/api/v1/segments/preview', payload: { rule } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().count, String(source)).toBe(count);
    }
    const touched = [...expected.byPhone.values()].find((e) => e.lastTouch !== null);
    const touchedProfile = await get(`/api/v1/customers/lookup?kind=external_id&value=${touched?.customer.key}`);
    expect(touchedProfile).toMatchObject({ lastUtmSource: touched?.lastTouch?.source, lastUtmMedium: touched?.lastTouch?.medium, lastUtmCampaign: touched?.lastTouch?.name });

    // The live path's recomputation from the stored orders changes nothing: the bulk load computed the
    // same numbers. Checked on the top customers, on customers with cancelled or refunded orders and
    // on one who never bought.
    const cases = [
      ...ranked.slice(0, 5),
      ...ranked.filter((e) => e.orders.some((o) => o.status !== 'completed')).slice(0, 5),
      ...ranked.filter((e) => e.orders.length === 0).slice(0, 1),
    ];
    expect(cases.some((e) => e.orders.some((o) => o.status === 'refunded'))).toBe(true);
    for (const e of cases) {
      const before = await get(`/api/v1/customers/lookup?kind=external_id&value=${e.customer.key}`);
      await app.services.orders.refreshStats(app.db.kysely, summary.workspaceId, [before.id]);
      const after = await get(`/api/v1/customers/${before.id}`);
      expect(after.stats, e.customer.key).toEqual(before.stats);
      expect(before.stats).toMatchObject({ revenue: e.revenue, ordersCount: e.ordersCount, lastActivityAt: e.lastActivityAt });
    }
  });

  it('creates the demo workspace on first start, with a write key that tracks its customers', async () => {
    const fresh = await startApp(database, { fresh: true });
    try {
      expect(await fresh.services.workspaces.listAll()).toEqual([]);
      const summary = await createDemoWorkspace(fresh, { customers: 40 });
      const [workspace, ...others] = await fresh.services.workspaces.listAll();
      expect(others).toEqual([]);
      expect(workspace).toMatchObject({ id: summary.workspaceId, name: 'Северный ветер (демо)', timezone: 'Europe/Moscow', currency: 'RUB' });
      const res = await fresh.http.inject({
        method: 'POST',
        url: '/v1/track',
        headers: { authorization: `Basic ${Buffer.from(`${summary.writeKey}:`).toString('base64')}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ userId: 'demo-000007', event: 'Product Viewed', properties: { sku: 'X-1' } }),
      });
      expect(res.statusCode, res.body).toBe(200);
      const secret = await fresh.services.apiKeys.create(summary.workspaceId, 'secret', 'x', null);
      const list = await withKey(fresh, secret.key, { method: 'GET', url: '/api/v1/customers?limit=200' });
      // The event went to the demo customer with that key; nobody new was created.
      expect(list.json().items).toHaveLength(40);
    } finally {
      await fresh.close();
    }
  });

  it('klientura demo makes the owners of the installation owners of a new demo workspace', async () => {
    const config = loadConfig({ DATABASE_URL: await database.url({ fresh: true }), LOG_LEVEL: 'silent', DEMO: 'false', DATA_DIR: tempDir() });
    const setup = await startApp(database, { env: { DATABASE_URL: config.DATABASE_URL } });
    const shop = await setup.services.workspaces.create({ name: 'Own shop' });
    const owner = await setup.services.users.createUser({ email: 'boss@example.com', password: 'correct horse battery' });
    const analyst = await setup.services.users.createUser({ email: 'numbers@example.com', password: 'correct horse battery' });
    await setup.services.users.setRole(shop.id, owner.id, 'owner', null);
    await setup.services.users.setRole(shop.id, analyst.id, 'analyst', null);
    await setup.close();

    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const progress = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await demoCommand(config, ['--customers', '30', '--json'])).toBe(0);
    } finally {
      log.mockRestore();
      progress.mockRestore();
    }
    const summary = JSON.parse(printed.join('\n'));
    expect(summary).toMatchObject({ customers: 30, owners: 1 });
    expect(summary.writeKey).toMatch(/^wk_/);

    const check = await startApp(database, { env: { DATABASE_URL: config.DATABASE_URL } });
    try {
      const members = await check.services.users.members(summary.workspaceId);
      expect(members.map((m) => `${m.email}:${m.role}`)).toEqual(['boss@example.com:owner']);
    } finally {
      await check.close();
    }
  });
});
