import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors.js';
import { type CsvReadOptions, type CsvRow, previewCsv, readCsvHeader, readCsvRows } from './reader.js';

const dir = mkdtempSync(join(tmpdir(), 'klientura-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
function file(bytes: Buffer): string {
  const path = join(dir, `f${++fileNo}.csv`);
  writeFileSync(path, bytes);
  return path;
}

async function collect(path: string, options: CsvReadOptions): Promise<CsvRow[]> {
  const rows: CsvRow[] = [];
  for await (const r of readCsvRows(path, options)) rows.push(r);
  return rows;
}

// An Excel-style export: CRLF, ";" and a comment with a line break; line 4 has a broken quote.
const orders = [
  'Номер заказа;Дата;Клиент;Телефон;Сумма',
  '1001;01.02.2024;Иванов Иван;+79123456789;1 234,50',
  '1002;02.02.2024;"Петрова; Анна";89161234567;99,00',
  '1003;03.02.2024;"Сидоров"Пётр;89031112233;10,00',
  '1004;04.02.2024;"ООО ""Ромашка""\r\nфилиал";;500',
  '1005;05.02.2024;Ёжиков Ёж;+79990001122;7,5',
  '',
].join('\r\n');

const expectedFields = [
  [2, ['1001', '01.02.2024', 'Иванов Иван', '+79123456789', '1 234,50']],
  [3, ['1002', '02.02.2024', 'Петрова; Анна', '89161234567', '99,00']],
  [5, ['1004', '04.02.2024', 'ООО "Ромашка"\nфилиал', '', '500']],
  [7, ['1005', '05.02.2024', 'Ёжиков Ёж', '+79990001122', '7,5']],
] as const;

describe.each([
  ['UTF-8 with a BOM', 'utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(orders, 'utf8')])],
  ['Windows-1251', 'windows-1251', iconv.encode(orders, 'win1251')],
] as const)('readCsvRows in %s', (_name, encoding, bytes) => {
  const path = file(bytes);
  const options: CsvReadOptions = { encoding, delimiter: ';' };

  it('yields good rows and reports the broken one with its line', async () => {
    const rows = await collect(path, options);
    expect(rows.map((r) => (r.ok ? [r.rowNumber, r.fields] : [r.rowNumber, r.reason]))).toEqual([
      expectedFields[0],
      expectedFields[1],
      [4, 'unexpected text after a closing quote (a quote inside a quoted field must be doubled)'],
      expectedFields[2],
      expectedFields[3],
    ]);
  });

  it('reports bytes read up to the whole file', async () => {
    const rows = await collect(path, options);
    expect(rows[rows.length - 1].bytesRead).toBe(statSync(path).size);
  });

  it('reads the header', async () => {
    expect(await readCsvHeader(path, options)).toEqual(['Номер заказа', 'Дата', 'Клиент', 'Телефон', 'Сумма']);
  });

  it('resumes from a line', async () => {
    const rows = await collect(path, { ...options, fromLine: 5 });
    expect(rows.map((r) => r.rowNumber)).toEqual([5, 7]);
  });
});

describe('readCsvRows on a file of many chunks', () => {
  // About 200 KiB of UTF-8 Cyrillic: chunk boundaries fall inside multi-byte characters.
  const count = 3000;
  const body: string[] = [];
  for (let i = 0; i < count; i++) body.push(`+7912${String(i).padStart(7, '0')},Ёлкина Юлия Эдуардовна ${i},"Санкт-Петербург, Невский ${i}"`);
  // Pad the header until the first 64 KiB chunk ends inside a two-byte character.
  let bytes = Buffer.alloc(0);
  for (let pad = 0; pad < 4; pad++) {
    bytes = Buffer.from([`Телефон,Имя,Город${' '.repeat(pad)}`, ...body].join('\n'), 'utf8');
    if ((bytes[64 * 1024] & 0xc0) === 0x80) break;
  }
  const path = file(bytes);

  it('decodes every row intact and reports growing progress', async () => {
    const rows = await collect(path, { encoding: 'utf-8', delimiter: ',' });
    expect(rows).toHaveLength(count);
    rows.forEach((r, i) => {
      expect(r).toMatchObject({ ok: true, rowNumber: i + 2, fields: [`+7912${String(i).padStart(7, '0')}`, `Ёлкина Юлия Эдуардовна ${i}`, `Санкт-Петербург, Невский ${i}`] });
    });
    expect(bytes[64 * 1024] & 0xc0).toBe(0x80);
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(3 * 64 * 1024);
    expect(rows[0].bytesRead).toBe(64 * 1024);
    expect(rows[count - 1].bytesRead).toBe(size);
    expect(rows.every((r, i) => i === 0 || r.bytesRead >= rows[i - 1].bytesRead)).toBe(true);
  });

  it('stops reading when the consumer stops', async () => {
    let seen = 0;
    for await (const r of readCsvRows(path, { encoding: 'utf-8', delimiter: ',' })) {
      seen = r.rowNumber;
      if (seen === 10) break;
    }
    expect(seen).toBe(10);
  });
});

describe('readCsvRows with a large quoted cell', () => {
  // A comment column as Excel writes it: quoted, with line breaks; one cell of about 300 KiB.
  const note = Array.from({ length: 3_000 }, (_, n) => `строка ${n}: «примечание» ${'ж'.repeat(40)}`).join('\r\n');
  const text = ['Телефон;Комментарий', `+79120000001;"${note}"`, '+79120000002;коротко', ''].join('\r\n');

  it('reads it whole across chunks in Windows-1251, numbering the next row by its line', async () => {
    const rows = await collect(file(iconv.encode(text, 'win1251')), { encoding: 'windows-1251', delimiter: ';' });
    expect(rows.map((r) => (r.ok ? [r.rowNumber, r.fields[0], r.fields[1]?.length] : [r.rowNumber, r.reason]))).toEqual([
      [2, '+79120000001', note.replace(/\r\n/g, '\n').length],
      [3_002, '+79120000002', 'коротко'.length],
    ]);
  });
});

describe('previewCsv', () => {
  it('detects the format, shows ten rows and guesses the mapping', async () => {
    const lines = ['ФИО;Телефон;E-mail;Дата рождения;Пол'];
    for (let i = 1; i <= 15; i++) lines.push(`Иванов Иван ${i};+7912000${String(i).padStart(4, '0')};ivan${i}@example.ru;01.02.1990;М`);
    const path = file(iconv.encode(lines.join('\r\n'), 'win1251'));
    const preview = await previewCsv(path, 'customers');
    expect(preview).toMatchObject({
      encoding: 'windows-1251',
      bom: false,
      delimiter: ';',
      headers: ['ФИО', 'Телефон', 'E-mail', 'Дата рождения', 'Пол'],
      mapping: { fullName: 0, phone: 1, email: 2, birthDate: 3, gender: 4 },
      problems: [],
    });
    expect(preview.rows).toHaveLength(10);
    expect(preview.rows[9]).toEqual(['Иванов Иван 10', '+79120000010', 'ivan10@example.ru', '01.02.1990', 'М']);
  });

  it('lists what the guessed mapping lacks', async () => {
    const path = file(Buffer.from('InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n536365,85123A,6,2010-12-01 08:26,2.55,17850\n'));
    const preview = await previewCsv(path, 'orders');
    expect(preview.delimiter).toBe(',');
    expect(preview.rows).toEqual([['536365', '85123A', '6', '2010-12-01 08:26', '2.55', '17850']]);
    expect(preview.problems).toEqual([]);
    const withoutIds = await previewCsv(file(Buffer.from('Дата,Сумма\n01.02.2024,100\n')), 'orders');
    expect(withoutIds.problems.map((p) => p.code)).toEqual(['missing_identifier']);
  });

  it('refuses an empty file', async () => {
    await expect(previewCsv(file(Buffer.alloc(0)), 'customers')).rejects.toThrow(DomainError);
    await expect(readCsvHeader(file(Buffer.from('\n\n')), { encoding: 'utf-8', delimiter: ',' })).rejects.toThrow('The file is empty');
  });

  it('refuses a broken header row', async () => {
    const path = file(Buffer.from('"Телефон"x,Имя\n1,2\n'));
    await expect(readCsvHeader(path, { encoding: 'utf-8', delimiter: ',' })).rejects.toThrow('The header row (line 1) cannot be read');
    await expect(collect(path, { encoding: 'utf-8', delimiter: ',' })).rejects.toThrow(DomainError);
  });
});
