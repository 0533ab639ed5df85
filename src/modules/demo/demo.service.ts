import type { Insertable } from 'kysely';
import type { App } from '../../main.js';
import type { CustomerConsentsTable, CustomerIdentifiersTable, CustomerStatsTable, EventsTable } from '../../platform/db/schema.js';
import { localDayNumber } from '../../platform/time.js';
import { cityKey } from '../customers/customer-fields.js';
import { searchName } from '../customers/customer-fields.js';
import { demoShopName } from './demo.catalog.js';
import { generateDemoShop } from './demo.generator.js';
import { type DemoCustomerRow, type DemoItemRow, type DemoOrderRow, DemoRepo } from './demo.repo.js';
import type { DemoChunk, DemoCustomer, DemoEvent, DemoOrder } from './demo.types.js';
import { purchaseStatuses } from '../../common/purchase-statuses.js';
import { eventColumns } from '../ingest/event-columns.js';

/** Options of createDemoWorkspace. */
export interface DemoWorkspaceOptions {
  /** Number of customers of the demo shop. */
  customers: number;
  /** Seed of the generated shop; the same seed gives the same shop. Default 1. */
  seed?: number;
  /** End of the shop's three-year history, epoch ms. Default: now. */
  endDate?: number;
  /** Average website events per customer (0: none, as benchmark preloads use). Default: the generator's. */
  eventsPerCustomer?: number;
  /** Average orders per customer. Default: the generator's natural mix (about 2.9). */
  ordersPerCustomer?: number;
  /** Customers per transaction. Default 1,000. */
  chunkSize?: number;
  /** Called after each stored chunk of customers. */
  onProgress?: (progress: DemoProgress) => void;
}

/** How far the load has come. */
export interface DemoProgress {
  customers: number;
  total: number;
  orders: number;
  events: number;
  ms: number;
}

/** What createDemoWorkspace made. */
export interface DemoWorkspaceSummary {
  workspaceId: string;
  name: string;
  /** A write key for the tracking API, to send more events to the demo shop. */
  writeKey: string;
  customers: number;
  orders: number;
  items: number;
  events: number;
  /** Wall time of the whole load, ms. */
  ms: number;
}

const timezone = 'Europe/Moscow';
const currency = 'RUB';
// Orders that count as purchases in customer_stats.
const countedStatuses = new Set(purchaseStatuses);

/**
 * Creates a workspace for the demo shop «Северный ветер» with a write key and loads a generated
 * history into it: customers with identifiers, consent and stats, orders with their lines, and
 * website events; one transaction per chunk of 1,000 customers.
 */
export async function createDemoWorkspace(app: App, options: DemoWorkspaceOptions): Promise<DemoWorkspaceSummary> {
  const started = performance.now();
  const workspace = await app.services.workspaces.create({ name: `${demoShopName} (демо)`, timezone, currency, phoneRegion: 'RU' });
  const writeKey = await app.services.apiKeys.create(workspace.id, 'write', 'Demo site', null);
  const totals = { customers: 0, orders: 0, items: 0, events: 0 };
  const dayOf = dayNumbers(workspace.timezone);
  const chunks = generateDemoShop({
    seed: options.seed,
    customers: options.customers,
    endDate: options.endDate ?? app.clock.now(),
    timezone: workspace.timezone,
    eventsPerCustomer: options.eventsPerCustomer,
    ordersPerCustomer: options.ordersPerCustomer,
    chunkSize: options.chunkSize,
  });
  // Where the engine takes several writers (PostgreSQL), the next chunk is generated and sent while
  // the previous one is still being written; SQLite writes one chunk after another.
  const parallel = app.db.caps.concurrentWriters ? 2 : 1;
  const writing = new Set<Promise<void>>();
  for (const chunk of chunks) {
    const rows = chunkRows(workspace.id, chunk, dayOf, app.clock.now());
    const write = storeChunk(app, rows).then(() => {
      totals.customers += rows.customers.length;
      totals.orders += rows.orders.length;
      totals.items += rows.items.length;
      totals.events += rows.events.length;
      options.onProgress?.({ ...totals, total: options.customers, ms: Math.round(performance.now() - started) });
    });
    writing.add(write);
    // A failed write is reported by the race or by the final wait, never left unhandled.
    write.then(() => writing.delete(write), () => undefined);
    if (writing.size >= parallel) await Promise.race(writing);
  }
  await Promise.all(writing);
  return { workspaceId: workspace.id, name: workspace.name, writeKey: writeKey.key, ...totals, ms: Math.round(performance.now() - started) };
}

// One chunk in one transaction: customers first, as everything else needs their ids.
async function storeChunk(app: App, rows: ChunkRows): Promise<void> {
  await app.db.kysely.transaction().execute(async (trx) => {
    const repo = new DemoRepo(trx, app.db.caps.maxParameters);
    const ids = await repo.insertCustomers(rows.customers);
    const idOf = (key: string): number => {
      const id = ids.get(rows.phoneByKey.get(key) ?? '');
      if (id === undefined) throw new Error(`demo customer ${key} has no id`);
      return id;
    };
    await repo.insertIdentifiers(rows.identifiers.map(({ key, ...row }) => ({ ...row, customer_id: idOf(key) })));
    await repo.insertConsents(rows.consents.map(({ key, ...row }) => ({ ...row, customer_id: idOf(key) })));
    await repo.insertStats(rows.stats.map(({ key, ...row }) => ({ ...row, customer_id: idOf(key) })));
    await repo.insertOrders(
      rows.orders.map(({ key, ...row }) => ({ ...row, customer_id: idOf(key) })),
      rows.items.map(({ key, ...row }) => ({ ...row, customer_id: idOf(key) })),
    );
    await repo.insertEvents(rows.events.map(({ key, ...row }) => ({ ...row, customer_id: idOf(key) })));
  });
}

// Rows of one chunk, each naming its customer by demo key until the customers have ids.
type Keyed<T> = Omit<T, 'customer_id'> & { key: string };

interface ChunkRows {
  customers: DemoCustomerRow[];
  phoneByKey: Map<string, string>;
  identifiers: Keyed<Insertable<CustomerIdentifiersTable>>[];
  consents: Keyed<Insertable<CustomerConsentsTable>>[];
  stats: Keyed<Insertable<CustomerStatsTable>>[];
  orders: Keyed<DemoOrderRow>[];
  items: Keyed<DemoItemRow>[];
  events: Keyed<Insertable<EventsTable>>[];
}

function chunkRows(workspaceId: string, chunk: DemoChunk, dayOf: (ms: number) => number, now: number): ChunkRows {
  const rows: ChunkRows = { customers: [], phoneByKey: new Map(), identifiers: [], consents: [], stats: [], orders: [], items: [], events: [] };
  const ordersOf = new Map<string, DemoOrder[]>();
  for (const order of chunk.orders) {
    const list = ordersOf.get(order.customerKey);
    if (list) list.push(order);
    else ordersOf.set(order.customerKey, [order]);
  }
  const lastEvent = new Map<string, number>();
  const touches = new Map<string, DemoEvent>();
  for (const event of chunk.events) {
    lastEvent.set(event.customerKey, Math.max(lastEvent.get(event.customerKey) ?? 0, event.timestamp));
    const touch = touches.get(event.customerKey);
    if (event.context.campaign && (!touch || event.timestamp >= touch.timestamp)) touches.set(event.customerKey, event);
  }

  for (const c of chunk.customers) {
    rows.customers.push(customerRow(workspaceId, c, now));
    rows.phoneByKey.set(c.key, c.phone);
    const identify = (kind: string, value: string | null) => {
      if (value !== null) rows.identifiers.push({ workspace_id: workspaceId, kind, value, key: c.key, created_at: c.createdAt });
    };
    identify('external_id', c.key);
    identify('phone', c.phone);
    identify('email', c.email);
    identify('card', c.cardNumber);
    const consent = (channel: string, granted: boolean) => {
      rows.consents.push({ workspace_id: workspaceId, key: c.key, channel, status: granted ? 'granted' : 'revoked', source: 'demo', updated_at: c.createdAt });
    };
    if (c.email !== null) consent('email', c.consentEmail);
    consent('sms', c.consentSms);
    const orders = ordersOf.get(c.key) ?? [];
    rows.stats.push({ workspace_id: workspaceId, key: c.key, ...customerStats(orders, lastEvent.get(c.key) ?? null, dayOf), ...lastDevice(c), ...lastTouch(touches.get(c.key)), updated_at: now });
    for (const o of orders) {
      rows.orders.push({
        workspace_id: workspaceId, key: c.key, external_id: o.externalId, status: o.status, total: o.total, discount: o.discount,
        shipping: 0, tax: 0, refunded: refundedOf(o), points_used: 0, currency, channel: o.channel,
        store_id: o.storeId, source: 'demo', ordered_at: o.orderedAt, order_day: dayOf(o.orderedAt), created_at: o.orderedAt, updated_at: o.orderedAt,
      });
      for (const i of o.items) {
        rows.items.push({
          workspace_id: workspaceId, key: c.key, order_external_id: o.externalId, product_id: i.productId, sku: i.sku, name: i.name,
          category: i.category, price: i.price, quantity: i.quantity,
        });
      }
    }
  }
  for (const e of chunk.events) {
    rows.events.push({
      workspace_id: workspaceId, key: e.customerKey, type: e.type, name: e.name, message_id: e.messageId,
      properties: JSON.stringify(e.properties), context: JSON.stringify(e.context), timestamp: e.timestamp, received_at: e.timestamp,
      ...eventColumns(e.properties, e.context),
    });
  }
  return rows;
}

function customerRow(workspaceId: string, c: DemoCustomer, now: number): DemoCustomerRow {
  return {
    workspace_id: workspaceId, first_name: c.firstName, last_name: c.lastName, middle_name: c.middleName, phone: c.phone, email: c.email,
    gender: c.gender, birth_date: c.birthDate, city: c.city, city_key: cityKey(c.city), region: c.region, country: 'RU', source: c.source, utm_source: c.utmSource,
    utm_medium: c.utmMedium, utm_campaign: c.utmCampaign, preferred_channel: null, manager_user_id: null,
    search_name: searchName(c.lastName, c.firstName, c.middleName), traits: '{}', merged_into: null, erased_at: null, created_at: c.createdAt, updated_at: now,
  };
}

// The last device and locale, on the stats row as the tracking API writes them from an event's context.
function lastDevice(c: DemoCustomer): Pick<CustomerStatsTable, 'last_device' | 'last_os' | 'last_browser' | 'locale'> {
  return { last_device: c.device, last_os: c.os, last_browser: c.browser, locale: 'ru-RU' };
}

type LastTouchColumn = 'last_utm_source' | 'last_utm_medium' | 'last_utm_campaign' | 'last_utm_at';

// The last touch as the tracking API keeps it: the tags of the customer's latest event with a campaign.
function lastTouch(event: DemoEvent | undefined): Pick<CustomerStatsTable, LastTouchColumn> {
  const campaign = event?.context.campaign;
  if (!event || !campaign) return { last_utm_source: null, last_utm_medium: null, last_utm_campaign: null, last_utm_at: null };
  return { last_utm_source: campaign.source, last_utm_medium: campaign.medium, last_utm_campaign: campaign.name, last_utm_at: event.timestamp };
}

// A customer's aggregates as StatsRepo.recomputeOrders computes them from the same orders (purchases
// only, revenue net of refunds, integer average, distinct local days). Last activity is the latest
// order of any status or event: in the live path each order arrives as an event, which touches it.
function customerStats(
  orders: DemoOrder[], lastEventAt: number | null, dayOf: (ms: number) => number,
): Omit<CustomerStatsTable, 'workspace_id' | 'customer_id' | 'updated_at' | 'last_device' | 'last_os' | 'last_browser' | 'locale' | LastTouchColumn> {
  let count = 0;
  let revenue = 0;
  let first: number | null = null;
  let last: number | null = null;
  let lastActivity = lastEventAt;
  // Net value per purchase day.
  const days = new Map<number, number>();
  for (const o of orders) {
    lastActivity = lastActivity === null ? o.orderedAt : Math.max(lastActivity, o.orderedAt);
    if (!countedStatuses.has(o.status)) continue;
    count++;
    const value = o.total - refundedOf(o);
    revenue += value;
    first = first === null ? o.orderedAt : Math.min(first, o.orderedAt);
    last = last === null ? o.orderedAt : Math.max(last, o.orderedAt);
    const day = dayOf(o.orderedAt);
    days.set(day, (days.get(day) ?? 0) + value);
  }
  const sorted = [...days.keys()].sort((a, b) => a - b);
  return {
    first_order_at: first, last_order_at: last, orders_count: count, order_days: days.size, revenue,
    avg_check: count > 0 ? Math.trunc(revenue / count) : 0, last_activity_at: lastActivity,
    first_order_day: sorted[0] ?? null, last_order_day: sorted.at(-1) ?? null, prev_order_day: sorted.at(-2) ?? null,
    first_day_value: sorted.length > 0 ? (days.get(sorted[0]) ?? 0) : null,
  };
}

// A demo refund is a whole-order refund.
function refundedOf(order: DemoOrder): number {
  return order.status === 'refunded' ? order.total : 0;
}

// Local day numbers of a time zone, memoised per 15-minute slot of UTC time: every zone's offset and
// every DST change in use today is a multiple of 15 minutes, so a slot never straddles a local
// midnight, and a million orders need a few thousand calendar conversions instead of a million.
function dayNumbers(timeZone: string): (ms: number) => number {
  const cache = new Map<number, number>();
  return (ms) => {
    const slot = Math.floor(ms / 900_000);
    let day = cache.get(slot);
    if (day === undefined) {
      day = localDayNumber(slot * 900_000, timeZone);
      cache.set(slot, day);
    }
    return day;
  };
}
