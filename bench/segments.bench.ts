import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type Engine, int, postgresAvailable, removeDir, table } from './bench-support.js';
import { DuckYardstick } from './segments-duckdb.js';
import { type LiveReport, runLive } from './segments-live.js';
import { localDayNumber } from '../src/platform/time.js';
import { benchNow, dropCached, type Prepared, prepareDatabase, startApp } from './segments-prepare.js';
import { explainRule, ms, type RuleTiming, timePreviews, timeRebuilds } from './segments-previews.js';
import { percentile } from './bench-support.js';

// npm run bench:segments -- [--engine sqlite|postgres|both] [--customers N] [--orders N] [--events N] [--seed S]
//                           [--runs R] [--rate E] [--latency-seconds S] [--throughput-seconds S] [--no-live] [--no-previews] [--fresh]
//                           [--group fields|activity]
//
// Segments at scale (docs/benchmarks.md): a shop of N customers (default 1,000,000) with 10·N orders
// and 10·N tracking events, per engine; live counts of a suite of 28 rules through
// SegmentsService.preview beside DuckDB on the same data (counts compared), the materialisation of
// new saved segments, and, on the platform as it runs in production, the membership latency of 50
// live segments while ingestion runs at E events/s and the ingestion throughput with 0 and 50 of
// them. --no-live skips the ingestion runs, --no-previews the live counts and materialisation; --fresh makes the data again instead of using the cache,
// --group times only the rules over fields, stats and scores or only those over events and purchases.

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    customers: { type: 'string', default: '1000000' },
    orders: { type: 'string' },
    events: { type: 'string' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '7' },
    rate: { type: 'string', default: '5000' },
    'latency-seconds': { type: 'string', default: '60' },
    'throughput-seconds': { type: 'string', default: '30' },
    'no-live': { type: 'boolean', default: false },
    'no-previews': { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    group: { type: 'string' },
  },
});
const customers = positive('customers', values.customers);
const size = {
  customers, orders: positive('orders', values.orders ?? String(customers * 10)), events: positive('events', values.events ?? String(customers * 10)),
  seed: positive('seed', values.seed),
};
const runs = positive('runs', values.runs);
const group = values.group === undefined ? undefined : values.group === 'fields' || values.group === 'activity' ? values.group : fail('--group must be fields or activity');
const rate = positive('rate', values.rate);
const latencySeconds = positive('latency-seconds', values['latency-seconds']);
const throughputSeconds = positive('throughput-seconds', values['throughput-seconds']);
const both = values.engine === undefined || values.engine === 'both';
const engines: Engine[] = values.engine === 'sqlite' || values.engine === 'postgres' ? [values.engine]
  : both ? (postgresAvailable() ? ['sqlite', 'postgres'] : ['sqlite'])
  : fail(`--engine must be sqlite, postgres or both, not ${values.engine}`);
const targets = { fieldsP95: 300, activityP95: 1500, ratio: 3, latencyP99: 1000, throughputLoss: 0.15 };
const log = (line: string) => console.log(line);

console.log(`Segments benchmark: ${int(size.customers)} customers, ${int(size.orders)} orders, ${int(size.events)} events, seed ${size.seed}; ${engines.join(' and ')}. Node ${process.version}.`);
console.log(`Load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores: figures taken while other work ran are indicative).`);
if (values.fresh) dropCached(size);

for (const engine of engines) await runEngine(engine);

async function runEngine(engine: Engine): Promise<void> {
  console.log(`\n## ${engine}`);
  const t = performance.now();
  const prepared = await prepareDatabase(engine, size, log);
  console.log(`  data ready in ${((performance.now() - t) / 1000).toFixed(1)} s${prepared.fromCache ? ' (from the cache)' : ''}`);
  try {
    if (!values['no-previews']) await runPreviews(engine, prepared);
    if (!values['no-live']) {
      console.log(`\n  ingestion with live segments (platform with its worker and feed loop; system clock)`);
      const live = await startApp(prepared.database.url, 'all', null);
      try {
        const report = await runLive(live.app, {
          workspaceId: prepared.workspaceId, writeKey: prepared.writeKey, firstCustomerId: prepared.firstCustomerId, customers: size.customers,
          rate, latencySeconds, throughputSeconds,
        }, log);
        printLive(engine, report);
      } finally {
        await live.app.close();
        removeDir(live.dataDir);
      }
    }
    console.log(`\nLoad average now: ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
  } finally {
    await prepared.database.stop();
  }
}

// Live counts beside DuckDB, materialisation, and the plans of the slowest rules that miss.
async function runPreviews(engine: Engine, prepared: Prepared): Promise<void> {
  const duck = await DuckYardstick.copy(prepared.database, prepared.workspaceId, log);
  const started = await startApp(prepared.database.url, 'api', benchNow);
  const plans: string[] = [];
  try {
    console.log(`\n  live counts (SegmentsService.preview, a warm-up then ${runs} runs; DuckDB the same)`);
    const before = process.memoryUsage();
    const timings = await timePreviews(started.app, prepared.workspaceId, duck, benchNow, runs, log, group);
    const after = process.memoryUsage();
    const mib = (n: number) => `${(n / 1048576).toFixed(0)} MiB`;
    console.log(`  memory of the bench process (the app, its audience index and DuckDB's copy) before / after the previews: RSS ${mib(before.rss)} / ${mib(after.rss)}, ` +
      `JavaScript heap ${mib(before.heapUsed)} / ${mib(after.heapUsed)}, array buffers ${mib(before.arrayBuffers)} / ${mib(after.arrayBuffers)}`);
    console.log('\n  materialisation (SegmentEvaluator.rebuild of a new saved segment)');
    const rebuilds = await timeRebuilds(started.app, prepared.workspaceId, ['10 orders or more', 'city is Москва', 'abandoned a cart (24 h) in 30 days'], log);
    for (const group of ['fields', 'activity'] as const) {
      const slowest = timings.filter((x) => x.rule.group === group).sort((a, b) => b.ours.p95 - a.ours.p95)[0];
      if (slowest && slowest.ours.p95 > (group === 'fields' ? targets.fieldsP95 : targets.activityP95)) {
        plans.push(`${slowest.rule.name} (p95 ${ms(slowest.ours.p95)}):\n${await explainRule(started.app, prepared.workspaceId, slowest.rule.rule)}`);
        plans.push(`the same in DuckDB:\n${await duck.explain(slowest.rule.duck({ now: benchNow, today: localDayNumber(benchNow, 'Europe/Moscow') }))}`);
      }
    }
    printPreviews(engine, timings, rebuilds);
    for (const plan of plans) console.log(`\nplan of ${plan}`);
  } finally {
    await started.app.close();
    removeDir(started.dataDir);
    duck.close();
  }
}

function printPreviews(engine: Engine, timings: RuleTiming[], rebuilds: { name: string; ms: number; members: number; previewCount: number }[]): void {
  const rows: string[][] = [['rule', 'customers', `${engine} p50 / p95`, 'first preview', 'DuckDB p50 / p95', 'ratio (p50)', 'target', 'counts']];
  for (const group of ['fields', 'activity'] as const) {
    const limit = group === 'fields' ? targets.fieldsP95 : targets.activityP95;
    for (const x of timings.filter((t) => t.rule.group === group)) {
      const ratio = x.ours.p50 / Math.max(x.duck.p50, 0.001);
      const same = x.ours.count === x.duck.count && x.ours.revenue === x.duck.revenue;
      const ratioTarget = group === 'activity' ? `, ≤ ${targets.ratio}× ${met(ratio <= targets.ratio)}` : '';
      rows.push([
        `${group === 'fields' ? '[fields]' : '[events/products]'} ${x.rule.name}`, int(x.ours.count), `${ms(x.ours.p50)} / ${ms(x.ours.p95)}`, ms(x.ours.first), `${ms(x.duck.p50)} / ${ms(x.duck.p95)}`,
        `${ratio.toFixed(1)}×`, `p95 ≤ ${ms(limit)} ${met(x.ours.p95 <= limit)}${ratioTarget}`, same ? 'equal' : `DIFFER (DuckDB ${int(x.duck.count)})`,
      ]);
    }
  }
  console.log(`\n${table(rows)}`);
  const fields = timings.filter((t) => t.rule.group === 'fields');
  const activity = timings.filter((t) => t.rule.group === 'activity');
  const mismatches = timings.filter((t) => t.ours.count !== t.duck.count || t.ours.revenue !== t.duck.revenue);
  console.log(`\n${engine}: fields/stats/scores ${fields.filter((t) => t.ours.p95 <= targets.fieldsP95).length} of ${fields.length} within p95 ${targets.fieldsP95} ms; ` +
    `events/products ${activity.filter((t) => t.ours.p95 <= targets.activityP95).length} of ${activity.length} within p95 ${targets.activityP95} ms, ` +
    `${activity.filter((t) => t.ours.p50 <= targets.ratio * t.duck.p50).length} of ${activity.length} within ${targets.ratio}× DuckDB; ` +
    (mismatches.length === 0 ? 'every count equal to DuckDB’s.' : `*** ${mismatches.length} COUNTS DIFFER FROM DUCKDB: ${mismatches.map((m) => m.rule.name).join('; ')} ***`));
  console.log(`\n${table([['materialisation', 'members', 'time', 'equals the preview'], ...rebuilds.map((r) => [r.name, int(r.members), ms(r.ms), r.members === r.previewCount ? 'yes' : `NO (${int(r.previewCount)})`])])}`);
}

function printLive(engine: Engine, r: LiveReport): void {
  const rate0 = r.without.events / r.without.seconds;
  const rate50 = r.withSegments.events / r.withSegments.seconds;
  const loss = 1 - rate50 / rate0;
  const lat = r.latency;
  const paced = lat.load.events / lat.load.seconds;
  const p99 = percentile(lat.seen, 99);
  console.log(`\n${table([
    ['measure', engine, 'target'],
    ['50 live segments built (worker, from scratch)', `${(r.buildMs / 1000).toFixed(1)} s`, r.buildFailures.length > 0 ? `${r.buildFailures.length} builds FAILED first: ${r.buildFailures.join('; ')}` : ''],
    [
      `membership latency at ${int(paced)} events/s (${lat.load.probes.length} probes): seen in segment_changes, p50 / p99`, `${percentile(lat.seen, 50)} / ${p99} ms`,
      `p99 ≤ ${targets.latencyP99} ms ${met(lat.missing === 0 && p99 <= targets.latencyP99)}${paced < 0.9 * rate ? ` (the paced rate of ${int(rate)} events/s NOT reached)` : ''}`,
    ],
    ['  the same from the sending of the probe’s batch, p50 / p99', `${percentile(lat.seenFromSend, 50)} / ${percentile(lat.seenFromSend, 99)} ms`, ''],
    ['  from the acknowledgement to the entry’s recorded time (`at`), p50 / p99', `${percentile(lat.recorded, 50)} / ${percentile(lat.recorded, 99)} ms`, ''],
    ['  probes not in the segment 30 s after the run', int(lat.missing), '0'],
    ['  changes waiting for the feed when the paced run ended', int(lat.backlogAtEnd), ''],
    ['  request latency p50 / p99 (paced run)', `${lat.load.p50.toFixed(0)} / ${lat.load.p99.toFixed(0)} ms`, ''],
    ['  server CPU per 1,000 events, paced run', `${lat.load.serverCpuMsPer1000.toFixed(0)} ms`, ''],
    ['ingestion, no live segment, events/s (server CPU per 1,000 events)', `${int(rate0)} (${r.without.serverCpuMsPer1000.toFixed(0)} ms)`, ''],
    ['ingestion, 50 live segments, events/s (server CPU per 1,000 events)', `${int(rate50)} (${r.withSegments.serverCpuMsPer1000.toFixed(0)} ms)`, ''],
    ['  loss with 50 segments', `${(loss * 100).toFixed(0)} %`, `≤ ${targets.throughputLoss * 100} % ${met(loss <= targets.throughputLoss)}`],
    ['  changes waiting for the feed at the end / time to catch up', `${int(r.backlogAfter)} / ${r.catchUpMs === null ? '> 10 min' : `${(r.catchUpMs / 1000).toFixed(1)} s`}`, r.backlogAfter > 0 ? 'the feed fell behind: the ratio understates the cost' : ''],
    ['  the feed loop’s rate while catching up, changes/s', r.catchUpMs && r.backlogAfter > 0 ? int(r.backlogAfter / (r.catchUpMs / 1000)) : 'n/a', ''],
  ])}`);
}

function met(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : fail(`--${name} must be a positive integer`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}


