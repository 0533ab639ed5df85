import { type Reason, reason } from '../../../platform/reasons.js';
// Incremental CSV tokenizer over decoded text, fed chunk by chunk so a file never sits in memory.
//
// Rules (RFC 4180 plus what Excel and 1C really write):
// - a field that starts with `"` is quoted: `""` inside is one quote, delimiters and line breaks
//   inside are data; a quote inside an unquoted field is an ordinary character (1C writes
//   `ООО "Ромашка"` unquoted);
// - line breaks may be `\r\n`, `\n` or `\r`; inside quoted fields they come out as `\n`;
// - rows may have any number of fields; blank lines and rows of empty fields are skipped.
//
// A broken row does not stop the file. Two defects are detected: text right after a closing quote
// (`"Иванов"Иван,…`) and a quote that never closes before the end of the file or within
// maxQuotedChars. Either way the row is reported with the line it starts on, and reading resumes
// at the next physical line, so an unclosed quote costs one row instead of swallowing the rest
// of the file. We tokenize ourselves rather than with csv-parse because csv-parse cannot resume
// there: after an unclosed quote it skips everything up to the next quote as one record, and its
// line counter counts a `\r\n` inside quotes as two lines.

/** One event of the tokenizer: a row of raw fields, or a row that could not be read. */
export type CsvToken =
  | { ok: true; line: number; fields: string[] }
  | ({ ok: false; line: number } & Reason);

/** Options of a tokenizer. */
export interface CsvTokenizerOptions {
  /** A quoted field longer than this is taken as an unclosed quote (Excel cells hold at most 32,767 characters). */
  maxQuotedChars?: number;
  /** A row longer than this is reported as broken instead of being buffered further. */
  maxRowChars?: number;
}

const QUOTE = 34;
const NL = 10;
const SPACE = 32;

type Step =
  | { kind: 'row'; fields: string[]; next: number; breaks: number }
  | { kind: 'more' }
  | ({ kind: 'broken' } & Reason);

const MORE: Step = { kind: 'more' };

/** Splits decoded CSV text into rows; feed it with push() and finish with end(). */
export class CsvTokenizer {
  private readonly delimiter: number;
  private readonly maxQuoted: number;
  private readonly maxRow: number;
  private pending = '';
  private line = 1;
  private carryCR = false;
  private skippingLine = false;
  private started = false;

  constructor(delimiter: string, options: CsvTokenizerOptions = {}) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(`unsupported CSV delimiter ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
    this.maxQuoted = options.maxQuotedChars ?? 65_536;
    this.maxRow = options.maxRowChars ?? 1_048_576;
  }

  /** Feeds the next piece of text and returns the rows completed by it. */
  push(text: string): CsvToken[] {
    return this.run(text, false);
  }

  /** Signals the end of the input and returns the remaining rows. */
  end(): CsvToken[] {
    return this.run('', true);
  }

  private run(chunk: string, final: boolean): CsvToken[] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // A "\r" at the end of a chunk may be the first half of "\r\n"; hold it back until we know.
    if (this.carryCR) text = '\r' + text;
    this.carryCR = !final && text.endsWith('\r');
    if (this.carryCR) text = text.slice(0, -1);
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');

    const out: CsvToken[] = [];
    let buf = this.pending + text;
    let pos = 0;
    if (this.skippingLine) {
      const nl = buf.indexOf('\n');
      if (nl === -1) {
        this.pending = '';
        return out;
      }
      this.skippingLine = false;
      this.line += 1;
      pos = nl + 1;
    }
    while (pos < buf.length) {
      const step = this.readRow(buf, pos, final);
      if (step.kind === 'more') break;
      if (step.kind === 'row') {
        if (step.fields.some((f) => f.trim() !== '')) out.push({ ok: true, line: this.line, fields: step.fields });
        this.line += step.breaks;
        pos = step.next;
        continue;
      }
      out.push({ ok: false, line: this.line, reason: step.reason, code: step.code, params: step.params });
      // Resume on the physical line after the one the broken row starts on.
      const nl = buf.indexOf('\n', pos);
      if (nl === -1) {
        pos = buf.length;
        this.skippingLine = !final;
        break;
      }
      this.line += 1;
      pos = nl + 1;
    }
    buf = buf.slice(pos);
    this.pending = final ? '' : buf;
    return out;
  }

  // Reads one row starting at `start`; "more" when the row may continue past the buffered text.
  private readRow(buf: string, start: number, final: boolean): Step {
    const fields: string[] = [];
    const len = buf.length;
    let breaks = 0;
    let i = start;
    for (;;) {
      if (i < len && buf.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = buf.indexOf('"', from);
          if (q === -1 || (q + 1 >= len && !final)) {
            if (final && q === -1) return { kind: 'broken', ...reason('quote_not_closed', {}) };
            if (len - i > this.maxQuoted) return { kind: 'broken', ...reason('quote_not_closed', {}) };
            return MORE;
          }
          value += buf.slice(from, q);
          if (q + 1 < len && buf.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            from = q + 2;
            continue;
          }
          // Closing quote; spaces before the next delimiter are tolerated.
          let k = q + 1;
          while (k < len && buf.charCodeAt(k) === SPACE && this.delimiter !== SPACE) k++;
          if (k >= len && !final) return MORE;
          breaks += countBreaks(value);
          fields.push(value);
          if (k >= len) return { kind: 'row', fields, next: len, breaks };
          const c = buf.charCodeAt(k);
          if (c === this.delimiter) {
            i = k + 1;
            break;
          }
          if (c === NL) return { kind: 'row', fields, next: k + 1, breaks: breaks + 1 };
          return { kind: 'broken', ...reason('text_after_quote', {}) };
        }
        continue;
      }
      let k = i;
      while (k < len) {
        const c = buf.charCodeAt(k);
        if (c === this.delimiter || c === NL) break;
        k++;
      }
      if (k >= len) {
        if (!final) return len - start > this.maxRow ? { kind: 'broken', ...reason('row_too_long', {}) } : MORE;
        fields.push(buf.slice(i, k));
        return { kind: 'row', fields, next: len, breaks };
      }
      fields.push(buf.slice(i, k));
      if (buf.charCodeAt(k) === NL) return { kind: 'row', fields, next: k + 1, breaks: breaks + 1 };
      i = k + 1;
    }
  }
}

function countBreaks(value: string): number {
  let n = 0;
  for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) n++;
  return n;
}
