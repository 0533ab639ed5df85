import { z } from 'zod';
import { recordIdParam } from '../../platform/record-id.js';
import { timeBoundSchema } from '../../common/time-bounds.js';

// Contracts of the order endpoints, shared by the server and the web app. Money is integer minor
// units (kopecks for RUB), times are epoch milliseconds.

const money = (what: string) => z.number().int().meta({ description: `${what}, integer minor units (kopecks)` });

/** Order statuses. */
export const orderStatuses = ['completed', 'partially_refunded', 'refunded', 'cancelled'] as const;

/** One line of an order. */
export const orderItemSchema = z.object({
  productId: z.string().nullable(),
  sku: z.string().nullable(),
  name: z.string().nullable(),
  category: z.string().nullable(),
  price: money('Unit price'),
  quantity: z.number(),
});

/** An order (items only in GET /orders/:id). */
export const orderSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  externalId: z.string().meta({ description: "The shop's order number" }),
  status: z.string().meta({ description: orderStatuses.join(', ') }),
  total: money('Total after discounts'),
  discount: money('Discount'),
  shipping: money('Shipping'),
  tax: money('Tax'),
  refunded: money('Refunded so far'),
  pointsUsed: money('Loyalty points spent'),
  currency: z.string().meta({ description: 'ISO 4217' }),
  channel: z.string().meta({ description: 'online or offline' }),
  storeId: z.string().nullable().meta({ description: 'Store of an offline purchase' }),
  source: z.string().meta({ description: 'event, import, api or demo' }),
  orderedAt: z.number().int().meta({ description: 'Epoch milliseconds' }),
  items: z.array(orderItemSchema).optional(),
});

/** Query of GET /orders. */
export const orderListQuerySchema = z.object({
  customerId: recordIdParam.optional(),
  status: z.enum(orderStatuses).optional(),
  from: timeBoundSchema.optional().meta({ description: 'Ordered on or after: YYYY-MM-DD (workspace time zone) or epoch ms' }),
  to: timeBoundSchema.optional().meta({ description: 'Ordered up to: YYYY-MM-DD (that whole day) or epoch ms (exclusive)' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional().meta({ description: 'nextCursor of the previous page' }),
  workspaceId: z.string().max(100).optional().meta({ description: 'Workspace of a signed-in user, instead of the x-workspace-id header' }),
});

/** Response of GET /orders. */
export const orderListSchema = z.object({
  items: z.array(orderSchema),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
});

/** Path parameters naming an order. */
export const orderIdParamsSchema = z.object({ id: recordIdParam });
