import { CsvTokenizer } from '../../../../modules/imports/csv/tokenizer.js';
import type { ImportDelimiter, ImportEncoding } from '../../api/types.js';

// When the manager picks another encoding or delimiter, the first rows are read again here, in the
// browser, from the first bytes of the file, with the server's own tokenizer: what the table shows
// is what the import will read, without uploading the file again.

/** The header and first data rows of a file. */
export interface SampleTable {
  headers: string[];
  rows: string[][];
}

// As many rows as the server's preview shows.
const PREVIEW_ROWS = 10;

/**
 * Reads the header and first rows from the start of a file in a format; null when the header row
 * cannot be read that way. `complete` says the sample is the whole file (its last row is whole).
 */
export function readSample(sample: ArrayBuffer, encoding: ImportEncoding, delimiter: ImportDelimiter, complete: boolean): SampleTable | null {
  // A sample cut inside a multi-byte character leaves that character out, as the server does.
  const text = new TextDecoder(encoding).decode(sample, { stream: !complete });
  const tokenizer = new CsvTokenizer(delimiter);
  const [header, ...rest] = [...tokenizer.push(text), ...(complete ? tokenizer.end() : [])];
  if (!header?.ok) return null;
  const rows: string[][] = [];
  for (const token of rest) {
    if (rows.length === PREVIEW_ROWS) break;
    if (token.ok) rows.push(token.fields);
  }
  return { headers: header.fields.map((f) => f.trim()), rows };
}
