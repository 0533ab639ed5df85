import { deriveSeed, Rng } from '../src/modules/demo/demo.random.js';
import { zoneOffset } from '../src/platform/time.js';

// The analytics benchmark's shop, generated in memory as columns (typed arrays), fast enough for
// ten million orders in seconds: customers who arrive over three years (more of them lately), and
// per customer a first purchase and then repeat purchases while they stay: many buy once, the rest
// at gamma-distributed rates until they drop out, so a few loyal customers make many purchases and
// many repeat buyers churn. Order values are log-normal around a customer's own typical spend.

/** Order statuses the generator writes, by their index in `Shop.status`. */
export const shopStatuses = ['completed', 'partially_refunded', 'refunded', 'cancelled'] as const;

/** What to generate. */
export interface ShopOptions {
  customers: number;
  /** Orders in all, at least one per buying customer. */
  orders: number;
  seed: number;
  /** The workspace's time zone: order_day is the local day of ordered_at in it. */
  timezone: string;
  /** The last local day of the history (days since 1970-01-01). */
  lastDay: number;
  /** Length of the history in days. */
  days: number;
}

/** A generated shop: customers by index (ids follow creation order), orders in chronological order. */
export interface Shop {
  options: ShopOptions;
  /** Per customer, epoch ms, ascending. */
  createdAt: Float64Array;
  /** Per order, the customer's index. */
  customer: Int32Array;
  orderedAt: Float64Array;
  /** Local day number of orderedAt. */
  orderDay: Int32Array;
  /** Minor units. */
  total: Int32Array;
  /** Minor units: the whole total for refunded orders, part of it for partly refunded ones. */
  refunded: Int32Array;
  /** Index into shopStatuses. */
  status: Uint8Array;
  /** 0: online; 1–12: the offline store. */
  store: Uint8Array;
  /** Customers with at least one order. */
  buyers: number;
}

const dayMs = 86_400_000;
const hourMs = 3_600_000;
// Shops are open 9:00–23:00 local time: no order falls near midnight or a DST change.
const openFrom = 9 * hourMs;
const openFor = 14 * hourMs;

/** The default history: three years up to 2026-11-30 in Moscow time. */
export function defaultShopOptions(customers: number, orders: number, seed: number): ShopOptions {
  return { customers, orders, seed, timezone: 'Europe/Moscow', lastDay: Math.floor(Date.UTC(2026, 10, 30) / dayMs), days: 3 * 365 };
}

/** Generates the shop; the same options always give the same shop. */
export function generateShop(options: ShopOptions): Shop {
  const { customers, orders } = options;
  if (orders < 1 || customers < 1) throw new RangeError('a shop needs customers and orders');
  const firstDay = options.lastDay - options.days + 1;
  const zone = new ZoneDays(options.timezone);
  const at = (day: number, msOfDay: number): number => zone.at(day, msOfDay);

  const createdAt = arrivals(customers, firstDay, options.days, new Rng(deriveSeed(options.seed, 1)), at);
  const people = behaviour(createdAt, options, new Rng(deriveSeed(options.seed, 2)), zone);
  const counts = orderCounts(people, orders, new Rng(deriveSeed(options.seed, 3)));
  const unsorted = placeOrders(people, counts, orders, options, new Rng(deriveSeed(options.seed, 4)), zone);
  return { options, createdAt, ...chronological(unsorted, at(firstDay, 0)), buyers: people.buyers };
}

// Creation instants, ascending: sorted uniforms (cumulative exponential spacings) through the inverse
// of a density growing linearly to three times its start, each put at a shop-hours time of its day.
function arrivals(n: number, firstDay: number, days: number, rng: Rng, at: (day: number, msOfDay: number) => number): Float64Array {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += rng.exponential(1);
  const total = sum + rng.exponential(1);
  const g = 2; // density ∝ 1 + g·x on [0, 1)
  const createdAt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = cumulative[i] / total;
    const x = (Math.sqrt(1 + 2 * g * u * (1 + g / 2)) - 1) / g;
    const position = Math.min(x, 1 - 1e-12) * days;
    const day = Math.floor(position);
    createdAt[i] = at(firstDay + day, openFrom + (position - day) * openFor);
  }
  return createdAt;
}

// Per customer: whether and when they first buy, how long they keep buying and how often, their
// typical spend and whether they shop offline.
interface People {
  /** First purchase instant, or NaN for a customer who never buys. */
  firstAt: Float64Array;
  /** Last instant they may buy at (drop-out or the end of the history). */
  aliveUntil: Float64Array;
  /** Expected repeat purchases before scaling: rate × time alive; 0 for one-time buyers. */
  weight: Float64Array;
  logSpend: Float64Array;
  /** 0: online shopper; else the home store. */
  homeStore: Uint8Array;
  buyers: number;
}

function behaviour(createdAt: Float64Array, options: ShopOptions, rng: Rng, zone: ZoneDays): People {
  const n = createdAt.length;
  const end = zone.at(options.lastDay, openFrom + openFor);
  const people: People = {
    firstAt: new Float64Array(n), aliveUntil: new Float64Array(n), weight: new Float64Array(n),
    logSpend: new Float64Array(n), homeStore: new Uint8Array(n), buyers: 0,
  };
  for (let i = 0; i < n; i++) {
    people.logSpend[i] = Math.log(250_000) + 0.45 * rng.normal(); // typical order ≈ 2,500 RUB
    people.homeStore[i] = rng.chance(0.25) ? 1 + rng.int(12) : 0;
    people.firstAt[i] = Number.NaN;
    if (rng.chance(0.07)) continue; // registered, never bought
    // Most buy when they register; the others some days later.
    let first = createdAt[i];
    if (rng.chance(0.4)) {
      const day = zone.dayOf(createdAt[i]) + 1 + Math.floor(rng.exponential(20));
      if (day > options.lastDay) continue;
      first = zone.at(day, openFrom + rng.next() * openFor);
    }
    people.firstAt[i] = first;
    people.buyers++;
    if (rng.chance(0.42)) continue; // buys once
    const aliveUntil = Math.min(end, first + rng.exponential(540) * dayMs);
    people.aliveUntil[i] = aliveUntil;
    people.weight[i] = rng.gamma(0.55, 1) * ((aliveUntil - first) / dayMs);
  }
  return people;
}

// Repeat purchases per customer: Poisson around the weight scaled so that the shop has `orders`
// orders, then nudged one by one to hit the number exactly.
function orderCounts(people: People, orders: number, rng: Rng): Int32Array {
  const n = people.firstAt.length;
  if (orders < people.buyers) throw new RangeError(`${orders} orders are too few for ${people.buyers} buying customers`);
  let weights = 0;
  for (let i = 0; i < n; i++) weights += people.weight[i];
  const scale = weights > 0 ? (orders - people.buyers) / weights : 0;
  const counts = new Int32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(people.firstAt[i])) continue;
    counts[i] = 1 + rng.poisson(people.weight[i] * scale);
    total += counts[i];
  }
  // Off by about √orders: add to or take from random repeat buyers (any buyer when none repeats).
  const anyone = weights === 0;
  while (total !== orders) {
    const i = rng.int(n);
    if (Number.isNaN(people.firstAt[i]) || (!anyone && people.weight[i] === 0)) continue;
    if (total < orders) {
      counts[i]++;
      total++;
    } else if (counts[i] > 1) {
      counts[i]--;
      total--;
    }
  }
  return counts;
}

interface OrderColumns {
  customer: Int32Array;
  orderedAt: Float64Array;
  orderDay: Int32Array;
  total: Int32Array;
  refunded: Int32Array;
  status: Uint8Array;
  store: Uint8Array;
}

function placeOrders(people: People, counts: Int32Array, orders: number, options: ShopOptions, rng: Rng, zone: ZoneDays): OrderColumns {
  const o: OrderColumns = {
    customer: new Int32Array(orders), orderedAt: new Float64Array(orders), orderDay: new Int32Array(orders), total: new Int32Array(orders),
    refunded: new Int32Array(orders), status: new Uint8Array(orders), store: new Uint8Array(orders),
  };
  let k = 0;
  for (let i = 0; i < counts.length; i++) {
    for (let j = 0; j < counts[i]; j++, k++) {
      let time = people.firstAt[i];
      if (j > 0) {
        // A repeat purchase at a uniform time while alive (a Poisson process), in shop hours.
        const t = time + rng.next() * (people.aliveUntil[i] - time);
        time = zone.at(Math.min(options.lastDay, zone.dayOf(t)), openFrom + rng.next() * openFor);
      }
      o.customer[k] = i;
      o.orderedAt[k] = time;
      o.orderDay[k] = zone.dayOf(time);
      const total = Math.min(50_000_000, Math.max(5_000, Math.round(Math.exp(people.logSpend[i] + 0.6 * rng.normal()) / 100) * 100));
      o.total[k] = total;
      const r = rng.next();
      // 88 % completed, 3 % partly refunded, 3 % refunded, 6 % cancelled.
      const status = r < 0.88 ? 0 : r < 0.91 ? 1 : r < 0.94 ? 2 : 3;
      o.status[k] = status;
      o.refunded[k] = status === 1 ? Math.round(total * (0.1 + 0.5 * rng.next())) : status === 2 ? total : 0;
      const home = people.homeStore[i];
      o.store[k] = home > 0 ? (rng.chance(0.8) ? home : 0) : rng.chance(0.1) ? 1 + rng.int(12) : 0;
    }
  }
  return o;
}

// The orders by time (a counting sort by minute, stable), as a shop's table fills up.
function chronological(o: OrderColumns, start: number): OrderColumns {
  const n = o.customer.length;
  let maxMinute = 0;
  const minutes = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    minutes[k] = Math.floor((o.orderedAt[k] - start) / 60_000);
    if (minutes[k] > maxMinute) maxMinute = minutes[k];
  }
  const starts = new Int32Array(maxMinute + 2);
  for (let k = 0; k < n; k++) starts[minutes[k] + 1]++;
  for (let m = 1; m < starts.length; m++) starts[m] += starts[m - 1];
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[starts[minutes[k]]++] = k;
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(column: T, empty: T): T => {
    for (let k = 0; k < n; k++) empty[k] = column[order[k]];
    return empty;
  };
  return {
    customer: pick(o.customer, new Int32Array(n)), orderedAt: pick(o.orderedAt, new Float64Array(n)), orderDay: pick(o.orderDay, new Int32Array(n)),
    total: pick(o.total, new Int32Array(n)), refunded: pick(o.refunded, new Int32Array(n)), status: pick(o.status, new Uint8Array(n)),
    store: pick(o.store, new Uint8Array(n)),
  };
}

// Local days of a time zone with the offset of each day looked up once (Intl is slow per call). The
// offset of a day is the one at its noon, right for every shop-hours instant (DST changes at night).
class ZoneDays {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly timezone: string) {}

  /** The instant (whole ms) of a local time of day (ms since local midnight) on a local day. */
  at(day: number, msOfDay: number): number {
    return day * dayMs + Math.floor(msOfDay) - this.offset(day);
  }

  /** The local day of an instant in shop hours. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offset(Math.floor(ms / dayMs))) / dayMs);
  }

  private offset(day: number): number {
    let offset = this.offsets.get(day);
    if (offset === undefined) this.offsets.set(day, (offset = zoneOffset(day * dayMs + 12 * hourMs, this.timezone)));
    return offset;
  }
}

/** The order number a generated order gets in the shop (its external id): its id, zero-padded so that text order is id order. */
export function externalId(orderId: number): string {
  return String(orderId).padStart(10, '0');
}

/** The phone of a customer by index, unique up to 80 million: Moscow mobile blocks in ascending order. */
export function phoneOf(index: number): string {
  const blocks = ['903', '905', '909', '915', '916', '925', '926', '985'];
  const block = blocks[Math.floor(index / 10_000_000)];
  if (!block) throw new RangeError('the generator numbers at most 80 million phones');
  return `+7${block}${String(index % 10_000_000).padStart(7, '0')}`;
}
