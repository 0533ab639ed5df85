import { describe, expect, it } from 'vitest';
import { type CsvToken, CsvTokenizer, type CsvTokenizerOptions, MAX_CELL_CHARS } from './tokenizer.js';

function tokenize(text: string, delimiter = ',', options?: CsvTokenizerOptions): CsvToken[] {
  const t = new CsvTokenizer(delimiter, options);
  return [...t.push(text), ...t.end()];
}

// Feeding one character at a time puts a chunk boundary at every possible place.
function tokenizeByChar(text: string, delimiter = ','): CsvToken[] {
  const t = new CsvTokenizer(delimiter);
  const out: CsvToken[] = [];
  for (const ch of text) out.push(...t.push(ch));
  return [...out, ...t.end()];
}

const row = (line: number, ...fields: string[]): CsvToken => ({ ok: true, line, fields });

// Feeds text in pieces of `size` characters, as the reader does with a file's 64 KiB chunks.
function tokenizeInPieces(text: string, size: number, delimiter = ',', options?: CsvTokenizerOptions): CsvToken[] {
  const t = new CsvTokenizer(delimiter, options);
  const out: CsvToken[] = [];
  for (let at = 0; at < text.length; at += size) out.push(...t.push(text.slice(at, at + size)));
  return [...out, ...t.end()];
}

// A cell of `lines` lines of `width` characters each, with a doubled quote in every line.
function bigCell(lines: number, width: number): string {
  return Array.from({ length: lines }, (_, n) => `${n}: ""${'я'.repeat(width)}`).join('\n');
}

describe('CsvTokenizer', () => {
  it('splits plain rows', () => {
    expect(tokenize('a;b;c\n1;2;3\n', ';')).toEqual([row(1, 'a', 'b', 'c'), row(2, '1', '2', '3')]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const text = 'name,comment,total\n"Иванов, Иван","строка 1\r\nстрока 2 ""важно""",10\n"",x,\n';
    const expected = [
      row(1, 'name', 'comment', 'total'),
      row(2, 'Иванов, Иван', 'строка 1\nстрока 2 "важно"', '10'),
      row(4, '', 'x', ''),
    ];
    expect(tokenize(text)).toEqual(expected);
    expect(tokenizeByChar(text)).toEqual(expected);
  });

  it('keeps a quote inside an unquoted field, as 1C writes company names', () => {
    expect(tokenize('1;ООО "Ромашка";Москва', ';')).toEqual([row(1, '1', 'ООО "Ромашка"', 'Москва')]);
  });

  it('counts \\r\\n, \\n and \\r as one line each, also when \\r\\n is split between chunks', () => {
    const t = new CsvTokenizer(',');
    const out = [...t.push('a,b\r'), ...t.push('\n1,2\r3,4\n5,6'), ...t.end()];
    expect(out).toEqual([row(1, 'a', 'b'), row(2, '1', '2'), row(3, '3', '4'), row(4, '5', '6')]);
  });

  it('skips blank lines and rows of empty fields but keeps counting lines', () => {
    expect(tokenize('a,b\n\n,\n , \n1,2\n')).toEqual([row(1, 'a', 'b'), row(5, '1', '2')]);
  });

  it('strips a BOM at the very start', () => {
    expect(tokenize('\ufeffТелефон,Имя\n')).toEqual([row(1, 'Телефон', 'Имя')]);
  });

  it('reports text after a closing quote and goes on with the next line', () => {
    const text = 'id,name\n1,"Иванов"Иван,x\n2,Петров,y\n';
    const expected = [
      row(1, 'id', 'name'),
      { ok: false, line: 2, reason: 'unexpected text after a closing quote (a quote inside a quoted field must be doubled)' },
      row(3, '2', 'Петров', 'y'),
    ];
    expect(tokenize(text)).toMatchObject(expected);
    expect(tokenizeByChar(text)).toMatchObject(expected);
  });

  it('reports a quote left open until the end and recovers the rows after it', () => {
    const text = 'id,name\n1,"Иванов,x\n2,Петров,y\n3,Сидоров,z';
    const expected = [
      row(1, 'id', 'name'),
      { ok: false, line: 2, reason: 'a quote is not closed' },
      row(3, '2', 'Петров', 'y'),
      row(4, '3', 'Сидоров', 'z'),
    ];
    expect(tokenize(text)).toMatchObject(expected);
    expect(tokenizeByChar(text)).toMatchObject(expected);
  });

  it('reports a quote left open until a later quoted field, keeping the rows between', () => {
    const text = 'id,name\n1,"Иванов,x\n2,Петров,y\n3,"Сидоров",z\n';
    expect(tokenize(text)).toMatchObject([
      row(1, 'id', 'name'),
      { ok: false, line: 2, reason: expect.stringContaining('closing quote') },
      row(3, '2', 'Петров', 'y'),
      row(4, '3', 'Сидоров', 'z'),
    ]);
  });

  it('gives up on a quoted field longer than the limit without waiting for the end', () => {
    const t = new CsvTokenizer(',', { maxQuotedChars: 20 });
    const first = t.push('a,b\n1,"open\n2,x\n3,y\n4,z\n5,w\n6,v\n');
    expect(first).toMatchObject([
      row(1, 'a', 'b'),
      { ok: false, line: 2, reason: 'a quote is not closed' },
      row(3, '2', 'x'),
      row(4, '3', 'y'),
      row(5, '4', 'z'),
      row(6, '5', 'w'),
      row(7, '6', 'v'),
    ]);
  });

  it('reports a row longer than the limit and skips to the next line', () => {
    const t = new CsvTokenizer(',', { maxRowChars: 10 });
    const out = [...t.push('a,b\n' + 'x'.repeat(30)), ...t.push('yyy'), ...t.push('zzz\n1,2\n'), ...t.end()];
    expect(out).toMatchObject([row(1, 'a', 'b'), { ok: false, line: 2, reason: 'the row is too long' }, row(3, '1', '2')]);
  });

  it('splits on tabs', () => {
    expect(tokenize('Имя\tГород\nАнна\tМосква, центр\n', '\t')).toEqual([row(1, 'Имя', 'Город'), row(2, 'Анна', 'Москва, центр')]);
  });

  it('refuses a delimiter it cannot split on', () => {
    expect(() => new CsvTokenizer('"')).toThrow(RangeError);
  });

  it('reads a quoted cell far over 64 KiB whole, however the text is cut into pieces', () => {
    const cell = bigCell(2_000, 100); // about 210,000 characters on 2,000 lines
    const text = `id,note,x\n1,"${cell}",a\n2,short,b`;
    const expected = [row(1, 'id', 'note', 'x'), row(2, '1', cell.replace(/""/g, '"'), 'a'), row(2_002, '2', 'short', 'b')];
    expect(tokenize(text)).toEqual(expected);
    for (const size of [65_536, 4_099, 1_000, 77]) expect(tokenizeInPieces(text, size), `pieces of ${size}`).toEqual(expected);
  });

  it('rejects the one row of a quoted cell over the limit, never reading its inner lines as rows', () => {
    const cell = bigCell(30, 10);
    const text = `id,note\n1,"${cell}",tail\n2,next\n`;
    const expected = [row(1, 'id', 'note'), { ok: false, line: 2, code: 'row_too_long', reason: 'the row is too long' }, row(32, '2', 'next')];
    for (const size of [text.length, 50, 7, 1]) expect(tokenizeInPieces(text, size, ',', { maxCellChars: 100 }), `pieces of ${size}`).toMatchObject(expected);
  });

  it('rejects a cell over the default limit of 1,048,576 characters as one row', () => {
    const cell = bigCell(12_000, 100); // about 1.26 million characters
    expect(cell.length).toBeGreaterThan(MAX_CELL_CHARS);
    const text = `id,note\n1,"${cell}"\n2,next\n`;
    expect(tokenizeInPieces(text, 65_536)).toMatchObject([row(1, 'id', 'note'), { ok: false, line: 2, code: 'row_too_long' }, row(12_002, '2', 'next')]);
  });

  it('closes a long quoted field on its last character, and on a quote split from its double', () => {
    const cell = 'x'.repeat(70_000);
    expect(tokenizeInPieces(`a\n"${cell}"`, 1_000)).toEqual([row(1, 'a'), row(2, cell)]);
    // The doubled quote falls across the boundary of two pieces.
    const text = `a\n"${cell}""${cell}"\nb`;
    const boundary = text.indexOf('""') + 1;
    const t = new CsvTokenizer(',');
    const out = [...t.push(text.slice(0, boundary)), ...t.push(text.slice(boundary)), ...t.end()];
    expect(out).toEqual([row(1, 'a'), row(2, `${cell}"${cell}`), row(3, 'b')]);
  });

  it('still takes a long quote never closed as one broken line, and reads the lines after it', () => {
    const text = `id,name\n1,"${'x'.repeat(70_000)}\n2,Петров,y\n3,Сидоров,z`;
    expect(tokenizeInPieces(text, 4_096)).toMatchObject([
      row(1, 'id', 'name'),
      { ok: false, line: 2, code: 'quote_not_closed' },
      row(3, '2', 'Петров', 'y'),
      row(4, '3', 'Сидоров', 'z'),
    ]);
  });
});
