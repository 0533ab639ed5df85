import iconv from 'iconv-lite';

// Guesses how an uploaded CSV file is written from its first bytes (64 KiB is plenty).
// Excel and 1C write UTF-8 (often with a BOM) or Windows-1251; Excel's "Unicode text" export is
// UTF-16LE with a BOM and tabs. Delimiters are "," (English locale), ";" (Russian locale) or tab.

/** Text encodings a CSV file can be read in. */
export type CsvEncoding = 'utf-8' | 'windows-1251' | 'utf-16le';
/** Field delimiters a CSV file can use. */
export type CsvDelimiter = ',' | ';' | '\t';

/** How a CSV file is written. */
export interface CsvFormat {
  encoding: CsvEncoding;
  /** Whether the file starts with a byte order mark (readers skip it either way). */
  bom: boolean;
  delimiter: CsvDelimiter;
}

const delimiters: readonly CsvDelimiter[] = [',', ';', '\t'];
const MAX_LINES = 20;

/** Detects encoding, BOM and delimiter from the first bytes of a file. */
export function detectFormat(sample: Buffer): CsvFormat {
  const { encoding, bom } = detectEncoding(sample);
  const text = iconv.decode(sample, encoding);
  return { encoding, bom, delimiter: detectDelimiter(text) };
}

/** Detects the encoding of a sample: a BOM decides, then valid UTF-8 means UTF-8, else Windows-1251. */
export function detectEncoding(sample: Buffer): { encoding: CsvEncoding; bom: boolean } {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf-8', bom: true };
  }
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(sample.subarray(0, completeUtf8Length(sample)));
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'windows-1251', bom: false };
  }
}

// The sample is usually cut at an arbitrary byte, possibly inside a multi-byte character; drop
// such an incomplete last sequence (at most 3 bytes) so it is not mistaken for invalid UTF-8.
function completeUtf8Length(sample: Buffer): number {
  const n = sample.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = sample[n - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/**
 * Picks the delimiter that splits the first lines most consistently: the candidate whose most
 * common non-zero count per line occurs on the most lines wins, ties go to the more frequent one;
 * "," when no candidate occurs. Delimiters inside double quotes are not counted.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = lineCounts(text);
  let best: CsvDelimiter = ',';
  let bestConsistency = 0;
  let bestTotal = 0;
  delimiters.forEach((d, index) => {
    const perLine = counts.map((c) => c[index]);
    const total = perLine.reduce((a, b) => a + b, 0);
    if (total === 0) return;
    const seen = new Map<number, number>();
    for (const c of perLine) if (c > 0) seen.set(c, (seen.get(c) ?? 0) + 1);
    const consistency = Math.max(...seen.values());
    if (consistency > bestConsistency || (consistency === bestConsistency && total > bestTotal)) {
      best = d;
      bestConsistency = consistency;
      bestTotal = total;
    }
  });
  return best;
}

// Counts of each candidate delimiter on the first complete, non-blank lines (a line break inside
// quotes does not end a line). A last line without a line break may be cut, so it is used only
// when it is the only line.
function lineCounts(text: string): number[][] {
  const lines: number[][] = [];
  let current = [0, 0, 0];
  let blank = true;
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < MAX_LINES; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    if (quoted) continue;
    if (ch === '\n' || ch === '\r') {
      if (!blank) lines.push(current);
      current = [0, 0, 0];
      blank = true;
      continue;
    }
    if (ch.trim() !== '') blank = false;
    const index = ch === ',' ? 0 : ch === ';' ? 1 : ch === '\t' ? 2 : -1;
    if (index !== -1) {
      current[index] += 1;
      blank = false;
    }
  }
  if (lines.length === 0 && !blank) lines.push(current);
  return lines;
}
