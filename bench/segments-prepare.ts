import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { createApp, type App } from '../src/main.js';
import { fixedClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/logger.js';
import { defaultShopOptions, generateShop } from './analytics-data.js';
import { loadShop } from './analytics-load.js';
import { type BenchDatabase, type Engine, openBenchDatabase, removeDir } from './bench-support.js';
import { loadExtras } from './segments-load.js';

// The segments benchmark's database: the analytics benchmark's shop (customers, orders,
// customer_stats) with the segments benchmark's profiles, order lines and events, then the stored
// scores computed by the product (services.scores.recompute). A SQLite database is kept in a cache
// folder (BENCH_DATA_DIR, else the system's temporary folder) under a name made of the sizes, the
// seed and the migrations, and copied from there by later runs: generating and loading 21 million
// rows takes minutes. PostgreSQL databases are loaded each run.

/** The sizes and seed of the data. */
export interface DataSize {
  customers: number;
  orders: number;
  events: number;
  seed: number;
}

/** A prepared database and what the benchmark needs to know about it. */
export interface Prepared {
  database: BenchDatabase;
  workspaceId: string;
  writeKey: string;
  firstCustomerId: number;
  /** Where the time went, when the data was made in this run (empty when copied from the cache). */
  phases: { name: string; ms: number }[];
  fromCache: boolean;
}

/** The fixed "now" of the previews: noon in Moscow the day after the shop's last day (2026-11-30). */
export const benchNow = Date.UTC(2026, 11, 1, 9, 0);

interface CacheMeta {
  workspaceId: string;
  writeKey: string;
  firstCustomerId: number;
  phases: { name: string; ms: number }[];
}

/** Starts the platform on a database as an API process with a given clock (no workers, no feed loop unless `role` says so). */
export async function startApp(url: string, role: 'api' | 'all', now: number | null): Promise<{ app: App; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'klientura-bench-data-'));
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DEMO: 'false', DATA_DIR: dataDir, SCORES_EVERY_HOURS: '0' });
  const app = await createApp({ config, logger: createLogger('silent'), role, ...(now === null ? {} : { clock: fixedClock(now) }) });
  return { app, dataDir };
}

/** Makes (or copies from the cache) the benchmark's database on an engine. */
export async function prepareDatabase(engine: Engine, size: DataSize, log: (line: string) => void): Promise<Prepared> {
  const cached = engine === 'sqlite' ? cachePath(size) : null;
  if (cached && existsSync(cached.db) && existsSync(cached.meta)) {
    const database = await openBenchDatabase('sqlite');
    const t = performance.now();
    copyFileSync(cached.db, database.url.slice('sqlite:'.length));
    log(`  copied the cached database ${cached.db} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const meta = JSON.parse(readFileSync(cached.meta, 'utf8')) as CacheMeta;
    return { database, ...meta, fromCache: true };
  }
  const database = await openBenchDatabase(engine);
  try {
    const made = await makeData(database, size, log);
    if (cached) {
      mkdirSync(cached.dir, { recursive: true });
      const file = database.url.slice('sqlite:'.length);
      const db = new SQLite(file);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      copyFileSync(file, cached.db);
      writeFileSync(cached.meta, JSON.stringify(made));
      log(`  cached as ${cached.db}`);
    }
    return { database, ...made, fromCache: false };
  } catch (error) {
    await database.stop();
    throw error;
  }
}

async function makeData(database: BenchDatabase, size: DataSize, log: (line: string) => void): Promise<CacheMeta> {
  const phases: { name: string; ms: number }[] = [];
  let t = performance.now();
  const shop = generateShop(defaultShopOptions(size.customers, size.orders, size.seed));
  phases.push({ name: 'generate the shop', ms: performance.now() - t });
  let started = await startApp(database.url, 'api', benchNow);
  const workspace = await started.app.services.workspaces.create({ name: 'Segments benchmark shop', timezone: shop.options.timezone, currency: 'RUB', phoneRegion: 'RU' });
  const writeKey = (await started.app.services.apiKeys.create(workspace.id, 'write', 'Segments benchmark', null)).key;
  await started.app.close();
  removeDir(started.dataDir);
  const load = await loadShop(database, workspace.id, shop, log);
  phases.push({ name: 'load customers, orders, stats (the analytics load)', ms: load.ms });
  const firstOrderId = await firstOrder(database, workspace.id);
  const extras = await loadExtras(database, workspace.id, shop, size.events, { customer: load.firstCustomerId, order: firstOrderId }, log);
  phases.push(...extras);
  started = await startApp(database.url, 'api', benchNow);
  try {
    t = performance.now();
    const run = await started.app.services.scores.recompute(workspace.id);
    phases.push({ name: 'stored scores (services.scores.recompute)', ms: performance.now() - t });
    log(`  scores: ${run.status} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    if (run.status !== 'done') throw new Error(`the scores computation ended ${run.status}: ${run.error ?? ''}`);
    // The scores' writes went on customer_changes too: not changes any segment has seen.
    await started.app.db.kysely.deleteFrom('customer_changes').execute();
  } finally {
    await started.app.close();
    removeDir(started.dataDir);
  }
  return { workspaceId: workspace.id, writeKey, firstCustomerId: load.firstCustomerId, phases };
}

// The id of the shop's first order (the analytics load numbers orders from the next free id).
async function firstOrder(database: BenchDatabase, workspaceId: string): Promise<number> {
  const again = await startApp(database.url, 'api', benchNow);
  try {
    const row = await again.app.db.kysely.selectFrom('orders').select((eb) => eb.fn.min('id').as('id')).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return Number(row?.id ?? 1);
  } finally {
    await again.app.close();
    removeDir(again.dataDir);
  }
}

function cachePath(size: DataSize): { dir: string; db: string; meta: string } {
  const dir = process.env.BENCH_DATA_DIR ?? join(tmpdir(), 'klientura-bench-cache');
  // A schema change (a new migration, or an edit to one while it is being written: its triggers
  // are in the cached file) or a change to the generators makes a new name.
  const sources = ['segments-data.ts', 'segments-load.ts', 'analytics-data.ts', 'analytics-load.ts'].map((f) => readFileSync(fileURLToPath(new URL(`./${f}`, import.meta.url)), 'utf8'));
  const folder = fileURLToPath(new URL('../src/platform/db/migrations', import.meta.url));
  const migrations = readdirSync(folder).filter((f) => !f.endsWith('.test.ts')).sort().map((f) => `${f}\n${readFileSync(join(folder, f), 'utf8')}`);
  const hash = createHash('sha256').update([...sources, ...migrations].join('\n')).digest('hex').slice(0, 10);
  const name = `segments-${size.customers}-${size.orders}-${size.events}-s${size.seed}-${hash}`;
  return { dir, db: join(dir, `${name}.db`), meta: join(dir, `${name}.json`) };
}

/** Removes a cached database file (for --fresh). */
export function dropCached(size: DataSize): void {
  const cached = cachePath(size);
  rmSync(cached.db, { force: true });
  rmSync(cached.meta, { force: true });
}
