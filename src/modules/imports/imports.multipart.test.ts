import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, startApp, testDatabases, withKey } from '../../../test/harness.js';
import { multipart } from '../../../test/multipart.js';
import type { App } from '../../main.js';

// An upload whose multipart body cannot be read is the client's mistake: 400 saying what is wrong,
// and nothing left on disk.

const csv = `Телефон;Имя\n${Array.from({ length: 200 }, (_, i) => `+7912${String(1000000 + i)};Клиент ${i}`).join('\n')}\n`;

describe.each(testDatabases())('multipart uploads on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  const body = () => multipart([{ name: 'kind', value: 'customers' }, { name: 'file', value: csv, filename: 'clients.csv' }]);
  const post = async (payload: Buffer, contentType: string) => {
    const ws = await newWorkspace(app);
    return withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/imports', payload, headers: { 'content-type': contentType } });
  };
  const uploadsLeft = () => {
    try {
      return readdirSync(join(app.config.DATA_DIR, 'imports')).filter((name) => !name.endsWith('.errors.csv'));
    } catch {
      return [];
    }
  };

  it('answers 400 when the Content-Type names no boundary', async () => {
    const res = await post(body().payload, 'multipart/form-data');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', domainCode: 'imports.multipart_no_boundary', message: expect.stringMatching(/names no boundary/) });
  });

  it('answers 400 when the body does not use the boundary the Content-Type names', async () => {
    const before = uploadsLeft().length;
    const res = await post(body().payload, 'multipart/form-data; boundary=something-else');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', domainCode: 'imports.multipart_incomplete', message: expect.stringMatching(/not separated by the boundary/) });
    expect(uploadsLeft().length).toBe(before);
  });

  it('answers 400 when the body ends before its closing boundary, in a field or in the file', async () => {
    const before = uploadsLeft().length;
    const whole = body();
    for (const cut of [60, Math.floor(whole.payload.length / 2), whole.payload.length - 10]) {
      const res = await post(whole.payload.subarray(0, cut), whole.headers['content-type'] ?? '');
      expect(res.statusCode, `${cut}: ${res.body}`).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', domainCode: 'imports.multipart_incomplete', message: expect.stringMatching(/cut short/) });
    }
    expect(uploadsLeft().length).toBe(before);
    // The same body whole is taken.
    expect((await post(whole.payload, whole.headers['content-type'] ?? '')).statusCode).toBe(201);
  });
});
