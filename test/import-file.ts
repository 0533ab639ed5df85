import type { App } from '../src/main.js';
import { type TestWorkspace, withKey } from './harness.js';
import { multipart } from './multipart.js';

/** What an import job reports when it ends. */
export interface FinishedImport {
  status: string;
  rowsOk: number;
  rowsFailed: number;
}

/** Runs a CSV file through the product's import over HTTP (upload, start, wait) and returns the ended job. */
export async function importFile(app: App, ws: TestWorkspace, kind: 'customers' | 'orders', csv: string, fileName = `${kind}.csv`): Promise<FinishedImport> {
  const upload = await withKey(app, ws.secretKey, {
    method: 'POST',
    url: '/api/v1/imports',
    ...multipart([{ name: 'kind', value: kind }, { name: 'file', value: csv, filename: fileName }]),
  });
  if (upload.statusCode !== 201) throw new Error(`upload failed: ${upload.statusCode} ${upload.body}`);
  const id: string = upload.json().id;
  const started = await withKey(app, ws.secretKey, { method: 'POST', url: `/api/v1/imports/${id}/start` });
  if (started.statusCode !== 200) throw new Error(`start failed: ${started.statusCode} ${started.body}`);
  for (let i = 0; i < 2400; i++) {
    const job: FinishedImport = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/imports/${id}` })).json();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`import ${id} did not finish`);
}
