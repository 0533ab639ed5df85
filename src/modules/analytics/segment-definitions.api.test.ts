import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { fixedClock } from '../../platform/clock.js';
import { localDayNumber } from '../../platform/time.js';
import { newWorkspace, startApp, testDatabases, withKey } from '../../../test/harness.js';
import { importFile } from '../../../test/import-file.js';
import { readDataSet } from '../../../test/data-sets.js';
import { generateDemoShop } from '../demo/demo.generator.js';
import { createDemoWorkspace } from '../demo/demo.service.js';
import { isoDay } from './days.js';

// Every RFM segment's description holds for each of its members, and no segment contradicts the
// lifecycle stage: checked over the demo shop and the CDNOW sample, for the stored scores (member by
// member, against each customer's purchase days worked out here from the generator's orders or the
// sample's file) and for the analyses of a period (against the ranges of each segment's members).

/** One customer's purchase history as the test knows it: distinct local purchase days, ascending. */
type Truth = Map<string, number[]>;

interface StoredMember {
  key: string;
  segment: string;
  stage: string;
  r: number;
  f: number;
}

interface Rules {
  churnDays: number;
  loyalPurchases: number;
}

// What each segment promises of a member (docs/analytics.md): its measures and scores.
function checkMember(m: { segment: string; r: number; f: number; recency: number; days: number; firstOnly: boolean }, rules: Rules): string[] {
  const lapsed = m.recency > rules.churnDays;
  const loyal = m.days >= rules.loyalPurchases;
  const wrong: string[] = [];
  const expectThat = (ok: boolean, what: string) => ok || wrong.push(`${m.segment}: ${what}`);
  switch (m.segment) {
    case 'churnedLoyal':
      expectThat(lapsed && loyal, `past the window (${m.recency} > ${rules.churnDays}) with at least ${rules.loyalPurchases} purchase days (${m.days})`);
      break;
    case 'sleeping':
      expectThat(lapsed && !loyal, `past the window (${m.recency}) with fewer purchase days (${m.days})`);
      break;
    case 'vip':
      expectThat(!lapsed && m.r >= 4 && m.f >= 4, `recent and frequent (R ${m.r}, F ${m.f}, ${m.recency} days)`);
      break;
    case 'loyal':
      expectThat(!lapsed && loyal && m.r >= 3, `active with at least ${rules.loyalPurchases} purchase days (${m.days}, R ${m.r}, ${m.recency} days)`);
      break;
    case 'new':
      expectThat(!lapsed && m.days === 1 && m.firstOnly && m.r >= 4, `one recent first purchase (${m.days} days, ${m.recency} days ago, R ${m.r})`);
      break;
    case 'promising':
      expectThat(!lapsed && !loyal && m.r >= 4 && !(m.days === 1 && m.firstOnly), `recent, not yet loyal, not new (${m.days} days, R ${m.r})`);
      break;
    case 'needsAttention':
      expectThat(!lapsed && m.r <= 3, `within the window, not recent (R ${m.r}, ${m.recency} days)`);
      break;
    default:
      wrong.push(`unknown segment ${m.segment}`);
  }
  return wrong;
}

// The stage a segment allows: the lapsed segments are exactly the churned.
function stageAgrees(segment: string, stage: string): boolean {
  return (segment === 'churnedLoyal' || segment === 'sleeping') === (stage === 'churned') && (segment !== 'new' || stage === 'new');
}

// Purchase days 1, 2, 3, 4–5, 6+ give F 1–5 (the default frequency cut points).
const fOfDays = (days: number) => (days >= 6 ? 5 : days >= 4 ? 4 : days);

async function storedMembers(app: App, key: string, keyOf: (item: { phone: string | null; email: string | null }) => string): Promise<StoredMember[]> {
  const members: StoredMember[] = [];
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) {
      let cursor: string | null = null;
      do {
        const query: string = `rfmR=${r}&rfmF=${f}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const res = await withKey(app, key, { method: 'GET', url: `/api/v1/customers?${query}` });
        expect(res.statusCode, res.body).toBe(200);
        const page: { items: { phone: string | null; email: string | null; rfmSegment: string; stage: string }[]; nextCursor: string | null } = res.json();
        for (const item of page.items) members.push({ key: keyOf(item), segment: item.rfmSegment, stage: item.stage, r, f });
        cursor = page.nextCursor;
      } while (cursor);
    }
  }
  return members;
}

// Checks the stored scores of every buyer against their purchase days, and the summary's member ranges.
async function checkStored(app: App, key: string, truth: Truth, keyOf: (item: { phone: string | null; email: string | null }) => string, present: string[]): Promise<void> {
  const summary = (await withKey(app, key, { method: 'GET', url: '/api/v1/analytics/summary' })).json();
  const asOf = Date.parse(`${summary.asOf}T00:00:00Z`) / 86_400_000;
  const rules = { churnDays: summary.churnDays, loyalPurchases: summary.loyalPurchases };
  const members = await storedMembers(app, key, keyOf);
  const buyers = [...truth.values()].filter((days) => days.some((d) => d <= asOf)).length;
  expect(members).toHaveLength(buyers);
  const wrong: string[] = [];
  const bySegment = new Map<string, number>();
  for (const m of members) {
    const days = (truth.get(m.key) ?? []).filter((d) => d <= asOf);
    const recency = asOf - days[days.length - 1];
    wrong.push(...checkMember({ segment: m.segment, r: m.r, f: m.f, recency, days: days.length, firstOnly: days.length === 1 }, rules));
    if (!stageAgrees(m.segment, m.stage)) wrong.push(`${m.segment} beside the stage ${m.stage}`);
    if (m.f !== fOfDays(days.length)) wrong.push(`F ${m.f} for ${days.length} purchase days`);
    bySegment.set(m.segment, (bySegment.get(m.segment) ?? 0) + 1);
  }
  expect(wrong.slice(0, 10), `${wrong.length} members contradict their segment`).toEqual([]);
  // The segments the shop's history should fill are there to be checked.
  for (const segment of present) expect(bySegment.get(segment) ?? 0, segment).toBeGreaterThan(0);
  for (const s of summary.rfm.segments) expect(s.customers, s.segment).toBe(bySegment.get(s.segment) ?? 0);
  checkRanges(summary.rfm.segments, rules);
  expect(summary.stages.churned).toBe((bySegment.get('churnedLoyal') ?? 0) + (bySegment.get('sleeping') ?? 0));
}

interface SegmentRow {
  segment: string;
  customers: number;
  members: { recencyDays: [number, number]; purchaseDays: [number, number]; r: [number, number]; f: [number, number]; m: [number, number]; firstPurchaseOnly: number } | null;
}

// Each segment's member ranges within its description: a description is a conjunction of bounds, so
// the lowest and highest member decide it (new: every member's one purchase day is their first).
function checkRanges(segments: SegmentRow[], rules: Rules): void {
  for (const { segment, customers, members: m } of segments) {
    if (customers === 0) {
      expect(m, segment).toBeNull();
      continue;
    }
    if (m === null) throw new Error(`${segment} has members but no ranges`);
    const [recencyMin, recencyMax] = m.recencyDays;
    const [daysMin, daysMax] = m.purchaseDays;
    const active = recencyMax <= rules.churnDays;
    const lapsed = recencyMin > rules.churnDays;
    const checks: Record<string, boolean> = {
      churnedLoyal: lapsed && daysMin >= rules.loyalPurchases,
      sleeping: lapsed && daysMax < rules.loyalPurchases,
      vip: active && m.r[0] >= 4 && m.f[0] >= 4 && m.m[0] >= 4,
      loyal: active && daysMin >= rules.loyalPurchases && m.r[0] >= 3,
      new: active && daysMax === 1 && m.firstPurchaseOnly === customers && m.r[0] >= 4,
      promising: active && daysMax < rules.loyalPurchases && m.r[0] >= 4,
      needsAttention: active && m.r[1] <= 3,
    };
    expect(checks[segment], `${segment}: ${JSON.stringify(m)} against ${JSON.stringify(rules)}`).toBe(true);
  }
}

// Checks the analyses of periods ending on `asOf`: each segment's ranges, and the lapsed segments
// holding exactly the period's buyers past the churn window (counted here from the purchase days).
async function checkPeriods(app: App, key: string, truth: Truth, asOf: string, lengths: number[]): Promise<void> {
  const toDay = Date.parse(`${asOf}T00:00:00Z`) / 86_400_000;
  for (const length of [...lengths, null]) {
    const fromDay = length === null ? null : toDay - length + 1;
    const url = `/api/v1/analytics/rfm?asOf=${asOf}${fromDay === null ? '' : `&from=${isoDay(fromDay)}`}`;
    const res = await withKey(app, key, { method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    const body: { churnDays: number; loyalPurchases: number; customers: number; segments: SegmentRow[] } = res.json();
    checkRanges(body.segments, body);
    let buyers = 0;
    let lapsed = 0;
    for (const days of truth.values()) {
      const inPeriod = days.filter((d) => d <= toDay && (fromDay === null || d >= fromDay));
      if (inPeriod.length === 0) continue;
      buyers++;
      if (toDay - inPeriod[inPeriod.length - 1] > body.churnDays) lapsed++;
    }
    const count = (segment: string) => body.segments.find((s) => s.segment === segment)?.customers ?? 0;
    expect(body.customers, url).toBe(buyers);
    expect(count('churnedLoyal') + count('sleeping'), url).toBe(lapsed);
  }
}

const endDate = Date.UTC(2026, 5, 30, 21, 0, 0); // 1 July 2026, 00:00 in Moscow

// The demo shop's customers' purchase days (completed orders, Moscow days), by phone.
function demoTruth(seed: number, customers: number): Truth {
  const byKey = new Map<string, { phone: string; days: Set<number> }>();
  for (const chunk of generateDemoShop({ seed, customers, endDate })) {
    for (const c of chunk.customers) byKey.set(c.key, { phone: c.phone, days: new Set() });
    for (const o of chunk.orders) if (o.status === 'completed') byKey.get(o.customerKey)?.days.add(localDayNumber(o.orderedAt, 'Europe/Moscow'));
  }
  return new Map([...byKey.values()].map((c) => [c.phone, [...c.days].sort((a, b) => a - b)]));
}

// The CDNOW sample as a shop's orders file (one order per row), each customer with an e-mail to know them by.
function cdnow(): { csv: string; truth: Truth } {
  const truth: Truth = new Map();
  const rows = readDataSet('cdnow/CDNOW_sample.txt').trim().split(/\r?\n/);
  const lines = rows.map((line, i) => {
    const [, id, date, , value] = line.trim().split(/\s+/);
    const day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) / 86_400_000;
    const email = `c${id}@cdnow.test`;
    const days = truth.get(email) ?? [];
    if (!days.includes(day)) days.push(day);
    truth.set(email, days);
    return `${id}-${i + 1},${isoDay(day)},${id},${email},${value}`;
  });
  for (const days of truth.values()) days.sort((a, b) => a - b);
  return { csv: ['Order ID,Date,Customer ID,Email,Total', ...lines].join('\n'), truth };
}

describe.each(testDatabases())('RFM segments against their definitions and the stages on $name', (database) => {
  describe('the demo shop', () => {
    let app: App;
    let key: string;
    let truth: Truth;
    beforeAll(async () => {
      app = await startApp(database, { clock: fixedClock(endDate + 6 * 3_600_000) });
      const seed = 17;
      const customers = 4_000;
      const demo = await createDemoWorkspace(app, { customers, seed, endDate, eventsPerCustomer: 0 });
      key = (await app.services.apiKeys.create(demo.workspaceId, 'secret', 'Tests', null)).key;
      truth = demoTruth(seed, customers);
      expect((await app.services.scores.recompute(demo.workspaceId)).status).toBe('done');
    }, 300_000);
    afterAll(() => app?.close());

    it('gives every stored segment only members its description fits, lapsed exactly when churned', async () => {
      // More than three buyers in five are past the window, so R 1–3 are all lapsed: nobody needs attention.
      await checkStored(app, key, truth, (item) => item.phone ?? '', ['vip', 'loyal', 'promising', 'new', 'churnedLoyal', 'sleeping']);
    }, 120_000);

    it('keeps each segment of a period within its description', async () => {
      await checkPeriods(app, key, truth, '2026-06-30', [30, 90, 365]);
    }, 120_000);
  });

  describe('the CDNOW sample', () => {
    let app: App;
    let key: string;
    const data = cdnow();
    beforeAll(async () => {
      app = await startApp(database, { clock: fixedClock(Date.UTC(1998, 6, 1, 9)) });
      const shop = await newWorkspace(app);
      key = shop.secretKey;
      expect(await importFile(app, shop, 'orders', data.csv, 'cdnow.csv')).toMatchObject({ status: 'done', rowsOk: 6919, rowsFailed: 0 });
      expect((await app.services.scores.recompute(shop.id)).status).toBe('done');
    }, 300_000);
    afterAll(() => app?.close());

    it('gives every stored segment only members its description fits, lapsed exactly when churned', async () => {
      // A year after the last first purchase (March 1997) nobody is new.
      await checkStored(app, key, data.truth, (item) => item.email ?? '', ['vip', 'loyal', 'churnedLoyal', 'sleeping']);
    }, 120_000);

    it('keeps each segment of a period within its description', async () => {
      await checkPeriods(app, key, data.truth, '1997-09-30', [91, 273]);
      await checkPeriods(app, key, data.truth, '1998-06-30', [30, 365]);
    }, 120_000);
  });
});
