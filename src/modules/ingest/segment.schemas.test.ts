import { describe, expect, it } from 'vitest';
import {
  batchEnvelopeSchema,
  batchItemSchema,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  MAX_EVENT_BYTES,
  parseIsoTimestamp,
  trackSchema,
} from './segment.schemas.js';

const newYear2024 = 1704067200000; // Date.UTC(2024, 0, 1)

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]);
}

describe('limits', () => {
  it('match Segment: 32 KB per event, 500 KB per batch', () => {
    expect([MAX_EVENT_BYTES, MAX_BATCH_BYTES, MAX_BATCH_EVENTS]).toEqual([32768, 512000, 2500]);
  });
});

describe('parseIsoTimestamp', () => {
  it('reads the ISO 8601 forms clients send', () => {
    expect(parseIsoTimestamp('2024-01-01T00:00:00.000Z')).toBe(newYear2024);
    expect(parseIsoTimestamp('2024-01-01T03:00:00+03:00')).toBe(newYear2024);
    expect(parseIsoTimestamp('2024-01-01T03:00:00+0300')).toBe(newYear2024);
    expect(parseIsoTimestamp('2023-12-31T19:00:00-05:00')).toBe(newYear2024);
    // Python's isoformat() with microseconds.
    expect(parseIsoTimestamp('2024-01-01T00:00:00.123456+00:00')).toBe(newYear2024 + 123);
    expect(parseIsoTimestamp('2024-01-01T00:00Z')).toBe(newYear2024);
  });

  it('takes a time without offset as UTC, whatever the server time zone', () => {
    expect(parseIsoTimestamp('2024-01-01T00:00:00')).toBe(newYear2024);
    expect(parseIsoTimestamp('2024-01-01 00:00:05')).toBe(newYear2024 + 5000);
  });

  it('rejects impossible and non-ISO dates', () => {
    expect(parseIsoTimestamp('2024-02-29T00:00:00Z')).toBe(1709164800000);
    for (const bad of [
      '2023-02-29T00:00:00Z',
      '2024-02-30T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T00:60:00Z',
      '2024-01-01',
      'yesterday',
      '1704067200000',
      'Mon, 01 Jan 2024 00:00:00 GMT',
    ]) {
      expect(parseIsoTimestamp(bad), bad).toBeNull();
    }
  });
});

describe('message schemas', () => {
  it('keeps unknown keys and turns numeric ids into strings', () => {
    const result = trackSchema.safeParse({ userId: 12345, event: 'Signed Up', _metadata: { jsRuntime: 'node' } });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ userId: '12345', event: 'Signed Up', _metadata: { jsRuntime: 'node' } });
  });

  it('reports every problem at once, each on its field', () => {
    const result = trackSchema.safeParse({ userId: {}, event: 7, timestamp: 'soon', properties: [] });
    expect(issues(result)).toEqual([
      ['userId', 'must be a string or an integer'],
      ['timestamp', 'must be an ISO 8601 date-time, e.g. 2024-01-01T00:00:00.000Z'],
      ['event', 'must be a string'],
      ['properties', 'must be an object'],
    ]);
  });

  it('batch items are told apart by type', () => {
    const page = batchItemSchema.safeParse({ type: 'page', anonymousId: 'a1', name: 'Home' });
    expect(page.success && page.data.type).toBe('page');
    expect(batchItemSchema.safeParse({ type: 'group', userId: 'u1' }).success).toBe(false);
    expect(issues(batchItemSchema.safeParse({ type: 'purchase', userId: 'u1' }))[0][0]).toBe('type');
  });
});

describe('batchEnvelopeSchema', () => {
  it('accepts up to 2500 messages and leaves items for one-by-one parsing', () => {
    const ok = batchEnvelopeSchema.safeParse({ batch: Array.from({ length: 2500 }, () => 'anything'), writeKey: 'wk' });
    expect(ok.success).toBe(true);
    const tooMany = batchEnvelopeSchema.safeParse({ batch: Array.from({ length: 2501 }, () => ({})) });
    expect(issues(tooMany)).toEqual([['batch', 'has more than 2500 messages']]);
  });

  it('requires batch to be an array and sentAt to be a date-time', () => {
    expect(issues(batchEnvelopeSchema.safeParse({}))).toEqual([['batch', 'is required']]);
    expect(issues(batchEnvelopeSchema.safeParse({ batch: {}, sentAt: 'now' }))).toEqual([
      ['batch', 'must be an array'],
      ['sentAt', 'must be an ISO 8601 date-time, e.g. 2024-01-01T00:00:00.000Z'],
    ]);
  });
});
