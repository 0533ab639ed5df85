import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { addUser, asUser, newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import { importFile } from '../../../test/import-file.js';
import { fiveCustomersOrdersCsv } from '../../../test/fixtures/five-customers.js';

// Five customers whose RFM is worked out by hand in the test below (as of 2026-06-30).
const ordersCsv = fiveCustomersOrdersCsv;

describe.each(testDatabases())('RFM, ABC/XYZ, KPI, lifecycle and cohort API on $name', (database) => {
  let app: App;
  let shop: TestWorkspace;
  beforeAll(async () => {
    app = await startApp(database);
    shop = await newWorkspace(app);
    expect(await importFile(app, shop, 'orders', ordersCsv)).toMatchObject({ status: 'done', rowsFailed: 0 });
  });
  afterAll(() => app?.close());

  const rfm = (query: string) => withKey(app, shop.secretKey, { method: 'GET', url: `/api/v1/analytics/rfm?${query}` });

  it('scores R and M by quintiles, F by purchase days, and names the segments within the churn window (hand-computed)', async () => {
    const res = await rfm('asOf=2026-06-30');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // Recency (days), purchase days, revenue: c1 2, 3, 2000; c2 211, 4, 2600; c3 5, 1, 150; c4 364, 1, 90; c5 90, 2, 500.
    // Scores (R, F, M): c1 5 3 4; c2 2 4 5; c3 4 1 2; c4 1 1 1; c5 3 2 3 (F: 1, 2, 3, 4–5 or 6+ purchase days).
    // The churn window, learned from the gaps (c1 50, 8; c2 30, 31, 30; c3 10 after the as-of day; c5 31; each
    // customer weighing 1): 50 days. c2, c4 and c5 are past it: churned loyal (4 purchase days) and sleeping.
    // c1 (3 purchase days, R 5): loyal; c3 (one purchase, its first, R 4): new.
    expect(body).toMatchObject({ asOf: '2026-06-30', from: null, scoring: 'quintiles', frequencyCuts: [2, 3, 4, 6], churnDays: 50, loyalPurchases: 3, customers: 5, revenue: 534_000 });
    const cell = (r: number, f: number) => body.cells.find((c: { r: number; f: number }) => c.r === r && c.f === f);
    expect(cell(5, 3)).toEqual({ r: 5, f: 3, customers: 1, revenue: 200_000 });
    expect(cell(2, 4)).toEqual({ r: 2, f: 4, customers: 1, revenue: 260_000 });
    expect(cell(3, 2)).toEqual({ r: 3, f: 2, customers: 1, revenue: 50_000 });
    expect(cell(1, 1)).toEqual({ r: 1, f: 1, customers: 1, revenue: 9_000 });
    expect(body.cells.reduce((s: number, c: { customers: number }) => s + c.customers, 0)).toBe(5);
    const segment = (name: string) => body.segments.find((s: { segment: string }) => s.segment === name);
    expect(segment('loyal')).toEqual({
      segment: 'loyal', customers: 1, customerShare: 0.2, revenue: 200_000, revenueShare: 200_000 / 534_000, avgCheck: 50_000, clv: 200_000,
      members: { recencyDays: [2, 2], purchaseDays: [3, 3], r: [5, 5], f: [3, 3], m: [4, 4], firstPurchaseOnly: 0 },
    });
    expect(segment('churnedLoyal')).toMatchObject({ customers: 1, revenue: 260_000, avgCheck: 65_000 });
    expect(segment('new')).toMatchObject({ customers: 1, revenue: 15_000, members: { recencyDays: [5, 5], purchaseDays: [1, 1], firstPurchaseOnly: 1 } });
    expect(segment('sleeping')).toMatchObject({ customers: 2, revenue: 59_000, avgCheck: 19_667, members: { recencyDays: [90, 364], purchaseDays: [1, 2] } });
    for (const empty of ['vip', 'needsAttention', 'promising']) expect(segment(empty)).toMatchObject({ customers: 0, revenue: 0, members: null });
    expect(body.segments[0].segment).toBe('churnedLoyal'); // the largest revenue first
  });

  it('limits the period and takes own thresholds', async () => {
    const period = (await rfm('asOf=2026-06-30&from=2026-01-01')).json();
    expect(period).toMatchObject({ from: '2026-01-01', customers: 3, revenue: 265_000 });
    // The period's three buyers score R among themselves: c1 4, c3 2, c5 1. c1 is loyal (three purchase days);
    // c3 bought 5 days ago, within the window, but R 2 is not recent among them: needs attention, not new;
    // c5 is past the window: sleeping.
    const inPeriod = (name: string) => period.segments.find((s: { segment: string }) => s.segment === name);
    expect(inPeriod('loyal')).toMatchObject({ customers: 1, members: { r: [4, 4], purchaseDays: [3, 3] } });
    expect(inPeriod('needsAttention')).toMatchObject({ customers: 1, members: { recencyDays: [5, 5], r: [2, 2] } });
    expect(inPeriod('sleeping')).toMatchObject({ customers: 1, members: { recencyDays: [90, 90] } });
    const own = (await rfm('asOf=2026-06-30&recency=7,30,90,180&frequency=2,3,4,5&monetary=10000,50000,100000,200000')).json();
    expect(own).toMatchObject({ scoring: 'thresholds', frequencyCuts: null });
    // c1: 2 days ≤ 7 → R 5; 3 purchase days → F 3; 200 000 ≥ 200 000 → M 5: loyal (3 purchase days), not VIP (F 3).
    expect(own.cells.find((c: { r: number; f: number }) => c.r === 5 && c.f === 3)).toMatchObject({ customers: 1, revenue: 200_000 });
    expect(own.segments.find((s: { segment: string }) => s.segment === 'loyal')).toMatchObject({ customers: 1 });
  });

  it('refuses bad days and thresholds by field, and lets an analyst read', async () => {
    expect((await rfm('asOf=2026-02-30')).json().error.details[0]).toMatchObject({ field: 'asOf', code: 'date_format' });
    expect((await rfm('asOf=2026-06-30&from=2026-07-01')).json().error.details[0].field).toBe('from');
    expect((await rfm('asOf=2026-06-30&recency=30,7,90,180&frequency=1,2,3,4&monetary=1,2,3,4')).statusCode).toBe(400);
    const partial = await rfm('asOf=2026-06-30&recency=7,30,90,180');
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.details.map((d: { field: string }) => d.field)).toEqual(['frequency', 'monetary']);
    const empty = await newWorkspace(app);
    const none = (await withKey(app, empty.secretKey, { method: 'GET', url: '/api/v1/analytics/rfm?asOf=2026-06-30' })).json();
    expect(none).toMatchObject({ customers: 0, revenue: 0 });
    expect(none.segments.every((s: { customerShare: number; revenueShare: number }) => s.customerShare === 0 && s.revenueShare === 0)).toBe(true);
    const analyst = await addUser(app, shop.id, 'analyst');
    expect((await asUser(app, analyst, shop.id, { method: 'GET', url: '/api/v1/analytics/rfm?asOf=2026-06-30' })).statusCode).toBe(200);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/analytics/rfm?asOf=2026-06-30' })).statusCode).toBe(401);
  });

  const abcXyz = (query: string) => withKey(app, shop.secretKey, { method: 'GET', url: `/api/v1/analytics/abc-xyz?${query}` });

  it('classifies ABC by revenue and XYZ by purchases, with golden customers and the Pareto curve (hand-computed)', async () => {
    const res = await abcXyz('asOf=2026-06-30');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // Revenue c2 2,600, c1 2,000, c5 500, c3 150, c4 90 (5,340): shares before each 0, 49 %, 86 %, 96 %, 98 %: A A B C C.
    // Orders c1 4, c2 4, c5 2, c3 1, c4 1 (12): shares before each 0, 33 %, 67 %, 83 %, 92 %: X X X Y Y.
    expect(body).toMatchObject({ xyzMethod: 'share', customers: 5, revenue: 534_000 });
    const cell = (name: string) => body.cells.find((c: { abc: string; xyz: string }) => c.abc + c.xyz === name);
    expect(cell('AX')).toEqual({ abc: 'A', xyz: 'X', customers: 2, revenue: 460_000, golden: true });
    expect(cell('BX')).toMatchObject({ customers: 1, revenue: 50_000, golden: false });
    expect(cell('CY')).toMatchObject({ customers: 2, revenue: 24_000 });
    expect(body.cells.reduce((s: number, c: { customers: number }) => s + c.customers, 0)).toBe(5);
    expect(body.golden).toEqual({ customers: 2, revenue: 460_000, revenueShare: 460_000 / 534_000 });
    expect(body.pareto).toHaveLength(101);
    expect(body.pareto[0]).toEqual({ customerShare: 0, revenueShare: 0 });
    expect(body.pareto[20]).toEqual({ customerShare: 0.2, revenueShare: 260_000 / 534_000 });
    expect(body.pareto[100]).toEqual({ customerShare: 1, revenueShare: 1 });
  });

  it('classifies XYZ by the variation of monthly purchases when asked, and checks its input', async () => {
    // January to June 2026: c1 0 0 0 0 2 2, c3 0 0 0 0 0 1, c5 0 0 1 1 0 0: every variation far above 25 %: Z.
    const body = (await abcXyz('asOf=2026-06-30&from=2026-01-01&xyz=cv')).json();
    expect(body).toMatchObject({ xyzMethod: 'cv', customers: 3 });
    expect(body.cells.filter((c: { xyz: string; customers: number }) => c.xyz === 'Z').reduce((s: number, c: { customers: number }) => s + c.customers, 0)).toBe(3);
    const loose = (await abcXyz('asOf=2026-06-30&from=2026-01-01&xyz=cv&xyzCuts=1.5,3')).json();
    expect(loose.cells.filter((c: { xyz: string }) => c.xyz === 'X').reduce((s: number, c: { customers: number }) => s + c.customers, 0)).toBe(2); // c1 and c5: √2 ≤ 1.5
    const noFrom = await abcXyz('asOf=2026-06-30&xyz=cv');
    expect(noFrom.statusCode).toBe(400);
    expect(noFrom.json().error.details[0].field).toBe('from');
    expect((await abcXyz('asOf=2026-06-30&abcCuts=0.95,0.8')).statusCode).toBe(400);
    const custom = (await abcXyz('asOf=2026-06-30&abcCuts=0.5,0.9')).json();
    expect(custom.cells.filter((c: { abc: string }) => c.abc === 'A').reduce((s: number, c: { customers: number }) => s + c.customers, 0)).toBe(2); // 49 % before c1 is under 50 %
  });

  it("computes the period's KPIs beside the previous period's (hand-computed)", async () => {
    const res = await withKey(app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/kpis?from=2026-04-01&to=2026-06-30&activeDays=365' });
    expect(res.statusCode, res.body).toBe(200);
    const { current, previous, activeDays } = res.json();
    expect(activeDays).toBe(365);
    // Active on 2026-04-01 (a purchase in the year before): c2, c4, c5. Active on 2026-06-30: all five.
    // New in the period: c1, c3. Buyers: c1 (4 orders on 3 days, 2,000), c3 (150), c5 (400; 2 days in all).
    expect(current).toMatchObject({ from: '2026-04-01', to: '2026-06-30', start: 3, end: 5, new: 2, buyers: 3, repeatBuyers: 2, orders: 6, revenue: 255_000 });
    expect(current.retentionRate).toBe(1); // (5 − 2) / 3
    expect(current.churnRate).toBe(0);
    expect(current.repeatPurchaseRate).toBeCloseTo(2 / 3, 12);
    expect(current).toMatchObject({ averageCheck: 42_500, purchaseFrequency: 2, revenuePerCustomer: 85_000 });
    // The second quarter compares with the first: 2026-01-01 to 2026-03-31. Active at its start: c2, c4; at its end: c2, c4, c5; new: c5.
    expect(previous).toMatchObject({ from: '2026-01-01', to: '2026-03-31', start: 2, end: 3, new: 1, buyers: 1, repeatBuyers: 0, orders: 1, revenue: 10_000 });
    expect(previous.retentionRate).toBe(1); // (3 − 1) / 2
    // A period of other than whole months compares with as many days just before.
    const days = (await withKey(app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/kpis?from=2026-04-02&to=2026-06-30&activeDays=365' })).json();
    expect(days.previous).toMatchObject({ from: '2026-01-02', to: '2026-04-01' }); // 90 days
    // Without a window the workspace's churn window is the activity window, the one the stages use
    // (50 days), for a period no longer than it: June against May.
    const month = (await withKey(app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/kpis?from=2026-06-01&to=2026-06-30' })).json();
    const stages = (await withKey(app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/lifecycle?from=2026-04-01&to=2026-06-30' })).json();
    expect(stages.rules.churnDays).toBe(50);
    expect(month.activeDays).toBe(50);
    // A longer period counts activity over its own length (91 days), so a customer first seen early
    // in it cannot lapse before its end: active before 2026-04-01 only c5 (1 March); in the quarter
    // c1, c3 and c5 (again on 1 April); new c1, c3: (3 − 2) / 1.
    const own = (await withKey(app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/kpis?from=2026-04-01&to=2026-06-30' })).json();
    expect(own).toMatchObject({ activeDays: 91, current: { start: 1, end: 3, new: 2, retentionRate: 1 } });
    // A shorter activity window: on 2026-04-01 only c5 bought in the 100 days before.
    const short = (await withKey(app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/kpis?from=2026-04-01&to=2026-06-30&activeDays=100' })).json();
    expect(short.current).toMatchObject({ start: 1, end: 3, new: 2 });
    const bad = await withKey(app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/kpis?from=2026-07-01&to=2026-06-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('from');
  });

  it('counts lifecycle stages over time and the flows between two days (hand-computed)', async () => {
    const res = await withKey(app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/lifecycle?from=2026-04-01&to=2026-06-30&churnDays=90' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.rules).toEqual({ churnDays: 90, loyalPurchases: 3, churnDaysDerived: false, churnDaysSource: 'request' });
    expect(body.counts.map((c: { day: string }) => c.day)).toEqual(['2026-04-30', '2026-05-31', '2026-06-30']);
    // 30 April: c2 and c4 silent for more than 90 days, c5 bought twice (1 March, 1 April); c1 and c3 not known yet.
    expect(body.counts[0]).toEqual({ day: '2026-04-30', potential: 0, new: 0, repeat: 1, loyal: 0, advocate: 0, churned: 2, returned: 0 });
    expect(body.counts[1]).toMatchObject({ new: 1, repeat: 1, churned: 2 }); // c1's first purchase on 1 May
    // 30 June: c1 loyal (3 purchase days), c3 new, c5 repeat (90 days since 1 April: not yet churned), c2 and c4 churned.
    expect(body.counts[2]).toMatchObject({ potential: 0, new: 1, repeat: 1, loyal: 1, churned: 2, returned: 0 });
    expect(body.flows).toEqual(expect.arrayContaining([
      { from: 'churned', to: 'churned', customers: 2 },
      { from: 'potential', to: 'loyal', customers: 1 },
      { from: 'potential', to: 'new', customers: 1 },
      { from: 'repeat', to: 'repeat', customers: 1 },
    ]));
    expect(body.flows[0]).toEqual({ from: 'churned', to: 'churned', customers: 2 });
    // Without a window, before any computation: learned from the orders, 50 days (see the RFM test above).
    const derived = (await withKey(app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/lifecycle?from=2026-04-01&to=2026-06-30' })).json();
    expect(derived.rules).toEqual({ churnDays: 50, loyalPurchases: 3, churnDaysDerived: true, churnDaysSource: 'orders' });
    expect(derived.counts[2]).toMatchObject({ churned: 3 }); // c5 too: 90 days > 50
  });

  it('follows each first-purchase month (hand-computed)', async () => {
    const res = await withKey(app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/cohorts?from=2025-07&to=2026-06' });
    expect(res.statusCode, res.body).toBe(200);
    const cohorts: { month: string; customers: number; retention: number[] }[] = res.json().cohorts;
    expect(cohorts).toHaveLength(12);
    const cohort = (month: string) => cohorts.find((c) => c.month === month);
    expect(cohort('2025-07')).toEqual({ month: '2025-07', customers: 1, retention: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }); // c4
    expect(cohort('2025-09')).toEqual({ month: '2025-09', customers: 1, retention: [1, 1, 1, 1, 0, 0, 0, 0, 0, 0] }); // c2, monthly to December
    expect(cohort('2026-03')).toEqual({ month: '2026-03', customers: 1, retention: [1, 1, 0, 0] }); // c5
    expect(cohort('2026-05')).toEqual({ month: '2026-05', customers: 1, retention: [1, 1] }); // c1
    expect(cohort('2026-06')).toEqual({ month: '2026-06', customers: 1, retention: [1] }); // c3; July's order is after the range
    expect(cohort('2025-08')).toEqual({ month: '2025-08', customers: 0, retention: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
    const bad = await withKey(app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/cohorts?from=2026-13&to=2026-06' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('from');
  });
});
