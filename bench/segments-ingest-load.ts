import { Agent, request as httpRequest } from 'node:http';
import { parseArgs } from 'node:util';
import { Rng } from '../src/modules/demo/demo.random.js';
import { percentile } from './bench-support.js';
import { benchCategories, benchPages, benchTiers } from './segments-data.js';

// The load generator of bench/segments.bench.ts, in a child process as bench/ingest-load.ts is: it
// posts /v1/batch calls of `batch` messages with `concurrency` in flight, either as fast as the
// server answers (--rate 0) or paced to --rate events per second. Messages go to the loaded
// customers (userId = their external id): 45 % page views, 40 % product events, 10 % identify calls
// changing the `tier` trait, 5 % `Order Completed` with 1–3 lines. With --probes, one message in
// 100 is instead a `Segment Probe` event of a customer who never sent one, and the time its batch
// was sent and acknowledged are reported, so the benchmark can time the customer's entry into the probe segment.
// Prints a progress line every 5 s on stderr and one JSON result line on stdout.

/** What the load generator reports. */
export interface SegmentsLoadResult {
  events: number;
  requests: number;
  failed: number;
  firstFailure: string | null;
  seconds: number;
  p50: number;
  p99: number;
  /** Probe customers, the epoch ms their batch was sent and the epoch ms it was acknowledged. */
  probes: [number, number, number][];
}

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'write-key': { type: 'string' },
    'first-customer': { type: 'string' },
    customers: { type: 'string' },
    seconds: { type: 'string' },
    rate: { type: 'string', default: '0' },
    batch: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '4' },
    probes: { type: 'string', default: '0' },
    'run-id': { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const url = `${values.url ?? ''}/v1/batch`;
const firstCustomer = Number(values['first-customer']);
const customers = Number(values.customers);
const seconds = Number(values.seconds);
const rate = Number(values.rate);
const batch = Number(values.batch);
const concurrency = Number(values.concurrency);
// Probe customers are taken in order from this offset, so no two probes share a customer.
const probeFrom = Number(values.probes);
const runId = values['run-id'] ?? 'load';
const authorization = `Basic ${Buffer.from(`${values['write-key'] ?? ''}:`).toString('base64')}`;
const rng = new Rng(Number(values.seed));

let n = 0;
let nextProbe = probeFrom;
const key = (id: number) => `c${id}`;
const someone = () => firstCustomer + rng.int(customers);

function message(): { body: Record<string, unknown>; probe: number | null } {
  const base = { messageId: `${runId}-${++n}`, timestamp: new Date().toISOString(), context: { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0' } };
  if (probeFrom > 0 && n % 100 === 50) {
    const id = nextProbe++;
    return { body: { ...base, type: 'track', userId: key(id), event: 'Segment Probe', properties: {} }, probe: id };
  }
  const r = rng.next();
  const category = benchCategories[rng.int(benchCategories.length)];
  const price = 500 + 100 * rng.int(150);
  if (r < 0.45) {
    const page = benchPages[rng.int(benchPages.length)] ?? benchPages[0];
    return { body: { ...base, type: 'page', userId: key(someone()), name: page[0], properties: { path: page[1] } }, probe: null };
  }
  if (r < 0.85) {
    const event = r < 0.7 ? 'Product Viewed' : r < 0.8 ? 'Product Added' : 'Checkout Started';
    return { body: { ...base, type: 'track', userId: key(someone()), event, properties: { category, price } }, probe: null };
  }
  if (r < 0.95) return { body: { ...base, type: 'identify', userId: key(someone()), traits: { tier: benchTiers[rng.int(benchTiers.length)] } }, probe: null };
  const products = Array.from({ length: 1 + rng.int(3) }, (_, i) => ({ product_id: `p${i}`, sku: `SKU-${i}`, name: `Товар ${i}`, category, price, quantity: 1 }));
  return {
    body: { ...base, type: 'track', userId: key(someone()), event: 'Order Completed', properties: { order_id: `${runId}-o${n}`, total: products.reduce((s, p) => s + p.price, 0), currency: 'RUB', products } },
    probe: null,
  };
}

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

const latencies: number[] = [];
const probes: [number, number, number][] = [];
let events = 0;
let failed = 0;
let firstFailure: string | null = null;
const started = performance.now();
const deadline = started + seconds * 1000;
// Paced runs send a batch every batch/rate seconds, whichever worker is free; a late batch goes at once.
const interval = rate > 0 ? (batch / rate) * 1000 : 0;
let nextAt = started;

async function worker(): Promise<void> {
  while (performance.now() < deadline) {
    if (interval > 0) {
      const at = nextAt;
      nextAt += interval;
      const wait = at - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (performance.now() >= deadline) break;
    }
    const messages = Array.from({ length: batch }, () => message());
    const sent = performance.now();
    const sentAt = Date.now();
    const response = await post(JSON.stringify({ batch: messages.map((m) => m.body) }));
    const acknowledged = Date.now();
    latencies.push(performance.now() - sent);
    if (response.status === 200) {
      events += (JSON.parse(response.text) as { accepted: number }).accepted;
      for (const m of messages) if (m.probe !== null) probes.push([m.probe, sentAt, acknowledged]);
    } else {
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
const result: SegmentsLoadResult = {
  events, requests: latencies.length, failed, firstFailure, seconds: (performance.now() - started) / 1000,
  p50: percentile(latencies, 50), p99: percentile(latencies, 99), probes,
};
console.log(JSON.stringify(result));
