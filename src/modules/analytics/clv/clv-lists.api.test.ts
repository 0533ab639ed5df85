import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../main.js';
import { fixedClock } from '../../../platform/clock.js';
import { newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../../test/harness.js';
import { importFile } from '../../../../test/import-file.js';
import { isoDay, parseDay } from '../days.js';

// A shop as of 2026-07-06 (Moscow) whose CLV lists are built by hand:
// - Быстрова bought on seven days in the last 26 (every fourth day from 10 June), 5,000 ₽ each: the
//   highest forecast of all, from a history too short to rank her with the others;
// - Постоянный has bought every 30 days for ten months, the last time 5 days ago;
// - Ушедший bought every 10 days for 70 days more than a year ago, 6,000 ₽ each, and never since:
//   P(alive) near 0, gone rather than at risk;
// - Сомнева bought every 40 days four times and has been silent for 120 days since: in the middle;
// - forty others: one-time buyers over the year and repeat buyers every month or two.
const asOf = '2026-07-06';
const D = parseDay(asOf, 'asOf');
const noonMoscow = (day: number) => Date.parse(`${isoDay(day)}T09:00:00Z`);

interface Buyer {
  id: string;
  first: string;
  last: string;
  days: number[];
  total: number;
}

const every = (start: number, step: number, count: number) => Array.from({ length: count }, (_, i) => start + i * step);
const special: Buyer[] = [
  { id: 'burst', first: 'Алина', last: 'Быстрова', days: every(D - 26, 4, 7), total: 5000 },
  { id: 'regular', first: 'Пётр', last: 'Постоянный', days: every(D - 275, 30, 10), total: 1500 },
  { id: 'gone', first: 'Иван', last: 'Ушедший', days: every(D - 440, 10, 8), total: 6000 },
  { id: 'doubt', first: 'Софья', last: 'Сомнева', days: every(D - 240, 40, 4), total: 3000 },
];
const others: Buyer[] = Array.from({ length: 40 }, (_, i) => {
  const repeat = i % 2 === 0;
  const first = D - 30 - ((i * 37) % 330);
  const days = repeat ? every(first, 30 + (i % 3) * 15, 2 + (i % 4)).filter((d) => d <= D) : [first];
  return { id: `o${i}`, first: `Имя${i}`, last: `Фамилия${i}`, days, total: 500 + ((i * 173) % 2000) };
});
const buyers = [...special, ...others];
const ordersCsv = [
  'Order ID,Date,Customer ID,Total,Имя,Фамилия',
  ...buyers.flatMap((b) => b.days.map((day, k) => `${b.id}-${k},${isoDay(day)},${b.id},${b.total}.00,${b.first},${b.last}`)),
].join('\n');

interface Listed {
  customerId: number;
  firstName: string | null;
  lastName: string | null;
  pAlive: number;
  predictedClv: number | null;
  historicRevenue: number;
  observedDays: number | null;
  purchaseDays: number | null;
}

interface Lists {
  totalPredictedClv: number;
  deciles: number[];
  decileGroups: { customers: number; total: number; mean: number }[];
  minObservedDays: number;
  atRiskBand: { min: number; max: number };
  top: Listed[];
  topShortHistory: Listed[];
  atRisk: Listed[];
}

describe.each(testDatabases())('CLV lists on $name', (database) => {
  let app: App;
  let shop: TestWorkspace;
  const ids = new Map<string, number>();
  const clock = fixedClock(noonMoscow(D));
  beforeAll(async () => {
    app = await startApp(database, { clock });
    shop = await newWorkspace(app);
    const imported = await importFile(app, shop, 'orders', ordersCsv);
    expect(imported, JSON.stringify(imported)).toMatchObject({ status: 'done', rowsFailed: 0 });
    for (const b of buyers) {
      const found = await withKey(app, shop.secretKey, { method: 'GET', url: `/api/v1/customers/lookup?kind=external_id&value=${b.id}` });
      ids.set(b.id, found.json().id);
    }
    clock.advance(60_000);
    await app.services.scores.recompute(shop.id);
  });
  afterAll(() => app?.close());

  const get = async (url: string) => {
    const res = await withKey(app, shop.secretKey, { method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const idOf = (key: string) => ids.get(key) ?? -1;
  const listed = (list: Listed[]) => list.map((c) => c.customerId);

  // Every buyer's stored scores, to check the lists against.
  async function storedScores(): Promise<{ customerId: number; pAlive: number; predictedClv: number }[]> {
    return Promise.all(
      buyers.map(async (b) => {
        const scores = await get(`/api/v1/customers/${idOf(b.id)}/scores`);
        return { customerId: idOf(b.id), pAlive: scores.pAlive, predictedClv: scores.predictedClv };
      }),
    );
  }

  function expectListsByTheRules(lists: Lists, all: { customerId: number; pAlive: number }[]): void {
    expect(lists.minObservedDays).toBe(90);
    expect(lists.atRiskBand).toEqual({ min: 0.2, max: 0.7 });
    // The short burst is ranked apart, marked by its history; every one ranked among the most valuable has 90 days or more.
    expect(listed(lists.top)).not.toContain(idOf('burst'));
    expect(lists.topShortHistory[0]).toMatchObject({ customerId: idOf('burst'), firstName: 'Алина', lastName: 'Быстрова', observedDays: 26, purchaseDays: 7 });
    expect(lists.top.every((c) => (c.observedDays ?? 0) >= 90)).toBe(true);
    expect(lists.topShortHistory.every((c) => (c.observedDays ?? 90) < 90)).toBe(true);
    expect(lists.top.find((c) => c.customerId === idOf('regular'))).toMatchObject({ firstName: 'Пётр', lastName: 'Постоянный', purchaseDays: 10, observedDays: 275 });
    // At risk: exactly the customers whose P(alive) is within the band, by revenue; the one gone is left out.
    const gone = all.find((c) => c.customerId === idOf('gone'));
    expect(gone?.pAlive).toBeLessThan(0.2);
    expect(listed(lists.atRisk)).not.toContain(idOf('gone'));
    expect(listed(lists.atRisk)).toContain(idOf('doubt'));
    const inBand = all.filter((c) => c.pAlive >= 0.2 && c.pAlive <= 0.7).map((c) => c.customerId);
    expect(new Set(listed(lists.atRisk))).toEqual(new Set(inBand));
    const revenues = lists.atRisk.map((c) => c.historicRevenue);
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    for (const c of [...lists.top, ...lists.topShortHistory, ...lists.atRisk]) {
      const b = buyers.find((x) => idOf(x.id) === c.customerId);
      expect([c.firstName, c.lastName]).toEqual([b?.first, b?.last]);
    }
  }

  function expectTenths(lists: Lists, values: number[]): void {
    const sorted = [...values].sort((a, b) => a - b);
    // 44 buyers: tenths of 5 or 4 customers (⌈k·44/10⌉ = 0, 5, 9, 14, 18, 22, 27, 31, 36, 40, 44).
    expect(lists.decileGroups.map((g) => g.customers)).toEqual([5, 4, 5, 4, 4, 5, 4, 5, 4, 4]);
    const cuts = [0, 5, 9, 14, 18, 22, 27, 31, 36, 40, 44];
    lists.decileGroups.forEach((g, k) => {
      const members = sorted.slice(cuts[k], cuts[k + 1]);
      expect(g.total).toBe(members.reduce((s, v) => s + v, 0));
      expect(g.mean).toBe(Math.round(g.total / g.customers));
    });
    expect(lists.decileGroups.reduce((s, g) => s + g.total, 0)).toBe(lists.totalPredictedClv);
    // The chart's top bar is the top tenth's mean, well under the one customer at its edge.
    expect(lists.deciles[9]).toBe(sorted[43]);
    expect(lists.decileGroups[9]?.mean).toBeLessThan(sorted[43] ?? 0);
  }

  it('lists the stored scores’ most valuable apart from short histories, the ones at risk within the P(alive) band, named, with the tenths summed', async () => {
    const summary = await get('/api/v1/analytics/summary');
    const all = await storedScores();
    expectListsByTheRules(summary.clv, all);
    expect(summary.clv.atRiskCustomers).toBe(all.filter((c) => c.pAlive >= 0.2 && c.pAlive <= 0.7).length);
    expectTenths(summary.clv, all.map((c) => c.predictedClv));
  });

  it('lists a fit on request by the same rules, named', async () => {
    const fit: Lists & { customers: number } = await get(`/api/v1/analytics/clv/customers?calibrationEnd=${asOf}&limit=50`);
    expect(fit.customers).toBe(44);
    // The fit on request is in weeks as the stored one: the same P(alive) for each customer.
    const all = await storedScores();
    expectListsByTheRules(fit, all);
    const values = [...fit.top, ...fit.topShortHistory].map((c) => c.predictedClv ?? 0);
    expectTenths(fit, values);
  });
});
