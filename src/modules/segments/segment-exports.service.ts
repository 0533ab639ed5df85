import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import { once } from 'node:events';
import type { z } from 'zod';
import { fractionDigits } from '../../common/money.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { domainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';
import { type ExportFormat, exportFormats, fileHeader, memberLines, minimumRows } from './audience-files.js';
import { type ExportRow, SegmentExportsRepo } from './segment-exports.repo.js';
import type { exportSchema } from './segment-exports.schemas.js';
import type { SegmentsService } from './segments.service.js';

/** An export as the API shows it. */
export type SegmentExport = z.infer<typeof exportSchema>;

/** The job kind that writes an export's file. */
export const EXPORT_JOB = 'segments.export';
// Members read per page while a file is written.
const page = 5000;

/** Audience exports: requested by a person, written by a job, recorded for good. */
export class SegmentExportsService {
  private readonly dir: string;

  constructor(
    private readonly db: Db,
    private readonly segments: SegmentsService,
    private readonly workspaces: WorkspacesService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    dataDir: string,
  ) {
    this.dir = resolve(dataDir, 'exports');
  }

  private repo(): SegmentExportsRepo {
    return new SegmentExportsRepo(this.db.kysely);
  }

  /** Records an export of a segment and queues the job that writes it. */
  async request(workspaceId: string, segmentId: string, format: ExportFormat, language: 'ru' | 'en', userId: string | null): Promise<SegmentExport> {
    const segment = await this.segments.row(workspaceId, segmentId);
    const id = newId('exp');
    const now = this.clock.now();
    await this.db.kysely.transaction().execute(async (trx) => {
      await new SegmentExportsRepo(trx).insert({
        id, workspace_id: workspaceId, segment_id: segmentId, segment_name: segment.name, format, language, status: 'queued', rows: null, members: null,
        file_path: null, error: null, created_by: userId, created_at: now, finished_at: null,
      });
      await this.jobs.enqueue(EXPORT_JOB, { exportId: id }, { workspaceId, idempotencyKey: id, within: trx });
    });
    this.jobs.wake();
    return this.get(workspaceId, id);
  }

  /** An export of the workspace. */
  async get(workspaceId: string, id: string): Promise<SegmentExport> {
    return present(await this.row(workspaceId, id));
  }

  private async row(workspaceId: string, id: string): Promise<ExportRow> {
    const row = await this.repo().get(workspaceId, id);
    if (!row) throw notFound('Export');
    return row;
  }

  /** A segment's exports, newest first. */
  async list(workspaceId: string, segmentId: string): Promise<SegmentExport[]> {
    await this.segments.row(workspaceId, segmentId);
    return (await this.repo().list(workspaceId, segmentId, 50)).map(present);
  }

  /** Where a finished export's file is, with the name to offer for it. */
  async file(workspaceId: string, id: string): Promise<{ path: string; name: string; contentType: string }> {
    const row = await this.row(workspaceId, id);
    if (row.status !== 'done' || !row.file_path) throw domainError('conflict', 'segments.export_not_ready', 'The export is not finished');
    const safeName = row.segment_name.replace(/[^\p{L}\p{N} _-]+/gu, '_').slice(0, 80) || 'segment';
    return { path: row.file_path, name: `${safeName}-${row.format}.csv`, contentType: 'text/csv; charset=utf-8' };
  }

  /**
   * Writes an export's file from the segment's members (the job's work): into a temporary file,
   * renamed when complete, so running it again after a crash writes the same file once.
   */
  async run(workspaceId: string, id: string, progress: (state: unknown) => Promise<unknown>): Promise<{ rows: number }> {
    const repo = this.repo();
    const row = await this.row(workspaceId, id);
    if (row.status === 'done') return { rows: Number(row.rows ?? 0) };
    const format = asFormat(row.format);
    const total = Math.max(1, (await this.segments.get(workspaceId, row.segment_id).catch(() => null))?.count ?? 1);
    await repo.update(id, { status: 'running', progress: 0 });
    await mkdir(this.dir, { recursive: true });
    const path = resolve(this.dir, `${id}.csv`);
    const temp = `${path}.part`;
    const out = createWriteStream(temp, { encoding: 'utf8' });
    const digits = fractionDigits((await this.workspaces.get(workspaceId)).currency);
    const language = row.language === 'en' ? 'en' : 'ru';
    const seen = new Set<string>();
    let rows = 0;
    let members = 0;
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    try {
      await write(fileHeader(format, language));
      for (let after = 0; ;) {
        const batch = await repo.contacts(workspaceId, row.segment_id, after, page);
        if (batch.length === 0) break;
        for (const m of batch) {
          for (const line of memberLines(format, m, seen, digits)) {
            await write(line);
            rows++;
          }
        }
        members += batch.length;
        after = batch[batch.length - 1]?.id ?? after;
        const share = Math.min(1, members / total);
        await repo.update(id, { progress: share, members });
        await progress({ members, rows, share });
      }
      out.end();
      await once(out, 'finish');
      await rename(temp, path);
    } catch (error) {
      out.destroy();
      throw error;
    }
    const minimum = minimumRows[format];
    await repo.update(id, {
      status: 'done', rows, members, progress: 1, file_path: path, finished_at: this.clock.now(),
      error: minimum !== null && rows < minimum ? `Fewer rows (${rows}) than the advertising system accepts (${minimum})` : null,
    });
    return { rows };
  }

  /** Records a failed export. */
  async markFailed(id: string, error: string): Promise<void> {
    await this.repo().update(id, { status: 'failed', error, finished_at: this.clock.now() });
  }
}

function present(row: ExportRow): SegmentExport {
  const format = asFormat(row.format);
  const status = (['queued', 'running', 'done', 'failed'] as const).find((s) => s === row.status) ?? 'failed';
  return {
    id: row.id, segmentId: row.segment_id, segmentName: row.segment_name, format, status,
    rows: row.rows === null ? null : Number(row.rows), members: row.members === null ? null : Number(row.members), progress: Number(row.progress),
    minimumRows: minimumRows[format] ?? null, error: row.error, createdBy: row.created_by, createdAt: Number(row.created_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}

function asFormat(value: string): ExportFormat {
  return exportFormats.find((f) => f === value) ?? 'csv';
}
