import { type RawBuilder, sql } from 'kysely';
import { boundInstant } from '../../common/time-bounds.js';
import { purchaseStatuses } from '../../common/purchase-statuses.js';
import { foldText } from '../../platform/db/fold.js';
import { inIds } from '../../platform/db/id-list-sql.js';
import { jsonValue } from '../../platform/db/json-sql.js';
import type { RuleContext } from './rule-sql.js';
import { numberSql, textSql, type TextTerm } from './rule-sql-terms.js';
import type { Condition, EventCondition, PropertyCondition, PurchaseCondition, RuleWindow } from './segment-rules.schemas.js';

// Conditions on what customers did: events, purchases, abandoned carts. Each is a set of customer
// ids from an indexed scan of events or orders (grouped and counted where a frequency is asked),
// tested with `c.id in (…)`; "at most N" and "exactly 0" are the complement of "more than N".
//
// Over the whole workspace, events are read by type, name and time and order lines by category
// (migration 2026-12-08T00-segment-activity-indexes), and their ids grouped in a temporary B-tree.
// Those ids are selected as `+x.customer_id`, an expression rather than the column, so that SQLite
// never walks an index in customer order to save that sort: that read every event or order line of
// the workspace, at random. Orders are the exception: their customer index covers what conditions
// read, so walking it in customer order reads the index alone. With a few customers
// (ctx.customerIds) every scan goes by customer.

const hour = 3_600_000;
const day = 24 * hour;

/** Segment-spec events that put something in a cart or start a checkout. */
export const cartEvents = ['Product Added', 'Cart Viewed', 'Checkout Started', 'Checkout Step Viewed', 'Payment Info Entered'];

/** The instants a window covers: [from, to), either end open when null. */
export function windowBounds(window: RuleWindow, ctx: Pick<RuleContext, 'now' | 'timezone'>): { from: number | null; to: number | null } {
  switch (window.kind) {
    case 'ever': return { from: null, to: null };
    case 'lastDays': return { from: ctx.now - window.days * day, to: null };
    case 'between': return { from: boundInstant(window.from, 'from', ctx.timezone), to: boundInstant(window.to, 'to', ctx.timezone) };
  }
}

// Restricts a subquery to the customers being evaluated, when only a few are.
// (The ids are one bound parameter, so the statement's text is the same whatever they are.)
function onlySql(column: RawBuilder<unknown>, ctx: RuleContext): RawBuilder<boolean>[] {
  return ctx.customerIds ? [inIds(ctx.caps, column, ctx.customerIds)] : [];
}

function windowSql(column: RawBuilder<unknown>, window: RuleWindow, ctx: RuleContext): RawBuilder<boolean>[] {
  const { from, to } = windowBounds(window, ctx);
  const parts: RawBuilder<boolean>[] = [];
  if (from !== null) parts.push(sql<boolean>`${column} >= ${from}`);
  if (to !== null) parts.push(sql<boolean>`${column} < ${to}`);
  return parts;
}

/**
 * The events table as `e`, read through the index that suits: by customer (and time) for a few
 * customers, by type, name and time over a workspace. SQLite is told which (INDEXED BY): without
 * statistics, or with the customer index covering what a query reads, its planner could take the
 * other and read every event of the workspace. PostgreSQL plans from its statistics.
 */
export function eventsTable(ctx: Pick<RuleContext, 'caps'>, by: 'customer' | 'name'): RawBuilder<unknown> {
  if (ctx.caps.name === 'postgres') return sql`events e`;
  return by === 'customer' ? sql`events e indexed by events_customer_time` : sql`events e indexed by events_name_time`;
}

/** A condition on what customers did. */
export type ActivityCondition = Extract<Condition, { kind: 'event' | 'purchase' | 'cartAbandoned' }>;

/**
 * Who an activity condition holds for: everyone, or the customers in (or not in) the ids a query
 * selects (one column of customer ids, never null). Previews read the set once; rule SQL tests
 * `c.id in (…)`.
 */
export type ActivityMembers = { kind: 'all' } | { kind: 'in' | 'notIn'; ids: RawBuilder<unknown> };

/** The SQL of an event, purchase or abandoned-cart condition. */
export function activitySql(cond: ActivityCondition, ctx: RuleContext): RawBuilder<boolean> {
  const known = ctx.activity?.get(cond);
  if (known) return inIds(ctx.caps, sql`c.id`, known);
  const members = activityMembers(cond, ctx);
  if (members.kind === 'all') return sql<boolean>`(1 = 1)`;
  return members.kind === 'in' ? sql<boolean>`(c.id in (${members.ids}))` : sql<boolean>`(c.id not in (${members.ids}))`;
}

/** Who an event, purchase or abandoned-cart condition holds for, as a set of ids. */
export function activityMembers(cond: ActivityCondition, ctx: RuleContext): ActivityMembers {
  switch (cond.kind) {
    case 'event': return eventSql(cond, ctx);
    case 'purchase': return purchaseSql(cond, ctx);
    case 'cartAbandoned': {
      const where = [
        sql<boolean>`e.workspace_id = ${ctx.workspaceId}`,
        ...onlySql(sql`e.customer_id`, ctx),
        sql<boolean>`e.type = 'track'`,
        sql<boolean>`e.name in (${sql.join(cartEvents)})`,
        ...windowSql(sql`e.timestamp`, cond.window, ctx),
        // Abandoned once the hours have passed with no order.
        sql<boolean>`e.timestamp <= ${ctx.now - cond.hours * hour}`,
        sql<boolean>`not exists (select 1 from orders o where o.workspace_id = e.workspace_id and o.customer_id = e.customer_id
          and o.ordered_at >= e.timestamp and o.ordered_at < e.timestamp + ${cond.hours * hour})`,
      ];
      return { kind: 'in', ids: sql`select e.customer_id from ${eventsTable(ctx, ctx.customerIds ? 'customer' : 'name')} where ${sql.join(where, sql` and `)}` };
    }
  }
}

// "In (customers whose aggregate passes)": at least / at most / exactly, with zero handled as "none".
function frequencySql(base: RawBuilder<unknown>, aggregate: RawBuilder<unknown>, op: 'atLeast' | 'atMost' | 'exactly', n: number): ActivityMembers {
  const having = (cmp: RawBuilder<unknown>) => sql`${base} group by 1 having ${cmp}`;
  if (op === 'atLeast') {
    if (n <= 0) return { kind: 'all' };
    return { kind: 'in', ids: having(sql`${aggregate} >= ${n}`) };
  }
  if (op === 'atMost') return { kind: 'notIn', ids: having(sql`${aggregate} > ${n}`) };
  if (n <= 0) return { kind: 'notIn', ids: having(sql`${aggregate} > 0`) };
  return { kind: 'in', ids: having(sql`${aggregate} = ${n}`) };
}

function eventSql(cond: EventCondition, ctx: RuleContext): ActivityMembers {
  const where = [sql<boolean>`e.workspace_id = ${ctx.workspaceId}`, ...onlySql(sql`e.customer_id`, ctx), sql<boolean>`e.type = ${cond.type}`];
  where.push(...windowSql(sql`e.timestamp`, cond.window, ctx));
  for (const p of cond.where) where.push(propertySql(p, ctx));
  const count = (base: RawBuilder<unknown>) => frequencySql(base, sql`count(*)`, cond.frequency.op, cond.frequency.count);
  const events = eventsTable(ctx, ctx.customerIds ? 'customer' : 'name');
  const select = (...extra: RawBuilder<boolean>[]) => sql`select +e.customer_id as customer_id from ${events} where ${sql.join([...where, ...extra], sql` and `)}`;
  if (cond.name !== undefined && cond.name !== '') return count(select(sql<boolean>`e.name = ${cond.name}`));
  if (ctx.customerIds) return count(select());
  // Any name: the index leads with (type, name), so the time range is searched once per name the
  // type has (read with one index seek each), and once more for events without a name. PostgreSQL
  // (the engine with arrays) gets the names as an array, which it searches the index with: given
  // `in (…)` it expected a hundred names and scanned the whole table instead.
  const names = distinctSql('events', 'name', sql`x.type = ${cond.type}`, ctx);
  const named = select(ctx.caps.arrayParameters ? sql<boolean>`e.name = any(array(${names}))` : sql<boolean>`e.name in (${names})`);
  const unnamed = select(sql<boolean>`e.name is null`);
  return count(sql`select u.customer_id from (${named} union all ${unnamed}) u`);
}

// The distinct non-null values of an indexed column within a workspace (and a filter on the columns
// before it in the index), by a loose index scan: one seek per value, however many rows share it.
function distinctSql(table: 'events' | 'order_items', column: 'name' | 'category', filter: RawBuilder<boolean> | null, ctx: RuleContext): RawBuilder<unknown> {
  const t = sql.table(table);
  const c = sql.ref(`x.${column}`);
  const scope = filter ? sql<boolean>`x.workspace_id = ${ctx.workspaceId} and ${filter}` : sql<boolean>`x.workspace_id = ${ctx.workspaceId}`;
  return sql`with recursive v(value) as (
      select (select min(${c}) from ${t} x where ${scope})
      union all
      select (select min(${c}) from ${t} x where ${scope} and ${c} > v.value) from v where v.value is not null
    ) select value from v where value is not null`;
}

// Event properties kept as columns (migration 2026-12-10T20-event-property-columns): each holds
// what its JSON path reads as text (folded) or as a number, so rules read the column instead of the JSON.
const textPropertyColumns: Record<string, string> = { category: 'e.category_key', 'context.campaign.source': 'e.campaign_source_key' };
const numberPropertyColumns: Record<string, string> = { price: 'e.price' };

/** A condition on an event property; "context.…" reads the event's context, anything else its properties. */
export function propertySql(p: PropertyCondition, ctx: RuleContext): RawBuilder<boolean> {
  const keys = p.path.split('.');
  const inContext = keys[0] === 'context' && keys.length > 1;
  const json = jsonValue(ctx.caps, inContext ? sql`e.context` : sql`e.properties`, inContext ? keys.slice(1) : keys);
  const textColumn = Object.hasOwn(textPropertyColumns, p.path) ? textPropertyColumns[p.path] : undefined;
  const numberColumn = Object.hasOwn(numberPropertyColumns, p.path) ? numberPropertyColumns[p.path] : undefined;
  const number = numberColumn ? sql.raw<number | null>(numberColumn) : json.number;
  // A folded column is its own folded text.
  const text: TextTerm = textColumn ? { text: sql.raw(textColumn), folded: sql.raw(textColumn) } : { text: json.text };
  switch (p.op) {
    case 'set': return sql<boolean>`(${json.is('string')} or ${json.is('number')} or ${json.is('boolean')})`;
    case 'notSet': return sql<boolean>`(not (${json.is('string')} or ${json.is('number')} or ${json.is('boolean')}))`;
    case 'gt': case 'gte': case 'lt': case 'lte':
      return numberSql(number, { op: p.op, value: typeof p.value === 'number' ? p.value : Number(p.value) });
    case 'eq': case 'neq':
      if (typeof p.value === 'number') return numberSql(number, { op: p.op, value: p.value });
      return textSql(text, { op: p.op, value: p.value });
    case 'contains': return textSql(text, { op: 'contains', value: String(p.value ?? '') });
    case 'in': return textSql(text, { op: 'in', values: p.values });
  }
}

const productColumns = { productId: 'i.product_id', sku: 'i.sku', category: 'i.category', name: 'i.name' } as const;

/** Whether an order line `i` is one of a purchase condition's products. */
export function productSql(product: NonNullable<PurchaseCondition['product']>, ctx: RuleContext): RawBuilder<boolean> {
  const column = sql.raw(productColumns[product.by]);
  // Ids and SKUs are codes matched exactly.
  if (product.by === 'productId' || product.by === 'sku') return sql<boolean>`${column} in (${sql.join(product.values)})`;
  const folded = product.values.map(foldText);
  // Categories ignore case and ё/е: over a workspace the distinct categories are folded, not every
  // order line's, and the lines of those that match are read through the category index.
  if (product.by === 'category' && !ctx.customerIds) {
    return sql<boolean>`i.category in (select d.value from (${distinctSql('order_items', 'category', null, ctx)}) d where kl_fold(d.value) in (${sql.join(folded)}))`;
  }
  return sql<boolean>`kl_fold(${column}) in (${sql.join(folded)})`;
}

function purchaseSql(cond: PurchaseCondition, ctx: RuleContext): ActivityMembers {
  const statuses = sql.join([...purchaseStatuses]);
  const window = windowSql(sql`o.ordered_at`, cond.window, ctx);
  if (!cond.product) {
    const where = [sql<boolean>`o.workspace_id = ${ctx.workspaceId}`, ...onlySql(sql`o.customer_id`, ctx), sql<boolean>`o.status in (${statuses})`, ...window];
    if (cond.measure === 'units') {
      const base = sql`select o.customer_id from orders o join order_items i on i.order_id = o.id where ${sql.join(where, sql` and `)}`;
      return frequencySql(base, sql`sum(i.quantity)`, cond.op, cond.value);
    }
    const base = sql`select o.customer_id from orders o where ${sql.join(where, sql` and `)}`;
    return frequencySql(base, cond.measure === 'orders' ? sql`count(*)` : sql`sum(o.total - o.refunded)`, cond.op, cond.value);
  }
  const match = productSql(cond.product, ctx);
  const where = [sql<boolean>`i.workspace_id = ${ctx.workspaceId}`, ...onlySql(sql`i.customer_id`, ctx), match, sql<boolean>`o.status in (${statuses})`, ...window];
  const base = sql`select +i.customer_id as customer_id from order_items i join orders o on o.id = i.order_id where ${sql.join(where, sql` and `)}`;
  const aggregate = cond.measure === 'orders' ? sql`count(distinct o.id)` : cond.measure === 'units' ? sql`sum(i.quantity)` : sql`sum(i.price * i.quantity)`;
  return frequencySql(base, aggregate, cond.op, cond.value);
}
