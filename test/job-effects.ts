import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.js';
import type { JobHandler } from '../src/platform/jobs/jobs.worker.js';

// A job effect for the queue's tests: one row per job, keyed by the job's id, so a job whose effect
// was written twice shows as a duplicate key (or, with `onConflict: 'ignore'`, as one row).

/** Creates the table of effects (once per database). */
export async function createEffectsTable(db: Db): Promise<void> {
  await sql`create table if not exists test_job_effects (job_id bigint primary key, holder text not null)`.execute(db.kysely);
}

/** The effects written, by job id. */
export async function effects(db: Db): Promise<{ job_id: number; holder: string }[]> {
  const result = await sql<{ job_id: number; holder: string }>`select job_id, holder from test_job_effects order by job_id`.execute(db.kysely);
  return result.rows.map((r) => ({ job_id: Number(r.job_id), holder: r.holder }));
}

/**
 * A handler that writes its job's effect, then waits `sleepMs` (or until aborted). With 'fail', a
 * second write of one job's effect throws (a job run twice at once); with 'ignore', it is the
 * idempotent write a real handler makes (the key makes the effect once).
 */
export function effectHandler(db: Db, options: { sleepMs: number; onConflict: 'fail' | 'ignore'; onWritten?: () => void }): JobHandler {
  return async (job, ctx) => {
    const ignore = options.onConflict === 'ignore' ? sql`on conflict do nothing` : sql``;
    await sql`insert into test_job_effects (job_id, holder) values (${job.id}, ${ctx.holder}) ${ignore}`.execute(db.kysely);
    options.onWritten?.();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.sleepMs);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (ctx.signal.aborted) throw new Error('stopped');
    return { holder: ctx.holder };
  };
}
