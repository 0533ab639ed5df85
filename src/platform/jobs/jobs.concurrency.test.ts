import { afterAll, describe, expect, it } from 'vitest';
import { createEffectsTable, effectHandler, effects } from '../../../test/job-effects.js';
import { startApp, testDatabases } from '../../../test/harness.js';
import type { App } from '../../main.js';
import { systemClock } from '../clock.js';
import { type Db, openDatabase } from '../db/database.js';
import { createLogger } from '../logger.js';
import { JobQueue } from './jobs.service.js';
import { JobWorker } from './jobs.worker.js';

// Several workers on one PostgreSQL database, each with connections of its own as separate processes
// would have, share the jobs: each job is run by exactly one of them (its effect is written without
// ON CONFLICT, so a job run twice would fail on the duplicate key), and all of them take part.

const postgres = testDatabases().filter((d) => d.name === 'postgres');

describe.each(postgres)('job queue workers sharing a database on $name', (database) => {
  const opened: Db[] = [];
  let app: App | undefined;
  afterAll(async () => {
    for (const db of opened) await db.close();
    await app?.close();
  });

  it('never run one job twice: 300 jobs, three workers of two at a time', { timeout: 30_000 }, async () => {
    app = await startApp(database, { fresh: true });
    await createEffectsTable(app.db);
    const name = `shared-${process.pid}-${Date.now()}`;
    const producer = new JobQueue(app.db, systemClock, name);
    const ids = new Set<number>();
    for (let i = 0; i < 300; i++) ids.add((await producer.enqueue('test.effect', { i }, { maxAttempts: 1 })).id);

    const mostAtOnce: number[] = [];
    const workers = Array.from({ length: 3 }, (_, w) => {
      const db = openDatabase(app?.config.DATABASE_URL ?? '', { poolSize: 4 });
      opened.push(db);
      const worker = new JobWorker(new JobQueue(db, systemClock, name), systemClock, createLogger('silent'), { concurrency: 2, idleMs: 10, holder: `w${w}` });
      const write = effectHandler(db, { sleepMs: 15, onConflict: 'fail' });
      let running = 0;
      worker.register('test.effect', async (job, ctx) => {
        running += 1;
        mostAtOnce[w] = Math.max(mostAtOnce[w] ?? 0, running);
        try {
          return await write(job, ctx);
        } finally {
          running -= 1;
        }
      });
      return worker;
    });
    for (const worker of workers) worker.start();
    try {
      await producer.settled({ kinds: ['test.effect'], timeoutMs: 25_000 });
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const jobs = await producer.list({ kind: 'test.effect', limit: 500 });
    expect(jobs.filter((j) => j.status !== 'done')).toEqual([]);
    expect(jobs.every((j) => j.attempts === 1)).toBe(true);
    const written = await effects(app.db);
    expect(written.map((e) => e.job_id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    // No worker claimed more than it runs at once (a claim takes at most as many jobs as it asks for).
    expect(mostAtOnce).toEqual([2, 2, 2]);
    // Every worker took a share (a job takes 15 ms, so one worker of two at a time cannot take them all).
    const holders = new Set(written.map((e) => e.holder));
    expect(holders).toEqual(new Set(['w0', 'w1', 'w2']));
  });
});
