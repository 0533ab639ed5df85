import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { fixedClock } from '../../platform/clock.js';
import { SegmentFeedLoop, segmentJobDeps } from './segments.jobs.js';
import { addUser, asUser, newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import { settleChanges } from '../../../test/segments.js';

// Segments through the API: previews of every kind of condition, saved segments built and kept
// current as customers change, history and sizes, static lists, roles and bad rules.

const day = 86_400_000;
const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

describe.each(testDatabases())('segments API on $name', (database) => {
  let app: App;
  const clock = fixedClock(Date.UTC(2026, 5, 15, 9, 0, 0)); // 15 June 2026, 12:00 in Moscow
  beforeAll(async () => {
    app = await startApp(database, { clock });
  });
  afterAll(() => app.close());

  const create = async (ws: TestWorkspace, body: object): Promise<number> => {
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/customers', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().customer.id;
  };
  const order = async (ws: TestWorkspace, customerId: number, externalId: string, total: number, orderedAt: number, items: object[] = []) => {
    await app.db.kysely.transaction().execute(async (trx) => {
      await app.services.orders.record(trx, ws.id, 'Europe/Moscow', customerId, { externalId, orderedAt, total, currency: 'RUB', items } as never, 'api');
      await app.services.orders.refreshStats(trx, ws.id, [customerId]);
    });
  };
  const track = async (ws: TestWorkspace, userId: string, event: string, properties: object, at: number) => {
    const res = await app.http.inject({
      method: 'POST', url: '/v1/track', headers: { 'content-type': 'application/json', authorization: basic(ws.writeKey) },
      payload: JSON.stringify({ userId, event, properties, timestamp: new Date(at).toISOString() }),
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const preview = async (ws: TestWorkspace, rules: object[], combinator = 'and') => {
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments/preview', payload: { rule: { kind: 'group', combinator, rules } } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { count: number; sample: { id: number }[]; share: number; revenueShare: number };
    return { ...body, ids: body.sample.map((m) => m.id).sort((a, b) => a - b) };
  };
  const ids = async (ws: TestWorkspace, rules: object[], combinator = 'and') => (await preview(ws, rules, combinator)).ids;
  const settle = async () => {
    await app.services.jobs.settled({});
    // -1: the background loop holds the workspace; wait for it.
    for (const ws of await app.services.workspaces.listAll()) await settleChanges(app, ws.id);
  };

  it('previews conditions on fields, traits, stats, identifiers and consent (case and ё ignored)', async () => {
    const ws = await newWorkspace(app);
    const anna = await create(ws, { phone: '+79123456789', firstName: 'Анна', city: 'Москва', gender: 'female', birthDate: '1990-06-20', traits: { tier: 'Gold', kids: 2, vip: true, tags: ['Кофе', 'чай'] } });
    const boris = await create(ws, { email: 'boris@example.com', firstName: 'Борис', city: 'Королёв', birthDate: '1960-01-05', traits: { tier: 'silver', kids: 'many' } });
    const vera = await create(ws, { phone: '+79990000000', email: 'vera@example.com', city: 'москва' });
    await order(ws, anna, 'a1', 100_00, clock.now() - 100 * day);
    await order(ws, anna, 'a2', 300_00, clock.now() - 95 * day);
    await order(ws, anna, 'a3', 200_00, clock.now() - 91 * day);
    await order(ws, boris, 'b1', 50_00, clock.now() - 2 * day);

    expect(await ids(ws, [{ kind: 'text', field: 'city', op: 'eq', value: 'МОСКВА' }])).toEqual([anna, vera]);
    expect(await ids(ws, [{ kind: 'text', field: 'city', op: 'eq', value: 'королев' }])).toEqual([boris]);
    expect(await ids(ws, [{ kind: 'text', field: 'city', op: 'neq', value: 'Москва' }])).toEqual([boris]);
    expect(await ids(ws, [{ kind: 'text', field: 'firstName', op: 'startsWith', value: 'ан' }])).toEqual([anna]);
    expect(await ids(ws, [{ kind: 'text', field: 'email', op: 'contains', value: '%' }])).toEqual([]);
    expect(await ids(ws, [{ kind: 'text', field: 'gender', op: 'notSet' }])).toEqual([boris, vera]);
    expect(await ids(ws, [{ kind: 'trait', trait: 'tier', type: 'text', op: 'in', values: ['gold', 'SILVER'] }])).toEqual([anna, boris]);
    expect(await ids(ws, [{ kind: 'trait', trait: 'kids', type: 'number', op: 'gte', value: 1 }])).toEqual([anna]);
    expect(await ids(ws, [{ kind: 'trait', trait: 'vip', type: 'boolean', op: 'isTrue' }])).toEqual([anna]);
    expect(await ids(ws, [{ kind: 'trait', trait: 'tags', type: 'list', op: 'hasAny', values: ['кофе'] }])).toEqual([anna]);
    expect(await ids(ws, [{ kind: 'trait', trait: 'tags', type: 'list', op: 'hasNone', values: ['чай'] }])).toEqual([boris, vera]);
    expect(await ids(ws, [{ kind: 'date', field: 'birthDate', op: 'anniversaryWithinDays', days: 7 }])).toEqual([anna]);
    expect(await ids(ws, [{ kind: 'date', field: 'birthDate', op: 'ageBetween', from: 60, toAge: 70 }])).toEqual([boris]);
    expect(await ids(ws, [{ kind: 'date', field: 'birthDate', op: 'ageBetween', from: 36, toAge: 36 }])).toEqual([]); // Anna turns 36 in five days
    expect(await ids(ws, [{ kind: 'stat', stat: 'ordersCount', op: 'gte', value: 3 }])).toEqual([anna]);
    expect(await ids(ws, [{ kind: 'stat', stat: 'revenue', op: 'between', value: 500_00, to: 600_00 }])).toEqual([anna]);
    expect(await ids(ws, [{ kind: 'stat', stat: 'daysSinceLastOrder', op: 'gte', value: 90 }])).toEqual([anna]);
    expect(await ids(ws, [{ kind: 'stat', stat: 'daysSinceLastOrder', op: 'gte', value: 92 }])).toEqual([]);
    expect(await ids(ws, [{ kind: 'statDate', stat: 'lastOrderAt', op: 'withinLastDays', days: 7 }])).toEqual([boris]);
    expect(await ids(ws, [{ kind: 'identifier', identifier: 'email', present: true }])).toEqual([boris, vera]);
    expect(await ids(ws, [{ kind: 'identifier', identifier: 'phone', present: false }])).toEqual([boris]);
    // "Москва, 3 orders or more, no purchase for 90 days", with a nested "or" and a "not".
    expect(await ids(ws, [
      { kind: 'text', field: 'city', op: 'eq', value: 'Москва' },
      { kind: 'stat', stat: 'ordersCount', op: 'gte', value: 3 },
      { kind: 'stat', stat: 'daysSinceLastOrder', op: 'gte', value: 90 },
    ])).toEqual([anna]);
    expect(await ids(ws, [
      { kind: 'group', combinator: 'or', rules: [{ kind: 'text', field: 'city', op: 'eq', value: 'Королёв' }, { kind: 'identifier', identifier: 'phone', present: true }] },
      { kind: 'group', combinator: 'and', not: true, rules: [{ kind: 'stat', stat: 'ordersCount', op: 'gte', value: 1 }] },
    ])).toEqual([vera]);
    const all = await preview(ws, [{ kind: 'stat', stat: 'ordersCount', op: 'gte', value: 3 }]);
    expect(all.count).toBe(1);
    expect(all.share).toBeCloseTo(1 / 3);
    expect(all.revenueShare).toBeCloseTo(600 / 650);
  });

  it('previews events with properties, purchases of a category, and abandoned carts', async () => {
    const ws = await newWorkspace(app);
    const now = clock.now();
    await track(ws, 'u1', 'Product Viewed', { category: 'Кофе', price: 500 }, now - 2 * day);
    await track(ws, 'u1', 'Product Viewed', { category: 'кофе', price: 700 }, now - 1 * day);
    await track(ws, 'u2', 'Product Viewed', { category: 'Чай', price: 300 }, now - 1 * day);
    await track(ws, 'u2', 'Product Added', { category: 'Чай' }, now - 3 * day);
    await track(ws, 'u3', 'Product Added', { category: 'Чай' }, now - 3 * day);
    const id = async (userId: string) => {
      const res = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/lookup?kind=external_id&value=${userId}` });
      return res.json().id as number;
    };
    const [u1, u2, u3] = [await id('u1'), await id('u2'), await id('u3')];
    await order(ws, u3, 'o3', 900_00, now - 3 * day + 3_600_000, [{ productId: 'p1', category: 'Чай', price: 900_00, quantity: 1 }]);
    const viewed = (frequency: object, where: object[] = [], window: object = { kind: 'lastDays', days: 30 }) =>
      ids(ws, [{ kind: 'event', type: 'track', name: 'Product Viewed', where, frequency, window }]);
    expect(await viewed({ op: 'atLeast', count: 2 })).toEqual([u1]);
    expect(await viewed({ op: 'exactly', count: 1 })).toEqual([u2]);
    expect(await viewed({ op: 'exactly', count: 0 })).toEqual([u3]);
    expect(await viewed({ op: 'atMost', count: 1 })).toEqual([u2, u3]);
    expect(await viewed({ op: 'atLeast', count: 1 }, [{ path: 'category', op: 'eq', value: 'КОФЕ' }, { path: 'price', op: 'gt', value: 600 }])).toEqual([u1]);
    expect(await viewed({ op: 'atLeast', count: 1 }, [], { kind: 'lastDays', days: 1 })).toEqual([u1, u2]);
    expect(await ids(ws, [{ kind: 'purchase', product: { by: 'category', values: ['чай'] }, measure: 'amount', op: 'atLeast', value: 900_00, window: { kind: 'ever' } }])).toEqual([u3]);
    expect(await ids(ws, [{ kind: 'purchase', measure: 'orders', op: 'exactly', value: 0, window: { kind: 'ever' } }])).toEqual([u1, u2]);
    expect(await ids(ws, [{ kind: 'cartAbandoned', hours: 24, window: { kind: 'lastDays', days: 7 } }])).toEqual([u2]);
  });

  it('refuses bad rules with the path of the condition, and rules that cost too much', async () => {
    const ws = await newWorkspace(app);
    const bad = async (rule: object) => {
      const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments/preview', payload: { rule } });
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error;
    };
    const between = await bad({ kind: 'group', combinator: 'and', rules: [{ kind: 'stat', stat: 'revenue', op: 'between', value: 10, to: 5 }] });
    expect(between.details[0].field).toBe('rule.rules[0].to');
    // Coded, so the builder words it in the user's language.
    expect(between.details[0]).toMatchObject({ code: 'range_backwards', reason: 'the range ends before it starts' });
    expect((await bad({ kind: 'group', combinator: 'and', rules: [{ kind: 'text', field: 'city', op: 'eq' }] })).details[0].field).toBe('rule.rules[0].value');
    expect((await bad({ kind: 'group', combinator: 'and', rules: [{ kind: 'stat', stat: 'revenue', op: 'gt', value: Number.MAX_VALUE }] })).code).toBe('validation_failed');
    expect((await bad({ kind: 'group', combinator: 'and', rules: [{ kind: 'date', field: 'createdAt', op: 'between', value: '2026-02-30', to: '2026-03-01' }] })).details[0].field).toBe('rule.rules[0].value');
    let deep: object = { kind: 'text', field: 'city', op: 'set' };
    for (let i = 0; i < 40; i++) deep = { kind: 'group', combinator: 'and', rules: [deep] };
    expect((await bad(deep as object)).code).toBe('validation_failed');
    expect((await bad({ kind: 'group', combinator: 'and', rules: [{ kind: 'segment', segmentId: 'seg_nope', member: true }] })).domainCode).toBe('segments.segment_missing');
    const many = Array.from({ length: 6 }, () => ({ kind: 'text', field: 'city', op: 'in', values: Array.from({ length: 1000 }, (_, i) => `Город ${i}`) }));
    expect((await bad({ kind: 'group', combinator: 'or', rules: many })).details[0]).toMatchObject({ code: 'rule_too_many_values', params: { max: 5000, count: 6000 } });
  });

  it('keeps a rule of 150 event conditions current, and answers forty previews at once', async () => {
    const ws = await newWorkspace(app);
    const rules = Array.from({ length: 150 }, (_, i) => ({ kind: 'event', type: 'track', name: `Event ${i}`, where: [], frequency: { op: 'atLeast', count: 1 }, window: { kind: 'lastDays', days: 30 } }));
    const made = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: { name: 'Любое из 150', rule: { kind: 'group', combinator: 'or', rules } } });
    expect(made.statusCode, made.body).toBe(201);
    // 300 customers changed at once: 150 subqueries of their ids would pass SQLite's limit of bound values in one statement.
    const batch = Array.from({ length: 300 }, (_, u) => ({ type: 'track', userId: `h${u}`, event: `Event ${u % 150}`, timestamp: new Date(clock.now() - day).toISOString() }));
    const sent = await app.http.inject({ method: 'POST', url: '/v1/batch', headers: { 'content-type': 'application/json', authorization: basic(ws.writeKey) }, payload: JSON.stringify({ batch }) });
    expect(sent.statusCode, sent.body).toBe(200);
    await settle();
    expect((await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/segments/${made.json().id}` })).json()).toMatchObject({ status: 'ready', count: 300 });
    const answers = await Promise.all(Array.from({ length: 40 }, () => preview(ws, rules.slice(0, 20), 'or')));
    expect(new Set(answers.map((a) => a.count))).toEqual(new Set([40]));
  });

  it('keeps a saved segment current as customers change, with history and sizes', async () => {
    const ws = await newWorkspace(app);
    const anna = await create(ws, { phone: '+79123450001', city: 'Москва' });
    const boris = await create(ws, { phone: '+79123450002', city: 'Тула' });
    await order(ws, anna, 'a1', 100_00, clock.now() - 10 * day);
    const rule = { kind: 'group', combinator: 'and', rules: [
      { kind: 'text', field: 'city', op: 'eq', value: 'Москва' },
      { kind: 'stat', stat: 'daysSinceLastOrder', op: 'gte', value: 30 },
    ] };
    const made = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: { name: 'Москва, спят 30 дней', rule } });
    expect(made.statusCode, made.body).toBe(201);
    const seg = made.json();
    await settle();
    const get = async () => (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/segments/${seg.id}` })).json();
    expect(await get()).toMatchObject({ status: 'ready', count: 0 });
    // Time passes: Anna crosses 30 days without a purchase and enters by the sweep.
    clock.advance(21 * day);
    await app.services.segmentEvaluator.sweep(ws.id, seg.id);
    expect((await get()).count).toBe(1);
    // Boris moves to Moscow and has an old order: he enters on the write.
    await order(ws, boris, 'b1', 100_00, clock.now() - 40 * day);
    await withKey(app, ws.secretKey, { method: 'PATCH', url: `/api/v1/customers/${boris}`, payload: { city: 'москва' } });
    await settle();
    const members = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/segments/${seg.id}/members` })).json();
    expect(members.items.map((m: { id: number }) => m.id).sort()).toEqual([anna, boris].sort());
    // Anna buys again: she leaves.
    await order(ws, anna, 'a2', 100_00, clock.now());
    await settle();
    expect((await get()).count).toBe(1);
    const history = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/segments/${seg.id}/history` })).json();
    expect(history.items.map((h: { customerId: number; entered: boolean }) => [h.customerId, h.entered])).toEqual([[anna, false], [boris, true], [anna, true]]);
    const profile = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/${boris}/segments` })).json();
    expect(profile.items.map((s: { id: string }) => s.id)).toEqual([seg.id]);
    const sizes = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/segments/${seg.id}/sizes?days=30` })).json();
    expect(sizes.days.at(-1).size).toBe(1);
    // Erased customers leave.
    const erased = await withKey(app, ws.secretKey, { method: 'DELETE', url: `/api/v1/customers/${boris}` });
    expect(erased.statusCode, erased.body).toBeLessThan(300);
    await settle();
    expect((await get()).count).toBe(0);
  });

  it('agrees with the customer list on days since the last order, and filters the list by a segment', async () => {
    const ws = await newWorkspace(app);
    const made: number[] = [];
    // Last purchases around the 30-day edge, at different hours of the local day.
    for (const [i, hoursAgo] of [29 * 24, 29 * 24 + 5, 30 * 24 - 1, 30 * 24 + 2, 31 * 24, 45 * 24].entries()) {
      const id = await create(ws, { phone: `+7912345${String(7000 + i)}` });
      await order(ws, id, `d${i}`, 100_00, clock.now() - hoursAgo * 3_600_000);
      made.push(id);
    }
    for (const n of [29, 30, 31]) {
      const list = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers?minDaysSinceLastOrder=${n}&limit=100` });
      const listed = (list.json().items as { id: number }[]).map((c) => c.id).sort((a, b) => a - b);
      expect(await ids(ws, [{ kind: 'stat', stat: 'daysSinceLastOrder', op: 'gte', value: n }]), `${n} days`).toEqual(listed);
    }
    const rule = { kind: 'group', combinator: 'and', rules: [{ kind: 'stat', stat: 'daysSinceLastOrder', op: 'gte', value: 30 }] };
    const seg = (await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: { name: '30 дней', rule } })).json();
    await settle();
    const members = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers?segment=${seg.id}&limit=100` });
    expect((members.json().items as { id: number }[]).map((c) => c.id).sort((a, b) => a - b)).toEqual(await ids(ws, rule.rules));
  });

  it('sets aside a segment whose stored rule cannot be evaluated, and keeps the others current', async () => {
    const ws = await newWorkspace(app);
    const good = (await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: { name: 'Казань', rule: { kind: 'group', combinator: 'and', rules: [{ kind: 'text', field: 'city', op: 'eq', value: 'Казань' }] } } })).json();
    await settle();
    // A rule stored before today's limits: 70 conditions of 1,000 values each pass both engines' limits of bound values.
    const values = Array.from({ length: 1000 }, (_, i) => `v${i}`);
    const huge = { kind: 'group', combinator: 'or', rules: Array.from({ length: 70 }, () => ({ kind: 'text', field: 'city', op: 'in', values })) };
    const now = clock.now();
    await app.db.kysely.insertInto('segments').values({ id: `seg_old_${ws.id}`, workspace_id: ws.id, name: 'Старое', description: null, kind: 'dynamic', rule: JSON.stringify(huge), status: 'ready', error: null, swept_until: now, built_at: now, created_by: null, created_at: now, updated_at: now }).execute();
    const anna = await create(ws, { phone: '+79123450031', city: 'Казань' });
    const loop = new SegmentFeedLoop(segmentJobDeps(app.db, app.services.segmentEvaluator, app.clock, app.logger));
    // The loop sets the bad segment aside (on PostgreSQL once the change has settled).
    for (let i = 0; i < 500 && (await app.services.segmentEvaluator.changesWaiting(ws.id)); i++) {
      await loop.drain();
      await new Promise((r) => setTimeout(r, 20));
    }
    await settle();
    const old = (await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/segments/seg_old_${ws.id}` })).json();
    expect(old.status).toBe('failed');
    expect(old.error).toMatch(/could not be evaluated/);
    expect((await app.services.segments.memberIds(ws.id, good.id))).toEqual([anna]);
  });

  it('lets marketers save segments and keeps analysts to reading; static lists are edited by hand', async () => {
    const ws = await newWorkspace(app);
    const anna = await create(ws, { phone: '+79123450011' });
    const analyst = await addUser(app, ws.id, 'analyst');
    const marketer = await addUser(app, ws.id, 'marketer');
    const body = { name: 'Список', kind: 'static' };
    expect((await asUser(app, analyst, ws.id, { method: 'POST', url: '/api/v1/segments', payload: body })).statusCode).toBe(403);
    const made = await asUser(app, marketer, ws.id, { method: 'POST', url: '/api/v1/segments', payload: body });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    const add = await asUser(app, marketer, ws.id, { method: 'POST', url: `/api/v1/segments/${id}/members/add`, payload: { customerIds: [anna, anna, 999_999] } });
    expect(add.json()).toEqual({ changed: 1 });
    expect((await asUser(app, analyst, ws.id, { method: 'GET', url: `/api/v1/segments/${id}` })).json().count).toBe(1);
    // A list from Excel in Windows-1251 with a Russian header: matched by phone in any format and by e-mail.
    const boris = await create(ws, { phone: '+79123450012', email: 'boris@example.ru' });
    const file = iconv.encode('ФИО;Телефон\r\nБорис;8 (912) 345-00-12\r\nНикто;+7 999 000-00-00\r\nОшибка;телефон\r\nАнна;+79123450011\r\n', 'windows-1251');
    const uploaded = await asUser(app, marketer, ws.id, { method: 'POST', url: `/api/v1/segments/${id}/members/upload`, headers: { 'content-type': 'text/csv' }, payload: file });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json()).toMatchObject({ column: 'Телефон', lines: 4, matched: 2, added: 1, notFound: 2 });
    expect(uploaded.json().notFoundLines.map((l: { line: number }) => l.line)).toEqual([3, 4]);
    const ruleOnList = { kind: 'group', combinator: 'and', rules: [{ kind: 'segment', segmentId: id, member: true }] };
    expect((await preview(ws, ruleOnList.rules)).ids).toEqual([anna, boris]);
    const refused = await asUser(app, marketer, ws.id, { method: 'PATCH', url: `/api/v1/segments/${id}`, payload: { rule: ruleOnList } });
    expect(refused.statusCode).toBe(409);
  });
});
