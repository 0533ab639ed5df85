import { z } from 'zod';
import { JobError } from '../../platform/jobs/jobs.errors.js';
import type { JobWorker } from '../../platform/jobs/jobs.worker.js';
import type { ImportRunner } from './imports.worker.js';
import { CLAIM_MS, IMPORTS_RUN, type ImportsService, SWEEP_EVERY_MS } from './imports.service.js';

// Imports on the job queue:
// - imports.run runs one started import (ImportRunner): the import's own row keeps its status,
//   counters and the line to resume from for the Imports screen; the queue job gives the claim, the
//   lease and the count of runs. A run that stopped is resumed by the next claim after the last
//   committed chunk; after IMPORT_MAX_RUNS runs that never finished it is given up.
// - imports.sweep, every ten minutes, deletes uploads nobody started in time (expireUploads).

/** The recurring sweep of uploads not started in time. */
export const IMPORTS_SWEEP = 'imports.sweep';

const runPayload = z.object({ importId: z.string().min(1) });

/** Registers the imports' jobs with a worker. */
export function registerImportJobs(worker: JobWorker, imports: ImportsService, runner: ImportRunner): void {
  worker.register(
    IMPORTS_RUN,
    async (job, ctx) => {
      const { importId } = runPayload.parse(job.payload);
      const claimed = await imports.takeUp(importId, job.id);
      // Done already: this run of the job came after a crash between the import's end and the job's.
      if (!claimed) return { importId, outcome: 'done' };
      const outcome = await runner.run(claimed, ctx.holder, { signal: ctx.signal });
      if (outcome === 'done') return { importId, outcome };
      if (outcome === 'failed') throw new JobError((await imports.get(claimed.workspace_id, importId)).error ?? 'the import failed', { retry: false });
      // Handed back (the worker is stopping) or taken over: the queue has the job already.
      throw new Error(`the import's run ended: ${outcome}`);
    },
    {
      leaseMs: CLAIM_MS,
      // One import at a time per process: each writes as fast as the database takes it.
      concurrency: 1,
      onGiveUp: async (job) => {
        const { importId } = runPayload.parse(job.payload);
        await imports.giveUp(importId, `The import stopped ${job.attempts - 1} times without finishing and was given up.`);
      },
    },
  );
  worker.register(IMPORTS_SWEEP, async () => imports.expireUploads());
  worker.every(IMPORTS_SWEEP, SWEEP_EVERY_MS);
}
