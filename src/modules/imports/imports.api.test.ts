import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, asUser, newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import type { App } from '../../main.js';
import { multipart } from '../../../test/multipart.js';

// Upload -> preview -> start -> progress -> error report, through HTTP, as the web app does it.

const customersCsv = [
  'Телефон;E-mail;Фамилия;Имя;Дата рождения;Город;Номер карты',
  '8 (912) 345-67-01;anna@example.com;Ёлкина;Анна;12.03.1990;Москва;1000 0001',
  '+7 912 345-67-02;boris@example.com;Петров;Борис;01.01.1985;Казань;10000002',
  '12345;bad@example.com;Плохой;Телефон;01.01.1980;Омск;10000003',
  '+79123456704;vera@example.com;Иванова;Вера;31.02.1990;Самара;10000004',
  '+79123456705;ivan@example.com;"Сидоров"Иван;Иван;01.01.1970;Тула;10000005',
  '+79123456706;;Смирнов;Олег;;Пермь;',
].join('\r\n');

const ordersCsv = `\uFEFF${[
  'Order ID,Date,Phone,Email,Name,Total,Status',
  'A-1,01.02.2024,+79161234501,,Ivan Petrov,"1 234,50",completed',
  'A-2,15.02.2024,+79161234501,,Ivan Petrov,"766,50",',
  'A-3,20.02.2024,+79161234501,,Ivan Petrov,"500,00",отменен',
  'B-1,03.03.2024,,olga@example.com,Смирнова Ольга,"2 000,00",',
  'B-2,05.03.2024,,olga@example.com,Смирнова Ольга,abc,',
].join('\n')}\n`;

const linesCsv = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26,2.55,17850,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26,3.39,17850,United Kingdom',
  '536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28,1.85,17850,United Kingdom',
].join('\n');

describe.each(testDatabases())('imports API on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  const get = (ws: TestWorkspace, url: string) => withKey(app, ws.secretKey, { method: 'GET', url });
  const upload = (ws: TestWorkspace, kind: string, file: string | Buffer, filename = 'clients.csv') =>
    withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/imports', ...multipart([{ name: 'kind', value: kind }, { name: 'file', value: file, filename }]) });
  // Without corrections the web app may post no body at all.
  const start = (ws: TestWorkspace, id: string, payload?: object) =>
    withKey(app, ws.secretKey, { method: 'POST', url: `/api/v1/imports/${id}/start`, ...(payload ? { payload } : {}) });

  async function finished(ws: TestWorkspace, id: string) {
    for (let i = 0; i < 400; i++) {
      const res = await get(ws, `/api/v1/imports/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      if (['done', 'failed'].includes(res.json().status)) return res.json();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`import ${id} did not finish`);
  }

  async function importFile(ws: TestWorkspace, kind: string, file: string | Buffer, mapping?: object) {
    const res = await upload(ws, kind, file);
    expect(res.statusCode, res.body).toBe(201);
    const started = await start(ws, res.json().id, mapping ? { mapping } : undefined);
    expect(started.statusCode, started.body).toBe(200);
    return finished(ws, res.json().id);
  }

  const totals = async (ws: TestWorkspace) => {
    const customers = await get(ws, '/api/v1/customers?includeTotal=true&limit=200');
    const orders = await get(ws, '/api/v1/orders?limit=200');
    const list: { revenue: number; ordersCount: number }[] = customers.json().items;
    return {
      customers: customers.json().total,
      orders: orders.json().items.length,
      revenue: list.reduce((sum, c) => sum + c.revenue, 0),
    };
  };

  it('imports a Windows-1251 customer file with ";" and Russian headers, reporting bad rows by line and column', async () => {
    const ws = await newWorkspace(app);
    // Boris is already known: his name stays, his empty city is filled.
    const known = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/customers', payload: { phone: '+79123456702', firstName: 'Борис Николаевич' } });
    expect(known.statusCode, known.body).toBe(201);

    const res = await upload(ws, 'customers', iconv.encode(customersCsv, 'windows-1251'), 'Клиенты 2024.csv');
    expect(res.statusCode, res.body).toBe(201);
    const preview = res.json();
    expect(preview).toMatchObject({ status: 'pending', kind: 'customers', encoding: 'windows-1251', delimiter: ';', fileName: 'Клиенты 2024.csv', problems: [] });
    expect(preview.headers[4]).toBe('Дата рождения');
    expect(preview.rows[0][3]).toBe('Анна');
    expect(preview.mapping).toEqual({ phone: 0, email: 1, lastName: 2, firstName: 3, birthDate: 4, city: 5, cardNumber: 6 });
    expect(preview.fields.map((f: { field: string }) => f.field)).toContain('consentSms');

    expect((await start(ws, preview.id)).statusCode).toBe(200);
    const job = await finished(ws, preview.id);
    expect(job).toMatchObject({ status: 'done', rowsTotal: 6, rowsDone: 6, rowsOk: 3, rowsFailed: 3, percent: 100, error: null });
    expect((await start(ws, preview.id)).statusCode).toBe(409);

    const errors = await get(ws, `/api/v1/imports/${preview.id}/errors`);
    expect(errors.statusCode).toBe(200);
    const items: { rowNumber: number; column: string | null; reason: string; raw: string | null }[] = errors.json().items;
    expect(items.map((e) => [e.rowNumber, e.column])).toEqual([[4, 'Телефон'], [5, 'Дата рождения'], [6, null]]);
    expect(items[0]?.raw).toContain('12345;bad@example.com');
    const page = await get(ws, `/api/v1/imports/${preview.id}/errors?limit=2`);
    const rest = await get(ws, `/api/v1/imports/${preview.id}/errors?limit=2&cursor=${page.json().nextCursor}`);
    expect(rest.json()).toMatchObject({ items: [{ rowNumber: 6 }], nextCursor: null });

    const report = await get(ws, `/api/v1/imports/${preview.id}/errors.csv`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Клиенты 2024-errors.csv')}`);
    expect(report.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = report.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('row;column;reason;raw');
    expect(lines.slice(1).map((l) => l.split(';').slice(0, 2).join(';'))).toEqual(['4;Телефон', '5;Дата рождения', '6;']);

    const anna = await get(ws, '/api/v1/customers/lookup?kind=phone&value=89123456701');
    expect(anna.statusCode, anna.body).toBe(200);
    expect(anna.json()).toMatchObject({ lastName: 'Ёлкина', firstName: 'Анна', birthDate: '1990-03-12', city: 'Москва', email: 'anna@example.com' });
    expect(anna.json().identifiers).toContainEqual(expect.objectContaining({ kind: 'card', value: '10000001' }));
    const boris = await get(ws, '/api/v1/customers/lookup?kind=phone&value=%2B79123456702');
    expect(boris.json()).toMatchObject({ firstName: 'Борис Николаевич', lastName: 'Петров', city: 'Казань' });
    expect((await get(ws, '/api/v1/customers/lookup?kind=email&value=bad@example.com')).statusCode).toBe(404);
    expect((await get(ws, '/api/v1/customers/lookup?kind=phone&value=%2B79123456706')).statusCode).toBe(200);

    const before = await totals(ws);
    expect(before.customers).toBe(3);
    const again = await importFile(ws, 'customers', iconv.encode(customersCsv, 'windows-1251'));
    expect(again).toMatchObject({ status: 'done', rowsOk: 3, rowsFailed: 3 });
    expect(await totals(ws)).toEqual(before);
    expect((await get(ws, '/api/v1/customers/lookup?kind=phone&value=89123456701')).json()).toEqual(anna.json());
    const list = await get(ws, '/api/v1/imports');
    expect(list.json().items.map((j: { id: string }) => j.id)).toEqual([again.id, preview.id]);
  });

  it('imports orders from UTF-8 with a BOM, "1 234,50" amounts and DD.MM.YYYY dates into orders and customer stats', async () => {
    const ws = await newWorkspace(app);
    const first = await importFile(ws, 'orders', ordersCsv);
    expect(first).toMatchObject({ status: 'done', rowsOk: 4, rowsFailed: 1, encoding: 'utf-8', delimiter: ',' });
    const errors = (await get(ws, `/api/v1/imports/${first.id}/errors`)).json().items;
    expect(errors).toEqual([expect.objectContaining({ rowNumber: 6, column: 'Total' })]);

    const ivan = (await get(ws, '/api/v1/customers/lookup?kind=phone&value=%2B79161234501')).json();
    expect(ivan).toMatchObject({ firstName: 'Ivan', lastName: 'Petrov' });
    // A-3 is cancelled: kept as an order, not counted as a purchase.
    expect(ivan.stats).toMatchObject({ ordersCount: 2, revenue: 2001_00, firstOrderAt: Date.parse('2024-01-31T21:00:00Z') });
    const olga = (await get(ws, '/api/v1/customers/lookup?kind=email&value=olga@example.com')).json();
    expect(olga).toMatchObject({ firstName: 'Ольга', lastName: 'Смирнова' });
    expect(olga.stats).toMatchObject({ ordersCount: 1, revenue: 2000_00 });
    const cancelled = (await get(ws, '/api/v1/orders?status=cancelled')).json().items;
    expect(cancelled).toEqual([expect.objectContaining({ externalId: 'A-3', total: 500_00, source: 'import' })]);

    const before = await totals(ws);
    expect(before).toEqual({ customers: 2, orders: 4, revenue: 4001_00 });
    const again = await importFile(ws, 'orders', ordersCsv);
    expect(again).toMatchObject({ status: 'done', rowsOk: 4, rowsFailed: 1 });
    expect(await totals(ws)).toEqual(before);
  });

  it('makes one order with items of consecutive rows sharing an order number', async () => {
    const ws = await newWorkspace(app);
    const job = await importFile(ws, 'orders', linesCsv);
    expect(job).toMatchObject({ status: 'done', rowsOk: 3, rowsFailed: 0 });
    const orders = (await get(ws, '/api/v1/orders')).json().items;
    expect(orders.map((o: { externalId: string; total: number }) => [o.externalId, o.total])).toEqual([['536366', 1110], ['536365', 6 * 255 + 6 * 339]]);
    const order = (await get(ws, `/api/v1/orders/${orders[1].id}`)).json();
    expect(order.items).toEqual([
      expect.objectContaining({ sku: '85123A', name: 'WHITE HANGING HEART T-LIGHT HOLDER', price: 255, quantity: 6 }),
      expect.objectContaining({ sku: '71053', name: 'WHITE METAL LANTERN', price: 339, quantity: 6 }),
    ]);
    const customer = (await get(ws, '/api/v1/customers/lookup?kind=external_id&value=17850')).json();
    expect(customer).toMatchObject({ country: 'United Kingdom', stats: { ordersCount: 2, revenue: 3564 + 1110 } });
  });

  it('refuses to start a mapping without required fields, naming them', async () => {
    const ws = await newWorkspace(app);
    const res = await upload(ws, 'orders', 'Телефон;Сумма\n+79161234501;100\n');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().problems).toEqual([expect.objectContaining({ code: 'missing_field', field: 'orderedAt' })]);
    const refused = await start(ws, res.json().id);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('validation_failed');
    expect(refused.json().error.details).toEqual([expect.objectContaining({ field: 'mapping.orderedAt' })]);
    const noIdentifier = await start(ws, res.json().id, { mapping: { total: 1 } });
    expect(noIdentifier.statusCode).toBe(400);
    expect(noIdentifier.json().error.message).toMatch(/identifier/);
    expect((await get(ws, `/api/v1/imports/${res.json().id}`)).json().status).toBe('pending');
  });

  it('refuses an unknown kind, a request without a file, an empty file, and analysts', async () => {
    const ws = await newWorkspace(app);
    const wrongKind = await upload(ws, 'products', customersCsv);
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.details).toEqual([expect.objectContaining({ field: 'kind' })]);
    const noFile = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/imports', ...multipart([{ name: 'kind', value: 'customers' }]) });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.details).toEqual([expect.objectContaining({ field: 'file' })]);
    const json = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/imports', payload: { kind: 'customers' } });
    expect(json.statusCode).toBe(400);
    expect((await upload(ws, 'customers', '')).statusCode).toBe(400);

    const analyst = await addUser(app, ws.id, 'analyst');
    const body = multipart([{ name: 'kind', value: 'customers' }, { name: 'file', value: customersCsv, filename: 'c.csv' }]);
    const denied = await asUser(app, analyst, ws.id, { method: 'POST', url: '/api/v1/imports', ...body, headers: { ...body.headers } });
    expect(denied.statusCode).toBe(403);
    expect((await asUser(app, analyst, ws.id, { method: 'GET', url: '/api/v1/imports' })).statusCode).toBe(200);
    const other = await newWorkspace(app);
    const mine = await upload(ws, 'customers', customersCsv);
    expect((await get(other, `/api/v1/imports/${mine.json().id}`)).statusCode).toBe(404);
  });
});
