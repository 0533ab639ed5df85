import { beforeAll, describe, expect, it } from 'vitest';
import { isValidEan13 } from './demo.codes.js';
import { generateDemoShop } from './demo.generator.js';
import type { DemoChunk, DemoCustomer, DemoEvent, DemoOrder, DemoShopOptions } from './demo.types.js';

// One demo-sized shop, generated once and checked from many angles.
const endDate = Date.UTC(2025, 5, 30, 21, 0, 0); // 1 July 2025, 00:00 in Moscow
const yearMs = 365.25 * 86_400_000;
const start = endDate - 3 * yearMs;
const options: DemoShopOptions = { seed: 42, customers: 20_000, endDate };
const moscowMonth = (t: number): number => new Date(t + 3 * 3_600_000).getUTCMonth();

interface Shop {
  chunks: DemoChunk[];
  customers: DemoCustomer[];
  orders: DemoOrder[];
  events: DemoEvent[];
}

function collect(shopOptions: DemoShopOptions): Shop {
  const chunks = [...generateDemoShop(shopOptions)];
  return {
    chunks,
    customers: chunks.flatMap((c) => c.customers),
    orders: chunks.flatMap((c) => c.orders),
    events: chunks.flatMap((c) => c.events),
  };
}

/** Revenue of completed orders per customer key. */
function revenueByCustomer(orders: DemoOrder[]): Map<string, number> {
  const revenue = new Map<string, number>();
  for (const order of orders) {
    if (order.status === 'completed') revenue.set(order.customerKey, (revenue.get(order.customerKey) ?? 0) + order.total);
  }
  return revenue;
}

let shop: Shop;
beforeAll(() => {
  shop = collect(options);
});

describe('generateDemoShop determinism', () => {
  it('gives the same first chunk for the same seed and a different one for another seed', () => {
    const first = generateDemoShop({ ...options, customers: 1000 }).next().value;
    const again = generateDemoShop({ ...options, customers: 1000 }).next().value;
    const other = generateDemoShop({ ...options, customers: 1000, seed: 43 }).next().value;
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(other?.customers[0].phone).not.toBe(first?.customers[0].phone);
  });

  it('does not depend on the chunk size, and events can be switched off without changing orders', () => {
    const small = collect({ ...options, customers: 1500, chunkSize: 250 });
    const big = collect({ ...options, customers: 1500, chunkSize: 1000 });
    const quiet = collect({ ...options, customers: 1500, eventsPerCustomer: 0 });
    expect(small.chunks).toHaveLength(6);
    expect(small.customers).toEqual(big.customers);
    expect(small.orders).toEqual(big.orders);
    expect(small.events).toEqual(big.events);
    expect(quiet.events).toHaveLength(0);
    expect(quiet.orders).toEqual(big.orders);
    expect(shop.customers.slice(0, 1500)).toEqual(big.customers);
  });
});

describe('generateDemoShop customers', () => {
  it('yields exactly the requested customers in chunks of 1000 with stable keys', () => {
    expect(shop.chunks.map((c) => c.index)).toEqual([...Array(20).keys()]);
    expect(shop.chunks.every((c) => c.customers.length === 1000)).toBe(true);
    expect(shop.customers).toHaveLength(20_000);
    expect(shop.customers[0].key).toBe('demo-000001');
    expect(shop.customers[19_999].key).toBe('demo-020000');
    expect(collect({ ...options, customers: 0 }).chunks).toHaveLength(0);
  });

  it('gives every customer a unique valid Russian mobile, and unique e-mails and cards', () => {
    const phones = shop.customers.map((c) => c.phone);
    expect(phones.every((p) => /^\+79\d{9}$/.test(p))).toBe(true);
    expect(new Set(phones).size).toBe(phones.length);
    const emails = shop.customers.flatMap((c) => (c.email ? [c.email] : []));
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails.every((e) => /^[a-z][a-z._]*\d+@(mail\.ru|yandex\.ru|ya\.ru|gmail\.com|bk\.ru|inbox\.ru|list\.ru|rambler\.ru)$/.test(e))).toBe(true);
    const cards = shop.customers.flatMap((c) => (c.cardNumber ? [c.cardNumber] : []));
    expect(cards.every(isValidEan13)).toBe(true);
    expect(new Set(cards).size).toBe(cards.length);
  });

  it('fills optional fields in realistic shares', () => {
    const share = (pick: (c: DemoCustomer) => boolean): number => shop.customers.filter(pick).length / shop.customers.length;
    expect(share((c) => c.email !== null)).toBeGreaterThan(0.65);
    expect(share((c) => c.email !== null)).toBeLessThan(0.75);
    expect(share((c) => c.middleName !== null)).toBeCloseTo(0.4, 1);
    expect(share((c) => c.birthDate !== null)).toBeCloseTo(0.6, 1);
    expect(share((c) => c.cardNumber !== null)).toBeCloseTo(0.5, 1);
    expect(share((c) => c.gender === 'female')).toBeGreaterThan(0.5);
    expect(share((c) => c.city === 'Москва')).toBeGreaterThan(share((c) => c.city === 'Санкт-Петербург'));
    expect(share((c) => c.city === 'Санкт-Петербург')).toBeGreaterThan(share((c) => c.city === 'Новосибирск'));
    expect(share((c) => c.consentEmail && c.email === null)).toBe(0);
    expect(new Set(shop.customers.map((c) => c.device))).toEqual(new Set(['desktop', 'mobile', 'tablet']));
    expect(new Set(shop.customers.map((c) => c.source)).size).toBeGreaterThanOrEqual(6);
  });

  it('makes names agree with gender', () => {
    const firstNames = { male: new Set<string>(), female: new Set<string>() };
    for (const c of shop.customers) firstNames[c.gender].add(c.firstName);
    // Russian female surnames of these types end in -а/-ая (Иванова, Толстая); male ones never do.
    expect(shop.customers.filter((c) => /[ая]$/.test(c.lastName) !== (c.gender === 'female'))).toEqual([]);
    expect(shop.customers.filter((c) => c.middleName && !c.middleName.endsWith(c.gender === 'male' ? 'ич' : 'на'))).toEqual([]);
    expect([...firstNames.male].filter((name) => firstNames.female.has(name))).toEqual([]);
  });

  it('keeps birth dates to ages 18–75 and registrations inside the history', () => {
    const end = new Date(endDate);
    const ageOf = (birthDate: string): number => {
      const [y, m, d] = birthDate.split('-').map(Number);
      const hadBirthday = end.getUTCMonth() + 1 > m || (end.getUTCMonth() + 1 === m && end.getUTCDate() >= d);
      return end.getUTCFullYear() - y - (hadBirthday ? 0 : 1);
    };
    const ages = shop.customers.flatMap((c) => (c.birthDate ? [ageOf(c.birthDate)] : []));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(18);
    expect(Math.max(...ages)).toBeLessThanOrEqual(75);
    // Mostly working-age adults, as in a clothing shop's base.
    expect(ages.filter((age) => age >= 25 && age <= 45).length / ages.length).toBeGreaterThan(0.5);
    expect(shop.customers.filter((c) => c.createdAt < start || c.createdAt > endDate)).toEqual([]);
  });
});

describe('generateDemoShop orders', () => {
  it('numbers orders uniquely and keeps totals consistent with items and discounts', () => {
    const ids = shop.orders.map((o) => o.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe('D-0000001');
    // Collect offenders instead of asserting per order: the failure message then shows what broke.
    const broken = shop.orders.filter((order) => {
      const subtotal = order.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
      return order.total !== subtotal - order.discount || order.discount < 0 || order.total <= 0 ||
        order.items.length === 0 || (order.storeId === null) !== (order.channel === 'online') ||
        order.items.some((i) => !Number.isInteger(i.price) || i.price < 49_000 || i.price > 2_999_000 || i.quantity < 1);
    });
    expect(broken).toEqual([]);
  });

  it('places orders inside the history, after registration, in time order per customer', () => {
    const created = new Map(shop.customers.map((c) => [c.key, c.createdAt]));
    const misplaced = shop.orders.filter((order, i) => {
      const previous = shop.orders[i - 1];
      return order.orderedAt < start || order.orderedAt > endDate ||
        order.orderedAt < (created.get(order.customerKey) ?? Infinity) ||
        (previous?.customerKey === order.customerKey && order.orderedAt <= previous.orderedAt);
    });
    expect(misplaced).toEqual([]);
  });

  it('has a shop-like mix: channels, statuses, average check, one-time buyers and customers who never bought', () => {
    const completed = shop.orders.filter((o) => o.status === 'completed');
    const share = (pick: (o: DemoOrder) => boolean): number => shop.orders.filter(pick).length / shop.orders.length;
    expect(share((o) => o.channel === 'offline')).toBeGreaterThan(0.2);
    expect(share((o) => o.channel === 'offline')).toBeLessThan(0.3);
    expect(new Set(shop.orders.flatMap((o) => (o.storeId ? [o.storeId] : []))).size).toBe(6);
    expect(share((o) => o.status === 'cancelled')).toBeCloseTo(0.03, 2);
    expect(share((o) => o.status === 'refunded')).toBeCloseTo(0.02, 2);
    const averageCheckRub = completed.reduce((sum, o) => sum + o.total, 0) / completed.length / 100;
    expect(averageCheckRub).toBeGreaterThan(3000);
    expect(averageCheckRub).toBeLessThan(4500);
    const counts = new Map<string, number>();
    for (const order of shop.orders) counts.set(order.customerKey, (counts.get(order.customerKey) ?? 0) + 1);
    const noOrders = 1 - counts.size / shop.customers.length;
    expect(noOrders).toBeGreaterThan(0.1);
    expect(noOrders).toBeLessThan(0.2);
    const oneTime = [...counts.values()].filter((n) => n === 1).length / shop.customers.length;
    expect(oneTime).toBeGreaterThan(0.45);
    expect(oneTime).toBeLessThan(0.55);
    expect([...counts.values()].filter((n) => n >= 10).length / shop.customers.length).toBeGreaterThan(0.03);
  });

  it('concentrates revenue Pareto-style: the top 20% of buyers bring 65–90% of it', () => {
    const revenues = [...revenueByCustomer(shop.orders).values()].sort((a, b) => b - a);
    const total = revenues.reduce((sum, r) => sum + r, 0);
    const top = revenues.slice(0, Math.round(revenues.length * 0.2)).reduce((sum, r) => sum + r, 0);
    expect(top / total).toBeGreaterThan(0.65);
    expect(top / total).toBeLessThan(0.9);
  });

  it('follows the retail season: December beats February, Black Friday beats an ordinary Friday', () => {
    const byMonth = new Array<number>(12).fill(0);
    for (const order of shop.orders) if (order.status === 'completed') byMonth[moscowMonth(order.orderedAt)] += order.total;
    expect(byMonth[11] / byMonth[1]).toBeGreaterThanOrEqual(1.3);
    expect(byMonth[0]).toBeLessThan(byMonth[11]);
    const day = (y: number, m: number, d: number): number =>
      shop.orders.filter((o) => {
        const local = new Date(o.orderedAt + 3 * 3_600_000);
        return local.getUTCFullYear() === y && local.getUTCMonth() === m && local.getUTCDate() === d;
      }).length;
    // Black Friday 2024 (29 November) against the Friday two weeks before it.
    expect(day(2024, 10, 29)).toBeGreaterThan(1.8 * day(2024, 10, 15));
  });

  it('brings in more new customers in the last year than in the first', () => {
    const firstYear = shop.customers.filter((c) => c.createdAt < start + yearMs).length;
    const lastYear = shop.customers.filter((c) => c.createdAt >= endDate - yearMs).length;
    expect(lastYear).toBeGreaterThan(1.5 * firstYear);
  });

  it('scales orders to a requested average, as benchmarks need', () => {
    const bench = collect({ ...options, customers: 5000, ordersPerCustomer: 10, eventsPerCustomer: 0 });
    expect(bench.orders.length / 5000).toBeGreaterThan(8.5);
    expect(bench.orders.length / 5000).toBeLessThan(11.5);
  });
});

describe('generateDemoShop events', () => {
  it('averages 5–10 events per customer with unique ids, inside the history, in time order', () => {
    expect(shop.events.length / shop.customers.length).toBeGreaterThan(5);
    expect(shop.events.length / shop.customers.length).toBeLessThan(10);
    expect(new Set(shop.events.map((e) => e.messageId)).size).toBe(shop.events.length);
    const misplaced = shop.events.filter((event, i) => {
      const previous = shop.events[i - 1];
      return event.timestamp < start || event.timestamp > endDate ||
        (previous?.customerKey === event.customerKey && event.timestamp < previous.timestamp);
    });
    expect(misplaced).toEqual([]);
    expect(new Set(shop.events.map((e) => e.name))).toEqual(
      new Set(['Главная', 'Каталог', 'Товар', 'Product Viewed', 'Product Added', 'Cart Viewed', 'Checkout Started']),
    );
  });

  it('leads online orders with a checkout and leaves abandoned carts with no order within a day', () => {
    const ordersOf = new Map<string, number[]>();
    for (const order of shop.orders) ordersOf.set(order.customerKey, [...(ordersOf.get(order.customerKey) ?? []), order.orderedAt]);
    let converted = 0;
    let abandoned = 0;
    for (const event of shop.events) {
      if (event.name !== 'Checkout Started') continue;
      const times = ordersOf.get(event.customerKey) ?? [];
      if (times.some((t) => t > event.timestamp && t - event.timestamp <= 60 * 60_000)) converted++;
      else if (!times.some((t) => t > event.timestamp && t - event.timestamp <= 86_400_000)) abandoned++;
      else throw new Error(`checkout of ${event.customerKey} neither converts within an hour nor is abandoned`);
    }
    expect(converted).toBeGreaterThan(1000);
    expect(abandoned).toBeGreaterThan(1000);
  });
});
