import { z } from 'zod';
import { JobError } from '../../platform/jobs/jobs.errors.js';
import type { JobWorker } from '../../platform/jobs/jobs.worker.js';
import type { Logger } from '../../platform/logger.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { SegmentEvaluator } from './segment-evaluator.js';
import { SegmentsRepo } from './segments.repo.js';
import { ChangeFeedRepo, feedStart } from './change-feed.repo.js';
import { REBUILD_JOB } from './segments.service.js';
import { EXPORT_JOB, type SegmentExportsService } from './segment-exports.service.js';

// Segments' background work:
// - segments.rebuild (a job per new or changed rule) computes a segment's members in full;
// - segments.sweep (recurring, every minute) moves customers whose membership changed with time;
// - segments.prune (recurring, hourly) drops read customer changes;
// - segments.export writes an audience export's file;
// - the feed loop (SegmentFeedLoop) re-evaluates changed customers within a fraction of a second.

/** The recurring sweep of conditions relative to now. */
export const SWEEP_JOB = 'segments.sweep';
/** The recurring clean-up of customer_changes. */
export const PRUNE_JOB = 'segments.prune';
/** Read changes are kept this long (a rebuild re-checks the customers changed while it ran). */
const KEEP_CHANGES_MS = 3_600_000;

const rebuildPayload = z.object({ segmentId: z.string().min(1) });
const exportPayload = z.object({ exportId: z.string().min(1) });

/** What the segment jobs need. */
export interface SegmentJobDeps {
  evaluator: SegmentEvaluator;
  segments: SegmentsRepo;
  feed: ChangeFeedRepo;
  clock: Clock;
  logger: Logger;
}

/** The dependencies of the segment jobs, built on a database. */
export function segmentJobDeps(db: Db, evaluator: SegmentEvaluator, clock: Clock, logger: Logger): SegmentJobDeps {
  return { evaluator, segments: new SegmentsRepo(db.kysely), feed: new ChangeFeedRepo(db.kysely, db.caps), clock, logger };
}

/** Registers the segment jobs with a worker. */
export function registerSegmentJobs(worker: JobWorker, deps: SegmentJobDeps, exports: SegmentExportsService, sweepEveryMs = 60_000): void {
  worker.register(
    EXPORT_JOB,
    async (job, ctx) => {
      const { exportId } = exportPayload.parse(job.payload);
      if (job.workspaceId === null) throw new JobError('an export names no workspace', { retry: false });
      try {
        return await exports.run(job.workspaceId, exportId, ctx.progress);
      } catch (error) {
        if (job.attempts >= job.maxAttempts) await exports.markFailed(exportId, error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
    { leaseMs: 5 * 60_000, concurrency: 1 },
  );
  worker.register(
    REBUILD_JOB,
    async (job) => {
      const { segmentId } = rebuildPayload.parse(job.payload);
      if (job.workspaceId === null) throw new JobError('a segment rebuild names no workspace', { retry: false });
      try {
        return { members: await deps.evaluator.rebuild(job.workspaceId, segmentId) };
      } catch (error) {
        await deps.evaluator.markFailed(job.workspaceId, segmentId, error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
    { leaseMs: 10 * 60_000, concurrency: 1 },
  );
  worker.register(SWEEP_JOB, async () => {
    let checked = 0;
    for (const ws of await deps.segments.workspacesWithRules()) {
      for (const seg of await deps.segments.list(ws)) {
        if (seg.kind === 'dynamic') checked += await deps.evaluator.sweep(ws, seg.id);
      }
    }
    return { checked };
  }, { leaseMs: 10 * 60_000, concurrency: 1 });
  worker.register(PRUNE_JOB, async () => {
    const now = deps.clock.now();
    for (const ws of await deps.segments.workspacesWithRules()) {
      const position = await deps.feed.cursor(`segments:${ws}`, feedStart, now);
      if (position !== null) await deps.feed.prune(ws, position, now - KEEP_CHANGES_MS);
    }
    await deps.feed.pruneUnread(now - KEEP_CHANGES_MS);
    return null;
  });
  if (sweepEveryMs > 0) worker.every(SWEEP_JOB, sweepEveryMs);
  worker.every(PRUNE_JOB, KEEP_CHANGES_MS);
}

/**
 * Re-evaluates changed customers of every workspace with rules, a few times a second. The work is
 * in the database (customer_changes and a cursor per workspace), so the loop itself keeps nothing
 * a restart could lose; on PostgreSQL each workspace is taken by one process at a time.
 */
export class SegmentFeedLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly deps: SegmentJobDeps, private readonly everyMs = 200) {}

  /** Starts the loop. */
  start(): void {
    if (!this.timer && !this.stopped) this.schedule();
  }

  /** Stops the loop and waits for a pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Evaluates every waiting change now; returns how many were read. */
  async drain(): Promise<number> {
    let total = 0;
    for (const ws of await this.deps.segments.workspacesWithRules()) {
      for (;;) {
        let read: number;
        try {
          read = await this.deps.evaluator.evaluateChanges(ws, () => !this.stopped);
        } catch (error) {
          // One segment's failure must not stop the others: find it, set it aside, go on.
          const failed = await this.deps.evaluator.isolateFailures(ws);
          this.deps.logger.error({ err: error, workspaceId: ws, failed }, 'segment evaluation failed');
          if (failed.length === 0) break;
          continue;
        }
        if (read <= 0 || this.stopped) break;
        total += read;
      }
    }
    return total;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(() => undefined)
        .catch((error: unknown) => this.deps.logger.error({ err: error }, 'segment evaluation failed'))
        .finally(() => {
          this.running = null;
          if (!this.stopped) this.schedule();
        });
    }, this.everyMs);
    this.timer.unref();
  }
}
