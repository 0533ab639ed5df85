import { z } from 'zod';
import { recordIdParam } from '../../platform/record-id.js';
import { lifecycleStages } from '../analytics/lifecycle/lifecycle.js';
import { rfmSegments } from '../analytics/rfm/rfm.js';
import { identifierKinds } from '../../common/identifiers.js';
import { timeBoundSchema } from '../../common/time-bounds.js';

// Contracts of the customer endpoints, shared by the server and the web app. Shapes are checked
// here; identifiers, dates and enumerations are checked by the customers service, which reports
// problems as validation errors on the body's own field names ("phone", "birthDate").

const money = (what: string) => z.number().int().meta({ description: `${what}, integer minor units (kopecks)` });
const epochMs = (what: string) => z.number().int().meta({ description: `${what}, epoch milliseconds` });
const nullableEpochMs = (what: string) => z.number().int().nullable().meta({ description: `${what}, epoch milliseconds; null when none` });
const text = z.string().nullable();

/** Sort orders of the customer list; a leading "-" sorts descending. */
export const customerSorts = [
  '-createdAt', 'createdAt', '-revenue', 'revenue', '-ordersCount', 'ordersCount',
  '-lastOrderAt', 'lastOrderAt', '-avgCheck', 'avgCheck', 'name', '-name',
] as const;

/** Kinds of timeline entry: orders and each Segment event type. */
export const timelineTypes = ['order', 'track', 'page', 'screen', 'identify', 'group', 'alias'] as const;

/** Query parameter every endpoint accepts: the workspace of a signed-in user (a header works too). */
export const workspaceQuery = {
  workspaceId: z.string().max(100).optional().meta({ description: 'Workspace of a signed-in user, instead of the x-workspace-id header' }),
};

const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');
// A comma-separated list of allowed values: "vip,loyal".
const listParam = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .max(500)
    .transform((v) => v.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));
const abcXyzCells = ['AX', 'AY', 'AZ', 'BX', 'BY', 'BZ', 'CX', 'CY', 'CZ'] as const;
const intParam = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Path parameters naming a customer. */
export const customerIdParamsSchema = z.object({ id: recordIdParam });

/** Per-customer key numbers. */
export const customerStatsSchema = z.object({
  ordersCount: z.number().int().meta({ description: 'Purchases (completed and partly refunded orders)' }),
  orderDays: z.number().int().meta({ description: 'Distinct days with a purchase, in the workspace time zone' }),
  revenue: money('Purchases net of refunds'),
  avgCheck: money('Average purchase'),
  firstOrderAt: nullableEpochMs('First purchase'),
  lastOrderAt: nullableEpochMs('Last purchase'),
  lastActivityAt: nullableEpochMs('Last order or event'),
});

/** A whole customer profile. */
export const customerProfileSchema = z.object({
  id: z.number().int().meta({ description: "The profile's id; for a merged-away id, the id of the profile it was merged into" }),
  firstName: text,
  lastName: text,
  middleName: text,
  phone: text.meta({ description: 'Primary phone, E.164' }),
  email: text.meta({ description: 'Primary e-mail, lower-cased' }),
  gender: text.meta({ description: 'female, male or other' }),
  birthDate: text.meta({ description: 'YYYY-MM-DD' }),
  city: text,
  region: text,
  country: text.meta({ description: 'ISO 3166 alpha-2 where known' }),
  source: text,
  utmSource: text,
  utmMedium: text,
  utmCampaign: text,
  preferredChannel: text.meta({ description: 'email, sms, push or messenger' }),
  managerUserId: text,
  lastDevice: text,
  lastOs: text,
  lastBrowser: text,
  locale: text,
  lastUtmSource: text.meta({ description: 'Last touch: UTM source of the latest tracked event that came with campaign tags (utmSource is the first touch); read-only' }),
  lastUtmMedium: text.meta({ description: 'Last touch: UTM medium; read-only' }),
  lastUtmCampaign: text.meta({ description: 'Last touch: UTM campaign (campaign.name); read-only' }),
  traits: z.record(z.string(), z.unknown()).meta({ description: 'Custom attributes' }),
  identifiers: z.array(z.object({ kind: z.string(), value: z.string(), addedAt: epochMs('Added') })),
  consent: z.record(z.string(), z.object({ status: z.string(), source: text, updatedAt: epochMs('Changed') })).meta({
    description: 'Per channel (email, sms, push, messenger): granted or revoked',
  }),
  stats: customerStatsSchema,
  mergedFrom: z.array(z.number().int()).meta({ description: 'Ids of profiles merged into this one' }),
  createdAt: epochMs('Created'),
  updatedAt: epochMs('Last changed'),
  erasedAt: nullableEpochMs('Personal data erased on request'),
});

/** One row of the customer list. */
export const customerListItemSchema = z.object({
  id: z.number().int(),
  firstName: text,
  lastName: text,
  middleName: text,
  phone: text,
  email: text,
  city: text,
  ordersCount: z.number().int(),
  revenue: money('Purchases net of refunds'),
  avgCheck: money('Average purchase'),
  firstOrderAt: nullableEpochMs('First purchase'),
  lastOrderAt: nullableEpochMs('Last purchase'),
  lastActivityAt: nullableEpochMs('Last order or event'),
  createdAt: epochMs('Created'),
  managerUserId: text,
  rfmSegment: z.enum(rfmSegments).nullable().meta({ description: 'Stored score (GET /analytics/scores tells when computed)' }),
  stage: z.enum(lifecycleStages).nullable(),
  abcXyz: z.string().nullable().meta({ description: 'ABC/XYZ cell, e.g. "AX"' }),
  pAlive: z.number().nullable(),
  predictedClv: z.number().int().nullable().meta({ description: 'Minor units' }),
});

/** Query of GET /customers. */
export const customerListQuerySchema = z.object({
  q: z.string().max(200).optional().meta({
    description:
      'Search: a phone in any format (full: exact; partial: prefix, "8912…" and "912…" read as +7912… in region RU), ' +
      'an e-mail (full: exact; partial: prefix), a card number or external id (exact), or the start of a name ' +
      '("Ёлкина", "елкина ан", "Анна Ёлкина"; case and ё/е do not matter)',
  }),
  minOrders: intParam.optional(),
  maxOrders: intParam.optional(),
  minRevenue: intParam.optional().meta({ description: 'Kopecks' }),
  maxRevenue: intParam.optional().meta({ description: 'Kopecks' }),
  lastOrderFrom: timeBoundSchema.optional().meta({ description: 'Last purchase on or after: YYYY-MM-DD (workspace time zone) or epoch ms' }),
  lastOrderTo: timeBoundSchema.optional().meta({ description: 'Last purchase up to: YYYY-MM-DD (that whole day, workspace time zone) or epoch ms (exclusive)' }),
  minDaysSinceLastOrder: intParam.optional().meta({ description: 'Whole days since the last purchase at least (0 = today), counted in the workspace time zone' }),
  maxDaysSinceLastOrder: intParam.optional().meta({ description: 'Whole days since the last purchase at most; customers without purchases are left out either way' }),
  city: z.string().max(200).optional().meta({ description: 'The start of the city\'s name; case and ё/е do not matter ("моск" finds "Москва")' }),
  managerId: z.string().max(100).optional().meta({ description: 'User id of the responsible manager' }),
  segment: z.string().max(100).optional().meta({ description: 'Members of this saved segment (its id)' }),
  hasEmail: booleanParam.optional(),
  hasPhone: booleanParam.optional(),
  rfmSegment: listParam(rfmSegments).optional().meta({ description: 'Stored RFM segments, comma-separated: vip,loyal' }),
  stage: listParam(lifecycleStages).optional().meta({ description: 'Stored lifecycle stages, comma-separated: churned,returned' }),
  abcXyz: listParam(abcXyzCells).optional().meta({ description: 'Stored ABC/XYZ cells, comma-separated: AX,AY (the golden customers)' }),
  rfmR: z.coerce.number().int().min(1).max(5).optional().meta({ description: 'Stored RFM recency score 1–5' }),
  rfmF: z.coerce.number().int().min(1).max(5).optional().meta({ description: 'Stored RFM frequency score 1–5' }),
  minPAlive: z.coerce.number().min(0).max(1).optional().meta({ description: 'Stored P(alive) at least' }),
  maxPAlive: z.coerce.number().min(0).max(1).optional().meta({ description: 'Stored P(alive) at most' }),
  minPredictedClv: z.coerce.number().int().optional().meta({ description: 'Stored predicted CLV at least, kopecks' }),
  sort: z.enum(customerSorts).default('-createdAt').meta({ description: 'Customers without a value (no purchases, no name) come last either way' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional().meta({ description: 'nextCursor of the previous page, with the same sort and filters' }),
  includeTotal: booleanParam.optional().meta({ description: 'Also count all matches (slower on large lists)' }),
  ...workspaceQuery,
});

/** Response of GET /customers. */
export const customerListSchema = z.object({
  items: z.array(customerListItemSchema),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  total: z.number().int().optional().meta({ description: 'All matches; only with includeTotal=true' }),
});

/** Query of GET /customers/lookup. */
export const lookupQuerySchema = z.object({
  kind: z.enum(identifierKinds),
  value: z.string().min(1).max(300).meta({ description: 'Any format: "8 (912) 345-67-89" and "+79123456789" find the same person' }),
  ...workspaceQuery,
});

const consentEntry = z.object({ granted: z.boolean(), source: z.string().max(200).optional() });
const field = (max = 200) => z.string().max(max).nullable().optional();

/** Body of POST /customers and PATCH /customers/:id; in PATCH null clears a field and absent leaves it. */
export const customerWriteSchema = z.object({
  phone: field(50).meta({ description: 'Any format; stored as E.164, read in the workspace phone region' }),
  email: field(254),
  cardNumber: z.string().max(100).optional().meta({ description: 'Loyalty card number (barcode or QR), an identifier' }),
  externalId: z.string().max(200).optional().meta({ description: "The person's id in the shop's own system, an identifier" }),
  identifiers: z.array(z.object({ kind: z.enum(identifierKinds), value: z.string().max(300) })).max(50).optional(),
  firstName: field(),
  lastName: field(),
  middleName: field(),
  gender: field().meta({ description: 'female, male or other' }),
  birthDate: field(20).meta({ description: 'YYYY-MM-DD' }),
  city: field(),
  region: field(),
  country: field(),
  source: field(),
  utmSource: field(),
  utmMedium: field(),
  utmCampaign: field(),
  preferredChannel: field().meta({ description: 'email, sms, push or messenger' }),
  managerUserId: field(100),
  locale: field(20),
  traits: z.record(z.string(), z.unknown()).optional().meta({ description: 'Custom attributes, merged over the stored ones' }),
  consent: z
    .object({ email: consentEntry.optional(), sms: consentEntry.optional(), push: consentEntry.optional(), messenger: consentEntry.optional() })
    .optional()
    .meta({ description: 'Consent per channel; absent channels are left as they are' }),
});

/** Response of POST /customers. */
export const createdCustomerSchema = z.object({
  customer: customerProfileSchema,
  created: z.boolean().meta({ description: 'false when the identifiers named an existing customer, whose profile was updated' }),
});

/** Body of DELETE /customers/:id (the reason may also come as a query parameter). */
export const eraseBodySchema = z.object({ reason: z.string().max(500).optional() }).nullish();
/** Query of DELETE /customers/:id. */
export const eraseQuerySchema = z.object({ reason: z.string().max(500).optional(), ...workspaceQuery });

/** Query of GET /customers/:id/timeline. */
export const timelineQuerySchema = z.object({
  types: z
    .string()
    .max(200)
    .optional()
    .refine((v) => v === undefined || v.split(',').every((t) => isTimelineType(t.trim())), { message: `must be a comma list of ${timelineTypes.join(', ')}` })
    .transform((v) => v?.split(',').map((t) => t.trim()).filter(isTimelineType))
    .meta({ description: `Comma list of ${timelineTypes.join(', ')}` }),
  event: z.string().max(200).optional().meta({ description: 'Only events with this name (e.g. "Product Viewed"); orders then only when types names them' }),
  from: timeBoundSchema.optional().meta({ description: 'YYYY-MM-DD (workspace time zone) or epoch ms, inclusive' }),
  to: timeBoundSchema.optional().meta({ description: 'YYYY-MM-DD (that whole day) or epoch ms (exclusive)' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
  ...workspaceQuery,
});

/** Whether a string names a timeline entry kind. */
export function isTimelineType(value: string): value is (typeof timelineTypes)[number] {
  return (timelineTypes as readonly string[]).includes(value);
}

const nullableText = z.string().nullable();

/** One timeline entry: an order or an event, at an instant. */
export const timelineItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('order'),
    at: epochMs('Ordered'),
    order: z.object({
      id: z.number().int(),
      externalId: z.string(),
      status: z.string(),
      total: money('Total after discounts'),
      refunded: money('Refunded'),
      currency: z.string(),
      channel: z.string(),
      storeId: nullableText,
      itemsCount: z.number().int(),
    }),
  }),
  z.object({
    kind: z.literal('event'),
    at: epochMs('Happened'),
    event: z.object({
      id: z.number().int(),
      type: z.string(),
      name: nullableText,
      messageId: z.string(),
      properties: z.record(z.string(), z.unknown()),
      context: z.object({
        url: nullableText,
        referrer: nullableText,
        device: nullableText,
        os: nullableText,
        browser: nullableText,
        locale: nullableText,
        ip: nullableText,
        city: nullableText,
        country: nullableText,
        utm: z.object({ source: nullableText, medium: nullableText, campaign: nullableText, term: nullableText, content: nullableText }),
      }),
      receivedAt: epochMs('Received'),
    }),
  }),
]);

/** Response of GET /customers/:id/timeline. */
export const timelineSchema = z.object({ items: z.array(timelineItemSchema), nextCursor: z.string().nullable() });

const exportOrderSchema = z.object({
  id: z.number().int(),
  externalId: z.string(),
  status: z.string(),
  total: money('Total after discounts'),
  discount: money('Discount'),
  shipping: money('Shipping'),
  tax: money('Tax'),
  refunded: money('Refunded'),
  pointsUsed: money('Loyalty points spent'),
  currency: z.string(),
  channel: z.string(),
  storeId: nullableText,
  source: z.string(),
  orderedAt: epochMs('Ordered'),
  items: z.array(z.object({ productId: nullableText, sku: nullableText, name: nullableText, category: nullableText, price: money('Unit price'), quantity: z.number() })),
});

/** Response of GET /customers/:id/export: all data stored about a customer. */
export const customerExportSchema = z.object({
  exportedAt: epochMs('Exported'),
  profile: customerProfileSchema,
  orders: z.array(exportOrderSchema),
  events: z.array(
    z.object({
      id: z.number().int(),
      type: z.string(),
      name: nullableText,
      messageId: z.string(),
      timestamp: epochMs('Happened'),
      receivedAt: epochMs('Received'),
      properties: z.record(z.string(), z.unknown()),
      context: z.record(z.string(), z.unknown()),
    }),
  ),
});
