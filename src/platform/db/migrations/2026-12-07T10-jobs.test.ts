import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Migration, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startApp, tempDir, testDatabases } from '../../../../test/harness.js';
import { openDatabase } from '../database.js';
import { migrations } from '../migrator.js';

// Imports started before the job queue existed are resumed by its workers after the upgrade: a
// queued one from its start, one that was running from its last committed chunk.

const name = '2026-12-07T10-jobs';
const before: Record<string, Migration> = Object.fromEntries(Object.entries(migrations).filter(([n]) => n < name));

describe.each(testDatabases())('the jobs migration on $name', (database) => {
  it('gives imports started before it their jobs, which the workers then finish', async () => {
    const url = await database.url({ fresh: true });
    const dir = tempDir();
    const file = join(dir, 'c.csv');
    writeFileSync(file, 'Phone,Email\n+79120000001,a@example.com\n+79120000002,b@example.com\n+79120000003,c@example.com\n');
    const second = join(dir, 'd.csv');
    writeFileSync(second, 'Phone,Email\n+79120000004,d@example.com\n+79120000005,e@example.com\n+79120000006,f@example.com\n');
    const old = openDatabase(url);
    try {
      const migrated = await new Migrator({ db: old.kysely, provider: { getMigrations: async () => before } }).migrateToLatest();
      expect(migrated.error).toBeUndefined();
      const now = Date.now();
      await sql`insert into workspaces (id, name, timezone, currency, phone_region, created_at, updated_at) values ('ws_old', 'Old', 'Europe/Moscow', 'RUB', 'RU', ${now}, ${now})`.execute(old.kysely);
      const importRow = (id: string, path: string, status: string, nextLine: number, rowsDone: number) => sql`insert into import_jobs
        (id, workspace_id, kind, status, file_name, file_path, file_size, encoding, delimiter, mapping, rows_total, rows_done, rows_ok, rows_failed, bytes_done, created_at, started_at, claimed_until, claimed_by, next_line, attempts)
        values (${id}, 'ws_old', 'customers', ${status}, 'c.csv', ${path}, 100, 'utf-8', ',', ${'{"phone":0,"email":1}'}, null, ${rowsDone}, ${rowsDone}, 0, 0, ${now}, ${now}, ${now + 60_000}, 'worker:old', ${nextLine}, 0)`;
      await importRow('imp_queued', file, 'queued', 0, 0).execute(old.kysely);
      // Row 2 was committed before the process stopped.
      await importRow('imp_running', second, 'running', 3, 1).execute(old.kysely);
    } finally {
      await old.close();
    }

    const app = await startApp(database, { env: { DATABASE_URL: url, JOBS_QUEUE: 'main', DATA_DIR: dir } });
    try {
      await app.services.jobs.settled({ workspaceId: 'ws_old' });
      expect(await app.services.imports.get('ws_old', 'imp_queued')).toMatchObject({ status: 'done', rowsDone: 3, rowsOk: 3 });
      expect(await app.services.imports.get('ws_old', 'imp_running')).toMatchObject({ status: 'done', rowsDone: 3, rowsOk: 3 });
      const jobs = await app.services.jobs.list({ workspaceId: 'ws_old', kind: 'imports.run' });
      expect(jobs.map((j) => [j.idempotencyKey, j.status, j.attempts, j.payload]).sort()).toEqual([
        ['imp_queued', 'done', 1, { importId: 'imp_queued' }],
        ['imp_running', 'done', 1, { importId: 'imp_running' }],
      ]);
      // The running import resumed after row 2 (committed before the stop, so its customer is not
      // here): three customers of the queued import, two of the running one.
      const customers = await sql<{ n: number }>`select count(*) as n from customers where workspace_id = 'ws_old'`.execute(app.db.kysely);
      expect(Number(customers.rows[0]?.n)).toBe(5);
    } finally {
      await app.close();
    }
  });
});
