// A multipart/form-data body, as browsers send file uploads.

/** One part: a field, or a file when it has a file name. */
export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
}

/** Builds a multipart/form-data payload and its content-type header (the boundary is returned too, for tests that break it). */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string>; boundary: string } {
  const boundary = `----klientura${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.filename ? 'Content-Type: text/csv\r\n' : ''}\r\n`));
    chunks.push(typeof p.value === 'string' ? Buffer.from(p.value) : p.value, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, boundary };
}
