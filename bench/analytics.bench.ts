import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isoDay } from '../src/modules/analytics/days.js';
import { defaultShopOptions, generateShop, type Shop } from './analytics-data.js';
import { duckdbRfm, rfCells } from './analytics-duckdb.js';
import { loadShop, type LoadReport } from './analytics-load.js';
import type { Timing, TimingsLine } from './analytics-timings.js';
import { startApiApp } from './analytics-app.js';
import { type Engine, int, openBenchDatabase, postgresAvailable, removeDir, table } from './bench-support.js';

// npm run bench:analytics -- [--engine sqlite|postgres|both] [--customers N] [--orders N] [--seed S] [--runs R]
//                            [--budget-minutes M] [--profile DIR]
//
// Generates a shop of N customers and 10·N orders over three years (bench/analytics-data.ts), loads
// it into a throwaway database per engine made by the product's migrations, and times the product's
// analytics on it: the recomputation of stored scores (or the analyses that stand in for it), the
// dashboard's API answers and the CLV fit, beside the same RFM computed by DuckDB from the same
// purchases in this run (the yardstick). The product's timings run in a child process, stopped after
// M minutes (default 60) per engine with what it measured so far reported; --profile writes CPU
// profiles of that process to DIR.

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    customers: { type: 'string', default: '1000000' },
    orders: { type: 'string' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
    'budget-minutes': { type: 'string', default: '60' },
    profile: { type: 'string' },
  },
});
const customers = positive('customers', values.customers);
const orders = positive('orders', values.orders ?? String(customers * 10));
const seed = positive('seed', values.seed);
const runs = positive('runs', values.runs);
const budgetMs = positive('budget-minutes', values['budget-minutes']) * 60_000;
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
    const product = report.rfmCells ?? [];
    const differing = cells.map((n, i) => [i, n, product[i] ?? 0] as const).filter(([, a, b]) => a !== b);
    console.log(report.rfmCells === null ? '\nRFM heatmap: not reached.' : differing.length === 0
      ? `\nRFM heatmap: all 25 R×F cells hold the same customers as DuckDB's.`
      : `\nRFM heatmap DIFFERS from DuckDB's in ${differing.length} cells: ${differing.map(([i, a, b]) => `R${Math.floor(i / 5) + 1}F${(i % 5) + 1} ${b} vs ${a}`).join(', ')}`);
    console.log(`${engine}: ${verdicts(report).join('; ')}. Load average now: ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
    // Other work on the machine slows DuckDB's threads as much as the product: measured again now,
    // a very different figure says the ratios above are skewed by it.
    const again = await duckdbRfm(shop, 1, shop.options.lastDay);
    console.log(`DuckDB RFM measured again after the ${engine} timings: best ${s(again.bestMs)} (${s(yardstick.bestMs)} at the start).`);
  } finally {
    await database.stop();
    if (dataDir) removeDir(dataDir);
  }
}

/** What the timings process reported, possibly cut short by the time budget. */
interface TimingsReport {
  timings: Timing[];
  rfmCells: number[] | null;
  rssStartMiB: number | null;
  /** The timed process's peak resident memory (VmHWM), MiB. */
  peakRssMiB: number;
  /** What was still running when the budget ran out, and for how long. */
  cut: { name: string; section: Timing['section']; group?: 'dashboard' | 'live' | 'clv'; ms: number } | null;
}

// The product's timings in a child process (its peak RSS is then the platform's own), read line by
// line as they come; past the time budget the process is stopped and what it measured is kept.
async function timeProduct(url: string, workspaceId: string, key: string, engine: Engine): Promise<TimingsReport> {
  const script = fileURLToPath(new URL('./analytics-timings.ts', import.meta.url));
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`, `--cpu-prof-name=analytics-${engine}-${Date.now()}.cpuprofile`] : [];
  const args = [...profile, '--import', 'tsx', script, '--url', url, '--workspace', workspaceId, '--key', key, '--last-day', lastDay, '--runs', String(runs)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const report: TimingsReport = { timings: [], rfmCells: null, rssStartMiB: null, peakRssMiB: 0, cut: null };
  let running: { name: string; section: Timing['section']; group?: 'dashboard' | 'live' | 'clv'; since: number } | null = null;
  let done = false;
  createInterface({ input: child.stdout }).on('line', (text) => {
    if (!text.startsWith('{')) return;
    const line = JSON.parse(text) as TimingsLine;
    if (line.type === 'start') running = { name: line.name, section: line.section, group: line.group, since: performance.now() };
    else if (line.type === 'timing') {
      const { type: _type, ...timing } = line;
      report.timings.push(timing);
      running = null;
    } else if (line.type === 'rfmCells') report.rfmCells = line.cells;
    else {
      report.rssStartMiB = line.rssStartMiB;
      report.peakRssMiB = Math.max(report.peakRssMiB, line.peakRssMiB);
      done = true;
    }
  });
  const sampler = setInterval(() => (report.peakRssMiB = Math.max(report.peakRssMiB, peakRss(child.pid))), 1000);
  const budget = setTimeout(() => {
    const now = running;
    if (now) report.cut = { name: now.name, section: now.section, group: now.group, ms: performance.now() - now.since };
    child.kill('SIGTERM');
  }, budgetMs);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (!done && !report.cut) throw new Error(`the timings process exited with ${code} before it finished`);
  } finally {
    clearInterval(sampler);
    clearTimeout(budget);
  }
  if (report.cut) console.log(`  stopped after the ${values['budget-minutes']}-minute budget, ${s(report.cut.ms)} into: ${report.cut.name}`);
  return report;
}

// The peak resident memory of a running process in MiB (Linux: VmHWM), 0 when unknown.
function peakRss(pid: number | undefined): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

function rows(engine: Engine, load: LoadReport, report: TimingsReport): string[][] {
  const yard = yardstick.bestMs;
  const ratio = (value: number) => `${(value / yard).toFixed(1)}×`;
  const of = (section: Timing['section']) => report.timings.filter((t) => t.section === section);
  const cut = report.cut;
  const unfinished = (section: Timing['section']): string[][] =>
    cut && cut.section === section ? [[`${section === 'http' ? 'GET ' : '  '}${cut.name}`, `not finished: stopped after ${s(cut.ms)}`, `> ${ratio(cut.ms)}`, cutTarget(cut)]] : [];
  const out: string[][] = [
    ['measure', engine, 'vs DuckDB RFM', 'target'],
    ['load (customers, identifiers, orders, indexes, stats, analyze)', `${s(load.ms)}, ${int((load.customers + load.orders) / (load.ms / 1000))} rows/s`, '', ''],
    ['DuckDB RFM, every customer’s scores (yardstick, best of 3)', s(yard), '1.0×', ''],
  ];
  const recompute = of('recompute')[0];
  if (recompute) {
    out.push([
      'recomputation: services.scores.recompute (all scores, CLV, KPI index)',
      recompute.error ? `FAILED after ${s(recompute.ms)}: ${recompute.error.slice(0, 80)}` : s(recompute.ms),
      ratio(recompute.ms),
      '',
    ]);
    const phases = recompute.phases ?? {};
    for (const [name, phaseMs] of Object.entries(phases)) out.push([`  phase: ${name}`, s(phaseMs), ratio(phaseMs), '']);
    // The part DuckDB's RFM stands beside: everything but fitting the CLV models and building the KPI index.
    if (!recompute.error && phases.fit !== undefined) {
      const rfmPart = recompute.ms - phases.fit - (phases.kpiIndex ?? 0);
      out.push(['  RFM, ABC/XYZ and lifecycle (all but the fit and the KPI index)', s(rfmPart), ratio(rfmPart), `≤ ${targets.ratio}× ${met(rfmPart <= targets.ratio * yard)}`]);
    }
    for (const again of of('recompute').slice(1)) out.push([`  ${again.name}`, s(again.ms), ratio(again.ms), '']);
  } else if (cut?.section === 'recompute') {
    out.push(['recomputation: services.scores.recompute', `not finished: stopped after ${s(cut.ms)}`, `> ${ratio(cut.ms)}`, `≤ ${targets.ratio}× MISSED`]);
  } else {
    out.push(['recomputation: services.scores.recompute', report.timings.length > 0 && !cut ? 'not in this build' : 'not reached', '', `≤ ${targets.ratio}×`]);
  }
  const standIns = of('services');
  for (const t of standIns) out.push([`  ${recompute ? 'analysis from orders' : 'stand-in'}: ${t.name}`, s(t.ms), ratio(t.ms), '']);
  out.push(...unfinished('services'));
  if (!recompute) {
    const standIn = standIns.reduce((sum, t) => sum + t.ms, 0);
    const complete = standIns.length === 4;
    out.push([`  stand-in recomputation, ${complete ? 'the four together' : `the ${standIns.length} measured`}`, `${complete ? '' : '≥ '}${s(standIn)}`, ratio(standIn), `≤ ${targets.ratio}× ${complete || standIn > targets.ratio * yard ? met(standIn <= targets.ratio * yard) : '(incomplete)'}`]);
  }
  for (const t of of('queries')) out.push([`  query: ${t.name}`, `${s(t.ms)}${t.detail ? `, ${t.detail}` : ''}`, '', '']);
  out.push(...unfinished('queries'));
  for (const t of of('http')) {
    const target = targetOf(t);
    const how = t.detail ?? (t.runsMs.length === 1 ? 'one run after a warm-up' : `median of ${t.runsMs.length} after a warm-up`);
    out.push([`GET ${t.name} (${how})`, ms(t.ms), '', target === null ? '' : `< ${target >= 1000 ? `${target / 1000} s` : `${target} ms`} ${met(t.ms < target)}`]);
  }
  out.push(...unfinished('http'));
  out.push(['timed process RSS at start / peak', `${report.rssStartMiB ?? '?'} / ${report.peakRssMiB} MiB`, '', '']);
  return out;
}

// The target of an HTTP answer: the dashboard's 300 ms, the CLV fit's 10 s, or none.
function targetOf(t: { group?: 'dashboard' | 'live' | 'clv'; name: string }): number | null {
  return t.group === 'dashboard' ? targets.apiMs : t.name.startsWith('CLV model fit') ? targets.clvFitMs : null;
}

function cutTarget(cut: NonNullable<TimingsReport['cut']>): string {
  const target = targetOf(cut);
  return target === null ? '' : `< ${target >= 1000 ? `${target / 1000} s` : `${target} ms`} ${met(cut.ms < target)}`;
}

function verdicts(report: TimingsReport): string[] {
  const yard = yardstick.bestMs;
  const standIn = report.timings.filter((t) => t.section === 'services').reduce((sum, t) => sum + t.ms, 0);
  const recompute = report.timings.find((t) => t.section === 'recompute');
  const dashboard = report.timings.filter((t) => t.group === 'dashboard');
  const fit = report.timings.find((t) => t.name.startsWith('CLV model fit'));
  const cutFit = report.cut?.name.startsWith('CLV model fit') ? report.cut : null;
  const phases = recompute?.phases ?? {};
  const rfmPart = recompute ? recompute.ms - (phases.fit ?? 0) - (phases.kpiIndex ?? 0) : 0;
  return [
    recompute && !recompute.error
      ? `RFM, ABC/XYZ and lifecycle recomputation ${(rfmPart / yard).toFixed(1)}× DuckDB (${met(rfmPart <= targets.ratio * yard)}), the whole computation ${(recompute.ms / yard).toFixed(1)}×`
      : report.cut?.section === 'recompute'
        ? `recomputation not finished after ${s(report.cut.ms)} (MISSED)`
        : `${recompute ? 'recomputation FAILED; ' : ''}stand-in recomputation ${(standIn / yard).toFixed(1)}× DuckDB (${met(standIn <= targets.ratio * yard)})`,
    `${dashboard.filter((t) => t.ms < targets.apiMs).length} of ${dashboard.length} dashboard answers under ${targets.apiMs} ms`,
    ...(phases.fit !== undefined ? [`CLV fit in the computation ${s(phases.fit)} (${met(phases.fit < targets.clvFitMs)})`] : []),
    fit ? `CLV fit on request from orders (/clv/model) ${s(fit.ms)} (${met(fit.ms < targets.clvFitMs)})` : cutFit ? `CLV fit on request not finished after ${s(cutFit.ms)} (MISSED)` : 'CLV fit on request not reached',
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
