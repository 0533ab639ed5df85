import { sql } from 'kysely';
import type { App } from '../src/main.js';
import { ruleSql } from '../src/modules/segments/rule-sql.js';
import type { RuleGroup } from '../src/modules/segments/segment-rules.schemas.js';
import { localDayNumber } from '../src/platform/time.js';
import { percentile } from './bench-support.js';
import type { DuckYardstick } from './segments-duckdb.js';
import { type BenchRule, benchRules, type DuckParams } from './segments-rules.js';

// Live counts: each rule of the suite through SegmentsService.preview (the code behind
// POST /api/v1/segments/preview: the rule checked, counted over the audience index with the
// revenue, conditions on events and purchases read as sets of ids in SQL, and a sample of 20
// members), a first run (it loads the columns the rule reads; the very first builds the index)
// and then N runs; DuckDB runs the same rule on the same data as
// many times. Then materialisation: SegmentEvaluator.rebuild of a new saved segment for three rules.

/** One rule's figures. */
export interface RuleTiming {
  rule: BenchRule;
  /** `first`: the first preview of the rule, which loads the columns it reads into the audience index (the very first also builds the index). */
  ours: { p50: number; p95: number; runs: number[]; count: number; revenue: number; first: number };
  duck: { p50: number; p95: number; runs: number[]; count: number; revenue: number };
}

/** Times every rule of the suite, beside DuckDB. */
export async function timePreviews(app: App, workspaceId: string, duck: DuckYardstick, now: number, runs: number, log: (line: string) => void, group?: BenchRule['group']): Promise<RuleTiming[]> {
  const p: DuckParams = { now, today: localDayNumber(now, 'Europe/Moscow') };
  const out: RuleTiming[] = [];
  for (const rule of benchRules.filter((r) => group === undefined || r.group === group)) {
    const warm = await timed(() => app.services.segments.preview(workspaceId, rule.rule));
    // Slow rules get fewer runs, so that one run of the benchmark stays within an hour or two.
    const n = warm.ms > 20_000 ? 1 : warm.ms > 5_000 ? Math.min(runs, 3) : runs;
    const ours: number[] = [];
    let preview = warm.value;
    for (let i = 0; i < n; i++) {
      const t = await timed(() => app.services.segments.preview(workspaceId, rule.rule));
      ours.push(t.ms);
      preview = t.value;
    }
    const where = rule.duck(p);
    const duckWarm = await duck.count(where);
    const duckRuns: number[] = [];
    let duckCount = duckWarm;
    for (let i = 0; i < n; i++) {
      const t = await timed(() => duck.count(where));
      duckRuns.push(t.ms);
      duckCount = t.value;
    }
    const timing: RuleTiming = {
      rule,
      ours: { ...stats(ours), runs: ours, count: preview.count, revenue: preview.revenue, first: warm.ms },
      duck: { ...stats(duckRuns), runs: duckRuns, count: duckCount.count, revenue: duckCount.revenue },
    };
    out.push(timing);
    const same = timing.ours.count === timing.duck.count && timing.ours.revenue === timing.duck.revenue;
    log(`  ${rule.name}: ${preview.count.toLocaleString('en')} customers, p50 ${ms(timing.ours.p50)} / p95 ${ms(timing.ours.p95)} (${n} runs; the first ${ms(warm.ms)}); DuckDB ${duckCount.count.toLocaleString('en')}, p50 ${ms(timing.duck.p50)}${same ? '' : '   <<< COUNTS DIFFER'}`);
    if (!same) {
      console.error(`\n*** MISMATCH: "${rule.name}": the product counts ${preview.count} (revenue ${preview.revenue}), DuckDB ${duckCount.count} (revenue ${duckCount.revenue}) ***\n`);
    }
  }
  return out;
}

/** The materialisation of a new saved segment: create it, then time SegmentEvaluator.rebuild. */
export async function timeRebuilds(app: App, workspaceId: string, names: string[], log: (line: string) => void): Promise<{ name: string; ms: number; members: number; previewCount: number }[]> {
  const out: { name: string; ms: number; members: number; previewCount: number }[] = [];
  for (const name of names) {
    const rule = benchRules.find((r) => r.name === name);
    if (!rule) throw new Error(`no rule named ${name}`);
    // An API process runs no worker, so the queued rebuild job waits; the benchmark runs the rebuild itself.
    const segment = await app.services.segments.create(workspaceId, { name: `bench: ${name}`, kind: 'dynamic', rule: rule.rule }, null);
    const t = await timed(() => app.services.segmentEvaluator.rebuild(workspaceId, segment.id));
    const preview = await app.services.segments.preview(workspaceId, rule.rule);
    out.push({ name, ms: t.ms, members: t.value, previewCount: preview.count });
    log(`  rebuild "${name}": ${t.value.toLocaleString('en')} members in ${ms(t.ms)}${t.value === preview.count ? '' : `  <<< preview counts ${preview.count}`}`);
    await app.services.segments.delete(workspaceId, segment.id);
  }
  return out;
}

/** The engine's plan for a rule's preview count (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL). */
export async function explainRule(app: App, workspaceId: string, rule: RuleGroup): Promise<string> {
  const ctx = await app.services.segments.context(workspaceId);
  // The FROM clause of SegmentQueryRepo.counts (keep the two alike), repeated here to ask the engine for its plan.
  const query = sql`select count(*) as n, sum(s.revenue) as revenue from customers c
    join customer_stats s on s.workspace_id = c.workspace_id and s.customer_id = c.id
    left join customer_scores sc on sc.workspace_id = c.workspace_id and sc.customer_id = c.id
    where c.workspace_id = ${workspaceId} and c.merged_into is null and c.erased_at is null and ${ruleSql(rule, ctx)}`;
  const sqlite = app.db.caps.name !== 'postgres';
  const result = await (sqlite ? sql<Record<string, unknown>>`explain query plan ${query}` : sql<Record<string, unknown>>`explain ${query}`).execute(app.db.kysely);
  return result.rows.map((r) => (sqlite ? `${String(r.detail)}` : String(r['QUERY PLAN']))).join('\n');
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await work();
  return { ms: performance.now() - t, value };
}

function stats(runs: number[]): { p50: number; p95: number } {
  const sorted = [...runs].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

/** Milliseconds as "12 ms" or "1.23 s". */
export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}
