import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readListFile } from './list-file.js';

describe('list files', () => {
  it('reads the phone column of a Windows-1251 file with a Russian header, by line', () => {
    const bytes = iconv.encode('ФИО;Телефон\r\nИванова Анна;8 (912) 345-67-89\r\nПетров;\r\nСидоров;+7 912 000-00-01\r\n', 'windows-1251');
    expect(readListFile(bytes)).toEqual({
      column: 'Телефон',
      values: [{ line: 2, value: '8 (912) 345-67-89' }, { line: 4, value: '+7 912 000-00-01' }],
      broken: [],
    });
  });

  it('reads a bare column without a header from its first line', () => {
    expect(readListFile(Buffer.from('anna@example.ru\n79123456789\n')).values).toEqual([{ line: 1, value: 'anna@example.ru' }, { line: 2, value: '79123456789' }]);
  });
});
