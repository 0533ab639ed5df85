import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { writeJson } from '../../platform/db/normalize.js';
import type { Database } from '../../platform/db/schema.js';
import type { FieldProblem } from '../../platform/errors.js';
import { withWriteRetry } from '../../platform/db/retry.js';
import type { CustomersService } from '../customers/customers.service.js';
import type { DeviceFields } from '../customers/customer-fields.js';
import { CustomersRepo } from '../customers/customers.repo.js';
import { IdentityCache } from '../customers/identity-cache.js';
import { writesProfileRow } from '../customers/profile-input.js';
import { StatsRepo } from '../customers/stats.repo.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { Workspace, WorkspacesService } from '../workspaces/workspaces.service.js';
import { type CompletedOrder, orderFromTrack, type OrderCommand } from './ecommerce.js';
import { EventsRepo, type NewEventRow } from './events.repo.js';
import { deviceFields, profileFromMessage } from './message-profile.js';
import type { MessageType } from './segment.schemas.js';
import { contextSummary, type NormalizedMessage, parseMessage } from './segment-message.js';

/** A rejected message: its position in the call and what is wrong with it. */
export interface Rejection extends FieldProblem {
  index: number;
}

/** Outcome of one ingestion call. */
export interface IngestResult {
  /** Messages stored now. */
  accepted: number;
  /** Messages whose messageId was stored before (accepted again without effect). */
  duplicates: number;
  rejected: Rejection[];
}

/** How the raw messages of one call are to be read. */
export interface IngestOptions {
  /** The route's message type for single calls (/v1/track …); absent for batches. */
  type?: MessageType;
  receivedAt: number;
  batchSentAt?: string;
  batchContext?: Record<string, unknown>;
}

interface Prepared {
  index: number;
  message: NormalizedMessage;
  messageId: string;
  person: Exclude<ReturnType<typeof profileFromMessage>, { problems: FieldProblem[] }>;
  device: ReturnType<typeof deviceFields>;
  order: OrderCommand | null;
}

/**
 * The ingestion path: validate every message on its own, then store all valid ones of a call in
 * one transaction (profile, event, order, stats). Batch semantics (docs/ingestion.md): a bad
 * message is reported by index and never stops the good ones; a message id seen before is a no-op.
 */
export class IngestService {
  constructor(
    private readonly db: Db,
    private readonly customers: CustomersService,
    private readonly orders: OrdersService,
    private readonly workspaces: WorkspacesService,
    private readonly clock: Clock,
  ) {}

  /** Ingests the raw messages of one call for a workspace. */
  async ingest(workspaceId: string, raws: unknown[], options: IngestOptions): Promise<IngestResult> {
    const workspace = await this.workspaces.get(workspaceId);
    const rejected: Rejection[] = [];
    const prepared: Prepared[] = [];
    raws.forEach((raw, index) => {
      const result = this.prepare(raw, index, workspace, options);
      if ('problems' in result) for (const p of result.problems) rejected.push({ index, ...p });
      else prepared.push(result);
    });
    if (prepared.length === 0) return { accepted: 0, duplicates: 0, rejected };
    const { stored, duplicates } = await withWriteRetry(this.db.caps, () =>
      this.db.kysely.transaction().execute((trx) => this.store(trx, workspace, prepared)),
    );
    return { accepted: stored, duplicates, rejected };
  }

  private prepare(raw: unknown, index: number, workspace: Workspace, options: IngestOptions): Prepared | { problems: FieldProblem[] } {
    const parsed = parseMessage(raw, options);
    if (!parsed.ok) return { problems: parsed.problems };
    const message = parsed.message;
    const summary = contextSummary(message.context);
    const person = profileFromMessage(message, summary, workspace.phoneRegion);
    if ('problems' in person) return { problems: person.problems };
    const order = message.type === 'track' ? orderFromTrack(message, { currency: workspace.currency }) : null;
    if (order && !order.ok) return { problems: order.problems };
    return {
      index,
      message,
      messageId: message.messageId ?? randomUUID(),
      person,
      device: deviceFields(summary),
      order: order ? order.command : null,
    };
  }

  private async store(trx: Kysely<Database>, workspace: Workspace, prepared: Prepared[]): Promise<{ stored: number; duplicates: number }> {
    const now = this.clock.now();
    const events = new EventsRepo(trx);
    const seen = await events.seenMessageIds(workspace.id, prepared.map((p) => p.messageId));
    const rows: NewEventRow[] = [];
    const orderCustomers = new Set<number>();
    const activity = new Map<number, number>();
    let duplicates = 0;
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
    // The last device is written for the whole batch at the end, without reading the profiles.
    const devices: [number, DeviceFields][] = [];
    for (const item of prepared) {
      if (seen.has(item.messageId)) {
        duplicates++;
        continue;
      }
      seen.add(item.messageId); // a repeat inside the same batch is a duplicate too
      const { customerId, merged } = await this.customers.applyProfile(trx, workspace.id, item.person.profile, { fill: item.person.fill, cache });
      for (const loser of merged) survivorOf.set(loser, customerId);
      if (Object.keys(item.device).length > 0) devices.push([customerId, item.device]);
      rows.push({
        workspace_id: workspace.id,
        customer_id: customerId,
        type: item.message.type,
        name: item.message.event,
        message_id: item.messageId,
        properties: writeJson(item.message.properties),
        context: writeJson(item.message.context),
        timestamp: item.message.timestamp,
        received_at: now,
      });
      activity.set(customerId, Math.max(activity.get(customerId) ?? 0, item.message.timestamp));
      if (item.order) {
        const changed = await this.applyOrder(trx, workspace, customerId, item.order, item.message.timestamp);
        if (changed !== null) orderCustomers.add(changed);
      }
    }
    await events.insertMany(rows.map((row) => ({ ...row, customer_id: live(row.customer_id) })));
    if (orderCustomers.size > 0) await this.orders.refreshStats(trx, workspace.id, [...orderCustomers].map(live));
    const liveActivity = new Map<number, number>();
    for (const [id, at] of activity) liveActivity.set(live(id), Math.max(liveActivity.get(live(id)) ?? 0, at));
    await new StatsRepo(trx).touchActivity(workspace.id, liveActivity, now);
    // In message order, so a customer's latest device wins.
    const liveDevices = new Map<number, DeviceFields>();
    for (const [id, device] of devices) liveDevices.set(live(id), { ...liveDevices.get(live(id)), ...device });
    await new CustomersRepo(trx).updateDevices(this.db.caps, workspace.id, liveDevices, now);
    return { stored: rows.length, duplicates };
  }

  // Returns the customer whose stats changed, or null.
  private async applyOrder(trx: Kysely<Database>, workspace: Workspace, customerId: number, order: OrderCommand, at: number): Promise<number | null> {
    if (order.kind === 'refunded') return this.orders.refund(trx, workspace.id, order.externalId, order.amount);
    if (order.kind === 'cancelled') return this.orders.cancel(trx, workspace.id, order.externalId);
    const result = await this.orders.record(trx, workspace.id, workspace.timezone, customerId, toOrderInput(order, at), 'event');
    return result.created ? customerId : null;
  }
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
