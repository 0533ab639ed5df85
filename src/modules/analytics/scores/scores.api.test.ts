import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../main.js';
import { fixedClock } from '../../../platform/clock.js';
import { addUser, asUser, newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../../test/harness.js';
import { importFile } from '../../../../test/import-file.js';
import { AnalyticsRepo } from '../analytics.repo.js';
import { parsePeriod, previousPeriod } from '../days.js';
import { fiveCustomersOrdersCsv } from '../../../../test/fixtures/five-customers.js';

// Five buyers and one customer who never bought, scored by hand as of 2026-07-06 (Moscow).
const ordersCsv = fiveCustomersOrdersCsv;

const day = (iso: string) => Date.parse(`${iso}T09:00:00Z`); // noon in Moscow

describe.each(testDatabases())('stored customer scores on $name', (database) => {
  let app: App;
  let shop: TestWorkspace;
  const clock = fixedClock(day('2026-07-06'));
  const ids = new Map<string, number>();
  beforeAll(async () => {
    app = await startApp(database, { clock });
    shop = await newWorkspace(app);
    const imported = await importFile(app, shop, 'orders', ordersCsv);
    expect(imported, JSON.stringify(imported)).toMatchObject({ status: 'done', rowsFailed: 0 });
    for (const c of ['c1', 'c2', 'c3', 'c4', 'c5']) {
      const found = await withKey(app, shop.secretKey, { method: 'GET', url: `/api/v1/customers/lookup?kind=external_id&value=${c}` });
      ids.set(c, found.json().id);
    }
    const created = await withKey(app, shop.secretKey, { method: 'POST', url: '/api/v1/customers', payload: { firstName: 'Вера', phone: '+7 912 000-00-06' } });
    expect(created.statusCode, created.body).toBe(201);
    ids.set('c6', created.json().customer.id);
  });
  afterAll(() => app?.close());

  const get = (url: string) => withKey(app, shop.secretKey, { method: 'GET', url });
  const scoresOf = async (c: string) => (await get(`/api/v1/customers/${ids.get(c)}/scores`)).json();
  // Each computation a minute after the last thing done, as they would be.
  const recompute = async () => {
    clock.advance(60_000);
    const res = await withKey(app, shop.secretKey, { method: 'POST', url: '/api/v1/analytics/scores/recompute' });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: 'running', trigger: 'request' });
    await app.services.scores.settled(shop.id);
  };

  it('has no scores before the first computation', async () => {
    expect((await get(`/api/v1/customers/${ids.get('c1')}/scores`)).json()).toBeNull();
    expect((await get('/api/v1/analytics/summary')).json()).toBeNull();
    expect((await get('/api/v1/analytics/scores')).json()).toEqual({ running: false, lastComputedAt: null, everyHours: 0, runs: [] });
  });

  it('computes every score on request (hand-computed as of 2026-07-06)', async () => {
    await recompute();
    const status = (await get('/api/v1/analytics/scores')).json();
    expect(status).toMatchObject({ running: false, lastComputedAt: day('2026-07-06') + 60_000 });
    expect(status.runs[0]).toMatchObject({ status: 'done', asOf: '2026-07-06', customers: 6, changed: 6, error: null });
    expect(Object.keys(status.runs[0].phases).sort()).toEqual(['churnWindow', 'fit', 'kpiIndex', 'read', 'score', 'stageHistory', 'statistics', 'write']);

    // Recency (days), purchase days, revenue: c1 8, 3, 2000; c2 217, 4, 2600; c3 1, 2, 1149; c4 370, 1, 90; c5 96, 2, 500.
    // Quintiles of five are 1 + (customers worse): R c3 5, c1 4, c5 3, c2 2, c4 1; M c2 5, c1 4, c3 3, c5 2, c4 1.
    // F by purchase days (1, 2, 3, 4–5, 6+): c2 4, c1 3, c3 2, c5 2, c4 1.
    // ABC over 6,339: c2, c1, c3 start below 80 % (A), c5 at 90.7 % (B), c4 at 98.6 % (C).
    // XYZ over 13 orders: c1 4, c2 4, c3 2, c5 2 start below 80 % (X), c4 at 92.3 % (Y).
    // Churn window: gaps c1 50, 8; c2 30, 31, 30; c3 10; c5 31, each customer weighing 1 (total 4); 90 % of
    // the weight (3.6) is reached at 50 days. c2 (217 days), c4 (370) and c5 (96) are past it: lapsed.
    const c1 = await scoresOf('c1');
    expect(c1).toMatchObject({ rfm: { r: 4, f: 3, m: 4, segment: 'loyal' }, abc: 'A', xyz: 'X', stage: 'loyal', stageSince: '2026-06-28', computedAt: day('2026-07-06') + 60_000 });
    expect(c1.pAlive).toBeGreaterThan(0);
    expect(c1.pAlive).toBeLessThanOrEqual(1);
    expect(c1.expected365).toBeGreaterThan(c1.expected30);
    expect(await scoresOf('c2')).toMatchObject({ rfm: { r: 2, f: 4, m: 5, segment: 'churnedLoyal' }, abc: 'A', xyz: 'X', stage: 'churned', stageSince: '2026-01-21' });
    expect(await scoresOf('c3')).toMatchObject({ rfm: { r: 5, f: 2, m: 3, segment: 'promising' }, abc: 'A', stage: 'repeat' });
    expect(await scoresOf('c4')).toMatchObject({ rfm: { r: 1, f: 1, m: 1, segment: 'sleeping' }, abc: 'C', xyz: 'Y', stage: 'churned' });
    expect(await scoresOf('c5')).toMatchObject({ rfm: { r: 3, f: 2, m: 2, segment: 'sleeping' }, abc: 'B', stage: 'churned' });
    const c6 = await scoresOf('c6');
    expect(c6, JSON.stringify(c6)).toMatchObject({ rfm: null, abc: null, xyz: null, stage: 'potential', pAlive: null, predictedClv: null, transitions: [{ from: null, to: 'potential', day: '2026-07-06' }] });
  });

  it('agrees with the analyses computed from orders', async () => {
    const rfm = (await get('/api/v1/analytics/rfm?asOf=2026-07-06')).json();
    const stored = await Promise.all(['c1', 'c2', 'c3', 'c4', 'c5'].map(scoresOf));
    for (const segment of rfm.segments) {
      expect(stored.filter((s) => s.rfm.segment === segment.segment).length, segment.segment).toBe(segment.customers);
    }
    // The summary kept with the computation is the same picture as the analyses of all history.
    const summary = (await get('/api/v1/analytics/summary')).json();
    expect(summary).toMatchObject({ asOf: '2026-07-06', customers: 6, buyers: 5, revenue: 633_900, churnDays: 50, loyalPurchases: 3, stages: { potential: 1, new: 0, repeat: 1, loyal: 1, churned: 3, returned: 0 } });
    expect(summary.rfm).toEqual({ cells: rfm.cells, segments: rfm.segments, frequencyCuts: [2, 3, 4, 6] });
    expect(rfm).toMatchObject({ frequencyCuts: [2, 3, 4, 6], churnDays: 50, loyalPurchases: 3 });
    const abcXyz = (await get('/api/v1/analytics/abc-xyz?asOf=2026-07-06')).json();
    expect(summary.abcXyz).toEqual({ cells: abcXyz.cells, golden: abcXyz.golden, pareto: abcXyz.pareto });
    expect(summary.abcXyz.golden).toMatchObject({ customers: 3, revenue: 574_900 });
    // Churned c2 (2025-09-01 → 12-01: 91 days), c4 (one day: 0), c5 (03-01 → 04-01: 31): 122 / 3.
    // Tenure to 2026-07-06: c1 66, c2 308, c3 11, c4 370, c5 127 days: 882 / 5.
    expect(summary.lifetime.churnedAverageDays).toBeCloseTo(122 / 3, 10);
    expect(summary.lifetime.tenureAverageDays).toBeCloseTo(882 / 5, 10);
    expect(summary).toMatchObject({ indexLastDay: '2026-07-05', clv: { months: 12, monthlyDiscount: 0.01 } });
    expect(summary.clv.atRiskCustomers).toBe(summary.clv.atRisk.length);
    expect(summary.clv.deciles).toHaveLength(10);
    // c1 (66 days of history) and c3 (11) are ranked apart from the most valuable.
    const listed = (list: { customerId: number }[]) => list.map((c) => c.customerId).sort((x, y) => x - y);
    expect(listed(summary.clv.top)).toEqual(['c2', 'c4', 'c5'].map((c) => ids.get(c)).sort((x = 0, y = 0) => x - y));
    expect(listed(summary.clv.topShortHistory)).toEqual(['c1', 'c3'].map((c) => ids.get(c)).sort((x = 0, y = 0) => x - y));
    expect(summary.clv.atRisk.every((c: { pAlive: number }) => c.pAlive >= 0.2 && c.pAlive <= 0.7)).toBe(true);
    // The KPI index of the computation (complete days up to 2026-07-05) counts what the orders count.
    const repo = new AnalyticsRepo(app.db.kysely);
    for (const [from, to, activeDays] of [['2026-04-01', '2026-06-30', 365], ['2026-06-01', '2026-07-05', 30], ['2025-09-15', '2025-12-31', 60]] as const) {
      const kpis = (await get(`/api/v1/analytics/kpis?from=${from}&to=${to}&activeDays=${activeDays}`)).json();
      expect(kpis).toMatchObject({ source: 'index', indexLastDay: '2026-07-05' });
      const { fromDay, toDay } = parsePeriod(from, to);
      const before = previousPeriod(fromDay, toDay);
      expect(kpis.current).toMatchObject(await repo.periodCounts(shop.id, fromDay, toDay, activeDays));
      expect(kpis.previous).toMatchObject(await repo.periodCounts(shop.id, before.fromDay, before.toDay, activeDays));
    }
    // Up to the latest purchase, the CLV models' history read from customer_stats is the orders' own.
    const byId = (rows: { customer_id: number }[]) => [...rows].sort((a, b) => a.customer_id - b.customer_id);
    expect(await repo.hasPurchasesAfter(shop.id, parsePeriod(null, '2026-07-06').toDay)).toBe(false);
    expect(await repo.hasPurchasesAfter(shop.id, parsePeriod(null, '2026-07-04').toDay)).toBe(true);
    expect(byId(await repo.purchaseDaysFromStats(shop.id))).toEqual(byId((await repo.purchaseDays(shop.id, parsePeriod(null, '2026-07-06').toDay)).map((r) => ({ ...r, customer_id: Number(r.customer_id) }))));
    expect(byId(await repo.periodTotalsFromStats(shop.id))).toEqual(byId((await repo.periodTotals(shop.id, null, parsePeriod(null, '2026-07-06').toDay)).map((r) => ({ ...r, customer_id: Number(r.customer_id) }))));
    // A period reaching the computation's own day: the index corrected by the orders after its day.
    expect((await get('/api/v1/analytics/kpis?from=2026-06-07&to=2026-07-06')).json()).toMatchObject({ source: 'indexAndOrders', current: { buyers: 2 } });
    for (const [from, to, activeDays] of [['2026-06-07', '2026-07-06', 30], ['2026-07-06', '2026-07-06', 365], ['2025-07-07', '2026-07-06', 90]] as const) {
      const kpis = (await get(`/api/v1/analytics/kpis?from=${from}&to=${to}&activeDays=${activeDays}`)).json();
      expect(kpis.source).toBe('indexAndOrders');
      const { fromDay, toDay } = parsePeriod(from, to);
      const before = previousPeriod(fromDay, toDay);
      expect(kpis.current).toMatchObject(await repo.periodCounts(shop.id, fromDay, toDay, activeDays));
      expect(kpis.previous).toMatchObject(await repo.periodCounts(shop.id, before.fromDay, before.toDay, activeDays));
    }
    const lifecycle = (await get('/api/v1/analytics/lifecycle?from=2026-07-06&to=2026-07-06')).json();
    expect(lifecycle.rules).toMatchObject({ churnDays: 50, churnDaysDerived: true, churnDaysSource: 'computation' });
    expect(lifecycle.counts[0]).toMatchObject({ potential: 1, new: 0, repeat: 1, loyal: 1, churned: 3, returned: 0 });
  });

  it('filters the customer list by the stored scores and shows them in its rows', async () => {
    const list = async (query: string) => {
      const res = await get(`/api/v1/customers?includeTotal=true&sort=createdAt&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const named = (page: { items: { id: number }[] }) => page.items.map((item) => [...ids].find(([, id]) => id === item.id)?.[0]);
    const loyal = await list('rfmSegment=loyal');
    expect(named(loyal)).toEqual(['c1']);
    expect(loyal.items[0]).toMatchObject({ rfmSegment: 'loyal', stage: 'loyal', abcXyz: 'AX' });
    expect(loyal.items[0].pAlive).toBeGreaterThan(0);
    expect(named(await list('stage=churned'))).toEqual(['c2', 'c4', 'c5']);
    const golden = await list('abcXyz=AX,AY');
    expect(golden.total).toBe(3);
    expect(named(golden)).toEqual(['c1', 'c2', 'c3']);
    expect(named(await list('rfmR=5&rfmF=2'))).toEqual(['c3']);
    expect(named(await list('stage=potential'))).toEqual(['c6']);
    const bad = await get('/api/v1/customers?stage=zombie');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toContain('stage');
  });

  it('rewrites nothing when nothing moved, and forgets erased customers', async () => {
    const erased = await withKey(app, shop.secretKey, { method: 'DELETE', url: `/api/v1/customers/${ids.get('c6')}` });
    expect(erased.statusCode, erased.body).toBeLessThan(300);
    await recompute();
    expect((await get('/api/v1/analytics/scores')).json().runs[0]).toMatchObject({ status: 'done', customers: 5, changed: 0, written: 0 });
    expect((await get('/api/v1/customers?stage=potential')).json().items).toEqual([]);
    expect((await get('/api/v1/analytics/summary')).json().stages.potential).toBe(0);
  });

  it('records a change of stage when a churned customer comes back', async () => {
    // The learned window (50 days) kept as the workspace's own: five customers are too few for c4's coming
    // gap of 372 days not to move the 90th percentile.
    const keep = { rfm: { thresholds: null }, abcXyz: { abcCuts: [0.8, 0.95], xyzCuts: [0.8, 0.95] }, lifecycle: { churnDays: 50, loyalPurchases: 3 }, clv: { months: 12, monthlyDiscount: 0.01 } };
    expect((await withKey(app, shop.secretKey, { method: 'PUT', url: '/api/v1/analytics/settings', payload: keep })).statusCode).toBe(200);
    await app.services.scores.settled(shop.id);
    expect((await get('/api/v1/analytics/scores')).json().runs[0]).toMatchObject({ status: 'done', trigger: 'settings', changed: 0 });
    clock.set(day('2026-07-09'));
    expect(await importFile(app, shop, 'orders', 'Order ID,Date,Customer ID,Total\nD3,2026-07-08,c4,100.00')).toMatchObject({ status: 'done', rowsOk: 1 });
    await recompute();
    // Only c4 changes stage: a purchase after 372 days of silence is a return.
    expect((await get('/api/v1/analytics/scores')).json().runs[0]).toMatchObject({ status: 'done', asOf: '2026-07-09', changed: 1 });
    const c4 = await scoresOf('c4');
    expect(c4).toMatchObject({ stage: 'returned', stageSince: '2026-07-08' });
    expect(c4.transitions).toEqual([
      { from: null, to: 'churned', day: '2025-08-21' }, // 2025-07-01 and 50 days
      { from: 'churned', to: 'returned', day: '2026-07-08' },
    ]);
    // A stage that never changed is the whole history; only c4's change was written.
    expect(await scoresOf('c1')).toMatchObject({ stage: 'loyal', stageSince: '2026-06-28', transitions: [{ from: null, to: 'loyal', day: '2026-06-28' }] });
    const rows = await app.db.kysely.selectFrom('stage_transitions').select(['customer_id', 'from_stage', 'to_stage', 'from_day']).where('workspace_id', '=', shop.id).execute();
    expect(rows).toEqual([{ customer_id: ids.get('c4'), from_stage: 'churned', to_stage: 'returned', from_day: expect.any(Number) }]);
  });

  it('keeps settings per workspace and recomputes with them', async () => {
    expect((await get('/api/v1/analytics/settings')).json()).toMatchObject({ lifecycle: { churnDays: 50, loyalPurchases: 3 }, rfm: { thresholds: null, frequencyCuts: [2, 3, 4, 6] } });
    const settings = {
      rfm: { thresholds: null },
      abcXyz: { abcCuts: [0.8, 0.95], xyzCuts: [0.8, 0.95] },
      lifecycle: { churnDays: 400, loyalPurchases: 3 },
      clv: { months: 6, monthlyDiscount: 0.02 },
    };
    const put = await withKey(app, shop.secretKey, { method: 'PUT', url: '/api/v1/analytics/settings', payload: settings });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ settings, run: { status: 'running', trigger: 'settings' } });
    await app.services.scores.settled(shop.id);
    expect((await get('/api/v1/analytics/settings')).json()).toEqual({ ...settings, rfm: { thresholds: null, frequencyCuts: [2, 3, 4, 6] } });
    // Within 400 days nobody has churned: c2 (4 purchase days) is loyal, c4's gap no longer makes a return.
    expect(await scoresOf('c2')).toMatchObject({ stage: 'loyal' });
    expect(await scoresOf('c4')).toMatchObject({ stage: 'repeat', stageSince: '2026-07-08' });
    expect(await scoresOf('c5')).toMatchObject({ stage: 'repeat' });
  });

  it('refuses bad settings by field, and keeps analysts to reading', async () => {
    const bad = await withKey(app, shop.secretKey, {
      method: 'PUT',
      url: '/api/v1/analytics/settings',
      payload: { rfm: { thresholds: null }, abcXyz: { abcCuts: [0.95, 0.8], xyzCuts: [0.8, 0.95] }, lifecycle: { churnDays: 0, loyalPurchases: 3 }, clv: { months: 12, monthlyDiscount: 0.01 } },
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['body.abcXyz.abcCuts', 'body.lifecycle.churnDays']));
    const analyst = await addUser(app, shop.id, 'analyst');
    expect((await asUser(app, analyst, shop.id, { method: 'GET', url: '/api/v1/analytics/scores' })).statusCode).toBe(200);
    expect((await asUser(app, analyst, shop.id, { method: 'POST', url: '/api/v1/analytics/scores/recompute' })).statusCode).toBe(403);
    expect((await get('/api/v1/customers/999999/scores')).statusCode).toBe(404);
  });

  it('runs one computation per workspace at a time', async () => {
    const both = await Promise.allSettled([app.services.scores.request(shop.id, 'request', null), app.services.scores.request(shop.id, 'request', null)]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    await app.services.scores.settled(shop.id);
    const rejected = both.find((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict', domain: { code: 'scores.already_running' } });
  });

  it('counts KPIs past the KPI index day from the index and the orders of the days after it', async () => {
    const indexLastDay = (await get('/api/v1/analytics/summary')).json().indexLastDay as string;
    expect(indexLastDay).toBe('2026-07-08');
    clock.set(day('2026-07-20'));
    // After the index day: c1 on two days (its history then comes from orders), c5 on one (from
    // customer_stats), c9 for the first time ever.
    const orders = 'Order ID,Date,Customer ID,Total\nG1,2026-07-10,c1,10.00\nG2,2026-07-15,c1,20.00\nG3,2026-07-12,c5,30.00\nG4,2026-07-19,c9,40.00';
    expect(await importFile(app, shop, 'orders', orders)).toMatchObject({ status: 'done', rowsOk: 4 });
    const repo = new AnalyticsRepo(app.db.kysely);
    for (const [from, to, activeDays] of [['2026-06-21', '2026-07-20', 30], ['2026-07-11', '2026-07-20', 365], ['2026-07-16', '2026-07-20', 3], ['2025-07-21', '2026-07-20', 90]] as const) {
      const kpis = (await get(`/api/v1/analytics/kpis?from=${from}&to=${to}&activeDays=${activeDays}`)).json();
      expect(kpis).toMatchObject({ source: 'indexAndOrders', indexLastDay });
      const { fromDay, toDay } = parsePeriod(from, to);
      const length = toDay - fromDay + 1;
      expect(kpis.current, `${from}…${to}`).toMatchObject(await repo.periodCounts(shop.id, fromDay, toDay, activeDays));
      expect(kpis.previous, `before ${from}`).toMatchObject(await repo.periodCounts(shop.id, fromDay - length, fromDay - 1, activeDays));
    }
  });
});
