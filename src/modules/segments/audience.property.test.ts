import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { fixedClock } from '../../platform/clock.js';
import { Rng } from '../demo/demo.random.js';
import { randomRuleTree, sendTracking, settleSegments } from '../../../test/segments.js';
import { newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import { checkRule } from './rule-check.js';
import type { Condition, RuleGroup } from './segment-rules.schemas.js';

// Live counts come from the in-memory audience index, saved segments from SQL: for random rules
// over every field, trait, stat, score, identifier and consent operator (and activity and segment
// conditions beside them), after random writes, merges, erasures, score recomputations and clock
// advances, a preview's count, revenue and sample must equal what the SQL of the same rule selects
// now. The index is built once and then kept current from the change feed, so the writes between
// checks test its refresh.

const day = 86_400_000;
// Greek capitals: PostgreSQL's lower() may leave them (C collation), JavaScript folds them; both must agree per engine.
const cities = ['Москва', 'Тула', 'Казань', 'ЁЛКИ', 'москва', 'ΑΘΉΝΑ', 'Αθήνα'];
// Campaign tags of tracked events (the last touch), in mixed case and with ё.
const sources = ['Yandex', 'vk', 'ЁЛКА', 'елка'];
const textOps = ['eq', 'neq', 'contains', 'notContains', 'startsWith', 'in', 'notIn', 'set', 'notSet'] as const;
const numberOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'set', 'notSet'] as const;
const dayOps = ['before', 'after', 'between', 'withinLastDays', 'moreThanDaysAgo', 'anniversaryWithinDays', 'anniversaryThisMonth', 'ageBetween', 'set', 'notSet'] as const;
const instantOps = ['before', 'after', 'between', 'withinLastDays', 'moreThanDaysAgo', 'set', 'notSet'] as const;

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[rng.int(items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function randomDay(rng: Rng): string {
  return `${1960 + rng.int(66)}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
}

function randomCondition(rng: Rng, segmentIds: string[]): Condition {
  switch (rng.int(14)) {
    case 0: case 1: {
      const field = pick(rng, ['city', 'gender', 'email', 'firstName', 'lastBrowser', 'lastUtmSource', 'lastUtmCampaign'] as const);
      const words = field.startsWith('lastUtm') ? sources : cities;
      return { kind: 'text', field, op: pick(rng, textOps), value: pick(rng, [...words, 'е', 'ex', 'f', '']), values: rng.chance(0.8) ? [pick(rng, words), 'f'] : [] };
    }
    case 2: return { kind: 'date', field: 'birthDate', op: pick(rng, dayOps), value: randomDay(rng), to: randomDay(rng), days: rng.int(400), from: rng.int(40), toAge: 20 + rng.int(50) };
    case 3: return { kind: 'date', field: 'createdAt', op: pick(rng, instantOps), value: '2026-03-02', to: '2026-03-20', days: rng.int(20) };
    case 4: {
      const type = pick(rng, ['text', 'number', 'date', 'boolean', 'list'] as const);
      const ops = { text: textOps, number: numberOps, date: dayOps, boolean: ['isTrue', 'isFalse', 'set', 'notSet'], list: ['hasAny', 'hasNone', 'set', 'notSet'] }[type];
      const value = type === 'number' ? rng.int(5) : type === 'date' ? randomDay(rng) : pick(rng, ['gold', 'Ёж', 'silver']);
      return { kind: 'trait', trait: pick(rng, ['tier', 'score', 'since', 'vip', 'tags']), type, op: pick(rng, ops), value, values: ['gold', 'еж'], to: type === 'number' ? 3 : randomDay(rng), days: rng.int(30) };
    }
    case 5: return { kind: 'stat', stat: pick(rng, ['ordersCount', 'orderDays', 'revenue', 'avgCheck', 'daysSinceLastOrder'] as const), op: pick(rng, numberOps), value: rng.int(4) * (rng.chance(0.5) ? 1 : 100_00), to: 3 + rng.int(300_00) };
    case 6: return { kind: 'statDate', stat: pick(rng, ['firstOrderAt', 'lastOrderAt', 'lastActivityAt'] as const), op: pick(rng, instantOps), value: '2026-03-03', to: '2026-03-15', days: 1 + rng.int(15) };
    case 7: return { kind: 'score', score: pick(rng, ['rfmR', 'rfmF', 'rfmM', 'pAlive', 'predictedClv'] as const), op: pick(rng, numberOps), value: rng.chance(0.5) ? 1 + rng.int(5) : rng.int(10) / 10, to: 4 };
    case 8: return rng.chance(0.5)
      ? { kind: 'class', score: 'stage', in: [pick(rng, ['new', 'active', 'sleeping', 'lost', 'prospect'])] }
      : rng.chance(0.5) ? { kind: 'class', score: 'abc', in: [pick(rng, ['A', 'B', 'C'])] } : { kind: 'class', score: 'xyz', in: [pick(rng, ['X', 'Y', 'Z'])] };
    case 9: return { kind: 'identifier', identifier: pick(rng, ['phone', 'email', 'external_id'] as const), present: rng.chance(0.5) };
    case 10: return { kind: 'consent', channel: pick(rng, ['email', 'sms'] as const), status: pick(rng, ['granted', 'revoked', 'unknown'] as const) };
    case 11: return { kind: 'event', type: 'track', name: 'Product Viewed', where: [], frequency: { op: pick(rng, ['atLeast', 'atMost', 'exactly'] as const), count: rng.int(3) }, window: { kind: 'lastDays', days: 2 + rng.int(8) } };
    case 12: return { kind: 'purchase', measure: 'amount', op: pick(rng, ['atLeast', 'atMost'] as const), value: 100_00 * (1 + rng.int(3)), window: { kind: 'ever' } };
    default: return segmentIds.length > 0 ? { kind: 'segment', segmentId: pick(rng, segmentIds), member: rng.chance(0.6) } : { kind: 'identifier', identifier: 'email', present: true };
  }
}

// A random rule the rule checker accepts (operands that fit the operator), drawn again until one does.
function randomRule(rng: Rng, segmentIds: string[]): RuleGroup {
  for (;;) {
    const rule = randomRuleTree(rng, () => randomCondition(rng, segmentIds), 0.25);
    if (checkRule(rule).length === 0) return rule;
  }
}

describe.each(testDatabases())('live counts from the audience index on $name', (database) => {
  let app: App;
  const clock = fixedClock(Date.UTC(2026, 2, 1, 9, 0, 0));
  beforeAll(async () => {
    app = await startApp(database, { clock });
  });
  afterAll(() => app.close());

  const settle = (ws: TestWorkspace) => settleSegments(app, ws.id);
  const send = (ws: TestWorkspace, path: string, body: object) => sendTracking(app, ws, path, body);

  it('equal what the rule selects in SQL, after random writes, merges, erasures, recomputations and clock advances', async () => {
    const rng = new Rng(7122026);
    const ws = await newWorkspace(app);
    const segmentIds: string[] = [];
    const users = Array.from({ length: 24 }, (_, i) => `p${i}`);
    let orders = 0;
    let checked = 0;
    for (let step = 0; step < 90; step++) {
      const user = pick(rng, users);
      const at = clock.now() - rng.int(4) * day;
      switch (rng.int(9)) {
        case 0: case 1: await send(ws, '/v1/identify', {
          userId: user,
          traits: {
            city: pick(rng, cities), gender: pick(rng, ['female', 'male']), firstName: pick(rng, ['Фёдор', 'Ann', 'Ева']),
            ...(rng.chance(0.5) ? { birthday: randomDay(rng) } : {}),
            tier: rng.chance(0.7) ? pick(rng, ['gold', 'silver', 'ЁЖ']) : rng.int(3),
            score: rng.chance(0.7) ? rng.int(5) : 'many', since: randomDay(rng), vip: rng.chance(0.5), tags: rng.chance(0.6) ? ['Gold', 'ёж'] : ['x'],
            ...(rng.chance(0.3) ? { email: `${user}@example.com` } : {}),
          },
        }); break;
        case 2: await send(ws, '/v1/track', {
          userId: user, event: 'Product Viewed', properties: { sku: 'x' }, timestamp: new Date(at).toISOString(),
          context: { userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0', ...(rng.chance(0.5) ? { campaign: { source: pick(rng, sources), name: pick(rng, sources) } } : {}) },
        }); break;
        case 3: await send(ws, '/v1/track', { userId: user, event: 'Order Completed', properties: { order_id: `o${orders++}`, total: 100 * (1 + rng.int(4)), currency: 'RUB' }, timestamp: new Date(at).toISOString() }); break;
        case 4: await send(ws, '/v1/identify', { userId: user, traits: { consent: { [pick(rng, ['email', 'sms'])]: rng.chance(0.5) } } }); break;
        case 5: {
          const phone = `+7912000${String(rng.int(5)).padStart(4, '0')}`;
          await send(ws, '/v1/identify', rng.chance(0.5) ? { userId: user, traits: { phone } } : { anonymousId: `anon-${rng.int(6)}`, traits: { phone } });
          break;
        }
        case 6: {
          const list = await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/customers?limit=50' });
          const items = list.json().items as { id: number }[];
          const victim = items[rng.int(Math.max(1, items.length))];
          if (victim && rng.chance(0.3)) await withKey(app, ws.secretKey, { method: 'DELETE', url: `/api/v1/customers/${victim.id}` });
          break;
        }
        case 7: await app.services.scores.recompute(ws.id); break;
        default: clock.advance((1 + rng.int(3)) * day);
      }
      if (step % 15 === 14 && segmentIds.length < 3) {
        const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: { name: `Основа ${step}`, rule: randomRule(rng, []) } });
        expect(res.statusCode, res.body).toBe(201);
        segmentIds.push(res.json().id);
        await app.services.jobs.settled({});
      }
      if (step % 5 === 4) {
        await settle(ws);
        for (let k = 0; k < 8; k++) {
          const rule = randomRule(rng, segmentIds);
          const fresh = await app.services.segments.matchingIds(ws.id, rule);
          const preview = await app.services.segments.preview(ws.id, rule);
          const label = `step ${step}: ${JSON.stringify(rule)}`;
          expect(preview.count, label).toBe(fresh.length);
          expect(preview.sample.map((m) => m.id), label).toEqual([...fresh].reverse().slice(0, 20));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  }, 180_000);
});
