import type { Condition, RuleGroup } from '../src/modules/segments/segment-rules.schemas.js';

// The segments benchmark's rules: what marketers ask of a shop, each as the product's rule and as
// hand-written DuckDB SQL over the same tables (a WHERE condition over customers c, their stats s
// and scores sc, see bench/segments-duckdb.ts), so the two counts can be compared. The DuckDB side
// is written from the rule language's documented semantics (docs/segments.md), not from the
// product's SQL: "not equal" and "not in" match a missing value, text ignores case and ё/е, "the
// last N days" are N×24 h before now, "days since the last order" counts Moscow calendar days.

/** Which target a rule is held to. */
export type RuleGroupKind = 'fields' | 'activity';

/** What the DuckDB side needs to know about "now". */
export interface DuckParams {
  now: number;
  /** Today's Moscow day number (days since 1970-01-01). */
  today: number;
}

/** A benchmark rule. */
export interface BenchRule {
  name: string;
  group: RuleGroupKind;
  rule: RuleGroup;
  duck: (p: DuckParams) => string;
}

const day = 86_400_000;
const moscowOffset = 3 * 3_600_000; // Moscow has kept UTC+3 all year since 2014
const and = (...rules: (RuleGroup | Condition)[]): RuleGroup => ({ kind: 'group', combinator: 'and', rules });
const or = (...rules: (RuleGroup | Condition)[]): RuleGroup => ({ kind: 'group', combinator: 'or', rules });
const not = (group: RuleGroup): RuleGroup => ({ ...group, not: true });
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const dayStart = (d: number) => d * day - moscowOffset;
const iso = (d: number) => new Date(d * day).toISOString().slice(0, 10);

// Customers with at least / more than n matching rows of a subquery grouped by customer.
// The subqueries' first table is events e, order_items i or orders o: its customer_id is the one grouped.
const having = (from: string, aggregate: string, cmp: string) => {
  const id = `${from.split(' ')[1]}.customer_id`;
  return `c.id in (select ${id} from ${from} group by ${id} having ${aggregate} ${cmp})`;
};
const events = (where: string) => `events e where ${where}`;
const items = (where: string) => `order_items i join orders o on o.id = i.order_id where o.status in ('completed', 'partially_refunded') and ${where}`;
const purchases = (where: string) => `orders o where o.status in ('completed', 'partially_refunded') and ${where}`;

// Month-days from today to today + n (29 February counts on 28 February of other years).
function anniversary(today: number, n: number): string[] {
  const out = new Set<string>();
  for (let d = today; d <= today + n; d++) {
    const date = new Date(d * day);
    const mmdd = iso(d).slice(5);
    out.add(mmdd);
    const y = date.getUTCFullYear();
    if (mmdd === '02-28' && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) out.add('02-29');
  }
  return [...out];
}

// The day `years` years before (a 29 February becomes the 28th).
function yearsAgo(today: number, years: number): string {
  const [y, m, d] = iso(today).split('-').map(Number) as [number, number, number];
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(m === 2 && d === 29 && !leap ? 28 : d).padStart(2, '0')}`;
}

const moscow: Condition = { kind: 'text', field: 'city', op: 'eq', value: 'москва' };
const productViewed = (days: number, op: 'atLeast' | 'atMost' | 'exactly', count: number): Condition => ({
  kind: 'event', type: 'track', name: 'Product Viewed', where: [], frequency: { op, count }, window: { kind: 'lastDays', days },
});
const viewedSql = (p: DuckParams, days: number) => events(`e.type = 'track' and e.name = 'Product Viewed' and e.timestamp >= ${p.now - days * day}`);

/** The suite: rules over fields, stats and scores, then rules over events and purchases. */
export const benchRules: BenchRule[] = [
  { name: 'city is Москва', group: 'fields', rule: and(moscow), duck: () => `kl(c.city) = 'москва'` },
  {
    name: 'city in (СПб, Казань, Екатеринбург) and female', group: 'fields',
    rule: and({ kind: 'text', field: 'city', op: 'in', values: ['Санкт-Петербург', 'Казань', 'Екатеринбург'] }, { kind: 'text', field: 'gender', op: 'eq', value: 'Female' }),
    duck: () => `kl(c.city) in ('санкт-петербург', 'казань', 'екатеринбург') and kl(c.gender) = 'female'`,
  },
  {
    name: 'birthday within 7 days', group: 'fields', rule: and({ kind: 'date', field: 'birthDate', op: 'anniversaryWithinDays', days: 7 }),
    duck: (p) => `substr(c.birth_date, 6, 5) in (${list(anniversary(p.today, 7))})`,
  },
  {
    name: 'age 25–34, not in Москва', group: 'fields',
    rule: and({ kind: 'date', field: 'birthDate', op: 'ageBetween', from: 25, toAge: 34 }, { kind: 'text', field: 'city', op: 'neq', value: 'МОСКВА' }),
    duck: (p) => `length(c.birth_date) >= 10 and c.birth_date <= '${yearsAgo(p.today, 25)}' and c.birth_date > '${yearsAgo(p.today, 35)}' and (c.city is null or kl(c.city) <> 'москва')`,
  },
  { name: '10 orders or more', group: 'fields', rule: and({ kind: 'stat', stat: 'ordersCount', op: 'gte', value: 10 }), duck: () => 's.orders_count >= 10' },
  {
    name: 'revenue between 10,000 and 50,000 ₽', group: 'fields', rule: and({ kind: 'stat', stat: 'revenue', op: 'between', value: 1_000_000, to: 5_000_000 }),
    duck: () => 's.revenue between 1000000 and 5000000',
  },
  {
    name: '2+ orders, none for 180 days', group: 'fields',
    rule: and({ kind: 'stat', stat: 'ordersCount', op: 'gte', value: 2 }, { kind: 'stat', stat: 'daysSinceLastOrder', op: 'gte', value: 180 }),
    duck: (p) => `s.orders_count >= 2 and s.last_order_at < ${dayStart(p.today - 179)}`,
  },
  {
    name: 'last order within 30 days', group: 'fields', rule: and({ kind: 'statDate', stat: 'lastOrderAt', op: 'withinLastDays', days: 30 }),
    duck: (p) => `s.last_order_at >= ${p.now - 30 * day}`,
  },
  { name: 'RFM group vip or loyal', group: 'fields', rule: and({ kind: 'class', score: 'rfmSegment', in: ['vip', 'loyal'] }), duck: () => `sc.rfm_segment in ('vip', 'loyal')` },
  {
    name: 'valuable at risk: ABC A, P(alive) < 0.5', group: 'fields',
    rule: and({ kind: 'class', score: 'abc', in: ['A'] }, { kind: 'score', score: 'pAlive', op: 'lt', value: 0.5 }),
    duck: () => `sc.abc = 'A' and sc.p_alive < 0.5`,
  },
  {
    name: 'has e-mail and e-mail consent', group: 'fields',
    rule: and({ kind: 'identifier', identifier: 'email', present: true }, { kind: 'consent', channel: 'email', status: 'granted' }),
    duck: () => `c.id in (select customer_id from customer_identifiers where kind = 'email') and c.id in (select customer_id from customer_consents where channel = 'email' and status = 'granted')`,
  },
  {
    name: 'SMS revoked or never asked', group: 'fields',
    rule: or({ kind: 'consent', channel: 'sms', status: 'revoked' }, { kind: 'consent', channel: 'sms', status: 'unknown' }),
    duck: () => `(c.id in (select customer_id from customer_consents where channel = 'sms' and status = 'revoked') or c.id not in (select customer_id from customer_consents where channel = 'sms'))`,
  },
  {
    name: 'nested: (Москва or СПб) and not (sleeping or churned loyal) and avg check ≥ 3,000 ₽', group: 'fields',
    rule: and(or(moscow, { kind: 'text', field: 'city', op: 'eq', value: 'Санкт-Петербург' }), not(or({ kind: 'class', score: 'rfmSegment', in: ['sleeping'] }, { kind: 'class', score: 'rfmSegment', in: ['churnedLoyal'] })), { kind: 'stat', stat: 'avgCheck', op: 'gte', value: 300_000 }),
    duck: () => `kl(c.city) in ('москва', 'санкт-петербург') and not coalesce(sc.rfm_segment in ('sleeping', 'churnedLoyal'), false) and s.avg_check >= 300000`,
  },
  {
    name: 'Москва, 3 заказа и больше, без покупок 90 дней', group: 'fields',
    rule: and(moscow, { kind: 'stat', stat: 'ordersCount', op: 'gte', value: 3 }, { kind: 'stat', stat: 'daysSinceLastOrder', op: 'gte', value: 90 }),
    duck: (p) => `kl(c.city) = 'москва' and s.orders_count >= 3 and s.last_order_at < ${dayStart(p.today - 89)}`,
  },
  {
    name: 'trait tier gold or platinum, predicted CLV ≥ 5,000 ₽', group: 'fields',
    rule: and({ kind: 'trait', trait: 'tier', type: 'text', op: 'in', values: ['gold', 'platinum'] }, { kind: 'score', score: 'predictedClv', op: 'gte', value: 500_000 }),
    duck: () => `c.tier in ('gold', 'platinum') and sc.predicted_clv >= 500000`,
  },
  {
    name: 'registered in the last 90 days without an e-mail', group: 'fields',
    rule: and({ kind: 'date', field: 'createdAt', op: 'withinLastDays', days: 90 }, { kind: 'identifier', identifier: 'email', present: false }),
    duck: (p) => `c.created_at >= ${p.now - 90 * day} and c.id not in (select customer_id from customer_identifiers where kind = 'email')`,
  },
  { name: 'viewed a product 3+ times in 30 days', group: 'activity', rule: and(productViewed(30, 'atLeast', 3)), duck: (p) => having(viewedSql(p, 30), 'count(*)', '>= 3') },
  {
    name: 'added shoes to the cart in 90 days', group: 'activity',
    rule: and({ kind: 'event', type: 'track', name: 'Product Added', where: [{ path: 'category', op: 'eq', value: 'обувь' }], frequency: { op: 'atLeast', count: 1 }, window: { kind: 'lastDays', days: 90 } }),
    duck: (p) => having(events(`e.type = 'track' and e.name = 'Product Added' and e.timestamp >= ${p.now - 90 * day} and kl(e.category) = 'обувь'`), 'count(*)', '>= 1'),
  },
  {
    name: 'viewed products of 5,000 ₽ or more 5+ times in a year', group: 'activity',
    rule: and({ kind: 'event', type: 'track', name: 'Product Viewed', where: [{ path: 'price', op: 'gte', value: 5000 }], frequency: { op: 'atLeast', count: 5 }, window: { kind: 'lastDays', days: 365 } }),
    duck: (p) => having(events(`e.type = 'track' and e.name = 'Product Viewed' and e.timestamp >= ${p.now - 365 * day} and e.price >= 5000`), 'count(*)', '>= 5'),
  },
  {
    name: '10+ page views in 30 days', group: 'activity',
    rule: and({ kind: 'event', type: 'page', where: [], frequency: { op: 'atLeast', count: 10 }, window: { kind: 'lastDays', days: 30 } }),
    duck: (p) => having(events(`e.type = 'page' and e.timestamp >= ${p.now - 30 * day}`), 'count(*)', '>= 10'),
  },
  {
    name: 'came from a Yandex campaign in 180 days (context)', group: 'activity',
    rule: and({ kind: 'event', type: 'page', where: [{ path: 'context.campaign.source', op: 'eq', value: 'yandex' }], frequency: { op: 'atLeast', count: 1 }, window: { kind: 'lastDays', days: 180 } }),
    duck: (p) => having(events(`e.type = 'page' and e.timestamp >= ${p.now - 180 * day} and kl(e.campaign_source) = 'yandex'`), 'count(*)', '>= 1'),
  },
  {
    name: 'added to the cart but never started a checkout in a year', group: 'activity',
    rule: and(
      { kind: 'event', type: 'track', name: 'Product Added', where: [], frequency: { op: 'atLeast', count: 1 }, window: { kind: 'lastDays', days: 365 } },
      { kind: 'event', type: 'track', name: 'Checkout Started', where: [], frequency: { op: 'exactly', count: 0 }, window: { kind: 'lastDays', days: 365 } },
    ),
    duck: (p) => `${having(events(`e.type = 'track' and e.name = 'Product Added' and e.timestamp >= ${p.now - 365 * day}`), 'count(*)', '>= 1')}
      and c.id not in (select customer_id from events e where e.type = 'track' and e.name = 'Checkout Started' and e.timestamp >= ${p.now - 365 * day})`,
  },
  {
    name: 'bought shoes in 2+ orders', group: 'activity',
    rule: and({ kind: 'purchase', product: { by: 'category', values: ['Обувь'] }, measure: 'orders', op: 'atLeast', value: 2, window: { kind: 'ever' } }),
    duck: () => having(items(`kl(i.category) = 'обувь'`), 'count(distinct o.id)', '>= 2'),
  },
  {
    name: 'spent 10,000 ₽+ on electronics in a year', group: 'activity',
    rule: and({ kind: 'purchase', product: { by: 'category', values: ['электроника'] }, measure: 'amount', op: 'atLeast', value: 1_000_000, window: { kind: 'lastDays', days: 365 } }),
    duck: (p) => having(items(`kl(i.category) = 'электроника' and o.ordered_at >= ${p.now - 365 * day}`), 'sum(i.price * i.quantity)', '>= 1000000'),
  },
  {
    name: '3+ orders in a year', group: 'activity',
    rule: and({ kind: 'purchase', measure: 'orders', op: 'atLeast', value: 3, window: { kind: 'lastDays', days: 365 } }),
    duck: (p) => having(purchases(`o.ordered_at >= ${p.now - 365 * day}`), 'count(*)', '>= 3'),
  },
  {
    name: 'abandoned a cart (24 h) in 30 days', group: 'activity', rule: and({ kind: 'cartAbandoned', hours: 24, window: { kind: 'lastDays', days: 30 } }),
    duck: (p) => `c.id in (select e.customer_id from events e where e.type = 'track'
      and e.name in ('Product Added', 'Cart Viewed', 'Checkout Started', 'Checkout Step Viewed', 'Payment Info Entered')
      and e.timestamp >= ${p.now - 30 * day} and e.timestamp <= ${p.now - 24 * 3_600_000}
      and not exists (select 1 from orders o where o.customer_id = e.customer_id and o.ordered_at >= e.timestamp and o.ordered_at < e.timestamp + ${24 * 3_600_000}))`,
  },
  {
    name: 'Москва, viewed in 7 days, no order in 30 days', group: 'activity',
    rule: and(moscow, productViewed(7, 'atLeast', 1), not(and({ kind: 'purchase', measure: 'orders', op: 'atLeast', value: 1, window: { kind: 'lastDays', days: 30 } }))),
    duck: (p) => `kl(c.city) = 'москва' and ${having(viewedSql(p, 7), 'count(*)', '>= 1')} and not (${having(purchases(`o.ordered_at >= ${p.now - 30 * day}`), 'count(*)', '>= 1')})`,
  },
  {
    name: '5+ orders, at most 2 product views in 90 days', group: 'activity',
    rule: and({ kind: 'stat', stat: 'ordersCount', op: 'gte', value: 5 }, productViewed(90, 'atMost', 2)),
    duck: (p) => `s.orders_count >= 5 and not (${having(viewedSql(p, 90), 'count(*)', '> 2')})`,
  },
];

/** The probe rule of the membership-latency run: customers who sent the probe event. */
export const probeRule: RuleGroup = and({ kind: 'event', type: 'track', name: 'Segment Probe', where: [], frequency: { op: 'atLeast', count: 1 }, window: { kind: 'ever' } });

/** 49 live rules for the ingestion runs: the suite, and the same by other cities and categories. */
export function liveRules(): { name: string; rule: RuleGroup }[] {
  const out = benchRules.map((r) => ({ name: r.name, rule: r.rule }));
  const cities = ['Санкт-Петербург', 'Казань', 'Екатеринбург', 'Новосибирск', 'Нижний Новгород', 'Самара', 'Ростов-на-Дону', 'Краснодар', 'Пермь', 'Уфа', 'Воронеж'];
  for (const city of cities) out.push({ name: `${city}, 2+ orders`, rule: and({ kind: 'text', field: 'city', op: 'eq', value: city }, { kind: 'stat', stat: 'ordersCount', op: 'gte', value: 2 }) });
  for (const category of ['Одежда', 'Аксессуары', 'Дом', 'Красота', 'Спорт', 'Детям', 'Электроника', 'Обувь']) {
    out.push({ name: `viewed ${category} in 30 days`, rule: and({ kind: 'event', type: 'track', name: 'Product Viewed', where: [{ path: 'category', op: 'eq', value: category }], frequency: { op: 'atLeast', count: 1 }, window: { kind: 'lastDays', days: 30 } }) });
  }
  out.push({ name: 'added a product in 7 days', rule: and({ kind: 'event', type: 'track', name: 'Product Added', where: [], frequency: { op: 'atLeast', count: 1 }, window: { kind: 'lastDays', days: 7 } }) });
  out.push({ name: 'searched 3+ times in 30 days', rule: and({ kind: 'event', type: 'track', name: 'Products Searched', where: [], frequency: { op: 'atLeast', count: 3 }, window: { kind: 'lastDays', days: 30 } }) });
  return out.slice(0, 49);
}
