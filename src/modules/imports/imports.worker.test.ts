import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, startApp, tempDir, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import type { App } from '../../main.js';
import { fixedClock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { ImportJob } from './imports.service.js';
import { ImportRunner } from './imports.worker.js';

// Jobs that stop half-way: a stopped worker hands its job back, a vanished one loses it when its
// claim lapses, and either way the job resumes after the last committed chunk without counting or
// writing anything twice. Orders spanning a chunk boundary stay whole.

function writeCsv(lines: string[]): string {
  const path = join(tempDir(), 'data.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

// 2,500 customers; every 100th has an unreadable e-mail.
function customerLines(): string[] {
  const lines = ['Phone,Email,First name'];
  for (let i = 0; i < 2500; i++) {
    const phone = `+7912${String(1_000_000 + i).padStart(7, '0')}`;
    lines.push(`${phone},${i % 100 === 99 ? 'not-an-email' : `c${i}@example.com`},Name${i}`);
  }
  return lines;
}

describe.each(testDatabases())('import jobs that stop and resume on $name', (database) => {
  const clock = fixedClock(Date.now());
  let app: App;
  beforeAll(async () => {
    app = await startApp(database, { clock });
  });
  afterAll(() => app.close());

  const runner = () => new ImportRunner({ db: app.db, logger: app.logger, ...app.services });
  const customersCount = async (ws: TestWorkspace) =>
    (await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/customers?includeTotal=true&limit=1' })).json().total;
  const create = async (ws: TestWorkspace, kind: 'customers' | 'orders', path: string) =>
    app.services.imports.create(ws.id, { id: newId('imp'), path, fileName: 'data.csv', kind, createdBy: null });

  async function finished(ws: TestWorkspace, id: string): Promise<ImportJob> {
    for (let i = 0; i < 600; i++) {
      const job = await app.services.imports.get(ws.id, id);
      if (job.status === 'done' || job.status === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`import ${id} did not finish`);
  }

  it('hands a stopped job back and resumes it after the last committed chunk', async () => {
    const ws = await newWorkspace(app);
    const job = await create(ws, 'customers', writeCsv(customerLines()));
    const claimed = await app.services.imports.claimToRun(ws.id, job.id, {}, 'stopping-worker');
    const stop = new AbortController();
    const outcome = await runner().run(claimed, 'stopping-worker', { signal: stop.signal, onProgress: () => stop.abort() });
    expect(outcome).toBe('released');
    const halfway = await app.services.imports.get(ws.id, job.id);
    expect(halfway.rowsDone).toBe(1000);
    expect(await customersCount(ws)).toBe(990);

    // The app's own worker takes the queued job and finishes it.
    const done = await finished(ws, job.id);
    expect(done).toMatchObject({ status: 'done', rowsTotal: 2500, rowsDone: 2500, rowsOk: 2475, rowsFailed: 25 });
    expect(await customersCount(ws)).toBe(2475);
    const errors = await app.services.imports.errors(ws.id, job.id, 100, null);
    expect(errors.items.map((e) => e.rowNumber)).toEqual(Array.from({ length: 25 }, (_, k) => 101 + 100 * k));
  });

  it('takes over a job whose holder stopped extending its claim', async () => {
    const ws = await newWorkspace(app);
    const job = await create(ws, 'customers', writeCsv(customerLines().slice(0, 11)));
    await app.services.imports.claimToRun(ws.id, job.id, {}, 'vanished-worker');
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await app.services.imports.get(ws.id, job.id)).status).toBe('running');
    clock.advance(61_000);
    expect(await finished(ws, job.id)).toMatchObject({ status: 'done', rowsOk: 10, rowsFailed: 0 });
  });

  it('keeps an order whole when its rows straddle a chunk boundary', async () => {
    const ws = await newWorkspace(app);
    // 500 orders of 3 lines each: rows 2–1501, so the first chunk ends inside an order.
    const lines = ['Order ID,Date,Customer ID,SKU,Quantity,Price'];
    let expected = 0;
    for (let o = 0; o < 500; o++) {
      for (let l = 1; l <= 3; l++) {
        lines.push(`O-${o},2024-05-0${1 + (o % 9)},cust-${o % 50},S${l},${l},${o + l}.00`);
        expected += l * (o + l) * 100;
      }
    }
    const job = await create(ws, 'orders', writeCsv(lines));
    const claimed = await app.services.imports.claimToRun(ws.id, job.id, {}, 'test-runner');
    expect(await runner().run(claimed, 'test-runner')).toBe('done');
    expect(await app.services.imports.get(ws.id, job.id)).toMatchObject({ rowsOk: 1500, rowsFailed: 0 });
    const customers = (await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/customers?limit=200' })).json().items;
    const revenue = customers.reduce((sum: number, c: { revenue: number; ordersCount: number }) => sum + c.revenue, 0);
    const orders = customers.reduce((sum: number, c: { ordersCount: number }) => sum + c.ordersCount, 0);
    expect([orders, revenue]).toEqual([500, expected]);
  });
});
