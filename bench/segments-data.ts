import { deriveSeed, Rng } from '../src/modules/demo/demo.random.js';
import type { Shop } from './analytics-data.js';
import type { EventColumns } from '../src/modules/ingest/event-columns.js';
import { foldText } from '../src/platform/db/fold.js';

// What the segments benchmark adds to the analytics benchmark's shop (bench/analytics-data.ts),
// deterministic by seed: profiles (city, gender, birth date, e-mail, a loyalty tier trait), consents,
// one line per order with a product category, and tracking events over the last two years,
// most of them from the customers who buy most (a customer is drawn by picking a random order).

/** Cities and their shares; the first is the one the benchmark's "Москва" rules ask about. */
export const benchCities = [['Москва', 0.3], ['Санкт-Петербург', 0.15], ['Казань', 0.06], ['Екатеринбург', 0.06], ['Новосибирск', 0.05], ['Нижний Новгород', 0.05], ['Самара', 0.04], ['Ростов-на-Дону', 0.04], ['Краснодар', 0.05], ['Пермь', 0.04], ['Уфа', 0.04], ['Воронеж', 0.04]] as const;
/** Product categories of order lines and product events. */
export const benchCategories = ['Обувь', 'Одежда', 'Аксессуары', 'Электроника', 'Дом', 'Красота', 'Спорт', 'Детям'] as const;
/** Tracked event kinds and their shares; index 0 is a page view. */
export const benchEventKinds = [
  ['page', null, 0.4], ['track', 'Product Viewed', 0.3], ['track', 'Products Searched', 0.08], ['track', 'Product Added', 0.1],
  ['track', 'Cart Viewed', 0.05], ['track', 'Checkout Started', 0.04], ['track', 'Order Completed', 0.03],
] as const;
/** Page names of page views (and their paths). */
export const benchPages = [['Главная', '/'], ['Каталог', '/catalog'], ['Распродажа', '/sale'], ['Доставка', '/delivery'], ['Корзина', '/cart']] as const;
/** Loyalty tiers written as the `tier` trait (a fifth of the customers have none). */
export const benchTiers = ['bronze', 'silver', 'gold', 'platinum'] as const;

const dayMs = 86_400_000;

/** Per-customer profile columns, by customer index. */
export interface Profiles {
  /** Index into benchCities. */
  city: Uint8Array;
  /** 0 none, 1 female, 2 male. */
  gender: Uint8Array;
  /** Birth day as days since 1970-01-01, or NaN when unknown. */
  birthDay: Float64Array;
  hasEmail: Uint8Array;
  /** 0 none, else 1 + index into benchTiers. */
  tier: Uint8Array;
  /** Consent per channel: 0 never asked, 1 granted, 2 revoked. */
  emailConsent: Uint8Array;
  smsConsent: Uint8Array;
  /** Favourite category (most of a customer's orders and product events). */
  favourite: Uint8Array;
}

/** Generates the customers' profiles. */
export function generateProfiles(shop: Shop): Profiles {
  const n = shop.createdAt.length;
  const rng = new Rng(deriveSeed(shop.options.seed, 101));
  const p: Profiles = {
    city: new Uint8Array(n), gender: new Uint8Array(n), birthDay: new Float64Array(n), hasEmail: new Uint8Array(n), tier: new Uint8Array(n),
    emailConsent: new Uint8Array(n), smsConsent: new Uint8Array(n), favourite: new Uint8Array(n),
  };
  const cityCumulative: number[] = [];
  let sum = 0;
  for (const [, share] of benchCities) cityCumulative.push((sum += share));
  const today = shop.options.lastDay;
  for (let i = 0; i < n; i++) {
    const u = rng.next() * sum;
    p.city[i] = Math.max(0, cityCumulative.findIndex((c) => u < c));
    p.gender[i] = rng.chance(0.1) ? 0 : rng.chance(0.62) ? 1 : 2;
    // Ages 18–75, a third unknown.
    p.birthDay[i] = rng.chance(0.33) ? Number.NaN : today - Math.floor((18 + rng.next() * 57) * 365.25);
    p.hasEmail[i] = rng.chance(0.7) ? 1 : 0;
    p.tier[i] = rng.chance(0.2) ? 0 : 1 + rng.int(benchTiers.length);
    p.emailConsent[i] = p.hasEmail[i] === 0 || rng.chance(0.3) ? 0 : rng.chance(0.8) ? 1 : 2;
    p.smsConsent[i] = rng.chance(0.4) ? 0 : rng.chance(0.75) ? 1 : 2;
    p.favourite[i] = rng.int(benchCategories.length);
  }
  return p;
}

/** The category of each order's one line: the customer's favourite most of the time. */
export function generateOrderCategories(shop: Shop, profiles: Profiles): Uint8Array {
  const rng = new Rng(deriveSeed(shop.options.seed, 102));
  const out = new Uint8Array(shop.customer.length);
  for (let k = 0; k < out.length; k++) out[k] = rng.chance(0.6) ? (profiles.favourite[shop.customer[k]] ?? 0) : rng.int(benchCategories.length);
  return out;
}

/** Tracking events as columns, in time order. */
export interface Events {
  customer: Int32Array;
  timestamp: Float64Array;
  /** Index into benchEventKinds. */
  kind: Uint8Array;
  /** Product events: index into benchCategories; page views: index into benchPages. */
  detail: Uint8Array;
  /** Product events: price in roubles. */
  price: Int32Array;
  /** Page views: 1 when the visit came from a Yandex campaign (context.campaign.source). */
  campaign: Uint8Array;
}

/**
 * Generates `count` events over the two years up to the shop's last day: 60 % near one of the
 * customer's orders (browsing in the days before it), 40 % at a uniform time after the customer
 * arrived; either way customers with more orders have more events.
 */
export function generateEvents(shop: Shop, profiles: Profiles, count: number): Events {
  const rng = new Rng(deriveSeed(shop.options.seed, 103));
  const orders = shop.customer.length;
  const end = (shop.options.lastDay + 1) * dayMs - 3 * 3_600_000; // 21:00 UTC of the last day: within it in Moscow
  const start = end - 730 * dayMs;
  const raw = { customer: new Int32Array(count), timestamp: new Float64Array(count), kind: new Uint8Array(count), detail: new Uint8Array(count), price: new Int32Array(count), campaign: new Uint8Array(count) };
  const kindCumulative: number[] = [];
  let sum = 0;
  for (const [, , share] of benchEventKinds) kindCumulative.push((sum += share));
  for (let e = 0; e < count; e++) {
    const k = rng.int(orders);
    const customer = shop.customer[k] ?? 0;
    const created = Math.max(start, shop.createdAt[customer] ?? start);
    let t = rng.chance(0.6) ? (shop.orderedAt[k] ?? end) - rng.exponential(3) * dayMs : created + rng.next() * (end - created);
    if (t < created || t < start || t >= end) t = created + rng.next() * (end - created);
    raw.customer[e] = customer;
    raw.timestamp[e] = Math.floor(Math.min(end - 1, Math.max(start, t)));
    const u = rng.next() * sum;
    const kind = Math.max(0, kindCumulative.findIndex((c) => u < c));
    raw.kind[e] = kind;
    if (kind === 0) {
      raw.detail[e] = rng.int(benchPages.length);
      raw.campaign[e] = rng.chance(0.2) ? 1 : 0;
    } else {
      raw.detail[e] = rng.chance(0.6) ? (profiles.favourite[customer] ?? 0) : rng.int(benchCategories.length);
      raw.price[e] = 100 * Math.round(Math.exp(Math.log(2500) + 0.8 * rng.normal()) / 100) + 90;
    }
  }
  return inTimeOrder(raw, start);
}

// A stable counting sort by minute, as a table fills in time order.
function inTimeOrder(raw: Events, start: number): Events {
  const n = raw.customer.length;
  const minute = (i: number) => Math.floor(((raw.timestamp[i] ?? start) - start) / 60_000);
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, minute(i));
  const starts = new Int32Array(max + 2);
  for (let i = 0; i < n; i++) starts[minute(i) + 1]++;
  for (let m = 1; m < starts.length; m++) starts[m] += starts[m - 1] ?? 0;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[starts[minute(i)]++] = i;
  const pick = <T extends Int32Array | Float64Array | Uint8Array>(column: T, out: T): T => {
    for (let i = 0; i < n; i++) out[i] = column[order[i] ?? 0] ?? 0;
    return out;
  };
  return {
    customer: pick(raw.customer, new Int32Array(n)), timestamp: pick(raw.timestamp, new Float64Array(n)), kind: pick(raw.kind, new Uint8Array(n)),
    detail: pick(raw.detail, new Uint8Array(n)), price: pick(raw.price, new Int32Array(n)), campaign: pick(raw.campaign, new Uint8Array(n)),
  };
}

/** An event's name, properties and context as the tracking API would have stored them. */
export function eventRow(events: Events, e: number): { type: string; name: string; properties: string; context: string } & EventColumns {
  const kind = benchEventKinds[events.kind[e] ?? 0] ?? benchEventKinds[0];
  const detail = events.detail[e] ?? 0;
  if (kind[0] === 'page') {
    const page = benchPages[detail] ?? benchPages[0];
    const campaign = events.campaign[e] === 1;
    return {
      type: 'page', name: page[0], properties: JSON.stringify({ path: page[1] }),
      context: campaign ? '{"campaign":{"source":"yandex","medium":"cpc"}}' : '{}',
      category_key: null, price: null, campaign_source_key: campaign ? 'yandex' : null,
    };
  }
  const category = benchCategories[detail] ?? null;
  const price = events.price[e] ?? null;
  return {
    type: 'track', name: kind[1] ?? '', properties: JSON.stringify({ category, price }), context: '{}',
    category_key: category === null ? null : foldText(category), price, campaign_source_key: null,
  };
}

/** An ISO day of a day number. */
export function isoOfDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}
