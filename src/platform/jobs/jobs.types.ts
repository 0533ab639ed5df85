import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Where a job stands: waiting (or waiting again after a failure), held by a worker, finished, or given up. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** The job statuses, in the order a job passes them. */
export const jobStatuses: readonly JobStatus[] = ['queued', 'running', 'done', 'failed'];

/** One job as stored, its JSON columns parsed. */
export interface Job {
  id: number;
  workspaceId: string | null;
  kind: string;
  payload: unknown;
  status: JobStatus;
  /** When a queued job may run next (epoch ms). */
  runAt: number;
  /** Times the job was claimed, this claim included. */
  attempts: number;
  maxAttempts: number;
  leaseUntil: number | null;
  lockedBy: string | null;
  idempotencyKey: string | null;
  lastError: string | null;
  progress: unknown;
  result: unknown;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** How a job is enqueued. */
export interface EnqueueOptions {
  /** The workspace the job works for (null: the whole installation). */
  workspaceId?: string | null;
  /** Not before this time (epoch ms; default: now). */
  runAt?: number;
  /** At most one job of this kind with this key: enqueueing it again returns the existing job. */
  idempotencyKey?: string;
  /** Claims before the job is given up (default 5). */
  maxAttempts?: number;
  /** Insert within this transaction, so the job exists exactly when the caller's own writes do; call JobQueue.wake() after it commits. */
  within?: Kysely<Database>;
}

/** Which jobs a list shows. */
export interface JobFilter {
  workspaceId?: string;
  status?: JobStatus;
  kind?: string;
  limit?: number;
}
