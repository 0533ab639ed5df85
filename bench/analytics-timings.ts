import { parseArgs } from 'node:util';
import type { App } from '../src/main.js';
import { AnalyticsRepo } from '../src/modules/analytics/analytics.repo.js';
import { isoDay, parseDay } from '../src/modules/analytics/days.js';
import { startApiApp } from './analytics-app.js';
import { removeDir } from './bench-support.js';

// The product's side of the analytics benchmark, run in a process of its own so that its peak
// memory is the platform's alone: starts the app on a loaded database, times the recomputation
// (or what stands in for it), the analytics repository's queries one by one, and the dashboard's
// API through HTTP (median of `runs` after a warm-up), printing each figure as a JSON line as soon
// as it has it (progress goes to stderr), so that a run the benchmark cuts short still reports.
//
// node --import tsx bench/analytics-timings.ts --url URL --workspace ID --key SECRET_KEY --last-day YYYY-MM-DD [--runs 5]

/** One timed thing. */
export interface Timing {
  /** Where it belongs in the report. */
  section: 'recompute' | 'services' | 'queries' | 'http';
  name: string;
  /** Every measured run, ms. */
  runsMs: number[];
  /** The figure reported: the only run, or the median of the measured runs after a warm-up. */
  ms: number;
  /** Extra detail, e.g. the rows a query returned. */
  detail?: string;
  /** Milliseconds per phase, as the recomputation reports them. */
  phases?: Record<string, number>;
  /** Why it failed, when it did. */
  error?: string;
  /** HTTP only: the address and which target applies. */
  path?: string;
  group?: 'dashboard' | 'live' | 'clv';
}

/** A line the timings process prints on stdout, as JSON, as soon as it has it. */
export type TimingsLine =
  | { type: 'start'; section: Timing['section']; name: string; group?: 'dashboard' | 'live' | 'clv' }
  | ({ type: 'timing' } & Timing)
  | { type: 'rfmCells'; cells: number[] }
  | { type: 'done'; rssStartMiB: number; peakRssMiB: number };

const dayMs = 86_400_000;
// An answer that takes tens of seconds is far from any target: after a warm-up over 15 s two more
// runs tell enough, and after one over a minute the warm-up is the figure.
const slowMs = 15_000;
const verySlowMs = 60_000;

/**
 * Times everything on an app started on the database, reporting each figure as it is measured:
 * first the computation of the stored scores (twice), then what the dashboard asks (with a target),
 * then the analyses of a period from orders, the queries behind them and the CLV models.
 */
export async function runTimings(app: App, workspaceId: string, secretKey: string, lastDay: string, runs: number, report: (line: TimingsLine) => void, log: (line: string) => void): Promise<void> {
  const last = parseDay(lastDay, 'lastDay');
  const yearAgo = isoDay(last - 364);
  const once = async (section: Timing['section'], name: string, work: () => Promise<unknown>, detail?: (result: unknown) => string): Promise<void> => {
    report({ type: 'start', section, name });
    const t = performance.now();
    const result = await work();
    const ms = performance.now() - t;
    log(`  ${name}: ${(ms / 1000).toFixed(2)} s`);
    report({ type: 'timing', section, name, runsMs: [ms], ms, ...(detail ? { detail: detail(result) } : {}) });
  };
  const get = async (endpoint: { name: string; path: string; group: 'dashboard' | 'live' | 'clv' }): Promise<unknown> => {
    report({ type: 'start', section: 'http', name: endpoint.name, group: endpoint.group });
    let body: unknown;
    const call = async (): Promise<number> => {
      const t = performance.now();
      const response = await app.http.inject({ method: 'GET', url: endpoint.path, headers: { authorization: `Bearer ${secretKey}` } });
      const ms = performance.now() - t;
      if (response.statusCode !== 200) throw new Error(`GET ${endpoint.path}: ${response.statusCode} ${response.body.slice(0, 500)}`);
      body = response.json();
      return ms;
    };
    const warmUp = await call();
    const measured = warmUp > verySlowMs ? 0 : warmUp > slowMs ? Math.min(runs, 2) : runs;
    const runsMs: number[] = [];
    for (let i = 0; i < measured; i++) runsMs.push(await call());
    if (runsMs.length === 0) runsMs.push(warmUp);
    const ms = median(runsMs);
    log(`  GET ${endpoint.path}: median ${ms.toFixed(0)} ms of ${runsMs.map((r) => r.toFixed(0)).join(', ')}${measured === 0 ? ' (the warm-up alone)' : ''}`);
    report({ type: 'timing', section: 'http', ...endpoint, runsMs, ms, ...(measured === 0 ? { detail: 'the warm-up alone' } : {}) });
    return body;
  };

  const recomputer = scoresRecompute(app);
  if (recomputer) {
    report({ type: 'start', section: 'recompute', name: 'services.scores.recompute' });
    const t = performance.now();
    const run = await recomputer(workspaceId);
    const ms = performance.now() - t;
    // A failed computation is reported, not thrown: the rest of the run still tells something.
    const error = field(run, 'status') === 'failed' ? String(field(run, 'error')) : undefined;
    log(`  services.scores.recompute: ${(ms / 1000).toFixed(2)} s${error ? `, failed: ${error}` : ''} ${JSON.stringify(field(run, 'phases'))}`);
    report({ type: 'timing', section: 'recompute', name: 'services.scores.recompute', runsMs: [ms], ms, phases: numbers(field(run, 'phases')), ...(error ? { error } : {}) });
  }
  // The product's own cadence: a computation, then the next one (here with nothing changed, so it
  // shows the cost of a computation that rewrites nothing).
  if (recomputer) {
    await once('recompute', 'again, nothing changed (services.scores.recompute)', () => recomputer(workspaceId), (run) => JSON.stringify(field(run, 'phases')));
  }

  // The dashboard as the web app asks for it: the stored summary of the last computation, the KPIs
  // of the default periods counted up to the KPI index's last day, a customer list filtered by scores.
  const summary = await get({ name: 'summary of the last computation', path: '/api/v1/analytics/summary', group: 'dashboard' });
  const indexDay = field(summary, 'indexLastDay');
  const kpiEnd = typeof indexDay === 'string' ? Math.min(last, parseDay(indexDay, 'indexLastDay')) : last;
  const dashboard = [
    { name: 'KPIs, 30 days to the index day', path: `/api/v1/analytics/kpis?from=${isoDay(kpiEnd - 29)}&to=${isoDay(kpiEnd)}` },
    { name: 'KPIs, 90 days to the index day (the home default)', path: `/api/v1/analytics/kpis?from=${isoDay(kpiEnd - 89)}&to=${isoDay(kpiEnd)}` },
    { name: 'customers of a segment (VIP), a page', path: '/api/v1/customers?rfmSegment=vip&sort=-revenue&limit=50' },
    { name: 'golden customers (AX, AY), a page', path: '/api/v1/customers?abcXyz=AX,AY&limit=50' },
    // Past the index day: the index corrected by the customers who bought after it.
    { name: 'KPIs, last 30 days to today', path: `/api/v1/analytics/kpis?from=${isoDay(last - 29)}&to=${lastDay}` },
  ];
  for (const endpoint of dashboard) await get({ ...endpoint, group: 'dashboard' });

  // The analyses of a chosen period, counted from orders on request (no target: the screens show the
  // stored picture by default and these on demand).
  const month = (day: number) => isoDay(day).slice(0, 7);
  const live = [
    { name: 'RFM, last 90 days', path: `/api/v1/analytics/rfm?from=${isoDay(last - 89)}&asOf=${lastDay}` },
    { name: 'RFM, all history', path: `/api/v1/analytics/rfm?asOf=${lastDay}` },
    { name: 'ABC/XYZ, last 90 days', path: `/api/v1/analytics/abc-xyz?from=${isoDay(last - 89)}&asOf=${lastDay}` },
    { name: 'ABC/XYZ, all history', path: `/api/v1/analytics/abc-xyz?asOf=${lastDay}` },
    { name: 'lifecycle, last 365 days', path: `/api/v1/analytics/lifecycle?from=${yearAgo}&to=${lastDay}` },
    { name: 'cohorts, last 12 months', path: `/api/v1/analytics/cohorts?from=${month(last - 334)}&to=${month(last)}` },
  ];
  for (const endpoint of live) await get({ ...endpoint, group: 'live' });

  const repo = new AnalyticsRepo(app.db.kysely);
  const rows = (result: unknown) => (Array.isArray(result) ? `${result.length.toLocaleString('en')} rows` : '');
  await once('queries', 'periodTotals, all history (RFM, ABC/XYZ)', () => repo.periodTotals(workspaceId, null, last), rows);
  await once('queries', 'periodTotals, last 90 days', () => repo.periodTotals(workspaceId, last - 89, last), rows);
  await once('queries', 'purchaseDayList (lifecycle, cohorts)', () => repo.purchaseDayList(workspaceId, last), rows);
  await once('queries', 'customersCreated (lifecycle)', () => repo.customersCreated(workspaceId, (last + 1) * dayMs + 14 * 3_600_000), rows);
  await once('queries', 'purchaseDays (CLV)', () => repo.purchaseDays(workspaceId, last), rows);
  await once('queries', 'periodCounts, 30 days (KPIs, one of two)', () => repo.periodCounts(workspaceId, last - 29, last, 365));

  const { services } = app;
  await once('services', 'RFM, all history (services.rfm.analyse)', async () => {
    const rfm = await services.rfm.analyse(workspaceId, lastDay, null);
    const cells = new Array<number>(25).fill(0);
    for (const cell of rfm.cells) cells[(cell.r - 1) * 5 + (cell.f - 1)] = cell.customers;
    report({ type: 'rfmCells', cells });
  });
  await once('services', 'ABC/XYZ, all history (services.abcXyz.analyse)', () => services.abcXyz.analyse(workspaceId, lastDay, null, { xyz: 'share' }));
  await once('services', 'lifecycle, last 365 days (services.lifecycle.analyse)', () => services.lifecycle.analyse(workspaceId, yearAgo, lastDay, { loyalPurchases: 3 }));

  await get({ name: 'CLV model fit (BG/NBD + Gamma-Gamma), weeks', path: `/api/v1/analytics/clv/model?calibrationEnd=${lastDay}&unit=week`, group: 'clv' });
  await once('services', 'CLV per customer, weeks (services.clvModel.customerScores)', () =>
    services.clvModel.customerScores(workspaceId, lastDay, 'week', { months: 12, monthlyDiscount: 0.01 }),
  );
  await get({ name: 'CLV per customer, top and at risk', path: `/api/v1/analytics/clv/customers?calibrationEnd=${lastDay}&unit=week`, group: 'clv' });
}

// services.scores.recompute(workspaceId) once the platform has it, found at run time so that this
// script runs on the platform before and after it lands.
function scoresRecompute(app: App): ((workspaceId: string) => Promise<unknown>) | null {
  const scores: unknown = Reflect.get(app.services, 'scores');
  if (typeof scores !== 'object' || scores === null) return null;
  const recompute: unknown = Reflect.get(scores, 'recompute');
  if (typeof recompute !== 'function') return null;
  return async (workspaceId) => recompute.call(scores, workspaceId);
}

// A property of an object the platform returned, unknown until checked.
function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
}

// The numeric entries of an object, or undefined when it is none.
function numbers(value: unknown): Record<string, number> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, workspace: { type: 'string' }, key: { type: 'string' }, 'last-day': { type: 'string' }, runs: { type: 'string', default: '5' } },
  });
  const { url, workspace, key } = values;
  const lastDay = values['last-day'];
  const runs = Number(values.runs);
  if (!url || !workspace || !key || !lastDay || !Number.isSafeInteger(runs) || runs < 1) {
    throw new Error('usage: analytics-timings.ts --url URL --workspace ID --key SECRET_KEY --last-day YYYY-MM-DD [--runs N]');
  }
  const { app, dataDir } = await startApiApp(url);
  try {
    const rssStartMiB = Math.round(process.memoryUsage.rss() / 1048576);
    await runTimings(app, workspace, key, lastDay, runs, (line) => console.log(JSON.stringify(line)), (line) => console.error(line));
    const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(JSON.stringify({ type: 'done', rssStartMiB, peakRssMiB } satisfies TimingsLine));
  } finally {
    await app.close();
    removeDir(dataDir);
  }
}

await main();
