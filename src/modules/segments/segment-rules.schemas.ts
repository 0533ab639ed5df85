import { z } from 'zod';
import { lifecycleStages } from '../analytics/lifecycle/lifecycle.js';
import { rfmSegments } from '../analytics/rfm/rfm.js';

// The segment rule language: one zod schema is the TypeScript type, the validator of every rule a
// client sends and the OpenAPI document. A rule is a group of conditions and groups, nested to any
// depth (bounded only to keep a hostile rule from costing the server: MAX_DEPTH, MAX_CONDITIONS).
// Dates are local calendar days "YYYY-MM-DD" in the workspace's time zone; money is minor units.

/** Deepest nesting of groups a rule may have. */
export const MAX_DEPTH = 12;
/** Most conditions a rule may hold in all. */
export const MAX_CONDITIONS = 200;
/** Longest window a relative condition may name ("in the last N days"), in days: 100 years. */
export const MAX_DAYS = 36_500;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').meta({ description: 'A calendar day, YYYY-MM-DD, in the workspace time zone' });
const days = z.number().int().min(0).max(MAX_DAYS).meta({ description: 'Days' });
const text = z.string().max(500);
const finite = z.number().min(-1e15).max(1e15);
const count = z.number().int().min(0).max(1_000_000);

/**
 * Standard profile text fields (customers row; the last device and the last touch on customer_stats).
 * utmSource, utmMedium and utmCampaign are the first touch, lastUtm… the latest event with campaign tags.
 */
export const textFields = [
  'firstName', 'lastName', 'middleName', 'phone', 'email', 'gender', 'city', 'region', 'country', 'source',
  'utmSource', 'utmMedium', 'utmCampaign', 'preferredChannel', 'managerUserId', 'lastDevice', 'lastOs', 'lastBrowser', 'locale',
  'lastUtmSource', 'lastUtmMedium', 'lastUtmCampaign',
] as const;
/** Standard profile date fields. */
export const dateFields = ['birthDate', 'createdAt'] as const;

/** Operators on text: case and ё/е are ignored. */
export const textOps = ['eq', 'neq', 'contains', 'notContains', 'startsWith', 'in', 'notIn', 'set', 'notSet'] as const;
/** Operators on numbers. */
export const numberOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'set', 'notSet'] as const;
/**
 * Operators on dates: absolute (before/after/between days) and relative to now (within the last N
 * days, more than N days ago), plus, for birth dates, the anniversary and the age.
 */
export const dateOps = [
  'before', 'after', 'between', 'withinLastDays', 'moreThanDaysAgo', 'anniversaryWithinDays', 'anniversaryThisMonth', 'ageBetween', 'set', 'notSet',
] as const;
/** Operators on booleans. */
export const booleanOps = ['isTrue', 'isFalse', 'set', 'notSet'] as const;
/** Operators on lists (a trait holding an array): has any of the values, has none of them. */
export const listOps = ['hasAny', 'hasNone', 'set', 'notSet'] as const;

const textValue = { value: text.optional(), values: z.array(text).max(1000).optional() };
const numberValue = { value: finite.optional(), to: finite.optional() };
const dateValue = { value: day.optional(), to: day.optional(), days: days.optional(), from: count.optional(), toAge: count.optional() };

/** A condition on a standard text field. */
const textFieldCondition = z.object({ kind: z.literal('text'), field: z.enum(textFields), op: z.enum(textOps), ...textValue });
/** A condition on a standard date field. */
const dateFieldCondition = z.object({ kind: z.literal('date'), field: z.enum(dateFields), op: z.enum(dateOps), ...dateValue });

/** Trait types a condition can read a custom trait as. */
export const traitTypes = ['text', 'number', 'date', 'boolean', 'list'] as const;
const traitName = z.string().min(1).max(100).regex(/^[\p{L}\p{N}_\- .]+$/u, 'letters, digits, spaces, "_", "-" and "."');
/** A condition on a custom trait, read as the type it names (a value of another type never matches). */
const traitCondition = z.object({
  kind: z.literal('trait'),
  trait: traitName,
  type: z.enum(traitTypes),
  op: z.enum([...new Set([...textOps, ...numberOps, ...dateOps, ...booleanOps, ...listOps])] as [string, ...string[]]),
  value: z.union([text, finite, z.boolean()]).optional(),
  values: z.array(text).max(1000).optional(),
  to: z.union([finite, day]).optional(),
  days: days.optional(),
});

/** Per-customer purchase figures kept in customer_stats. */
export const statNumbers = ['ordersCount', 'orderDays', 'revenue', 'avgCheck', 'daysSinceLastOrder'] as const;
/** Per-customer times kept in customer_stats. */
export const statDates = ['firstOrderAt', 'lastOrderAt', 'lastActivityAt'] as const;
const statNumberCondition = z.object({ kind: z.literal('stat'), stat: z.enum(statNumbers), op: z.enum(numberOps), ...numberValue });
const statDateCondition = z.object({
  kind: z.literal('statDate'),
  stat: z.enum(statDates),
  op: z.enum(['before', 'after', 'between', 'withinLastDays', 'moreThanDaysAgo', 'set', 'notSet']),
  value: day.optional(),
  to: day.optional(),
  days: days.optional(),
});

/** Stored scores read as numbers. */
export const scoreNumbers = ['rfmR', 'rfmF', 'rfmM', 'pAlive', 'predictedClv'] as const;
const scoreNumberCondition = z.object({ kind: z.literal('score'), score: z.enum(scoreNumbers), op: z.enum(numberOps), ...numberValue });
/** Values of the stored classes: the RFM group, the lifecycle stage, the ABC and XYZ classes. */
export const classValues: Record<'rfmSegment' | 'stage' | 'abc' | 'xyz', readonly string[]> = {
  rfmSegment: rfmSegments, stage: lifecycleStages, abc: ['A', 'B', 'C'], xyz: ['X', 'Y', 'Z'],
};
/** Is one of these stored classes (values checked against classValues by rule-check.ts). */
const scoreClassCondition = z.object({
  kind: z.literal('class'),
  score: z.enum(['rfmSegment', 'stage', 'abc', 'xyz']),
  in: z.array(z.string().max(50)).min(1).max(20),
});

/** Identifier kinds a condition can ask about. */
export const identifierConditionKinds = ['phone', 'email', 'card', 'external_id'] as const;
const identifierCondition = z.object({ kind: z.literal('identifier'), identifier: z.enum(identifierConditionKinds), present: z.boolean() });

/** Channels with consent. */
export const consentChannels = ['email', 'sms', 'push', 'messenger'] as const;
const consentCondition = z.object({
  kind: z.literal('consent'),
  channel: z.enum(consentChannels),
  status: z.enum(['granted', 'revoked', 'unknown']).meta({ description: 'granted; revoked (said no); unknown (never asked)' }),
});

/** How many times: at least, at most or exactly N. */
const frequency = z.object({ op: z.enum(['atLeast', 'atMost', 'exactly']), count });
/** When: ever, in the last N days, or between two days (inclusive). */
export const windowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ever') }),
  z.object({ kind: z.literal('lastDays'), days: days.min(1) }),
  z.object({ kind: z.literal('between'), from: day, to: day }),
]);
/** A condition on a property of an event ("category" or "context.campaign.source"). */
const propertyCondition = z.object({
  path: z.string().min(1).max(200).regex(/^[\p{L}\p{N}_\-]+(\.[\p{L}\p{N}_\-]+)*$/u, 'property names separated by dots'),
  op: z.enum(['eq', 'neq', 'contains', 'in', 'gt', 'gte', 'lt', 'lte', 'set', 'notSet']),
  value: z.union([text, finite]).optional(),
  values: z.array(text).max(1000).optional(),
});
/** Performed an event (tracked by name, or page/screen views) so many times in a window. */
const eventCondition = z.object({
  kind: z.literal('event'),
  type: z.enum(['track', 'page', 'screen']).default('track'),
  name: z.string().max(200).optional().meta({ description: 'Event name; for page and screen views optional (any page)' }),
  where: z.array(propertyCondition).max(20).default([]),
  frequency,
  window: windowSchema,
});
/** Bought products (any, by id, SKU, category or name) so many orders, units or for at least an amount, in a window. */
const purchaseCondition = z.object({
  kind: z.literal('purchase'),
  product: z.object({ by: z.enum(['productId', 'sku', 'category', 'name']), values: z.array(text).min(1).max(1000) }).optional(),
  measure: z.enum(['orders', 'units', 'amount']).meta({ description: 'orders: distinct orders; units: quantity; amount: minor units spent' }),
  op: z.enum(['atLeast', 'atMost', 'exactly']),
  value: finite.min(0),
  window: windowSchema,
});
/** Put something in the cart or started a checkout in the window and ordered nothing within H hours after. */
const cartAbandonedCondition = z.object({
  kind: z.literal('cartAbandoned'),
  hours: z.number().int().min(1).max(24 * 90),
  window: windowSchema,
});
/** Is (or is not) a member of another segment or a static list. */
const segmentCondition = z.object({ kind: z.literal('segment'), segmentId: z.string().min(1).max(100), member: z.boolean() });

/** Every kind of condition. */
export const conditionSchema = z.discriminatedUnion('kind', [
  textFieldCondition, dateFieldCondition, traitCondition, statNumberCondition, statDateCondition, scoreNumberCondition,
  scoreClassCondition, identifierCondition, consentCondition, eventCondition, purchaseCondition, cartAbandonedCondition,
  segmentCondition,
]);

/** A group: all (and) or any (or) of its rules, optionally negated. */
export interface RuleGroup {
  kind: 'group';
  combinator: 'and' | 'or';
  not?: boolean;
  rules: (RuleGroup | Condition)[];
}

/** A group of rules, nested to any depth. */
export const ruleGroupSchema: z.ZodType<RuleGroup> = z
  .object({
    kind: z.literal('group'),
    combinator: z.enum(['and', 'or']),
    not: z.boolean().optional(),
    get rules() {
      return z.array(z.union([ruleGroupSchema, conditionSchema])).max(MAX_CONDITIONS);
    },
  })
  .meta({ id: 'SegmentRuleGroup', description: 'All (and) or any (or) of the rules, negated when not is true' });

/** One condition of a rule. */
export type Condition = z.infer<typeof conditionSchema>;
/** A condition on an event. */
export type EventCondition = z.infer<typeof eventCondition>;
/** A condition on purchases. */
export type PurchaseCondition = z.infer<typeof purchaseCondition>;
/** A window of time. */
export type RuleWindow = z.infer<typeof windowSchema>;
/** A condition on an event property. */
export type PropertyCondition = z.infer<typeof propertyCondition>;
