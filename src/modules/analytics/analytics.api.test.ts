import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { addUser, asUser, newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import { importFile } from '../../../test/import-file.js';
import { readDataSet } from '../../../test/data-sets.js';

// The CDNOW sample (2,357 customers, 6,919 purchases), written as the CSV a shop would export:
// one order per row, the sample's customer id as the shop's own customer id.
function cdnowOrdersCsv(): string {
  const rows = readDataSet('cdnow/CDNOW_sample.txt').trim().split(/\r?\n/);
  const lines = rows.map((line, i) => {
    const [, sampleId, date, , value] = line.trim().split(/\s+/);
    return `${sampleId}-${i + 1},${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)},${sampleId},${value}`;
  });
  return ['Order ID,Date,Customer ID,Total', ...lines].join('\n');
}

describe.each(testDatabases())('CLV model API on $name', (database) => {
  let app: App;
  let cdnow: TestWorkspace;
  beforeAll(async () => {
    app = await startApp(database);
    // The sample goes in through the product's own import, as a shop's file would.
    cdnow = await newWorkspace(app);
    expect(await importFile(app, cdnow, 'orders', cdnowOrdersCsv(), 'cdnow.csv')).toMatchObject({ status: 'done', rowsOk: 6919, rowsFailed: 0 });
  }, 120_000);
  afterAll(() => app?.close());

  const model = (ws: TestWorkspace, query: string) => withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/analytics/clv/model?${query}` });

  it('reproduces the published BG/NBD and Gamma-Gamma parameters on the CDNOW sample (39 weeks to 1997-09-30)', async () => {
    const res = await model(cdnow, 'calibrationEnd=1997-09-30&unit=week');
    expect(res.statusCode, res.body).toBe(200);
    const fit = res.json();
    expect(fit).toMatchObject({ calibrationEnd: '1997-09-30', unit: 'week', customers: 2357, repeatCustomers: 946 });
    // Fader, Hardie & Lee (2005): r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9,582.4.
    expect(fit.r).toBeCloseTo(0.243, 3);
    expect(fit.alpha).toBeCloseTo(4.414, 2);
    expect(fit.a).toBeCloseTo(0.793, 3);
    expect(fit.b).toBeCloseTo(2.426, 2);
    expect(fit.logLikelihood.bgNbd).toBeCloseTo(-9582.4, 1);
    // Fader & Hardie's Gamma-Gamma note: p = 6.25, q = 3.74, γ = 15.44.
    expect(fit.p).toBeCloseTo(6.25, 1);
    expect(fit.q).toBeCloseTo(3.74, 1);
    expect(fit.gamma).toBeCloseTo(15.44, 1);
  });

  it('counts time in days when asked, with the same purchase process', async () => {
    const fit = (await model(cdnow, 'calibrationEnd=1997-09-30&unit=day')).json();
    // Only the time scale changes: α is in days (7 × the weekly α), r, a and b stay.
    expect(fit.r).toBeCloseTo(0.243, 2);
    expect(fit.alpha / 7).toBeCloseTo(4.414, 1);
    expect(fit.a).toBeCloseTo(0.793, 2);
    expect(fit.b).toBeCloseTo(2.426, 1);
  });

  it('predicts per customer: P(alive), expected purchases and discounted CLV, with the valuable ones at risk', async () => {
    const res = await withKey(app, cdnow.secretKey, { method: 'GET', url: '/api/v1/analytics/clv/customers?calibrationEnd=1997-09-30&unit=week&limit=5' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ customers: 2357, months: 12, monthlyDiscount: 0.01 });
    expect(body.top).toHaveLength(5);
    expect(body.deciles).toHaveLength(10);
    expect(body.deciles[9]).toBe(body.top[0].predictedClv);
    for (let i = 1; i < 10; i++) expect(body.deciles[i]).toBeGreaterThanOrEqual(body.deciles[i - 1]);
    expect(body.atRisk.every((c: { pAlive: number }) => c.pAlive >= 0.2 && c.pAlive <= 0.7)).toBe(true);
    const top = body.top[0];
    expect(top.expected30).toBeLessThan(top.expected90);
    expect(top.expected90).toBeLessThan(top.expected365);
    expect(top.predictedClv).toBeGreaterThan(0);
    // A longer horizon or no discount is worth more; P(alive) never leaves [0, 1].
    const longer = (await withKey(app, cdnow.secretKey, { method: 'GET', url: '/api/v1/analytics/clv/customers?calibrationEnd=1997-09-30&unit=week&months=24&monthlyDiscount=0&limit=5' })).json();
    expect(longer.totalPredictedClv).toBeGreaterThan(body.totalPredictedClv);
    expect([...body.top, ...body.atRisk].every((c: { pAlive: number }) => c.pAlive >= 0 && c.pAlive <= 1)).toBe(true);
  });

  it('refuses a bad day or a period without purchases, by field, and lets an analyst read', async () => {
    for (const day of ['1997-02-30', '30.09.1997']) {
      const res = await model(cdnow, `calibrationEnd=${day}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].field).toBe('calibrationEnd');
    }
    expect((await model(cdnow, 'calibrationEnd=1996-12-31')).json().error.details[0]).toMatchObject({ field: 'calibrationEnd' });
    expect((await model(cdnow, 'calibrationEnd=1997-09-30&unit=month')).statusCode).toBe(400);
    const empty = await newWorkspace(app);
    expect((await model(empty, 'calibrationEnd=2026-01-01')).statusCode).toBe(400);
    const analyst = await addUser(app, cdnow.id, 'analyst');
    const read = await asUser(app, analyst, cdnow.id, { method: 'GET', url: '/api/v1/analytics/clv/model?calibrationEnd=1997-03-31' });
    expect(read.statusCode, read.body).toBe(200);
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/analytics/clv/model?calibrationEnd=1997-09-30' })).statusCode).toBe(401);
  });
});
