import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { DomainError, invalid, notFound } from '../../platform/errors.js';
import { localDayNumber } from '../../platform/time.js';
import { MAX_CUSTOMER_TOTAL, orderBoundProblems } from './order-bounds.js';
import { type OrderRow, OrdersRepo } from './orders.repo.js';

/** Who keeps the customers' order aggregates (the customers service): orders report what changed. */
export interface OrderStatsKeeper {
  refreshOrderStats(db: Kysely<Database>, workspaceId: string, customerIds: Iterable<number>): Promise<void>;
}

/** One line of an order; money in minor units. */
export interface OrderItemInput {
  productId?: string | null;
  sku?: string | null;
  name?: string | null;
  category?: string | null;
  price: number;
  quantity: number;
}

/** A completed purchase to record; money in minor units, time in epoch ms. */
export interface OrderInput {
  externalId: string;
  orderedAt: number;
  total: number;
  discount?: number;
  shipping?: number;
  tax?: number;
  pointsUsed?: number;
  currency: string;
  storeId?: string | null;
  channel?: 'online' | 'offline';
  items?: OrderItemInput[];
  status?: 'completed' | 'cancelled' | 'refunded';
}

/** An order as the API shows it. */
export interface Order {
  id: number;
  customerId: number;
  externalId: string;
  status: string;
  total: number;
  discount: number;
  shipping: number;
  tax: number;
  refunded: number;
  pointsUsed: number;
  currency: string;
  channel: string;
  storeId: string | null;
  source: string;
  orderedAt: number;
  items?: { productId: string | null; sku: string | null; name: string | null; category: string | null; price: number; quantity: number }[];
}

/**
 * Orders: completed purchases (online and offline), refunds and cancellations. Write methods run on
 * the executor they are given (the caller's transaction) and return the customers whose stats the
 * caller must recompute with `refreshStats` in the same transaction.
 */
export class OrdersService {
  constructor(
    private readonly db: Db,
    private readonly stats: OrderStatsKeeper,
    private readonly clock: Clock,
  ) {}

  /**
   * Records a completed order for a customer; an order number seen before is left as it is. Throws
   * a validation error, before writing anything, for an amount or quantity beyond its bound
   * (order-bounds.ts) and for an order that would take the sum of the customer's orders past 2^53 − 1
   * minor units, so that no sum over orders stops being exact.
   */
  async record(db: Kysely<Database>, workspaceId: string, timezone: string, customerId: number, order: OrderInput, source: string): Promise<{ orderId: number | null; created: boolean }> {
    const problems = orderBoundProblems(order);
    if (problems.length > 0) throw new DomainError('validation_failed', `${problems[0]?.field}: ${problems[0]?.reason}`, problems);
    const repo = new OrdersRepo(db);
    const sum = await repo.customerTotal(workspaceId, customerId);
    if (sum + Math.abs(order.total) > MAX_CUSTOMER_TOTAL) {
      throw invalid('total', `would take the customer's orders to more than ${MAX_CUSTOMER_TOTAL} minor units in all`);
    }
    const now = this.clock.now();
    const orderId = await repo.insertIfNew(
      {
        workspace_id: workspaceId,
        customer_id: customerId,
        external_id: order.externalId,
        status: order.status ?? 'completed',
        total: order.total,
        discount: order.discount ?? 0,
        shipping: order.shipping ?? 0,
        tax: order.tax ?? 0,
        refunded: order.status === 'refunded' ? order.total : 0,
        points_used: order.pointsUsed ?? 0,
        currency: order.currency,
        channel: order.channel ?? (order.storeId ? 'offline' : 'online'),
        store_id: order.storeId ?? null,
        source,
        ordered_at: order.orderedAt,
        order_day: localDayNumber(order.orderedAt, timezone),
        created_at: now,
        updated_at: now,
      },
      (order.items ?? []).map((i) => ({
        product_id: i.productId ?? null,
        sku: i.sku ?? null,
        name: i.name ?? null,
        category: i.category ?? null,
        price: i.price,
        quantity: i.quantity,
      })),
    );
    return { orderId, created: orderId !== null };
  }

  /** Refunds an order in full (amount null) or in part; returns its customer, or null for an unknown order. */
  async refund(db: Kysely<Database>, workspaceId: string, externalId: string, amount: number | null): Promise<number | null> {
    const repo = new OrdersRepo(db);
    const order = await repo.byExternalId(workspaceId, externalId);
    if (!order || order.status === 'cancelled') return order?.customer_id ?? null;
    if (amount !== null && amount < 0) throw invalid('amount', 'must not be negative');
    const refunded = Math.min(order.total, amount === null ? order.total : order.refunded + amount);
    await repo.setStatus(order.id, refunded >= order.total ? 'refunded' : 'partially_refunded', refunded, this.clock.now());
    return order.customer_id;
  }

  /** Cancels an order; returns its customer, or null for an unknown order. */
  async cancel(db: Kysely<Database>, workspaceId: string, externalId: string): Promise<number | null> {
    const repo = new OrdersRepo(db);
    const order = await repo.byExternalId(workspaceId, externalId);
    if (!order) return null;
    await repo.setStatus(order.id, 'cancelled', order.refunded, this.clock.now());
    return order.customer_id;
  }

  /** Recomputes the order aggregates of customers after their orders changed. */
  async refreshStats(db: Kysely<Database>, workspaceId: string, customerIds: Iterable<number>): Promise<void> {
    await this.stats.refreshOrderStats(db, workspaceId, customerIds);
  }

  /** One order with its items. */
  async get(workspaceId: string, id: number): Promise<Order> {
    const repo = new OrdersRepo(this.db.kysely);
    const row = await repo.byId(workspaceId, id);
    if (!row) throw notFound('Order');
    const items = await repo.items(row.id);
    return {
      ...toOrder(row),
      items: items.map((i) => ({ productId: i.product_id, sku: i.sku, name: i.name, category: i.category, price: i.price, quantity: i.quantity })),
    };
  }

  /** Every order of a customer with its items, oldest first (two indexed reads); for data exports. */
  async allOfCustomer(workspaceId: string, customerId: number): Promise<Required<Order>[]> {
    const repo = new OrdersRepo(this.db.kysely);
    const [orders, items] = await Promise.all([repo.allOfCustomer(workspaceId, customerId), repo.itemsOfCustomer(workspaceId, customerId)]);
    const byOrder = new Map<number, NonNullable<Order['items']>>();
    for (const i of items) {
      const list = byOrder.get(i.order_id) ?? [];
      list.push({ productId: i.product_id, sku: i.sku, name: i.name, category: i.category, price: i.price, quantity: i.quantity });
      byOrder.set(i.order_id, list);
    }
    return orders.map((o) => ({ ...toOrder(o), items: byOrder.get(o.id) ?? [] }));
  }

  /** A page of orders, newest first. */
  async list(workspaceId: string, filter: { customerId?: number; status?: string; from?: number; to?: number }, limit: number, cursor: string | null): Promise<{ items: Order[]; nextCursor: string | null }> {
    const after = cursor ? decodeCursor(cursor) : null;
    const rows = await new OrdersRepo(this.db.kysely).page(workspaceId, filter, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toOrder), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }
}

function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    customerId: row.customer_id,
    externalId: row.external_id,
    status: row.status,
    total: row.total,
    discount: row.discount,
    shipping: row.shipping,
    tax: row.tax,
    refunded: row.refunded,
    pointsUsed: row.points_used,
    currency: row.currency,
    channel: row.channel,
    storeId: row.store_id,
    source: row.source,
    orderedAt: row.ordered_at,
  };
}

function encodeCursor(row: OrderRow): string {
  return Buffer.from(`${row.ordered_at}:${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: number; id: number } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split(':').map(Number);
  if (!Number.isSafeInteger(at) || !Number.isSafeInteger(id)) throw invalid('cursor', 'is not a cursor this API returned');
  return { at: at as number, id: id as number };
}
