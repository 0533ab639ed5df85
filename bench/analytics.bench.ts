import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isoDay } from '../src/modules/analytics/days.js';
import { defaultShopOptions, generateShop, type Shop } from './analytics-data.js';
import { duckdbRfm, rfCells } from './analytics-duckdb.js';
import { loadShop, type LoadReport } from './analytics-load.js';
import type { TimingsReport } from './analytics-timings.js';
import { startApiApp } from './analytics-app.js';
import { type Engine, int, openBenchDatabase, postgresAvailable, removeDir, table } from './bench-support.js';

// npm run bench:analytics -- [--engine sqlite|postgres|both] [--customers N] [--orders N] [--seed S] [--runs R] [--profile DIR]
//
// Generates a shop of N customers and 10·N orders over three years (bench/analytics-data.ts), loads
// it into a throwaway database per engine made by the product's migrations, and times the product's
// analytics on it: the recomputation of stored scores (or the analyses that stand in for it), the
// dashboard's API answers and the CLV fit, beside the same RFM computed by DuckDB from the same
// purchases in this run (the yardstick). --profile writes CPU profiles of the timed process to DIR.

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    customers: { type: 'string', default: '1000000' },
    orders: { type: 'string' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
    profile: { type: 'string' },
  },
});
const customers = positive('customers', values.customers);
const orders = positive('orders', values.orders ?? String(customers * 10));
const seed = positive('seed', values.seed);
const runs = positive('runs', values.runs);
const both = values.engine === undefined || values.engine === 'both';
const engines: Engine[] = values.engine === 'sqlite' || values.engine === 'postgres' ? [values.engine]
  : both ? (postgresAvailable() ? ['sqlite', 'postgres'] : ['sqlite'])
  : fail(`--engine must be sqlite, postgres or both, not ${values.engine}`);
const targets = { ratio: 3, apiMs: 300, clvFitMs: 10_000 };

console.log(`Analytics benchmark: ${int(customers)} customers, ${int(orders)} orders, seed ${seed}; ${engines.join(' and ')}. Node ${process.version}.`);
if (both && !engines.includes('postgres')) console.log('PostgreSQL binaries not found: SQLite only.');
console.log(`Load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores: figures taken while other work ran are indicative).`);

const generated = performance.now();
const shop = generateShop(defaultShopOptions(customers, orders, seed));
const lastDay = isoDay(shop.options.lastDay);
console.log(`\nShop generated in ${((performance.now() - generated) / 1000).toFixed(1)} s: ${describeShop(shop)}`);

const yardstick = await duckdbRfm(shop, 1, shop.options.lastDay);
console.log(
  `DuckDB RFM (yardstick): ${int(yardstick.scores.customerId.length)} customers from ${int(yardstick.rows)} purchases (loaded in ${s(yardstick.loadMs)}), ` +
    `runs ${yardstick.runsMs.map(s).join(', ')}: best ${s(yardstick.bestMs)} with the scores read into JavaScript, ${s(yardstick.inEngineBestMs)} into a DuckDB table`,
);

for (const engine of engines) await runEngine(engine);

async function runEngine(engine: Engine): Promise<void> {
  console.log(`\n## ${engine}`);
  const database = await openBenchDatabase(engine);
  let dataDir: string | null = null;
  try {
    // The product makes the schema and the workspace; the load then writes straight into its tables.
    const started = await startApiApp(database.url);
    dataDir = started.dataDir;
    const workspace = await started.app.services.workspaces.create({ name: 'Analytics benchmark shop', timezone: shop.options.timezone, currency: 'RUB', phoneRegion: 'RU' });
    const key = await started.app.services.apiKeys.create(workspace.id, 'secret', 'Analytics benchmark', null);
    await started.app.close();
    const load = await loadShop(database, workspace.id, shop, (line) => console.log(line));
    if (load.firstCustomerId !== 1) console.log(`  (customer ids start at ${load.firstCustomerId}; DuckDB numbered them from 1)`);
    console.log(`  load: ${s(load.ms)} in all, ${int((load.customers + load.orders) / (load.ms / 1000))} rows/s (customers and orders)`);
    const report = await timeProduct(database.url, workspace.id, key.key, engine);
    console.log(`\n${table(rows(engine, load, report))}`);
    const cells = rfCells(yardstick.scores);
    const differing = cells.map((n, i) => [i, n, report.rfmCells[i] ?? 0] as const).filter(([, a, b]) => a !== b);
    console.log(differing.length === 0
      ? `\nRFM heatmap: all 25 R×F cells hold the same customers as DuckDB's.`
      : `\nRFM heatmap DIFFERS from DuckDB's in ${differing.length} cells: ${differing.map(([i, a, b]) => `R${Math.floor(i / 5) + 1}F${(i % 5) + 1} ${b} vs ${a}`).join(', ')}`);
    console.log(`${engine}: ${verdicts(report).join('; ')}. Load average now: ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
  } finally {
    await database.stop();
    if (dataDir) removeDir(dataDir);
  }
}

// The product's timings in a child process (its peak RSS is then the platform's own).
async function timeProduct(url: string, workspaceId: string, key: string, engine: Engine): Promise<TimingsReport> {
  const script = fileURLToPath(new URL('./analytics-timings.ts', import.meta.url));
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`, `--cpu-prof-name=analytics-${engine}-${Date.now()}.cpuprofile`] : [];
  const args = [...profile, '--import', 'tsx', script, '--url', url, '--workspace', workspaceId, '--key', key, '--last-day', lastDay, '--runs', String(runs)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const lastLine = output.trim().split('\n').pop() ?? '';
  if (code !== 0 || !lastLine.startsWith('{')) throw new Error(`the timings process exited with ${code}: ${output.slice(-2000)}`);
  return JSON.parse(lastLine) as TimingsReport;
}

function rows(engine: Engine, load: LoadReport, report: TimingsReport): string[][] {
  const yard = yardstick.bestMs;
  const ratio = (ms: number) => `${(ms / yard).toFixed(1)}×`;
  const standIn = report.services.reduce((sum, t) => sum + t.ms, 0);
  const out: string[][] = [
    ['measure', engine, 'vs DuckDB RFM', 'target'],
    ['load (customers, identifiers, orders, indexes, stats, analyze)', `${s(load.ms)}, ${int((load.customers + load.orders) / (load.ms / 1000))} rows/s`, '', ''],
    ['DuckDB RFM, every customer’s scores (yardstick, best of 3)', s(yard), '1.0×', ''],
  ];
  if (report.recompute) {
    const { error } = report.recompute;
    out.push([
      'recomputation: services.scores.recompute',
      error ? `FAILED after ${s(report.recompute.ms)}: ${error.slice(0, 80)}` : s(report.recompute.ms),
      ratio(report.recompute.ms),
      error ? '' : `≤ ${targets.ratio}× ${met(report.recompute.ms <= targets.ratio * yard)}`,
    ]);
    for (const [name, phaseMs] of Object.entries(report.recompute.phases ?? {})) out.push([`  phase: ${name}`, s(phaseMs), ratio(phaseMs), '']);
  } else {
    out.push(['recomputation: services.scores.recompute', 'not on main yet', '', `≤ ${targets.ratio}×`]);
  }
  for (const t of report.services) out.push([`  stand-in: ${t.name}`, s(t.ms), ratio(t.ms), '']);
  out.push(['  stand-in recomputation, the four together', s(standIn), ratio(standIn), `≤ ${targets.ratio}× ${met(standIn <= targets.ratio * yard)}`]);
  for (const t of report.queries) out.push([`  query: ${t.name}`, `${s(t.ms)}${t.detail ? `, ${t.detail}` : ''}`, '', '']);
  for (const t of report.http) {
    const target = t.group === 'dashboard' ? targets.apiMs : t.path.includes('/clv/model') ? targets.clvFitMs : null;
    out.push([`GET ${t.name} (median of ${t.runsMs.length})`, ms(t.ms), '', target === null ? '' : `< ${target >= 1000 ? `${target / 1000} s` : `${target} ms`} ${met(t.ms < target)}`]);
  }
  out.push(['server RSS at start / peak', `${report.rssStartMiB} / ${report.peakRssMiB} MiB`, '', '']);
  return out;
}

function verdicts(report: TimingsReport): string[] {
  const yard = yardstick.bestMs;
  const standIn = report.services.reduce((sum, t) => sum + t.ms, 0);
  const dashboard = report.http.filter((t) => t.group === 'dashboard');
  const fit = report.http.find((t) => t.path.includes('/clv/model'));
  return [
    report.recompute && !report.recompute.error
      ? `recomputation ${(report.recompute.ms / yard).toFixed(1)}× DuckDB (${met(report.recompute.ms <= targets.ratio * yard)})`
      : `${report.recompute ? 'recomputation FAILED; ' : ''}stand-in recomputation ${(standIn / yard).toFixed(1)}× DuckDB (${met(standIn <= targets.ratio * yard)})`,
    `${dashboard.filter((t) => t.ms < targets.apiMs).length} of ${dashboard.length} dashboard answers under ${targets.apiMs} ms`,
    fit ? `CLV fit ${s(fit.ms)} (${met(fit.ms < targets.clvFitMs)})` : 'no CLV fit',
  ];
}

function describeShop(shop: Shop): string {
  const perCustomer = new Int32Array(shop.createdAt.length);
  for (let k = 0; k < shop.customer.length; k++) perCustomer[shop.customer[k]]++;
  let once = 0;
  let tenOrMore = 0;
  for (const n of perCustomer) {
    if (n === 1) once++;
    if (n >= 10) tenOrMore++;
  }
  const purchases = shop.status.reduce((sum, st) => sum + (st <= 1 ? 1 : 0), 0);
  const share = (n: number) => `${((100 * n) / shop.createdAt.length).toFixed(0)} %`;
  return `${int(shop.createdAt.length)} customers (${share(shop.createdAt.length - shop.buyers)} never bought, ${share(once)} once, ${share(tenOrMore)} ten times or more), ` +
    `${int(shop.customer.length)} orders (${((100 * purchases) / shop.customer.length).toFixed(0)} % purchases) from ${isoDay(shop.options.lastDay - shop.options.days + 1)} to ${lastDay}`;
}

function met(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

function s(msValue: number): string {
  return `${(msValue / 1000).toFixed(msValue < 10_000 ? 2 : 1)} s`;
}

function ms(value: number): string {
  return value < 1000 ? `${value.toFixed(0)} ms` : s(value);
}

function positive(name: string, text: string): number {
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : fail(`--${name} must be a positive integer`);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
