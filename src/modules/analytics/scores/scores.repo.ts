import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { CustomerScoresTable, Database } from '../../../platform/db/schema.js';
import type { ScoringColumns } from './customer-scoring.js';
import type { Db } from '../../../platform/db/database.js';
import { copyBinary, type CopyType, type CopyValue, readCopyBinary } from '../../../platform/db/copy-binary.js';
import { GrowingColumns } from '../../../platform/db/growing-columns.js';

/** A stored score row. */
export type ScoreRow = CustomerScoresTable;

// Rows per statement when deleting scores.
const writeBatch = 1000;
// Rows per statement where arrays bind as one parameter each.
const arrayBatch = 20_000;
// Rows per prepared statement when writing scores on SQLite (17 parameters a row).
const sqliteRows = 200;
// Rows per page when reading every customer: small enough to be let go young (cheap to collect).
const idPage = 20_000;

/** The columns of a score row as `writeScores` takes them, after the workspace, with their types. */
const scoreRowTypes = {
  customer_id: 'int8', rfm_r: 'int4', rfm_f: 'int4', rfm_m: 'int4', rfm_segment: 'text', abc: 'text', xyz: 'text', stage: 'text', stage_since: 'int4',
  p_alive: 'float8', expected_30: 'float8', expected_90: 'float8', expected_365: 'float8', predicted_clv: 'int8', computed_at: 'int8', digest: 'int8',
} as const satisfies Record<string, CopyType>;
export const scoreRowColumns = Object.keys(scoreRowTypes) as (keyof typeof scoreRowTypes)[];
const pgArrayTypes: Record<CopyType, string> = { int4: 'integer[]', int8: 'bigint[]', float8: 'float8[]', text: 'text[]' };

// Columns of customers' aggregates: id, orders, purchase days, revenue (0 when none), first, last and
// previous purchase day, first day's value (NaN when none).
class ScoringColumnsBuilder {
  private readonly columns = new GrowingColumns([0, 0, 0, 0, Number.NaN, Number.NaN, Number.NaN, Number.NaN]);

  add(row: readonly unknown[]): void {
    this.columns.add(row);
  }

  build(): ScoringColumns {
    const [customerId, orders, days, revenue, firstDay, lastDay, prevDay, firstDayValue] = this.columns.build();
    return { size: customerId.length, customerId, orders, days, revenue, firstDay, lastDay, prevDay, firstDayValue };
  }
}

/** Puts row k's values into `values` from index `at`. */
type RowFill = (k: number, values: unknown[], at: number) => void;

// Rows for COPY: the workspace, then the values `fill` puts from index 1.
function copyRows(types: readonly CopyType[], count: number, workspaceId: string, fill: RowFill): Iterable<Uint8Array> {
  return copyBinary(['text', ...types], count, (k, values: CopyValue[]) => {
    values[0] = workspaceId;
    fill(k, values, 1);
  });
}

/** Stage changes as columns: customer, the stage left and the day it began (null: unknown), the new stage and the day it began. */
export interface StageChanges {
  customerId: number[];
  from: string[];
  fromDay: (number | null)[];
  to: string[];
  day: number[];
}

/** The stored stage and digest of every scored customer, as columns in customer id order. */
export interface StoredDigests {
  size: number;
  customerId: Float64Array;
  stage: string[];
  /** NaN: no day. */
  since: Float64Array;
  /** NaN: written without a digest. */
  digest: Float64Array;
}

/** SQL of the stored scores of customers and their stage changes. */
export class ScoresRepo {
  private readonly db: Kysely<Database>;

  constructor(private readonly database: Db) {
    this.db = database.kysely;
  }

  /**
   * Every live customer (not merged away, not erased) with the aggregates the scores need, as columns
   * in id order. PostgreSQL streams the join in one COPY (a hash join of the two tables, in binary);
   * SQLite reads the live ids and the aggregates apart, in pages along their keys, as arrays.
   */
  async scoringColumns(workspaceId: string): Promise<ScoringColumns> {
    const columns = new ScoringColumnsBuilder();
    if (this.database.copyTo) {
      await this.database.copyTo(
        `copy (select c.id, s.orders_count, s.order_days, s.revenue, s.first_order_day, s.last_order_day, s.prev_order_day, s.first_day_value
               from customers c left join customer_stats s on s.workspace_id = c.workspace_id and s.customer_id = c.id
               where c.workspace_id = current_setting('klientura.workspace_id') and c.merged_into is null and c.erased_at is null
               order by c.id) to stdout with (format binary)`,
        { workspace_id: workspaceId },
        (chunks) => readCopyBinary(chunks, ['int8', 'int4', 'int4', 'int8', 'int4', 'int4', 'int4', 'int8'], (row) => columns.add(row)),
      );
      return columns.build();
    }
    // A page of live ids, then the aggregates of the same id range, put side by side and let go (rows
    // kept for long cost more in garbage collection than in reading).
    for (let after = -1; ; ) {
      const ids = await this.database.arrays(
        sql`select id from customers where workspace_id = ${workspaceId} and id > ${after} and merged_into is null and erased_at is null order by id limit ${idPage}`.compile(this.db),
      );
      if (ids.length === 0) break;
      const last = Number(ids[ids.length - 1][0]);
      const stats = await this.database.arrays(
        sql`select customer_id, orders_count, order_days, revenue, first_order_day, last_order_day, prev_order_day, first_day_value
            from customer_stats where workspace_id = ${workspaceId} and customer_id > ${after} and customer_id <= ${last} order by customer_id`.compile(this.db),
      );
      let j = 0;
      for (const row of ids) {
        const id = Number(row[0]);
        while (j < stats.length && Number(stats[j][0]) < id) j++; // aggregates of customers no longer live
        columns.add(j < stats.length && Number(stats[j][0]) === id ? stats[j++] : row); // or known, never bought
      }
      if (ids.length < idPage) break;
      after = last;
    }
    return columns.build();
  }

  /** The stored stage, its day and the digest of every scored customer of a workspace, in customer id order (NaN: none). */
  async storedDigests(workspaceId: string): Promise<StoredDigests> {
    const numbers = new GrowingColumns([Number.NaN, Number.NaN, Number.NaN]);
    const stage: string[] = [];
    const names = new Map<string, string>(); // one string per stage name, not one per row
    for (let after = -1; ; ) {
      const page = await this.database.arrays(
        sql`select customer_id, stage_since, digest, stage from customer_scores
            where workspace_id = ${workspaceId} and customer_id > ${after} order by customer_id limit ${idPage}`.compile(this.db),
      );
      for (const row of page) {
        numbers.add(row);
        const name = row[3] as string;
        stage.push(names.get(name) ?? (names.set(name, name), name));
      }
      if (page.length < idPage) break;
      after = Number(page[page.length - 1][0]);
    }
    const [customerId, since, digest] = numbers.build();
    return { size: customerId.length, customerId, stage, since, digest };
  }

  /**
   * Writes score rows (insert or replace): `fill(k, values, at)` puts row k's values, in the order of
   * `scoreRowColumns`, into `values` from index `at`; `fresh` rows are of customers with no stored
   * scores. PostgreSQL: fresh rows by COPY, the others by one statement over arrays (`unnest`) per
   * 20,000 rows. SQLite: see insertRows.
   */
  async writeScores(workspaceId: string, count: number, fill: RowFill, fresh: boolean): Promise<void> {
    const types = scoreRowColumns.map((c) => scoreRowTypes[c]);
    if (fresh && this.database.copyFrom) {
      await this.database.copyFrom(`copy customer_scores (workspace_id, ${scoreRowColumns.join(', ')}) from stdin with (format binary)`, copyRows(types, count, workspaceId, fill));
      return;
    }
    const update = scoreRowColumns.slice(1).map((c) => `${c} = excluded.${c}`).join(', ');
    if (!this.database.caps.arrayParameters) {
      await this.insertRows('customer_scores', scoreRowColumns, ` on conflict (workspace_id, customer_id) do update set ${update}`, count, workspaceId, fill);
      return;
    }
    const width = scoreRowColumns.length;
    for (let start = 0; start < count; start += arrayBatch) {
      const n = Math.min(arrayBatch, count - start);
      const row: unknown[] = new Array(width);
      const columns = scoreRowColumns.map(() => new Array<unknown>(n));
      for (let k = 0; k < n; k++) {
        fill(start + k, row, 0);
        for (let c = 0; c < width; c++) columns[c][k] = row[c];
      }
      await sql`
        insert into customer_scores (workspace_id, ${sql.join(scoreRowColumns.map((c) => sql.ref(c)))})
        select ${workspaceId}, * from unnest(${sql.join(types.map((type, i) => sql`${columns[i]}::${sql.raw(pgArrayTypes[type])}`))})
        on conflict (workspace_id, customer_id) do update set ${sql.raw(update)}`.execute(this.db);
    }
  }

  /** Removes the scores of customers (merged away or erased since they were scored). */
  async remove(workspaceId: string, customerIds: readonly number[]): Promise<void> {
    for (let i = 0; i < customerIds.length; i += writeBatch) {
      await this.db.deleteFrom('customer_scores').where('workspace_id', '=', workspaceId).where('customer_id', 'in', customerIds.slice(i, i + writeBatch)).execute();
    }
  }

  /** Records stage changes, given as columns: by COPY on PostgreSQL, see insertRows on SQLite. */
  async addTransitions(workspaceId: string, computedAt: number, t: StageChanges): Promise<void> {
    const fill: RowFill = (k, values, at) => {
      values[at] = t.customerId[k];
      values[at + 1] = t.from[k];
      values[at + 2] = t.to[k];
      values[at + 3] = t.day[k];
      values[at + 4] = t.fromDay[k];
      values[at + 5] = computedAt;
    };
    const columns = ['customer_id', 'from_stage', 'to_stage', 'day', 'from_day', 'computed_at'];
    const count = t.customerId.length;
    if (this.database.copyFrom) {
      await this.database.copyFrom(
        `copy stage_transitions (workspace_id, ${columns.join(', ')}) from stdin with (format binary)`,
        copyRows(['int8', 'text', 'text', 'int4', 'int4', 'int8'], count, workspaceId, fill),
      );
      return;
    }
    await this.insertRows('stage_transitions', columns, '', count, workspaceId, fill);
  }

  // SQLite: rows (the workspace, then what `fill` puts) in multi-row statements of a fixed size,
  // prepared once, and a transaction per 20,000 rows, so writers of other kinds are never held up
  // long and the log is not synced a thousand times.
  private async insertRows(table: string, columns: readonly string[], suffix: string, count: number, workspaceId: string, fill: RowFill): Promise<void> {
    const width = columns.length + 1;
    const statement = (rows: number) => `insert into ${table} (workspace_id, ${columns.join(', ')}) values ${new Array(rows).fill(`(${new Array(width).fill('?').join(', ')})`).join(', ')}${suffix}`;
    const full = statement(sqliteRows);
    for (let start = 0; start < count; start += sqliteRows * 100) {
      const end = Math.min(count, start + sqliteRows * 100);
      await this.db.transaction().execute(async (trx) => {
        for (let k = start; k < end; k += sqliteRows) {
          const rows = Math.min(sqliteRows, end - k);
          const values: unknown[] = new Array(rows * width);
          for (let j = 0; j < rows; j++) {
            values[j * width] = workspaceId;
            fill(k + j, values, j * width + 1);
          }
          await trx.executeQuery(CompiledQuery.raw(rows === sqliteRows ? full : statement(rows), values));
        }
      });
    }
  }

  /** Refreshes the planner's statistics of the scores after many rows were written, where the engine needs it. */
  async refreshStatistics(): Promise<void> {
    if (this.database.caps.analyzeAfterBulkWrite) await sql`analyze customer_scores`.execute(this.db);
  }

  /** One customer's scores. */
  async get(workspaceId: string, customerId: number): Promise<ScoreRow | undefined> {
    return this.db.selectFrom('customer_scores').selectAll().where('workspace_id', '=', workspaceId).where('customer_id', '=', customerId).executeTakeFirst();
  }

  /** One customer's stage changes, oldest first. */
  async transitions(workspaceId: string, customerId: number): Promise<{ from_stage: string | null; to_stage: string; day: number; from_day: number | null }[]> {
    return this.db
      .selectFrom('stage_transitions')
      .select(['from_stage', 'to_stage', 'day', 'from_day'])
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId)
      .orderBy('day')
      .orderBy('id')
      .execute();
  }
}
