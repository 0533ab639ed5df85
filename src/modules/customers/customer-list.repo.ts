import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { SearchPlan } from './customer-search.js';

// The customer list at any size. Every page is a keyset range over one index, so page 5,000 costs
// what page 1 costs: sorting by a stat walks customer_stats' (workspace_id, <stat>, customer_id)
// index, sorting by creation or name walks customers' own indexes, and a search first collects the
// (few) matching ids through indexed lookups, then sorts only those.

/** Columns the list sorts by. */
export type ListSortColumn = 'created_at' | 'search_name' | 'revenue' | 'orders_count' | 'avg_check' | 'last_order_at';

/** Filters of the list; money in minor units, times in epoch ms (`lastOrderTo` exclusive). */
export interface ListFilter {
  minOrders?: number;
  maxOrders?: number;
  minRevenue?: number;
  maxRevenue?: number;
  lastOrderFrom?: number;
  lastOrderTo?: number;
  /** The start of a city's search key (cityKey: lower-cased, ё as е). */
  cityPrefix?: string;
  managerId?: string;
  hasEmail?: boolean;
  hasPhone?: boolean;
  /** Stored scores (customer_scores): any of these RFM segments, lifecycle stages, ABC/XYZ cells ("AX"). */
  rfmSegments?: string[];
  stages?: string[];
  abcXyz?: string[];
  rfmR?: number;
  rfmF?: number;
  minPAlive?: number;
  maxPAlive?: number;
  /** Minor units. */
  minPredictedClv?: number;
  /** Members of this saved segment (segment_members, kept by the segments module). */
  segmentId?: string;
}

/** Where a page starts: after the row with this sort value (null: a row without one) and id. */
export interface ListKeyset {
  value: number | string | null;
  id: number;
}

/** One page request. */
export interface ListPageQuery {
  workspaceId: string;
  search: SearchPlan | null;
  filter: ListFilter;
  sort: { column: ListSortColumn; desc: boolean };
  after: ListKeyset | null;
  limit: number;
}

/** A list row: the profile's headline fields and its stats, plus the value it was sorted by. */
export interface CustomerListRow {
  id: number;
  first_name: string | null;
  last_name: string | null;
  middle_name: string | null;
  phone: string | null;
  email: string | null;
  city: string | null;
  manager_user_id: string | null;
  created_at: number;
  orders_count: number;
  revenue: number;
  avg_check: number;
  first_order_at: number | null;
  last_order_at: number | null;
  last_activity_at: number | null;
  rfm_segment: string | null;
  stage: string | null;
  abc: string | null;
  xyz: string | null;
  p_alive: number | null;
  predicted_clv: number | null;
  sort_value: number | string | null;
}

const sortColumns: Record<ListSortColumn, { ref: string; nullable: boolean; stats: boolean }> = {
  created_at: { ref: 'c.created_at', nullable: false, stats: false },
  search_name: { ref: 'c.search_name', nullable: true, stats: false },
  revenue: { ref: 's.revenue', nullable: false, stats: true },
  orders_count: { ref: 's.orders_count', nullable: false, stats: true },
  avg_check: { ref: 's.avg_check', nullable: false, stats: true },
  last_order_at: { ref: 's.last_order_at', nullable: true, stats: true },
};

/** SQL of the customer list. */
export class CustomerListRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * A page of live customers (not merged away, not erased) in sort order, ids breaking ties.
   * Rows without a sort value (no orders yet, no name) come after all others in both directions;
   * they are read as a second keyset range, which keeps both engines on their indexes.
   */
  async page(query: ListPageQuery): Promise<CustomerListRow[]> {
    const column = sortColumns[query.sort.column];
    const after = query.after;
    const rows: CustomerListRow[] = [];
    if (!after || after.value !== null) {
      rows.push(...(await this.range(query, 'values', after)));
    }
    if (column.nullable && rows.length < query.limit && !this.excludesNulls(query)) {
      const nullAfter = after && after.value === null ? after : null;
      rows.push(...(await this.range({ ...query, limit: query.limit - rows.length }, 'nulls', nullAfter)));
    }
    return rows;
  }

  /** How many live customers match the search and filters (a full count: slower on big lists). */
  async count(workspaceId: string, search: SearchPlan | null, filter: ListFilter): Promise<number> {
    const { from, where } = this.base({ workspaceId, search, filter, sort: { column: 'created_at', desc: true }, after: null, limit: 0 }, filtersScores(filter));
    const result = await sql<{ n: number }>`select count(*) as n from ${from} where ${sql.join(where, sql` and `)}`.execute(this.db);
    return Number(result.rows[0]?.n ?? 0);
  }

  private async range(query: ListPageQuery, phase: 'values' | 'nulls', after: ListKeyset | null): Promise<CustomerListRow[]> {
    const column = sortColumns[query.sort.column];
    const sortRef = sql.ref(column.ref);
    const { from, where, idRef } = this.base(query, true);
    const dir = query.sort.desc ? sql`desc` : sql`asc`;
    const beyond = query.sort.desc ? sql`<` : sql`>`;
    if (phase === 'values' && column.nullable) where.push(sql`${sortRef} is not null`);
    if (phase === 'nulls') where.push(sql`${sortRef} is null`);
    if (after && phase === 'values') where.push(sql`(${sortRef}, ${idRef}) ${beyond} (${after.value}, ${after.id})`);
    if (after && phase === 'nulls') where.push(sql`${idRef} ${beyond} ${after.id}`);
    const result = await sql<CustomerListRow>`
      select c.id, c.first_name, c.last_name, c.middle_name, c.phone, c.email, c.city, c.manager_user_id, c.created_at,
             s.orders_count, s.revenue, s.avg_check, s.first_order_at, s.last_order_at, s.last_activity_at,
             sc.rfm_segment, sc.stage, sc.abc, sc.xyz, sc.p_alive, sc.predicted_clv,
             ${sortRef} as sort_value
      from ${from}
      where ${sql.join(where, sql` and `)}
      order by ${sortRef} ${dir}, ${idRef} ${dir}
      limit ${query.limit}`.execute(this.db);
    return result.rows;
  }

  // The table the query is driven from (with the stored scores joined when asked) and the conditions every phase shares.
  private base(query: ListPageQuery, withScores: boolean): { from: RawBuilder<unknown>; where: RawBuilder<unknown>[]; idRef: RawBuilder<unknown> } {
    const ws = query.workspaceId;
    const column = sortColumns[query.sort.column];
    let from: RawBuilder<unknown>;
    let idRef: RawBuilder<unknown>;
    const where: RawBuilder<unknown>[] = [sql`c.merged_into is null`, sql`c.erased_at is null`];
    if (query.search) {
      from = sql`(${matchingIds(ws, query.search)}) m cross join customers c cross join customer_stats s`;
      where.unshift(sql`c.workspace_id = ${ws}`, sql`c.id = m.id`);
      idRef = sql.ref('c.id');
    } else if (column.stats) {
      from = sql`customer_stats s cross join customers c`;
      where.unshift(sql`s.workspace_id = ${ws}`, sql`c.workspace_id = s.workspace_id`, sql`c.id = s.customer_id`);
      idRef = sql.ref('s.customer_id');
    } else {
      from = sql`customers c cross join customer_stats s`;
      where.unshift(sql`c.workspace_id = ${ws}`);
      idRef = sql.ref('c.id');
    }
    // SQLite takes "cross join" as "this table first" (PostgreSQL reorders as it likes): the driving
    // table is the one whose index yields the sort order, however the statistics look.
    if (!column.stats || query.search) where.push(sql`s.workspace_id = c.workspace_id`, sql`s.customer_id = c.id`);
    if (withScores) from = sql`${from} left join customer_scores sc on sc.workspace_id = c.workspace_id and sc.customer_id = c.id`;
    where.push(...filterConditions(query.filter));
    return { from, where, idRef };
  }

  // A filter that needs a sort value (a last-order range, a name search) leaves no row without one.
  private excludesNulls(query: ListPageQuery): boolean {
    if (query.sort.column === 'last_order_at') return query.filter.lastOrderFrom !== undefined || query.filter.lastOrderTo !== undefined;
    if (query.sort.column === 'search_name') return query.search !== null && query.search.names.length > 0 && query.search.exact.length === 0 && query.search.prefixes.length === 0;
    return false;
  }
}

function filterConditions(f: ListFilter): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (f.minOrders !== undefined) out.push(sql`s.orders_count >= ${f.minOrders}`);
  if (f.maxOrders !== undefined) out.push(sql`s.orders_count <= ${f.maxOrders}`);
  if (f.minRevenue !== undefined) out.push(sql`s.revenue >= ${f.minRevenue}`);
  if (f.maxRevenue !== undefined) out.push(sql`s.revenue <= ${f.maxRevenue}`);
  if (f.lastOrderFrom !== undefined) out.push(sql`s.last_order_at >= ${f.lastOrderFrom}`);
  if (f.lastOrderTo !== undefined) out.push(sql`s.last_order_at < ${f.lastOrderTo}`);
  if (f.cityPrefix !== undefined) out.push(prefixMatch(sql.ref('c.city_key'), f.cityPrefix));
  if (f.managerId !== undefined) out.push(sql`c.manager_user_id = ${f.managerId}`);
  if (f.hasEmail !== undefined) out.push(f.hasEmail ? sql`c.email is not null` : sql`c.email is null`);
  if (f.hasPhone !== undefined) out.push(f.hasPhone ? sql`c.phone is not null` : sql`c.phone is null`);
  if (f.rfmSegments?.length) out.push(sql`sc.rfm_segment in (${sql.join(f.rfmSegments)})`);
  if (f.stages?.length) out.push(sql`sc.stage in (${sql.join(f.stages)})`);
  if (f.abcXyz?.length) out.push(sql`(${sql.join(f.abcXyz.map((cell) => sql`(sc.abc = ${cell[0]} and sc.xyz = ${cell[1]})`), sql` or `)})`);
  if (f.rfmR !== undefined) out.push(sql`sc.rfm_r = ${f.rfmR}`);
  if (f.rfmF !== undefined) out.push(sql`sc.rfm_f = ${f.rfmF}`);
  if (f.minPAlive !== undefined) out.push(sql`sc.p_alive >= ${f.minPAlive}`);
  if (f.maxPAlive !== undefined) out.push(sql`sc.p_alive <= ${f.maxPAlive}`);
  if (f.minPredictedClv !== undefined) out.push(sql`sc.predicted_clv >= ${f.minPredictedClv}`);
  if (f.segmentId !== undefined) out.push(sql`c.id in (select m.customer_id from segment_members m where m.workspace_id = c.workspace_id and m.segment_id = ${f.segmentId})`);
  return out;
}

// Whether a filter reads the stored scores.
function filtersScores(f: ListFilter): boolean {
  return Boolean(f.rfmSegments?.length || f.stages?.length || f.abcXyz?.length) ||
    [f.rfmR, f.rfmF, f.minPAlive, f.maxPAlive, f.minPredictedClv].some((v) => v !== undefined);
}

// Ids of the customers a search names: one indexed lookup per reading of the search string.
function matchingIds(ws: string, plan: SearchPlan): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  for (const id of plan.exact) {
    parts.push(sql`select customer_id as id from customer_identifiers where workspace_id = ${ws} and kind = ${id.kind} and value = ${id.value}`);
  }
  for (const p of plan.prefixes) {
    parts.push(sql`select customer_id as id from customer_identifiers
      where workspace_id = ${ws} and kind = ${p.kind} and ${prefixMatch(sql.ref('value'), p.prefix)}`);
  }
  for (const name of plan.names) {
    parts.push(sql`select id from customers where workspace_id = ${ws} and ${prefixMatch(sql.ref('search_name'), name)}`);
  }
  // An empty plan matches nobody (a query needs at least one branch).
  if (parts.length === 0) parts.push(sql`select customer_id as id from customer_identifiers where 1 = 0`);
  return sql.join(parts, sql` union `);
}

// "starts with": the range bounds let both engines seek the index (SQLite's LIKE cannot, and
// PostgreSQL's only with pattern operator classes); the LIKE keeps the answer exact whatever the collation.
function prefixMatch(column: RawBuilder<unknown>, prefix: string): RawBuilder<unknown> {
  const chars = Array.from(prefix);
  const last = chars.pop() ?? '';
  const upper = chars.join('') + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${column} >= ${prefix} and ${column} < ${upper} and ${column} like ${pattern} escape '\\'`;
}
