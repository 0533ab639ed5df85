import { z } from 'zod';

// Contracts of the Segment HTTP Tracking API (/v1/identify, /v1/track, … /v1/batch), so that
// Segment and RudderStack clients work unchanged. Permissive where Segment is (unknown keys are
// kept, properties/traits/context are free-form), strict where a wrong value would corrupt data.

/** Largest single message Segment accepts, in UTF-8 bytes of its JSON. */
export const MAX_EVENT_BYTES = 32 * 1024;
/** Largest batch request body Segment accepts, in bytes. */
export const MAX_BATCH_BYTES = 500 * 1024;
/** Most messages one batch may carry. */
export const MAX_BATCH_EVENTS = 2500;
/** Longest id (user, anonymous, group, previous, message) we accept, as the identity module stores them. */
export const MAX_ID_LENGTH = 200;

/** The Segment call types, which are also the batch item discriminator. */
export const messageTypes = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
/** One Segment call type. */
export type MessageType = (typeof messageTypes)[number];

/** Whether a value names a Segment call type. */
export function isMessageType(value: unknown): value is MessageType {
  return typeof value === 'string' && (messageTypes as readonly string[]).includes(value);
}

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Reads an ISO 8601 date-time to epoch ms, or null; without an offset it is taken as UTC. */
export function parseIsoTimestamp(text: string): number | null {
  const m = isoPattern.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0));
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 30 February into March and years below 100 into the 1900s; a round trip
  // catches both, and the clock fields are checked by hand.
  const back = new Date(utc);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const zone = (m[8] ?? 'Z').toUpperCase();
  if (zone === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return utc - sign * offsetMinutes * 60_000;
}

const timestampSchema = z
  .string({ error: 'must be an ISO 8601 date-time string' })
  .refine((text) => parseIsoTimestamp(text) !== null, {
    error: 'must be an ISO 8601 date-time, e.g. 2024-01-01T00:00:00.000Z',
  })
  .nullish();

const idInput = z.union([z.string(), z.number().int()], {
  error: (issue) => (issue.input == null ? 'is required' : 'must be a string or an integer'),
});

// RudderStack sends userId "" and analytics.js sends null for anonymous visitors, so an empty id
// is an absent id; numeric ids (some backends send them) become strings.
const optionalId = idInput
  .nullish()
  .transform((value) => (value == null ? undefined : String(value).trim() || undefined))
  .pipe(z.string().max(MAX_ID_LENGTH, `is longer than ${MAX_ID_LENGTH} characters`).optional());

const requiredId = idInput
  .transform((value) => String(value).trim())
  .pipe(z.string().min(1, 'is required').max(MAX_ID_LENGTH, `is longer than ${MAX_ID_LENGTH} characters`));

const freeForm = z
  .record(z.string(), z.unknown(), { error: 'must be an object' })
  .nullish()
  .transform((value) => value ?? {});

const optionalText = z.string({ error: 'must be a string' }).nullish();

const commonFields = {
  messageId: optionalId,
  userId: optionalId,
  anonymousId: optionalId,
  timestamp: timestampSchema,
  originalTimestamp: timestampSchema,
  sentAt: timestampSchema,
  context: freeForm,
  integrations: freeForm,
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Every call must say who did it; the check also runs when other fields are wrong, so a client
// learns about all its mistakes at once.
function message<Shape extends z.ZodRawShape>(type: MessageType, shape: Shape) {
  return z
    .looseObject(
      { ...commonFields, type: z.literal(type, { error: `must be "${type}" at this endpoint` }).optional(), ...shape },
      { error: 'must be an object' },
    )
    .refine((value) => Boolean(value.userId || value.anonymousId), {
      path: ['userId'],
      error: 'userId or anonymousId is required',
      when: (payload) => isObject(payload.value),
    });
}

/** POST /v1/identify: who the user is, with traits. */
export const identifySchema = message('identify', { traits: freeForm });
/** POST /v1/track: an action the user took. */
export const trackSchema = message('track', {
  event: z
    .string({ error: (issue) => (issue.input == null ? 'is required' : 'must be a string') })
    .trim()
    .min(1, 'must not be empty'),
  properties: freeForm,
});
/** POST /v1/page: a web page view. */
export const pageSchema = message('page', { name: optionalText, category: optionalText, properties: freeForm });
/** POST /v1/screen: a mobile app screen view. */
export const screenSchema = message('screen', { name: optionalText, category: optionalText, properties: freeForm });
/** POST /v1/group: the user belongs to a company or account. */
export const groupSchema = message('group', { groupId: requiredId, traits: freeForm });
/** POST /v1/alias: previousId and userId are the same person. */
export const aliasSchema = message('alias', { previousId: requiredId });

/** The single-call schema for each type, as chosen by the route. */
export const messageSchemas = {
  identify: identifySchema,
  track: trackSchema,
  page: pageSchema,
  screen: screenSchema,
  group: groupSchema,
  alias: aliasSchema,
} as const;

/** A validated identify call. */
export type IdentifyMessage = z.output<typeof identifySchema>;
/** A validated track call. */
export type TrackMessage = z.output<typeof trackSchema>;
/** A validated page call. */
export type PageMessage = z.output<typeof pageSchema>;
/** A validated screen call. */
export type ScreenMessage = z.output<typeof screenSchema>;
/** A validated group call. */
export type GroupMessage = z.output<typeof groupSchema>;
/** A validated alias call. */
export type AliasMessage = z.output<typeof aliasSchema>;

/** One item of a batch, told apart by its required `type` (for documentation; items are parsed one by one). */
export const batchItemSchema = z.discriminatedUnion('type', [
  identifySchema.safeExtend({ type: z.literal('identify') }),
  trackSchema.safeExtend({ type: z.literal('track') }),
  pageSchema.safeExtend({ type: z.literal('page') }),
  screenSchema.safeExtend({ type: z.literal('screen') }),
  groupSchema.safeExtend({ type: z.literal('group') }),
  aliasSchema.safeExtend({ type: z.literal('alias') }),
]);

/** POST /v1/batch envelope; items stay unchecked here so one bad item does not reject its neighbours. */
export const batchEnvelopeSchema = z.looseObject(
  {
    batch: z
      .array(z.unknown(), { error: (issue) => (issue.input == null ? 'is required' : 'must be an array') })
      .max(MAX_BATCH_EVENTS, `has more than ${MAX_BATCH_EVENTS} messages`),
    sentAt: timestampSchema,
    // Merged under each item's own context, per Segment.
    context: freeForm,
    integrations: freeForm,
    writeKey: optionalText,
  },
  { error: 'must be an object' },
);

/** A validated batch envelope. */
export type BatchEnvelope = z.output<typeof batchEnvelopeSchema>;
