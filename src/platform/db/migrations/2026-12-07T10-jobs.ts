import { type Kysely, sql } from 'kysely';
import { isPostgres, typesFor, withId } from '../migration-helpers.js';

// The durable job queue (src/platform/jobs, docs/decisions.md "The job queue"): one row per job of
// background work, claimed by workers with a lease. `queue` names a group of processes that share
// jobs (one per installation; tests give each app its own). An idempotency key is unique per queue
// and kind, so enqueueing the same work twice (two processes scheduling one slot, a request sent
// twice) makes one job. Imports started before it get their job here.

/** Creates the jobs table and its indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await typesFor(db);
  await withId(t, db.schema.createTable('jobs'))
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('locked_by', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('last_error', 'text')
    .addColumn('progress', t.json)
    .addColumn('result', t.json)
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .execute();
  // Partial indexes (both engines have them): claiming reads only the waiting and the running jobs,
  // however many finished ones are kept.
  await sql`create index jobs_due on jobs (queue, run_at) where status = 'queued'`.execute(db);
  await sql`create index jobs_leases on jobs (queue, lease_until) where status = 'running'`.execute(db);
  await sql`create unique index jobs_idempotency on jobs (queue, kind, idempotency_key) where idempotency_key is not null`.execute(db);
  await db.schema.createIndex('jobs_workspace').on('jobs').columns(['workspace_id', 'id']).execute();
  await db.schema.createIndex('jobs_finished').on('jobs').columns(['status', 'finished_at']).execute();

  // Imports started before the queue existed (queued, or running in a process stopped for the
  // upgrade) get their imports.run job in the default queue, as ImportsService.start makes it (three
  // runs, keyed by the import's id), so the new workers resume them after their last committed chunk.
  const now = Date.now();
  const payload = (await isPostgres(db)) ? sql`jsonb_build_object('importId', id)` : sql`json_object('importId', id)`;
  await sql`insert into jobs (queue, workspace_id, kind, payload, status, run_at, attempts, max_attempts, idempotency_key, created_at)
    select 'main', workspace_id, 'imports.run', ${payload}, 'queued', ${now}, 0, 3, id, ${now}
    from import_jobs where status in ('queued', 'running')`.execute(db);
  await sql`update import_jobs set status = 'queued', claimed_by = null, claimed_until = null where status = 'running'`.execute(db);
}

/** Drops the table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
