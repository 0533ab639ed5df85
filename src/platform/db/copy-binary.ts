// Rows in PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html,
// "Binary Format"), for `COPY … FROM STDIN WITH (FORMAT binary)`: a signature and header, then each
// row as a field count and, per field, its length (−1 for null) and its bytes in network order; a
// count of −1 ends the data. Numbers go in as they are, with no decimal text to write or to parse.

/** The PostgreSQL type of a column as the binary format writes it. */
export type CopyType = 'int4' | 'int8' | 'float8' | 'text';

/** A value of a row: a number for the numeric types, a string for text, null. */
export type CopyValue = number | string | null;

const signature = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const chunkBytes = 1 << 20;

/**
 * The rows, in chunks of about a megabyte: `fill(k, values)` puts row k's values, one per column of
 * `types`, into `values`.
 */
export function* copyBinary(types: readonly CopyType[], count: number, fill: (k: number, values: CopyValue[]) => void): Generator<Uint8Array> {
  const values: CopyValue[] = new Array(types.length).fill(null);
  let buffer = Buffer.allocUnsafe(chunkBytes);
  let at = 0;
  buffer.set(signature, 0);
  at = signature.length;
  buffer.writeInt32BE(0, at); // flags
  buffer.writeInt32BE(0, at + 4); // header extension length
  at += 8;
  for (let k = 0; k < count; k++) {
    fill(k, values);
    // The most a row can take: two bytes of count, per field four of length and its bytes.
    let most = 2;
    for (let c = 0; c < types.length; c++) most += 4 + (types[c] === 'text' && values[c] !== null ? Buffer.byteLength(values[c] as string) : 8);
    if (at + most > buffer.length) {
      yield buffer.subarray(0, at);
      buffer = Buffer.allocUnsafe(Math.max(chunkBytes, most));
      at = 0;
    }
    buffer.writeInt16BE(types.length, at);
    at += 2;
    for (let c = 0; c < types.length; c++) {
      const value = values[c];
      if (value === null) {
        buffer.writeInt32BE(-1, at);
        at += 4;
        continue;
      }
      switch (types[c]) {
        case 'int4':
          buffer.writeInt32BE(4, at);
          buffer.writeInt32BE(value as number, at + 4);
          at += 8;
          break;
        case 'int8': {
          const high = Math.floor((value as number) / 4_294_967_296);
          buffer.writeInt32BE(8, at);
          buffer.writeInt32BE(high, at + 4);
          buffer.writeUInt32BE((value as number) - high * 4_294_967_296, at + 8);
          at += 12;
          break;
        }
        case 'float8':
          buffer.writeInt32BE(8, at);
          buffer.writeDoubleBE(value as number, at + 4);
          at += 12;
          break;
        case 'text': {
          const length = buffer.write(value as string, at + 4, 'utf8');
          buffer.writeInt32BE(length, at);
          at += 4 + length;
          break;
        }
      }
    }
  }
  if (at + 2 > buffer.length) {
    yield buffer.subarray(0, at);
    buffer = Buffer.allocUnsafe(2);
    at = 0;
  }
  buffer.writeInt16BE(-1, at);
  yield buffer.subarray(0, at + 2);
}

/**
 * Reads the data of `COPY … TO STDOUT WITH (FORMAT binary)` as it streams in: each row's values, in
 * the order of `types`, are put into one reused array handed to `onRow`. Rows may straddle chunks.
 */
export async function readCopyBinary(chunks: AsyncIterable<Uint8Array>, types: readonly CopyType[], onRow: (values: CopyValue[]) => void): Promise<void> {
  const values: CopyValue[] = new Array(types.length).fill(null);
  let pending: Buffer = Buffer.alloc(0);
  let headerRead = false;
  let ended = false;
  for await (const chunk of chunks) {
    let data = pending.length ? Buffer.concat([pending, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let at = 0;
    if (!headerRead) {
      if (data.length < signature.length + 8) {
        pending = Buffer.from(data);
        continue;
      }
      if (!data.subarray(0, signature.length).equals(signature)) throw new Error('not binary COPY data');
      at = signature.length + 8 + data.readInt32BE(signature.length + 4);
      headerRead = true;
    }
    for (;;) {
      const start = at;
      if (at + 2 > data.length) break;
      const fields = data.readInt16BE(at);
      at += 2;
      if (fields === -1) {
        ended = true;
        break;
      }
      let complete = true;
      for (let f = 0; f < fields; f++) {
        if (at + 4 > data.length) {
          complete = false;
          break;
        }
        const length = data.readInt32BE(at);
        at += 4;
        if (length === -1) {
          values[f] = null;
          continue;
        }
        if (at + length > data.length) {
          complete = false;
          break;
        }
        values[f] = decode(data, at, length, types[f]);
        at += length;
      }
      if (!complete) {
        at = start;
        break;
      }
      onRow(values);
    }
    pending = ended ? Buffer.alloc(0) : Buffer.from(data.subarray(at));
    data = Buffer.alloc(0);
  }
  if (!ended) throw new Error('binary COPY data ended early');
}

function decode(data: Buffer, at: number, length: number, type: CopyType): CopyValue {
  switch (type) {
    case 'int4':
      return data.readInt32BE(at);
    case 'int8':
      return data.readInt32BE(at) * 4_294_967_296 + data.readUInt32BE(at + 4);
    case 'float8':
      return data.readDoubleBE(at);
    case 'text':
      return data.toString('utf8', at, at + length);
  }
}
