import { type RawBuilder, sql } from 'kysely';
import { purchaseStatuses } from '../../common/purchase-statuses.js';
import { inIds } from '../../platform/db/id-list-sql.js';
import type { RuleContext } from './rule-sql.js';
import { eventsTable, productSql, propertySql, windowBounds } from './rule-sql-activity.js';
import type { EventCondition, PurchaseCondition, RuleGroup } from './segment-rules.schemas.js';

// Re-checking a few customers against many segments: the activity conditions of every segment that
// read the same rows are counted in ONE scan of those customers' rows, a conditional aggregate per
// condition, instead of one scan per condition (ten segments over "Product Viewed" read each
// customer's views ten times). Three kinds of scan:
// - events of one type and name (or any name of a type);
// - orders, for purchases of anything counted in orders or amounts;
// - order lines with their orders, for purchases of products and purchases counted in units.
// The evaluator then hands each segment's rule the customers each condition holds for
// (RuleContext.activity), so the rule's SQL tests `c.id in (…)` against a bound list. The scans use
// the same window, property and product SQL as the condition on its own (rule-sql-activity.ts);
// the property tests compare kept membership with a full evaluation on both engines.

/** An activity condition a scan can count. */
export type ScannedCondition = EventCondition | PurchaseCondition;

/** Conditions that read the same rows, counted in one scan. */
export type ActivityScan =
  | { kind: 'events'; type: EventCondition['type']; name: string | null; conditions: EventCondition[] }
  | { kind: 'orders' | 'items'; conditions: PurchaseCondition[] };

// Bound values per scan, well under SQLite's limit of 32,766 (the ids are one value).
const valuesPerScan = 10_000;
const conditionsPerScan = 40;

/** The event and purchase conditions of a rule, at any depth. */
export function scannedConditions(rule: RuleGroup): ScannedCondition[] {
  const out: ScannedCondition[] = [];
  const visit = (group: RuleGroup): void => {
    for (const r of group.rules) {
      if (r.kind === 'group') visit(r);
      else if (r.kind === 'event' || r.kind === 'purchase') out.push(r);
    }
  };
  visit(rule);
  return out;
}

function valuesOf(c: ScannedCondition): number {
  if (c.kind === 'purchase') return 6 + (c.product?.values.length ?? 0);
  return 4 + c.where.reduce((n, p) => n + 2 + (p.values?.length ?? 0), 0);
}

/** Conditions grouped by the rows they read (each condition object once). */
export function activityScans(conditions: readonly ScannedCondition[]): ActivityScan[] {
  const byKey = new Map<string, { scans: ActivityScan[]; values: number }>();
  for (const c of new Set(conditions)) {
    let key: string;
    let fresh: () => ActivityScan;
    if (c.kind === 'event') {
      const name = c.name === undefined || c.name === '' ? null : c.name;
      key = name === null ? `e\u0000${c.type}\u0000*` : `e\u0000${c.type}\u0000=${name}`;
      fresh = () => ({ kind: 'events', type: c.type, name, conditions: [] });
    } else {
      const kind = c.product || c.measure === 'units' ? 'items' : 'orders';
      key = kind;
      fresh = () => ({ kind, conditions: [] });
    }
    const entry = byKey.get(key) ?? { scans: [], values: 0 };
    byKey.set(key, entry);
    let scan = entry.scans[entry.scans.length - 1];
    if (!scan || scan.conditions.length >= conditionsPerScan || entry.values + valuesOf(c) > valuesPerScan) {
      scan = fresh();
      entry.scans.push(scan);
      entry.values = 0;
    }
    entry.values += valuesOf(c);
    (scan.conditions as ScannedCondition[]).push(c);
  }
  return [...byKey.values()].flatMap((e) => e.scans);
}

/**
 * One scan of the evaluated customers' rows (ctx.customerIds): a row per customer with a row the
 * scan reads in any condition's window, its id first, then a measure per condition (`n0`, `n1`, …):
 * events counted, or orders, units or amounts bought.
 */
export function activityScanSql(scan: ActivityScan, ctx: RuleContext & { customerIds: readonly number[] }): RawBuilder<unknown> {
  const time = scan.kind === 'events' ? sql`e.timestamp` : sql`o.ordered_at`;
  // The table the customers are found in: events e, orders o, or order lines i.
  const alias = scan.kind === 'events' ? 'e' : scan.kind === 'orders' ? 'o' : 'i';
  const customer = sql.ref(`${alias}.customer_id`);
  const where: RawBuilder<boolean>[] = [sql<boolean>`${sql.ref(`${alias}.workspace_id`)} = ${ctx.workspaceId}`, inIds(ctx.caps, customer, ctx.customerIds)];
  if (scan.kind === 'events') {
    where.push(sql<boolean>`e.type = ${scan.type}`);
    if (scan.name !== null) where.push(sql<boolean>`e.name = ${scan.name}`);
  } else {
    where.push(sql<boolean>`o.status in (${sql.join([...purchaseStatuses])})`);
  }
  // The scan covers every condition's window: from the earliest start to the latest end.
  const bounds = scan.conditions.map((c) => windowBounds(c.window, ctx));
  const from = bounds.some((b) => b.from === null) ? null : Math.min(...bounds.map((b) => b.from ?? 0));
  const to = bounds.some((b) => b.to === null) ? null : Math.max(...bounds.map((b) => b.to ?? 0));
  if (from !== null) where.push(sql<boolean>`${time} >= ${from}`);
  if (to !== null) where.push(sql<boolean>`${time} < ${to}`);
  const measures = scan.conditions.map((c: ScannedCondition, i) => {
    const b = bounds[i] ?? { from: null, to: null };
    const test: RawBuilder<boolean>[] = [];
    if (b.from !== null && b.from !== from) test.push(sql<boolean>`${time} >= ${b.from}`);
    if (b.to !== null && b.to !== to) test.push(sql<boolean>`${time} < ${b.to}`);
    if (c.kind === 'event') for (const p of c.where) test.push(propertySql(p, ctx));
    else if (c.product) test.push(productSql(c.product, ctx));
    const when = test.length === 0 ? null : sql.join(test, sql` and `);
    return sql`${measureSql(scan.kind, c, when)} as ${sql.ref(`n${i}`)}`;
  });
  const rows = scan.kind === 'events' ? eventsTable(ctx, 'customer') : scan.kind === 'orders' ? sql`orders o` : sql`order_items i join orders o on o.id = i.order_id`;
  return sql`select ${customer}, ${sql.join(measures)} from ${rows} where ${sql.join(where, sql` and `)} group by ${customer}`;
}

// The measure of one condition over the rows for which `when` holds (all of them when null), as the
// condition on its own measures it (rule-sql-activity.ts).
function measureSql(kind: ActivityScan['kind'], c: ScannedCondition, when: RawBuilder<unknown> | null): RawBuilder<unknown> {
  const sumOf = (value: RawBuilder<unknown>) => (when === null ? sql`sum(${value})` : sql`sum(case when ${when} then ${value} else 0 end)`);
  if (c.kind === 'event') return when === null ? sql`count(*)` : sumOf(sql`1`);
  if (c.measure === 'orders') {
    if (kind === 'orders') return when === null ? sql`count(*)` : sumOf(sql`1`);
    return when === null ? sql`count(distinct o.id)` : sql`count(distinct case when ${when} then o.id end)`;
  }
  if (c.measure === 'units') return sumOf(sql`i.quantity`);
  return kind === 'orders' ? sumOf(sql`o.total - o.refunded`) : sumOf(sql`i.price * i.quantity`);
}

/**
 * Whether a condition holds for a customer whose measure is `value` (0 with no row in the window),
 * read as the condition's SQL does: "at least" a positive N is value ≥ N; "at most" N is not
 * value > N; "exactly" 0 is not value > 0, another N value = N.
 */
export function frequencyHolds(c: ScannedCondition, value: number): boolean {
  const [op, n] = c.kind === 'event' ? [c.frequency.op, c.frequency.count] : [c.op, c.value];
  switch (op) {
    case 'atLeast': return n <= 0 || value >= n;
    case 'atMost': return !(value > n);
    case 'exactly': return n <= 0 ? !(value > 0) : value === n;
  }
}
