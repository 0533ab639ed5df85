import { constants, createWriteStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { type App, createApp } from '../../main.js';
import type { Config } from '../../platform/config.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { CsvDelimiter, CsvEncoding } from './csv/index.js';
import type { JobProgress } from './imports.repo.js';
import { type ImportJob, isImportKind, type StartOptions } from './imports.service.js';
import { isReportLanguage, type ReportLanguage } from './report-language.js';
import { ImportRunner } from './imports.worker.js';

// `klientura import customers|orders FILE --workspace ID`: the same job as an upload, run at once in
// this process with the worker's code. Progress goes to stderr, the summary to stdout. Bad rows
// do not make the command fail (they are in the error report); an unreadable file or a mapping
// that cannot run does.

const usage = `Usage: klientura import customers|orders FILE --workspace ID [--mapping JSON] [--encoding utf-8|windows-1251|utf-16le] [--delimiter ,|;|tab] [--lang en|ru] [--json]

  --mapping    columns by field, 0-based, e.g. '{"phone":0,"email":1,"fullName":2}' (default: guessed from the header)
  --lang       language of the error report (default: en)`;

const encodings: readonly CsvEncoding[] = ['utf-8', 'windows-1251', 'utf-16le'];
const delimiters: Record<string, CsvDelimiter> = { ',': ',', ';': ';', tab: '\t', '\t': '\t', '\\t': '\t' };

/** Runs `klientura import`; returns the exit code (0 even when some rows were rejected). */
export async function importCommand(config: Config, args: string[]): Promise<number> {
  const parsed = parseOptions(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n\n${usage}`);
    return 2;
  }
  const app = await createApp({ config: { ...config, LOG_LEVEL: config.LOG_LEVEL === 'silent' ? 'silent' : 'warn' }, role: 'tool' });
  try {
    return await run(app, parsed);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await app.close();
  }
}

interface Options {
  kind: 'customers' | 'orders';
  file: string;
  workspace: string;
  start: StartOptions;
  lang: ReportLanguage;
  json: boolean;
}

function parseOptions(args: string[]): Options | string {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' }, mapping: { type: 'string' }, encoding: { type: 'string' }, delimiter: { type: 'string' }, lang: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const [kind, file, extra] = positionals;
  if (!kind || !isImportKind(kind) || !file || extra !== undefined) return 'Name what to import (customers or orders) and one file.';
  if (!values.workspace) return '--workspace is required.';
  const start: StartOptions = {};
  if (values.mapping !== undefined) {
    const mapping = readMapping(values.mapping);
    if (!mapping) return '--mapping must be a JSON object of field names and 0-based column numbers.';
    start.mapping = mapping;
  }
  if (values.encoding !== undefined) {
    const encoding = encodings.find((e) => e === values.encoding?.toLowerCase());
    if (!encoding) return `--encoding must be one of ${encodings.join(', ')}.`;
    start.encoding = encoding;
  }
  if (values.delimiter !== undefined) {
    const delimiter = delimiters[values.delimiter];
    if (!delimiter) return '--delimiter must be ",", ";" or tab.';
    start.delimiter = delimiter;
  }
  const lang = values.lang ?? 'en';
  if (!isReportLanguage(lang)) return '--lang must be en or ru.';
  return { kind, file: resolve(file), workspace: values.workspace, start, lang, json: values.json ?? false };
}

function readMapping(text: string): Record<string, number> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out: Record<string, number> = {};
  for (const [field, column] of Object.entries(value)) {
    if (typeof column !== 'number' || !Number.isInteger(column) || column < 0) return null;
    out[field] = column;
  }
  return out;
}

async function run(app: App, options: Options): Promise<number> {
  const { imports, customers, orders, workspaces } = app.services;
  await workspaces.get(options.workspace);
  await checkReadable(options.file);
  const created = await imports.create(options.workspace, { id: newId('imp'), path: options.file, fileName: basename(options.file), kind: options.kind, createdBy: null });
  const holder = `cli:${hostname()}:${process.pid}`;
  const job = await imports.claimToRun(options.workspace, created.id, options.start, holder).catch(async (error: unknown) => {
    await imports.discard(options.workspace, created.id);
    throw error;
  });
  const runner = new ImportRunner({ db: app.db, logger: app.logger, imports, customers, orders, workspaces });
  const startedAt = Date.now();
  let latest: JobProgress | null = null;
  const ticker = setInterval(() => {
    if (latest) console.error(progressLine(latest, created.fileSize, Date.now() - startedAt));
  }, 1000);
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once('SIGINT', interrupt);
  try {
    const outcome = await runner.run(job, holder, { signal: stop.signal, stopAs: 'fail', onProgress: (p) => (latest = p) });
    await imports.closeClaim(job, holder, outcome);
  } finally {
    clearInterval(ticker);
    process.off('SIGINT', interrupt);
  }
  const result = await imports.get(options.workspace, job.id);
  const seconds = (Date.now() - startedAt) / 1000;
  const report = result.rowsFailed > 0 ? await writeReport(app, options.workspace, result, options.lang) : null;
  if (options.json) {
    console.log(JSON.stringify({ id: result.id, status: result.status, rowsTotal: result.rowsTotal, rowsOk: result.rowsOk, rowsFailed: result.rowsFailed, seconds, errorReport: report, error: result.error }));
  } else {
    console.log(summary(result, seconds, report));
  }
  return result.status === 'done' ? 0 : 1;
}

function progressLine(p: JobProgress, fileSize: number, elapsedMs: number): string {
  const percent = fileSize > 0 ? Math.min(99, Math.floor((p.bytesDone / fileSize) * 100)) : 0;
  const perSecond = elapsedMs > 0 ? Math.round((p.rowsDone / elapsedMs) * 1000) : 0;
  return `${p.rowsDone} rows (${p.rowsFailed} rejected), ${perSecond} rows/s, ${percent}%`;
}

function summary(job: ImportJob, seconds: number, report: string | null): string {
  const lines = [
    `Import ${job.id} ${job.status}: ${job.rowsOk} rows imported, ${job.rowsFailed} rejected, in ${seconds.toFixed(1)} s.`,
  ];
  if (job.error) lines.push(job.error);
  if (report) lines.push(`Rejected rows and why: ${report}`);
  return lines.join('\n');
}

async function writeReport(app: App, workspaceId: string, job: ImportJob, lang: ReportLanguage): Promise<string> {
  const path = await app.services.imports.reportPath(job.id);
  await pipeline(Readable.from(app.services.imports.errorReport(workspaceId, job.id, lang)), createWriteStream(path));
  return path;
}

// A path the person typed: say in one line what is wrong with it rather than fail later with a stack trace.
async function checkReadable(path: string): Promise<void> {
  const refuse = (why: string) => new DomainError('validation_failed', `${path} ${why}`, [{ field: 'file', reason: why }]);
  try {
    if ((await stat(path)).isDirectory()) throw refuse('is a directory, not a CSV file.');
    await access(path, constants.R_OK);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'ENOENT' || code === 'ENOTDIR') throw refuse('does not exist.');
    if (code === 'EACCES' || code === 'EPERM') throw refuse('cannot be read: permission denied.');
    throw refuse(`cannot be read${code ? ` (${code})` : ''}.`);
  }
}
