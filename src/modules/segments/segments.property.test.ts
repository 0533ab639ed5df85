import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { fixedClock } from '../../platform/clock.js';
import { Rng } from '../demo/demo.random.js';
import { randomRuleTree, sendTracking, settleSegments } from '../../../test/segments.js';
import { newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import type { Condition, RuleGroup } from './segment-rules.schemas.js';

// The property the incremental evaluator must keep: after any sequence of writes (profile edits,
// orders, events, consent, identify calls that merge profiles, erasures) and clock advances, every
// saved segment's members equal a full evaluation of its rule from scratch.

const day = 86_400_000;
const cities = ['Москва', 'Тула', 'Казань'];
// Sources of tracked events' campaigns (the last touch).
const sources = ['yandex', 'vk', 'Ёлка'];

function randomCondition(rng: Rng, segmentIds: string[]): Condition {
  switch (rng.int(9)) {
    case 0: return rng.chance(0.6)
      ? { kind: 'text', field: 'city', op: rng.chance(0.5) ? 'eq' : 'neq', value: cities[rng.int(3)] ?? 'Москва' }
      : { kind: 'text', field: 'lastUtmSource', op: rng.chance(0.5) ? 'eq' : 'neq', value: sources[rng.int(3)] ?? 'vk' };
    case 1: return { kind: 'stat', stat: 'ordersCount', op: 'gte', value: rng.int(3) };
    case 2: return { kind: 'stat', stat: 'daysSinceLastOrder', op: rng.chance(0.5) ? 'gte' : 'lt', value: 5 + rng.int(20) };
    case 3: return { kind: 'statDate', stat: 'lastActivityAt', op: 'withinLastDays', days: 3 + rng.int(10) };
    case 4: return { kind: 'consent', channel: 'email', status: rng.chance(0.5) ? 'granted' : 'unknown' };
    case 5: return {
      kind: 'event', type: 'track', name: 'Product Viewed',
      where: rng.chance(0.4) ? [{ path: 'sku', op: 'eq', value: rng.chance(0.5) ? 'x' : 'y' }] : [],
      frequency: { op: (['atLeast', 'atMost', 'exactly'] as const)[rng.int(3)] ?? 'atLeast', count: rng.int(3) },
      window: { kind: 'lastDays', days: 2 + rng.int(8) },
    };
    case 6: {
      const measure = (['orders', 'units', 'amount'] as const)[rng.int(3)] ?? 'amount';
      return {
        kind: 'purchase', measure, op: (['atLeast', 'atMost', 'exactly'] as const)[rng.int(3)] ?? 'atLeast',
        value: measure === 'amount' ? 100_00 * (1 + rng.int(3)) : rng.int(3),
        ...(rng.chance(0.4) ? { product: { by: 'category' as const, values: ['обувь'] } } : {}),
        window: { kind: 'lastDays', days: 5 + rng.int(20) },
      };
    }
    case 7: return { kind: 'trait', trait: 'tier', type: 'text', op: 'eq', value: rng.chance(0.5) ? 'gold' : 'silver' };
    default: return segmentIds.length > 0 ? { kind: 'segment', segmentId: segmentIds[rng.int(segmentIds.length)] ?? '', member: rng.chance(0.7) } : { kind: 'identifier', identifier: 'email', present: true };
  }
}

function randomRule(rng: Rng, segmentIds: string[]): RuleGroup {
  return randomRuleTree(rng, () => randomCondition(rng, segmentIds), 0.2);
}

describe.each(testDatabases())('segment membership kept incrementally on $name', (database) => {
  let app: App;
  const clock = fixedClock(Date.UTC(2026, 2, 1, 9, 0, 0));
  beforeAll(async () => {
    app = await startApp(database, { clock });
  });
  afterAll(() => app.close());

  const settle = (ws: TestWorkspace) => settleSegments(app, ws.id);
  const send = (ws: TestWorkspace, path: string, body: object) => sendTracking(app, ws, path, body);

  it('equals a full evaluation after random writes and clock advances', async () => {
    const rng = new Rng(20261207);
    const ws = await newWorkspace(app);
    const segments: { id: string; rule: RuleGroup }[] = [];
    for (let i = 0; i < 6; i++) {
      const rule = randomRule(rng, segments.map((s) => s.id));
      const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: { name: `Правило ${i}`, rule } });
      expect(res.statusCode, res.body).toBe(201);
      segments.push({ id: res.json().id, rule });
    }
    const users = Array.from({ length: 14 }, (_, i) => `u${i}`);
    let orders = 0;
    const sizes = new Set<string>();
    for (let step = 0; step < 60; step++) {
      const user = users[rng.int(users.length)] ?? 'u0';
      const at = clock.now() - rng.int(3) * day;
      switch (rng.int(7)) {
        case 0: await send(ws, '/v1/identify', { userId: user, traits: { city: cities[rng.int(3)], tier: rng.chance(0.5) ? 'gold' : 'silver', ...(rng.chance(0.3) ? { email: `${user}@example.com` } : {}) } }); break;
        case 1: await send(ws, '/v1/track', {
          userId: user, event: 'Product Viewed', properties: { sku: rng.chance(0.5) ? 'x' : 'Y' }, timestamp: new Date(at).toISOString(),
          ...(rng.chance(0.5) ? { context: { campaign: { source: sources[rng.int(3)] ?? 'vk', medium: 'cpc' } } } : {}),
        }); break;
        case 2: await send(ws, '/v1/track', { userId: user, event: 'Order Completed', properties: {
          order_id: `o${orders++}`, total: 100 * (1 + rng.int(4)), currency: 'RUB',
          products: rng.chance(0.6) ? [{ product_id: 'p1', category: rng.chance(0.5) ? 'Обувь' : 'Дом', price: 100, quantity: 1 + rng.int(2) }] : [],
        }, timestamp: new Date(at).toISOString() }); break;
        case 3: await send(ws, '/v1/identify', { userId: user, traits: { consent: { email: rng.chance(0.5) } } }); break;
        case 4: {
          // Two profiles meet: an anonymous visitor's phone already belongs to a known customer.
          const phone = `+7912000${String(rng.int(4)).padStart(4, '0')}`;
          await send(ws, '/v1/identify', rng.chance(0.5) ? { userId: user, traits: { phone } } : { anonymousId: `anon-${rng.int(5)}`, traits: { phone } });
          break;
        }
        case 5: {
          const list = await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/customers?limit=50' });
          const items = list.json().items as { id: number }[];
          const victim = items[rng.int(Math.max(1, items.length))];
          if (victim && rng.chance(0.3)) await withKey(app, ws.secretKey, { method: 'DELETE', url: `/api/v1/customers/${victim.id}` });
          break;
        }
        default:
          clock.advance((1 + rng.int(4)) * day);
          for (const s of segments) await app.services.segmentEvaluator.sweep(ws.id, s.id);
      }
      if (step % 6 === 5) {
        await settle(ws);
        for (const s of segments) {
          const kept = await app.services.segments.memberIds(ws.id, s.id);
          const fresh = await app.services.segments.matchingIds(ws.id, s.rule);
          expect(kept, `segment ${s.id} at step ${step}: ${JSON.stringify(s.rule)}`).toEqual(fresh);
          sizes.add(`${s.id}:${kept.length}`);
        }
      }
    }
    // Not a vacuous comparison: segments held members, and their sizes moved.
    expect(sizes.size).toBeGreaterThan(segments.length * 2);
  }, 120_000);
});
