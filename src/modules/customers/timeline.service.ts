import type { Db } from '../../platform/db/database.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';
import { contextSummary, type ContextSummary } from '../ingest/segment-message.js';
import type { CustomersService } from './customers.service.js';
import type { timelineTypes } from './customers.schemas.js';
import { badCursor, decodeCursor, encodeCursor } from './cursor.js';
import { boundInstant } from '../../common/time-bounds.js';
import { type EventRow, type HistoryKeyset, TimelineRepo, type TimelineOrderRow } from './timeline.repo.js';

/** A kind of timeline entry a client may ask for: orders and each Segment event type. */
export type TimelineType = (typeof timelineTypes)[number];

/** What a timeline page is asked for; time bounds are days `YYYY-MM-DD` (workspace time zone) or epoch ms. */
export interface TimelineQuery {
  types?: TimelineType[];
  event?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** An order on the timeline; money in minor units. */
export interface TimelineOrder {
  id: number;
  externalId: string;
  status: string;
  total: number;
  refunded: number;
  currency: string;
  channel: string;
  storeId: string | null;
  itemsCount: number;
}

/** An event on the timeline, with a summary of its context instead of the raw one. */
export interface TimelineEvent {
  id: number;
  type: string;
  name: string | null;
  messageId: string;
  properties: Record<string, unknown>;
  context: ContextSummary & { url: string | null };
  receivedAt: number;
}

/** One timeline entry; `at` is epoch ms. */
export type TimelineItem = { kind: 'order'; at: number; order: TimelineOrder } | { kind: 'event'; at: number; event: TimelineEvent };

// At equal times an order comes before events (rank 1 before 0 in the newest-first order).
const rank = { order: 1, event: 0 } as const;

/** A customer's orders and events merged in one newest-first, cursor-paged timeline. */
export class TimelineService {
  constructor(
    private readonly db: Db,
    private readonly workspaces: WorkspacesService,
    private readonly customers: CustomersService,
  ) {}

  /** A page of the timeline of a customer (a merged-away id shows the survivor's). */
  async timeline(workspaceId: string, id: number, query: TimelineQuery): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
    const customerId = await this.customers.liveId(workspaceId, id);
    const { timezone } = await this.workspaces.get(workspaceId);
    const range = {
      from: query.from === undefined ? undefined : boundInstant(query.from, 'from', timezone),
      to: query.to === undefined ? undefined : boundInstant(query.to, 'to', timezone),
    };
    const after = query.cursor ? readCursor(query.cursor) : null;
    // An event-name filter is about events; orders join only when asked for by type.
    const wantOrders = query.types ? query.types.includes('order') : query.event === undefined;
    const eventTypes = query.types?.filter((t) => t !== 'order');
    const wantEvents = eventTypes === undefined || eventTypes.length > 0;
    const repo = new TimelineRepo(this.db.kysely);
    const take = query.limit + 1;
    const [orders, events] = await Promise.all([
      wantOrders ? repo.orders(workspaceId, customerId, range, bound(after, 'order'), take) : Promise.resolve([]),
      wantEvents ? repo.events(workspaceId, customerId, { ...range, types: eventTypes, name: query.event }, bound(after, 'event'), take) : Promise.resolve([]),
    ]);
    const merged = [...orders.map(orderItem), ...events.map(eventItem)].sort(newestFirst);
    const page = merged.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = merged.length > query.limit && last ? encodeCursor({ a: last.at, k: last.kind, i: entryId(last) }) : null;
    return { items: page, nextCursor };
  }
}

function entryId(item: TimelineItem): number {
  return item.kind === 'order' ? item.order.id : item.event.id;
}

function newestFirst(a: TimelineItem, b: TimelineItem): number {
  return b.at - a.at || rank[b.kind] - rank[a.kind] || entryId(b) - entryId(a);
}

// Where one stream resumes after the cursor's entry, in that stream's own (time, id) order.
function bound(after: { at: number; kind: 'order' | 'event'; id: number } | null, stream: 'order' | 'event'): HistoryKeyset | null {
  if (!after) return null;
  if (after.kind === stream) return { at: after.at, id: after.id };
  // The other stream at the same time: orders there were all shown before any event; events not yet.
  return { at: after.at, id: rank[stream] > rank[after.kind] ? 0 : Number.MAX_SAFE_INTEGER };
}

function readCursor(cursor: string): { at: number; kind: 'order' | 'event'; id: number } {
  const { a, k, i } = decodeCursor(cursor);
  if (typeof a !== 'number' || !Number.isSafeInteger(a) || typeof i !== 'number' || !Number.isSafeInteger(i)) throw badCursor();
  if (k !== 'order' && k !== 'event') throw badCursor();
  return { at: a, kind: k, id: i };
}

function orderItem(row: TimelineOrderRow): TimelineItem {
  return {
    kind: 'order',
    at: row.ordered_at,
    order: {
      id: row.id,
      externalId: row.external_id,
      status: row.status,
      total: row.total,
      refunded: row.refunded,
      currency: row.currency,
      channel: row.channel,
      storeId: row.store_id,
      itemsCount: row.items_count,
    },
  };
}

function eventItem(row: EventRow): TimelineItem {
  const page = row.context.page;
  const url = page && typeof page === 'object' && 'url' in page && typeof page.url === 'string' ? page.url : null;
  return {
    kind: 'event',
    at: row.timestamp,
    event: {
      id: row.id,
      type: row.type,
      name: row.name,
      messageId: row.message_id,
      properties: row.properties,
      context: { ...contextSummary(row.context), url },
      receivedAt: row.received_at,
    },
  };
}
