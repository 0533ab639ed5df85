import type { Db } from '../../platform/db/database.js';
import { withWriteRetry } from '../../platform/db/retry.js';
import { DomainError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { CleanProfile } from '../customers/profile-input.js';
import type { OrderInput, OrdersService } from '../orders/orders.service.js';
import type { Workspace, WorkspacesService } from '../workspaces/workspaces.service.js';
import { type CsvRow, readCsvHeader, readCsvRows } from './csv/index.js';
import { customerFromRow, type Line, orderFromLines, orderKey, type RowContext, rowErrors } from './import-row.js';
import { type ImportErrorInput, ImportsRepo, type JobProgress } from './imports.repo.js';
import { type ClaimedImport, type ImportsService, jobFormat } from './imports.service.js';

/** Rows written per transaction: big enough to be fast, small enough to keep the database responsive. */
export const CHUNK_ROWS = 1000;
/** Rows whose problems are kept for the report; failures past this are only counted. */
const MAX_REPORTED_ROWS = 100_000;

/** What the runner needs from the rest of the platform. */
export interface RunnerDeps {
  db: Db;
  logger: Logger;
  imports: ImportsService;
  customers: CustomersService;
  orders: OrdersService;
  workspaces: WorkspacesService;
}

/** Options of one run: a signal to stop between rows, and a callback after each committed chunk. */
export interface RunOptions {
  signal?: AbortSignal;
  /** What a stopped job becomes: queued again for another worker (default), or failed (a person pressed Ctrl-C). */
  stopAs?: 'release' | 'fail';
  onProgress?: (progress: JobProgress) => void;
}

/** How a run ended: finished, handed back (stopping), or taken over by another holder. */
export type RunOutcome = 'done' | 'failed' | 'released' | 'lost';

// Rows processed together: one customer, one order (one or more rows) or one unreadable row.
interface Unit {
  rows: number;
  lastLine: number;
  bytes: number;
  write?: { profile: CleanProfile; order?: OrderInput };
  errors: ImportErrorInput[];
}

class LostClaim extends Error {}

/**
 * Processes one claimed job: streams the file from where it stopped, reads rows into customers and
 * orders, and writes them CHUNK_ROWS at a time, each chunk in one transaction together with its
 * errors and the job's counters, so a crash loses at most the chunk in flight and a resumed job
 * continues exactly after the last commit. The same code serves the worker and the CLI.
 */
export class ImportRunner {
  constructor(private readonly deps: RunnerDeps) {}

  /**
   * Runs an import whose queue job the holder has claimed, to the end or until the signal stops it.
   * Every write checks in its own transaction that the run still holds the job (and extends its
   * lease), so a run whose job was taken over writes nothing more. How many runs an import gets is
   * the queue job's max_attempts (IMPORT_MAX_RUNS).
   */
  async run(job: ClaimedImport, holder: string, options: RunOptions = {}): Promise<RunOutcome> {
    const { imports, logger } = this.deps;
    const fail = async (error: string): Promise<RunOutcome> => ((await imports.finish(job, holder, { status: 'failed', error, rowsTotal: null })) ? 'failed' : 'lost');
    const { kind, encoding, delimiter } = jobFormat(job);
    const format = { encoding, delimiter, fromLine: job.next_line };
    let headers: string[];
    try {
      headers = await readCsvHeader(job.file_path, format);
    } catch (error) {
      return fail(error instanceof DomainError ? error.message : `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    const workspace = await this.deps.workspaces.get(job.workspace_id);
    const ctx: RowContext = {
      kind, mapping: job.mapping, headers, timezone: workspace.timezone, currency: workspace.currency,
      phoneRegion: workspace.phoneRegion,
    };
    const state: JobProgress = {
      rowsDone: job.rows_done, rowsOk: job.rows_ok, rowsFailed: job.rows_failed, bytesDone: job.bytes_done,
      nextLine: job.next_line,
    };
    const batch = new Batch(ctx, format.delimiter);
    const commit = async (): Promise<void> => {
      const units = batch.take();
      if (units.length > 0) Object.assign(state, await this.commit(job, holder, workspace, units, state));
      options.onProgress?.({ ...state });
      // Let HTTP requests waiting for the database go first.
      await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      for await (const row of readCsvRows(job.file_path, format)) {
        if (options.signal?.aborted) {
          await commit();
          if (options.stopAs === 'fail') return fail(`Stopped after ${state.rowsDone} rows; run the import again to finish (rows already imported stay as they are).`);
          await imports.release(job, holder);
          return 'released';
        }
        batch.add(row);
        if (batch.ready()) await commit();
      }
      batch.end();
      await commit();
      return (await imports.finish(job, holder, { status: 'done', error: null, rowsTotal: state.rowsDone })) ? 'done' : 'lost';
    } catch (error) {
      if (error instanceof LostClaim) {
        logger.warn({ job: job.id }, 'import job was taken over by another worker');
        return 'lost';
      }
      logger.error({ err: error, job: job.id }, 'import job failed');
      return fail(`The import stopped after ${state.rowsDone} rows because of an unexpected error; the rows before it are imported.`);
    }
  }

  private async commit(job: ClaimedImport, holder: string, workspace: Workspace, units: Unit[], before: JobProgress): Promise<JobProgress> {
    const { db, customers, orders, imports } = this.deps;
    const next: JobProgress = { ...before };
    const errors: ImportErrorInput[] = [];
    for (const u of units) {
      next.rowsDone += u.rows;
      if (u.errors.length > 0) {
        if (next.rowsFailed < MAX_REPORTED_ROWS) errors.push(...u.errors);
        next.rowsFailed += u.rows;
      } else next.rowsOk += u.rows;
      next.bytesDone = Math.max(next.bytesDone, u.bytes);
      next.nextLine = Math.max(next.nextLine, u.lastLine + 1);
    }
    await withWriteRetry(db.caps, () =>
      db.kysely.transaction().execute(async (trx) => {
        // First, so that the job's row stays locked (PostgreSQL) until this chunk commits.
        if (!(await imports.stillHeld(trx, job, holder))) throw new LostClaim();
        const changed = new Set<number>();
        for (const u of units) {
          if (!u.write) continue;
          const { customerId } = await customers.applyProfile(trx, workspace.id, u.write.profile, { fillOnly: true });
          if (!u.write.order) continue;
          const recorded = await orders.record(trx, workspace.id, workspace.timezone, customerId, u.write.order, 'import');
          if (recorded.created) changed.add(customerId);
        }
        if (changed.size > 0) await orders.refreshStats(trx, workspace.id, changed);
        const repo = new ImportsRepo(trx);
        if (errors.length > 0) await repo.addErrors(job.id, errors, db.caps.maxParameters);
        await repo.advance(job.id, next);
      }),
    );
    return next;
  }
}

// Collects rows into units: customers one per row; orders one per run of consecutive rows with
// the same order number. An order is never cut by a commit, so a resumed job sees it whole;
// unreadable rows met inside an order wait with it, so resuming never reports them twice.
class Batch {
  private units: Unit[] = [];
  private rows = 0;
  private group: (Line & { bytes: number })[] = [];
  private groupKey: string | null = null;
  private waiting: Unit[] = [];

  constructor(
    private readonly ctx: RowContext,
    private readonly delimiter: string,
  ) {}

  add(row: CsvRow): void {
    if (!row.ok) {
      const unit: Unit = { rows: 1, lastLine: row.rowNumber, bytes: row.bytesRead, errors: [{ rowNumber: row.rowNumber, column: null, reason: row.reason, code: row.code, params: row.params, raw: null }] };
      if (this.group.length > 0) this.waiting.push(unit);
      else this.push(unit);
      return;
    }
    const line = { rowNumber: row.rowNumber, fields: row.fields, bytes: row.bytesRead };
    if (this.ctx.kind === 'customers') {
      const result = customerFromRow(line, this.ctx);
      this.push({ ...this.base([line]), ...(result.ok ? { write: { profile: result.profile } } : { errors: rowErrors([line], result.problems, this.delimiter) }) });
      return;
    }
    const key = orderKey(line, this.ctx);
    if (this.group.length > 0 && (key === null || key !== this.groupKey)) this.closeGroup();
    this.group.push(line);
    this.groupKey = key;
    if (key === null) this.closeGroup();
  }

  /** Whether enough rows are complete to commit. */
  ready(): boolean {
    return this.rows >= CHUNK_ROWS;
  }

  /** Completes the last order at the end of the file. */
  end(): void {
    if (this.group.length > 0) this.closeGroup();
  }

  /** Hands over the complete units and starts a new batch. */
  take(): Unit[] {
    const units = this.units;
    this.units = [];
    this.rows = 0;
    return units;
  }

  private push(unit: Unit): void {
    this.units.push(unit);
    this.rows += unit.rows;
  }

  private closeGroup(): void {
    const lines = this.group;
    const result = orderFromLines(lines, this.ctx);
    this.push({ ...this.base(lines), ...(result.ok ? { write: result } : { errors: rowErrors(lines, result.problems, this.delimiter) }) });
    for (const unit of this.waiting) this.push(unit);
    this.group = [];
    this.groupKey = null;
    this.waiting = [];
  }

  private base(lines: (Line & { bytes: number })[]): Unit {
    const last = lines[lines.length - 1];
    return { rows: lines.length, lastLine: last?.rowNumber ?? 0, bytes: last?.bytes ?? 0, errors: [] };
  }
}
