import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Order, OrdersService } from '../orders/orders.service.js';
import type { CustomerProfile, CustomersService } from './customers.service.js';
import { type HistoryKeyset, TimelineRepo } from './timeline.repo.js';

/** Everything stored about one customer, as handed to them on a data-access request; money in minor units, times epoch ms. */
export interface CustomerExport {
  exportedAt: number;
  profile: CustomerProfile;
  orders: Required<Order>[];
  events: {
    id: number;
    type: string;
    name: string | null;
    messageId: string;
    timestamp: number;
    receivedAt: number;
    properties: Record<string, unknown>;
    context: Record<string, unknown>;
  }[];
}

// Events are read in pages so one statement never returns an unbounded result set.
const eventPage = 1000;

/** Builds a customer's data export (profile with identifiers, consent and stats; orders with items; events). */
export class CustomerExportService {
  constructor(
    private readonly db: Db,
    private readonly customers: CustomersService,
    private readonly orders: OrdersService,
    private readonly clock: Clock,
  ) {}

  /** The whole export of a customer (a merged-away id exports the survivor, who now holds its data). */
  async export(workspaceId: string, id: number): Promise<CustomerExport> {
    const profile = await this.customers.get(workspaceId, id);
    const repo = new TimelineRepo(this.db.kysely);
    const orders = await this.orders.allOfCustomer(workspaceId, profile.id);
    const events: CustomerExport['events'] = [];
    let after: HistoryKeyset | null = null;
    for (;;) {
      const rows = await repo.eventsAfter(workspaceId, profile.id, after, eventPage);
      for (const e of rows) {
        events.push({
          id: e.id, type: e.type, name: e.name, messageId: e.message_id, timestamp: e.timestamp,
          receivedAt: e.received_at, properties: e.properties, context: e.context,
        });
      }
      const last = rows[rows.length - 1];
      if (rows.length < eventPage || !last) break;
      after = { at: last.timestamp, id: last.id };
    }
    return {
      exportedAt: this.clock.now(),
      profile,
      orders,
      events,
    };
  }
}
