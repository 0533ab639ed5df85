import { parentPort, workerData } from 'node:worker_threads';
import type { Clock } from '../../platform/clock.js';
import { openDatabase } from '../../platform/db/database.js';
import { DomainError } from '../../platform/errors.js';
import { createServices } from '../../services.js';
import { IngestStore } from './ingest-store.js';
import type { WriteFailure, WriteReply, WriteRequest } from './ingest-writer.js';

// The ingestion writer thread (ingest-writer.ts): its own connection and the services that store a
// batch, one batch at a time in the order they arrive.

const port = parentPort;
if (!port) throw new Error('ingest-writer.worker.ts runs as a worker thread');
const { databaseUrl } = workerData as { databaseUrl: string };
const db = openDatabase(databaseUrl, { checkpointThread: true });
// The services read the time of the batch being stored: its arrival on the HTTP thread.
let batchTime = 0;
const clock: Clock = { now: () => batchTime };
// The same wiring as the HTTP process's (services.ts), storing batches on this thread.
const { customers, orders } = createServices(db, clock, { databaseUrl, dataDir: '', batches: 'here' });
const store = new IngestStore(db, customers, orders);

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: WriteRequest | 'close') => {
  queue = queue.then(() => (message === 'close' ? close() : write(message)));
});

async function write(request: WriteRequest): Promise<void> {
  batchTime = request.now;
  let reply: WriteReply;
  try {
    reply = { id: request.id, result: await store.store(request.workspace, request.prepared, request.now) };
  } catch (error) {
    reply = { id: request.id, error: failure(error) };
  }
  port?.postMessage(reply);
}

async function close(): Promise<void> {
  await db.close();
  process.exit(0);
}

function failure(error: unknown): WriteFailure {
  if (error instanceof DomainError) return { message: error.message, domain: { code: error.code, details: error.details } };
  const e = error instanceof Error ? error : new Error(String(error));
  return { message: e.message, code: (e as { code?: string }).code, stack: e.stack };
}
