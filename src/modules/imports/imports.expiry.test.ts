import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addUser, asUser, newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import { multipart } from '../../../test/multipart.js';
import type { App } from '../../main.js';
import { fixedClock } from '../../platform/clock.js';

// Uploads nobody starts do not stay on disk for good: after 24 hours by the app's clock the worker
// deletes the file and marks the job expired, also after a restart; a pending upload can be cancelled.

const HOUR = 3_600_000;
const csv = 'Телефон;Имя\n+79120000001;Анна\n';

describe.each(testDatabases())('pending uploads on $name', (database) => {
  const apps: App[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  // A database of its own: a worker whose clock runs a day ahead would expire other tests' uploads.
  const start = async (clock: ReturnType<typeof fixedClock>, env?: Record<string, string>) => {
    const app = await startApp(database, { clock, env, fresh: true });
    apps.push(app);
    return app;
  };
  const upload = async (app: App, ws: TestWorkspace) => {
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/imports', ...multipart([{ name: 'kind', value: 'customers' }, { name: 'file', value: csv, filename: 'c.csv' }]) });
    expect(res.statusCode, res.body).toBe(201);
    return { id: res.json().id as string, path: join(app.config.DATA_DIR, 'imports', `${res.json().id}.csv`) };
  };
  const job = async (app: App, ws: TestWorkspace, id: string) => (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/imports/${id}` })).json();
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('timed out');
  };

  it('deletes an upload not started within 24 hours and marks its job expired', async () => {
    const clock = fixedClock(Date.now());
    const app = await start(clock);
    const ws = await newWorkspace(app);
    const waiting = await upload(app, ws);
    const started = await upload(app, ws);
    expect((await withKey(app, ws.secretKey, { method: 'POST', url: `/api/v1/imports/${started.id}/start` })).statusCode).toBe(200);
    await until(async () => (await job(app, ws, started.id)).status === 'done');

    clock.advance(23 * HOUR);
    const fresh = await upload(app, ws);
    // The worker looks every 10 minutes of the clock; give it a round to do nothing wrong.
    clock.advance(11 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect((await job(app, ws, waiting.id)).status).toBe('pending');
    expect(existsSync(waiting.path)).toBe(true);

    clock.advance(HOUR);
    await until(async () => (await job(app, ws, waiting.id)).status === 'expired');
    expect(await job(app, ws, waiting.id)).toMatchObject({ status: 'expired', error: expect.stringMatching(/24 hours/), finishedAt: clock.now() });
    // The job is marked first (so nobody starts it), then its file is deleted.
    await until(async () => !existsSync(waiting.path));
    expect((await job(app, ws, fresh.id)).status).toBe('pending');
    expect(existsSync(fresh.path)).toBe(true);
    expect((await job(app, ws, started.id)).status).toBe('done');
    const late = await withKey(app, ws.secretKey, { method: 'POST', url: `/api/v1/imports/${waiting.id}/start` });
    expect(late.statusCode).toBe(409);
  });

  it('cleans up after a restart: expired uploads and files a crash left without a job', async () => {
    const clock = fixedClock(Date.now());
    const first = await start(clock);
    const ws = await newWorkspace(first);
    const waiting = await upload(first, ws);
    const env = { DATABASE_URL: first.config.DATABASE_URL, DATA_DIR: first.config.DATA_DIR };
    // A file written by an upload whose job was never created (the process died in between).
    const orphan = join(first.config.DATA_DIR, 'imports', 'imp_orphan.csv');
    writeFileSync(orphan, csv);
    const report = join(first.config.DATA_DIR, 'imports', 'imp_cli.errors.csv');
    writeFileSync(report, 'row,column,reason,raw\r\n');
    const own = join(first.config.DATA_DIR, 'imports', 'клиенты.csv');
    writeFileSync(own, csv);
    const longAgo = (Date.now() - 25 * HOUR) / 1000;
    for (const path of [orphan, report, own]) utimesSync(path, longAgo, longAgo);
    await first.close();
    apps.splice(0);

    clock.advance(25 * HOUR);
    const second = await start(clock, env);
    await until(async () => (await job(second, ws, waiting.id)).status === 'expired');
    // The job is marked first (so nobody starts it), then its file is deleted.
    await until(async () => !existsSync(waiting.path));
    await until(async () => !existsSync(orphan));
    // The CLI's error reports are the user's, named in its output, and other files are not ours: they stay.
    expect(existsSync(report)).toBe(true);
    expect(existsSync(own)).toBe(true);
  });

  it('cancels a pending upload, and only a pending one', async () => {
    const app = await start(fixedClock(Date.now()));
    const ws = await newWorkspace(app);
    const pending = await upload(app, ws);
    const analyst = await addUser(app, ws.id, 'analyst');
    expect((await asUser(app, analyst, ws.id, { method: 'DELETE', url: `/api/v1/imports/${pending.id}` })).statusCode).toBe(403);
    const other = await newWorkspace(app);
    expect((await withKey(app, other.secretKey, { method: 'DELETE', url: `/api/v1/imports/${pending.id}` })).statusCode).toBe(404);

    const cancelled = await asUser(app, ws.owner, ws.id, { method: 'DELETE', url: `/api/v1/imports/${pending.id}` });
    expect(cancelled.statusCode, cancelled.body).toBe(204);
    expect(existsSync(pending.path)).toBe(false);
    expect((await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/imports/${pending.id}` })).statusCode).toBe(404);
    expect((await withKey(app, ws.secretKey, { method: 'DELETE', url: `/api/v1/imports/${pending.id}` })).statusCode).toBe(404);

    const running = await upload(app, ws);
    expect((await withKey(app, ws.secretKey, { method: 'POST', url: `/api/v1/imports/${running.id}/start` })).statusCode).toBe(200);
    const refused = await withKey(app, ws.secretKey, { method: 'DELETE', url: `/api/v1/imports/${running.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('conflict');
  });
});
