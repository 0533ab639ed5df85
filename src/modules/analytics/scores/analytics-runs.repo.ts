import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { AnalyticsRunsTable, Database } from '../../../platform/db/schema.js';
import { readJson, writeJson } from '../../../platform/db/normalize.js';

/** A stored computation. */
export type RunRow = AnalyticsRunsTable;

/** SQL of the score computations, their KPI index and the workspace's analytics settings. */
export class AnalyticsRunsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Starts a computation unless one is running (a unique index allows one per workspace); a run
   * started more than `staleMs` ago is taken for one whose process died and closed as failed.
   */
  async startRun(run: Insertable<AnalyticsRunsTable>, staleMs: number): Promise<boolean> {
    await this.db
      .updateTable('analytics_runs')
      .set({ status: 'failed', error: 'the process computing it stopped', finished_at: run.started_at })
      .where('workspace_id', '=', run.workspace_id)
      .where('status', '=', 'running')
      .where('started_at', '<=', run.started_at - staleMs)
      .execute();
    const result = await this.db.insertInto('analytics_runs').values(run).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  /** Ends a computation. */
  async finishRun(id: string, result: { status: 'done' | 'failed'; customers?: number; changed?: number; written?: number; phases?: Record<string, number>; summary?: unknown; error?: string; finishedAt: number }): Promise<void> {
    await this.db
      .updateTable('analytics_runs')
      .set({
        status: result.status,
        customers: result.customers ?? null,
        changed: result.changed ?? null,
        written: result.written ?? null,
        phases: result.phases ? writeJson(result.phases) : null,
        summary: result.summary === undefined ? null : writeJson(result.summary),
        error: result.error ?? null,
        finished_at: result.finishedAt,
      })
      .where('id', '=', id)
      .execute();
  }

  /** One computation of a workspace, by id. */
  async run(workspaceId: string, id: string): Promise<Selectable<AnalyticsRunsTable> | undefined> {
    return this.db.selectFrom('analytics_runs').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  }

  /** The latest computations of a workspace, newest first. */
  async runs(workspaceId: string, limit: number): Promise<(Omit<RunRow, 'phases' | 'summary'> & { phases: Record<string, number> | null })[]> {
    const rows = await this.db
      .selectFrom('analytics_runs')
      .select(['id', 'workspace_id', 'trigger', 'status', 'as_of_day', 'customers', 'changed', 'written', 'phases', 'error', 'requested_by', 'started_at', 'finished_at'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('started_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, phases: r.phases === null ? null : readJson<Record<string, number> | null>(r.phases, null) }));
  }

  /** When the latest successful computation finished (undefined: never). */
  async lastFinished(workspaceId: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('analytics_runs')
      .select((eb) => eb.fn.max('finished_at').as('last'))
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'done')
      .executeTakeFirst();
    return row?.last === null || row?.last === undefined ? undefined : Number(row.last);
  }

  /** The summary of the latest successful computation, with its day and end. */
  async latestSummary(workspaceId: string): Promise<{ as_of_day: number; finished_at: number; summary: unknown } | undefined> {
    const row = await this.db
      .selectFrom('analytics_runs')
      .select(['as_of_day', 'finished_at', 'summary'])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'done')
      .orderBy('finished_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row || row.finished_at === null) return undefined;
    return { as_of_day: Number(row.as_of_day), finished_at: Number(row.finished_at), summary: readJson<unknown>(row.summary, null) };
  }

  /** When each workspace's scores were last computed successfully (null: never), for the schedule. */
  async lastComputed(): Promise<{ workspace_id: string; last: number | null }[]> {
    const result = await sql<{ workspace_id: string; last: number | null }>`
      select w.id as workspace_id, max(r.finished_at) as last
      from workspaces w left join analytics_runs r on r.workspace_id = w.id and r.status = 'done'
      group by w.id`.execute(this.db);
    return result.rows.map((r) => ({ workspace_id: r.workspace_id, last: r.last === null ? null : Number(r.last) }));
  }

  /** The stored settings of a workspace (undefined: never changed). */
  async settings(workspaceId: string): Promise<unknown> {
    const row = await this.db.selectFrom('analytics_settings').select('settings').where('workspace_id', '=', workspaceId).executeTakeFirst();
    return row ? readJson<unknown>(row.settings, undefined) : undefined;
  }

  /** Stores the settings of a workspace. */
  async saveSettings(workspaceId: string, settings: unknown, userId: string | null, now: number): Promise<void> {
    await this.db
      .insertInto('analytics_settings')
      .values({ workspace_id: workspaceId, settings: writeJson(settings), updated_by: userId, updated_at: now })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ settings: writeJson(settings), updated_by: userId, updated_at: now }))
      .execute();
  }

  /** Stores a workspace's KPI index. */
  async saveActivity(workspaceId: string, lastDay: number, data: Uint8Array, now: number): Promise<void> {
    await this.db
      .insertInto('analytics_activity')
      .values({ workspace_id: workspaceId, last_day: lastDay, data, updated_at: now })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ last_day: lastDay, data, updated_at: now }))
      .execute();
  }

  /** When a workspace's KPI index was last stored (undefined: never). */
  async activityUpdatedAt(workspaceId: string): Promise<number | undefined> {
    const row = await this.db.selectFrom('analytics_activity').select('updated_at').where('workspace_id', '=', workspaceId).executeTakeFirst();
    return row ? Number(row.updated_at) : undefined;
  }

  /** A workspace's stored KPI index. */
  async activity(workspaceId: string): Promise<{ data: Uint8Array; updated_at: number } | undefined> {
    const row = await this.db.selectFrom('analytics_activity').select(['data', 'updated_at']).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return row ? { data: row.data, updated_at: Number(row.updated_at) } : undefined;
  }
}
