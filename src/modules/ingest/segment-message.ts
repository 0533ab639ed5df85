import type { z } from 'zod';
import type { FieldProblem } from '../../platform/errors.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../platform/json-depth.js';
import {
  aliasSchema,
  groupSchema,
  identifySchema,
  isMessageType,
  MAX_EVENT_BYTES,
  type MessageType,
  messageTypes,
  pageSchema,
  parseIsoTimestamp,
  screenSchema,
  trackSchema,
} from './segment.schemas.js';

// Turns one Segment call, as any client sends it, into the one shape the ingestion service
// stores: ids as strings, a clock-corrected timestamp, batch context folded in.

/** A Segment call after validation and normalisation, whatever its type. */
export interface NormalizedMessage {
  type: MessageType;
  /** Client-chosen idempotency key; null when the server must generate one. */
  messageId: string | null;
  userId: string | null;
  anonymousId: string | null;
  /** Track event name, or the page/screen name. */
  event: string | null;
  properties: Record<string, unknown>;
  /** Identify/group traits; for user calls also context.traits, explicit traits winning. */
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
  /** When it happened, corrected for the client's clock skew, epoch ms. */
  timestamp: number;
  previousId: string | null;
  groupId: string | null;
}

/** Where the call came from and what surrounds it: the route's type, the arrival time, batch-level fields. */
export interface ParseOptions {
  /** The type the route implies (/v1/track); absent for batch items, which carry their own. */
  type?: MessageType;
  /** Server time of arrival, epoch ms. */
  receivedAt: number;
  /** The batch's sentAt; a message's own sentAt wins. */
  batchSentAt?: string | null;
  /** The batch's context, merged under the message's own. */
  batchContext?: Record<string, unknown>;
}

/** The outcome of parsing one call: the message, or every problem found with a dotted field path. */
export type ParseResult = { ok: true; message: NormalizedMessage } | { ok: false; problems: FieldProblem[] };

/** Size of a message as Segment counts it: UTF-8 bytes of its JSON. */
export function eventByteSize(raw: unknown): number {
  return Buffer.byteLength(JSON.stringify(raw) ?? '', 'utf8');
}

/** Validates and normalises one Segment call (a single-call body or one batch item). */
export function parseMessage(raw: unknown, options: ParseOptions): ParseResult {
  // Depth first: measuring the size serialises the message, which recurses once per level.
  if (isObject(raw)) {
    const deep = Object.keys(raw).filter((key) => nestsDeeperThan(raw[key], MAX_JSON_DEPTH));
    if (deep.length > 0) return fail(deep.map((field) => ({ field, reason: `nests deeper than ${MAX_JSON_DEPTH} levels` })));
  } else if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) {
    return fail([{ field: '', reason: `nests deeper than ${MAX_JSON_DEPTH} levels` }]);
  }
  const size = eventByteSize(raw);
  if (size > MAX_EVENT_BYTES) {
    return fail([{ field: '', reason: `event is ${size} bytes; the limit is ${MAX_EVENT_BYTES}` }]);
  }
  if (!isObject(raw)) return fail([{ field: '', reason: 'must be an object' }]);
  const type = options.type ?? raw.type;
  if (!isMessageType(type)) {
    const reason = type === undefined ? 'is required' : `must be one of ${messageTypes.join(', ')}`;
    return fail([{ field: 'type', reason }]);
  }
  const parsed = parseFields(type, raw);
  if ('problems' in parsed) return fail(parsed.problems);
  const { data, fields } = parsed;

  const sentAtText = data.sentAt ?? options.batchSentAt ?? null;
  const sentAt = sentAtText === null ? null : parseIsoTimestamp(sentAtText);
  if (sentAtText !== null && sentAt === null) {
    return fail([{ field: 'sentAt', reason: 'must be an ISO 8601 date-time, e.g. 2024-01-01T00:00:00.000Z' }]);
  }
  const originalText = data.originalTimestamp ?? data.timestamp ?? null;
  const original = originalText === null ? null : parseIsoTimestamp(originalText);
  // Segment's clock-skew correction: the client's clock may be wrong, but the time between the
  // event and its sending is not, so it is measured back from our own arrival time.
  let timestamp = options.receivedAt;
  if (original !== null) timestamp = sentAt === null ? original : options.receivedAt - (sentAt - original);

  const context = mergeUnder(options.batchContext ?? {}, data.context);
  const userTraits = isObject(context.traits) ? context.traits : {};
  const traits = type === 'group' ? fields.traits : { ...userTraits, ...fields.traits };
  return {
    ok: true,
    message: {
      type,
      messageId: data.messageId ?? null,
      userId: data.userId ?? null,
      anonymousId: data.anonymousId ?? null,
      event: fields.event,
      properties: fields.properties,
      traits,
      context,
      timestamp,
      previousId: fields.previousId,
      groupId: fields.groupId,
    },
  };
}

interface CommonData {
  messageId?: string;
  userId?: string;
  anonymousId?: string;
  timestamp?: string | null;
  originalTimestamp?: string | null;
  sentAt?: string | null;
  context: Record<string, unknown>;
}

type SpecificFields = Pick<NormalizedMessage, 'event' | 'properties' | 'traits' | 'previousId' | 'groupId'>;

type Parsed = { data: CommonData; fields: SpecificFields } | { problems: FieldProblem[] };

const noFields: SpecificFields = { event: null, properties: {}, traits: {}, previousId: null, groupId: null };

function parseFields(type: MessageType, raw: unknown): Parsed {
  switch (type) {
    case 'identify':
      return check(identifySchema, raw, (d) => ({ ...noFields, traits: d.traits }));
    case 'track':
      return check(trackSchema, raw, (d) => ({ ...noFields, event: d.event, properties: d.properties }));
    case 'page':
      return check(pageSchema, raw, (d) => ({ ...noFields, event: d.name ?? null, properties: d.properties }));
    case 'screen':
      return check(screenSchema, raw, (d) => ({ ...noFields, event: d.name ?? null, properties: d.properties }));
    case 'group':
      return check(groupSchema, raw, (d) => ({ ...noFields, traits: d.traits, groupId: d.groupId }));
    case 'alias':
      return check(aliasSchema, raw, (d) => ({ ...noFields, previousId: d.previousId }));
  }
}

function check<T extends CommonData>(schema: z.ZodType<T>, raw: unknown, pick: (data: T) => SpecificFields): Parsed {
  const result = schema.safeParse(raw);
  if (!result.success) {
    return { problems: result.error.issues.map((issue) => ({ field: fieldPath(issue.path), reason: issue.message })) };
  }
  return { data: result.data, fields: pick(result.data) };
}

/** Formats a validation path the way our API reports fields, e.g. "properties.products[0].price". */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

function fail(problems: FieldProblem[]): ParseResult {
  return { ok: false, problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Deep merge where `own` wins; built with fromEntries so a "__proto__" key stays plain data.
function mergeUnder(base: Record<string, unknown>, own: Record<string, unknown>): Record<string, unknown> {
  const merged = new Map(Object.entries(base));
  for (const [key, value] of Object.entries(own)) {
    const below = merged.get(key);
    merged.set(key, isObject(below) && isObject(value) ? mergeUnder(below, value) : value);
  }
  return Object.fromEntries(merged);
}

/** What a profile shows as the last device, place and traffic source, read from a message's context. */
export interface ContextSummary {
  device: string | null;
  os: string | null;
  browser: string | null;
  locale: string | null;
  ip: string | null;
  city: string | null;
  country: string | null;
  utm: { source: string | null; medium: string | null; campaign: string | null; term: string | null; content: string | null };
  referrer: string | null;
}

/** Extracts device, OS, browser, place and UTM source from a Segment context (mobile libraries, analytics.js, RudderStack). */
export function contextSummary(context: Record<string, unknown>): ContextSummary {
  const ua = text(context.userAgent) ?? '';
  const device = record(context.device);
  const os = record(context.os);
  const location = record(context.location);
  const page = record(context.page);
  const campaign = record(context.campaign);
  // analytics.js fills context.campaign from the landing URL; others may leave only the URL.
  const query = new URLSearchParams(text(page.search) ?? urlQuery(text(page.url)));
  const utm = (key: string, param: string) => text(campaign[key]) ?? text(query.get(param));
  const osName = text(os.name);
  return {
    device: deviceName(device, ua),
    os: osName ? [osName, text(os.version)].filter(Boolean).join(' ') : osFromUserAgent(ua),
    browser: browserFromUserAgent(ua),
    locale: text(context.locale),
    ip: text(context.ip),
    city: text(location.city),
    country: text(location.country),
    utm: {
      // Segment maps utm_campaign to campaign.name.
      campaign: utm('name', 'utm_campaign'),
      source: utm('source', 'utm_source'),
      medium: utm('medium', 'utm_medium'),
      term: utm('term', 'utm_term'),
      content: utm('content', 'utm_content'),
    },
    referrer: text(page.referrer) ?? text(record(context.referrer).url),
  };
}

// Checked in order: Yandex, Edge, Opera and Samsung all say "Chrome/" too, and Chrome says "Safari/".
const browserPatterns: [RegExp, string][] = [
  [/YaBrowser\/(\d+)/, 'Yandex Browser'],
  [/(?:Edg|EdgA|EdgiOS|Edge)\/(\d+)/, 'Edge'],
  [/(?:OPR|OPT)\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/Version\/(\d+).*Safari\//, 'Safari'],
];

/** Names the browser and its major version in a User-Agent string, e.g. "Chrome 120"; null when unknown. */
export function browserFromUserAgent(userAgent: string): string | null {
  for (const [pattern, name] of browserPatterns) {
    const match = pattern.exec(userAgent);
    if (match) return `${name} ${match[1]}`;
  }
  return null;
}

/** Names the operating system in a User-Agent string, e.g. "iOS 17.1.2" or "Windows"; null when unknown. */
export function osFromUserAgent(userAgent: string): string | null {
  // iOS and Android before macOS and Linux, whose tokens they also carry.
  const ios = /(?:iPhone|iPad|iPod).*? OS (\d+(?:_\d+)*)/.exec(userAgent);
  if (ios) return `iOS ${ios[1].replace(/_/g, '.')}`;
  const android = /Android (\d+(?:\.\d+)*)/.exec(userAgent);
  if (android) return `Android ${android[1]}`;
  // Windows 11 still reports "NT 10.0" and macOS is frozen at "10_15_7", so no versions for them.
  if (userAgent.includes('Windows')) return 'Windows';
  if (userAgent.includes('CrOS')) return 'ChromeOS';
  if (userAgent.includes('Macintosh') || userAgent.includes('Mac OS X')) return 'macOS';
  if (userAgent.includes('Linux')) return 'Linux';
  return null;
}

function deviceName(device: Record<string, unknown>, userAgent: string): string | null {
  const manufacturer = text(device.manufacturer);
  const model = text(device.model);
  if (model) {
    const named = manufacturer && !model.toLowerCase().startsWith(manufacturer.toLowerCase());
    return named ? `${manufacturer} ${model}` : model;
  }
  const known = manufacturer ?? text(device.type);
  if (known || !userAgent) return known;
  // Web clients send no device; the "Mobi" token is how browsers themselves say "phone".
  const apple = /\((iPhone|iPad|iPod)/.exec(userAgent);
  if (apple) return `Apple ${apple[1]}`;
  if (userAgent.includes('Mobi')) return 'mobile';
  return userAgent.includes('Android') ? 'tablet' : 'desktop';
}

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function record(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}

function urlQuery(url: string | null): string {
  const at = url?.indexOf('?') ?? -1;
  return url && at >= 0 ? url.slice(at + 1).split('#')[0] : '';
}
