import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../../main.js';
import { fixedClock } from '../../../platform/clock.js';
import { loadConfig } from '../../../platform/config.js';
import { createLogger } from '../../../platform/logger.js';
import { asUser, newWorkspace, tempDir, testDatabases, withKey } from '../../../../test/harness.js';
import { importFile } from '../../../../test/import-file.js';
import { fiveCustomersOrdersCsv } from '../../../../test/fixtures/five-customers.js';

// Score computations are jobs: an API process (`--role api`) records a requested computation and a
// worker process (`--role worker`) on the same database carries it out; the schedule is a recurring
// job that several worker processes run once per slot, so a due workspace is computed once.

const MINUTE = 60_000;

describe.each(testDatabases())('score computations as jobs on $name', (database) => {
  const apps: App[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.close();
  });

  const startProcesses = async (roles: ('all' | 'api' | 'worker')[], clock: ReturnType<typeof fixedClock>, env: Record<string, string>) => {
    const config = loadConfig({
      DATABASE_URL: await database.url({ fresh: env.SCORES_EVERY_HOURS !== '0' }), LOG_LEVEL: 'silent', DEMO: 'false', DATA_DIR: tempDir(),
      JOBS_QUEUE: `scores-${process.pid}-${Date.now()}`, ...env,
    });
    for (const role of roles) apps.push(await createApp({ config, clock, logger: createLogger('silent'), role }));
    return apps.slice(-roles.length);
  };
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 400; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  it('records a requested computation in the API process and carries it out in a worker process', async () => {
    const clock = fixedClock(Date.parse('2026-07-06T09:00:00Z'));
    const [api] = await startProcesses(['api', 'worker'], clock, { SCORES_EVERY_HOURS: '0' });
    if (!api) throw new Error('no app');
    const shop = await newWorkspace(api);
    // The import, started over the API process's HTTP, is run by the worker process too.
    expect(await importFile(api, shop, 'orders', fiveCustomersOrdersCsv)).toMatchObject({ status: 'done', rowsFailed: 0 });
    const requested = await withKey(api, shop.secretKey, { method: 'POST', url: '/api/v1/analytics/scores/recompute' });
    expect(requested.statusCode, requested.body).toBe(202);
    expect(requested.json()).toMatchObject({ status: 'running', trigger: 'request' });
    await api.services.scores.settled(shop.id);
    const status = (await withKey(api, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/scores' })).json();
    expect(status).toMatchObject({ running: false, runs: [{ id: requested.json().id, status: 'done', customers: 5 }] });
    const jobs = (await asUser(api, shop.owner, shop.id, { method: 'GET', url: '/api/v1/jobs?kind=scores.recompute' })).json().items;
    expect(jobs).toEqual([expect.objectContaining({ status: 'done', attempts: 1, result: expect.objectContaining({ runId: requested.json().id, customers: 5 }) })]);
  });

  it('computes a due workspace once per schedule slot, however many workers run the schedule', { timeout: 30_000 }, async () => {
    const clock = fixedClock(Date.now());
    const [first, second] = await startProcesses(['all', 'all'], clock, { SCORES_EVERY_HOURS: '24' });
    if (!first || !second) throw new Error('no app');
    const shop = await newWorkspace(first);
    expect(await importFile(first, shop, 'orders', fiveCustomersOrdersCsv)).toMatchObject({ status: 'done' });
    const runs = async () => (await withKey(first, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/scores' })).json().runs as { status: string; trigger: string }[];
    const schedules = async () => (await first.services.jobs.list({ kind: 'scores.schedule' })).length;
    await until('the first slot', async () => (await schedules()) === 1);

    // The next check (ten minutes on) finds the workspace never computed.
    clock.advance(10 * MINUTE);
    await until('a scheduled computation', async () => (await runs()).some((r) => r.status === 'done'));
    await until('the second slot', async () => (await schedules()) === 2);
    await first.services.jobs.settled();
    expect(await runs()).toMatchObject([{ status: 'done', trigger: 'schedule' }]);

    // Ten minutes later it is not due; a day later it is, once.
    clock.advance(10 * MINUTE);
    await until('the third slot', async () => (await schedules()) === 3);
    await first.services.jobs.settled();
    expect(await runs()).toHaveLength(1);
    clock.advance(24 * 60 * MINUTE);
    await until('a second computation', async () => (await runs()).filter((r) => r.status === 'done').length === 2);
    await first.services.jobs.settled();
    // Give the other worker's loop a round to do nothing wrong.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await runs()).toMatchObject([{ status: 'done', trigger: 'schedule' }, { status: 'done', trigger: 'schedule' }]);
    expect(await schedules()).toBe(4);
  });
});
