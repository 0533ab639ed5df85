import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEffectsTable, effectHandler, effects } from '../../../test/job-effects.js';
import { startApp, testDatabases } from '../../../test/harness.js';
import type { App } from '../../main.js';
import { systemClock } from '../clock.js';
import { createLogger } from '../logger.js';
import { JobQueue } from './jobs.service.js';
import { JobWorker } from './jobs.worker.js';

// A worker killed with SIGKILL in the middle of a job (after writing its effect, before completing):
// once its lease of a second has run out, another worker claims the job, writes the effect again
// under the same key (so there is still one) and completes it. The job is run twice and completed once.

const child = fileURLToPath(new URL('../../../test/job-worker-child.ts', import.meta.url));
const LEASE_MS = 1_000;

describe.each(testDatabases())('a job queue worker killed mid-job on $name', (database) => {
  const apps: App[] = [];
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    for (const app of apps) await app.close();
  });

  it('is retried by another worker once its lease runs out, and completed once', { timeout: 30_000 }, async () => {
    // A database of its own (migrated by the app), so the effects table is this test's alone.
    const app = await startApp(database, { fresh: true });
    apps.push(app);
    await createEffectsTable(app.db);
    const queueName = `kill-${process.pid}-${Date.now()}`;
    const queue = new JobQueue(app.db, systemClock, queueName);
    const job = await queue.enqueue('test.effect', { n: 1 }, { maxAttempts: 3 });

    const first = spawn(process.execPath, ['--import', 'tsx', child, app.config.DATABASE_URL, queueName, String(LEASE_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(first);
    const lines = createInterface({ input: first.stdout! });
    const written = await new Promise<string>((resolve, reject) => {
      lines.on('line', (line) => line.startsWith('effect ') && resolve(line));
      first.once('exit', (code) => reject(new Error(`the worker exited (${code}) before writing its effect`)));
    });
    expect(written).toBe(`effect ${job.id}`);
    const held = await queue.find(job.id);
    expect(held).toMatchObject({ status: 'running', attempts: 1, lockedBy: `child:${first.pid}` });
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    const second = new JobWorker(queue, systemClock, createLogger('silent'), { idleMs: 20, leaseMs: LEASE_MS, holder: 'second' });
    let takenAt = 0;
    const write = effectHandler(app.db, { sleepMs: 10, onConflict: 'ignore' });
    second.register('test.effect', (j, ctx) => {
      takenAt = Date.now();
      return write(j, ctx);
    });
    second.start();
    try {
      for (let i = 0; i < 400 && (await queue.find(job.id))?.status !== 'done'; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    } finally {
      await second.stop();
    }
    const done = await queue.find(job.id);
    expect(done).toMatchObject({ status: 'done', attempts: 2, result: { holder: 'second' } });
    // Not before the killed worker's lease (as last seen) ran out.
    expect(takenAt).toBeGreaterThanOrEqual(held?.leaseUntil ?? Number.POSITIVE_INFINITY);
    expect(await effects(app.db)).toEqual([{ job_id: job.id, holder: `child:${first.pid}` }]);
  });
});
