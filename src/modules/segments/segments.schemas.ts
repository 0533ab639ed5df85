import { z } from 'zod';
import { ruleGroupSchema } from './segment-rules.schemas.js';

// Contracts of /api/v1/segments, shared by the server and the web app.

const epochMs = (what: string) => z.number().int().meta({ description: `${what}, epoch milliseconds` });

/** A segment to create: a rule kept current (dynamic) or a list kept by hand (static). */
export const segmentInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
  kind: z.enum(['dynamic', 'static']).default('dynamic'),
  rule: ruleGroupSchema.nullable().optional().meta({ description: 'Required for a dynamic segment; none for a static one' }),
});

/** Changes to a segment; a new rule rebuilds its membership. */
export const segmentPatchSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).nullable().optional(),
  rule: ruleGroupSchema.optional(),
});

/** A segment as the API shows it. */
export const segmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  kind: z.enum(['dynamic', 'static']),
  rule: ruleGroupSchema.nullable(),
  status: z.enum(['building', 'ready', 'failed']).meta({ description: 'building: members are being computed; failed: see error' }),
  error: z.string().nullable(),
  count: z.number().int().meta({ description: 'Members now' }),
  change7: z.number().int().nullable().meta({ description: 'Change of the size over the last 7 days' }),
  change30: z.number().int().nullable().meta({ description: 'Change of the size over the last 30 days' }),
  builtAt: epochMs('Members last computed in full').nullable(),
  createdAt: epochMs('Created'),
  updatedAt: epochMs('Last changed'),
});

/** A customer in a preview or member list. */
export const memberSchema = z.object({
  id: z.number().int(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  city: z.string().nullable(),
  ordersCount: z.number().int(),
  revenue: z.number().int().meta({ description: 'Minor units' }),
  lastOrderAt: z.number().int().nullable(),
  rfmSegment: z.string().nullable(),
  stage: z.string().nullable(),
});

/** What a rule matches now. */
export const previewSchema = z.object({
  count: z.number().int(),
  share: z.number().meta({ description: 'Of all customers, 0..1' }),
  revenue: z.number().int().meta({ description: 'Revenue of the matching customers, minor units' }),
  revenueShare: z.number().meta({ description: 'Of all revenue, 0..1' }),
  total: z.number().int().meta({ description: 'All customers' }),
  sample: z.array(memberSchema),
  tookMs: z.number().int(),
});

/** The body of a preview. */
export const previewInputSchema = z.object({ rule: ruleGroupSchema });

/** A page of members. */
export const membersPageSchema = z.object({ items: z.array(memberSchema), next: z.string().nullable() });

/** A page of entries and exits. */
export const historyPageSchema = z.object({
  items: z.array(z.object({ customerId: z.number().int(), entered: z.boolean(), at: z.number().int() })),
  next: z.string().nullable(),
});

/** The size at the end of each day of a range. */
export const sizesSchema = z.object({ days: z.array(z.object({ day: z.string(), size: z.number().int() })) });

/** Customers to add to or remove from a static segment. */
export const staticMembersInputSchema = z.object({
  customerIds: z.array(z.number().int().positive()).min(1).max(10_000),
});

/** What a segment's members are. */
export const summarySchema = z.object({
  count: z.number().int(),
  revenue: z.number().int().meta({ description: 'Revenue of the members, minor units' }),
  revenueShare: z.number().meta({ description: 'Of all revenue, 0..1' }),
  avgPredictedClv: z.number().int().nullable().meta({ description: 'Mean predicted CLV of the members, minor units (null before scores are computed)' }),
  byRfm: z.array(z.object({ key: z.string().nullable(), count: z.number().int() })),
  byStage: z.array(z.object({ key: z.string().nullable(), count: z.number().int() })),
  byCity: z.array(z.object({ key: z.string().nullable(), count: z.number().int() })).meta({ description: 'The ten most frequent cities' }),
  consent: z.array(z.object({ channel: z.enum(['email', 'sms', 'push', 'messenger']), granted: z.number().int() })),
});

/** What an uploaded list did. */
export const uploadResultSchema = z.object({
  column: z.string().nullable().meta({ description: 'The header of the column read (null: the first column of a file without a header)' }),
  lines: z.number().int().meta({ description: 'Values read' }),
  matched: z.number().int().meta({ description: 'Values that named a customer' }),
  added: z.number().int().meta({ description: 'Customers added (those already in the list are not counted)' }),
  notFound: z.number().int(),
  notFoundLines: z.array(z.object({ line: z.number().int(), value: z.string(), reason: z.string().nullable() })).meta({ description: 'The first 100 lines that named nobody (reason: why the value is not an identifier)' }),
  broken: z.array(z.object({ line: z.number().int(), reason: z.string() })),
});
