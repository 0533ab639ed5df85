import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { DomainError } from '../../../platform/errors.js';
import { localDayNumber } from '../../../platform/time.js';
import { fractionDigits } from '../../../common/money.js';
import type { Workspace, WorkspacesService } from '../../workspaces/workspaces.service.js';
import { isoDay, parseDay } from '../days.js';
import { fitBgNbd } from '../clv/bg-nbd.js';
import { fitGammaGamma } from '../clv/gamma-gamma.js';
import { type LifecycleRules, type LifecycleStage, lifecycleStages } from '../lifecycle/lifecycle.js';
import { AnalyticsRules, rfmScoringOf } from './analytics-rules.js';
import { readRfmSummary, type StoredRfmSummary } from './stored-rfm-summary.js';
import type { AnalyticsSettings } from './analytics-settings.js';
import { hasPurchased, modelSummary, type ScoringColumns, type ScoringModels, scoreCustomers } from './customer-scoring.js';
import { AnalyticsRunsRepo, type RunRow } from './analytics-runs.repo.js';
import { readJson } from '../../../platform/db/normalize.js';
import { PurchasesRepo } from './purchases.repo.js';
import { ScoresRepo, type StageChanges } from './scores.repo.js';
import { orNull, rowValues, scoreDigest } from './score-rows.js';
import { ActivityIndex } from '../kpi/activity-index.js';
import { PurchaseDaysCollector } from '../kpi/purchase-days.js';
import { type NamedClvSummary, readClvSummary, type ScoresSummary, type StoredClvSummary, summariseScores } from './scores-summary.js';
import { type CustomerNames, nameLookup } from '../clv/customer-names.js';
import type { customerScoresSchema } from './scores.schemas.js';
import type { RfmSegment } from '../rfm/rfm.js';
import type { z } from 'zod';
import { alreadyRunning } from './scores.errors.js';
import type { JobQueue } from '../../../platform/jobs/jobs.service.js';

/** The kind of the job that carries out one requested computation (payload: its run's id). */
export const SCORES_RECOMPUTE = 'scores.recompute';

// Stored scores (docs/analytics.md, "Stored scores"): one computation reads every customer's
// aggregates from customer_stats, learns the churn window and fits the CLV models, scores everyone,
// writes the scores and records the stage changes. It runs on a schedule, on request, and after the
// settings change, as a job of the queue (scores.jobs.ts); one at a time per workspace.

/** A computation running longer than this is taken for one whose process died. */
const staleRunMs = 6 * 3_600_000;

/** A computation as the API shows it. */
export interface ScoresRun {
  id: string;
  trigger: string;
  status: 'running' | 'done' | 'failed';
  asOf: string;
  customers: number | null;
  /** Customers whose lifecycle stage changed. */
  changed: number | null;
  /** Customers whose stored scores changed (and were written). */
  written: number | null;
  /** Milliseconds per phase. */
  phases: Record<string, number> | null;
  error: string | null;
  startedAt: number;
  finishedAt: number | null;
}

/** The stored scores of one customer, as the API shows them. */
export type CustomerScoresView = z.infer<typeof customerScoresSchema>;

/** Computes, stores and serves the per-customer scores. */
export class ScoresService {
  constructor(
    private readonly db: Db,
    private readonly workspaces: WorkspacesService,
    private readonly clock: Clock,
    private readonly customers: CustomerNames,
    private readonly jobs: JobQueue,
  ) {}

  /** The workspace's analytics settings (the defaults until changed). */
  async settings(workspaceId: string): Promise<AnalyticsSettings> {
    return new AnalyticsRules(this.db).settings(workspaceId);
  }

  /** Saves the settings; the scores are recomputed with them. */
  async saveSettings(workspaceId: string, settings: AnalyticsSettings, userId: string | null): Promise<{ settings: AnalyticsSettings; run: ScoresRun | null }> {
    await new AnalyticsRunsRepo(this.db.kysely).saveSettings(workspaceId, settings, userId, this.clock.now());
    const run = await this.request(workspaceId, 'settings', userId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'conflict') return null;
      throw error;
    });
    return { settings, run };
  }

  /**
   * Starts a computation and returns it; a worker carries it out (a scores.recompute job). A conflict
   * when one is already running. The run and its job are stored in one transaction, so neither
   * exists without the other.
   */
  async request(workspaceId: string, trigger: 'request' | 'schedule' | 'settings', userId: string | null): Promise<ScoresRun> {
    // Read before the transaction: on SQLite a transaction holds the one connection, and a read
    // outside it (a workspace not cached yet) would wait for it forever.
    const workspace = await this.workspaces.get(workspaceId);
    const run = await this.db.kysely.transaction().execute(async (trx) => {
      const started = await this.begin(workspace, trigger, userId, new AnalyticsRunsRepo(trx));
      await this.jobs.enqueue(SCORES_RECOMPUTE, { runId: started.id }, { workspaceId, idempotencyKey: started.id, maxAttempts: 3, within: trx });
      return started;
    });
    this.jobs.wake();
    return run;
  }

  /**
   * Carries out a requested computation (the scores.recompute job). A run already finished is
   * returned as it is, so a job that runs twice computes once; a failed run asked for again (a retried
   * job) starts a new computation with the same trigger.
   */
  async carryOut(workspaceId: string, runId: string): Promise<ScoresRun> {
    const row = await new AnalyticsRunsRepo(this.db.kysely).run(workspaceId, runId);
    if (!row) throw new Error(`no computation ${runId} in workspace ${workspaceId}`);
    const run = toRun(row);
    if (run.status === 'done') return run;
    if (run.status === 'failed') return this.recompute(workspaceId, oneTrigger(run.trigger), row.requested_by);
    return this.execute(workspaceId, run);
  }

  /** Computes the scores now and returns the finished computation (the benchmark and the demo use this). */
  async recompute(workspaceId: string, trigger: 'request' | 'schedule' | 'settings' = 'request', userId: string | null = null): Promise<ScoresRun> {
    const workspace = await this.workspaces.get(workspaceId);
    return this.execute(workspaceId, await this.begin(workspace, trigger, userId, new AnalyticsRunsRepo(this.db.kysely)));
  }

  /** Waits until no computation of a workspace is queued or running on the job queue (tests, tools). */
  async settled(workspaceId: string): Promise<void> {
    await this.jobs.settled({ workspaceId, kinds: [SCORES_RECOMPUTE] });
  }

  /** The workspaces whose last successful computation is older than `everyMs` (or that never had one). */
  async dueWorkspaces(everyMs: number): Promise<string[]> {
    const now = this.clock.now();
    const last = await new AnalyticsRunsRepo(this.db.kysely).lastComputed();
    return last.filter((w) => w.last === null || now - w.last >= everyMs).map((w) => w.workspace_id);
  }

  /** The latest computations, newest first. */
  async runs(workspaceId: string, limit = 10): Promise<ScoresRun[]> {
    return (await new AnalyticsRunsRepo(this.db.kysely).runs(workspaceId, limit)).map(toRun);
  }

  /** What the latest successful computation adds up to, the customers of its CLV lists named (null: never computed). */
  async summary(workspaceId: string): Promise<({ asOf: string; indexLastDay: string; computedAt: number } & Omit<ScoresSummary, 'clv'> & { clv: NamedClvSummary }) | null> {
    const latest = await new AnalyticsRunsRepo(this.db.kysely).latestSummary(workspaceId);
    if (!latest || latest.summary === null) return null;
    const stored = latest.summary as Omit<ScoresSummary, 'clv' | 'rfm' | 'loyalPurchases'> & { clv: StoredClvSummary; rfm: StoredRfmSummary; loyalPurchases?: number };
    const { top, topShortHistory = [], atRisk } = stored.clv;
    const named = await nameLookup(this.customers, workspaceId, [...top, ...topShortHistory, ...atRisk].map((c) => c.customerId));
    // The KPI index of the computation counts the complete days before it.
    return { asOf: isoDay(latest.as_of_day), indexLastDay: isoDay(latest.as_of_day - 1), computedAt: latest.finished_at, ...stored,
      rfm: readRfmSummary(stored.rfm),
      // A computation kept before the rule was stored ran with the settings' loyalty threshold.
      loyalPurchases: stored.loyalPurchases ?? (await this.settings(workspaceId)).lifecycle.loyalPurchases,
      clv: readClvSummary(stored.clv, named),
    };
  }

  /** One customer's stored scores and stage history (null: never computed). */
  async forCustomer(workspaceId: string, customerId: number): Promise<CustomerScoresView | null> {
    const repo = new ScoresRepo(this.db);
    const row = await repo.get(workspaceId, customerId);
    if (!row) return null;
    const runs = new AnalyticsRunsRepo(this.db.kysely);
    const num = (v: number | null) => (v === null ? null : Number(v));
    return {
      computedAt: (await runs.lastFinished(workspaceId)) ?? Number(row.computed_at),
      rfm: row.rfm_segment === null ? null : { r: Number(row.rfm_r), f: Number(row.rfm_f), m: Number(row.rfm_m), segment: row.rfm_segment as RfmSegment },
      abc: row.abc as CustomerScoresView['abc'],
      xyz: row.xyz as CustomerScoresView['xyz'],
      stage: row.stage as LifecycleStage,
      stageSince: row.stage_since === null ? null : isoDay(Number(row.stage_since)),
      pAlive: num(row.p_alive),
      expected30: num(row.expected_30),
      expected90: num(row.expected_90),
      expected365: num(row.expected_365),
      predictedClv: num(row.predicted_clv),
      transitions: stageHistory(await repo.transitions(workspaceId, customerId), row),
    };
  }

  private async begin(workspace: Workspace, trigger: string, userId: string | null, runs: AnalyticsRunsRepo): Promise<ScoresRun> {
    const workspaceId = workspace.id;
    const now = this.clock.now();
    const asOfDay = localDayNumber(now, workspace.timezone);
    const id = randomUUID();
    const started = await runs.startRun(
      { id, workspace_id: workspaceId, trigger, status: 'running', as_of_day: asOfDay, customers: null, changed: null, written: null, phases: null, summary: null, error: null, requested_by: userId, started_at: now, finished_at: null },
      staleRunMs,
    );
    if (!started) throw alreadyRunning();
    return { id, trigger, status: 'running', asOf: isoDay(asOfDay), customers: null, changed: null, written: null, phases: null, error: null, startedAt: now, finishedAt: null };
  }

  private async execute(workspaceId: string, run: ScoresRun): Promise<ScoresRun> {
    const repo = new AnalyticsRunsRepo(this.db.kysely);
    try {
      const { customers, changed, written, phases, summary } = await this.compute(workspaceId, run);
      const finishedAt = this.clock.now();
      await repo.finishRun(run.id, { status: 'done', customers, changed, written, phases, summary, finishedAt });
      return { ...run, status: 'done', customers, changed, written, phases, finishedAt };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const finishedAt = this.clock.now();
      await repo.finishRun(run.id, { status: 'failed', error: message, finishedAt });
      return { ...run, status: 'failed', error: message, finishedAt };
    }
  }

  private async compute(workspaceId: string, run: ScoresRun): Promise<{ customers: number; changed: number; written: number; phases: Record<string, number>; summary: ScoresSummary }> {
    const repo = new ScoresRepo(this.db);
    const purchases = new PurchasesRepo(this.db);
    const phases: Record<string, number> = {};
    let mark = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      phases[name] = Math.round(now - mark);
      mark = now;
    };
    const workspace = await this.workspaces.get(workspaceId);
    const settings = await this.settings(workspaceId);
    const asOfDay = parseDay(run.asOf, 'asOf');
    const inputs = await repo.scoringColumns(workspaceId);
    const stored = await repo.storedDigests(workspaceId);
    lap('read');

    const lifecycle: LifecycleRules = {
      churnDays: settings.lifecycle.churnDays ?? (await new AnalyticsRules(this.db).deriveChurnDays(workspaceId)),
      loyalPurchases: settings.lifecycle.loyalPurchases,
    };
    lap('churnWindow');

    const minorPerMajor = 10 ** fractionDigits(workspace.currency);
    const models = fitModels(inputs, asOfDay, minorPerMajor);
    lap('fit');

    const scores = scoreCustomers(inputs, {
      asOfDay,
      rfm: rfmScoringOf(settings),
      abcCuts: settings.abcXyz.abcCuts,
      xyzCuts: settings.abcXyz.xyzCuts,
      lifecycle,
      clv: settings.clv,
      minorPerMajor,
    }, models);
    const summary = summariseScores(inputs, scores, { asOfDay, churnDays: lifecycle.churnDays, loyalPurchases: lifecycle.loyalPurchases, frequencyCuts: rfmScoringOf(settings).frequencyCuts, model: models.bgNbd ? { ...models.bgNbd, ...models.gammaGamma } : null, ...settings.clv });
    lap('score');

    // Stored and new rows, both in customer id order, side by side: a stage that changed is dated and
    // recorded; only rows whose digest changed are written (a daily computation moves a fraction of
    // the customers); stored customers no longer live were merged away or erased.
    const since = new Float64Array(scores.size);
    const digest = new Float64Array(scores.size);
    const fresh: number[] = [];
    const changed: number[] = [];
    const changes: StageChanges = { customerId: [], from: [], fromDay: [], to: [], day: [] };
    const gone: number[] = [];
    let j = 0;
    for (let i = 0; i < scores.size; i++) {
      const id = scores.customerId[i];
      while (j < stored.size && stored.customerId[j] < id) gone.push(stored.customerId[j++]);
      const before = j < stored.size && stored.customerId[j] === id ? j++ : -1;
      const stage = lifecycleStages[scores.stage[i]];
      const moved = before < 0 || stored.stage[before] !== stage;
      since[i] = moved ? entryDay(stage, inputs, i, asOfDay, lifecycle) : stored.since[before];
      // A first stage needs no row of history: the stored row holds it and its day until it changes.
      if (moved && before >= 0) {
        changes.customerId.push(id);
        changes.from.push(stored.stage[before]);
        changes.fromDay.push(orNull(stored.since[before]));
        changes.to.push(stage);
        changes.day.push(since[i]);
      }
      digest[i] = scoreDigest(scores, i, since[i]);
      if (before < 0) fresh.push(i);
      else if (stored.digest[before] !== digest[i]) changed.push(i);
    }
    while (j < stored.size) gone.push(stored.customerId[j++]);
    const computedAt = run.startedAt;
    for (const [rows, isFresh] of [[fresh, true], [changed, false]] as const) {
      await repo.writeScores(workspaceId, rows.length, (k, values, at) => rowValues(scores, rows[k], since, digest, computedAt, values, at), isFresh);
    }
    lap('write');
    await repo.addTransitions(workspaceId, computedAt, changes);
    await repo.remove(workspaceId, gone);
    lap('stageHistory');
    // After many rows moved, the planner's statistics are refreshed while the KPI index is built
    // (the customer list filtered by score is planned from them); what the KPI index does not
    // cover of it is timed as its own phase.
    const statistics = fresh.length + changed.length > scores.size / 10 ? repo.refreshStatistics() : Promise.resolve();
    statistics.catch(() => undefined);

    // The KPI index counts complete days: up to the day before the computation's.
    const activity = await buildActivityIndex(purchases, workspaceId, asOfDay - 1);
    await new AnalyticsRunsRepo(this.db.kysely).saveActivity(workspaceId, asOfDay - 1, activity.toBytes(), computedAt);
    lap('kpiIndex');
    await statistics;
    lap('statistics');
    return { customers: scores.size, changed: fresh.length + changes.customerId.length, written: fresh.length + changed.length, phases, summary };
  }
}

const runStatuses: readonly ScoresRun['status'][] = ['running', 'done', 'failed'];
const triggers = ['request', 'schedule', 'settings'] as const;

// A stored computation as the API shows it (phases parsed or not, both are accepted).
function toRun(r: Omit<RunRow, 'phases' | 'summary'> & { phases: unknown }): ScoresRun {
  return {
    id: r.id,
    trigger: r.trigger,
    status: runStatuses.find((s) => s === r.status) ?? 'failed',
    asOf: isoDay(Number(r.as_of_day)),
    customers: r.customers === null ? null : Number(r.customers),
    changed: r.changed === null ? null : Number(r.changed),
    written: r.written === null ? null : Number(r.written),
    phases: readJson<Record<string, number> | null>(r.phases, null),
    error: r.error,
    startedAt: Number(r.started_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
  };
}

function oneTrigger(value: string): (typeof triggers)[number] {
  return triggers.find((t) => t === value) ?? 'request';
}

// Every customer's purchase days and each day's orders and revenue, read once, into the KPI index.
async function buildActivityIndex(repo: PurchasesRepo, workspaceId: string, lastDay: number): Promise<ActivityIndex> {
  const purchases = new PurchaseDaysCollector();
  await repo.forEachPurchase(workspaceId, lastDay, (customerId, day, value) => purchases.add(customerId, day, value));
  return ActivityIndex.build(purchases.customers(), purchases.daily(), lastDay);
}

// A customer's stage history, oldest first: the first stage (the first change's from_stage, from the
// day kept with it, or the stored stage while it never changed), then every change.
function stageHistory(changes: readonly { from_stage: string | null; to_stage: string; day: number; from_day: number | null }[], row: { stage: string; stage_since: number | null }): CustomerScoresView['transitions'] {
  const history = changes.map((t) => ({ from: t.from_stage as LifecycleStage | null, to: t.to_stage as LifecycleStage, day: isoDay(Number(t.day)) }));
  const first = changes[0];
  // Rows written before from_day was kept recorded the first stage themselves (from null).
  if (first && first.from_stage === null) return history;
  const stage = first ? first.from_stage : row.stage;
  const day = first ? first.from_day : row.stage_since;
  if (stage === null || day === null) return history;
  return [{ from: null, to: stage as LifecycleStage, day: isoDay(Number(day)) }, ...history];
}

// BG/NBD and Gamma-Gamma in weeks on all buyers up to the day; null where there is too little to fit on.
function fitModels(inputs: ScoringColumns, asOfDay: number, minorPerMajor: number): ScoringModels {
  const sample = [];
  for (let i = 0; i < inputs.size; i++) if (hasPurchased(inputs, i, asOfDay)) sample.push(modelSummary(inputs, i, asOfDay, minorPerMajor));
  // The models need repeat purchases to learn from.
  if (!sample.some((s) => s.x > 0)) return { bgNbd: null, gammaGamma: null };
  const bgNbd = fitBgNbd(sample).params;
  const repeaters = sample.filter((s) => s.x > 0 && s.meanValue > 0);
  const gammaGamma = repeaters.length > 1 ? fitGammaGamma(repeaters).params : null;
  // The expected spend needs q > 1 (a finite population mean).
  return { bgNbd, gammaGamma: gammaGamma && gammaGamma.q > 1 ? gammaGamma : null };
}

// The day a customer entered their stage, as far as their aggregates tell: the day the churn window
// ran out for the churned, the latest purchase day for the others, the computation's day for potential.
function entryDay(stage: LifecycleStage, inputs: ScoringColumns, i: number, asOfDay: number, rules: LifecycleRules): number {
  const lastDay = inputs.lastDay[i];
  if (stage === 'potential' || Number.isNaN(lastDay)) return asOfDay;
  if (stage === 'churned') return lastDay + rules.churnDays + 1;
  return lastDay;
}
