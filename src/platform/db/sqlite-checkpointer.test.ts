import { statSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/harness.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';

// The checkpointer thread against a real SQLite file: a writer whose own checkpoints are off must
// see its log copied back and restarted (so the log file stays small), and lose nothing.

const rowsPerCommit = 20;

// Writes `commits` transactions of rows of about a page each, pausing between them as a server
// would, and returns the largest size the log file reached.
async function write(db: SQLite.Database, path: string, commits: number): Promise<number> {
  const insert = db.prepare('insert into t (body) values (?)');
  const commit = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run('x'.repeat(3000));
  });
  let largest = 0;
  for (let c = 0; c < commits; c++) {
    commit(rowsPerCommit);
    largest = Math.max(largest, statSync(`${path}-wal`).size);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return largest;
}

function open(): { db: SQLite.Database; path: string } {
  const path = join(tempDir(), 'ckpt.db');
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('create table t (id integer primary key, body text not null)');
  return { db, path };
}

// A commit of `rowsPerCommit` rows into a log the checkpointer has copied back starts the log over
// from its beginning, so the file does not grow; into a log not copied back it appends. Waiting for
// that (rather than bounding the log's size while writing) holds however busy the machine is: a
// slow checkpointer only makes the wait longer.
async function commitsUntilLogReused(db: SQLite.Database, path: string, limitMs: number): Promise<number> {
  const insert = db.prepare('insert into t (body) values (?)');
  const commit = db.transaction(() => {
    for (let i = 0; i < rowsPerCommit; i++) insert.run('x'.repeat(3000));
  });
  const deadline = performance.now() + limitMs;
  let commits = 0;
  while (performance.now() < deadline) {
    const before = statSync(`${path}-wal`).size;
    commit();
    commits += 1;
    if (statSync(`${path}-wal`).size <= before) return commits;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return -commits;
}

describe('SQLite checkpointer thread', () => {
  it('copies the log back so the writer starts it over instead of growing it, and nothing is lost', async () => {
    const { db, path } = open();
    const checkpointer = SqliteCheckpointer.start(path, (error) => { throw error; }, { everyMs: 5, restartFrames: 200 });
    await write(db, path, 300);
    const commits = await commitsUntilLogReused(db, path, 20_000);
    await checkpointer.stop();
    expect(commits).toBeGreaterThan(0);
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: (300 + commits) * rowsPerCommit });
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    db.close();
  });

  it('is what keeps the log small: without it every commit appends to the log', async () => {
    const { db, path } = open();
    const largest = await write(db, path, 300);
    expect(largest).toBeGreaterThan(20 * 1024 * 1024);
    // About twenty commits a pause apart, and none reuses the log.
    expect(await commitsUntilLogReused(db, path, 20 * 50)).toBeLessThan(0);
    db.close();
  });

  it('stops at once when asked, between two rounds', async () => {
    const { db, path } = open();
    const checkpointer = SqliteCheckpointer.start(path, (error) => { throw error; }, { everyMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    await checkpointer.stop();
    expect(performance.now() - started).toBeLessThan(1000);
    db.close();
  });
});
