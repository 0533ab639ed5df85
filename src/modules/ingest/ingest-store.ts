import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { withWriteRetry } from '../../platform/db/retry.js';
import type { Database } from '../../platform/db/schema.js';
import type { Activity, CustomersService } from '../customers/customers.service.js';
import type { DeviceFields, Touch } from '../customers/customer-fields.js';
import { IdentityCache } from '../customers/identity-cache.js';
import { writesProfileRow } from '../customers/profile-input.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { Workspace } from '../workspaces/workspaces.service.js';
import type { CompletedOrder, OrderCommand } from './ecommerce.js';
import type { EventColumns } from './event-columns.js';
import { EventsRepo, type NewEventRow } from './events.repo.js';
import type { deviceFields, profileFromMessage } from './message-profile.js';
import { DomainError, type FieldProblem } from '../../platform/errors.js';
import type { MessageType } from './segment.schemas.js';

/** The event row of a message, its JSON already serialised. */
export interface PreparedEvent {
  type: MessageType;
  /** Track event name, or the page/screen name. */
  name: string | null;
  /** JSON text. */
  properties: string;
  /** JSON text. */
  context: string;
  /** When it happened, epoch ms. */
  timestamp: number;
  /** The properties kept as columns. */
  columns: EventColumns;
}

/**
 * A message that passed validation, ready to store: its event, what it says of the person, its
 * device and its order. On SQLite it crosses to the writer thread, so its JSON is serialised before
 * (on the HTTP thread, and copying text between threads is cheaper than copying nested objects).
 */
export interface PreparedMessage {
  index: number;
  event: PreparedEvent;
  messageId: string;
  person: Exclude<ReturnType<typeof profileFromMessage>, { problems: FieldProblem[] }>;
  device: ReturnType<typeof deviceFields>;
  /** Its campaign tags, when it has any (a candidate for the customer's last touch). */
  touch: Touch | null;
  order: OrderCommand | null;
}

/** What storing a batch did. */
export interface StoreResult {
  /** Messages stored now. */
  stored: number;
  /** Messages whose id was stored before (or earlier in the same batch). */
  duplicates: number;
  /**
   * Messages refused while storing, by their index in the call: an order that would take its
   * customer's orders past the exact-sum bound. Their event and order are not stored.
   */
  rejected: (FieldProblem & { index: number })[];
}

/** Where validated batches are stored: in this thread (IngestStore) or in the writer thread (ingest-writer.ts). */
export interface BatchStore {
  /** Stores a batch in one transaction; `now` is its arrival time. */
  store(workspace: Workspace, prepared: PreparedMessage[], now: number): Promise<StoreResult>;
  close(): Promise<void>;
}

/**
 * Stores validated messages, all of one call in one transaction: profiles (found, created or
 * merged), events, orders, stats and the last device.
 */
export class IngestStore implements BatchStore {
  constructor(
    private readonly db: Db,
    private readonly customers: CustomersService,
    private readonly orders: OrdersService,
  ) {}

  store(workspace: Workspace, prepared: PreparedMessage[], now: number): Promise<StoreResult> {
    return withWriteRetry(this.db.caps, () => this.db.kysely.transaction().execute((trx) => this.write(trx, workspace, prepared, now)));
  }

  async close(): Promise<void> {}

  private async write(trx: Kysely<Database>, workspace: Workspace, prepared: PreparedMessage[], now: number): Promise<StoreResult> {
    const events = new EventsRepo(trx);
    const seen = await events.seenMessageIds(workspace.id, prepared.map((p) => p.messageId));
    const rows: NewEventRow[] = [];
    const orderCustomers = new Set<number>();
    // Per stored message: its customer, its time, its device and its touch, folded into one stats write per customer at the end.
    const touched: [number, number, DeviceFields, Touch | null][] = [];
    let duplicates = 0;
    const rejected: StoreResult['rejected'] = [];
    const cache = new IdentityCache();
    // Events are written at the end of the batch; a profile merged away meanwhile hands them on.
    const survivorOf = new Map<number, number>();
    const live = (id: number): number => {
      let current = id;
      while (survivorOf.has(current)) current = survivorOf.get(current) as number;
      return current;
    };
    const fresh = prepared.filter((p) => !seen.has(p.messageId));
    const writers = fresh.filter((p) => writesProfileRow(p.person.profile, p.person.fill));
    await cache.prefetch(trx, workspace.id, fresh.flatMap((p) => p.person.profile.identifiers), writers.flatMap((p) => p.person.profile.identifiers));
    for (const item of prepared) {
      if (seen.has(item.messageId)) {
        duplicates++;
        continue;
      }
      seen.add(item.messageId); // a repeat inside the same batch is a duplicate too
      const { customerId, merged } = await this.customers.applyProfile(trx, workspace.id, item.person.profile, { fill: item.person.fill, cache });
      for (const loser of merged) survivorOf.set(loser, customerId);
      if (item.order) {
        const outcome = await this.applyOrder(trx, workspace, customerId, item.order, item.event.timestamp);
        if ('problems' in outcome) {
          // Refused before anything of the order was written; the message's event goes with it.
          for (const p of outcome.problems) rejected.push({ ...p, index: item.index });
          continue;
        }
        if (outcome.changed !== null) orderCustomers.add(outcome.changed);
      }
      rows.push({
        workspace_id: workspace.id,
        customer_id: customerId,
        type: item.event.type,
        name: item.event.name,
        message_id: item.messageId,
        properties: item.event.properties,
        context: item.event.context,
        timestamp: item.event.timestamp,
        received_at: now,
        ...item.event.columns,
      });
      touched.push([customerId, item.event.timestamp, item.device, item.touch]);
    }
    await events.insertMany(rows.map((row) => ({ ...row, customer_id: live(row.customer_id) })));
    if (orderCustomers.size > 0) await this.orders.refreshStats(trx, workspace.id, [...orderCustomers].map(live));
    // In message order, so a customer's latest device wins; the device is written with the activity,
    // without reading the profile. The touch is the latest by event time (a tie: the later message),
    // as the stats write then compares it with the stored one.
    const activity = new Map<number, Activity>();
    for (const [id, at, device, touch] of touched) {
      const prior = activity.get(live(id));
      const latest = touch && (!prior?.touch || touch.at >= prior.touch.at) ? touch : prior?.touch;
      activity.set(live(id), { at: Math.max(prior?.at ?? 0, at), device: { ...prior?.device, ...device }, ...(latest ? { touch: latest } : {}) });
    }
    await this.customers.recordActivity(trx, workspace.id, activity, now);
    return { stored: rows.length, duplicates, rejected };
  }

  // The customer whose stats changed (or null), or why the orders service refused the order.
  private async applyOrder(
    trx: Kysely<Database>,
    workspace: Workspace,
    customerId: number,
    order: OrderCommand,
    at: number,
  ): Promise<{ changed: number | null } | { problems: FieldProblem[] }> {
    if (order.kind === 'refunded') return { changed: await this.orders.refund(trx, workspace.id, order.externalId, order.amount) };
    if (order.kind === 'cancelled') return { changed: await this.orders.cancel(trx, workspace.id, order.externalId) };
    try {
      const result = await this.orders.record(trx, workspace.id, workspace.timezone, customerId, toOrderInput(order, at), 'event');
      return { changed: result.created ? customerId : null };
    } catch (error) {
      // The service checks before it writes, so the transaction is still good for the other messages.
      if (!(error instanceof DomainError) || error.code !== 'validation_failed') throw error;
      const details = Array.isArray(error.details) ? error.details : [];
      return { problems: details.map((p) => ({ field: `properties.${orderField(p.field)}`, reason: p.reason })) };
    }
  }
}

// The orders service names its own fields (total, items[0].price); a message names them as sent.
function orderField(field: string): string {
  return field.replace(/^items\b/, 'products').replace(/^pointsUsed$/, 'points_used');
}

function toOrderInput(order: CompletedOrder, at: number) {
  return {
    externalId: order.externalId,
    orderedAt: at,
    total: order.total,
    discount: order.discount,
    shipping: order.shipping,
    tax: order.tax,
    pointsUsed: order.pointsUsed ?? 0,
    currency: order.currency,
    storeId: order.storeId,
    channel: order.channel,
    items: order.items.map((i) => ({ ...i, price: i.price ?? 0 })),
  };
}
