import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import type { CustomerScoresTable, StageTransitionsTable } from '../../../platform/db/schema.js';
import { DomainError } from '../../../platform/errors.js';
import { localDayNumber } from '../../../platform/time.js';
import { fractionDigits } from '../../ingest/money.js';
import type { WorkspacesService } from '../../workspaces/workspaces.service.js';
import { isoDay, parseDay } from '../days.js';
import { fitBgNbd } from '../clv/bg-nbd.js';
import { fitGammaGamma } from '../clv/gamma-gamma.js';
import { churnWindowFromGaps, type LifecycleRules, type LifecycleStage } from '../lifecycle/lifecycle.js';
import { type AnalyticsSettings, analyticsSettingsSchema, defaultAnalyticsSettings } from './analytics-settings.js';
import { type CustomerScore, hasPurchased, modelSummary, type ScoringInput, type ScoringModels, scoreCustomers } from './customer-scoring.js';
import { ScoresRepo, type ScoreRow } from './scores.repo.js';
import { ActivityIndex } from '../kpi/activity-index.js';
import { type ScoresSummary, summariseScores } from './scores-summary.js';
import type { customerScoresSchema } from './scores.schemas.js';
import type { RfmSegment } from '../rfm/rfm.js';
import type { z } from 'zod';

// Stored scores (docs/analytics.md, "Stored scores"): one computation reads every customer's
// aggregates from customer_stats, learns the churn window and fits the CLV models, scores everyone,
// writes the scores and records the stage changes. It runs on a schedule, on request, and after the
// settings change; one at a time per workspace.

/** Repeat customers whose purchase days the churn window is learned from, at most. */
const churnSampleCustomers = 2_000;
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
  private readonly running = new Map<string, Promise<ScoresRun>>();

  constructor(
    private readonly db: Db,
    private readonly workspaces: WorkspacesService,
    private readonly clock: Clock,
  ) {}

  /** The workspace's analytics settings (the defaults until changed). */
  async settings(workspaceId: string): Promise<AnalyticsSettings> {
    const stored = await new ScoresRepo(this.db.kysely, this.db.caps).settings(workspaceId);
    const parsed = analyticsSettingsSchema.safeParse(stored);
    return parsed.success ? parsed.data : defaultAnalyticsSettings;
  }

  /** Saves the settings; the scores are recomputed with them. */
  async saveSettings(workspaceId: string, settings: AnalyticsSettings, userId: string | null): Promise<{ settings: AnalyticsSettings; run: ScoresRun | null }> {
    await new ScoresRepo(this.db.kysely, this.db.caps).saveSettings(workspaceId, settings, userId, this.clock.now());
    const run = await this.request(workspaceId, 'settings', userId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'conflict') return null;
      throw error;
    });
    return { settings, run };
  }

  /** Starts a computation in the background and returns it; a conflict when one is already running. */
  async request(workspaceId: string, trigger: 'request' | 'schedule' | 'settings', userId: string | null): Promise<ScoresRun> {
    const run = await this.begin(workspaceId, trigger, userId);
    const done = this.execute(workspaceId, run);
    this.running.set(workspaceId, done);
    void done.finally(() => this.running.delete(workspaceId));
    return run;
  }

  /** Computes the scores now and returns the finished computation (the benchmark, the demo and the schedule use this). */
  async recompute(workspaceId: string, trigger: 'request' | 'schedule' | 'settings' = 'request', userId: string | null = null): Promise<ScoresRun> {
    return this.execute(workspaceId, await this.begin(workspaceId, trigger, userId));
  }

  /** Waits for the computation running in this process for a workspace, if any. */
  async settled(workspaceId: string): Promise<void> {
    await this.running.get(workspaceId)?.catch(() => undefined);
  }

  /** The latest computations, newest first. */
  async runs(workspaceId: string, limit = 10): Promise<ScoresRun[]> {
    return (await new ScoresRepo(this.db.kysely, this.db.caps).runs(workspaceId, limit)).map((r) => ({
      id: r.id,
      trigger: r.trigger,
      status: r.status as ScoresRun['status'],
      asOf: isoDay(Number(r.as_of_day)),
      customers: r.customers === null ? null : Number(r.customers),
      changed: r.changed === null ? null : Number(r.changed),
      written: r.written === null ? null : Number(r.written),
      phases: r.phases,
      error: r.error,
      startedAt: Number(r.started_at),
      finishedAt: r.finished_at === null ? null : Number(r.finished_at),
    }));
  }

  /** What the latest successful computation adds up to (null: never computed). */
  async summary(workspaceId: string): Promise<({ asOf: string; indexLastDay: string; computedAt: number } & ScoresSummary) | null> {
    const latest = await new ScoresRepo(this.db.kysely, this.db.caps).latestSummary(workspaceId);
    if (!latest || latest.summary === null) return null;
    // The KPI index of the computation counts the complete days before it.
    return { asOf: isoDay(latest.as_of_day), indexLastDay: isoDay(latest.as_of_day - 1), computedAt: latest.finished_at, ...(latest.summary as ScoresSummary) };
  }

  /** One customer's stored scores and stage history (null: never computed). */
  async forCustomer(workspaceId: string, customerId: number): Promise<CustomerScoresView | null> {
    const repo = new ScoresRepo(this.db.kysely, this.db.caps);
    const row = await repo.get(workspaceId, customerId);
    if (!row) return null;
    const num = (v: number | null) => (v === null ? null : Number(v));
    return {
      computedAt: (await repo.lastFinished(workspaceId)) ?? Number(row.computed_at),
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
      transitions: (await repo.transitions(workspaceId, customerId)).map((t) => ({
        from: t.from_stage as LifecycleStage | null,
        to: t.to_stage as LifecycleStage,
        day: isoDay(Number(t.day)),
      })),
    };
  }

  private async begin(workspaceId: string, trigger: string, userId: string | null): Promise<ScoresRun> {
    const workspace = await this.workspaces.get(workspaceId);
    const now = this.clock.now();
    const asOfDay = localDayNumber(now, workspace.timezone);
    const id = randomUUID();
    const started = await new ScoresRepo(this.db.kysely, this.db.caps).startRun(
      { id, workspace_id: workspaceId, trigger, status: 'running', as_of_day: asOfDay, customers: null, changed: null, written: null, phases: null, summary: null, error: null, requested_by: userId, started_at: now, finished_at: null },
      staleRunMs,
    );
    if (!started) throw new DomainError('conflict', 'The scores of this workspace are being computed already');
    return { id, trigger, status: 'running', asOf: isoDay(asOfDay), customers: null, changed: null, written: null, phases: null, error: null, startedAt: now, finishedAt: null };
  }

  private async execute(workspaceId: string, run: ScoresRun): Promise<ScoresRun> {
    const repo = new ScoresRepo(this.db.kysely, this.db.caps);
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
    const repo = new ScoresRepo(this.db.kysely, this.db.caps);
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
    const inputs = await repo.scoringInputs(workspaceId);
    const previous = await repo.stored(workspaceId);
    lap('read');

    const lifecycle: LifecycleRules = {
      churnDays: settings.lifecycle.churnDays ?? churnWindowFromGaps(groupDays(await repo.repeatPurchaseDays(workspaceId, churnSampleCustomers))),
      loyalPurchases: settings.lifecycle.loyalPurchases,
    };
    lap('churnWindow');

    const minorPerMajor = 10 ** fractionDigits(workspace.currency);
    const models = fitModels(inputs, asOfDay, minorPerMajor);
    lap('fit');

    const scores = scoreCustomers(inputs, {
      asOfDay,
      rfmThresholds: settings.rfm.thresholds,
      abcCuts: settings.abcXyz.abcCuts,
      xyzCuts: settings.abcXyz.xyzCuts,
      lifecycle,
      clv: settings.clv,
      minorPerMajor,
    }, models);
    const summary = summariseScores(inputs, scores, { asOfDay, churnDays: lifecycle.churnDays, model: models.bgNbd ? { ...models.bgNbd, ...models.gammaGamma } : null, ...settings.clv });
    lap('score');

    // Only rows that change are written: a daily computation moves a fraction of the customers.
    const computedAt = run.startedAt;
    const rows: Insertable<CustomerScoresTable>[] = [];
    const transitions: Insertable<StageTransitionsTable>[] = [];
    for (let i = 0; i < scores.length; i++) {
      const score = scores[i];
      const before = previous.get(score.customerId);
      previous.delete(score.customerId);
      let since = before?.stage_since === undefined || before.stage_since === null ? null : Number(before.stage_since);
      if (!before || before.stage !== score.stage) {
        since = entryDay(score.stage, inputs[i], asOfDay, lifecycle);
        transitions.push({ workspace_id: workspaceId, customer_id: score.customerId, from_stage: before?.stage ?? null, to_stage: score.stage, day: since, computed_at: computedAt });
      }
      const row = toRow(workspaceId, score, since, computedAt);
      if (!before || !sameScores(before, row)) rows.push(row);
    }
    await repo.writeScores(rows);
    await repo.addTransitions(transitions);
    // Whoever is left was merged away or erased since the last computation.
    await repo.remove(workspaceId, [...previous.keys()]);
    lap('write');

    // The KPI index counts complete days: up to the day before the computation's.
    const activity = await buildActivityIndex(repo, workspaceId, asOfDay - 1);
    await repo.saveActivity(workspaceId, asOfDay - 1, activity.toBytes(), computedAt);
    lap('kpiIndex');
    return { customers: scores.length, changed: transitions.length, written: rows.length, phases, summary };
  }
}

// Every customer's purchase days and each day's orders and revenue, read once, into the KPI index.
async function buildActivityIndex(repo: ScoresRepo, workspaceId: string, lastDay: number): Promise<ActivityIndex> {
  const days = new Map<number, number[]>();
  const daily = new Map<number, { orders: number; revenue: number }>();
  await repo.forEachPurchase(workspaceId, lastDay, (rows) => {
    for (const row of rows) {
      const list = days.get(row.customer_id);
      if (list) list.push(row.order_day);
      else days.set(row.customer_id, [row.order_day]);
      const totals = daily.get(row.order_day);
      if (totals) {
        totals.orders++;
        totals.revenue += row.value;
      } else daily.set(row.order_day, { orders: 1, revenue: row.value });
    }
  });
  const distinct = function* () {
    for (const list of days.values()) yield [...new Set(list)].sort((a, b) => a - b);
  };
  return ActivityIndex.build(distinct(), daily, lastDay);
}

// Purchase days per customer, from rows in order of customer and day.
function groupDays(rows: readonly { customer_id: number; order_day: number }[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let id: number | null = null;
  for (const row of rows) {
    if (row.customer_id !== id) {
      if (current.length) out.push(current);
      current = [];
      id = row.customer_id;
    }
    current.push(row.order_day);
  }
  if (current.length) out.push(current);
  return out;
}

// BG/NBD and Gamma-Gamma in weeks on all buyers up to the day; null where there is too little to fit on.
function fitModels(inputs: readonly ScoringInput[], asOfDay: number, minorPerMajor: number): ScoringModels {
  const sample = inputs.filter((c) => hasPurchased(c, asOfDay)).map((c) => modelSummary(c, asOfDay, minorPerMajor));
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
function entryDay(stage: LifecycleStage, input: ScoringInput, asOfDay: number, rules: LifecycleRules): number {
  if (stage === 'potential' || input.lastDay === null) return asOfDay;
  if (stage === 'churned') return input.lastDay + rules.churnDays + 1;
  return input.lastDay;
}

// Stored probabilities and expectations keep four decimals: enough for any screen or filter, and a
// customer whose scores did not move is not rewritten.
const round4 = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);
const compared = ['rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment', 'abc', 'xyz', 'stage', 'stage_since', 'p_alive', 'expected_30', 'expected_90', 'expected_365', 'predicted_clv'] as const;

function sameScores(stored: ScoreRow, row: Insertable<CustomerScoresTable>): boolean {
  return compared.every((column) => {
    const a = stored[column];
    const b = row[column] ?? null;
    return a === null || b === null ? a === b : typeof b === 'number' ? Number(a) === b : a === b;
  });
}

function toRow(workspaceId: string, s: CustomerScore, since: number | null, computedAt: number): Insertable<CustomerScoresTable> {
  return {
    workspace_id: workspaceId,
    customer_id: s.customerId,
    rfm_r: s.rfm?.r ?? null,
    rfm_f: s.rfm?.f ?? null,
    rfm_m: s.rfm?.m ?? null,
    rfm_segment: s.rfm?.segment ?? null,
    abc: s.abc,
    xyz: s.xyz,
    stage: s.stage,
    stage_since: since,
    p_alive: round4(s.pAlive),
    expected_30: round4(s.expected30),
    expected_90: round4(s.expected90),
    expected_365: round4(s.expected365),
    predicted_clv: s.predictedClv,
    computed_at: computedAt,
  };
}
