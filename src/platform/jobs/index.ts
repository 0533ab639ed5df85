// The durable job queue: every piece of background work (score recomputations, imports, segment
// rebuilds, exports, sends) is a row of the `jobs` table, run by the workers of any process with
// the role 'all' or 'worker'. docs/decisions.md, "The job queue", says what it guarantees.
//
// Usage:
//   // wiring (main.ts): one JobQueue in services, one JobWorker per worker process
//   worker.register('segments.rebuild', async (job, { signal, progress }) => {
//     const { segmentId } = job.payload as { segmentId: string }; // validate with zod in real code
//     ...                       // effects keyed uniquely in the database: a job may run twice
//     await progress({ done: 10, of: 100 });
//     return { members: 42 };   // stored as the job's result
//   }, { leaseMs: 60_000, concurrency: 1 });
//   worker.every('segments.refresh', 3_600_000);          // a recurring job, once per hour across processes
//
//   // anywhere (a service): enqueue, at most once per key
//   await services.jobs.enqueue('segments.rebuild', { segmentId }, { workspaceId, idempotencyKey: `rebuild:${segmentId}:${version}` });
//
// A handler that throws is retried with backoff (5 s · 4^n, at most an hour) up to maxAttempts,
// then failed with its error (GET /api/v1/jobs?status=failed, POST /api/v1/jobs/:id/retry); throw
// JobError(message, { retry: false }) to fail at once. Tests wait for the queue with
// `app.services.jobs.settled({ workspaceId })`.

export { backoffMs } from './jobs.backoff.js';
export { JobError, notFailed } from './jobs.errors.js';
export { registerJobMaintenance } from './jobs.maintenance.js';
export { RecurringJobs } from './jobs.schedule.js';
export { DEFAULT_MAX_ATTEMPTS, JobQueue } from './jobs.service.js';
export type { EnqueueOptions, Job, JobFilter, JobStatus } from './jobs.types.js';
export { type HandlerOptions, type JobContext, type JobHandler, JobWorker, type WorkerOptions } from './jobs.worker.js';
