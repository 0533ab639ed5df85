import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newWorkspace, tempDir, testDatabases, withKey } from '../../../test/harness.js';
import { type App, createApp } from '../../main.js';
import { fixedClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { newId } from '../../platform/ids.js';
import { JobWorker } from '../../platform/jobs/jobs.worker.js';
import { createLogger } from '../../platform/logger.js';
import { registerImportJobs } from './imports.jobs.js';
import { CLAIM_MS, IMPORTS_RUN } from './imports.service.js';
import { ImportRunner } from './imports.worker.js';

// An import whose runs keep vanishing (the file kills every worker that reads it) is given up after
// three, with the reason on the import and its job; an admin's retry of the job resumes it.

describe.each(testDatabases())('imports on the job queue on $name', (database) => {
  let app: App;
  let worker: JobWorker | undefined;
  afterAll(async () => {
    await worker?.stop();
    await app?.close();
  });

  it('gives an import up after three runs that never finished, and resumes it when its job is retried', async () => {
    const clock = fixedClock(Date.now());
    // An API process: no worker of its own, so the test decides who holds the job.
    const config = loadConfig({ DATABASE_URL: await database.url(), LOG_LEVEL: 'silent', DEMO: 'false', DATA_DIR: tempDir(), SCORES_EVERY_HOURS: '0', JOBS_QUEUE: `imports-${process.pid}-${Date.now()}` });
    app = await createApp({ config, clock, logger: createLogger('silent'), role: 'api' });
    const ws = await newWorkspace(app);
    const path = join(tempDir(), 'c.csv');
    writeFileSync(path, 'Phone,Email\n+79120000001,a@example.com\n+79120000002,b@example.com\n');
    const created = await app.services.imports.create(ws.id, { id: newId('imp'), path, fileName: 'c.csv', kind: 'customers', createdBy: null });
    expect((await withKey(app, ws.secretKey, { method: 'POST', url: `/api/v1/imports/${created.id}/start` })).statusCode).toBe(200);

    const { jobs } = app.services;
    for (const ghost of ['ghost-1', 'ghost-2', 'ghost-3']) {
      expect(await jobs.claim([IMPORTS_RUN], ghost, CLAIM_MS, 1)).toHaveLength(1);
      clock.advance(CLAIM_MS + 1);
    }
    worker = new JobWorker(jobs, clock, createLogger('silent'), { idleMs: 20 });
    registerImportJobs(worker, app.services.imports, new ImportRunner({ db: app.db, logger: app.logger, ...app.services }));
    worker.start();
    await jobs.settled({ workspaceId: ws.id });
    const given = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/imports/${created.id}` })).json();
    expect(given).toMatchObject({ status: 'failed', rowsDone: 0, error: expect.stringMatching(/stopped 3 times without finishing/) });
    const failed = (await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/jobs?status=failed' })).json().items;
    expect(failed).toEqual([expect.objectContaining({ kind: IMPORTS_RUN, attempts: 4, lastError: expect.stringMatching(/given up/) })]);

    const retried = await withKey(app, ws.secretKey, { method: 'POST', url: `/api/v1/jobs/${failed[0].id}/retry` });
    expect(retried.statusCode, retried.body).toBe(200);
    await jobs.settled({ workspaceId: ws.id });
    expect((await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/imports/${created.id}` })).json()).toMatchObject({ status: 'done', rowsOk: 2, error: null });
    expect(await jobs.get(ws.id, failed[0].id)).toMatchObject({ status: 'done', attempts: 1 });
  });
});
