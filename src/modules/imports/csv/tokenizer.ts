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
// maxQuotedChars of its row's start. Either way the row is reported with the line it starts on, and
// reading resumes at the next physical line, so an unclosed quote costs one row instead of
// swallowing the rest of the file. We tokenize ourselves rather than with csv-parse because
// csv-parse cannot resume there: after an unclosed quote it skips everything up to the next quote
// as one record, and its line counter counts a `\r\n` inside quotes as two lines.
//
// Large quoted cells: a cell of up to maxCellChars is read whole. A longer one whose closing quote
// comes within maxQuotedChars rejects its row ("the row is too long"), and reading resumes after
// the row's end, so the cell's inner lines are never read as rows. While a quoted field is waiting
// for its closing quote past LONG_AFTER characters, the text is only scanned for quotes as it
// arrives (not re-read with every chunk), so a long cell costs linear time.

/** One event of the tokenizer: a row of raw fields, or a row that could not be read. */
export type CsvToken =
  | { ok: true; line: number; fields: string[] }
  | ({ ok: false; line: number } & Reason);

/** Options of a tokenizer. */
export interface CsvTokenizerOptions {
  /** The longest cell read (default 1,048,576 characters); a longer quoted cell rejects its row. */
  maxCellChars?: number;
  /** A quote not closed within this many characters of its row's start is taken as never closed (default 8,388,608). */
  maxQuotedChars?: number;
  /** A row's unquoted text longer than this is reported as broken instead of being buffered further (default 1,048,576). */
  maxRowChars?: number;
}

/** Default of maxCellChars: the longest cell an import reads. */
export const MAX_CELL_CHARS = 1_048_576;
/** Default of maxQuotedChars: how far ahead of a row's start a closing quote is looked for. */
export const MAX_QUOTED_CHARS = 8 * 1_048_576;
// A quoted field still open past this many characters of its row is waited for by scanning only
// the new text for quotes.
const LONG_AFTER = 65_536;

const QUOTE = 34;
const NL = 10;
const SPACE = 32;

type Step =
  | { kind: 'row'; fields: string[]; next: number; breaks: number }
  | { kind: 'more' }
  | ({ kind: 'broken' } & Reason)
  // A whole row to reject, its end known: reading resumes after it, not on its next line.
  | ({ kind: 'skip'; next: number; breaks: number } & Reason)
  // A quoted field still open after LONG_AFTER characters; buf[scanFrom…] is not yet scanned for its closing quote.
  | { kind: 'long'; scanFrom: number };

// A row held while its long quoted field waits for the closing quote: its text so far in pieces,
// and whether the last piece ended on a quote that may be the first of a doubled one.
interface LongRow {
  parts: string[];
  size: number;
  pendingQuote: boolean;
}

const MORE: Step = { kind: 'more' };

/** Splits decoded CSV text into rows; feed it with push() and finish with end(). */
export class CsvTokenizer {
  private readonly delimiter: number;
  private readonly maxCell: number;
  private readonly maxQuoted: number;
  private readonly maxRow: number;
  private pending = '';
  private long: LongRow | null = null;
  private line = 1;
  private carryCR = false;
  private skippingLine = false;
  private started = false;

  constructor(delimiter: string, options: CsvTokenizerOptions = {}) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(`unsupported CSV delimiter ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
    this.maxCell = options.maxCellChars ?? MAX_CELL_CHARS;
    this.maxQuoted = options.maxQuotedChars ?? MAX_QUOTED_CHARS;
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
    let buf: string;
    let pos = 0;
    if (this.long) {
      const held = this.long;
      held.parts.push(text);
      held.size += text.length;
      // A quote ending the input closes the field.
      const closed = this.scanForClose(held, text) || (final && held.pendingQuote);
      if (!closed && !final && held.size <= this.maxQuoted) return out;
      // Closed (the row is read again whole, once), or given up as a quote never closed.
      this.long = null;
      buf = held.parts.join('');
      if (!closed) pos = this.broken(buf, 0, reason('quote_not_closed', {}), final, out);
    } else {
      buf = this.pending + text;
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
      if (step.kind === 'skip') {
        out.push({ ok: false, line: this.line, reason: step.reason, code: step.code, params: step.params });
        this.line += step.breaks;
        pos = step.next;
        continue;
      }
      if (step.kind === 'long') {
        const held: LongRow = { parts: [buf.slice(pos)], size: buf.length - pos, pendingQuote: false };
        this.scanForClose(held, buf.slice(step.scanFrom));
        if (held.size <= this.maxQuoted) {
          this.long = held;
          pos = buf.length;
          break;
        }
        pos = this.broken(buf, pos, reason('quote_not_closed', {}), final, out);
        continue;
      }
      pos = this.broken(buf, pos, step, final, out);
    }
    buf = buf.slice(pos);
    this.pending = final || this.long ? '' : buf;
    return out;
  }

  // Reports the row starting at `pos` as broken and returns where reading resumes: the physical
  // line after the one it starts on.
  private broken(buf: string, pos: number, why: Reason, final: boolean, out: CsvToken[]): number {
    out.push({ ok: false, line: this.line, reason: why.reason, code: why.code, params: why.params });
    const nl = buf.indexOf('\n', pos);
    if (nl === -1) {
      this.skippingLine = !final;
      return buf.length;
    }
    this.line += 1;
    return nl + 1;
  }

  // Scans new text of a held row for the quote closing its long field; true once it is found.
  private scanForClose(held: LongRow, piece: string): boolean {
    let k = 0;
    if (held.pendingQuote) {
      if (piece.length === 0) return false;
      held.pendingQuote = false;
      if (piece.charCodeAt(0) !== QUOTE) return true;
      k = 1;
    }
    for (;;) {
      const q = piece.indexOf('"', k);
      if (q === -1) return false;
      if (q + 1 >= piece.length) {
        held.pendingQuote = true;
        return false;
      }
      if (piece.charCodeAt(q + 1) !== QUOTE) return true;
      k = q + 2;
    }
  }

  // Reads one row starting at `start`; "more" when the row may continue past the buffered text.
  private readRow(buf: string, start: number, final: boolean): Step {
    const fields: string[] = [];
    const len = buf.length;
    let breaks = 0;
    let quoted = 0;
    let tooLong = false;
    let i = start;
    // The row's end: a row, or the rejection of a row holding a cell over maxCell.
    const end = (next: number, lineBreaks: number): Step =>
      tooLong ? { kind: 'skip', next, breaks: lineBreaks, ...reason('row_too_long', {}) } : { kind: 'row', fields, next, breaks: lineBreaks };
    for (;;) {
      if (i < len && buf.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = buf.indexOf('"', from);
          if (q === -1 || (q + 1 >= len && !final)) {
            if (final && q === -1) return { kind: 'broken', ...reason('quote_not_closed', {}) };
            if (len - start > Math.min(LONG_AFTER, this.maxQuoted)) return { kind: 'long', scanFrom: q === -1 ? len : q };
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
          quoted += q + 1 - i;
          if (value.length > this.maxCell) tooLong = true;
          fields.push(value);
          if (k >= len) return end(len, breaks);
          const c = buf.charCodeAt(k);
          if (c === this.delimiter) {
            i = k + 1;
            break;
          }
          if (c === NL) return end(k + 1, breaks + 1);
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
        // Quoted text is bounded by maxQuoted; the rest of the row by maxRow.
        if (!final) return len - start - quoted > this.maxRow ? { kind: 'broken', ...reason('row_too_long', {}) } : MORE;
        fields.push(buf.slice(i, k));
        return end(len, breaks);
      }
      fields.push(buf.slice(i, k));
      if (buf.charCodeAt(k) === NL) return end(k + 1, breaks + 1);
      i = k + 1;
    }
  }
}

function countBreaks(value: string): number {
  let n = 0;
  for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) n++;
  return n;
}
