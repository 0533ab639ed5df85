import type { Condition, RuleGroup } from './segment-rules.schemas.js';

// What a rule depends on, so that the evaluator re-checks a segment only when something it reads
// changes, and re-checks customers as time passes only when they cross one of its thresholds.

/** Bits of customer_changes.kinds: what changed about a customer. */
export const changeKinds = { profile: 1, stats: 2, consent: 4, identifiers: 8, scores: 16 } as const;

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

function conditionMask(c: Condition): number {
  switch (c.kind) {
    case 'text':
      // The last device and locale live on customer_stats.
      return ['lastDevice', 'lastOs', 'lastBrowser', 'locale'].includes(c.field) ? changeKinds.stats : changeKinds.profile;
    case 'date': case 'trait': return changeKinds.profile;
    // Every stored event and order rewrites the customer's stats row.
    case 'stat': case 'statDate': case 'event': case 'purchase': case 'cartAbandoned': return changeKinds.stats;
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
