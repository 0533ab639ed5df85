import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { inIds } from '../../platform/db/id-list-sql.js';
import type { Database } from '../../platform/db/schema.js';
import type { TimeSource } from './rule-deps.js';
import { eventsTable } from './rule-sql-activity.js';
import { localDayNumber, localDayStart } from '../../platform/time.js';

// Reading who matches a rule: counts and samples for previews, every matching id for a rebuild,
// and the matching ones among a few customers after a write. The rule arrives as SQL made by
// rule-sql.ts over the aliases c (customers), s (customer_stats) and sc (customer_scores).

/** A member as a preview or member list shows it. */
export interface MemberRow {
  id: number;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  email: string | null;
  city: string | null;
  orders_count: number | null;
  revenue: number | null;
  last_order_at: number | null;
  rfm_segment: string | null;
  stage: string | null;
}

/**
 * The rows a rule reads, for the workspace's live customers. Every customer has a stats row (made
 * with the profile), so stats are an inner join and the planner may start from a stats index;
 * scores exist only after a computation.
 */
export function from(workspaceId: string): RawBuilder<unknown> {
  return sql`customers c
    join customer_stats s on s.workspace_id = c.workspace_id and s.customer_id = c.id
    left join customer_scores sc on sc.workspace_id = c.workspace_id and sc.customer_id = c.id
    where c.workspace_id = ${workspaceId} and c.merged_into is null and c.erased_at is null`;
}

/** The columns of a member row (MemberRow). */
export const memberColumns = sql`c.id, c.first_name, c.last_name, c.phone, c.email, c.city, s.orders_count, s.revenue, s.last_order_at, sc.rfm_segment, sc.stage`;

/** Rule queries of one workspace. */
export class SegmentQueryRepo {
  private readonly db: Kysely<Database>;

  constructor(private readonly database: Db) {
    this.db = database.kysely;
  }

  /** Every matching customer id, ascending (a rebuild; read as arrays, no object per row). */
  async matchingIds(workspaceId: string, rule: RawBuilder<boolean>): Promise<number[]> {
    const query = sql`select c.id from ${from(workspaceId)} and ${rule} order by c.id`.compile(this.db);
    const rows = await this.database.arrays(query);
    return rows.map((r) => Number(r[0]));
  }

  /** The ids among `ids` that match (`rule` should be made with the same ids, so its subqueries look only at them). */
  async matchingAmong(workspaceId: string, rule: RawBuilder<boolean>, ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const result = await sql<{ id: number }>`select c.id from ${from(workspaceId)} and ${inIds(this.database.caps, sql`c.id`, ids)} and ${rule}`.execute(this.db);
    return new Set(result.rows.map((r) => Number(r.id)));
  }

  /**
   * For several rules at once, the ids among `ids` each matches: one pass over the customers with a
   * column per rule (the rules should be made with the same ids).
   */
  async matchingManyAmong(workspaceId: string, rules: readonly RawBuilder<boolean>[], ids: readonly number[]): Promise<Set<number>[]> {
    const out = rules.map(() => new Set<number>());
    if (ids.length === 0 || rules.length === 0) return out;
    const columns = rules.map((rule, i) => sql`(${rule}) as ${sql.ref(`m${i}`)}`);
    const result = await sql<Record<string, unknown>>`select c.id, ${sql.join(columns)} from ${from(workspaceId)} and ${inIds(this.database.caps, sql`c.id`, ids)}`.execute(this.db);
    for (const row of result.rows) {
      const id = Number(row.id);
      rules.forEach((_, i) => {
        const v = row[`m${i}`];
        if (v === true || v === 1) out[i]?.add(id);
      });
    }
    return out;
  }

  /** The rows of a query made elsewhere (event-scans.ts), as arrays of values. */
  async rows(query: RawBuilder<unknown>): Promise<unknown[][]> {
    return this.database.arrays(query.compile(this.db));
  }

  /** Members as lists show them, by customer id, after `afterId`. */
  async members(workspaceId: string, segmentId: string, afterId: number | null, limit: number): Promise<MemberRow[]> {
    const after = afterId === null ? sql`` : sql`and c.id < ${afterId}`;
    const result = await sql<MemberRow>`select ${memberColumns} from ${from(workspaceId)}
      and c.id in (select m.customer_id from segment_members m where m.workspace_id = ${workspaceId} and m.segment_id = ${segmentId}) ${after}
      order by c.id desc limit ${limit}`.execute(this.db);
    return result.rows;
  }

  /**
   * Customers who crossed a threshold of a time source between t0 and t1: a value in
   * [t0 − offset, t1 − offset) for one of its offsets (each a range scan of an index).
   */
  async crossing(workspaceId: string, source: Exclude<TimeSource, { on: 'daily' }>, t0: number, t1: number, timezone: string): Promise<number[]> {
    const ids = new Set<number>();
    if (source.on === 'daysSinceLastOrder') {
      const d0 = localDayNumber(t0, timezone);
      const d1 = localDayNumber(t1, timezone);
      if (d1 === d0) return [];
      for (const k of source.days) {
        const lo = localDayStart(d0 - k + 1, timezone);
        const hi = localDayStart(d1 - k + 1, timezone);
        const result = await sql<{ id: number }>`select customer_id as id from customer_stats where workspace_id = ${workspaceId}
          and last_order_at >= ${lo} and last_order_at < ${hi}`.execute(this.db);
        for (const r of result.rows) ids.add(Number(r.id));
      }
      return [...ids];
    }
    for (const offset of source.offsets) {
      const lo = t0 - offset;
      const hi = t1 - offset;
      let query;
      switch (source.on) {
        case 'stats':
          query = sql<{ id: number }>`select customer_id as id from customer_stats where workspace_id = ${workspaceId}
            and ${sql.ref(source.column)} >= ${lo} and ${sql.ref(source.column)} < ${hi}`;
          break;
        case 'created':
          query = sql<{ id: number }>`select id from customers where workspace_id = ${workspaceId} and created_at >= ${lo} and created_at < ${hi}`;
          break;
        case 'events': {
          const names = source.names === null ? sql`` : sql`and e.name in (${sql.join(source.names)})`;
          query = sql<{ id: number }>`select distinct e.customer_id as id from ${eventsTable(this.database, 'name')} where e.workspace_id = ${workspaceId} and e.type = ${source.type} ${names}
            and e.timestamp >= ${lo} and e.timestamp < ${hi}`;
          break;
        }
        case 'orders':
          query = sql<{ id: number }>`select distinct customer_id as id from orders where workspace_id = ${workspaceId} and ordered_at >= ${lo} and ordered_at < ${hi}`;
          break;
      }
      const result = await query.execute(this.db);
      for (const r of result.rows) ids.add(Number(r.id));
    }
    return [...ids];
  }

  /** Members' composition: counts by a column (a key of null: none), the most frequent first. */
  async membersBy(workspaceId: string, segmentId: string, column: 'rfm_segment' | 'stage' | 'city', limit: number): Promise<{ key: string | null; count: number }[]> {
    const join = column === 'city'
      ? sql`join customers x on x.workspace_id = m.workspace_id and x.id = m.customer_id`
      : sql`left join customer_scores x on x.workspace_id = m.workspace_id and x.customer_id = m.customer_id`;
    const result = await sql<{ key: string | null; n: number }>`select x.${sql.raw(column)} as key, count(*) as n from segment_members m ${join}
      where m.workspace_id = ${workspaceId} and m.segment_id = ${segmentId} group by x.${sql.raw(column)} order by n desc, key limit ${limit}`.execute(this.db);
    return result.rows.map((r) => ({ key: r.key, count: Number(r.n) }));
  }

  /** Members with consent granted, per channel. */
  async membersConsenting(workspaceId: string, segmentId: string): Promise<{ channel: string; granted: number }[]> {
    const result = await sql<{ channel: string; n: number }>`select k.channel, count(*) as n from segment_members m
      join customer_consents k on k.workspace_id = m.workspace_id and k.customer_id = m.customer_id and k.status = 'granted'
      where m.workspace_id = ${workspaceId} and m.segment_id = ${segmentId} group by k.channel`.execute(this.db);
    return result.rows.map((r) => ({ channel: r.channel, granted: Number(r.n) }));
  }

  /** Members' revenue and mean predicted CLV, with the workspace's revenue. */
  async membersValue(workspaceId: string, segmentId: string): Promise<{ revenue: number; totalRevenue: number; avgClv: number | null }> {
    const mine = await sql<{ revenue: number | null; clv: number | null }>`select sum(s.revenue) as revenue, avg(sc.predicted_clv) as clv from segment_members m
      left join customer_stats s on s.workspace_id = m.workspace_id and s.customer_id = m.customer_id
      left join customer_scores sc on sc.workspace_id = m.workspace_id and sc.customer_id = m.customer_id
      where m.workspace_id = ${workspaceId} and m.segment_id = ${segmentId}`.execute(this.db);
    const all = await sql<{ revenue: number | null }>`select sum(s.revenue) as revenue from ${from(workspaceId)}`.execute(this.db);
    const m = mine.rows[0];
    return { revenue: Number(m?.revenue ?? 0), totalRevenue: Number(all.rows[0]?.revenue ?? 0), avgClv: m?.clv === null || m?.clv === undefined ? null : Math.round(Number(m.clv)) };
  }
}
