import { z } from 'zod';
import { DomainError } from '../../../platform/errors.js';
import { JobError } from '../../../platform/jobs/jobs.errors.js';
import type { JobWorker } from '../../../platform/jobs/jobs.worker.js';
import type { Logger } from '../../../platform/logger.js';
import { SCORES_RECOMPUTE, type ScoresService } from './scores.service.js';

// The score computations on the job queue:
// - scores.recompute carries out one requested computation (POST /analytics/scores/recompute, saved
//   settings, the schedule); its run row, made when it was requested, says what to compute;
// - scores.schedule, every ten minutes when SCORES_EVERY_HOURS is set, requests a computation of each
//   workspace whose last one is older than that (never computed: at once). Being a recurring job, it
//   runs once per ten minutes however many workers there are.

/** The recurring check for workspaces due a computation. */
export const SCORES_SCHEDULE = 'scores.schedule';
/** How often the schedule looks for workspaces due a computation. */
const CHECK_EVERY_MS = 10 * 60_000;
// A computation of a million customers has synchronous stretches of several seconds: a lease of ten
// minutes (renewed every third of it) is never lost to them.
const COMPUTE_LEASE_MS = 10 * 60_000;

const recomputePayload = z.object({ runId: z.string().min(1) });

/** Registers the score computations' jobs with a worker; the schedule only when `everyHours` > 0. */
export function registerScoreJobs(worker: JobWorker, scores: ScoresService, logger: Logger, everyHours: number): void {
  worker.register(
    SCORES_RECOMPUTE,
    async (job) => {
      const { runId } = recomputePayload.parse(job.payload);
      if (job.workspaceId === null) throw new JobError('a score computation names no workspace', { retry: false });
      const run = await scores.carryOut(job.workspaceId, runId);
      if (run.status === 'failed') throw new JobError(run.error ?? 'the computation failed', { retry: false });
      logger.info({ workspaceId: job.workspaceId, customers: run.customers, phases: run.phases }, 'scores computed');
      return { runId: run.id, customers: run.customers, changed: run.changed, written: run.written };
    },
    // One computation at a time per process: each holds every customer's columns in memory.
    { leaseMs: COMPUTE_LEASE_MS, concurrency: 1 },
  );
  if (everyHours <= 0) return;
  worker.register(SCORES_SCHEDULE, async () => {
    const requested: string[] = [];
    for (const workspaceId of await scores.dueWorkspaces(everyHours * 3_600_000)) {
      try {
        await scores.request(workspaceId, 'schedule', null);
        requested.push(workspaceId);
      } catch (error) {
        // One is running already (requested by a person or another process): it is not due any more.
        if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
      }
    }
    return { requested };
  });
  worker.every(SCORES_SCHEDULE, CHECK_EVERY_MS);
}
