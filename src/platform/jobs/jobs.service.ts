import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { notFound } from '../errors.js';
import { backoffMs } from './jobs.backoff.js';
import { notFailed } from './jobs.errors.js';
import { JobsRepo } from './jobs.repo.js';
import type { EnqueueOptions, Job, JobFilter } from './jobs.types.js';

// JSON values are stored as documents: a bare string or number would read back ambiguously (SQLite
// keeps JSON as text, PostgreSQL parses jsonb), so such a value is kept as { value }.
function document(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' ? value : { value };
}

/** Claims a job gets before it is given up, unless its enqueuer says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * The durable job queue: jobs are rows, claimed by workers (JobWorker) with a lease that their
 * holder extends while it works. Every method that changes a claimed job names its holder and does
 * nothing once another holder has taken the job over, so a job runs at least once and is completed
 * at most once (docs/decisions.md, "The job queue").
 */
export class JobQueue {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** The group of processes sharing these jobs (JOBS_QUEUE). */
    readonly name: string,
  ) {}

  /** Jobs a worker runs at once unless told otherwise: one on SQLite (one writer), two on PostgreSQL. */
  defaultConcurrency(): number {
    return this.db.caps.concurrentWriters ? 2 : 1;
  }

  /**
   * Adds a job and returns it (a payload that is not a JSON object is kept as { value }). With an idempotency key that a job of this kind already holds, that
   * job is returned and nothing is added (safe under concurrent calls).
   */
  async enqueue(kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<Job> {
    const now = this.clock.now();
    const { job, created } = await this.repo(options.within).insert({
      workspaceId: options.workspaceId ?? null, kind, payload: document(payload), runAt: options.runAt ?? now,
      maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS), idempotencyKey: options.idempotencyKey ?? null, createdAt: now,
    });
    // Inside a transaction the job is not visible until it commits: the caller wakes the workers then.
    if (created && !options.within) this.wake();
    return job;
  }

  /** Claims up to `limit` due jobs of these kinds (and jobs whose lease ran out) for a holder. */
  async claim(kinds: readonly string[], holder: string, leaseMs: number, limit: number): Promise<Job[]> {
    return this.repo().claim(this.db.caps, kinds, holder, this.clock.now(), leaseMs, limit);
  }

  /**
   * Claims one queued job by id for a holder that runs it itself (the command line); undefined when
   * not queued. Within the transaction that enqueued it, no worker can take it first.
   */
  async claimById(id: number, holder: string, leaseMs: number, within?: EnqueueOptions['within']): Promise<Job | undefined> {
    return this.repo(within).claimById(id, holder, this.clock.now(), leaseMs);
  }

  /** Hands a held job back, within a transaction (see release()). */
  async releaseWithin(id: number, holder: string, within: NonNullable<EnqueueOptions['within']>): Promise<boolean> {
    return this.repo(within).release(id, holder, this.clock.now());
  }

  /** Extends a held job's lease to leaseMs from now; false when the holder lost the job. Pass `within` to do it in a transaction. */
  async extendLease(id: number, holder: string, leaseMs: number, within?: EnqueueOptions['within']): Promise<boolean> {
    return this.repo(within).extendLease(id, holder, this.clock.now() + leaseMs);
  }

  /** Stores a held job's progress (a JSON object; other values are kept as { value }); false when the holder lost the job. */
  async progress(id: number, holder: string, progress: unknown): Promise<boolean> {
    return this.repo().progress(id, holder, document(progress));
  }

  /** Ends a held job as done with its result (a JSON object; other values are kept as { value }); false (and nothing changes) when the holder no longer holds it. */
  async complete(id: number, holder: string, result?: unknown): Promise<boolean> {
    return this.repo().complete(id, holder, document(result), this.clock.now());
  }

  /**
   * Records a held job's failure: queued again after a backoff while attempts remain (and `retry`
   * is not false), failed for good with its error otherwise. False when the holder lost the job.
   */
  async fail(id: number, holder: string, error: string, options: { retry?: boolean } = {}): Promise<boolean> {
    const repo = this.repo();
    const job = await repo.get(id);
    // Nobody else can change attempts while the holder holds the job; the update checks it holds it.
    if (!job || job.status !== 'running' || job.lockedBy !== holder) return false;
    const now = this.clock.now();
    if (options.retry === false || job.attempts >= job.maxAttempts) return repo.fail(id, holder, error, now);
    return repo.reschedule(id, holder, error, now + backoffMs(job.attempts));
  }

  /** Hands a held job back to the queue at once (its holder is stopping); the claim does not count as an attempt. */
  async release(id: number, holder: string): Promise<boolean> {
    const released = await this.repo().release(id, holder, this.clock.now());
    if (released) this.wake();
    return released;
  }

  /** One job of a workspace; not_found otherwise. */
  async get(workspaceId: string, id: number): Promise<Job> {
    const job = await this.repo().get(id, workspaceId);
    if (!job) throw notFound('Job');
    return job;
  }

  /** One job of any workspace, or undefined (for handlers and tests). */
  async find(id: number): Promise<Job | undefined> {
    return this.repo().get(id);
  }

  /** The newest jobs matching a filter, newest first. */
  async list(filter: JobFilter): Promise<Job[]> {
    return this.repo().list(filter);
  }

  /** Queues a failed job of a workspace again with fresh attempts; conflict when it has not failed. */
  async retry(workspaceId: string, id: number): Promise<Job> {
    const job = await this.get(workspaceId, id);
    if (!(await this.repo().retry(id, workspaceId, this.clock.now()))) throw notFailed(job.status);
    this.wake();
    return this.get(workspaceId, id);
  }

  /**
   * Resolves once no job (of a workspace and kinds, when given) is running or queued and due, as
   * seen every 20 ms; for tests and command line tools that wait for background work to finish.
   */
  async settled(filter: { workspaceId?: string; kinds?: readonly string[]; timeoutMs?: number } = {}): Promise<void> {
    const until = Date.now() + (filter.timeoutMs ?? 60_000);
    while ((await this.repo().active(this.clock.now(), filter)) > 0) {
      if (Date.now() > until) throw new Error('jobs did not settle in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Deletes finished jobs: done ones after `keepDoneMs`, failed ones after `keepFailedMs`. */
  async prune(keepDoneMs: number, keepFailedMs: number): Promise<number> {
    const now = this.clock.now();
    return this.repo().prune(now - keepDoneMs, now - keepFailedMs);
  }

  /** Calls listener when a job is added or handed back in this process (a worker wakes at once). */
  onEnqueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Wakes this process's workers (after a transaction that enqueued a job has committed). */
  wake(): void {
    for (const listener of this.listeners) listener();
  }

  private repo(within?: EnqueueOptions['within']): JobsRepo {
    return new JobsRepo(within ?? this.db.kysely, this.name);
  }
}
