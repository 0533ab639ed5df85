import { Worker } from 'node:worker_threads';

const bootstrap = new URL('./ts-worker.mjs', import.meta.url);

/**
 * Starts a worker thread running a TypeScript module (its file URL, `new URL('./x.worker.ts',
 * import.meta.url)`), with `data` as its workerData. Works under `node --import tsx` and under
 * Vitest alike.
 */
export function startWorker(entry: URL, data: Record<string, unknown>): Worker {
  return new Worker(bootstrap, { workerData: { ...data, entry: entry.href } });
}
