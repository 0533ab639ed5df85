import { type Insertable, type Kysely, sql } from 'kysely';
import type { AnalyticsRunsTable, CustomerScoresTable, Database, StageTransitionsTable } from '../../../platform/db/schema.js';
import { readJson, writeJson } from '../../../platform/db/normalize.js';
import { purchaseStatuses } from '../../orders/purchase-statuses.js';
import type { ScoringInput } from './customer-scoring.js';
import type { Capabilities } from '../../../platform/db/capabilities.js';

/** A stored score row. */
export type ScoreRow = CustomerScoresTable;
/** A stored computation. */
export type RunRow = AnalyticsRunsTable;

// Rows per statement when writing scores: 16 columns stay under both engines' parameter limits.
const writeBatch = 1000;
// Rows per statement where arrays bind as one parameter each.
const arrayBatch = 20_000;
// The score columns a computation writes, beside the key.
const scoreColumns = [
  'rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment', 'abc', 'xyz', 'stage', 'stage_since', 'p_alive', 'expected_30', 'expected_90', 'expected_365', 'predicted_clv', 'computed_at',
] as const;

/** SQL of the stored scores, their computations and the workspace's analytics settings. */
export class ScoresRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: Capabilities,
  ) {}

  /** Every live customer (not merged away, not erased) with the aggregates the scores need, in id order. */
  async scoringInputs(workspaceId: string): Promise<ScoringInput[]> {
    const rows = await sql<{ id: number; orders: number | null; days: number | null; revenue: number | null; first_day: number | null; last_day: number | null; prev_day: number | null; first_day_value: number | null }>`
      select c.id, s.orders_count as orders, s.order_days as days, s.revenue, s.first_order_day as first_day, s.last_order_day as last_day,
             s.prev_order_day as prev_day, s.first_day_value
      from customers c left join customer_stats s on s.workspace_id = c.workspace_id and s.customer_id = c.id
      where c.workspace_id = ${workspaceId} and c.merged_into is null and c.erased_at is null
      order by c.id`.execute(this.db);
    return rows.rows.map((r) => ({
      customerId: Number(r.id),
      orders: Number(r.orders ?? 0),
      days: Number(r.days ?? 0),
      revenue: Number(r.revenue ?? 0),
      firstDay: r.first_day === null ? null : Number(r.first_day),
      lastDay: r.last_day === null ? null : Number(r.last_day),
      prevDay: r.prev_day === null ? null : Number(r.prev_day),
      firstDayValue: r.first_day_value === null ? null : Number(r.first_day_value),
    }));
  }

  /**
   * Purchase days of a systematic sample of the customers with a repeat purchase (every k-th by id,
   * so at most about `maxCustomers` of them; all when fewer), in order of customer and day.
   */
  async repeatPurchaseDays(workspaceId: string, maxCustomers: number): Promise<{ customer_id: number; order_day: number }[]> {
    const counted = await sql<{ n: number }>`select count(*) as n from customer_stats where workspace_id = ${workspaceId} and order_days >= 2`.execute(this.db);
    const step = Math.max(1, Math.ceil(Number(counted.rows[0]?.n ?? 0) / maxCustomers));
    const result = await sql<{ customer_id: number; order_day: number }>`
      select o.customer_id, o.order_day
      -- "cross join" keeps SQLite on this order (the sampled customers first, then their orders by
      -- index); left to itself it may walk every order of the workspace instead.
      from customer_stats s cross join orders o
      where s.workspace_id = ${workspaceId} and s.order_days >= 2 and s.customer_id % ${step} = 0
        and o.workspace_id = s.workspace_id and o.customer_id = s.customer_id and o.status in (${sql.join(purchaseStatuses)})
      group by o.customer_id, o.order_day
      order by o.customer_id, o.order_day`.execute(this.db);
    return result.rows.map((r) => ({ customer_id: Number(r.customer_id), order_day: Number(r.order_day) }));
  }

  /**
   * Every purchase (order id, customer, local day, net value) up to a day, in pages of `pageSize`
   * by order id: a sequential read on both engines, whatever the number of orders.
   */
  async forEachPurchase(workspaceId: string, lastDay: number, onPage: (rows: { customer_id: number; order_day: number; value: number }[]) => void, pageSize = 50_000): Promise<void> {
    let after = 0;
    for (;;) {
      const rows = await sql<{ id: number; customer_id: number; order_day: number; value: number }>`
        select id, customer_id, order_day, total - refunded as value from orders
        where workspace_id = ${workspaceId} and id > ${after} and order_day <= ${lastDay} and status in (${sql.join(purchaseStatuses)})
        order by id limit ${pageSize}`.execute(this.db);
      if (rows.rows.length === 0) return;
      onPage(rows.rows.map((r) => ({ customer_id: Number(r.customer_id), order_day: Number(r.order_day), value: Number(r.value) })));
      after = Number(rows.rows[rows.rows.length - 1].id);
    }
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

  /** Every stored score row of a workspace, by customer. */
  async stored(workspaceId: string): Promise<Map<number, ScoreRow>> {
    const rows = await this.db.selectFrom('customer_scores').selectAll().where('workspace_id', '=', workspaceId).execute();
    return new Map(rows.map((r) => [Number(r.customer_id), r]));
  }

  /**
   * Writes scores (insert or replace), one transaction per batch so writers of other kinds are never
   * held up long. On PostgreSQL a batch is one statement over arrays (`unnest`): a million rows in
   * seconds instead of a thousand round trips.
   */
  async writeScores(rows: readonly Insertable<CustomerScoresTable>[]): Promise<void> {
    if (this.caps.arrayParameters) {
      for (let i = 0; i < rows.length; i += arrayBatch) await this.unnestScores(rows.slice(i, i + arrayBatch));
      return;
    }
    // SQLite: a transaction per 20 statements (20,000 rows, a fraction of a second), so other writers
    // wait little and the log is not synced a thousand times.
    for (let i = 0; i < rows.length; i += writeBatch * 20) {
      const part = rows.slice(i, i + writeBatch * 20);
      await this.db.transaction().execute(async (trx) => {
        for (let j = 0; j < part.length; j += writeBatch) {
          await trx
            .insertInto('customer_scores')
            .values(part.slice(j, j + writeBatch))
            .onConflict((oc) => oc.columns(['workspace_id', 'customer_id']).doUpdateSet((eb) => Object.fromEntries(scoreColumns.map((c) => [c, eb.ref(`excluded.${c}`)]))))
            .execute();
        }
      });
    }
  }

  private async unnestScores(rows: readonly Insertable<CustomerScoresTable>[]): Promise<void> {
    const column = (name: keyof CustomerScoresTable) => rows.map((r) => r[name] ?? null);
    await sql`
      insert into customer_scores (workspace_id, customer_id, ${sql.join(scoreColumns.map((c) => sql.ref(c)))})
      select * from unnest(
        ${column('workspace_id')}::text[], ${column('customer_id')}::bigint[],
        ${column('rfm_r')}::integer[], ${column('rfm_f')}::integer[], ${column('rfm_m')}::integer[], ${column('rfm_segment')}::text[],
        ${column('abc')}::text[], ${column('xyz')}::text[], ${column('stage')}::text[], ${column('stage_since')}::integer[],
        ${column('p_alive')}::float8[], ${column('expected_30')}::float8[], ${column('expected_90')}::float8[], ${column('expected_365')}::float8[],
        ${column('predicted_clv')}::bigint[], ${column('computed_at')}::bigint[])
      on conflict (workspace_id, customer_id) do update set
        ${sql.join(scoreColumns.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}`.execute(this.db);
  }

  /** Removes the scores of customers (merged away or erased since they were scored). */
  async remove(workspaceId: string, customerIds: readonly number[]): Promise<void> {
    for (let i = 0; i < customerIds.length; i += writeBatch) {
      await this.db.deleteFrom('customer_scores').where('workspace_id', '=', workspaceId).where('customer_id', 'in', customerIds.slice(i, i + writeBatch)).execute();
    }
  }

  /** Records stage changes. */
  async addTransitions(rows: readonly Insertable<StageTransitionsTable>[]): Promise<void> {
    if (this.caps.arrayParameters) {
      for (let i = 0; i < rows.length; i += arrayBatch) {
        const part = rows.slice(i, i + arrayBatch);
        const column = (name: keyof StageTransitionsTable) => part.map((r) => r[name] ?? null);
        await sql`
          insert into stage_transitions (workspace_id, customer_id, from_stage, to_stage, day, computed_at)
          select * from unnest(${column('workspace_id')}::text[], ${column('customer_id')}::bigint[], ${column('from_stage')}::text[],
            ${column('to_stage')}::text[], ${column('day')}::integer[], ${column('computed_at')}::bigint[])`.execute(this.db);
      }
      return;
    }
    for (let i = 0; i < rows.length; i += writeBatch * 20) {
      const part = rows.slice(i, i + writeBatch * 20);
      await this.db.transaction().execute(async (trx) => {
        for (let j = 0; j < part.length; j += writeBatch) await trx.insertInto('stage_transitions').values(part.slice(j, j + writeBatch)).execute();
      });
    }
  }

  /** One customer's scores. */
  async get(workspaceId: string, customerId: number): Promise<ScoreRow | undefined> {
    return this.db.selectFrom('customer_scores').selectAll().where('workspace_id', '=', workspaceId).where('customer_id', '=', customerId).executeTakeFirst();
  }

  /** One customer's stage changes, oldest first. */
  async transitions(workspaceId: string, customerId: number): Promise<{ from_stage: string | null; to_stage: string; day: number }[]> {
    return this.db
      .selectFrom('stage_transitions')
      .select(['from_stage', 'to_stage', 'day'])
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId)
      .orderBy('day')
      .orderBy('id')
      .execute();
  }

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
}
