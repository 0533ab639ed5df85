import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';

interface Row {
  id: number;
  lastName: string | null;
  revenue: number;
  ordersCount: number;
  lastOrderAt: number | null;
}

describe.each(testDatabases())('customer list API on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  const create = async (ws: TestWorkspace, body: object): Promise<number> => {
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/customers', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().customer.id;
  };
  const order = async (ws: TestWorkspace, customerId: number, externalId: string, total: number, orderedAt: number) => {
    await app.db.kysely.transaction().execute(async (trx) => {
      await app.services.orders.record(trx, ws.id, 'Europe/Moscow', customerId, { externalId, orderedAt, total, currency: 'RUB' }, 'api');
      await app.services.orders.refreshStats(trx, ws.id, [customerId]);
    });
  };
  const list = async (ws: TestWorkspace, query: string) => {
    const res = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Row[]; nextCursor: string | null; total?: number };
  };
  const ids = async (ws: TestWorkspace, query: string) => (await list(ws, query)).items.map((i) => i.id).sort((a, b) => a - b);

  it('searches by phone in any format or by its start, by e-mail, card and name', async () => {
    const ws = await newWorkspace(app);
    const anna = await create(ws, { phone: '8 (912) 345-67-89', email: 'anna.smirnova@mail.ru', firstName: 'Анна', lastName: 'Ёлкина' });
    const boris = await create(ws, { phone: '+7 843 210-00-00', cardNumber: '7700 1234 5678', firstName: 'Борис', lastName: 'Елкин' });
    const vera = await create(ws, { phone: '+7 495 123-45-67', email: 'vera@example.com', firstName: 'Вера', lastName: 'Смирнова' });
    expect(await ids(ws, `q=${encodeURIComponent('+7 912 345 67 89')}`)).toEqual([anna]);
    expect(await ids(ws, 'q=79123456789')).toEqual([anna]);
    expect(await ids(ws, `q=${encodeURIComponent('912 345')}`)).toEqual([anna]);
    expect(await ids(ws, 'q=8912345')).toEqual([anna]);
    expect(await ids(ws, 'q=843210')).toEqual([boris]); // Kazan's area code, not "8" + 43210
    expect(await ids(ws, `q=${encodeURIComponent('+7495')}`)).toEqual([vera]);
    expect(await ids(ws, `q=${encodeURIComponent('Anna.Smirnova@Mail.ru')}`)).toEqual([anna]);
    expect(await ids(ws, `q=${encodeURIComponent('vera@')}`)).toEqual([vera]);
    expect(await ids(ws, `q=${encodeURIComponent('7700-1234-5678')}`)).toEqual([boris]);
    expect(await ids(ws, `q=${encodeURIComponent('елкина')}`)).toEqual([anna]);
    expect(await ids(ws, `q=${encodeURIComponent('ЁЛКИНА')}`)).toEqual([anna]);
    expect(await ids(ws, `q=${encodeURIComponent('Елк')}`)).toEqual([anna, boris]);
    expect(await ids(ws, `q=${encodeURIComponent('Анна Ёлкина')}`)).toEqual([anna]);
    expect(await ids(ws, `q=${encodeURIComponent('ёлкина ан')}`)).toEqual([anna]);
    expect(await ids(ws, `q=${encodeURIComponent('смирнова')}`)).toEqual([vera]);
    expect(await ids(ws, 'q=anna')).toEqual([anna]); // the start of an e-mail address
    expect(await ids(ws, `q=${encodeURIComponent('100%_')}`)).toEqual([]);
    expect(await ids(ws, `q=${encodeURIComponent('Жуков')}`)).toEqual([]);
  });

  it('filters by orders, revenue, last order day, city and contacts', async () => {
    const ws = await newWorkspace(app);
    const none = await create(ws, { email: 'none@example.com', city: 'Москва' });
    const one = await create(ws, { phone: '+7 912 000 00 01', city: 'Казань' });
    const three = await create(ws, { phone: '+7 912 000 00 03', email: 'three@example.com', city: 'Москва' });
    // 2024-03-10 23:30 in Moscow is still 20:30 UTC the same day; 2024-03-11 00:30 Moscow is 2024-03-10 21:30 UTC.
    await order(ws, one, 'o-1', 500_00, Date.parse('2024-03-10T20:30:00Z'));
    await order(ws, three, 't-1', 1000_00, Date.parse('2024-01-05T10:00:00Z'));
    await order(ws, three, 't-2', 2000_00, Date.parse('2024-02-05T10:00:00Z'));
    await order(ws, three, 't-3', 3000_00, Date.parse('2024-03-10T21:30:00Z'));
    expect(await ids(ws, 'minOrders=1')).toEqual([one, three]);
    expect(await ids(ws, 'maxOrders=0')).toEqual([none]);
    expect(await ids(ws, 'minOrders=2&maxOrders=3')).toEqual([three]);
    expect(await ids(ws, 'minRevenue=50000&maxRevenue=50000')).toEqual([one]);
    expect(await ids(ws, 'minRevenue=100000')).toEqual([three]);
    expect(await ids(ws, 'lastOrderFrom=2024-03-10&lastOrderTo=2024-03-10')).toEqual([one]);
    expect(await ids(ws, 'lastOrderFrom=2024-03-11')).toEqual([three]);
    expect(await ids(ws, `lastOrderTo=${Date.parse('2024-03-10T21:00:00Z')}`)).toEqual([one]);
    expect(await ids(ws, `city=${encodeURIComponent('Москва')}`)).toEqual([none, three]);
    expect(await ids(ws, 'hasEmail=true&hasPhone=true')).toEqual([three]);
    expect(await ids(ws, 'hasPhone=false')).toEqual([none]);
    expect((await list(ws, 'minOrders=1&includeTotal=true&limit=1')).total).toBe(2);
    const bad = await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/customers?lastOrderFrom=2024-02-30' });
    expect(bad.statusCode).toBe(400);
  });

  it('finds a city by any case, ё or е, and by its start', async () => {
    const ws = await newWorkspace(app);
    const moscow = await create(ws, { externalId: 'm', city: 'Москва' });
    const spaced = await create(ws, { externalId: 's', city: '  Москва ' });
    const oryol = await create(ws, { externalId: 'o', city: 'Орёл' });
    const rostov = await create(ws, { externalId: 'r', city: 'Ростов-на-Дону' });
    await create(ws, { externalId: 'k', city: 'Казань' });
    await create(ws, { externalId: 'n', city: null });
    const city = (value: string) => ids(ws, `city=${encodeURIComponent(value)}`);
    expect(await city('москва')).toEqual([moscow, spaced]);
    expect(await city('МОСКВА')).toEqual([moscow, spaced]);
    expect(await city('моск')).toEqual([moscow, spaced]);
    expect(await city(' Моск ')).toEqual([moscow, spaced]);
    expect(await city('орел')).toEqual([oryol]);
    expect(await city('ОРЁЛ')).toEqual([oryol]);
    expect(await city('ростов на')).toEqual([rostov]);
    expect(await city('осква')).toEqual([]); // the start of the name, not any part of it
    expect(await city('100%')).toEqual([]);
    // A city changed by an edit is found by its new name only.
    const patched = await withKey(app, ws.secretKey, { method: 'PATCH', url: `/api/v1/customers/${oryol}`, payload: { city: 'Ярославль' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await city('орел')).toEqual([]);
    expect(await city('ярос')).toEqual([oryol]);
    expect((await list(ws, `city=${encodeURIComponent('москва')}&includeTotal=true`)).total).toBe(2);
  });

  it('filters by whole days since the last purchase, in the workspace time zone', async () => {
    const ws = await newWorkspace(app);
    const now = Date.now();
    const day = 86_400_000;
    const recent = await create(ws, { externalId: 'recent' });
    const month = await create(ws, { externalId: 'month' });
    const year = await create(ws, { externalId: 'year' });
    await create(ws, { externalId: 'never' });
    await order(ws, recent, 'r-1', 100_00, now - 2 * day);
    await order(ws, month, 'm-1', 100_00, now - 40 * day);
    await order(ws, year, 'y-1', 100_00, now - 400 * day);
    expect(await ids(ws, 'minDaysSinceLastOrder=30')).toEqual([month, year]);
    expect(await ids(ws, 'maxDaysSinceLastOrder=30')).toEqual([recent]);
    expect(await ids(ws, 'minDaysSinceLastOrder=30&maxDaysSinceLastOrder=365')).toEqual([month]);
    expect(await ids(ws, 'minDaysSinceLastOrder=0')).toEqual([recent, month, year]);
    expect(await ids(ws, 'maxDaysSinceLastOrder=1')).toEqual([]);
    expect(await ids(ws, 'maxDaysSinceLastOrder=2')).toEqual([recent]);
    const bad = await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/customers?minDaysSinceLastOrder=-1' });
    expect(bad.statusCode).toBe(400);
  });

  it('sorts by revenue and pages 120 customers 50/50/20 without gaps or repeats, ties by id', async () => {
    const ws = await newWorkspace(app);
    const revenue = new Map<number, number>();
    for (let i = 0; i < 120; i++) {
      const id = await create(ws, { externalId: `c-${i}`, lastName: i % 10 === 0 ? null : `Клиент ${String(i).padStart(3, '0')}` });
      // Seven revenue levels, so most customers tie with others; a sixth have no orders at all.
      const amount = (i % 7) * 1000_00;
      if (amount > 0) await order(ws, id, `o-${i}`, amount, Date.UTC(2024, 0, 1 + (i % 5)));
      revenue.set(id, amount);
    }
    const expected = [...revenue].sort((a, b) => b[1] - a[1] || b[0] - a[0]).map(([id]) => id);

    const walk = async (query: string) => {
      const pages: Row[][] = [];
      let cursor: string | null = null;
      do {
        const page = await list(ws, `${query}&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
        pages.push(page.items);
        cursor = page.nextCursor;
      } while (cursor && pages.length < 10);
      return pages;
    };
    const pages = await walk('sort=-revenue');
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(pages.flat().map((r) => r.id)).toEqual(expected);
    expect(pages.flat().map((r) => r.revenue)).toEqual(expected.map((id) => revenue.get(id)));

    const ascending = (await walk('sort=revenue')).flat().map((r) => r.id);
    expect(ascending).toEqual([...revenue].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([id]) => id));

    // Customers without orders (or without a name) come after the others, across page boundaries too.
    const byLastOrder = (await walk('sort=-lastOrderAt')).flat();
    expect(new Set(byLastOrder.map((r) => r.id)).size).toBe(120);
    const withOrders = byLastOrder.filter((r) => r.lastOrderAt !== null);
    expect(byLastOrder.slice(0, withOrders.length)).toEqual(withOrders);
    expect(withOrders.map((r) => r.lastOrderAt)).toEqual([...withOrders.map((r) => r.lastOrderAt)].sort((a, b) => (b ?? 0) - (a ?? 0)));
    const byName = (await walk('sort=name')).flat();
    expect(byName.map((r) => r.lastName)).toEqual([
      ...byName.filter((r) => r.lastName !== null).map((r) => r.lastName).sort(),
      ...byName.filter((r) => r.lastName === null).map(() => null),
    ]);
    expect(new Set(byName.map((r) => r.id)).size).toBe(120);

    const newest = await list(ws, 'limit=3');
    expect(newest.items.map((r) => r.id)).toEqual([...revenue.keys()].sort((a, b) => b - a).slice(0, 3));
    const wrongSort = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers?sort=name&cursor=${newest.nextCursor}` });
    expect(wrongSort.statusCode).toBe(400);
    expect(wrongSort.json().error.details[0].field).toBe('cursor');
  });
});
