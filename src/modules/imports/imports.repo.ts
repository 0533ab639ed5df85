import { type Kysely, type Selectable, sql } from 'kysely';
import { readJson, writeJson } from '../../platform/db/normalize.js';
import type { Database, ImportJobsTable } from '../../platform/db/schema.js';
import type { Mapping } from './csv/index.js';

/** An import job as stored, with its mapping parsed. */
export type ImportJobRow = Omit<Selectable<ImportJobsTable>, 'mapping'> & { mapping: Mapping };

/** A new import job. */
export interface NewImportJob {
  id: string;
  workspaceId: string;
  kind: string;
  fileName: string;
  filePath: string;
  fileSize: number;
  encoding: string;
  delimiter: string;
  mapping: Mapping;
  createdBy: string | null;
  createdAt: number;
}

/** One problem of one row, as stored for the error report. */
export interface ImportErrorInput {
  rowNumber: number;
  column: string | null;
  reason: string;
  /** The reason's code and values (platform/reasons.ts), when it has them. */
  code?: string | null;
  params?: Record<string, string | number> | null;
  raw: string | null;
}

/** A stored row problem with its id (the page cursor). */
export interface ImportErrorRow extends ImportErrorInput {
  id: number;
}

/** Where a running job stands after a committed chunk. */
export interface JobProgress {
  rowsDone: number;
  rowsOk: number;
  rowsFailed: number;
  bytesDone: number;
  nextLine: number;
}

function toJob(row: Selectable<ImportJobsTable>): ImportJobRow {
  return { ...row, mapping: readJson<Mapping>(row.mapping, {}) };
}

/** SQL for import jobs and their row errors. Construct it on a transaction for atomic work. */
export class ImportsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts a pending job. */
  async insert(job: NewImportJob): Promise<void> {
    await this.db
      .insertInto('import_jobs')
      .values({
        id: job.id, workspace_id: job.workspaceId, kind: job.kind, status: 'pending', file_name: job.fileName,
        file_path: job.filePath, file_size: job.fileSize, encoding: job.encoding, delimiter: job.delimiter,
        mapping: writeJson(job.mapping), rows_total: null, rows_done: 0, rows_ok: 0, rows_failed: 0, bytes_done: 0,
        error: null, created_by: job.createdBy, created_at: job.createdAt, started_at: null, finished_at: null,
        claimed_until: null, next_line: 0, claimed_by: null, attempts: 0,
      })
      .execute();
  }

  /** One job of a workspace. */
  async get(workspaceId: string, id: string): Promise<ImportJobRow | undefined> {
    const row = await this.db.selectFrom('import_jobs').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  /** The newest jobs of a workspace. */
  async list(workspaceId: string, limit: number): Promise<ImportJobRow[]> {
    const rows = await this.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toJob);
  }

  /** Moves a pending job to queued with its confirmed format and mapping; false when it was not pending. */
  async queue(workspaceId: string, id: string, format: { encoding: string; delimiter: string; mapping: Mapping }): Promise<boolean> {
    const result = await this.db
      .updateTable('import_jobs')
      .set({ status: 'queued', encoding: format.encoding, delimiter: format.delimiter, mapping: writeJson(format.mapping) })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Deletes a job that never started (its errors go with it); false when it was not pending. */
  async deletePending(workspaceId: string, id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('import_jobs').where('workspace_id', '=', workspaceId).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /**
   * Marks expired the jobs uploaded before `cutoff` and never started, and returns their files to
   * delete. The update re-checks the status, so a job started meanwhile is left alone and two
   * sweeping processes never both take one job.
   */
  async expirePending(cutoff: number, now: number, error: string): Promise<{ id: string; filePath: string }[]> {
    const rows = await this.db
      .updateTable('import_jobs')
      .set({ status: 'expired', error, finished_at: now })
      .where('status', '=', 'pending')
      .where('created_at', '<', cutoff)
      .returning(['id', 'file_path'])
      .execute();
    return rows.map((r) => ({ id: r.id, filePath: r.file_path }));
  }

  /** The status of each of these jobs that exists, in any workspace (the sweep of the uploads folder). */
  async statuses(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('import_jobs').select(['id', 'status']).where('id', 'in', [...ids]).execute();
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /**
   * Marks a job running for a run of the job queue (its first, a resumed one, or a retried one that
   * had failed) and returns it; undefined when it cannot run (done, expired, pending, or gone).
   */
  async takeUp(id: string, now: number): Promise<ImportJobRow | undefined> {
    const row = await this.db
      .updateTable('import_jobs')
      .set({ status: 'running', error: null, finished_at: null, started_at: sql<number>`coalesce(started_at, ${now})` })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running', 'failed'])
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  /** The status of a job in any workspace (undefined: gone). */
  async status(id: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('import_jobs').select('status').where('id', '=', id).executeTakeFirst();
    return row?.status;
  }

  /** Records a committed chunk. The caller checks, in the same transaction, that its run still holds the job. */
  async advance(id: string, p: JobProgress): Promise<void> {
    await this.db
      .updateTable('import_jobs')
      .set({ rows_done: p.rowsDone, rows_ok: p.rowsOk, rows_failed: p.rowsFailed, bytes_done: p.bytesDone, next_line: p.nextLine })
      .where('id', '=', id)
      .execute();
  }

  /** Ends a job as done (with its row count) or failed (with a reason for the manager). */
  async finish(id: string, outcome: { status: 'done' | 'failed'; error: string | null; rowsTotal: number | null }, now: number): Promise<void> {
    await this.db
      .updateTable('import_jobs')
      .set({ status: outcome.status, error: outcome.error, rows_total: outcome.rowsTotal, finished_at: now, claimed_by: null, claimed_until: null })
      .where('id', '=', id)
      .execute();
  }

  /** Shows a running job as queued again (its run stopped and handed it back). */
  async release(id: string): Promise<void> {
    await this.db.updateTable('import_jobs').set({ status: 'queued' }).where('id', '=', id).where('status', '=', 'running').execute();
  }

  /** Stores row problems of a job. */
  async addErrors(jobId: string, errors: ImportErrorInput[], maxParameters: number): Promise<void> {
    const perStatement = Math.max(1, Math.floor(maxParameters / 7) - 1);
    for (let i = 0; i < errors.length; i += perStatement) {
      await this.db
        .insertInto('import_errors')
        .values(
          errors.slice(i, i + perStatement).map((e) => ({
            job_id: jobId, row_number: e.rowNumber, column_name: e.column, reason: e.reason, code: e.code ?? null, params: e.params ? writeJson(e.params) : null, raw: e.raw,
          })),
        )
        .execute();
    }
  }

  /** A page of a job's row problems in file order, after a cursor (the last error id seen). */
  async errors(jobId: string, limit: number, afterId: number | null): Promise<ImportErrorRow[]> {
    let q = this.db.selectFrom('import_errors').select(['id', 'row_number', 'column_name', 'reason', 'code', 'params', 'raw']).where('job_id', '=', jobId);
    if (afterId !== null) q = q.where('id', '>', afterId);
    const rows = await q.orderBy('id').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id, rowNumber: r.row_number, column: r.column_name, reason: r.reason, code: r.code, params: r.params === null ? null : readJson<Record<string, string | number>>(r.params, {}), raw: r.raw,
    }));
  }
}
