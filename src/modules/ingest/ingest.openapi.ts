import type { FastifySchema, FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import { z } from 'zod';
import { MAX_JSON_DEPTH } from '../../platform/json-depth.js';
import { MAX_ITEM_QUANTITY, MAX_ORDER_AMOUNT } from '../orders/order-bounds.js';
import {
  batchEnvelopeSchema, batchItemSchema, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, MAX_EVENT_BYTES, type MessageType, messageSchemas,
} from './segment.schemas.js';

// The OpenAPI description of the tracking API. Its routes check every message on their own (a bad
// message must not sink its batch), so these schemas document the contract and are not used to
// validate or serialise: the routes take `documentedOnly`.

const tags = ['Tracking API'];

const problemSchema = z.object({
  index: z.number().int().optional().meta({ description: 'Position of the message in the batch' }),
  field: z.string().meta({ description: 'Path of the field, e.g. batch[3].properties.total' }),
  reason: z.string(),
});

const acceptedSchema = z.object({
  success: z.literal(true),
  accepted: z.number().int().meta({ description: 'Messages stored now' }),
  duplicates: z.number().int().meta({ description: 'Messages whose messageId was stored before; they change nothing' }),
});

/** The error body of the tracking API: Segment's `code` and `message` at the top, and ours under `error`. */
export const trackingErrorSchema = z.object({
  code: z.string().meta({ description: "As in Segment's answers: what Segment's and RudderStack's libraries read" }),
  message: z.string(),
  error: z.object({ code: z.string(), message: z.string(), details: z.array(problemSchema).optional() }),
  success: z.literal(false).optional(),
  accepted: z.number().int().optional().meta({ description: 'Messages of the call stored anyway' }),
  duplicates: z.number().int().optional(),
  rejected: z.number().int().optional().meta({ description: 'Messages refused' }),
});

const errors = {
  400: trackingErrorSchema.meta({
    description:
      'Some or all messages refused, each named by field; the others were stored (a client must not resend them, though resending is harmless: messageId de-duplicates). Also a body that is not JSON.',
  }),
  401: trackingErrorSchema.meta({ description: 'No write key, or an unknown or revoked one' }),
  413: trackingErrorSchema.meta({ description: `Body over ${MAX_BATCH_BYTES} bytes (batch) or ${MAX_EVENT_BYTES + 1024} bytes (single call)` }),
};

const rules =
  `Write key as the HTTP Basic user name (or \`writeKey\` in the body). Bodies are JSON whatever their Content-Type ` +
  `(application/json, text/plain, application/x-www-form-urlencoded), optionally gzip. A message is at most ${MAX_EVENT_BYTES} bytes ` +
  `and nests at most ${MAX_JSON_DEPTH} levels; amounts are decimals of at most ${MAX_ORDER_AMOUNT} minor units, quantities at most ${MAX_ITEM_QUANTITY}.`;

const summaries: Record<MessageType, string> = {
  identify: 'Who the user is, with traits',
  track: 'An action the user took; Order Completed, Order Refunded and Order Cancelled change orders',
  page: 'A web page view',
  screen: 'A mobile app screen view',
  group: 'The user belongs to a company or account',
  alias: 'previousId and userId are the same person',
};

/** The OpenAPI schema of a single call (/v1/track …), or of its short path (/v1/t) used by analytics.js 2.0. */
export function singleCallSchema(type: MessageType, shortPath: boolean): FastifySchema {
  return {
    tags,
    summary: shortPath ? `Short path of /v1/${type} (analytics.js 2.0)` : summaries[type],
    description: rules,
    security: [{ writeKey: [] }],
    consumes: ['application/json', 'text/plain', 'application/x-www-form-urlencoded'],
    body: messageSchemas[type],
    response: { 200: acceptedSchema, ...errors },
  };
}

/** The OpenAPI schema of a batch call (/v1/batch, or /v1/b used by analytics.js 2.0). */
export function batchCallSchema(shortPath: boolean): FastifySchema {
  return {
    tags,
    summary: shortPath ? 'Short path of /v1/batch (analytics.js 2.0)' : `Up to ${MAX_BATCH_EVENTS} messages of any type in one call`,
    description: `${rules} Every message is checked on its own: the valid ones are stored even when others are refused.`,
    security: [{ writeKey: [] }],
    consumes: ['application/json', 'text/plain', 'application/x-www-form-urlencoded'],
    body: batchEnvelopeSchema.extend({ batch: z.array(batchItemSchema).max(MAX_BATCH_EVENTS) }),
    response: { 200: acceptedSchema, ...errors },
  };
}

const passThrough: FastifySchemaCompiler<unknown> = () => (data) => ({ value: data });
const asJson: FastifySerializerCompiler<unknown> = () => (data) => JSON.stringify(data);

/** Route options that keep the schemas for the document only: bodies are checked by the ingestion service, answers written as they are. */
export const documentedOnly = { validatorCompiler: passThrough, serializerCompiler: asJson };
