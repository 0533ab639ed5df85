import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type { CheckpointerOptions } from './sqlite-checkpointer.js';

// The checkpointer thread (see sqlite-checkpointer.ts): every round it copies the log's
// new pages into the database (a PASSIVE checkpoint, which never waits for or blocks the writer),
// and once everything is copied and the log has grown long, it lets the log start over (RESTART,
// tried without waiting: if the writer is busy, the next round tries again).

const options = workerData as CheckpointerOptions;
const db = new SQLite(options.path);
db.pragma('busy_timeout = 0');
let timer: NodeJS.Timeout | undefined;
// Rounds are synchronous, so a stop request always arrives between two of them.
parentPort?.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort?.postMessage('stopped');
});

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

const passive = () => (db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[])[0];

function round(): void {
  let copied = passive();
  if (!copied || copied.log < options.restartFrames || copied.checkpointed !== copied.log) return;
  // RESTART holds the write lock while it copies what was committed since, and syncs: a second
  // PASSIVE first leaves it a few milliseconds of pages, so the writer waits for little.
  copied = passive();
  if (copied && copied.checkpointed === copied.log) db.pragma('wal_checkpoint(RESTART)');
}

function loop(): void {
  try {
    round();
  } catch (error) {
    // Another connection holding a lock the checkpoint needs: the next round tries again.
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY') !== true) throw error;
  }
  timer = setTimeout(loop, options.everyMs);
}

loop();
