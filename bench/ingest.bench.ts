import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Kysely } from 'kysely';
import type { App } from '../src/main.js';
import { CustomersRepo } from '../src/modules/customers/customers.repo.js';
import { IdentityRepo } from '../src/modules/customers/identity.repo.js';
import { StatsRepo } from '../src/modules/customers/stats.repo.js';
import { demoCustomerKey } from '../src/modules/demo/demo.customers.js';
import { Rng } from '../src/modules/demo/demo.random.js';
import { EventsRepo, type NewEventRow } from '../src/modules/ingest/events.repo.js';
import { OrdersRepo } from '../src/modules/orders/orders.repo.js';
import { openDatabase } from '../src/platform/db/database.js';
import { withWriteRetry } from '../src/platform/db/retry.js';
import type { Database } from '../src/platform/db/schema.js';
import { localDayNumber } from '../src/platform/time.js';
import {
  type Engine, int, type KnownPerson, knownPeople, openBenchDatabase, postgresAvailable, preloadCustomers, removeDir, rssMiB,
  type SegmentMessage, startBenchApp, table, threadCpuMs, Traffic,
} from './bench-support.js';
import type { LoadResult } from './ingest-load.js';

// Ingestion benchmark: for each engine, preload a shop, measure the bare writes of the ingestion
// path without HTTP (the baseline), then the whole HTTP path (/v1/batch) under a load generator in a
// child process, watching the server's memory. Prints a table per engine with the targets.
// Usage: npm run bench:ingest -- [--engine sqlite|postgres|both] [--customers N] [--seconds S]
//        [--batch B] [--concurrency C] [--baseline-seconds S]

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    customers: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '60' },
    batch: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '4' },
    'baseline-seconds': { type: 'string', default: '15' },
  },
});
const customers = positive('customers');
const seconds = positive('seconds');
const batch = positive('batch');
const concurrency = positive('concurrency');
const baselineSeconds = positive('baseline-seconds');
const both = values.engine === undefined || values.engine === 'both';
const engines: Engine[] = values.engine === 'sqlite' || values.engine === 'postgres' ? [values.engine]
  : both ? (postgresAvailable() ? ['sqlite', 'postgres'] : ['sqlite'])
  : fail(`--engine must be sqlite, postgres or both, not ${values.engine}`);
const targets = { sqliteEventsPerSecond: 10_000, ratio: 0.6 };

console.log(`Ingestion benchmark: ${int(customers)} customers, ${seconds} s of HTTP load, batches of ${batch}, ${concurrency} in flight`);
console.log(`Server in this process (pid ${process.pid}); load generator in a child process. Node ${process.version}.`);
if (both && !engines.includes('postgres')) console.log('PostgreSQL binaries not found: SQLite only.');
for (const engine of engines) await runEngine(engine);

async function runEngine(engine: Engine): Promise<void> {
  console.log(`\n## ${engine}`);
  const database = await openBenchDatabase(engine);
  const { app, dataDir } = await startBenchApp(database.url);
  try {
    const preload = await preloadCustomers(app, customers, (line) => console.log(line));
    console.log(`  preload: ${int(preload.customers)} customers, ${int(preload.orders)} orders, ${int(preload.items)} lines in ${(preload.ms / 1000).toFixed(1)} s`);
    // The preload's garbage would otherwise sit in the heap and make the first RSS samples its, not the server's.
    collectGarbage();
    const people = knownPeople(customers);
    const baseCpu = process.cpuUsage();
    const base = await runBaseline(app, preload.workspaceId, people, { seconds: baselineSeconds, batch, concurrency });
    const baseCpuMs = cpuMsPer1000(process.cpuUsage(baseCpu), base.events);
    const baseRate = base.events / base.seconds;
    console.log(`  baseline: ${int(base.events)} events in ${base.seconds.toFixed(1)} s = ${int(baseRate)} events/s`);
    const httpCpu = process.cpuUsage();
    const threadsBefore = threadCpuMs();
    const http = await runHttp(app, preload.writeKey);
    const httpCpuMs = cpuMsPer1000(process.cpuUsage(httpCpu), http.load.events);
    // Per thread (the HTTP thread, on SQLite the writer and the checkpointer, V8's helpers), largest first.
    const byThread = [...threadCpuMs()]
      .map(([tid, ms]) => (ms - (threadsBefore.get(tid) ?? 0)) / (http.load.events / 1000))
      .filter((ms) => ms >= 1)
      .sort((a, b) => b - a);
    const loadCpuMs = http.load.cpuMs / (http.load.events / 1000);
    const httpRate = http.load.events / http.load.seconds;
    const ratio = httpRate / baseRate;
    console.log(`  RSS every 5 s (MiB): ${http.rss.join(' ')}`);
    if (http.load.failed > 0) console.log(`  ${http.load.failed} requests failed; first: ${http.load.firstFailure}`);
    const first = http.rss[0] ?? 0;
    const last = http.rss[http.rss.length - 1] ?? 0;
    const rows = [
      ['measure', engine, 'target'],
      ['preload', `${(preload.ms / 1000).toFixed(1)} s (${int(preload.customers)} customers, ${int(preload.orders)} orders)`, ''],
      ['baseline (no HTTP), events/s', int(baseRate), ''],
      ['HTTP /v1/batch, events/s', int(httpRate), engine === 'sqlite' ? `≥ ${int(targets.sqliteEventsPerSecond)}` : ''],
      ['HTTP / baseline', `${(ratio * 100).toFixed(0)}%`, `≥ ${targets.ratio * 100}%`],
      ['server CPU per 1,000 events: baseline / HTTP', `${baseCpuMs.toFixed(0)} / ${httpCpuMs.toFixed(0)} ms`, ''],
      ['HTTP run, server CPU per 1,000 events by thread', byThread.length > 0 ? `${byThread.map((ms) => ms.toFixed(0)).join(' + ')} ms` : 'n/a', ''],
      ['HTTP run, load generator CPU per 1,000 events', `${loadCpuMs.toFixed(0)} ms`, ''],
      ['request latency p50 / p99', `${http.load.p50.toFixed(1)} / ${http.load.p99.toFixed(1)} ms`, ''],
      ['server RSS start / end / max', `${first} / ${last} / ${Math.max(...http.rss)} MiB`, 'flat'],
    ];
    console.log(`\n${table(rows)}`);
    const verdicts = [
      engine === 'sqlite' ? `${httpRate >= targets.sqliteEventsPerSecond ? 'meets' : 'MISSES'} the ${int(targets.sqliteEventsPerSecond)} events/s target` : null,
      `${ratio >= targets.ratio ? 'meets' : 'MISSES'} the ${targets.ratio * 100}%-of-baseline target`,
    ].filter((v) => v !== null);
    console.log(`\n${engine}: ${verdicts.join('; ')}.`);
  } finally {
    await app.close();
    await database.stop();
    removeDir(dataDir);
  }
}

/**
 * The baseline: the ingestion path's own writes for the same mix of messages (event rows, new
 * visitors' profiles, orders with lines, the stats upserts of StatsRepo) through the same
 * repositories, in transactions of `batch` messages with `concurrency` of them at once, but without
 * HTTP, validation, de-duplication or identity resolution: customers' ids are looked up beforehand.
 */
async function runBaseline(app: App, workspaceId: string, people: KnownPerson[], options: { seconds: number; batch: number; concurrency: number }): Promise<{ events: number; seconds: number }> {
  // Messages go to customers spread over the whole base, as the HTTP load's do, not to a hot few.
  const rng = new Rng(1);
  const sample = Array.from({ length: Math.min(customers, 20_000) }, () => demoCustomerKey(rng.int(customers)));
  const ids = new Map<string, number>();
  const identity = new IdentityRepo(app.db.kysely);
  const wanted = [...new Set([...sample, ...people.map((p) => p.key)])];
  for (let i = 0; i < wanted.length; i += 500) {
    const owners = await identity.owners(workspaceId, wanted.slice(i, i + 500).map((key) => ({ kind: 'external_id' as const, value: key })));
    for (const o of owners) ids.set(o.value, o.customerId);
  }
  const keys = sample.filter((key) => ids.has(key));
  const traffic = new Traffic({ runId: `b${Date.now().toString(36)}`, pickKey: (r) => keys[r.int(keys.length)] ?? '', people }, rng);
  const workspace = await app.services.workspaces.get(workspaceId);
  // On SQLite the writes go through a connection set up as the ingestion writer thread's is (its log
  // copied back by a checkpointer thread), so that the baseline is the best these writes can do.
  const db = app.db.caps.blockingStatements ? openDatabase(app.config.DATABASE_URL, { checkpointThread: true }) : app.db;
  let events = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const messages = Array.from({ length: options.batch }, () => traffic.next());
      await withWriteRetry(db.caps, () =>
        db.kysely.transaction().execute((trx) => storeBare(trx, workspaceId, workspace.timezone, messages, ids)),
      );
      events += messages.length;
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
    return { events, seconds: (performance.now() - started) / 1000 };
  } finally {
    if (db !== app.db) await db.close();
  }
}

// What IngestService.store writes for a batch, minus the reads that resolve identity and profiles.
async function storeBare(trx: Kysely<Database>, workspaceId: string, timezone: string, messages: SegmentMessage[], ids: Map<string, number>): Promise<void> {
  const now = Date.now();
  const rows: NewEventRow[] = [];
  const activity = new Map<number, number>();
  const orderCustomers = new Set<number>();
  for (const m of messages) {
    const timestamp = Date.parse(String(m.timestamp));
    let customerId = typeof m.userId === 'string' ? ids.get(m.userId) : undefined;
    if (customerId === undefined) {
      customerId = await new CustomersRepo(trx).insert(workspaceId, {}, {}, now);
      await new IdentityRepo(trx).attach(workspaceId, customerId, [{ kind: 'anonymous_id', value: String(m.anonymousId) }], now);
    }
    const properties = (m.properties ?? m.traits ?? {}) as Record<string, unknown>;
    rows.push({
      workspace_id: workspaceId, customer_id: customerId, type: m.type, name: typeof m.event === 'string' ? m.event : typeof m.name === 'string' ? m.name : null,
      message_id: m.messageId, properties: JSON.stringify(properties), context: JSON.stringify(m.context ?? {}), timestamp, received_at: now,
    });
    activity.set(customerId, Math.max(activity.get(customerId) ?? 0, timestamp));
    if (m.event === 'Order Completed') {
      const products = properties.products as { product_id: string; sku: string; name: string; category: string; price: number; quantity: number }[];
      await new OrdersRepo(trx).insertIfNew(
        {
          workspace_id: workspaceId, customer_id: customerId, external_id: String(properties.order_id), status: 'completed',
          total: Math.round(Number(properties.total) * 100), discount: 0, shipping: 0, tax: 0, refunded: 0, points_used: 0, currency: 'RUB',
          channel: 'online', store_id: null, source: 'event', ordered_at: timestamp, order_day: localDayNumber(timestamp, timezone), created_at: now, updated_at: now,
        },
        products.map((p) => ({ product_id: p.product_id, sku: p.sku, name: p.name, category: p.category, price: Math.round(p.price * 100), quantity: p.quantity })),
      );
      orderCustomers.add(customerId);
    }
  }
  await new EventsRepo(trx).insertMany(rows);
  const stats = new StatsRepo(trx);
  if (orderCustomers.size > 0) await stats.recomputeOrders(workspaceId, [...orderCustomers], now);
  await stats.touchActivity(workspaceId, new Map([...activity].map(([id, at]) => [id, { at }])), now);
}

// Serves HTTP from this process while a child process sends the load; samples this process's RSS
// every 5 s (the first sample as the load starts).
async function runHttp(app: App, writeKey: string): Promise<{ load: LoadResult; rss: number[] }> {
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const address = app.http.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const rss = [rssMiB()];
  const sampler = setInterval(() => rss.push(rssMiB()), 5000);
  try {
    const script = fileURLToPath(new URL('./ingest-load.ts', import.meta.url));
    const args = [
      '--url', `http://127.0.0.1:${port}`, '--write-key', writeKey, '--customers', String(customers), '--seconds', String(seconds),
      '--batch', String(batch), '--concurrency', String(concurrency), '--run-id', `h${randomBytes(4).toString('hex')}`,
    ];
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const lastLine = output.trim().split('\n').pop() ?? '';
    if (code !== 0 || !lastLine.startsWith('{')) throw new Error(`the load generator exited with ${code}: ${output.slice(-2000)}`);
    return { load: JSON.parse(lastLine) as LoadResult, rss };
  } finally {
    clearInterval(sampler);
    rss.push(rssMiB());
  }
}

// CPU time (user + system) this process spent per 1,000 events: a figure that, unlike events/s,
// holds when other work shares the machine.
function cpuMsPer1000(usage: NodeJS.CpuUsage, events: number): number {
  return events > 0 ? (usage.user + usage.system) / 1000 / (events / 1000) : Number.NaN;
}

// A full GC on demand without a command-line flag (the npm script runs plain `node --import tsx`).
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc === 'function') gc();
}

function positive(name: 'customers' | 'seconds' | 'batch' | 'concurrency' | 'baseline-seconds'): number {
  const n = Number(values[name]);
  return Number.isSafeInteger(n) && n > 0 ? n : fail(`--${name} must be a positive integer`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
