import { DuckDBDataChunk, DuckDBInstance, INTEGER } from '@duckdb/node-api';
import { purchaseStatuses } from '../src/common/purchase-statuses.js';
import { type RfmSegmentRules, rfmSegments } from '../src/modules/analytics/rfm/rfm.js';
import { type Shop, shopStatuses } from './analytics-data.js';

// The yardstick of the analytics benchmark: the same RFM as the product's (docs/analytics.md),
// computed by DuckDB in memory from the same purchases. Loading is not timed; the query is, with
// every customer's scores read back into JavaScript.

/** Per-customer RFM scores, in the order DuckDB returned them. */
export interface RfmColumns {
  customerId: Int32Array;
  r: Int8Array;
  f: Int8Array;
  m: Int8Array;
  /** Index into rfmSegments. */
  segment: Int8Array;
}

/** What the yardstick measured. */
export interface YardstickResult {
  /** Purchases loaded into DuckDB. */
  rows: number;
  loadMs: number;
  /** Each run: the query and reading every customer's scores into JavaScript. */
  runsMs: number[];
  bestMs: number;
  /** The same query into a table inside DuckDB, nothing returned: best run. */
  inEngineBestMs: number;
  scores: RfmColumns;
}

// The product's quintiles with ties kept together: 1 + ⌊5 · (customers with a worse value) / customers⌋,
// the customers with a worse value being those ranked before under RANK(); the segment rules of rfmSegmentOf.
const rfmSql = (asOfDay: number, rules: RfmSegmentRules) => `
  with c as (
    select customer_id, ${asOfDay} - max(order_day) as recency, ${asOfDay} - min(order_day) as tenure, count(distinct order_day) as frequency, sum(value) as monetary
    from purchases where order_day <= ${asOfDay}
    group by customer_id
  ),
  s as (
    select customer_id, recency, tenure, frequency,
           cast(1 + (5 * (rank() over (order by recency desc) - 1)) // count(*) over () as integer) as r,
           cast(1 + (5 * (rank() over (order by frequency) - 1)) // count(*) over () as integer) as f,
           cast(1 + (5 * (rank() over (order by monetary) - 1)) // count(*) over () as integer) as m
    from c
  )
  select customer_id, r, f, m,
         case when recency > ${rules.churnDays} then (case when frequency >= ${rules.loyalPurchases} then 'churnedLoyal' else 'sleeping' end)
              when r >= 4 and f >= 4 and m >= 4 then 'vip'
              when frequency >= ${rules.loyalPurchases} and r >= 3 then 'loyal'
              when r >= 4 then (case when frequency = 1 and tenure = recency then 'new' else 'promising' end)
              else 'needsAttention' end as segment
  from s`;

/** The churn window and loyalty rule the yardstick's segments use. */
export const yardstickRules: RfmSegmentRules = { churnDays: 180, loyalPurchases: 3 };

/** Loads the shop's purchases into an in-memory DuckDB and times its RFM as of a local day, best of `runs`. */
export async function duckdbRfm(shop: Shop, firstCustomerId: number, asOfDay: number, runs = 3, rules: RfmSegmentRules = yardstickRules): Promise<YardstickResult> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const loadStarted = performance.now();
    const rows = await loadPurchases(connection, shop, firstCustomerId);
    const loadMs = performance.now() - loadStarted;
    const runsMs: number[] = [];
    let scores: RfmColumns | null = null;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const reader = await connection.runAndReadAll(rfmSql(asOfDay, rules));
      scores = toColumns(reader.getColumns());
      runsMs.push(performance.now() - t);
    }
    let inEngineBestMs = Infinity;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await connection.run(`create or replace temp table rfm_scores as ${rfmSql(asOfDay, rules)}`);
      inEngineBestMs = Math.min(inEngineBestMs, performance.now() - t);
    }
    if (!scores) throw new Error('no DuckDB run');
    return { rows, loadMs, runsMs, bestMs: Math.min(...runsMs), inEngineBestMs, scores };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

type Connection = Awaited<ReturnType<DuckDBInstance['connect']>>;

// Purchases only (completed, partly refunded), net of refunds, appended in chunks of 2,048 rows.
async function loadPurchases(connection: Connection, shop: Shop, firstCustomerId: number): Promise<number> {
  await connection.run('create table purchases (customer_id integer, order_day integer, value integer)');
  const counted = new Uint8Array(shopStatuses.length);
  shopStatuses.forEach((s, i) => (counted[i] = purchaseStatuses.includes(s) ? 1 : 0));
  const appender = await connection.createAppender('purchases');
  const size = 2048;
  const columns = [new Array<number>(size), new Array<number>(size), new Array<number>(size)];
  let filled = 0;
  let rows = 0;
  const flush = () => {
    const chunk = DuckDBDataChunk.create([INTEGER, INTEGER, INTEGER], filled);
    chunk.setColumns(columns.map((c) => c.slice(0, filled)));
    appender.appendDataChunk(chunk);
    rows += filled;
    filled = 0;
  };
  for (let k = 0; k < shop.customer.length; k++) {
    if (counted[shop.status[k]] === 0) continue;
    columns[0][filled] = firstCustomerId + shop.customer[k];
    columns[1][filled] = shop.orderDay[k];
    columns[2][filled] = shop.total[k] - shop.refunded[k];
    if (++filled === size) flush();
  }
  if (filled > 0) flush();
  appender.closeSync();
  return rows;
}

function toColumns(columns: unknown[][]): RfmColumns {
  const [ids = [], r = [], f = [], m = [], segment = []] = columns;
  const n = ids.length;
  const out: RfmColumns = { customerId: new Int32Array(n), r: new Int8Array(n), f: new Int8Array(n), m: new Int8Array(n), segment: new Int8Array(n) };
  const segmentIndex = new Map<unknown, number>(rfmSegments.map((s, i) => [s, i]));
  for (let i = 0; i < n; i++) {
    out.customerId[i] = Number(ids[i]);
    out.r[i] = Number(r[i]);
    out.f[i] = Number(f[i]);
    out.m[i] = Number(m[i]);
    out.segment[i] = segmentIndex.get(segment[i]) ?? -1;
  }
  return out;
}

/** Customers per R×F cell (`cells[(r - 1) * 5 + (f - 1)]`), to compare with the product's heatmap. */
export function rfCells(scores: RfmColumns): number[] {
  const cells = new Array<number>(25).fill(0);
  for (let i = 0; i < scores.r.length; i++) cells[(scores.r[i] - 1) * 5 + (scores.f[i] - 1)]++;
  return cells;
}
