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

describe('SQLite checkpointer thread', () => {
  it('copies the log back and lets it restart, so it stays small, and nothing is lost', async () => {
    const { db, path } = open();
    const checkpointer = SqliteCheckpointer.start(path, (error) => { throw error; }, { everyMs: 5, restartFrames: 200 });
    const largest = await write(db, path, 300);
    await checkpointer.stop();
    // 6,000 rows of 3 KB are about 6,000 pages (24 MB) of log without checkpoints; restarts every
    // 200+ pages keep the file to a small multiple of that.
    expect(largest).toBeLessThan(8 * 1024 * 1024);
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 300 * rowsPerCommit });
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    db.close();
  });

  it('is what keeps the log small: without it the log holds every page written', async () => {
    const { db, path } = open();
    const largest = await write(db, path, 300);
    expect(largest).toBeGreaterThan(20 * 1024 * 1024);
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
