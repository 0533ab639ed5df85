import { Agent, request as httpRequest } from 'node:http';
import { parseArgs } from 'node:util';
import { demoCustomerKey } from '../src/modules/demo/demo.customers.js';
import { Rng } from '../src/modules/demo/demo.random.js';
import { knownPeople, percentile, Traffic } from './bench-support.js';

// The load generator of bench/ingest.bench.ts, run as a child process so that building and sending
// requests does not share the server's event loop. It posts /v1/batch calls with `concurrency`
// requests in flight for `seconds`, prints a progress line every 5 s on stderr and one JSON result
// line on stdout.

/** What the load generator reports to the benchmark. */
export interface LoadResult {
  events: number;
  requests: number;
  failed: number;
  firstFailure: string | null;
  seconds: number;
  p50: number;
  p99: number;
  /** CPU time (user + system) of the load generator itself, ms. */
  cpuMs: number;
}

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'write-key': { type: 'string' },
    customers: { type: 'string' },
    seconds: { type: 'string' },
    batch: { type: 'string' },
    concurrency: { type: 'string' },
    'run-id': { type: 'string' },
  },
});
const url = `${values.url ?? ''}/v1/batch`;
const customers = Number(values.customers);
const seconds = Number(values.seconds);
const batch = Number(values.batch);
const concurrency = Number(values.concurrency);
const authorization = `Basic ${Buffer.from(`${values['write-key'] ?? ''}:`).toString('base64')}`;

const people = knownPeople(customers);
const rng = new Rng(20_261_124);
const traffic = new Traffic({ runId: values['run-id'] ?? 'load', pickKey: (r) => demoCustomerKey(r.int(customers)), people }, rng);

const latencies: number[] = [];
let events = 0;
let failed = 0;
let firstFailure: string | null = null;
const started = performance.now();
const deadline = started + seconds * 1000;

// node:http with a keep-alive agent: each worker reuses a connection. Against a server that answers
// at once, this generator needs 7 ms of CPU per 1,000 events with node:http and 12 ms with fetch,
// CPU taken from the two cores the server runs on.
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function post(body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', agent, headers: { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function worker(): Promise<void> {
  while (performance.now() < deadline) {
    const body = JSON.stringify({ batch: Array.from({ length: batch }, () => traffic.next()) });
    const sent = performance.now();
    const response = await post(body);
    latencies.push(performance.now() - sent);
    if (response.status === 200) events += (JSON.parse(response.text) as { accepted: number }).accepted;
    else {
      failed++;
      firstFailure ??= `${response.status} ${response.text.slice(0, 500)}`;
    }
  }
}

let lastEvents = 0;
let lastAt = started;
const ticker = setInterval(() => {
  const now = performance.now();
  process.stderr.write(`  load ${((now - started) / 1000).toFixed(0)} s: ${Math.round(((events - lastEvents) * 1000) / (now - lastAt))} events/s\n`);
  lastEvents = events;
  lastAt = now;
}, 5000);

await Promise.all(Array.from({ length: concurrency }, () => worker()));
clearInterval(ticker);
agent.destroy();
latencies.sort((a, b) => a - b);
const result: LoadResult = {
  events,
  requests: latencies.length,
  failed,
  firstFailure,
  seconds: (performance.now() - started) / 1000,
  p50: percentile(latencies, 50),
  p99: percentile(latencies, 99),
  cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
};
console.log(JSON.stringify(result));
