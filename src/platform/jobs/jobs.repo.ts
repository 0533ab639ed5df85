import { type ExpressionBuilder, type Kysely, type Selectable, sql, type UpdateObject } from 'kysely';
import type { Capabilities } from '../db/capabilities.js';
import { readJson, writeJson } from '../db/normalize.js';
import type { Database } from '../db/schema.js';
import type { JobsTable } from './jobs.tables.js';
import { type Job, type JobFilter, jobStatuses } from './jobs.types.js';

/** A job to insert. */
export interface NewJob {
  workspaceId: string | null;
  kind: string;
  payload: unknown;
  runAt: number;
  maxAttempts: number;
  idempotencyKey: string | null;
  createdAt: number;
}

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    kind: row.kind,
    payload: readJson<unknown>(row.payload, null),
    status: jobStatuses.find((s) => s === row.status) ?? 'failed',
    runAt: row.run_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    leaseUntil: row.lease_until,
    lockedBy: row.locked_by,
    idempotencyKey: row.idempotency_key,
    lastError: row.last_error,
    progress: readJson<unknown>(row.progress, null),
    result: readJson<unknown>(row.result, null),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

// Claimable: queued and due, or running with a lease that ran out (its holder stopped or vanished).
function claimable(now: number) {
  return (eb: ExpressionBuilder<Database, 'jobs'>) =>
    eb.or([eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)])]);
}

/** SQL of the jobs table. All of a queue's rows are this queue's; construct it on a transaction for atomic work. */
export class JobsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly queue: string,
  ) {}

  /**
   * Inserts a job unless one of its kind has the same idempotency key, and returns the job that holds
   * the key. The insert does nothing on a conflict (the unique index decides, so concurrent callers
   * cannot both insert); the row then read is the winner's, committed before the conflict was reported.
   */
  async insert(job: NewJob): Promise<{ job: Job; created: boolean }> {
    const inserted = await this.db
      .insertInto('jobs')
      .values({
        queue: this.queue, workspace_id: job.workspaceId, kind: job.kind, payload: writeJson(job.payload), status: 'queued',
        run_at: job.runAt, attempts: 0, max_attempts: job.maxAttempts, lease_until: null, locked_by: null,
        idempotency_key: job.idempotencyKey, last_error: null, progress: null, result: null, created_at: job.createdAt,
        started_at: null, finished_at: null,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { job: toJob(inserted), created: true };
    if (job.idempotencyKey === null) throw new Error('a job without an idempotency key was not inserted');
    const existing = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('queue', '=', this.queue)
      .where('kind', '=', job.kind)
      .where('idempotency_key', '=', job.idempotencyKey)
      .executeTakeFirstOrThrow();
    return { job: toJob(existing), created: false };
  }

  /**
   * Claims up to `limit` claimable jobs of these kinds for a holder, oldest due first, counting an
   * attempt on each. On PostgreSQL the candidates are locked with SKIP LOCKED, so concurrent workers
   * take different jobs without waiting for each other; SQLite has one writer, and the statement is
   * one write. The update checks the condition again, so two claimers never both win a job.
   */
  async claim(caps: Capabilities, kinds: readonly string[], holder: string, now: number, leaseMs: number, limit: number): Promise<Job[]> {
    if (kinds.length === 0 || limit <= 0) return [];
    const candidates = (db: Kysely<Database>) =>
      db.selectFrom('jobs').select('id').where('queue', '=', this.queue).where('kind', 'in', [...kinds]).where(claimable(now)).orderBy('run_at').orderBy('id').limit(limit);
    // An idle poll stays a read: most of the time there is nothing to claim, and a write would
    // queue behind the single writer on SQLite.
    if (!(await candidates(this.db).executeTakeFirst())) return [];
    // PostgreSQL: the locked ids are gathered once, as an array. Written as `id in (subquery)`, the
    // planner may run the subquery again for each row it updates, and with SKIP LOCKED every run finds
    // other rows: one claim took ten jobs for a limit of two.
    const locked = candidates(this.db).forUpdate().skipLocked();
    const rows = await this.db
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: sql<number>`attempts + 1`,
        locked_by: holder,
        lease_until: now + leaseMs,
        started_at: sql<number>`coalesce(started_at, ${now})`,
      })
      .where(caps.skipLocked ? sql<boolean>`id = any(array(${locked}))` : sql<boolean>`id in (${candidates(this.db)})`)
      .where(claimable(now))
      .returningAll()
      .execute();
    return rows.map(toJob).sort((a, b) => a.runAt - b.runAt || a.id - b.id);
  }

  /** Claims one queued job by id (a command line run of a job it enqueued itself); undefined when not queued. */
  async claimById(id: number, holder: string, now: number, leaseMs: number): Promise<Job | undefined> {
    const row = await this.db
      .updateTable('jobs')
      .set({ status: 'running', attempts: sql<number>`attempts + 1`, locked_by: holder, lease_until: now + leaseMs, started_at: sql<number>`coalesce(started_at, ${now})` })
      .where('queue', '=', this.queue)
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  /** Moves a held job's lease to `until`; false when the holder no longer holds it. */
  async extendLease(id: number, holder: string, until: number): Promise<boolean> {
    return this.updateHeld(id, holder, { lease_until: until });
  }

  /** Stores a held job's progress; false when the holder no longer holds it. */
  async progress(id: number, holder: string, progress: unknown): Promise<boolean> {
    return this.updateHeld(id, holder, { progress: writeJson(progress) });
  }

  /** Ends a held job as done with its result; false when the holder no longer holds it. */
  async complete(id: number, holder: string, result: unknown, now: number): Promise<boolean> {
    return this.updateHeld(id, holder, { status: 'done', result: result === null ? null : writeJson(result), finished_at: now, lease_until: null, locked_by: null });
  }

  /** Queues a held job again at `runAt` after a failure, keeping the error; false when not held. */
  async reschedule(id: number, holder: string, error: string, runAt: number): Promise<boolean> {
    return this.updateHeld(id, holder, { status: 'queued', last_error: error, run_at: runAt, lease_until: null, locked_by: null });
  }

  /** Ends a held job as failed with its error; false when the holder no longer holds it. */
  async fail(id: number, holder: string, error: string, now: number): Promise<boolean> {
    return this.updateHeld(id, holder, { status: 'failed', last_error: error, finished_at: now, lease_until: null, locked_by: null });
  }

  /** Hands a held job back to the queue (its holder is stopping), giving its attempt back. */
  async release(id: number, holder: string, now: number): Promise<boolean> {
    return this.updateHeld(id, holder, { status: 'queued', run_at: now, lease_until: null, locked_by: null, attempts: sql<number>`attempts - 1` });
  }

  /** Queues a failed job of a workspace again with fresh attempts; false when it is not failed. */
  async retry(id: number, workspaceId: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ status: 'queued', attempts: 0, run_at: now, finished_at: null })
      .where('queue', '=', this.queue)
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** One job (of a workspace, when given). */
  async get(id: number, workspaceId?: string): Promise<Job | undefined> {
    let q = this.db.selectFrom('jobs').selectAll().where('queue', '=', this.queue).where('id', '=', id);
    if (workspaceId !== undefined) q = q.where('workspace_id', '=', workspaceId);
    const row = await q.executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  /** The newest jobs matching a filter. */
  async list(filter: JobFilter): Promise<Job[]> {
    let q = this.db.selectFrom('jobs').selectAll().where('queue', '=', this.queue);
    if (filter.workspaceId !== undefined) q = q.where('workspace_id', '=', filter.workspaceId);
    if (filter.status !== undefined) q = q.where('status', '=', filter.status);
    if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
    const rows = await q.orderBy('id', 'desc').limit(filter.limit ?? 100).execute();
    return rows.map(toJob);
  }

  /** How many jobs are running, or queued and due by `now` (of a workspace and kinds, when given). */
  async active(now: number, filter: { workspaceId?: string; kinds?: readonly string[] }): Promise<number> {
    let q = this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('queue', '=', this.queue)
      // "status in (…) and (status <> 'queued' or run_at <= now)" rather than an OR of the two statuses:
      // SQLite 3.5x's planner fails ("internal query planner error") on that OR over the partial indexes.
      .where('status', 'in', ['running', 'queued'])
      .where((eb) => eb.or([eb('status', '<>', 'queued'), eb('run_at', '<=', now)]));
    if (filter.workspaceId !== undefined) q = q.where('workspace_id', '=', filter.workspaceId);
    if (filter.kinds !== undefined) q = q.where('kind', 'in', filter.kinds.length > 0 ? [...filter.kinds] : ['']);
    const row = await q.executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Deletes jobs done before `doneBefore` and failed before `failedBefore`; returns how many. */
  async prune(doneBefore: number, failedBefore: number): Promise<number> {
    const result = await this.db
      .deleteFrom('jobs')
      .where('queue', '=', this.queue)
      .where((eb) => eb.or([eb.and([eb('status', '=', 'done'), eb('finished_at', '<', doneBefore)]), eb.and([eb('status', '=', 'failed'), eb('finished_at', '<', failedBefore)])]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async updateHeld(id: number, holder: string, set: UpdateObject<Database, 'jobs'>): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set(set)
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('locked_by', '=', holder)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
