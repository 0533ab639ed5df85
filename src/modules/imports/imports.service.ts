import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Clock } from '../../platform/clock.js';
import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { csvLine } from '../../platform/csv/csv-writer.js';
import { DomainError, invalid, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';
import {
  type CsvDelimiter, type CsvEncoding, type ImportKind, type Mapping, type MappingProblem, previewCsv, readCsvHeader,
  type TargetField, targetFields, validateMapping,
} from './csv/index.js';
import { type ImportErrorRow, type ImportJobRow, ImportsRepo } from './imports.repo.js';
import { type ReportLanguage, reportHeader, wordReason } from './report-language.js';
import { alreadyStarted } from './imports.errors.js';
import type { JobQueue } from '../../platform/jobs/jobs.service.js';

/** The kind of the job that runs an import (payload: the import's id). */
export const IMPORTS_RUN = 'imports.run';
/** Runs an import gets: one that stopped this many times without finishing (its file keeps killing workers) is given up. */
export const IMPORT_MAX_RUNS = 3;

/** An import held by one run of its queue job: the import's row and the job's id. */
export type ClaimedImport = ImportJobRow & { queueJobId: number };

/** An import job with its progress, as the API shows it. */
export interface ImportJob {
  id: string;
  kind: ImportKind;
  status: 'pending' | 'queued' | 'running' | 'done' | 'failed' | 'expired';
  fileName: string;
  fileSize: number;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  mapping: Mapping;
  /** Data rows in the file; null until the whole file has been read. */
  rowsTotal: number | null;
  rowsDone: number;
  rowsOk: number;
  rowsFailed: number;
  bytesDone: number;
  /** Share of the file read, 0–100 (100 only when done). */
  percent: number;
  rowsPerSecond: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: string | null;
}

/** A new job with what the mapping screen shows: headers, first rows, guessed mapping and its problems. */
export interface ImportPreview extends ImportJob {
  headers: string[];
  rows: string[][];
  fields: TargetField[];
  problems: MappingProblem[];
}

/** The manager's corrections when starting a job; anything absent keeps what the preview guessed. */
export interface StartOptions {
  mapping?: Record<string, number>;
  encoding?: CsvEncoding;
  delimiter?: CsvDelimiter;
}

/** A file placed where uploads live, before its job exists. */
export interface Upload {
  id: string;
  path: string;
}

const kinds: readonly string[] = ['customers', 'orders'];
const statuses: readonly ImportJob['status'][] = ['pending', 'queued', 'running', 'done', 'failed', 'expired'];
const encodings: readonly CsvEncoding[] = ['utf-8', 'windows-1251', 'utf-16le'];
const delimiters: readonly CsvDelimiter[] = [',', ';', '\t'];
const REPORT_PAGE = 1000;

/** A run's lease on its queue job lasts this long unless extended; every committed chunk extends it. */
export const CLAIM_MS = 60_000;
/** An upload not started within this time is deleted and its job marked expired. */
export const PENDING_TTL_MS = 24 * 3_600_000;
/** How often the workers look for expired uploads (by the app's clock; a recurring job). */
export const SWEEP_EVERY_MS = 10 * 60_000;
// The name newUpload() gives a file.
const uploadName = /^imp_[A-Za-z0-9_-]+\.csv$/;
// Ids of jobs looked up per statement when sweeping the uploads folder.
const SWEEP_LOOKUP = 500;

/** Whether a string names an import kind. */
export function isImportKind(value: string): value is ImportKind {
  return kinds.includes(value);
}

/**
 * Import jobs: upload and preview, start with a confirmed mapping, progress, and the error report.
 * The rows themselves are processed by ImportRunner (imports.worker.ts), in a worker or in the CLI.
 */
export class ImportsService {
  private readonly uploadDir: string;

  constructor(
    private readonly db: Db,
    private readonly workspaces: WorkspacesService,
    private readonly clock: Clock,
    dataDir: string,
    private readonly jobs: JobQueue,
  ) {
    this.uploadDir = resolve(dataDir, 'imports');
  }

  /** Where to write an uploaded file; the job takes the same id. */
  async newUpload(): Promise<Upload> {
    await mkdir(this.uploadDir, { recursive: true });
    const id = newId('imp');
    return { id, path: join(this.uploadDir, `${id}.csv`) };
  }

  /** Where the CLI writes a job's error report (the folder is created). */
  async reportPath(id: string): Promise<string> {
    await mkdir(this.uploadDir, { recursive: true });
    return join(this.uploadDir, `${id}.errors.csv`);
  }

  /** Creates a pending job for a file on disk (an upload, or a path given to the CLI) and previews it. */
  async create(workspaceId: string, file: { id: string; path: string; fileName: string; kind: string; createdBy: string | null }): Promise<ImportPreview> {
    if (!isImportKind(file.kind)) throw invalid('kind', 'must be customers or orders');
    await this.workspaces.get(workspaceId);
    const size = await fileSize(file.path);
    const preview = await previewCsv(file.path, file.kind);
    const now = this.clock.now();
    await new ImportsRepo(this.db.kysely).insert({
      id: file.id, workspaceId, kind: file.kind, fileName: basename(file.fileName).slice(0, 200) || 'import.csv',
      filePath: resolve(file.path), fileSize: size, encoding: preview.encoding, delimiter: preview.delimiter,
      mapping: preview.mapping, createdBy: file.createdBy, createdAt: now,
    });
    const job = await this.get(workspaceId, file.id);
    return { ...job, headers: preview.headers, rows: preview.rows, fields: targetFields(file.kind), problems: preview.problems };
  }

  /**
   * Queues a pending job with the confirmed format and mapping: the import is marked queued and an
   * imports.run job enqueued in one transaction (its idempotency key is the import's id); a worker
   * picks it up.
   */
  async start(workspaceId: string, id: string, options: StartOptions): Promise<ImportJob> {
    const job = await this.pending(workspaceId, id);
    const format = await this.confirm(job, options);
    await this.db.kysely.transaction().execute(async (trx) => {
      if (!(await new ImportsRepo(trx).queue(workspaceId, id, format))) throw notPending();
      await this.jobs.enqueue(IMPORTS_RUN, { importId: id }, { workspaceId, idempotencyKey: id, maxAttempts: IMPORT_MAX_RUNS, within: trx });
    });
    this.jobs.wake();
    return this.get(workspaceId, id);
  }

  /**
   * Checks a pending job like start() and hands it straight to one holder (the CLI), which runs it
   * itself: its queue job is claimed in the transaction that enqueues it, so no worker takes it.
   */
  async claimToRun(workspaceId: string, id: string, options: StartOptions, holder: string): Promise<ClaimedImport> {
    const job = await this.pending(workspaceId, id);
    const format = await this.confirm(job, options);
    return this.db.kysely.transaction().execute(async (trx) => {
      const repo = new ImportsRepo(trx);
      if (!(await repo.queue(workspaceId, id, format))) throw notPending();
      const queued = await this.jobs.enqueue(IMPORTS_RUN, { importId: id }, { workspaceId, idempotencyKey: id, maxAttempts: IMPORT_MAX_RUNS, within: trx });
      const claimed = await this.jobs.claimById(queued.id, holder, CLAIM_MS, trx);
      const row = claimed ? await repo.takeUp(id, this.clock.now()) : undefined;
      if (!claimed || !row) throw notPending();
      return { ...row, queueJobId: claimed.id };
    });
  }

  /**
   * Marks an import running for a run of its queue job and returns it; undefined when it has
   * finished already (a job run again after its import was done). An import that cannot run any
   * more (expired, or gone) is an error.
   */
  async takeUp(importId: string, queueJobId: number): Promise<ClaimedImport | undefined> {
    const repo = new ImportsRepo(this.db.kysely);
    const row = await repo.takeUp(importId, this.clock.now());
    if (row) return { ...row, queueJobId };
    const status = await repo.status(importId);
    if (status === 'done') return undefined;
    throw new Error(`import ${importId} cannot run: it is ${status ?? 'gone'}`);
  }

  /** Records that an import was given up (its runs kept stopping without finishing). */
  async giveUp(importId: string, reason: string): Promise<void> {
    await new ImportsRepo(this.db.kysely).finish(importId, { status: 'failed', error: reason, rowsTotal: null }, this.clock.now());
  }

  /** Whether a run still holds its import, extending its lease; call it inside the transaction of the run's writes. */
  async stillHeld(trx: Kysely<Database>, job: ClaimedImport, holder: string): Promise<boolean> {
    return this.jobs.extendLease(job.queueJobId, holder, CLAIM_MS, trx);
  }

  /** Ends the queue job of a run the CLI held, as the import ended: done, failed, or handed back. */
  async closeClaim(job: ClaimedImport, holder: string, outcome: 'done' | 'failed' | 'released' | 'lost'): Promise<void> {
    if (outcome === 'done') await this.jobs.complete(job.queueJobId, holder, { importId: job.id });
    else if (outcome === 'failed') {
      const { error } = await this.row(job.workspace_id, job.id);
      await this.jobs.fail(job.queueJobId, holder, error ?? 'the import failed', { retry: false });
    }
  }

  /** Forgets a job that was never started (the CLI's job whose mapping cannot run). */
  async discard(workspaceId: string, id: string): Promise<void> {
    await new ImportsRepo(this.db.kysely).deletePending(workspaceId, id);
  }

  /** Cancels an upload that was never started: the job and its file are deleted; 409 once it has started. */
  async cancel(workspaceId: string, id: string): Promise<void> {
    const job = await this.row(workspaceId, id);
    if (!(await new ImportsRepo(this.db.kysely).deletePending(workspaceId, id))) throw notPending();
    await this.deleteUpload(job.file_path);
  }

  /**
   * Deletes uploads nobody started within PENDING_TTL_MS and marks their jobs expired. Then, for
   * what a crash may have left (a file written but its job never created, or a job ended but its
   * file not yet deleted), deletes the files of the uploads folder older than that whose job is
   * gone, expired or done. Failed jobs keep their files for inspection. All of it is read from the
   * database and the folder, so a restarted process finishes what a stopped one began.
   */
  async expireUploads(): Promise<{ expired: number; filesDeleted: number }> {
    const now = this.clock.now();
    const cutoff = now - PENDING_TTL_MS;
    const repo = new ImportsRepo(this.db.kysely);
    const expired = await repo.expirePending(cutoff, now, `Not started within ${PENDING_TTL_MS / 3_600_000} hours: the uploaded file was deleted. Upload it again to import it.`);
    let filesDeleted = 0;
    for (const job of expired) if (await this.deleteUpload(job.filePath)) filesDeleted += 1;
    const names = await readdir(this.uploadDir).catch(() => []);
    const old: string[] = [];
    for (const name of names) {
      // Only names the uploads themselves take (`imp_<id>.csv`): anything else in the folder is not ours to delete.
      if (!uploadName.test(name)) continue;
      const modified = await stat(join(this.uploadDir, name)).then((s) => s.mtimeMs, () => Number.POSITIVE_INFINITY);
      if (modified < cutoff) old.push(name.slice(0, -'.csv'.length));
    }
    for (let i = 0; i < old.length; i += SWEEP_LOOKUP) {
      const ids = old.slice(i, i + SWEEP_LOOKUP);
      const known = await repo.statuses(ids);
      for (const id of ids) {
        const status = known.get(id);
        if (status !== undefined && status !== 'expired' && status !== 'done') continue;
        if (await this.deleteUpload(join(this.uploadDir, `${id}.csv`))) filesDeleted += 1;
      }
    }
    return { expired: expired.length, filesDeleted };
  }

  // Deletes a file of the uploads folder (never a file the CLI was pointed at); true when one was deleted.
  private async deleteUpload(path: string): Promise<boolean> {
    if (dirname(resolve(path)) !== this.uploadDir) return false;
    return unlink(path).then(() => true, () => false);
  }

  /**
   * Ends a held run's import (lease checked in the same transaction, so a run that lost its job
   * changes nothing); a finished upload is deleted (the error report keeps the rows that failed).
   * False when the run no longer held the job.
   */
  async finish(job: ClaimedImport, holder: string, outcome: { status: 'done' | 'failed'; error: string | null; rowsTotal: number | null }): Promise<boolean> {
    const held = await this.db.kysely.transaction().execute(async (trx) => {
      if (!(await this.stillHeld(trx, job, holder))) return false;
      await new ImportsRepo(trx).finish(job.id, outcome, this.clock.now());
      return true;
    });
    if (held && outcome.status === 'done') await this.deleteUpload(job.file_path);
    return held;
  }

  /** Hands a held run's import and its queue job back together, for another worker to resume at once. */
  async release(job: ClaimedImport, holder: string): Promise<void> {
    await this.db.kysely.transaction().execute(async (trx) => {
      if (!(await this.jobs.releaseWithin(job.queueJobId, holder, trx))) return;
      await new ImportsRepo(trx).release(job.id);
    });
    this.jobs.wake();
  }

  /** One job with its progress. */
  async get(workspaceId: string, id: string): Promise<ImportJob> {
    return this.toJob(await this.row(workspaceId, id));
  }

  /** The newest jobs of a workspace. */
  async list(workspaceId: string, limit: number): Promise<ImportJob[]> {
    const rows = await new ImportsRepo(this.db.kysely).list(workspaceId, limit);
    return rows.map((r) => this.toJob(r));
  }

  /** A page of a job's row problems in file order. */
  async errors(workspaceId: string, id: string, limit: number, cursor: string | null): Promise<{ items: Omit<ImportErrorRow, 'id'>[]; nextCursor: string | null }> {
    const job = await this.row(workspaceId, id);
    const after = cursor === null ? null : Number(cursor);
    if (after !== null && !Number.isSafeInteger(after)) throw invalid('cursor', 'is not a cursor this API returned');
    const rows = await new ImportsRepo(this.db.kysely).errors(job.id, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(({ id: _id, ...rest }) => rest), nextCursor: rows.length > limit && last ? String(last.id) : null };
  }

  /**
   * The error report as CSV text in pieces: a UTF-8 BOM (so Excel reads it as UTF-8), then row,
   * column, reason (in the language asked for) and the raw row. It uses the delimiter of the
   * imported file: the spreadsheet program that wrote ";" (Russian locale) expects ";" when it
   * opens a file. Cells are written by the shared CSV writer, so none runs as a formula.
   */
  async *errorReport(workspaceId: string, id: string, lang: ReportLanguage = 'en'): AsyncGenerator<string> {
    const job = await this.row(workspaceId, id);
    const sep = job.delimiter;
    yield `\uFEFF${csvLine(reportHeader[lang], sep)}\r\n`;
    const repo = new ImportsRepo(this.db.kysely);
    for (let after: number | null = null; ; ) {
      const page = await repo.errors(job.id, REPORT_PAGE, after);
      if (page.length > 0) yield page.map((e) => `${csvLine([e.rowNumber, e.column, wordReason(e, lang), e.raw], sep)}\r\n`).join('');
      const last = page[page.length - 1];
      if (page.length < REPORT_PAGE || !last) return;
      after = last.id;
    }
  }

  /** A download name for a job's error report: the imported file's name with "-errors". */
  async reportFileName(workspaceId: string, id: string): Promise<string> {
    const job = await this.row(workspaceId, id);
    return `${job.file_name.replace(/\.[^.]*$/, '') || 'import'}-errors.csv`;
  }

  private async row(workspaceId: string, id: string): Promise<ImportJobRow> {
    const row = await new ImportsRepo(this.db.kysely).get(workspaceId, id);
    if (!row) throw notFound('Import');
    return row;
  }

  private async pending(workspaceId: string, id: string): Promise<ImportJobRow> {
    const job = await this.row(workspaceId, id);
    if (job.status !== 'pending') throw notPending();
    return job;
  }

  // The format and mapping a job runs with, checked against the header row read in that format.
  private async confirm(job: ImportJobRow, options: StartOptions): Promise<{ encoding: CsvEncoding; delimiter: CsvDelimiter; mapping: Mapping }> {
    const stored = jobFormat(job);
    const encoding = options.encoding ?? stored.encoding;
    const delimiter = options.delimiter ?? stored.delimiter;
    const kind = stored.kind;
    const headers = await readCsvHeader(job.file_path, { encoding, delimiter }).catch((error: unknown) => {
      if (error instanceof DomainError) throw error;
      throw new DomainError('validation_failed', 'The uploaded file can no longer be read; upload it again.', [{ field: 'file', reason: 'unreadable' }]);
    });
    const mapping: Mapping = options.mapping ?? job.mapping;
    const problems = validateMapping(kind, mapping, headers);
    if (problems.length > 0) {
      throw new DomainError(
        'validation_failed',
        `The mapping cannot run: ${problems.map((p) => p.message).join(' ')}`,
        problems.map((p) => ({ field: p.field ? `mapping.${p.field}` : 'mapping', reason: p.message })),
      );
    }
    return { encoding, delimiter, mapping };
  }

  private toJob(row: ImportJobRow): ImportJob {
    const done = row.status === 'done';
    const format = jobFormat(row);
    const elapsed = row.started_at === null ? 0 : (row.finished_at ?? this.clock.now()) - row.started_at;
    const share = row.file_size > 0 ? Math.floor((row.bytes_done / row.file_size) * 100) : 0;
    return {
      id: row.id,
      kind: format.kind,
      status: oneOf(statuses, row.status, 'failed'),
      fileName: row.file_name,
      fileSize: row.file_size,
      encoding: format.encoding,
      delimiter: format.delimiter,
      mapping: row.mapping,
      rowsTotal: row.rows_total,
      rowsDone: row.rows_done,
      rowsOk: row.rows_ok,
      rowsFailed: row.rows_failed,
      bytesDone: row.bytes_done,
      // The reader reports bytes in 64 KiB steps, ahead of the rows committed: 100 waits for the end.
      percent: done ? 100 : Math.min(99, share),
      rowsPerSecond: elapsed > 0 ? Math.round((row.rows_done / elapsed) * 1000) : 0,
      createdAt: row.created_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      error: row.error,
    };
  }
}

/** The kind and file format a stored job names (values outside the known sets fall back to defaults). */
export function jobFormat(row: ImportJobRow): { kind: ImportKind; encoding: CsvEncoding; delimiter: CsvDelimiter } {
  return {
    kind: row.kind === 'orders' ? 'orders' : 'customers',
    encoding: oneOf(encodings, row.encoding, 'utf-8'),
    delimiter: oneOf(delimiters, row.delimiter, ','),
  };
}

function oneOf<T extends string>(allowed: readonly T[], value: string, fallback: T): T {
  return allowed.find((a) => a === value) ?? fallback;
}

function notPending(): DomainError {
  return alreadyStarted();
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    throw new DomainError('validation_failed', `Cannot read the file ${path}`, [{ field: 'file', reason: 'cannot be read' }]);
  }
}
