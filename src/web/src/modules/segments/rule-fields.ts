import type { Condition } from './segments.types.js';

// The builder's catalogue of what a condition can read: one entry per "field" the field picker
// offers ("text.city", "stat.ordersCount", "event.track"), with the operators it takes and how
// its operands are typed. Records keyed by the rule schema's own unions make the type checker
// refuse a list that misses or invents a value.

type Of<K extends Condition['kind']> = Extract<Condition, { kind: K }>;
/** A profile text field. */
export type TextField = Of<'text'>['field'];
/** A text operator. */
export type TextOp = Of<'text'>['op'];
/** A number operator. */
export type NumberOp = Of<'stat'>['op'];
/** A date operator. */
export type DateOp = Of<'date'>['op'];
/** A custom trait's type. */
export type TraitType = Of<'trait'>['type'];

const keys = <K extends string>(record: Record<K, true>): K[] => Object.keys(record).filter((k): k is K => Object.hasOwn(record, k));

/** Text operators in the order the picker shows them. */
export const textOps = keys<TextOp>({ eq: true, neq: true, contains: true, notContains: true, startsWith: true, in: true, notIn: true, set: true, notSet: true });
/** Number operators. */
export const numberOps = keys<NumberOp>({ eq: true, neq: true, gt: true, gte: true, lt: true, lte: true, between: true, set: true, notSet: true });
/** Date operators of a birth date and of date traits. */
export const birthdayOps = keys<DateOp>({
  before: true, after: true, between: true, withinLastDays: true, moreThanDaysAgo: true, anniversaryWithinDays: true, anniversaryThisMonth: true, ageBetween: true, set: true, notSet: true,
});
/** Date operators of instants (creation, orders, activity). */
export const instantOps = keys<Of<'statDate'>['op']>({ before: true, after: true, between: true, withinLastDays: true, moreThanDaysAgo: true, set: true, notSet: true });
const booleanOps = ['isTrue', 'isFalse', 'set', 'notSet'] as const;
const listOps = ['hasAny', 'hasNone', 'set', 'notSet'] as const;
const frequencyOps = keys<Of<'event'>['frequency']['op']>({ atLeast: true, atMost: true, exactly: true });

/** Profile text fields, in the picker's order. */
export const textFields = keys<TextField>({
  firstName: true, lastName: true, middleName: true, phone: true, email: true, gender: true, city: true, region: true, country: true,
  source: true, utmSource: true, utmMedium: true, utmCampaign: true, lastUtmSource: true, lastUtmMedium: true, lastUtmCampaign: true, preferredChannel: true, managerUserId: true, lastDevice: true, lastOs: true, lastBrowser: true, locale: true,
});
/** Customer statistics read as numbers. */
export const statNumbers = keys<Of<'stat'>['stat']>({ ordersCount: true, orderDays: true, revenue: true, avgCheck: true, daysSinceLastOrder: true });
/** Customer statistics read as instants. */
export const statDates = keys<Of<'statDate'>['stat']>({ firstOrderAt: true, lastOrderAt: true, lastActivityAt: true });
/** Stored scores read as numbers. */
export const scoreNumbers = keys<Of<'score'>['score']>({ rfmR: true, rfmF: true, rfmM: true, pAlive: true, predictedClv: true });
/** Stored classes. */
export const classScores = keys<Of<'class'>['score']>({ rfmSegment: true, stage: true, abc: true, xyz: true });
/** Identifier kinds. */
export const identifierKinds = keys<Of<'identifier'>['identifier']>({ phone: true, email: true, card: true, external_id: true });
/** Consent channels. */
export const consentChannels = keys<Of<'consent'>['channel']>({ email: true, sms: true, push: true, messenger: true });
/** Custom trait types. */
export const traitTypes = keys<TraitType>({ text: true, number: true, date: true, boolean: true, list: true });
/** Event types. */
export const eventTypes = keys<Of<'event'>['type']>({ track: true, page: true, screen: true });

/** Money amounts: typed in major units (roubles), sent in minor units (kopecks). */
const moneyFields = new Set(['stat.revenue', 'stat.avgCheck', 'score.predictedClv']);

/** How a field's operands are typed. */
export type FieldShape = 'text' | 'number' | 'birthday' | 'instant' | 'boolean' | 'list' | 'class' | 'none' | 'event' | 'purchase' | 'cart' | 'segment';

/** One entry of the field picker. */
export interface FieldEntry {
  /** The builder's field key: "<kind>.<name>". */
  name: string;
  /** The group of the picker it is listed under. */
  group: 'profile' | 'dates' | 'traits' | 'stats' | 'scores' | 'identifiers' | 'consent' | 'behaviour' | 'segments';
  shape: FieldShape;
  operators: readonly string[];
  money: boolean;
}

const entry = (name: string, group: FieldEntry['group'], shape: FieldShape, operators: readonly string[]): FieldEntry => ({ name, group, shape, operators, money: moneyFields.has(name) });

/** Every field the builder offers, grouped as the picker lists them. */
export const fieldEntries: readonly FieldEntry[] = [
  ...textFields.map((f) => entry(`text.${f}`, 'profile', 'text', textOps)),
  entry('date.birthDate', 'dates', 'birthday', birthdayOps),
  entry('date.createdAt', 'dates', 'instant', instantOps),
  ...statDates.map((s) => entry(`statDate.${s}`, 'dates', 'instant', instantOps)),
  entry('trait.text', 'traits', 'text', textOps),
  entry('trait.number', 'traits', 'number', numberOps),
  entry('trait.date', 'traits', 'birthday', birthdayOps),
  entry('trait.boolean', 'traits', 'boolean', booleanOps),
  entry('trait.list', 'traits', 'list', listOps),
  ...statNumbers.map((s) => entry(`stat.${s}`, 'stats', 'number', numberOps)),
  ...scoreNumbers.map((s) => entry(`score.${s}`, 'scores', 'number', numberOps)),
  ...classScores.map((s) => entry(`class.${s}`, 'scores', 'class', ['in'])),
  ...identifierKinds.map((k) => entry(`identifier.${k}`, 'identifiers', 'none', ['present', 'absent'])),
  ...consentChannels.map((c) => entry(`consent.${c}`, 'consent', 'none', ['granted', 'revoked', 'unknown'])),
  ...eventTypes.map((e) => entry(`event.${e}`, 'behaviour', 'event', frequencyOps)),
  entry('purchase', 'behaviour', 'purchase', frequencyOps),
  entry('cartAbandoned', 'behaviour', 'cart', ['abandoned']),
  entry('segment', 'segments', 'segment', ['member', 'notMember']),
];

const byName = new Map(fieldEntries.map((f) => [f.name, f]));

/** The catalogue entry of a field key, or undefined for a key the builder does not know. */
export function fieldEntry(name: string): FieldEntry | undefined {
  return byName.get(name);
}

/** The field key a condition is edited under. */
export function fieldKeyOf(c: Condition): string {
  switch (c.kind) {
    case 'text': case 'date': return `${c.kind}.${c.field}`;
    case 'trait': return `trait.${c.type}`;
    case 'stat': case 'statDate': return `${c.kind}.${c.stat}`;
    case 'score': case 'class': return `${c.kind}.${c.score}`;
    case 'identifier': return `identifier.${c.identifier}`;
    case 'consent': return `consent.${c.channel}`;
    case 'event': return `event.${c.type}`;
    default: return c.kind;
  }
}
