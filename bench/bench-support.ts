import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../src/main.js';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/logger.js';
import { demoProducts } from '../src/modules/demo/demo.catalog.js';
import { generateDemoShop } from '../src/modules/demo/demo.generator.js';
import { Rng } from '../src/modules/demo/demo.random.js';
import { createDemoWorkspace, type DemoWorkspaceSummary } from '../src/modules/demo/demo.service.js';
import { createDatabase, findPgBin, startPgCluster } from '../test/pg-cluster.js';

// Helpers shared by the benchmark scripts: throwaway databases, an app on them, a preloaded shop,
// a realistic stream of tracking messages, and number formatting.

/** A database engine a benchmark runs on. */
export type Engine = 'sqlite' | 'postgres';

/** A throwaway database and how to get rid of it. */
export interface BenchDatabase {
  engine: Engine;
  url: string;
  stop(): Promise<void>;
}

/** Whether PostgreSQL server binaries are installed, so a throwaway cluster can be started. */
export function postgresAvailable(): boolean {
  return findPgBin() !== null;
}

/** Creates an empty database: a SQLite file in a temporary folder, or a database on a new private PostgreSQL cluster. */
export async function openBenchDatabase(engine: Engine): Promise<BenchDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'klientura-bench-'));
    return { engine, url: `sqlite:${join(dir, 'bench.db')}`, stop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const cluster = await startPgCluster();
  try {
    return { engine, url: await createDatabase(cluster.url, 'klientura_bench'), stop: () => cluster.stop() };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** Starts the platform on a database with silent logs and no demo of its own. */
export async function startBenchApp(url: string): Promise<{ app: App; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'klientura-bench-data-'));
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DEMO: 'false', DATA_DIR: dataDir, SCORES_EVERY_HOURS: '0' });
  return { app: await createApp({ config, logger: createLogger('silent') }), dataDir };
}

/** Options of the preloaded shop; the load generator regenerates the same customers from them. */
export interface PreloadOptions {
  seed: number;
  endDate: number;
  ordersPerCustomer: number;
}

/** The preloaded shop of every benchmark run: fixed, so any run can be compared with another. */
export const preloadOptions: PreloadOptions = { seed: 7, endDate: Date.UTC(2026, 10, 1), ordersPerCustomer: 2.5 };

/** Loads a demo shop of N customers with orders and no website events, printing progress. */
export async function preloadCustomers(app: App, customers: number, log: (line: string) => void): Promise<DemoWorkspaceSummary> {
  let shown = 0;
  return createDemoWorkspace(app, {
    customers,
    ...preloadOptions,
    eventsPerCustomer: 0,
    // Bigger transactions than the demo's: SQLite then rewrites each index page fewer times.
    chunkSize: 5000,
    onProgress: (p) => {
      if (p.customers < shown + p.total / 10 && p.customers < p.total) return;
      shown = p.customers;
      log(`  preload ${p.customers.toLocaleString('en')} / ${p.total.toLocaleString('en')} customers, ${p.orders.toLocaleString('en')} orders, ${(p.ms / 1000).toFixed(1)} s`);
    },
  });
}

/** A customer the traffic may identify: its key and its own phone and e-mail. */
export interface KnownPerson {
  key: string;
  phone: string;
  email: string | null;
}

/** The first customers of the preloaded shop (at most `count`), regenerated: the same people the preload stored. */
export function knownPeople(customers: number, count = 20_000): KnownPerson[] {
  const people: KnownPerson[] = [];
  const shop = generateDemoShop({ ...preloadOptions, customers: Math.min(customers, count), eventsPerCustomer: 0 });
  for (const chunk of shop) for (const c of chunk.customers) people.push({ key: c.key, phone: c.phone, email: c.email });
  return people;
}

/** A Segment message as the tracking API takes it. */
export type SegmentMessage = Record<string, unknown> & { type: string; messageId: string };

/** Where the traffic's customers come from. */
export interface TrafficSource {
  /** Prefix of every message id and order number, unique per run, so messages are never duplicates. */
  runId: string;
  /** The key of a random existing customer. */
  pickKey(rng: Rng): string;
  /** Known people for identify calls (their phone and e-mail match their key). */
  people: KnownPerson[];
}

const pages = [
  ['Главная', '/'], ['Каталог', '/catalog'], ['Женщинам', '/catalog/women'], ['Мужчинам', '/catalog/men'],
  ['Распродажа', '/sale'], ['Доставка', '/delivery'], ['Корзина', '/cart'],
] as const;
const tracks = ['Product Viewed', 'Product Added', 'Products Searched', 'Product List Viewed'] as const;
const userAgent = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/**
 * A stream of tracking messages in a shop's usual mix: 80% page views and product events of existing
 * customers, 10% identify calls with a customer's own phone and e-mail, 5% first page views of new
 * anonymous visitors and 5% `Order Completed` with 1–3 products. Every message id is new.
 */
export class Traffic {
  private n = 0;

  constructor(
    private readonly source: TrafficSource,
    private readonly rng: Rng,
  ) {}

  /** The next message. */
  next(): SegmentMessage {
    const r = this.rng.next();
    const messageId = `${this.source.runId}-${++this.n}`;
    const base = { messageId, timestamp: new Date().toISOString(), context: this.context() };
    if (r < 0.4) return { ...base, type: 'page', userId: this.source.pickKey(this.rng), ...this.page() };
    if (r < 0.8) return { ...base, type: 'track', userId: this.source.pickKey(this.rng), ...this.track() };
    if (r < 0.9) return { ...base, type: 'identify', ...this.identify() };
    if (r < 0.95) return { ...base, type: 'page', anonymousId: randomUUID(), ...this.page() };
    return { ...base, type: 'track', userId: this.source.pickKey(this.rng), ...this.order(messageId) };
  }

  private context() {
    return { library: { name: 'analytics.js', version: '5.2.0' }, userAgent, locale: 'ru-RU', ip: `10.0.${this.rng.int(256)}.${this.rng.int(256)}` };
  }

  private page() {
    const [name, path] = pages[this.rng.int(pages.length)] ?? pages[0];
    return { name, properties: { path, url: `https://severny-veter.example${path}`, title: `${name} — Северный ветер`, referrer: 'https://yandex.ru/' } };
  }

  private track() {
    const product = this.product();
    const event = tracks[this.rng.int(tracks.length)] ?? tracks[0];
    return { event, properties: { product_id: product.productId, sku: product.sku, name: product.name, category: product.category, price: product.price / 100, currency: 'RUB' } };
  }

  private identify() {
    const person = this.source.people[this.rng.int(this.source.people.length)];
    if (!person) throw new Error('the traffic has no known people to identify');
    const traits: Record<string, unknown> = { phone: person.phone, favouriteCategory: this.product().category };
    if (person.email) traits.email = person.email;
    return { userId: person.key, traits };
  }

  private order(orderId: string) {
    const products = Array.from({ length: 1 + this.rng.int(3) }, () => ({ ...this.product(), quantity: 1 + this.rng.int(2) }));
    const total = products.reduce((sum, p) => sum + p.price * p.quantity, 0) / 100;
    return {
      event: 'Order Completed',
      properties: {
        order_id: orderId, total, currency: 'RUB',
        products: products.map((p) => ({ product_id: p.productId, sku: p.sku, name: p.name, category: p.category, price: p.price / 100, quantity: p.quantity })),
      },
    };
  }

  private product() {
    const product = demoProducts[this.rng.int(demoProducts.length)];
    if (!product) throw new Error('the demo catalogue is empty');
    return product;
  }
}

/** The p-th percentile (0–100) of ascending values, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/**
 * CPU time (user + system, ms) each thread of this process has used so far, by thread id; empty
 * where /proc is not there (Linux only). Clock ticks are taken as 10 ms (USER_HZ is 100 on Linux).
 */
export function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync('/proc/self/task')) return out;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      // Fields after the command name (which may hold spaces) start at the process state; utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      out.set(tid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

/** Resident memory of this process in MiB. */
export function rssMiB(): number {
  return Math.round(process.memoryUsage.rss() / 1024 / 1024);
}

/** A thousands-separated integer. */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en');
}

/** Lays out rows as a Markdown table (first row: headers). */
export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const [head, ...body] = rows;
  return [line(head ?? []), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/** Removes a folder, ignoring errors. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
