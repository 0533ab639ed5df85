import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { App } from '../src/main.js';
import { ChangeFeedRepo } from '../src/modules/segments/change-feed.repo.js';
import { feedConsumer } from '../src/modules/segments/segment-evaluator.js';
import { percentile } from './bench-support.js';
import type { SegmentsLoadResult } from './segments-ingest-load.js';
import { liveRules, probeRule } from './segments-rules.js';

// Saved segments kept current during ingestion, on the platform as `klientura start` runs it (HTTP,
// the job worker and the segment feed loop in one process), with the load generator
// (bench/segments-ingest-load.ts) in a child process:
// - ingestion throughput as fast as the server answers, with no live segment;
// - 50 live segments made (49 rules of the suite and variants, and the probe rule), built by the worker;
// - membership latency: ingestion paced at a fixed rate, one message in 100 a probe event that moves
//   its customer into the probe segment; for each probe, the time from the acknowledgement of its
//   batch to its entry's row in segment_changes, both as the entry's recorded time (`at`) and as
//   the moment a reader polling segment_changes every 50 ms first saw it;
// - ingestion throughput again, with the 50 live segments.

/** A load run and the server's CPU time (every thread of this process) per 1,000 events stored meanwhile. */
export type MeasuredLoad = SegmentsLoadResult & { serverCpuMsPer1000: number };

/** What the ingestion runs measured. */
export interface LiveReport {
  without: MeasuredLoad;
  buildMs: number;
  buildFailures: string[];
  latency: { load: MeasuredLoad; recorded: number[]; seen: number[]; seenFromSend: number[]; missing: number; backlogAtEnd: number };
  withSegments: MeasuredLoad;
  /** Changes waiting for the feed loop when the throughput run with segments ended, and how long it took to catch up. */
  backlogAfter: number;
  catchUpMs: number | null;
}

/** Options of the ingestion runs. */
export interface LiveOptions {
  workspaceId: string;
  writeKey: string;
  firstCustomerId: number;
  customers: number;
  rate: number;
  latencySeconds: number;
  throughputSeconds: number;
}

/** Runs the ingestion measurements on a started platform (role all). */
export async function runLive(app: App, options: LiveOptions, log: (line: string) => void): Promise<LiveReport> {
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const address = app.http.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const load = async (seconds: number, rate: number, probes: number): Promise<MeasuredLoad> => {
    const cpu = process.cpuUsage();
    const result = await runLoad(base, options, seconds, rate, probes);
    const used = process.cpuUsage(cpu);
    return { ...result, serverCpuMsPer1000: (used.user + used.system) / 1000 / Math.max(1, result.events / 1000) };
  };
  const ws = options.workspaceId;

  // A fresh process is slower at first (JIT, caches): a short run first, not measured.
  await load(5, 0, 0);
  log(`  throughput with no live segment, ${options.throughputSeconds} s as fast as the server answers`);
  const without = await load(options.throughputSeconds, 0, 0);
  log(`    ${Math.round(without.events / without.seconds).toLocaleString('en')} events/s`);

  const t = performance.now();
  const rules = [...liveRules(), { name: 'probe', rule: probeRule }];
  const ids: string[] = [];
  for (const r of rules) ids.push((await app.services.segments.create(ws, { name: `live: ${r.name}`, kind: 'dynamic', rule: r.rule }, null)).id);
  const probeSegment = ids[ids.length - 1] ?? '';
  // A failed build is retried by the job queue: it is reported, and the run waits for it to succeed.
  const failures = new Map<string, string>();
  for (;;) {
    const list = (await app.services.segments.list(ws)).filter((s) => ids.includes(s.id));
    for (const s of list) if (s.status === 'failed' && !failures.has(s.id)) failures.set(s.id, `${s.name}: ${s.error ?? ''}`);
    if (list.every((s) => s.status === 'ready')) break;
    if (performance.now() - t > 30 * 60_000) throw new Error(`segments not built after 30 minutes; failures: ${[...failures.values()].join('; ')}`);
    await sleep(1000);
  }
  for (const failure of failures.values()) console.error(`\n*** A SEGMENT BUILD FAILED (and succeeded when the job was retried): ${failure} ***\n`);
  const buildMs = performance.now() - t;
  log(`  ${ids.length} live segments built in ${(buildMs / 1000).toFixed(1)} s`);
  const drained = await waitForFeed(app, ws, 600_000);
  log(`  the feed loop caught up with earlier changes in ${(drained / 1000).toFixed(1)} s`);

  log(`  membership latency: ${options.rate.toLocaleString('en')} events/s for ${options.latencySeconds} s, probes in 1 of 100 messages`);
  const seen = new Map<number, number>();
  let polling = true;
  // Every entry of the probe segment, each poll (a few thousand rows at most): a cursor by id would
  // pass entries committed later with a lower id on PostgreSQL.
  const poller = (async () => {
    while (polling) {
      const rows = await sql<{ customer_id: number }>`select customer_id from segment_changes
        where workspace_id = ${ws} and segment_id = ${probeSegment} and entered = 1`.execute(app.db.kysely);
      const now = Date.now();
      for (const r of rows.rows) {
        if (!seen.has(Number(r.customer_id))) seen.set(Number(r.customer_id), now);
      }
      await sleep(50);
    }
  })();
  // Probe customers come from the second half of the base, in order, so none has sent one before.
  const latencyLoad = await load(options.latencySeconds, options.rate, options.firstCustomerId + Math.floor(options.customers / 2));
  const backlogAtEnd = await backlog(app, ws);
  const waitUntil = Date.now() + 30_000;
  while (Date.now() < waitUntil && latencyLoad.probes.some(([id]) => !seen.has(id))) await sleep(100);
  polling = false;
  await poller;
  const recordedAt = new Map<number, number>();
  const recordedRows = await sql<{ customer_id: number; at: number }>`select customer_id, at from segment_changes
    where workspace_id = ${ws} and segment_id = ${probeSegment} and entered = 1`.execute(app.db.kysely);
  for (const r of recordedRows.rows) recordedAt.set(Number(r.customer_id), Number(r.at));
  const recorded: number[] = [];
  const seenLatency: number[] = [];
  const seenFromSend: number[] = [];
  let missing = 0;
  for (const [id, sent, ack] of latencyLoad.probes) {
    const at = recordedAt.get(id);
    const saw = seen.get(id);
    if (at === undefined || saw === undefined) missing++;
    if (at !== undefined) recorded.push(at - ack);
    if (saw !== undefined) {
      seenLatency.push(saw - ack);
      seenFromSend.push(saw - sent);
    }
  }
  for (const list of [recorded, seenLatency, seenFromSend]) list.sort((a, b) => a - b);
  log(`    ${latencyLoad.probes.length} probes: seen p50 ${percentile(seenLatency, 50)} / p99 ${percentile(seenLatency, 99)} ms; recorded p50 ${percentile(recorded, 50)} / p99 ${percentile(recorded, 99)} ms; ${missing} missing after 30 s`);
  await waitForFeed(app, ws, 600_000);

  log(`  throughput with ${ids.length} live segments, ${options.throughputSeconds} s as fast as the server answers`);
  const withSegments = await load(options.throughputSeconds, 0, 0);
  const backlogAfter = await backlog(app, ws);
  const catchUp = performance.now();
  const caught = await waitForFeed(app, ws, 600_000);
  const catchUpMs = caught < 600_000 ? performance.now() - catchUp : null;
  log(`    ${Math.round(withSegments.events / withSegments.seconds).toLocaleString('en')} events/s; ${backlogAfter.toLocaleString('en')} changes waiting at the end, caught up ${catchUpMs === null ? 'not within 10 minutes' : `in ${(catchUpMs / 1000).toFixed(1)} s`}`);
  return { without, buildMs, buildFailures: [...failures.values()], latency: { load: latencyLoad, recorded, seen: seenLatency, seenFromSend, missing, backlogAtEnd }, withSegments, backlogAfter, catchUpMs };
}

// Changes on the workspace's feed that the segment evaluator has not read yet.
async function backlog(app: App, workspaceId: string): Promise<number> {
  return new ChangeFeedRepo(app.db.kysely, app.db.caps).backlog(workspaceId, feedConsumer(workspaceId));
}

// Waits until the feed has no unread change (or the limit passes); returns the time waited.
async function waitForFeed(app: App, workspaceId: string, limitMs: number): Promise<number> {
  const t = performance.now();
  while (performance.now() - t < limitMs && (await backlog(app, workspaceId)) > 0) await sleep(200);
  return performance.now() - t;
}

async function runLoad(url: string, options: LiveOptions, seconds: number, rate: number, probes: number): Promise<SegmentsLoadResult> {
  const script = fileURLToPath(new URL('./segments-ingest-load.ts', import.meta.url));
  const args = [
    '--url', url, '--write-key', options.writeKey, '--first-customer', String(options.firstCustomerId), '--customers', String(options.customers),
    '--seconds', String(seconds), '--rate', String(rate), '--probes', String(probes), '--run-id', `s${randomBytes(4).toString('hex')}`,
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
  const result = JSON.parse(lastLine) as SegmentsLoadResult;
  if (result.failed > 0) console.log(`    ${result.failed} requests failed; first: ${result.firstFailure}`);
  return result;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
