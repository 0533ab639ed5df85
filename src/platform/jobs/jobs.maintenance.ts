import type { JobQueue } from './jobs.service.js';
import type { JobWorker } from './jobs.worker.js';

/** Finished jobs are kept this long for people to look at: done ones a week, failed ones a month. */
export const KEEP_DONE_MS = 7 * 24 * 3_600_000;
export const KEEP_FAILED_MS = 30 * 24 * 3_600_000;

/** Registers the queue's own recurring job: deleting finished jobs past their keeping time, hourly. */
export function registerJobMaintenance(worker: JobWorker, queue: JobQueue): void {
  worker.register('jobs.prune', async () => ({ deleted: await queue.prune(KEEP_DONE_MS, KEEP_FAILED_MS) }));
  worker.every('jobs.prune', 3_600_000);
}
