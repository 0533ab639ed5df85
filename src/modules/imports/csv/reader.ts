import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { DomainError } from '../../../platform/errors.js';
import { type CsvDelimiter, type CsvEncoding, type CsvFormat, detectFormat } from './detect.js';
import type { ImportKind } from './fields.js';
import { autoMap, type Mapping, type MappingProblem, validateMapping } from './headers.js';
import { type CsvToken, CsvTokenizer } from './tokenizer.js';
import type { Reason } from '../../../platform/reasons.js';

// Streaming access to an uploaded CSV file: previewCsv() for the mapping screen, readCsvHeader()
// and readCsvRows() for the import job. The file is read in 64 KiB chunks and decoded and split
// as it goes, so a file of a million rows never sits in memory.
//
// Row numbers are physical line numbers, 1-based, the header row being 1 in a file without
// leading blank lines; a row spanning lines (a quoted line break) has the number of its first line.
// The header is the first non-blank row; blank rows are skipped but still counted.
// A broken row (bad quoting) does not stop reading: it comes out as { ok: false, rowNumber,
// reason } and reading goes on at the next line (see tokenizer.ts).

/** How to read a file: normally the result of detectFormat() or the manager's correction of it. */
export interface CsvReadOptions {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  /** Skip rows numbered below this line, to resume an interrupted import (the file is still scanned from the start). */
  fromLine?: number;
}

/** A data row with its raw, untrimmed cells, or a row that could not be read. */
export type CsvRow =
  | { ok: true; rowNumber: number; fields: string[]; bytesRead: number }
  | ({ ok: false; rowNumber: number; bytesRead: number } & Reason);

/** What the mapping screen shows before an import starts. */
export interface CsvPreview extends CsvFormat {
  /** Titles of the header row, trimmed. */
  headers: string[];
  /** The first data rows (up to 10), raw cells. */
  rows: string[][];
  /** The guessed column mapping. */
  mapping: Mapping;
  /** What keeps the guessed mapping from running; empty when it can run as is. */
  problems: MappingProblem[];
}

const CHUNK = 64 * 1024;
const PREVIEW_ROWS = 10;

type Located = CsvToken & { bytesRead: number };

// `bytesRead` is the number of file bytes consumed when the row came out: exact enough for a
// progress bar against the file size.
async function* tokens(path: string, options: CsvReadOptions): AsyncGenerator<Located> {
  const decoder = iconv.getDecoder(options.encoding);
  const tokenizer = new CsvTokenizer(options.delimiter);
  let bytesRead = 0;
  for await (const data of createReadStream(path, { highWaterMark: CHUNK })) {
    const chunk: Buffer = data;
    bytesRead += chunk.length;
    for (const t of tokenizer.push(decoder.write(chunk))) yield { ...t, bytesRead };
  }
  const rest = [...tokenizer.push(decoder.end() ?? ''), ...tokenizer.end()];
  for (const t of rest) yield { ...t, bytesRead };
}

function headerOf(first: CsvToken | undefined): string[] {
  if (!first) {
    throw new DomainError('validation_failed', 'The file is empty: it has no header row.', [{ field: 'file', reason: 'empty' }]);
  }
  if (!first.ok) {
    throw new DomainError('validation_failed', `The header row (line ${first.line}) cannot be read: ${first.reason}.`, [
      { field: 'file', reason: first.reason, index: first.line },
    ]);
  }
  return first.fields.map((f) => f.trim());
}

/** Reads the header row; throws a validation DomainError when the file is empty or the header is broken. */
export async function readCsvHeader(path: string, options: CsvReadOptions): Promise<string[]> {
  for await (const t of tokens(path, options)) return headerOf(t);
  return headerOf(undefined);
}

/**
 * Streams the data rows of a file (the header is skipped: read it with readCsvHeader), good and
 * broken, in file order. Yields nothing for an empty file; throws like readCsvHeader when the
 * header row itself is broken.
 */
export async function* readCsvRows(path: string, options: CsvReadOptions): AsyncGenerator<CsvRow> {
  const fromLine = options.fromLine ?? 0;
  let header = true;
  for await (const t of tokens(path, options)) {
    if (header) {
      headerOf(t);
      header = false;
      continue;
    }
    if (t.line < fromLine) continue;
    yield t.ok
      ? { ok: true, rowNumber: t.line, fields: t.fields, bytesRead: t.bytesRead }
      : { ok: false, rowNumber: t.line, reason: t.reason, code: t.code, params: t.params, bytesRead: t.bytesRead };
  }
}

/** Reads the first 64 KiB of a file, detects its format and guesses the column mapping. */
export async function previewCsv(path: string, kind: ImportKind): Promise<CsvPreview> {
  const handle = await open(path, 'r');
  let sample: Buffer;
  try {
    const buffer = Buffer.alloc(CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const format = detectFormat(sample);
  const whole = sample.length < CHUNK;
  const decoder = iconv.getDecoder(format.encoding);
  const tokenizer = new CsvTokenizer(format.delimiter);
  const text = decoder.write(sample) + (whole ? (decoder.end() ?? '') : '');
  const found = [...tokenizer.push(text), ...(whole ? tokenizer.end() : [])];
  const headers = headerOf(found[0]);
  const rows: string[][] = [];
  for (const t of found.slice(1)) {
    if (rows.length === PREVIEW_ROWS) break;
    if (t.ok) rows.push(t.fields);
  }
  const mapping = autoMap(kind, headers);
  return { ...format, headers, rows, mapping, problems: validateMapping(kind, mapping, headers) };
}
