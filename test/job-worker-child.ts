// A worker process for the job queue's crash test (src/platform/jobs/jobs.kill.test.ts): it runs a
// JobWorker on the database given, whose handler of `test.effect` writes its effect and then sleeps
// for a minute; it prints "effect <job id>" once the effect is committed, so the test knows when to
// kill it. Run as: node --import tsx test/job-worker-child.ts DATABASE_URL QUEUE LEASE_MS
import { systemClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/db/database.js';
import { JobQueue } from '../src/platform/jobs/jobs.service.js';
import { JobWorker } from '../src/platform/jobs/jobs.worker.js';
import { createLogger } from '../src/platform/logger.js';
import { effectHandler } from './job-effects.js';

const [url, queueName, lease] = process.argv.slice(2);
if (!url || !queueName || !lease) throw new Error('usage: job-worker-child.ts DATABASE_URL QUEUE LEASE_MS');
const db = openDatabase(url);
const queue = new JobQueue(db, systemClock, queueName);
const worker = new JobWorker(queue, systemClock, createLogger('silent'), { idleMs: 20, leaseMs: Number(lease), holder: `child:${process.pid}` });
let jobId = 0;
worker.register('test.effect', async (job, ctx) => {
  jobId = job.id;
  return effectHandler(db, { sleepMs: 60_000, onConflict: 'ignore', onWritten: () => console.log(`effect ${jobId}`) })(job, ctx);
});
worker.start();
