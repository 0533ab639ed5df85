import type { Worker } from 'node:worker_threads';
import { startWorker } from '../threads/worker-thread.js';

/** Settings of the checkpointer thread. */
export interface CheckpointerOptions {
  path: string;
  /** Pause between two rounds. */
  everyMs: number;
  /** Log length (pages) from which a fully copied log is restarted from its beginning. */
  restartFrames: number;
}

// Measured at a million customers (docs/benchmarks.md): a round every 5 ms cost the thread 25–33 ms
// of CPU per 1,000 events, every 500 ms 11 ms. Each round ends in two fsyncs, and pages written
// again and again (index roots, the growing ends of tables) are copied once per round, not once per
// commit. 20,000 pages (80 MiB) before the log starts over keeps restarts, each a brief hold of the
// write lock, a few seconds apart under load.
const defaults = { everyMs: 500, restartFrames: 20_000 };

/**
 * Copies a SQLite database's write-ahead log back into the database file from a thread of its own.
 *
 * SQLite normally does this inside the commit that makes the log pass `wal_autocheckpoint` pages,
 * so one transaction in every few dozen waits for tens of thousands of page copies and two fsyncs:
 * at a million customers that was a quarter of the ingestion writer's time (docs/benchmarks.md).
 * Here another connection checkpoints twice a second, so the writer only appends to the log.
 * The connections that write keep a high `wal_autocheckpoint` as a backstop should this thread stop.
 */
export class SqliteCheckpointer {
  private stopped: Promise<void> | null = null;

  private constructor(private readonly worker: Worker) {}

  /** Starts the thread for the database at `path`; `onError` hears of it stopping on an error. */
  static start(path: string, onError: (error: Error) => void, settings: Partial<Omit<CheckpointerOptions, 'path'>> = {}): SqliteCheckpointer {
    const options: CheckpointerOptions = { path, ...defaults, ...settings };
    const worker = startWorker(new URL('./sqlite-checkpointer.worker.ts', import.meta.url), { ...options });
    worker.on('error', onError);
    // The thread must never keep the process alive on its own.
    worker.unref();
    return new SqliteCheckpointer(worker);
  }

  /** Asks the thread to finish its round and close its connection, then ends it. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().then(() => resolve()), 5000);
      const done = () => {
        clearTimeout(timer);
        void this.worker.terminate().then(() => resolve());
      };
      this.worker.once('message', done);
      this.worker.once('exit', done);
      this.worker.postMessage('stop');
    });
    return this.stopped;
  }
}
