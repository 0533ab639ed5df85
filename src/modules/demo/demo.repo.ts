import type { Insertable, Kysely } from 'kysely';
import type {
  CustomerConsentsTable, CustomerIdentifiersTable, CustomersTable, CustomerStatsTable, Database, EventsTable,
  OrderItemsTable, OrdersTable,
} from '../../platform/db/schema.js';

// Bulk writes of a generated demo shop into a new, empty workspace. The demo loader writes the
// customers, orders and events tables directly instead of going through their modules' services:
// those work one person or one order at a time, and a demo of 20,000 customers (or a benchmark
// preload of a million) would take minutes that way. Every statement is a multi-row INSERT sized to
// the engine's bound-parameter limit.

/** A customer row as the demo loader writes it. */
export type DemoCustomerRow = Insertable<CustomersTable> & { phone: string };
/** An order row as the demo loader writes it. */
export type DemoOrderRow = Insertable<OrdersTable>;
/** An order line; its order is named by the order's external id until the order has an id. */
export type DemoItemRow = Omit<Insertable<OrderItemsTable>, 'order_id'> & { order_external_id: string };

/** SQL of the demo loader. Construct it on a transaction: a chunk is written atomically. */
export class DemoRepo {
  constructor(
    private readonly db: Kysely<Database>,
    /** The engine's largest number of bound parameters in one statement. */
    private readonly maxParameters: number,
  ) {}

  /**
   * Inserts customers and returns their new ids by phone. The ids are matched through the phone
   * (unique per demo customer), not through the order of RETURNING rows: neither SQLite nor
   * PostgreSQL promises that RETURNING gives rows in the order of the VALUES list.
   */
  async insertCustomers(rows: DemoCustomerRow[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    for (const part of this.slices(rows)) {
      const returned = await this.db.insertInto('customers').values(part).returning(['id', 'phone']).execute();
      for (const r of returned) if (r.phone !== null) ids.set(r.phone, r.id);
    }
    if (ids.size !== rows.length) throw new Error(`demo customers: ${rows.length} inserted, ${ids.size} ids matched by phone`);
    return ids;
  }

  /** Inserts identifiers (phone, e-mail, card, external id). */
  async insertIdentifiers(rows: Insertable<CustomerIdentifiersTable>[]): Promise<void> {
    for (const part of this.slices(rows)) await this.db.insertInto('customer_identifiers').values(part).execute();
  }

  /** Inserts consent rows. */
  async insertConsents(rows: Insertable<CustomerConsentsTable>[]): Promise<void> {
    for (const part of this.slices(rows)) await this.db.insertInto('customer_consents').values(part).execute();
  }

  /** Inserts customer_stats rows computed by the loader. */
  async insertStats(rows: Insertable<CustomerStatsTable>[]): Promise<void> {
    for (const part of this.slices(rows)) await this.db.insertInto('customer_stats').values(part).execute();
  }

  /** Inserts orders and returns their new ids by external id (unique per workspace), then their lines. */
  async insertOrders(rows: DemoOrderRow[], items: DemoItemRow[]): Promise<void> {
    const ids = new Map<string, number>();
    for (const part of this.slices(rows)) {
      const returned = await this.db.insertInto('orders').values(part).returning(['id', 'external_id']).execute();
      for (const r of returned) ids.set(r.external_id, r.id);
    }
    const lines = items.map(({ order_external_id, ...item }) => {
      const orderId = ids.get(order_external_id);
      if (orderId === undefined) throw new Error(`demo order ${order_external_id} was not inserted`);
      return { ...item, order_id: orderId };
    });
    for (const part of this.slices(lines)) await this.db.insertInto('order_items').values(part).execute();
  }

  /** Inserts events. */
  async insertEvents(rows: Insertable<EventsTable>[]): Promise<void> {
    for (const part of this.slices(rows)) await this.db.insertInto('events').values(part).execute();
  }

  // Consecutive slices of rows for one statement each: full slices of up to 256 rows (fewer when
  // rows × columns would pass the parameter limit), then the rest in power-of-two sizes. The sizes
  // come from a small fixed set, so a driver that caches prepared statements by SQL text (ours does on
  // SQLite) reuses a few dozen statements instead of keeping a new multi-megabyte one per chunk.
  private *slices<T extends object>(rows: T[]): Generator<T[]> {
    const first = rows[0];
    if (!first) return;
    let size = 256;
    while (size > 1 && size * Object.keys(first).length > this.maxParameters) size /= 2;
    let i = 0;
    for (; size >= 1; size /= 2) {
      for (; rows.length - i >= size; i += size) yield rows.slice(i, i + size);
    }
  }
}
