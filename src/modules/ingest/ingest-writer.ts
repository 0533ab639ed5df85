import type { Worker } from 'node:worker_threads';
import { DomainError, type ErrorCode } from '../../platform/errors.js';
import { startWorker } from '../../platform/threads/worker-thread.js';
import type { Workspace } from '../workspaces/workspaces.service.js';
import type { BatchStore, PreparedMessage, StoreResult } from './ingest-store.js';

/** A batch to store, as posted to the writer thread. */
export interface WriteRequest {
  id: number;
  workspace: Workspace;
  prepared: PreparedMessage[];
  now: number;
}

/** An error of the writer thread, as posted back: a DomainError keeps its code and details. */
export interface WriteFailure {
  message: string;
  domain?: { code: ErrorCode; details?: DomainError['details'] };
  code?: string;
  stack?: string;
}

/** The writer thread's answer to one request. */
export type WriteReply = { id: number; result: StoreResult } | { id: number; error: WriteFailure };

interface Pending {
  resolve(result: StoreResult): void;
  reject(error: Error): void;
}

/**
 * Stores ingestion batches in a thread of its own (ingest-writer.worker.ts), on SQLite.
 *
 * better-sqlite3 runs every statement synchronously, so a batch's writes (about 10 ms for 100
 * messages at a million customers) used to stop the HTTP thread: reading and validating the next
 * requests, and every other API call, waited. The writer thread has its own connection and stores
 * the batches one after another in the order they came, while this thread goes on parsing and
 * validating; the other writes of this thread meet it at SQLite's write lock (transactions begin
 * IMMEDIATE and wait for it). The thread starts with the first batch and its connection copies the
 * log back from a checkpointer thread (sqlite-checkpointer.ts).
 */
export class ThreadedBatchStore implements BatchStore {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  constructor(private readonly databaseUrl: string) {}

  store(workspace: Workspace, prepared: PreparedMessage[], now: number): Promise<StoreResult> {
    const worker = this.worker ?? this.start();
    return new Promise<StoreResult>((resolve, reject) => {
      const id = ++this.next;
      this.pending.set(id, { resolve, reject });
      // Only pending work keeps the process alive; an idle writer never holds it open.
      if (this.pending.size === 1) worker.ref();
      const request: WriteRequest = { id, workspace, prepared, now };
      worker.postMessage(request);
    });
  }

  /**
   * Lets the thread finish the batches it has, then closes its connection and ends it; a thread that
   * has not ended within `graceMs` is stopped (its open transaction rolls back).
   */
  async close(graceMs = 30_000): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate(), graceMs);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage('close');
    });
  }

  private start(): Worker {
    const worker = startWorker(new URL('./ingest-writer.worker.ts', import.meta.url), { databaseUrl: this.databaseUrl });
    worker.on('message', (reply: WriteReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('result' in reply) pending.resolve(reply.result);
      else pending.reject(toError(reply.error));
    });
    // A thread that died takes its unfinished batches with it (their transactions roll back);
    // their callers get an error, and the next batch starts a new thread.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The ingestion writer thread stopped (exit code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

function toError(failure: WriteFailure): Error {
  if (failure.domain) return new DomainError(failure.domain.code, failure.message, failure.domain.details);
  return Object.assign(new Error(failure.message), { code: failure.code, stack: failure.stack });
}
