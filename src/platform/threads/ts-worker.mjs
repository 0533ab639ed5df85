// Entry of every worker thread: a new thread does not inherit the parent's TypeScript loader
// (`node --import tsx`, or Vitest's), so it registers tsx and then imports the module named in
// workerData.entry. Plain JavaScript because it runs before that loader exists.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
