import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { addUser, asUser, newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';

describe.each(testDatabases())('customer profiles API on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  const call = (ws: TestWorkspace, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    withKey(app, ws.secretKey, { method, url, ...(payload ? { payload } : {}) });
  const create = async (ws: TestWorkspace, body: object) => {
    const res = await call(ws, 'POST', '/api/v1/customers', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().customer as { id: number; phone: string | null; email: string | null };
  };
  const lookup = (ws: TestWorkspace, kind: string, value: string) =>
    call(ws, 'GET', `/api/v1/customers/lookup?kind=${kind}&value=${encodeURIComponent(value)}`);

  it('finds a customer created with a national phone by the phone in any other format', async () => {
    const ws = await newWorkspace(app);
    const customer = await create(ws, { phone: '8 (912) 345-67-89', firstName: 'Анна' });
    expect(customer.phone).toBe('+79123456789');
    for (const value of ['+7 912 345 67 89', '79123456789', '8-912-345-67-89']) {
      const res = await lookup(ws, 'phone', value);
      expect(res.statusCode, value).toBe(200);
      expect(res.json()).toMatchObject({ id: customer.id, firstName: 'Анна' });
    }
    expect((await lookup(ws, 'phone', '+7 912 000 00 00')).statusCode).toBe(404);
    const invalid = await lookup(ws, 'phone', 'not a phone');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details[0].field).toBe('value');
  });

  it('rejects an invalid phone naming the field, and names a card number by its body field', async () => {
    const ws = await newWorkspace(app);
    const res = await call(ws, 'POST', '/api/v1/customers', { phone: '12345', firstName: 'Иван' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.details[0].field).toBe('phone');
    const card = await call(ws, 'POST', '/api/v1/customers', { cardNumber: '№ 12', email: 'ivan@example.com' });
    expect(card.statusCode).toBe(400);
    expect(card.json().error.details[0].field).toBe('cardNumber');
    const none = await call(ws, 'POST', '/api/v1/customers', { firstName: 'Без контактов' });
    expect(none.statusCode).toBe(400);
  });

  it('answers a second create with the same phone with the existing customer, updated', async () => {
    const ws = await newWorkspace(app);
    const first = await call(ws, 'POST', '/api/v1/customers', { phone: '+7 912 111 22 33', firstName: 'Пётр' });
    expect(first.statusCode).toBe(201);
    expect(first.json().created).toBe(true);
    const second = await call(ws, 'POST', '/api/v1/customers', { phone: '89121112233', email: 'Petr@Example.com', cardNumber: '4000 1234' });
    expect(second.statusCode).toBe(200);
    expect(second.json().created).toBe(false);
    expect(second.json().customer.id).toBe(first.json().customer.id);
    expect(second.json().customer).toMatchObject({ firstName: 'Пётр', email: 'petr@example.com' });
    const kinds = second.json().customer.identifiers.map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`).sort();
    expect(kinds).toEqual(['card:40001234', 'email:petr@example.com', 'phone:+79121112233']);
  });

  it('stores fields, traits and consent, and edits them', async () => {
    const ws = await newWorkspace(app);
    const res = await call(ws, 'POST', '/api/v1/customers', {
      email: 'olga@example.com', firstName: 'Ольга', lastName: 'Ёлкина', birthDate: '1990-05-17', gender: 'Female', city: 'Казань',
      traits: { size: 'M' }, consent: { email: { granted: true, source: 'checkout' }, sms: { granted: false } },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().customer.id;
    expect(res.json().customer).toMatchObject({
      birthDate: '1990-05-17', gender: 'female', city: 'Казань', traits: { size: 'M' },
      consent: { email: { status: 'granted', source: 'checkout' }, sms: { status: 'revoked' } },
      stats: { ordersCount: 0, revenue: 0 }, erasedAt: null,
    });
    const patched = await call(ws, 'PATCH', `/api/v1/customers/${id}`, { city: null, lastName: 'Иванова', traits: { vip: true } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ city: null, lastName: 'Иванова', firstName: 'Ольга', traits: { size: 'M', vip: true } });
    const found = await call(ws, 'GET', '/api/v1/customers?q=иванова');
    expect(found.json().items.map((i: { id: number }) => i.id)).toEqual([id]);
  });

  it('refuses an identifier of another customer with 409 and an impossible date with 400', async () => {
    const ws = await newWorkspace(app);
    await create(ws, { phone: '+7 912 000 00 01' });
    const other = await create(ws, { email: 'other@example.com' });
    const conflict = await call(ws, 'PATCH', `/api/v1/customers/${other.id}`, { phone: '8 912 000-00-01' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('conflict');
    expect(conflict.json().error.details[0].field).toBe('phone');
    const date = await call(ws, 'PATCH', `/api/v1/customers/${other.id}`, { birthDate: '2024-02-30' });
    expect(date.statusCode).toBe(400);
    expect(date.json().error.details[0].field).toBe('birthDate');
    expect((await call(ws, 'GET', `/api/v1/customers/${other.id}`)).json().phone).toBeNull();
  });

  it('erases personal data on request, records it, and forgets the old phone', async () => {
    const ws = await newWorkspace(app);
    const c = await create(ws, { phone: '+7 912 555 44 33', email: 'gone@example.com', firstName: 'Мария', traits: { note: 'x' } });
    const res = await call(ws, 'DELETE', `/api/v1/customers/${c.id}?reason=${encodeURIComponent('письмо клиента')}`);
    expect(res.statusCode).toBe(204);
    const profile = (await call(ws, 'GET', `/api/v1/customers/${c.id}`)).json();
    expect(profile).toMatchObject({ id: c.id, phone: null, email: null, firstName: null, identifiers: [], traits: {} });
    expect(profile.erasedAt).toEqual(expect.any(Number));
    expect((await lookup(ws, 'phone', '+79125554433')).statusCode).toBe(404);
    expect((await call(ws, 'GET', '/api/v1/customers')).json().items).toEqual([]);
    const erasures = await app.db.kysely.selectFrom('customer_erasures').selectAll().where('workspace_id', '=', ws.id).execute();
    expect(erasures).toMatchObject([{ customer_id: c.id, reason: 'письмо клиента' }]);
    const other = await create(ws, { email: 'also-gone@example.com' });
    const byBody = await withKey(app, ws.secretKey, { method: 'DELETE', url: `/api/v1/customers/${other.id}`, payload: { reason: 'GDPR art. 17' } });
    expect(byBody.statusCode).toBe(204);
    const reasons = await app.db.kysely.selectFrom('customer_erasures').select('reason').where('customer_id', '=', other.id).where('workspace_id', '=', ws.id).execute();
    expect(reasons).toEqual([{ reason: 'GDPR art. 17' }]);
  });

  // Tracking writes the last device; the API shows it and lets a client write the locale.
  const track = (ws: TestWorkspace, body: object) =>
    app.http.inject({
      method: 'POST', url: '/v1/track',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${ws.writeKey}:`).toString('base64')}` },
      payload: { event: 'Product Viewed', ...body },
    });
  const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';
  const onIphone = { lastDevice: 'Apple iPhone', lastOs: 'iOS 17.1', lastBrowser: 'Safari 17' };

  it('writes the locale through the API beside the tracked device, and clears it with null', async () => {
    const ws = await newWorkspace(app);
    const created = await call(ws, 'POST', '/api/v1/customers', { externalId: 'loc-1', locale: 'ru-RU' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().customer.id;
    expect(created.json().customer).toMatchObject({ locale: 'ru-RU', lastDevice: null, lastOs: null, lastBrowser: null });
    expect((await track(ws, { userId: 'loc-1', context: { userAgent: iphone, locale: 'en-US' } })).statusCode).toBe(200);
    expect((await call(ws, 'GET', `/api/v1/customers/${id}`)).json()).toMatchObject({ ...onIphone, locale: 'en-US' });

    const patched = await call(ws, 'PATCH', `/api/v1/customers/${id}`, { locale: 'kk-KZ' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ ...onIphone, locale: 'kk-KZ' });
    expect((await call(ws, 'GET', `/api/v1/customers/${id}`)).json()).toMatchObject({ ...onIphone, locale: 'kk-KZ' });
    expect((await call(ws, 'GET', `/api/v1/customers/${id}/export`)).json().profile).toMatchObject({ ...onIphone, locale: 'kk-KZ' });
    // The same write through POST with the identifier of an existing customer.
    const again = await call(ws, 'POST', '/api/v1/customers', { externalId: 'loc-1', locale: 'uz-UZ' });
    expect(again.json()).toMatchObject({ created: false, customer: { id, locale: 'uz-UZ' } });
    // Other edits leave it; null clears it, and a tracked message sets it again.
    expect((await call(ws, 'PATCH', `/api/v1/customers/${id}`, { firstName: 'Анна' })).json()).toMatchObject({ firstName: 'Анна', locale: 'uz-UZ' });
    expect((await call(ws, 'PATCH', `/api/v1/customers/${id}`, { locale: null })).json()).toMatchObject({ ...onIphone, locale: null });
    await track(ws, { userId: 'loc-1', context: { locale: 'be-BY' } });
    expect((await call(ws, 'GET', `/api/v1/customers/${id}`)).json()).toMatchObject({ ...onIphone, locale: 'be-BY' });
  });

  it('erases the last device and locale with the rest of the personal data', async () => {
    const ws = await newWorkspace(app);
    const c = await create(ws, { externalId: 'er-1', email: 'device@example.com' });
    await track(ws, { userId: 'er-1', context: { userAgent: iphone, locale: 'ru-RU' } });
    expect((await call(ws, 'GET', `/api/v1/customers/${c.id}`)).json()).toMatchObject({ ...onIphone, locale: 'ru-RU' });
    expect((await call(ws, 'DELETE', `/api/v1/customers/${c.id}`)).statusCode).toBe(204);
    const erased = (await call(ws, 'GET', `/api/v1/customers/${c.id}`)).json();
    expect(erased).toMatchObject({ lastDevice: null, lastOs: null, lastBrowser: null, locale: null });
    expect(erased.erasedAt).toEqual(expect.any(Number));
  });

  it('answers a merged-away id with the surviving profile and lists only the survivor', async () => {
    const ws = await newWorkspace(app);
    const a = await create(ws, { phone: '+7 912 700 00 01' });
    const b = await create(ws, { email: 'merge@example.com' });
    const linked = await call(ws, 'POST', '/api/v1/customers', { phone: '+79127000001', email: 'merge@example.com' });
    expect(linked.json()).toMatchObject({ created: false, customer: { id: a.id, mergedFrom: [b.id] } });
    const old = await call(ws, 'GET', `/api/v1/customers/${b.id}`);
    expect(old.statusCode).toBe(200);
    expect(old.json().id).toBe(a.id);
    expect((await call(ws, 'GET', '/api/v1/customers')).json().items.map((i: { id: number }) => i.id)).toEqual([a.id]);
  });

  it('lets an analyst read but not write, and requires authentication', async () => {
    const ws = await newWorkspace(app);
    const c = await create(ws, { email: 'read@example.com' });
    const analyst = await addUser(app, ws.id, 'analyst');
    const as = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      asUser(app, analyst, ws.id, { method, url, ...(payload ? { payload } : {}) });
    expect((await as('GET', `/api/v1/customers/${c.id}`)).statusCode).toBe(200);
    expect((await as('GET', '/api/v1/customers')).statusCode).toBe(200);
    expect((await as('POST', '/api/v1/customers', { email: 'new@example.com' })).statusCode).toBe(403);
    expect((await as('PATCH', `/api/v1/customers/${c.id}`, { firstName: 'X' })).statusCode).toBe(403);
    expect((await as('DELETE', `/api/v1/customers/${c.id}`)).statusCode).toBe(403);
    const manager = await addUser(app, ws.id, 'manager');
    const edit = await asUser(app, manager, ws.id, { method: 'PATCH', url: `/api/v1/customers/${c.id}`, payload: { firstName: 'Игорь' } });
    expect(edit.statusCode).toBe(200);
    for (const url of ['/api/v1/customers', `/api/v1/customers/${c.id}`, '/api/v1/customers/lookup?kind=email&value=read@example.com']) {
      const res = await app.http.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
    }
    expect((await app.http.inject({ method: 'POST', url: '/api/v1/customers', payload: { email: 'x@example.com' } })).statusCode).toBe(401);
    // Authentication comes before validation: a stranger's malformed request learns nothing but 401.
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/customers?limit=abc' })).statusCode).toBe(401);
    expect((await app.http.inject({ method: 'POST', url: '/api/v1/customers', payload: { phone: 12 } })).statusCode).toBe(401);
  });

  it('assigns a responsible manager only from the users of the workspace', async () => {
    const ws = await newWorkspace(app);
    const other = await newWorkspace(app);
    const c = await create(ws, { phone: '+7 912 800 00 02' });
    const manager = await addUser(app, ws.id, 'manager');
    const stranger = await addUser(app, other.id, 'manager');
    const assigned = await call(ws, 'PATCH', `/api/v1/customers/${c.id}`, { managerUserId: manager.id });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().managerUserId).toBe(manager.id);
    for (const managerUserId of [stranger.id, 'no-such-user']) {
      const refused = await call(ws, 'PATCH', `/api/v1/customers/${c.id}`, { managerUserId });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details).toEqual([{ field: 'managerUserId', reason: 'is not a user of this workspace', code: 'not_a_member', params: {} }]);
    }
    const created = await call(ws, 'POST', '/api/v1/customers', { phone: '+7 912 800 00 03', managerUserId: stranger.id });
    expect(created.statusCode).toBe(400);
    expect((await lookup(ws, 'phone', '+7 912 800 00 03')).statusCode).toBe(404);
    // The refused edits left the assignment as it was.
    expect((await call(ws, 'GET', `/api/v1/customers/${c.id}`)).json().managerUserId).toBe(manager.id);
    const cleared = await call(ws, 'PATCH', `/api/v1/customers/${c.id}`, { managerUserId: null });
    expect(cleared.json().managerUserId).toBeNull();
  });

  it("keeps each workspace's customers to itself", async () => {
    const mine = await newWorkspace(app);
    const theirs = await newWorkspace(app);
    const c = await create(theirs, { phone: '+7 912 800 00 01', email: 'their@example.com', lastName: 'Чужой' });
    for (const url of [`/api/v1/customers/${c.id}`, `/api/v1/customers/${c.id}/timeline`, `/api/v1/customers/${c.id}/export`]) {
      const res = await call(mine, 'GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await call(mine, 'PATCH', `/api/v1/customers/${c.id}`, { firstName: 'X' })).statusCode).toBe(404);
    expect((await call(mine, 'DELETE', `/api/v1/customers/${c.id}`)).statusCode).toBe(404);
    expect((await lookup(mine, 'phone', '+79128000001')).statusCode).toBe(404);
    for (const q of ['', '?q=чужой', '?q=their@example.com', '?q=8912800']) {
      expect((await call(mine, 'GET', `/api/v1/customers${q}`)).json().items, q).toEqual([]);
    }
    // The same phone in my workspace is a different person.
    const own = await create(mine, { phone: '+7 912 800 00 01' });
    expect(own.id).not.toBe(c.id);
    expect((await call(theirs, 'GET', `/api/v1/customers/${c.id}`)).json().lastName).toBe('Чужой');
  });
});
