import type { ColumnType, Generated } from 'kysely';

/** A nullable JSON column: text on SQLite, jsonb on PostgreSQL (read with readJson). */
type NullableJson = ColumnType<unknown, string | null, string | null>;

/** The jobs table (migration 2026-12-07T10-jobs): one row per job of background work. */
export interface JobsTable {
  id: Generated<number>;
  /** The group of processes that share these jobs (JOBS_QUEUE). */
  queue: string;
  workspace_id: string | null;
  kind: string;
  payload: ColumnType<unknown, string, string>;
  /** queued | running | done | failed */
  status: string;
  /** When a queued job may run (epoch ms); a retry's backoff moves it. */
  run_at: number;
  /** Times the job was claimed (a clean release gives its claim back). */
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: number;
  /** While running: when the holder's lease ends unless extended. */
  lease_until: number | null;
  locked_by: string | null;
  idempotency_key: string | null;
  last_error: string | null;
  progress: NullableJson;
  result: NullableJson;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}
