import { type RawBuilder, sql } from 'kysely';
import { inIds } from '../../platform/db/id-list-sql.js';
import type { RuleContext } from './rule-sql.js';
import { propertySql, windowBounds } from './rule-sql-activity.js';
import type { EventCondition, RuleGroup } from './segment-rules.schemas.js';

// Re-checking a few customers against many segments: the event conditions of every segment that
// reads the same events (one type and name) are counted in ONE scan of those customers' events, a
// conditional count per condition, instead of one scan per condition (ten segments over
// "Product Viewed" read each customer's views ten times). The evaluator then hands each segment's
// rule the customers each condition holds for (RuleContext.activity), so the rule's SQL tests
// `c.id in (…)` against a bound list. The counts use the same window and property SQL as the
// condition on its own (rule-sql-activity.ts), so both read alike; the property tests compare
// kept membership with a full evaluation on both engines.

/** The event conditions that read the same events, counted in one scan. */
export interface EventScan {
  type: EventCondition['type'];
  /** The event name, or null for any name of the type. */
  name: string | null;
  conditions: EventCondition[];
}

// Bound values per scan, well under SQLite's limit of 32,766 (the ids are one value).
const valuesPerScan = 10_000;
const conditionsPerScan = 40;

/** The event conditions of a rule, at any depth. */
export function eventConditions(rule: RuleGroup): EventCondition[] {
  const out: EventCondition[] = [];
  const visit = (group: RuleGroup): void => {
    for (const r of group.rules) {
      if (r.kind === 'group') visit(r);
      else if (r.kind === 'event') out.push(r);
    }
  };
  visit(rule);
  return out;
}

/** Event conditions grouped by the events they read (each condition object once). */
export function eventScans(conditions: readonly EventCondition[]): EventScan[] {
  const byKey = new Map<string, EventScan[]>();
  for (const c of new Set(conditions)) {
    const name = c.name === undefined || c.name === '' ? null : c.name;
    const key = name === null ? `${c.type}\u0000*` : `${c.type}\u0000=${name}`;
    const scans = byKey.get(key) ?? [];
    byKey.set(key, scans);
    let scan = scans[scans.length - 1];
    if (!scan || scan.conditions.length >= conditionsPerScan || valuesOf(scan) + valuesOf1(c) > valuesPerScan) {
      scan = { type: c.type, name, conditions: [] };
      scans.push(scan);
    }
    scan.conditions.push(c);
  }
  return [...byKey.values()].flat();
}

function valuesOf1(cond: EventCondition): number {
  return 4 + cond.where.reduce((n, p) => n + 2 + (p.values?.length ?? 0), 0);
}

function valuesOf(scan: EventScan): number {
  return scan.conditions.reduce((n, c) => n + valuesOf1(c), 0);
}

/**
 * One scan of the evaluated customers' events (ctx.customerIds): a row per customer with an event
 * of the scan's type and name in any condition's window, with a count per condition (`n0`, `n1`, …)
 * of the events that condition counts.
 */
export function eventScanSql(scan: EventScan, ctx: RuleContext & { customerIds: readonly number[] }): RawBuilder<unknown> {
  const where: RawBuilder<boolean>[] = [
    sql<boolean>`e.workspace_id = ${ctx.workspaceId}`,
    inIds(ctx.caps, sql`e.customer_id`, ctx.customerIds),
    sql<boolean>`e.type = ${scan.type}`,
  ];
  if (scan.name !== null) where.push(sql<boolean>`e.name = ${scan.name}`);
  // The scan covers every condition's window: from the earliest start to the latest end.
  const bounds = scan.conditions.map((c) => windowBounds(c.window, ctx));
  const from = bounds.some((b) => b.from === null) ? null : Math.min(...bounds.map((b) => b.from ?? 0));
  const to = bounds.some((b) => b.to === null) ? null : Math.max(...bounds.map((b) => b.to ?? 0));
  if (from !== null) where.push(sql<boolean>`e.timestamp >= ${from}`);
  if (to !== null) where.push(sql<boolean>`e.timestamp < ${to}`);
  const counts = scan.conditions.map((c, i) => {
    const b = bounds[i] ?? { from: null, to: null };
    const test: RawBuilder<boolean>[] = [];
    if (b.from !== null && b.from !== from) test.push(sql<boolean>`e.timestamp >= ${b.from}`);
    if (b.to !== null && b.to !== to) test.push(sql<boolean>`e.timestamp < ${b.to}`);
    for (const p of c.where) test.push(propertySql(p, ctx));
    const counted = test.length === 0 ? sql`count(*)` : sql`sum(case when ${sql.join(test, sql` and `)} then 1 else 0 end)`;
    return sql`${counted} as ${sql.ref(`n${i}`)}`;
  });
  return sql`select e.customer_id, ${sql.join(counts)} from events e where ${sql.join(where, sql` and `)} group by e.customer_id`;
}

/** Whether an event condition holds for a customer with `count` matching events. */
export function frequencyHolds(cond: EventCondition, count: number): boolean {
  const n = cond.frequency.count;
  switch (cond.frequency.op) {
    case 'atLeast': return count >= n;
    case 'atMost': return count <= n;
    case 'exactly': return count === n;
  }
}
