import { type Insertable, type Kysely, type Selectable, type Updateable, sql } from 'kysely';
import type { Capabilities } from '../../platform/db/capabilities.js';
import { inIds } from '../../platform/db/id-list-sql.js';
import type { Database, SegmentsTable } from '../../platform/db/schema.js';

// Saved segments, their members, the history of entries and exits, and daily sizes. Membership is
// only ever changed by applyChanges, whose inserts and deletes report what they actually did
// (RETURNING), so two writers that race over one customer record one entry, never two.

/** A stored segment row. */
export type SegmentRow = Selectable<SegmentsTable>;

/** An entry or exit as the history lists it. */
export interface ChangeRow {
  id: number;
  customer_id: number;
  entered: number;
  at: number;
}

// Rows per statement: well under both engines' parameter limits.
const chunk = 500;

/** SQL of segments and their membership. */
export class SegmentsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores a new segment. */
  async insert(row: Insertable<SegmentsTable>): Promise<void> {
    await this.db.insertInto('segments').values(row).execute();
  }

  /** Changes a segment's stored fields. */
  async update(workspaceId: string, id: string, patch: Omit<Updateable<SegmentsTable>, 'id' | 'workspace_id'>): Promise<void> {
    await this.db.updateTable('segments').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  }

  /** Deletes a segment with its members, history and sizes. */
  async delete(workspaceId: string, id: string): Promise<void> {
    await this.db.deleteFrom('segment_members').where('workspace_id', '=', workspaceId).where('segment_id', '=', id).execute();
    await this.db.deleteFrom('segment_changes').where('workspace_id', '=', workspaceId).where('segment_id', '=', id).execute();
    await this.db.deleteFrom('segment_sizes').where('segment_id', '=', id).execute();
    await this.db.deleteFrom('segments').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  }

  /** A segment of the workspace. */
  async get(workspaceId: string, id: string): Promise<SegmentRow | undefined> {
    return this.db.selectFrom('segments').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  }

  /** Every segment of the workspace, by name. */
  async list(workspaceId: string): Promise<SegmentRow[]> {
    return this.db.selectFrom('segments').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute();
  }

  /** Workspaces with dynamic segments. */
  async workspacesWithRules(): Promise<string[]> {
    const rows = await this.db.selectFrom('segments').select('workspace_id').where('kind', '=', 'dynamic').distinct().execute();
    return rows.map((r) => r.workspace_id);
  }

  /** Every member id of a segment, ascending. */
  async memberIds(workspaceId: string, segmentId: string): Promise<number[]> {
    const rows = await this.db.selectFrom('segment_members').select('customer_id').where('workspace_id', '=', workspaceId)
      .where('segment_id', '=', segmentId).orderBy('customer_id').execute();
    return rows.map((r) => Number(r.customer_id));
  }

  /** The ids among `ids` that are members. */
  async membersAmong(workspaceId: string, segmentId: string, ids: readonly number[]): Promise<Set<number>> {
    const found = new Set<number>();
    for (let i = 0; i < ids.length; i += chunk) {
      const rows = await this.db.selectFrom('segment_members').select('customer_id').where('workspace_id', '=', workspaceId)
        .where('segment_id', '=', segmentId).where('customer_id', 'in', ids.slice(i, i + chunk)).execute();
      for (const r of rows) found.add(Number(r.customer_id));
    }
    return found;
  }

  /**
   * Of `ids`, who is in which segment or list (every membership they have, read by customer in one
   * statement with the ids bound as one value).
   */
  async membershipsOf(caps: Capabilities, workspaceId: string, ids: readonly number[]): Promise<Map<string, Set<number>>> {
    const out = new Map<string, Set<number>>();
    if (ids.length === 0) return out;
    const result = await sql<{ segment_id: string; customer_id: number }>`select segment_id, customer_id from segment_members
      where workspace_id = ${workspaceId} and ${inIds(caps, sql`customer_id`, ids)}`.execute(this.db);
    for (const r of result.rows) {
      let set = out.get(r.segment_id);
      if (!set) out.set(r.segment_id, (set = new Set()));
      set.add(Number(r.customer_id));
    }
    return out;
  }

  /**
   * Adds and removes members, records each entry and exit that actually happened, and keeps the
   * member count and today's size; returns the ids that entered and exited. Call inside a transaction.
   */
  async applyChanges(workspaceId: string, segmentId: string, enterIds: readonly number[], exitIds: readonly number[], now: number, day: number): Promise<{ entered: number[]; exited: number[] }> {
    // In ascending order, so writers that meet over the same rows lock them in the same order.
    const enter = [...enterIds].sort((a, b) => a - b);
    const exit = [...exitIds].sort((a, b) => a - b);
    const entered: number[] = [];
    const exited: number[] = [];
    for (let i = 0; i < enter.length; i += chunk) {
      const rows = enter.slice(i, i + chunk).map((customer_id) => ({ workspace_id: workspaceId, segment_id: segmentId, customer_id, since: now }));
      const done = await this.db.insertInto('segment_members').values(rows).onConflict((oc) => oc.doNothing()).returning('customer_id').execute();
      entered.push(...done.map((r) => Number(r.customer_id)));
    }
    for (let i = 0; i < exit.length; i += chunk) {
      const done = await this.db.deleteFrom('segment_members').where('workspace_id', '=', workspaceId).where('segment_id', '=', segmentId)
        .where('customer_id', 'in', exit.slice(i, i + chunk)).returning('customer_id').execute();
      exited.push(...done.map((r) => Number(r.customer_id)));
    }
    const changes = [...entered.map((id) => [id, 1] as const), ...exited.map((id) => [id, 0] as const)];
    for (let i = 0; i < changes.length; i += chunk) {
      await this.db.insertInto('segment_changes')
        .values(changes.slice(i, i + chunk).map(([customer_id, e]) => ({ workspace_id: workspaceId, segment_id: segmentId, customer_id, entered: e, at: now })))
        .execute();
    }
    if (changes.length > 0) {
      const delta = entered.length - exited.length;
      await this.db.updateTable('segments').set({ member_count: sql`member_count + ${delta}`, updated_at: sql`updated_at` })
        .where('workspace_id', '=', workspaceId).where('id', '=', segmentId).execute();
      await sql`insert into segment_sizes (segment_id, day, size)
        select id, ${day}, member_count from segments where workspace_id = ${workspaceId} and id = ${segmentId}
        on conflict (segment_id, day) do update set size = excluded.size`.execute(this.db);
    }
    return { entered, exited };
  }

  /** The member count as stored now. */
  async memberCount(workspaceId: string, segmentId: string): Promise<number> {
    const row = await this.db.selectFrom('segments').select('member_count').where('workspace_id', '=', workspaceId).where('id', '=', segmentId).executeTakeFirst();
    return Number(row?.member_count ?? 0);
  }

  /** Entries and exits of a segment, newest first, before the change `beforeId`. */
  async history(workspaceId: string, segmentId: string, beforeId: number | null, limit: number): Promise<ChangeRow[]> {
    let q = this.db.selectFrom('segment_changes').select(['id', 'customer_id', 'entered', 'at']).where('workspace_id', '=', workspaceId).where('segment_id', '=', segmentId);
    if (beforeId !== null) q = q.where('id', '<', beforeId);
    return q.orderBy('id', 'desc').limit(limit).execute();
  }

  /** Sizes at the end of the days the segment changed, from `fromDay`. */
  async sizes(segmentId: string, fromDay: number): Promise<{ day: number; size: number }[]> {
    const rows = await this.db.selectFrom('segment_sizes').select(['day', 'size']).where('segment_id', '=', segmentId).where('day', '>=', fromDay).orderBy('day').execute();
    return rows.map((r) => ({ day: Number(r.day), size: Number(r.size) }));
  }

  /** The size at the end of the last day before `day` the segment changed (0 when none). */
  async sizeBefore(segmentId: string, day: number): Promise<number> {
    const row = await this.db.selectFrom('segment_sizes').select('size').where('segment_id', '=', segmentId).where('day', '<', day).orderBy('day', 'desc').limit(1).executeTakeFirst();
    return Number(row?.size ?? 0);
  }

  /** The segments a customer is in, with since when. */
  async segmentsOf(workspaceId: string, customerId: number): Promise<{ id: string; name: string; kind: string; since: number }[]> {
    return this.db.selectFrom('segment_members as m').innerJoin('segments as g', (j) => j.onRef('g.id', '=', 'm.segment_id').onRef('g.workspace_id', '=', 'm.workspace_id'))
      .select(['g.id', 'g.name', 'g.kind', 'm.since']).where('m.workspace_id', '=', workspaceId).where('m.customer_id', '=', customerId).orderBy('g.name').execute();
  }

  /** The ids among `ids` of the workspace's customers that are neither merged nor erased. */
  async liveCustomers(workspaceId: string, ids: readonly number[]): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < ids.length; i += chunk) {
      const rows = await this.db.selectFrom('customers').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', ids.slice(i, i + chunk))
        .where('merged_into', 'is', null).where('erased_at', 'is', null).execute();
      out.push(...rows.map((r) => Number(r.id)));
    }
    return out;
  }

  /** Of `ids`, those merged into another customer (with the survivor) or erased. */
  async goneCustomers(caps: Capabilities, workspaceId: string, ids: readonly number[]): Promise<{ id: number; survivor: number | null }[]> {
    if (ids.length === 0) return [];
    const result = await sql<{ id: number; merged_into: number | null; erased_at: number | null }>`select id, merged_into, erased_at from customers
      where workspace_id = ${workspaceId} and ${inIds(caps, sql`id`, ids)} and (merged_into is not null or erased_at is not null)`.execute(this.db);
    return result.rows.map((r) => ({ id: Number(r.id), survivor: r.erased_at === null && r.merged_into !== null ? Number(r.merged_into) : null }));
  }
}
