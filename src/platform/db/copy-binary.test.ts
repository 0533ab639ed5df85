import { describe, expect, it } from 'vitest';
import { copyBinary, type CopyValue, readCopyBinary } from './copy-binary.js';

describe('copyBinary', () => {
  it('writes the signature, each row as lengths and network-order values, and the end mark', () => {
    const rows: CopyValue[][] = [
      [7, 2 ** 52 + 1, -0.125, 'vip'],
      [null, -5, 1e-7, 'ёлка\t'],
    ];
    const data = Buffer.concat([...copyBinary(['int4', 'int8', 'float8', 'text'], rows.length, (k, values) => rows[k].forEach((v, i) => (values[i] = v)))]);
    expect(data.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
    expect([data.readInt32BE(11), data.readInt32BE(15)]).toEqual([0, 0]);
    let at = 19;
    const read: CopyValue[][] = [];
    for (;;) {
      const fields = data.readInt16BE(at);
      at += 2;
      if (fields === -1) break;
      const row: CopyValue[] = [];
      for (let f = 0; f < fields; f++) {
        const length = data.readInt32BE(at);
        at += 4;
        if (length === -1) row.push(null);
        else if (f === 0) row.push(data.readInt32BE(at));
        else if (f === 1) row.push(Number(data.readBigInt64BE(at)));
        else if (f === 2) row.push(data.readDoubleBE(at));
        else row.push(data.subarray(at, at + length).toString('utf8'));
        at += Math.max(length, 0);
      }
      read.push(row);
    }
    expect(read).toEqual(rows);
    expect(at).toBe(data.length);
  });

  it('splits a large copy into chunks of about a megabyte', () => {
    const chunks = [...copyBinary(['int8', 'text'], 100_000, (k, values) => ((values[0] = k), (values[1] = 'x'.repeat(20))))];
    expect(chunks.length).toBeGreaterThan(2);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1 << 20);
  });
});

describe('readCopyBinary', () => {
  it('reads back what copyBinary writes, whatever the chunks are cut at', async () => {
    const rows: CopyValue[][] = Array.from({ length: 500 }, (_, k) => [k, k % 7 ? -k * 2 ** 33 - 3 : null, k / 3, k % 5 ? `имя ${k}` : null]);
    const data = Buffer.concat([...copyBinary(['int4', 'int8', 'float8', 'text'], rows.length, (k, values) => rows[k].forEach((v, i) => (values[i] = v)))]);
    for (const size of [1, 7, 64, 4096, data.length]) {
      const chunks = async function* () {
        for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
      };
      const read: CopyValue[][] = [];
      await readCopyBinary(chunks(), ['int4', 'int8', 'float8', 'text'], (values) => read.push([...values]));
      expect(read).toEqual(rows);
    }
  });

  it('refuses data cut short', async () => {
    const data = Buffer.concat([...copyBinary(['int4'], 3, (k, values) => (values[0] = k))]);
    const chunks = async function* () {
      yield data.subarray(0, data.length - 2);
    };
    await expect(readCopyBinary(chunks(), ['int4'], () => undefined)).rejects.toThrow(/ended early/);
  });
});
