import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { newWorkspace, startApp, tempDir, testDatabases, withKey } from '../../../test/harness.js';
import type { App } from '../../main.js';
import { type Config, loadConfig } from '../../platform/config.js';
import { importCommand } from './imports.cli.js';

// `klientura import` opens its own app on the same database as a running server would.

describe.each(testDatabases())('klientura import on $name', (database) => {
  let app: App;
  let config: Config;
  let out: MockInstance<typeof console.log>;
  let err: MockInstance<typeof console.error>;
  beforeAll(async () => {
    app = await startApp(database);
    config = loadConfig({ DATABASE_URL: app.config.DATABASE_URL, DATA_DIR: tempDir(), LOG_LEVEL: 'silent', DEMO: 'false' });
  });
  afterAll(() => app.close());
  afterEach(() => vi.restoreAllMocks());

  const capture = () => {
    out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  };
  const printed = (spy: MockInstance<typeof console.log>) => spy.mock.calls.map((c) => c.join(' ')).join('\n');

  const file = (text: string) => {
    const path = join(tempDir(), 'клиенты.csv');
    writeFileSync(path, text);
    return path;
  };
  const csv = 'Телефон;Email;ФИО\n8 912 000-00-01;a@example.com;Ёлкина Анна\n89120000002;b@example.com;Петров Борис\n+79120000003;;Сидоров Иван\n42;d@example.com;Плохой Номер\n';

  it('imports a file, prints a summary and writes the error report', async () => {
    const ws = await newWorkspace(app);
    capture();
    const code = await importCommand(config, ['customers', file(csv), '--workspace', ws.id, '--json']);
    expect(code, printed(err)).toBe(0);
    const summary = JSON.parse(printed(out));
    expect(summary).toMatchObject({ status: 'done', rowsTotal: 4, rowsOk: 3, rowsFailed: 1, error: null });
    const report = readFileSync(summary.errorReport, 'utf8');
    expect(report.startsWith('\uFEFFrow;column;reason;raw\r\n5;Телефон;')).toBe(true);

    const found = await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/customers/lookup?kind=phone&value=89120000001' });
    expect(found.json()).toMatchObject({ lastName: 'Ёлкина', firstName: 'Анна', email: 'a@example.com' });
    const jobs = (await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/imports' })).json().items;
    expect(jobs).toEqual([expect.objectContaining({ id: summary.id, fileName: 'клиенты.csv', rowsOk: 3 })]);

    capture();
    expect(await importCommand(config, ['customers', file(csv), '--workspace', ws.id])).toBe(0);
    expect(printed(out)).toMatch(/3 rows imported, 1 rejected/);
    const total = (await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/customers?includeTotal=true' })).json().total;
    expect(total).toBe(3);
  });

  it('uses the mapping given, and fails without importing when it cannot run or the file is missing', async () => {
    const ws = await newWorkspace(app);
    capture();
    expect(await importCommand(config, ['customers', file(csv), '--workspace', ws.id, '--mapping', '{"fullName":2}'])).toBe(1);
    expect(printed(err)).toMatch(/identifier/);
    expect(await importCommand(config, ['customers', join(tempDir(), 'missing.csv'), '--workspace', ws.id])).toBe(1);
    expect(await importCommand(config, ['customers', file(csv), '--workspace', 'ws_nope'])).toBe(1);
    expect(await importCommand(config, ['products', file(csv), '--workspace', ws.id])).toBe(2);
    expect((await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/imports' })).json().items).toEqual([]);

    capture();
    const code = await importCommand(config, ['customers', file(csv), '--workspace', ws.id, '--mapping', '{"email":1}', '--delimiter', ';', '--json']);
    expect(code).toBe(0);
    // Only e-mails are read: the third row has none, and the bad phone is not looked at.
    expect(JSON.parse(printed(out))).toMatchObject({ rowsOk: 3, rowsFailed: 1 });
    const anna = await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/customers/lookup?kind=email&value=a@example.com' });
    expect(anna.json()).toMatchObject({ phone: null, lastName: null });
  });

  it('prints one clear line and exits 1 for a directory, a missing file or an unreadable one', async () => {
    const ws = await newWorkspace(app);
    const dir = join(tempDir(), 'выгрузка');
    mkdirSync(dir);
    capture();
    expect(await importCommand(config, ['customers', dir, '--workspace', ws.id])).toBe(1);
    expect(err.mock.calls).toEqual([[`${dir} is a directory, not a CSV file.`]]);
    vi.restoreAllMocks();

    capture();
    const missing = join(tempDir(), 'нет такого.csv');
    expect(await importCommand(config, ['customers', missing, '--workspace', ws.id])).toBe(1);
    expect(err.mock.calls).toEqual([[`${missing} does not exist.`]]);
    vi.restoreAllMocks();

    // Root reads any file whatever its mode, so the unreadable case runs for other users only.
    if (process.getuid?.() !== 0) {
      capture();
      const locked = file(csv);
      chmodSync(locked, 0o000);
      expect(await importCommand(config, ['customers', locked, '--workspace', ws.id])).toBe(1);
      expect(err.mock.calls).toEqual([[`${locked} cannot be read: permission denied.`]]);
    }
    expect((await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/imports' })).json().items).toEqual([]);
  });

  it('writes the error report escaped against formulas, in English unless --lang says otherwise', async () => {
    const ws = await newWorkspace(app);
    const hostile = "Телефон;Email;ФИО\n=cmd|' /C calc'!A0;a@example.com;Анна\n+7 912 000-00-01;b@example.com;Борис\n";
    capture();
    expect(await importCommand(config, ['customers', file(hostile), '--workspace', ws.id, '--json'])).toBe(0);
    const english = readFileSync(JSON.parse(printed(out)).errorReport, 'utf8');
    expect(english).toBe(`\uFEFFrow;column;reason;raw\r\n2;Телефон;"""=cmd|' /C calc'!A0"" is not a phone number";"'=cmd|' /C calc'!A0;a@example.com;Анна"\r\n`);

    capture();
    expect(await importCommand(config, ['customers', file(hostile), '--workspace', ws.id, '--json', '--lang', 'ru'])).toBe(0);
    const russian = readFileSync(JSON.parse(printed(out)).errorReport, 'utf8');
    expect(russian).toBe(`\uFEFFСтрока;Столбец;Причина;Строка в файле\r\n2;Телефон;«=cmd|' /C calc'!A0» — не номер телефона;"'=cmd|' /C calc'!A0;a@example.com;Анна"\r\n`);

    capture();
    expect(await importCommand(config, ['customers', file(hostile), '--workspace', ws.id, '--lang', 'de'])).toBe(2);
  });
});
