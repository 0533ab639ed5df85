import type { Kysely } from 'kysely';
import type { Database, OrderItemsTable, OrdersTable } from '../../platform/db/schema.js';

/** An order row. */
export type OrderRow = Omit<OrdersTable, 'id'> & { id: number };
/** A new order row. */
export type NewOrderRow = Omit<OrdersTable, 'id'>;
/** A new order item row (order and customer filled in by insert). */
export type NewItemRow = Omit<OrderItemsTable, 'id' | 'order_id' | 'customer_id' | 'workspace_id'>;

/** SQL for orders and their items. Construct it on a transaction for atomic work. */
export class OrdersRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts an order unless its external id exists; returns the new id, or null for a duplicate. */
  async insertIfNew(row: NewOrderRow, items: NewItemRow[]): Promise<number | null> {
    const inserted = await this.db
      .insertInto('orders')
      .values(row)
      .onConflict((oc) => oc.columns(['workspace_id', 'external_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null;
    if (items.length > 0) {
      await this.db
        .insertInto('order_items')
        .values(items.map((i) => ({ ...i, workspace_id: row.workspace_id, order_id: inserted.id, customer_id: row.customer_id })))
        .execute();
    }
    return inserted.id;
  }

  /**
   * The sum of the totals of a customer's orders, whatever their status (an indexed scan of the
   * customer's own orders); the bound every per-customer sum stays under.
   */
  async customerTotal(workspaceId: string, customerId: number): Promise<number> {
    const row = await this.db
      .selectFrom('orders')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('total'), eb.lit(0)).as('sum'))
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return Number(row?.sum ?? 0);
  }

  /** An order by the shop's order number. */
  async byExternalId(workspaceId: string, externalId: string): Promise<OrderRow | undefined> {
    return this.db.selectFrom('orders').selectAll().where('workspace_id', '=', workspaceId).where('external_id', '=', externalId).executeTakeFirst();
  }

  /** An order by id. */
  async byId(workspaceId: string, id: number): Promise<OrderRow | undefined> {
    return this.db.selectFrom('orders').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  }

  /** Items of an order. */
  async items(orderId: number) {
    return this.db
      .selectFrom('order_items')
      .select(['product_id', 'sku', 'name', 'category', 'price', 'quantity'])
      .where('order_id', '=', orderId)
      .orderBy('id')
      .execute();
  }

  /** Sets an order's status and refunded amount. */
  async setStatus(id: number, status: string, refunded: number, now: number): Promise<void> {
    await this.db.updateTable('orders').set({ status, refunded, updated_at: now }).where('id', '=', id).execute();
  }

  /** A page of orders, newest first, after a cursor (ordered_at, id). */
  async page(workspaceId: string, filter: { customerId?: number; status?: string; from?: number; to?: number }, limit: number, after: { at: number; id: number } | null): Promise<OrderRow[]> {
    let q = this.db.selectFrom('orders').selectAll().where('workspace_id', '=', workspaceId);
    if (filter.customerId !== undefined) q = q.where('customer_id', '=', filter.customerId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.from !== undefined) q = q.where('ordered_at', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('ordered_at', '<', filter.to);
    if (after) {
      q = q.where((eb) => eb.or([eb('ordered_at', '<', after.at), eb.and([eb('ordered_at', '=', after.at), eb('id', '<', after.id)])]));
    }
    return q.orderBy('ordered_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** All orders of a customer, oldest first. */
  async allOfCustomer(workspaceId: string, customerId: number): Promise<OrderRow[]> {
    return this.db
      .selectFrom('orders')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId)
      .orderBy('ordered_at')
      .orderBy('id')
      .execute();
  }

  /** All order items of a customer, with their order id. */
  async itemsOfCustomer(workspaceId: string, customerId: number) {
    return this.db
      .selectFrom('order_items')
      .select(['order_id', 'product_id', 'sku', 'name', 'category', 'price', 'quantity'])
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId)
      .orderBy('id')
      .execute();
  }
}
