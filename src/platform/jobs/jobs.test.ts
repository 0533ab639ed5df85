import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, asUser, newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import type { App } from '../../main.js';
import { fixedClock } from '../clock.js';
import { createLogger } from '../logger.js';
import { backoffMs } from './jobs.backoff.js';
import { JobError } from './jobs.errors.js';
import { RecurringJobs } from './jobs.schedule.js';
import { JobQueue } from './jobs.service.js';
import { JobWorker } from './jobs.worker.js';

// The job queue on each engine: jobs are claimed once, retried with backoff and then failed with
// their error for an admin to see and retry; a lease that runs out hands the job to another holder
// and the old holder can no longer complete it; recurring slots are enqueued once however many
// processes schedule them; a stopping worker hands its job back.

describe('backoff', () => {
  it('waits 5 s after the first failure, four times longer each time after, at most an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(backoffMs)).toEqual([5_000, 20_000, 80_000, 320_000, 1_280_000, 3_600_000, 3_600_000]);
    expect(backoffMs(1_000)).toBe(3_600_000);
  });
});

describe.each(testDatabases())('job queue on $name', (database) => {
  let app: App;
  let shop: TestWorkspace;
  const start = Date.parse('2026-12-07T10:00:00Z');
  beforeAll(async () => {
    app = await startApp(database);
    shop = await newWorkspace(app);
  });
  afterAll(() => app?.close());

  // A queue of its own on the app's database, with a clock the test moves (the app's worker does not
  // handle the kinds used here, so it never takes these jobs).
  let n = 0;
  const queueOf = (name = `own-${Date.now()}-${n++}`) => {
    const clock = fixedClock(start);
    return { clock, queue: new JobQueue(app.db, clock, name) };
  };

  it('claims due jobs oldest first, once, and completes them with their result', async () => {
    const { clock, queue } = queueOf();
    const a = await queue.enqueue('test.a', { n: 1 }, { workspaceId: shop.id });
    const b = await queue.enqueue('test.a', { n: 2 }, { workspaceId: shop.id, runAt: start + 1 });
    const later = await queue.enqueue('test.a', { n: 3 }, { runAt: start + 60_000 });
    await queue.enqueue('test.other', {});
    expect(a).toMatchObject({ status: 'queued', attempts: 0, payload: { n: 1 }, workspaceId: shop.id });

    expect(await queue.claim(['test.a'], 'h1', 30_000, 10)).toMatchObject([{ id: a.id }]);
    clock.advance(1);
    const [claimedB, ...none] = await queue.claim(['test.a'], 'h2', 30_000, 10);
    expect([claimedB?.id, none]).toEqual([b.id, []]);
    expect(claimedB).toMatchObject({ status: 'running', attempts: 1, lockedBy: 'h2', leaseUntil: start + 1 + 30_000 });

    expect(await queue.complete(a.id, 'h2', { wrong: true })).toBe(false);
    expect(await queue.complete(a.id, 'h1', { total: 7 })).toBe(true);
    expect(await queue.complete(a.id, 'h1', { again: true })).toBe(false);
    expect(await queue.find(a.id)).toMatchObject({ status: 'done', result: { total: 7 }, finishedAt: start + 1, leaseUntil: null });
    // A value that is not an object is kept as { value }.
    expect(await queue.complete(b.id, 'h2', 'fine')).toBe(true);
    expect(await queue.find(b.id)).toMatchObject({ status: 'done', result: { value: 'fine' } });

    clock.set(start + 60_000);
    expect((await queue.claim(['test.a'], 'h1', 30_000, 10)).map((j) => j.id)).toEqual([later.id]);
  });

  it('claims no more jobs than asked for', async () => {
    const { queue } = queueOf();
    for (let i = 0; i < 10; i++) await queue.enqueue('test.many', { i });
    expect(await queue.claim(['test.many'], 'h', 30_000, 2)).toHaveLength(2);
    expect(await queue.claim(['test.many'], 'h', 30_000, 3)).toHaveLength(3);
    expect((await queue.list({ kind: 'test.many', status: 'running' })).length).toBe(5);
  });

  it('makes one job of 40 enqueued at once with one idempotency key', async () => {
    const { queue } = queueOf();
    const jobs = await Promise.all(Array.from({ length: 40 }, (_, i) => queue.enqueue('test.once', { i }, { idempotencyKey: 'same', workspaceId: shop.id })));
    expect(new Set(jobs.map((j) => j.id)).size).toBe(1);
    expect(await queue.list({ workspaceId: shop.id, kind: 'test.once' })).toHaveLength(1);
    // The key is per kind.
    const other = await queue.enqueue('test.twice', {}, { idempotencyKey: 'same', workspaceId: shop.id });
    expect(other.id).not.toBe(jobs[0]?.id);
  });

  it('retries a failing job with backoff, then fails it with its error for an admin to see and retry', async () => {
    // The app's own queue name, so the API lists the job.
    const { clock, queue } = queueOf(app.config.JOBS_QUEUE);
    const job = await queue.enqueue('test.flaky', { x: 1 }, { workspaceId: shop.id, maxAttempts: 3 });
    const failOnce = async (attempt: number) => {
      const [claimed] = await queue.claim(['test.flaky'], 'h', 30_000, 1);
      expect(claimed).toMatchObject({ id: job.id, attempts: attempt });
      expect(await queue.fail(job.id, 'h', `boom ${attempt}`)).toBe(true);
    };
    await failOnce(1);
    expect(await queue.find(job.id)).toMatchObject({ status: 'queued', runAt: start + 5_000, lastError: 'boom 1' });
    clock.advance(4_999);
    expect(await queue.claim(['test.flaky'], 'h', 30_000, 1)).toEqual([]);
    clock.advance(1);
    await failOnce(2);
    expect(await queue.find(job.id)).toMatchObject({ status: 'queued', runAt: clock.now() + 20_000 });
    clock.advance(20_000);
    await failOnce(3);
    expect(await queue.find(job.id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'boom 3', finishedAt: clock.now() });
    clock.advance(3_600_000);
    expect(await queue.claim(['test.flaky'], 'h', 30_000, 1)).toEqual([]);

    const listed = await asUser(app, shop.owner, shop.id, { method: 'GET', url: '/api/v1/jobs?status=failed' });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items).toEqual([expect.objectContaining({ id: job.id, kind: 'test.flaky', status: 'failed', attempts: 3, lastError: 'boom 3', createdAt: start })]);
    const analyst = await addUser(app, shop.id, 'analyst');
    expect((await asUser(app, analyst, shop.id, { method: 'GET', url: '/api/v1/jobs?status=failed' })).statusCode).toBe(403);
    const stranger = await newWorkspace(app);
    expect((await withKey(app, stranger.secretKey, { method: 'GET', url: '/api/v1/jobs?status=failed' })).json().items).toEqual([]);
    expect((await withKey(app, stranger.secretKey, { method: 'POST', url: `/api/v1/jobs/${job.id}/retry` })).statusCode).toBe(404);

    const retried = await asUser(app, shop.owner, shop.id, { method: 'POST', url: `/api/v1/jobs/${job.id}/retry` });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'queued', attempts: 0, lastError: 'boom 3' });
    const again = await withKey(app, shop.secretKey, { method: 'POST', url: `/api/v1/jobs/${job.id}/retry` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'conflict', domainCode: 'jobs.not_failed', params: { status: 'queued' } });
    // Queued again by the app's clock (the real time).
    clock.set(Date.now() + 60_000);
    expect((await queue.claim(['test.flaky'], 'h', 30_000, 1)).map((j) => j.attempts)).toEqual([1]);
  });

  it('hands a job whose lease ran out to another holder; the first can then neither extend nor complete it', async () => {
    const { clock, queue } = queueOf();
    const job = await queue.enqueue('test.lease', {});
    await queue.claim(['test.lease'], 'first', 1_000, 1);
    expect(await queue.extendLease(job.id, 'first', 1_000)).toBe(true);
    clock.advance(999);
    expect(await queue.claim(['test.lease'], 'second', 1_000, 1)).toEqual([]);
    clock.advance(2);
    const [taken] = await queue.claim(['test.lease'], 'second', 1_000, 1);
    expect(taken).toMatchObject({ id: job.id, attempts: 2, lockedBy: 'second' });
    expect(await queue.extendLease(job.id, 'first', 1_000)).toBe(false);
    expect(await queue.progress(job.id, 'first', { half: true })).toBe(false);
    expect(await queue.complete(job.id, 'first', { by: 'first' })).toBe(false);
    expect(await queue.fail(job.id, 'first', 'late')).toBe(false);
    expect(await queue.complete(job.id, 'second', { by: 'second' })).toBe(true);
    expect(await queue.find(job.id)).toMatchObject({ status: 'done', result: { by: 'second' }, attempts: 2, lastError: null });
  });

  it('enqueues each slot of a recurring job once, however many processes schedule it', async () => {
    const { clock, queue } = queueOf();
    const other = new JobQueue(app.db, clock, queue.name);
    const schedules = [new RecurringJobs(queue, clock), new RecurringJobs(other, clock)];
    for (const s of schedules) s.every('test.hourly', 3_600_000, { tick: true });
    await Promise.all(schedules.map((s) => s.enqueueDue()));
    await Promise.all(schedules.map((s) => s.enqueueDue()));
    expect(await queue.list({ kind: 'test.hourly' })).toHaveLength(1);
    clock.advance(3_599_999 - (start % 3_600_000));
    await Promise.all(schedules.map((s) => s.enqueueDue()));
    expect(await queue.list({ kind: 'test.hourly' })).toHaveLength(1);
    clock.advance(1);
    await Promise.all(schedules.map((s) => s.enqueueDue()));
    const jobs = await queue.list({ kind: 'test.hourly' });
    expect(jobs.map((j) => j.payload)).toEqual([{ tick: true }, { tick: true }]);
  });

  it('runs no more jobs of a kind at once than the kind allows', async () => {
    const { queue } = queueOf();
    const worker = new JobWorker(queue, fixedClock(start), createLogger('silent'), { idleMs: 10, concurrency: 4 });
    let running = 0;
    let most = 0;
    const hold = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running -= 1;
      return {};
    };
    worker.register('test.single', hold, { concurrency: 1 });
    for (let i = 0; i < 4; i++) await queue.enqueue('test.single', { i });
    worker.start();
    try {
      await queue.settled({ kinds: ['test.single'] });
    } finally {
      await worker.stop();
    }
    expect(most).toBe(1);
    expect((await queue.list({ kind: 'test.single' })).map((j) => j.status)).toEqual(['done', 'done', 'done', 'done']);
  });

  it('runs jobs in a worker: results stored, a JobError without retry fails at once, a stopping worker hands its job back', async () => {
    const { queue } = queueOf();
    const worker = new JobWorker(queue, fixedClock(start), createLogger('silent'), { idleMs: 20 });
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    worker.register('test.double', async (job) => ({ twice: 2 * Number((job.payload as { n: number }).n) }));
    worker.register('test.broken', async () => {
      throw new JobError('the file cannot be read', { retry: false });
    });
    worker.register('test.slow', (_job, ctx) => {
      started();
      return new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('stopped'))));
    });
    worker.start();
    const double = await queue.enqueue('test.double', { n: 21 });
    const broken = await queue.enqueue('test.broken', {}, { maxAttempts: 5 });
    await queue.settled({ kinds: ['test.double', 'test.broken'] });
    expect(await queue.find(double.id)).toMatchObject({ status: 'done', result: { twice: 42 }, attempts: 1 });
    expect(await queue.find(broken.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'the file cannot be read' });

    const slow = await queue.enqueue('test.slow', {});
    await running;
    await worker.stop();
    expect(await queue.find(slow.id)).toMatchObject({ status: 'queued', attempts: 0, lockedBy: null, leaseUntil: null });
  });
});
