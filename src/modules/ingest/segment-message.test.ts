import { describe, expect, it } from 'vitest';
import { browserFromUserAgent, contextSummary, eventByteSize, fieldPath, parseMessage } from './segment-message.js';
import { batchEnvelopeSchema } from './segment.schemas.js';

const at = (iso: string) => Date.parse(iso);
const receivedAt = at('2024-01-01T00:00:10Z');

const ua = {
  chromeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1',
  yandex:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 YaBrowser/24.1.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
  opera:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 OPR/105.0.0.0',
  firefoxLinux: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
};

// What @segment/analytics-node 3.1.0 puts on the wire: CoreEventFactory.normalize builds
// { timestamp: new Date(), ...call, context, integrations, userId, messageId }, the Segment.io
// plugin adds context.library and _metadata, and the Publisher posts { batch, writeKey, sentAt }.
function nodeClientBatch() {
  const library = { name: '@segment/analytics-node', version: '3.1.0' };
  const _metadata = { nodeVersion: 'v20.19.0', jsRuntime: 'node' };
  const created = new Date('2024-01-01T00:00:00Z');
  const id = (n: number) => `node-next-1704067200000-3f1c2b9e-8e4a-4c1e-9d1b-5a6f7c8d9e0${n}`;
  const body = {
    batch: [
      { timestamp: created, type: 'identify', userId: 'user-42', traits: { email: 'anna@example.com' }, integrations: {}, context: { library }, messageId: id(1), _metadata },
      { timestamp: created, event: 'Order Completed', type: 'track', properties: { order_id: 'A-1', total: 27.5 }, context: { library }, integrations: {}, userId: 'user-42', messageId: id(2), _metadata },
      { timestamp: created, type: 'page', properties: { category: 'Docs', url: 'https://shop.example/docs' }, integrations: {}, category: 'Docs', name: 'Getting Started', context: { library }, anonymousId: 'anon-7', messageId: id(3), _metadata },
      { timestamp: created, type: 'screen', properties: {}, integrations: {}, name: 'Cart', context: { library }, userId: 'user-42', messageId: id(4), _metadata },
      { timestamp: created, type: 'group', traits: { name: 'ACME' }, integrations: {}, groupId: 'acme', context: { library }, userId: 'user-42', messageId: id(5), _metadata },
      { timestamp: created, userId: 'user-42', type: 'alias', integrations: {}, previousId: 'anon-7', context: { library }, messageId: id(6), _metadata },
    ],
    writeKey: 'wk_test',
    sentAt: new Date('2024-01-01T00:00:05Z'),
  };
  return JSON.parse(JSON.stringify(body)) as unknown;
}

describe('parseMessage on a batch from @segment/analytics-node', () => {
  it('normalises every call type', () => {
    const envelope = batchEnvelopeSchema.parse(nodeClientBatch());
    const parsed = envelope.batch.map((item) =>
      parseMessage(item, { receivedAt, batchSentAt: envelope.sentAt, batchContext: envelope.context }),
    );
    const messages = parsed.map((result) => (result.ok ? result.message : result.problems));
    const library = { name: '@segment/analytics-node', version: '3.1.0' };
    // The client clock ran 5 s behind ours: sent at its 00:00:05, received at our 00:00:10.
    const corrected = at('2024-01-01T00:00:05Z');
    const common = { context: { library }, timestamp: corrected, previousId: null, groupId: null };
    expect(messages).toEqual([
      { ...common, type: 'identify', messageId: expect.stringMatching(/1$/), userId: 'user-42', anonymousId: null, event: null, properties: {}, traits: { email: 'anna@example.com' } },
      { ...common, type: 'track', messageId: expect.stringMatching(/2$/), userId: 'user-42', anonymousId: null, event: 'Order Completed', properties: { order_id: 'A-1', total: 27.5 }, traits: {} },
      { ...common, type: 'page', messageId: expect.stringMatching(/3$/), userId: null, anonymousId: 'anon-7', event: 'Getting Started', properties: { category: 'Docs', url: 'https://shop.example/docs' }, traits: {} },
      { ...common, type: 'screen', messageId: expect.stringMatching(/4$/), userId: 'user-42', anonymousId: null, event: 'Cart', properties: {}, traits: {} },
      { ...common, type: 'group', messageId: expect.stringMatching(/5$/), userId: 'user-42', anonymousId: null, event: null, properties: {}, traits: { name: 'ACME' }, groupId: 'acme' },
      { ...common, type: 'alias', messageId: expect.stringMatching(/6$/), userId: 'user-42', anonymousId: null, event: null, properties: {}, traits: {}, previousId: 'anon-7' },
    ]);
  });
});

describe('timestamp correction', () => {
  const track = { userId: 'u1', event: 'Viewed' };

  it('is receivedAt - (sentAt - timestamp)', () => {
    const result = parseMessage({ ...track, timestamp: '2024-01-01T00:00:00Z', sentAt: '2024-01-01T00:00:05Z' }, { type: 'track', receivedAt });
    expect(result.ok && result.message.timestamp).toBe(at('2024-01-01T00:00:05Z'));
  });

  it('prefers originalTimestamp over timestamp', () => {
    const raw = { ...track, originalTimestamp: '2024-01-01T00:00:01Z', timestamp: '2024-01-01T00:00:00Z', sentAt: '2024-01-01T00:00:05Z' };
    const result = parseMessage(raw, { type: 'track', receivedAt });
    expect(result.ok && result.message.timestamp).toBe(at('2024-01-01T00:00:06Z'));
  });

  it("uses the message's sentAt over the batch's", () => {
    const raw = { ...track, timestamp: '2024-01-01T00:00:00Z', sentAt: '2024-01-01T00:00:08Z' };
    const result = parseMessage(raw, { type: 'track', receivedAt, batchSentAt: '2024-01-01T00:00:05Z' });
    expect(result.ok && result.message.timestamp).toBe(at('2024-01-01T00:00:02Z'));
  });

  it('keeps the timestamp as sent without sentAt, and uses receivedAt without any', () => {
    const sent = parseMessage({ ...track, timestamp: '2024-01-01T03:00:00+03:00' }, { type: 'track', receivedAt });
    expect(sent.ok && sent.message.timestamp).toBe(at('2024-01-01T00:00:00Z'));
    const none = parseMessage(track, { type: 'track', receivedAt });
    expect(none.ok && none.message.timestamp).toBe(receivedAt);
  });

  it('rejects unparseable times', () => {
    expect(parseMessage({ ...track, timestamp: '2024-02-30T00:00:00Z' }, { type: 'track', receivedAt })).toEqual({
      ok: false,
      problems: [{ field: 'timestamp', reason: 'must be an ISO 8601 date-time, e.g. 2024-01-01T00:00:00.000Z' }],
    });
    expect(parseMessage(track, { type: 'track', receivedAt, batchSentAt: 'yesterday' })).toMatchObject({
      ok: false,
      problems: [{ field: 'sentAt' }],
    });
  });
});

describe('parseMessage problems', () => {
  const opts = { type: 'track' as const, receivedAt };

  it('requires userId or anonymousId, treating empty ids as absent', () => {
    expect(parseMessage({ event: 'X' }, opts)).toEqual({
      ok: false,
      problems: [{ field: 'userId', reason: 'userId or anonymousId is required' }],
    });
    const anonymous = parseMessage({ event: 'X', userId: '', anonymousId: 'anon-1' }, opts);
    expect(anonymous.ok && [anonymous.message.userId, anonymous.message.anonymousId]).toEqual([null, 'anon-1']);
    const numeric = parseMessage({ event: 'X', userId: 12345 }, opts);
    expect(numeric.ok && numeric.message.userId).toBe('12345');
  });

  it('names wrong types by field', () => {
    expect(parseMessage({ event: 'X', userId: { id: 1 } }, opts)).toEqual({
      ok: false,
      problems: [{ field: 'userId', reason: 'must be a string or an integer' }],
    });
    expect(parseMessage({ userId: 'u', event: '  ' }, opts)).toMatchObject({ problems: [{ field: 'event', reason: 'must not be empty' }] });
    expect(parseMessage({ userId: 'u' }, { type: 'alias', receivedAt })).toMatchObject({ problems: [{ field: 'previousId', reason: 'is required' }] });
    expect(parseMessage({ userId: 'u' }, { type: 'group', receivedAt })).toMatchObject({ problems: [{ field: 'groupId', reason: 'is required' }] });
    expect(parseMessage('track', opts)).toEqual({ ok: false, problems: [{ field: '', reason: 'must be an object' }] });
  });

  it('needs a known type on batch items and the route type on single calls', () => {
    expect(parseMessage({ userId: 'u', event: 'X' }, { receivedAt })).toMatchObject({ problems: [{ field: 'type', reason: 'is required' }] });
    expect(parseMessage({ type: 'purchase', userId: 'u' }, { receivedAt })).toMatchObject({
      problems: [{ field: 'type', reason: 'must be one of identify, track, page, screen, group, alias' }],
    });
    expect(parseMessage({ type: 'identify', userId: 'u', event: 'X' }, opts)).toMatchObject({
      problems: [{ field: 'type', reason: 'must be "track" at this endpoint' }],
    });
  });

  it('rejects an event over 32 KB, counting UTF-8 bytes', () => {
    const raw = { type: 'track', userId: 'u', event: 'E', properties: { blob: 'я'.repeat(20000) } };
    expect(eventByteSize(raw)).toBe(40066);
    expect(parseMessage(raw, { receivedAt })).toEqual({
      ok: false,
      problems: [{ field: '', reason: 'event is 40066 bytes; the limit is 32768' }],
    });
    const atLimit = { ...raw, properties: { blob: 'x'.repeat(32702) } };
    expect(eventByteSize(atLimit)).toBe(32768);
    expect(parseMessage(atLimit, { receivedAt }).ok).toBe(true);
  });

  it('formats nested field paths', () => {
    expect(fieldPath(['properties', 'products', 0, 'price'])).toBe('properties.products[0].price');
    expect(fieldPath(['batch', 3, 'traits', 'phone'])).toBe('batch[3].traits.phone');
  });
});

describe('context and traits', () => {
  it('merges batch context under the message context', () => {
    const batchContext = { library: { name: 'analytics-python', version: '2.2.0' }, ip: '1.2.3.4', locale: 'ru-RU' };
    const raw = { type: 'track', userId: 'u', event: 'X', context: { ip: '5.6.7.8', library: { version: '2.3.0' } } };
    const result = parseMessage(raw, { receivedAt, batchContext });
    expect(result.ok && result.message.context).toEqual({
      library: { name: 'analytics-python', version: '2.3.0' },
      ip: '5.6.7.8',
      locale: 'ru-RU',
    });
    expect(batchContext.library.version).toBe('2.2.0');
  });

  it('adds context.traits to user calls, explicit traits winning, but not to group traits', () => {
    const context = { traits: { email: 'anna@example.com', name: 'Anna' } };
    const identify = parseMessage({ userId: 'u', traits: { name: 'Anna K.' }, context }, { type: 'identify', receivedAt });
    expect(identify.ok && identify.message.traits).toEqual({ email: 'anna@example.com', name: 'Anna K.' });
    const track = parseMessage({ userId: 'u', event: 'X', context }, { type: 'track', receivedAt });
    expect(track.ok && track.message.traits).toEqual({ email: 'anna@example.com', name: 'Anna' });
    const group = parseMessage({ userId: 'u', groupId: 'g', traits: { plan: 'pro' }, context }, { type: 'group', receivedAt });
    expect(group.ok && group.message.traits).toEqual({ plan: 'pro' });
  });
});

describe('contextSummary', () => {
  it('reads Chrome on Windows, Safari on iPhone and Yandex Browser from real User-Agents', () => {
    expect(contextSummary({ userAgent: ua.chromeWindows })).toMatchObject({ browser: 'Chrome 120', os: 'Windows', device: 'desktop' });
    expect(contextSummary({ userAgent: ua.safariIphone })).toMatchObject({ browser: 'Safari 17', os: 'iOS 17.1.2', device: 'Apple iPhone' });
    expect(contextSummary({ userAgent: ua.yandex })).toMatchObject({ browser: 'Yandex Browser 24', os: 'Windows' });
  });

  it('tells apart browsers that all claim to be Chrome or Safari', () => {
    expect(browserFromUserAgent(ua.edge)).toBe('Edge 120');
    expect(browserFromUserAgent(ua.opera)).toBe('Opera 105');
    expect(browserFromUserAgent(ua.chromeIphone)).toBe('Chrome 120');
    expect(contextSummary({ userAgent: ua.firefoxLinux })).toMatchObject({ browser: 'Firefox 121', os: 'Linux' });
    expect(contextSummary({ userAgent: ua.safariMac })).toMatchObject({ browser: 'Safari 17', os: 'macOS' });
    expect(contextSummary({ userAgent: ua.chromeAndroid })).toMatchObject({ browser: 'Chrome 120', os: 'Android 10', device: 'mobile' });
    expect(browserFromUserAgent('curl/8.4.0')).toBeNull();
  });

  it('prefers what mobile libraries say about device and OS', () => {
    const ios = { device: { manufacturer: 'Apple', model: 'iPhone 15', type: 'ios' }, os: { name: 'iOS', version: '17.1' } };
    expect(contextSummary(ios)).toMatchObject({ device: 'Apple iPhone 15', os: 'iOS 17.1', browser: null });
    expect(contextSummary({ device: { manufacturer: 'Samsung', model: 'Samsung Galaxy S23' } }).device).toBe('Samsung Galaxy S23');
    expect(contextSummary({ device: { type: 'mobile' } }).device).toBe('mobile');
  });

  it('reads place, locale and UTM source, with campaign.name as utm_campaign', () => {
    const summary = contextSummary({
      ip: '93.184.216.34',
      locale: 'ru-RU',
      location: { city: 'Казань', country: 'Russia', region: 'Tatarstan' },
      campaign: { name: 'spring_sale', source: 'vk', medium: 'cpc', term: 'sneakers', content: 'banner_1' },
      page: { url: 'https://shop.example/?utm_source=ignored', referrer: 'https://vk.com/' },
    });
    expect(summary).toEqual({
      device: null,
      os: null,
      browser: null,
      locale: 'ru-RU',
      ip: '93.184.216.34',
      city: 'Казань',
      country: 'Russia',
      utm: { campaign: 'spring_sale', source: 'vk', medium: 'cpc', term: 'sneakers', content: 'banner_1' },
      referrer: 'https://vk.com/',
    });
  });

  it('falls back to the utm_ parameters of the page URL', () => {
    const summary = contextSummary({ page: { url: 'https://shop.example/?utm_source=telegram&utm_medium=post&utm_campaign=launch#top' } });
    expect(summary.utm).toEqual({ campaign: 'launch', source: 'telegram', medium: 'post', term: null, content: null });
  });

  it('is all null for an empty context', () => {
    expect(contextSummary({})).toEqual({
      device: null,
      os: null,
      browser: null,
      locale: null,
      ip: null,
      city: null,
      country: null,
      utm: { campaign: null, source: null, medium: null, term: null, content: null },
      referrer: null,
    });
  });
});
