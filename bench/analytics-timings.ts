import { parseArgs } from 'node:util';
import type { App } from '../src/main.js';
import { AnalyticsRepo } from '../src/modules/analytics/analytics.repo.js';
import { isoDay, parseDay } from '../src/modules/analytics/days.js';
import { startApiApp } from './analytics-app.js';
import { removeDir } from './bench-support.js';

// The product's side of the analytics benchmark, run in a process of its own so that its peak
// memory is the platform's alone: starts the app on a loaded database, times the recomputation
// (or what stands in for it), the analytics repository's queries one by one, and the dashboard's
// API through HTTP (median of `runs` after a warm-up; of 2 when the warm-up took over 15 s), then
// prints one JSON line (progress goes to stderr).
//
// node --import tsx bench/analytics-timings.ts --url URL --workspace ID --key SECRET_KEY --last-day YYYY-MM-DD [--runs 5]

/** One timed thing. */
export interface Timing {
  name: string;
  /** Every measured run, ms. */
  runsMs: number[];
  /** The figure reported: the only run, or the median of the measured runs after a warm-up. */
  ms: number;
  /** Extra detail, e.g. the summary of the recomputation or the rows a query returned. */
  detail?: string;
  /** Milliseconds per phase, as the recomputation reports them. */
  phases?: Record<string, number>;
  /** Why it failed, when it did. */
  error?: string;
}

/** What the timings process reports. */
export interface TimingsReport {
  /** The recomputation of stored scores, when the platform has it (services.scores.recompute). */
  recompute: Timing | null;
  /** The analyses that stand in for the recomputation until then. */
  services: Timing[];
  queries: Timing[];
  http: (Timing & { path: string; group: 'dashboard' | 'clv' })[];
  /** Customers per R×F cell of the all-history RFM, `[(r - 1) * 5 + (f - 1)]`. */
  rfmCells: number[];
  rssStartMiB: number;
  peakRssMiB: number;
}

const dayMs = 86_400_000;
const slowMs = 15_000;

/** Times everything on an app started on the database. */
export async function runTimings(app: App, workspaceId: string, secretKey: string, lastDay: string, runs: number, log: (line: string) => void): Promise<Omit<TimingsReport, 'rssStartMiB' | 'peakRssMiB'>> {
  const last = parseDay(lastDay, 'lastDay');
  const yearAgo = isoDay(last - 364);
  const once = async (name: string, work: () => Promise<unknown>, detail?: (result: unknown) => string): Promise<Timing> => {
    const t = performance.now();
    const result = await work();
    const ms = performance.now() - t;
    log(`  ${name}: ${(ms / 1000).toFixed(2)} s`);
    return { name, runsMs: [ms], ms, ...(detail ? { detail: detail(result) } : {}) };
  };

  const recomputer = scoresRecompute(app);
  let phases: Record<string, number> | undefined;
  let error: string | undefined;
  const recompute = recomputer
    ? await once('services.scores.recompute', async () => {
        const run = await recomputer(workspaceId);
        phases = numbers(field(run, 'phases'));
        // A failed computation is reported, not thrown: the rest of the run still tells something.
        if (field(run, 'status') === 'failed') error = String(field(run, 'error'));
        return run;
      }, describe)
    : null;

  let rfmCells: number[] = [];
  const { services } = app;
  const standIns = [
    await once('RFM, all history (services.rfm.analyse)', async () => {
      const rfm = await services.rfm.analyse(workspaceId, lastDay, null);
      rfmCells = rfm.cells.map(() => 0);
      for (const cell of rfm.cells) rfmCells[(cell.r - 1) * 5 + (cell.f - 1)] = cell.customers;
      return rfm;
    }),
    await once('ABC/XYZ, all history (services.abcXyz.analyse)', () => services.abcXyz.analyse(workspaceId, lastDay, null, { xyz: 'share' })),
    await once('lifecycle, last 365 days (services.lifecycle.analyse)', () => services.lifecycle.analyse(workspaceId, yearAgo, lastDay, { loyalPurchases: 3 })),
    await once('CLV per customer, weeks (services.clvModel.customerScores)', () =>
      services.clvModel.customerScores(workspaceId, lastDay, 'week', { months: 12, monthlyDiscount: 0.01 }),
    ),
  ];

  const repo = new AnalyticsRepo(app.db.kysely);
  const rows = (result: unknown) => (Array.isArray(result) ? `${result.length.toLocaleString('en')} rows` : '');
  const queries = [
    await once('periodTotals, all history (RFM, ABC/XYZ)', () => repo.periodTotals(workspaceId, null, last), rows),
    await once('periodTotals, last 90 days', () => repo.periodTotals(workspaceId, last - 89, last), rows),
    await once('purchaseDayList (lifecycle, cohorts)', () => repo.purchaseDayList(workspaceId, last), rows),
    await once('customersCreated (lifecycle)', () => repo.customersCreated(workspaceId, (last + 1) * dayMs + 14 * 3_600_000), rows),
    await once('purchaseDays (CLV)', () => repo.purchaseDays(workspaceId, last), rows),
    await once('periodCounts, 30 days (KPIs, one of two)', () => repo.periodCounts(workspaceId, last - 29, last, 365)),
  ];

  const month = (day: number) => isoDay(day).slice(0, 7);
  const endpoints: { name: string; path: string; group: 'dashboard' | 'clv' }[] = [
    { name: 'KPIs, last 30 days', path: `/api/v1/analytics/kpis?from=${isoDay(last - 29)}&to=${lastDay}`, group: 'dashboard' },
    { name: 'RFM, last 90 days (the screen’s default)', path: `/api/v1/analytics/rfm?from=${isoDay(last - 89)}&asOf=${lastDay}`, group: 'dashboard' },
    { name: 'RFM, all history', path: `/api/v1/analytics/rfm?asOf=${lastDay}`, group: 'dashboard' },
    { name: 'ABC/XYZ, last 90 days (the screen’s default)', path: `/api/v1/analytics/abc-xyz?from=${isoDay(last - 89)}&asOf=${lastDay}`, group: 'dashboard' },
    { name: 'ABC/XYZ, all history', path: `/api/v1/analytics/abc-xyz?asOf=${lastDay}`, group: 'dashboard' },
    { name: 'lifecycle, last 365 days', path: `/api/v1/analytics/lifecycle?from=${yearAgo}&to=${lastDay}`, group: 'dashboard' },
    { name: 'cohorts, last 12 months', path: `/api/v1/analytics/cohorts?from=${month(last - 334)}&to=${month(last)}`, group: 'dashboard' },
    { name: 'CLV model fit (BG/NBD + Gamma-Gamma), weeks', path: `/api/v1/analytics/clv/model?calibrationEnd=${lastDay}&unit=week`, group: 'clv' },
    { name: 'CLV per customer, top and at risk', path: `/api/v1/analytics/clv/customers?calibrationEnd=${lastDay}&unit=week`, group: 'clv' },
  ];
  const http: TimingsReport['http'] = [];
  for (const endpoint of endpoints) {
    const get = async (): Promise<number> => {
      const t = performance.now();
      const response = await app.http.inject({ method: 'GET', url: endpoint.path, headers: { authorization: `Bearer ${secretKey}` } });
      const ms = performance.now() - t;
      if (response.statusCode !== 200) throw new Error(`GET ${endpoint.path}: ${response.statusCode} ${response.body.slice(0, 500)}`);
      return ms;
    };
    const warmUp = await get();
    // An answer that takes tens of seconds is far from any target; two more runs tell enough.
    const measured = warmUp > slowMs ? Math.min(runs, 2) : runs;
    const runsMs: number[] = [];
    for (let i = 0; i < measured; i++) runsMs.push(await get());
    const ms = median(runsMs);
    log(`  GET ${endpoint.path}: median ${ms.toFixed(0)} ms of ${runsMs.map((r) => r.toFixed(0)).join(', ')}`);
    http.push({ ...endpoint, runsMs, ms });
  }
  return { recompute: recompute && { ...recompute, phases, error }, services: standIns, queries, http, rfmCells };
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

// A summary's per-phase timings or counts, as a short line.
function describe(result: unknown): string {
  return JSON.stringify(result).slice(0, 2000);
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
    const report = await runTimings(app, workspace, key, lastDay, runs, (line) => console.error(line));
    const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(JSON.stringify({ ...report, rssStartMiB, peakRssMiB } satisfies TimingsReport));
  } finally {
    await app.close();
    removeDir(dataDir);
  }
}

await main();
