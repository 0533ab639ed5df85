import type { Condition, RuleGroup } from './segment-rules.schemas.js';
import { cartEvents as cartEventNames } from './rule-sql-activity.js';

// What a rule depends on, so that the evaluator re-checks a segment only when something it reads
// changes, and re-checks customers as time passes only when they cross one of its thresholds.

/**
 * Bits of customer_changes.kinds: what changed about a customer (the triggers of migrations
 * 2026-12-08T20 and 2026-12-09T20 write them). `stats` is the order figures of customer_stats and
 * `device` its last device, OS, browser, locale and last touch (UTM tags); `events` and `orders` say an event or an order of
 * the customer was stored, moved or deleted, an event with one of the bits of eventKind() too.
 */
export const changeKinds = { profile: 1, stats: 2, consent: 4, identifiers: 8, scores: 16, device: 32, events: 64, orders: 128 } as const;

/** Every bit eventKind() can give. */
export const allEventBits = 0x7fffff00;
/** The bits of track events (bits 8–26); page, screen, identify and other calls have a bit each (27–30). */
const trackBits = 0x07ffff00;
const typeBits: Record<string, number> = { page: 1 << 27, screen: 1 << 28, identify: 1 << 29 };

/**
 * The bit of customer_changes.kinds an event of this type and name sets: for a track event one of
 * 19 (bits 8–26) from the name's length and the code points of its first and last characters; for
 * any other type one per type (27–30). The event triggers compute the same in SQL; track events of
 * different names may share a bit, which only costs a segment a needless re-check.
 */
export function eventKind(type: string, name: string | null | undefined): number {
  if (type !== 'track') return typeBits[type] ?? 1 << 30;
  const chars = [...(name ?? '')];
  const code = (c: string | undefined) => (c === undefined ? 0 : (c.codePointAt(0) ?? 0));
  return 1 << (8 + ((chars.length * 31 + code(chars[0]) * 7 + code(chars[chars.length - 1])) % 19));
}

// The bits events a condition reads can set: a track event of any name may set any track bit.
function eventMask(type: string, name: string | undefined): number {
  if (type === 'track' && (name === undefined || name === '')) return trackBits;
  return eventKind(type, name);
}

const hour = 3_600_000;
const day = 24 * hour;

/** The kinds of change that can move a customer in or out of a segment with this rule. */
export function dependencyMask(rule: RuleGroup): number {
  // Every rule reads the customer row (merged and erased customers leave every segment).
  let mask: number = changeKinds.profile;
  forEachCondition(rule, (c) => {
    mask |= conditionMask(c);
  });
  return mask;
}

// Text fields kept on customer_stats (migrations 2026-12-09T20 and 2026-12-10T00 compare them under `device`).
const statsTextFields = new Set<string>(['lastDevice', 'lastOs', 'lastBrowser', 'locale', 'lastUtmSource', 'lastUtmMedium', 'lastUtmCampaign']);

function conditionMask(c: Condition): number {
  switch (c.kind) {
    case 'text':
      // The last device, locale and last touch live on customer_stats, compared under `device`.
      return statsTextFields.has(c.field) ? changeKinds.device : changeKinds.profile;
    case 'date': case 'trait': return changeKinds.profile;
    case 'stat': return changeKinds.stats;
    // The last activity moves with every stored event or order (and no change row says so but theirs).
    case 'statDate': return c.stat === 'lastActivityAt' ? changeKinds.stats | changeKinds.events | changeKinds.orders | allEventBits : changeKinds.stats;
    // An event without a name condition may be of any name.
    case 'event': return eventMask(c.type, c.name);
    case 'purchase': return changeKinds.orders;
    case 'cartAbandoned': return changeKinds.orders | cartEventNames.reduce((m, name) => m | eventKind('track', name), 0);
    case 'score': case 'class': return changeKinds.scores;
    case 'identifier': return changeKinds.identifiers;
    case 'consent': return changeKinds.consent;
    case 'segment': return 0;
  }
}

/** Visits every condition of a rule. */
export function forEachCondition(rule: RuleGroup, visit: (c: Condition) => void): void {
  for (const r of rule.rules) {
    if (r.kind === 'group') forEachCondition(r, visit);
    else visit(r);
  }
}

/**
 * Where customers cross a threshold of a condition relative to now: a customer whose `column`
 * value lies in [t0 − offset, t1 − offset) may have moved between the instants t0 and t1.
 */
export type TimeSource =
  | { on: 'stats'; column: 'last_order_at' | 'first_order_at' | 'last_activity_at'; offsets: number[] }
  | { on: 'created'; offsets: number[] }
  | { on: 'events'; type: string; names: string[] | null; offsets: number[] }
  | { on: 'orders'; offsets: number[] }
  /**
   * Whole local days since the last purchase reaching one of `days`: a customer whose last purchase
   * lies in [start of day(t0) − k + 1, start of day(t1) − k + 1) passed k days between t0 and t1.
   */
  | { on: 'daysSinceLastOrder'; days: number[] }
  /** Conditions on calendar days (birthdays, ages, date traits): every customer, once a day. */
  | { on: 'daily' };

const statColumn = { firstOrderAt: 'first_order_at', lastOrderAt: 'last_order_at', lastActivityAt: 'last_activity_at' } as const;
const relativeDateOps = ['withinLastDays', 'moreThanDaysAgo'];

/** The time sources of a rule's conditions relative to now (none: its membership moves only with writes). */
export function timeSources(rule: RuleGroup, cartEvents: readonly string[]): TimeSource[] {
  const sources: TimeSource[] = [];
  forEachCondition(rule, (c) => {
    switch (c.kind) {
      case 'date':
        if (c.field === 'birthDate' && !['before', 'after', 'between', 'set', 'notSet'].includes(c.op)) sources.push({ on: 'daily' });
        if (c.field === 'createdAt' && relativeDateOps.includes(c.op)) sources.push({ on: 'created', offsets: [(c.days ?? 0) * day] });
        break;
      case 'trait':
        if (c.type === 'date' && !['before', 'after', 'between', 'set', 'notSet'].includes(c.op)) sources.push({ on: 'daily' });
        break;
      case 'statDate':
        if (relativeDateOps.includes(c.op)) sources.push({ on: 'stats', column: statColumn[c.stat], offsets: [(c.days ?? 0) * day] });
        break;
      case 'stat':
        if (c.stat === 'daysSinceLastOrder' && c.op !== 'set' && c.op !== 'notSet') {
          const v = c.value ?? 0;
          const to = c.to ?? v;
          const thresholds = [Math.ceil(v), Math.floor(v) + 1, Math.ceil(to), Math.floor(to) + 1];
          sources.push({ on: 'daysSinceLastOrder', days: [...new Set(thresholds)].filter((n) => n >= 0) });
        }
        break;
      case 'event':
        if (c.window.kind === 'lastDays') sources.push({ on: 'events', type: c.type, names: c.name ? [c.name] : null, offsets: [c.window.days * day] });
        break;
      case 'purchase':
        if (c.window.kind === 'lastDays') sources.push({ on: 'orders', offsets: [c.window.days * day] });
        break;
      case 'cartAbandoned': {
        const offsets = [c.hours * hour];
        if (c.window.kind === 'lastDays') offsets.push(c.window.days * day);
        sources.push({ on: 'events', type: 'track', names: [...cartEvents], offsets });
        // An order placed later does not move anyone: it only counts within the hours after a cart event.
        break;
      }
      default:
        break;
    }
  });
  return sources;
}
