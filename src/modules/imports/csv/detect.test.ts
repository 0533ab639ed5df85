import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding, detectFormat } from './detect.js';

const russian = 'Фамилия;Имя;Телефон;Сумма\nИванов;Иван;+79123456789;1 234,50\nПетрова;Анна;89161234567;99,00\n';

describe('detectEncoding', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(detectEncoding(Buffer.from(russian, 'utf8'))).toEqual({ encoding: 'utf-8', bom: false });
  });

  it('reads a UTF-8 BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(russian, 'utf8')]);
    expect(detectFormat(bytes)).toEqual({ encoding: 'utf-8', bom: true, delimiter: ';' });
  });

  it('falls back to Windows-1251 when the bytes are not UTF-8', () => {
    expect(detectFormat(iconv.encode(russian, 'win1251'))).toEqual({ encoding: 'windows-1251', bom: false, delimiter: ';' });
  });

  it('treats plain ASCII as UTF-8', () => {
    expect(detectEncoding(Buffer.from('phone,email\n1,a@b.c\n'))).toEqual({ encoding: 'utf-8', bom: false });
  });

  it('keeps UTF-8 when the sample ends inside a two-byte character', () => {
    const bytes = Buffer.from('Имя;Фамилия', 'utf8');
    // "я" is D1 8F: cut after D1.
    const cut = bytes.subarray(0, bytes.length - 1);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(cut)).toThrow();
    expect(detectEncoding(cut).encoding).toBe('utf-8');
  });

  it('keeps UTF-8 when the sample ends inside a three-byte character', () => {
    const bytes = Buffer.from('Сумма;Валюта\n100;₽', 'utf8');
    // "₽" is E2 82 BD: cut after E2 82.
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1)).encoding).toBe('utf-8');
  });

  it('does not mistake Windows-1251 ending in a lead-like byte for cut UTF-8', () => {
    // "я" is FF in Windows-1251; the earlier Cyrillic bytes are invalid UTF-8 anyway.
    expect(detectEncoding(iconv.encode('Имя;Фамилия\nАня', 'win1251')).encoding).toBe('windows-1251');
  });

  it('reads the UTF-16LE BOM of Excel "Unicode text"', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Имя\tТелефон\r\nАнна\t1\r\n', 'utf-16le')]);
    expect(detectFormat(bytes)).toEqual({ encoding: 'utf-16le', bom: true, delimiter: '\t' });
  });
});

describe('detectDelimiter', () => {
  it('finds commas', () => {
    expect(detectDelimiter('InvoiceNo,StockCode,Quantity\n536365,85123A,6\n536366,71053,8\n')).toBe(',');
  });

  it('finds semicolons even when amounts use decimal commas', () => {
    expect(detectDelimiter('Дата;Сумма;Скидка\n01.02.2024;1 234,50;10,00\n02.02.2024;99,90;0\n')).toBe(';');
  });

  it('finds tabs', () => {
    expect(detectDelimiter('Имя\tТелефон\tГород\nАнна\t+79123456789\tМосква, центр\n')).toBe('\t');
  });

  it('ignores delimiters and line breaks inside quotes', () => {
    const text = 'name,comment,total\n"Иванов; Петров","звонить; после 18:00\nне раньше; чем",10\n"ООО ""Ромашка""; филиал","a;b;c",20\n';
    expect(detectDelimiter(text)).toBe(',');
  });

  it('prefers the delimiter with the same count on most lines over a more frequent one', () => {
    // Semicolons: 2 on every line (6 in all); commas: 0, 7, 2 (9 in all, free text).
    const text = 'Имя;Телефон;Комментарий\nАнна;1;да, да, нет, нет, может, ну, и, так\nОлег;2;позже, днём, вечером\n';
    expect(detectDelimiter(text)).toBe(';');
  });

  it('defaults to a comma for a single column', () => {
    expect(detectDelimiter('phone\n+79123456789\n')).toBe(',');
  });

  it('ignores a cut last line', () => {
    // Two complete lines with ";" and a cut third line full of commas.
    expect(detectDelimiter('a;b;c\n1;2;3\nx,y,z,w,v,u,t')).toBe(';');
  });
});
