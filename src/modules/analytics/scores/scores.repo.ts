import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { CustomerScoresTable, Database } from '../../../platform/db/schema.js';
import type { ScoringColumns } from './customer-scoring.js';
import type { Db } from '../../../platform/db/database.js';
import { copyBinary, type CopyType, type CopyValue, readCopyBinary } from '../../../platform/db/copy-binary.js';

/** A stored score row. */
export type ScoreRow = CustomerScoresTable;

// Rows per statement when deleting or adding stage changes.
const writeBatch = 1000;
// Rows per statement where arrays bind as one parameter each.
const arrayBatch = 20_000;
// Rows per prepared statement when writing scores on SQLite (17 parameters a row).
const sqliteRows = 200;
// Rows per page when reading every customer: small enough to be let go young (cheap to collect).
const idPage = 20_000;

/** The columns of a score row as `writeScores` takes them, after the workspace. */
export const scoreRowColumns = [
  'customer_id', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment', 'abc', 'xyz', 'stage', 'stage_since', 'p_alive', 'expected_30', 'expected_90', 'expected_365', 'predicted_clv', 'computed_at', 'digest',
] as const;
const pgArrayTypes: Record<(typeof scoreRowColumns)[number], string> = {
  customer_id: 'bigint[]', rfm_r: 'integer[]', rfm_f: 'integer[]', rfm_m: 'integer[]', rfm_segment: 'text[]', abc: 'text[]', xyz: 'text[]', stage: 'text[]',
  stage_since: 'integer[]', p_alive: 'float8[]', expected_30: 'float8[]', expected_90: 'float8[]', expected_365: 'float8[]', predicted_clv: 'bigint[]', computed_at: 'bigint[]', digest: 'bigint[]',
};

// Numeric columns filled a row at a time, in typed arrays that double as they fill: far less for the
// garbage collector than a million row arrays kept until the end.
class GrowingColumns {
  private columns: Float64Array[];
  private size = 0;

  constructor(count: number) {
    this.columns = Array.from({ length: count }, () => new Float64Array(1024));
  }

  /** Adds a row's first values; null or missing values become `missing(column)`. */
  add(row: readonly unknown[], missing: number | ((column: number) => number)): void {
    if (this.size === this.columns[0].length) {
      this.columns = this.columns.map((c) => {
        const grown = new Float64Array(c.length * 2);
        grown.set(c);
        return grown;
      });
    }
    for (let c = 0; c < this.columns.length; c++) {
      const v = row[c];
      this.columns[c][this.size] = v === null || v === undefined ? (typeof missing === 'number' ? missing : missing(c)) : Number(v);
    }
    this.size++;
  }

  build(): Float64Array[] {
    return this.columns.map((c) => c.subarray(0, this.size));
  }
}

// Columns of customers' aggregates: id, orders, purchase days, revenue (0 when none), first, last and
// previous purchase day, first day's value (NaN when none).
class ScoringColumnsBuilder {
  private readonly columns = new GrowingColumns(8);

  add(row: readonly unknown[]): void {
    this.columns.add(row, (c) => (c < 4 ? 0 : Number.NaN));
  }

  build(): ScoringColumns {
    const [customerId, orders, days, revenue, firstDay, lastDay, prevDay, firstDayValue] = this.columns.build();
    return { size: customerId.length, customerId, orders, days, revenue, firstDay, lastDay, prevDay, firstDayValue };
  }
}

// Rows for COPY: the workspace, then the values `fill` puts from index 1.
function copyRows(types: readonly CopyType[], count: number, workspaceId: string, fill: (k: number, values: unknown[], at: number) => void): Iterable<Uint8Array> {
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

const copyTypes: Record<string, CopyType> = { 'bigint[]': 'int8', 'integer[]': 'int4', 'float8[]': 'float8', 'text[]': 'text' };

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
    const numbers = new GrowingColumns(3);
    const stage: string[] = [];
    const names = new Map<string, string>(); // one string per stage name, not one per row
    for (let after = -1; ; ) {
      const page = await this.database.arrays(
        sql`select customer_id, stage_since, digest, stage from customer_scores
            where workspace_id = ${workspaceId} and customer_id > ${after} order by customer_id limit ${idPage}`.compile(this.db),
      );
      for (const row of page) {
        numbers.add(row, Number.NaN);
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
   * scores. SQLite: multi-row statements of a fixed size (prepared once), a transaction per 20,000
   * rows so writers of other kinds are never held up long and the log is not synced a thousand
   * times. PostgreSQL: fresh rows by COPY, the others by one statement over arrays (`unnest`) per
   * 20,000 rows.
   */
  async writeScores(workspaceId: string, count: number, fill: (k: number, values: unknown[], at: number) => void, fresh: boolean): Promise<void> {
    const width = scoreRowColumns.length;
    if (fresh && this.database.copyFrom) {
      const types = scoreRowColumns.map((c) => copyTypes[pgArrayTypes[c]]);
      await this.database.copyFrom(`copy customer_scores (workspace_id, ${scoreRowColumns.join(', ')}) from stdin with (format binary)`, copyRows(types, count, workspaceId, fill));
      return;
    }
    if (this.database.caps.arrayParameters) {
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
          select ${workspaceId}, * from unnest(${sql.join(scoreRowColumns.map((c, i) => sql`${columns[i]}::${sql.raw(pgArrayTypes[c])}`))})
          on conflict (workspace_id, customer_id) do update set
            ${sql.join(scoreRowColumns.slice(1).map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}`.execute(this.db);
      }
      return;
    }
    const statement = (rows: number) =>
      `insert into customer_scores (workspace_id, ${scoreRowColumns.join(', ')}) values ${new Array(rows).fill(`(?, ${scoreRowColumns.map(() => '?').join(', ')})`).join(', ')}` +
      ` on conflict (workspace_id, customer_id) do update set ${scoreRowColumns.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`;
    const full = statement(sqliteRows);
    for (let start = 0; start < count; start += sqliteRows * 100) {
      const end = Math.min(count, start + sqliteRows * 100);
      await this.db.transaction().execute(async (trx) => {
        for (let k = start; k < end; k += sqliteRows) {
          const rows = Math.min(sqliteRows, end - k);
          const values: unknown[] = new Array(rows * (width + 1));
          for (let j = 0; j < rows; j++) {
            values[j * (width + 1)] = workspaceId;
            fill(k + j, values, j * (width + 1) + 1);
          }
          await trx.executeQuery(CompiledQuery.raw(rows === sqliteRows ? full : statement(rows), values));
        }
      });
    }
  }

  /** Removes the scores of customers (merged away or erased since they were scored). */
  async remove(workspaceId: string, customerIds: readonly number[]): Promise<void> {
    for (let i = 0; i < customerIds.length; i += writeBatch) {
      await this.db.deleteFrom('customer_scores').where('workspace_id', '=', workspaceId).where('customer_id', 'in', customerIds.slice(i, i + writeBatch)).execute();
    }
  }

  /** Records stage changes, given as columns. */
  async addTransitions(workspaceId: string, computedAt: number, t: StageChanges): Promise<void> {
    const count = t.customerId.length;
    if (this.database.copyFrom) {
      const fill = (k: number, values: unknown[], at: number) => {
        values[at] = t.customerId[k];
        values[at + 1] = t.from[k];
        values[at + 2] = t.to[k];
        values[at + 3] = t.day[k];
        values[at + 4] = t.fromDay[k];
        values[at + 5] = computedAt;
      };
      await this.database.copyFrom(
        'copy stage_transitions (workspace_id, customer_id, from_stage, to_stage, day, from_day, computed_at) from stdin with (format binary)',
        copyRows(['int8', 'text', 'text', 'int4', 'int4', 'int8'], count, workspaceId, fill),
      );
      return;
    }
    if (this.database.caps.arrayParameters) {
      for (let i = 0; i < count; i += arrayBatch) {
        const part = <T>(column: T[]) => column.slice(i, i + arrayBatch);
        await sql`
          insert into stage_transitions (workspace_id, customer_id, from_stage, to_stage, day, from_day, computed_at)
          select ${workspaceId}::text, *, ${computedAt}::bigint
          from unnest(${part(t.customerId)}::bigint[], ${part(t.from)}::text[], ${part(t.to)}::text[], ${part(t.day)}::integer[], ${part(t.fromDay)}::integer[])`.execute(this.db);
      }
      return;
    }
    const statement = (rows: number) => `insert into stage_transitions (workspace_id, customer_id, from_stage, to_stage, day, from_day, computed_at) values ${new Array(rows).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
    const full = statement(sqliteRows);
    for (let start = 0; start < count; start += sqliteRows * 100) {
      const end = Math.min(count, start + sqliteRows * 100);
      await this.db.transaction().execute(async (trx) => {
        for (let k = start; k < end; k += sqliteRows) {
          const rows = Math.min(sqliteRows, end - k);
          const values: unknown[] = [];
          for (let j = k; j < k + rows; j++) values.push(workspaceId, t.customerId[j], t.from[j], t.to[j], t.day[j], t.fromDay[j], computedAt);
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
