import type { Kysely } from 'kysely';
import { readJson } from '../../platform/db/normalize.js';
import type { Database } from '../../platform/db/schema.js';

// A customer's history: orders and events, read newest first a page at a time for the timeline
// (each through its (workspace_id, customer_id, time) index) and whole for a data export.

/** A position in one history stream: rows strictly before (newer-first order) this time and id. */
export interface HistoryKeyset {
  at: number;
  id: number;
}

/** Time range of a history read: `from` inclusive, `to` exclusive, epoch ms. */
export interface HistoryRange {
  from?: number;
  to?: number;
}

/** An order as the timeline shows it. */
export interface TimelineOrderRow {
  id: number;
  external_id: string;
  status: string;
  total: number;
  refunded: number;
  currency: string;
  channel: string;
  store_id: string | null;
  ordered_at: number;
  items_count: number;
}

/** An event with its JSON columns parsed. */
export interface EventRow {
  id: number;
  type: string;
  name: string | null;
  message_id: string;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
  timestamp: number;
  received_at: number;
}

/** SQL for a customer's orders and events as history. */

export class TimelineRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** A customer's orders, newest first, before a keyset. */
  async orders(workspaceId: string, customerId: number, range: HistoryRange, before: HistoryKeyset | null, limit: number): Promise<TimelineOrderRow[]> {
    let q = this.db
      .selectFrom('orders as o')
      .select(['o.id', 'o.external_id', 'o.status', 'o.total', 'o.refunded', 'o.currency', 'o.channel', 'o.store_id', 'o.ordered_at'])
      .select((eb) =>
        eb.selectFrom('order_items as i').select((e) => e.fn.countAll<number>().as('n')).whereRef('i.order_id', '=', 'o.id').as('items_count'),
      )
      .where('o.workspace_id', '=', workspaceId)
      .where('o.customer_id', '=', customerId);
    if (range.from !== undefined) q = q.where('o.ordered_at', '>=', range.from);
    if (range.to !== undefined) q = q.where('o.ordered_at', '<', range.to);
    if (before) q = q.where((eb) => eb(eb.refTuple('o.ordered_at', 'o.id'), '<', eb.tuple(before.at, before.id)));
    const rows = await q.orderBy('o.ordered_at', 'desc').orderBy('o.id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ ...r, items_count: Number(r.items_count ?? 0) }));
  }

  /** A customer's events, newest first, before a keyset; optionally only some types or one event name. */
  async events(
    workspaceId: string,
    customerId: number,
    filter: HistoryRange & { types?: string[]; name?: string },
    before: HistoryKeyset | null,
    limit: number,
  ): Promise<EventRow[]> {
    let q = this.db
      .selectFrom('events')
      .select(['id', 'type', 'name', 'message_id', 'properties', 'context', 'timestamp', 'received_at'])
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId);
    if (filter.types) q = q.where('type', 'in', filter.types);
    if (filter.name !== undefined) q = q.where('name', '=', filter.name);
    if (filter.from !== undefined) q = q.where('timestamp', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('timestamp', '<', filter.to);
    if (before) q = q.where((eb) => eb(eb.refTuple('timestamp', 'id'), '<', eb.tuple(before.at, before.id)));
    const rows = await q.orderBy('timestamp', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ ...r, properties: readJson(r.properties, {}), context: readJson(r.context, {}) }));
  }

  /** A customer's events, oldest first, after a keyset (for exports read in pages). */
  async eventsAfter(workspaceId: string, customerId: number, after: HistoryKeyset | null, limit: number): Promise<EventRow[]> {
    let q = this.db
      .selectFrom('events')
      .select(['id', 'type', 'name', 'message_id', 'properties', 'context', 'timestamp', 'received_at'])
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId);
    if (after) q = q.where((eb) => eb(eb.refTuple('timestamp', 'id'), '>', eb.tuple(after.at, after.id)));
    const rows = await q.orderBy('timestamp').orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ ...r, properties: readJson(r.properties, {}), context: readJson(r.context, {}) }));
  }
}
