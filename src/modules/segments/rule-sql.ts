import { type RawBuilder, sql } from 'kysely';
import type { Capabilities } from '../../platform/db/capabilities.js';
import { jsonValue } from '../../platform/db/json-sql.js';
import { localDayNumber, localDayStart } from '../../platform/time.js';
import { activitySql } from './rule-sql-activity.js';
import { type DateTerm, dateSql, numberSql, textSql, type TextTerm } from './rule-sql-terms.js';
import type { Condition, RuleGroup } from './segment-rules.schemas.js';

// A rule tree becomes one SQL condition over a customer row `c` (customers), its stats `s`
// (customer_stats) and its scores `sc` (customer_scores): the same text counts a preview, rebuilds a
// segment and re-checks a few customers after a write. Every value is a bound parameter.

/** What a rule is evaluated against: the engine, the workspace and the moment "now". */
export interface RuleContext {
  caps: Capabilities;
  workspaceId: string;
  /** Epoch ms: "the last N days" end here. */
  now: number;
  /** The workspace's time zone: days in rules are its calendar days. */
  timezone: string;
  /** Evaluating only these customers: subqueries over events and orders look at them alone (their indexes by customer). */
  customerIds?: readonly number[];
  /**
   * Activity conditions already evaluated for customerIds (by the condition object): who of them
   * each holds for. The rule then tests `c.id in (…)` instead of scanning (event-scans.ts).
   */
  activity?: ReadonlyMap<Condition, readonly number[]>;
}

/** The SQL condition a rule stands for (true for an empty group of "and", false for an empty "or"). */
export function ruleSql(rule: RuleGroup, ctx: RuleContext): RawBuilder<boolean> {
  const parts = rule.rules.map((r) => (r.kind === 'group' ? ruleSql(r, ctx) : conditionSql(r, ctx)));
  let body: RawBuilder<boolean>;
  if (parts.length === 0) body = rule.combinator === 'and' ? sql<boolean>`(1 = 1)` : sql<boolean>`(1 = 0)`;
  else body = sql<boolean>`(${sql.join(parts, rule.combinator === 'and' ? sql` and ` : sql` or `)})`;
  // Conditions on a missing value are null, which the WHERE clause reads as false. Under "not" it
  // must be false too before negating: and/or are monotone, so coalescing the group's null to false
  // gives what reading every null condition as false would.
  return rule.not ? sql<boolean>`(not coalesce(${body}, false))` : body;
}

/** SQL columns of the standard text fields (read by previews too). */
export const textColumns: Record<string, string> = {
  firstName: 'c.first_name', lastName: 'c.last_name', middleName: 'c.middle_name', phone: 'c.phone', email: 'c.email', gender: 'c.gender',
  city: 'c.city', region: 'c.region', country: 'c.country', source: 'c.source', utmSource: 'c.utm_source', utmMedium: 'c.utm_medium',
  utmCampaign: 'c.utm_campaign', preferredChannel: 'c.preferred_channel', managerUserId: 'c.manager_user_id', lastDevice: 's.last_device',
  lastOs: 's.last_os', lastBrowser: 's.last_browser', locale: 's.locale',
  lastUtmSource: 's.last_utm_source', lastUtmMedium: 's.last_utm_medium', lastUtmCampaign: 's.last_utm_campaign',
};
/** SQL columns of the stats a rule reads. */
export const statColumns: Record<string, string> = {
  ordersCount: 's.orders_count', orderDays: 's.order_days', revenue: 's.revenue', avgCheck: 's.avg_check',
  firstOrderAt: 's.first_order_at', lastOrderAt: 's.last_order_at', lastActivityAt: 's.last_activity_at',
};
/** SQL columns of the scores a rule reads. */
export const scoreColumns: Record<string, string> = {
  rfmR: 'sc.rfm_r', rfmF: 'sc.rfm_f', rfmM: 'sc.rfm_m', pAlive: 'sc.p_alive', predictedClv: 'sc.predicted_clv',
  rfmSegment: 'sc.rfm_segment', stage: 'sc.stage', abc: 'sc.abc', xyz: 'sc.xyz',
};

// Whether the customer has a row of `table` (keyed by workspace and customer) matching `where`
// (over its alias x): over a few customers each is looked up by its key; over a workspace, one pass
// reads the matching rows.
function hasRow(table: 'customer_identifiers' | 'customer_consents' | 'segment_members', where: RawBuilder<boolean>, ctx: RuleContext): RawBuilder<boolean> {
  const t = sql.table(table);
  return ctx.customerIds
    ? sql<boolean>`exists (select 1 from ${t} x where x.workspace_id = ${ctx.workspaceId} and x.customer_id = c.id and ${where})`
    : sql<boolean>`(c.id in (select x.customer_id from ${t} x where x.workspace_id = ${ctx.workspaceId} and ${where}))`;
}

// Column names come from the tables above, never from a client.
function col(name: string): RawBuilder<unknown> {
  return sql.raw(name);
}

/** The SQL of one condition: true, false, or null for a missing value (read as false). */
export function conditionSql(cond: Condition, ctx: RuleContext): RawBuilder<boolean> {
  switch (cond.kind) {
    case 'text':
      return textSql({ text: col(textColumns[cond.field] ?? 'null') }, cond);
    case 'date':
      return cond.field === 'birthDate'
        ? dateSql({ kind: 'day', text: sql`c.birth_date` }, cond, ctx)
        : dateSql({ kind: 'instant', ms: sql`c.created_at` }, cond, ctx);
    case 'trait':
      return traitSql(cond, ctx);
    case 'stat':
      if (cond.stat === 'daysSinceLastOrder') return daysSinceSql(cond, ctx);
      return numberSql(col(statColumns[cond.stat] ?? 'null'), cond);
    case 'statDate':
      return dateSql({ kind: 'instant', ms: col(statColumns[cond.stat] ?? 'null') }, cond, ctx);
    case 'score':
      return numberSql(col(scoreColumns[cond.score] ?? 'null'), cond);
    case 'class':
      return sql<boolean>`(${col(scoreColumns[cond.score] ?? 'null')} in (${sql.join(cond.in)}))`;
    case 'identifier': {
      const has = hasRow('customer_identifiers', sql<boolean>`x.kind = ${cond.identifier}`, ctx);
      return cond.present ? has : sql<boolean>`(not ${has})`;
    }
    case 'consent': {
      const status = cond.status === 'unknown' ? sql`` : sql`and x.status = ${cond.status}`;
      const has = hasRow('customer_consents', sql<boolean>`x.channel = ${cond.channel} ${status}`, ctx);
      return cond.status === 'unknown' ? sql<boolean>`(not ${has})` : has;
    }
    case 'segment': {
      const has = hasRow('segment_members', sql<boolean>`x.segment_id = ${cond.segmentId}`, ctx);
      return cond.member ? has : sql<boolean>`(not ${has})`;
    }
    case 'event':
    case 'purchase':
    case 'cartAbandoned':
      return activitySql(cond, ctx);
  }
}

// Days since the last purchase, as the customer list counts them: whole local days from the last
// purchase's day to today ("at least N": the last purchase was before the start of day today − N + 1).
function daysSinceSql(cond: Extract<Condition, { kind: 'stat' }>, ctx: RuleContext): RawBuilder<boolean> {
  const last = sql`s.last_order_at`;
  const today = localDayNumber(ctx.now, ctx.timezone);
  // The first instant of the day n days before today.
  const start = (n: number) => localDayStart(today - Math.max(-1, Math.min(n, 36_500)), ctx.timezone);
  const known = (b: RawBuilder<unknown>) => sql<boolean>`(${b})`;
  const v = cond.value ?? 0;
  const atLeast = (k: number) => sql`${last} < ${start(k - 1)}`;
  const atMost = (k: number) => sql`${last} >= ${start(k)}`;
  switch (cond.op) {
    case 'set': return sql<boolean>`(${last} is not null)`;
    case 'notSet': return sql<boolean>`(${last} is null)`;
    case 'gte': return known(atLeast(Math.ceil(v)));
    case 'gt': return known(atLeast(Math.floor(v) + 1));
    case 'lte': return known(atMost(Math.floor(v)));
    case 'lt': return known(atMost(Math.ceil(v) - 1));
    case 'eq': return Number.isInteger(v) ? known(sql`${atLeast(v)} and ${atMost(v)}`) : sql<boolean>`(1 = 0)`;
    case 'neq': return Number.isInteger(v) ? sql<boolean>`(${last} is null or not (${atLeast(v)} and ${atMost(v)}))` : sql<boolean>`(1 = 1)`;
    case 'between': return known(sql`${atLeast(Math.ceil(v))} and ${atMost(Math.floor(cond.to ?? v))}`);
  }
}

function traitSql(cond: Extract<Condition, { kind: 'trait' }>, ctx: RuleContext): RawBuilder<boolean> {
  const value = jsonValue(ctx.caps, sql`c.traits`, [cond.trait]);
  const present = sql<boolean>`(${value.is('string')} or ${value.is('number')} or ${value.is('boolean')} or ${value.is('array')})`;
  if (cond.op === 'set') return present;
  if (cond.op === 'notSet') return sql<boolean>`(not ${present})`;
  switch (cond.type) {
    case 'text': {
      const term: TextTerm = { text: value.text };
      return textSql(term, { op: cond.op, value: typeof cond.value === 'string' ? cond.value : undefined, values: cond.values });
    }
    case 'number':
      return numberSql(value.number, { op: cond.op, value: typeof cond.value === 'number' ? cond.value : undefined, to: typeof cond.to === 'number' ? cond.to : undefined });
    case 'date': {
      const term: DateTerm = { kind: 'day', text: sql`substr(${value.text}, 1, 10)` };
      return dateSql(term, { op: cond.op, value: typeof cond.value === 'string' ? cond.value : undefined, to: typeof cond.to === 'string' ? cond.to : undefined, days: cond.days }, ctx);
    }
    case 'boolean':
      return cond.op === 'isTrue' ? value.isBoolean(true) : value.isBoolean(false);
    case 'list': {
      const wanted = (cond.values ?? []).map((v) => v.toLowerCase().replace(/ё/g, 'е'));
      if (wanted.length === 0) return cond.op === 'hasNone' ? sql<boolean>`(1 = 1)` : sql<boolean>`(1 = 0)`;
      const matchesOne = value.anyElement((e) => sql<boolean>`kl_fold(${e}) in (${sql.join(wanted)})`);
      return cond.op === 'hasNone' ? sql<boolean>`(not ${matchesOne})` : matchesOne;
    }
  }
}
