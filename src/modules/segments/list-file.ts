import iconv from 'iconv-lite';
import { detectFormat } from '../imports/csv/detect.js';
import { CsvTokenizer } from '../imports/csv/tokenizer.js';

// A list of people as marketers bring it: a CSV or a plain column from Excel or 1C (UTF-8,
// Windows-1251 or UTF-16; "," ";" or tab), with or without a header. The column read is the one
// whose header names a phone, e-mail, card or id; without such a header, the first column.

/** A value of the list with the file line it came from. */
export interface ListValue {
  line: number;
  value: string;
}

/** What a list file holds: its values, and the lines that could not be read. */
export interface ListFile {
  column: string | null;
  values: ListValue[];
  broken: { line: number; reason: string }[];
}

const headerWords = /^(телефон|тел\.?|мобильный|phone|mobile|e-?mail|почта|эл\.?\s*почта|карта|card|номер карты|id|external_id|клиент)$/i;

/** Reads a list file's values. */
export function readListFile(bytes: Buffer): ListFile {
  const format = detectFormat(bytes.subarray(0, 65_536));
  const text = iconv.decode(bytes, format.encoding);
  const tokenizer = new CsvTokenizer(format.delimiter);
  const tokens = [...tokenizer.push(text), ...tokenizer.end()];
  const broken: ListFile['broken'] = [];
  const rows: { line: number; fields: string[] }[] = [];
  for (const t of tokens) {
    if (t.ok) rows.push({ line: t.line, fields: t.fields });
    else broken.push({ line: t.line, reason: t.reason });
  }
  let column = 0;
  let header: string | null = null;
  const first = rows[0];
  if (first) {
    const named = first.fields.findIndex((f) => headerWords.test(f.trim()));
    // A first row with a known column name, or with no digit and no "@" anywhere, is a header.
    if (named >= 0 || first.fields.every((f) => !/[\d@]/.test(f))) {
      column = Math.max(0, named);
      header = first.fields[column]?.trim() ?? null;
      rows.shift();
    }
  }
  const values: ListValue[] = [];
  for (const r of rows) {
    const value = (r.fields[column] ?? '').trim();
    if (value) values.push({ line: r.line, value });
  }
  return { column: header, values, broken };
}
