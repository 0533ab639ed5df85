import { describe, expect, it } from 'vitest';
import { type CsvToken, CsvTokenizer, type CsvTokenizerOptions } from './tokenizer.js';

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
});
