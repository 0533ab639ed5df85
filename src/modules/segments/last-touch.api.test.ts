import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { fixedClock } from '../../platform/clock.js';
import { newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import { sendTracking, settleSegments } from '../../../test/segments.js';

// The last touch (lastUtmSource, lastUtmMedium, lastUtmCampaign): the campaign tags of a customer's
// latest tracked event that carried any, beside the first touch (utmSource…), which stays as the
// first such event set it. An event older than the stored touch, sent late, does not replace it.

const day = 86_400_000;
const campaign = (source: string, medium: string, name: string) => ({ source, medium, name });

describe.each(testDatabases())('last touch UTM fields on $name', (database) => {
  let app: App;
  const clock = fixedClock(Date.UTC(2026, 5, 15, 9, 0, 0));
  beforeAll(async () => {
    app = await startApp(database, { clock });
  });
  afterAll(() => app.close());

  const at = (daysAgo: number) => new Date(clock.now() - daysAgo * day).toISOString();
  const page = (ws: TestWorkspace, userId: string, daysAgo: number, context: object) =>
    sendTracking(app, ws, '/v1/page', { userId, name: 'Каталог', timestamp: at(daysAgo), context });
  const profile = async (ws: TestWorkspace, userId: string) => {
    const res = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/lookup?kind=external_id&value=${userId}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: number; utmSource: string | null; lastUtmSource: string | null; lastUtmMedium: string | null; lastUtmCampaign: string | null };
  };
  const preview = async (ws: TestWorkspace, field: string, op: string, value: string | string[] = '') => {
    const cond = Array.isArray(value) ? { kind: 'text', field, op, values: value } : { kind: 'text', field, op, value };
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments/preview', payload: { rule: { kind: 'group', combinator: 'and', rules: [cond] } } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { count: number; sample: { id: number }[] };
    expect(body.sample).toHaveLength(body.count);
    return body.sample.map((m) => m.id).sort((a, b) => a - b);
  };

  it('keeps the latest tagged event by its time, beside the first touch, for previews, saved segments and the profile', async () => {
    const ws = await newWorkspace(app);
    // Anna: Yandex first, VK later; an older Google visit arrives last and an untagged visit after it.
    await page(ws, 'anna', 3, { campaign: campaign('yandex', 'cpc', 'spring') });
    await page(ws, 'anna', 1, { campaign: campaign('VK', 'social', 'Ёлка') });
    await page(ws, 'anna', 2, { campaign: campaign('google', 'cpc', 'old') });
    await page(ws, 'anna', 0.5, {});
    // Boris: Yandex first; then one batch whose later message is the older visit.
    await page(ws, 'boris', 5, { campaign: campaign('yandex', 'cpc', 'spring') });
    const batch = await app.http.inject({
      method: 'POST', url: '/v1/batch',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${ws.writeKey}:`).toString('base64')}` },
      payload: JSON.stringify({ batch: [
        { type: 'track', userId: 'boris', event: 'Product Viewed', timestamp: at(1), context: { campaign: campaign('google', 'cpc', 'summer') } },
        { type: 'track', userId: 'boris', event: 'Product Viewed', timestamp: at(2), context: { campaign: campaign('mail', 'email', 'digest') } },
      ] }),
    });
    expect(batch.statusCode, batch.body).toBe(200);
    // Vera: tags only in the landing URL, no source name; Dmitry: no tags at all.
    await page(ws, 'vera', 1, { page: { url: 'https://shop.example/?utm_source=Telegram&utm_medium=messenger' } });
    await page(ws, 'dmitry', 1, {});

    const [anna, boris, vera, dmitry] = await Promise.all(['anna', 'boris', 'vera', 'dmitry'].map((u) => profile(ws, u)));
    expect(anna).toMatchObject({ utmSource: 'yandex', lastUtmSource: 'VK', lastUtmMedium: 'social', lastUtmCampaign: 'Ёлка' });
    expect(boris).toMatchObject({ utmSource: 'yandex', lastUtmSource: 'google', lastUtmMedium: 'cpc', lastUtmCampaign: 'summer' });
    expect(vera).toMatchObject({ lastUtmSource: 'Telegram', lastUtmMedium: 'messenger', lastUtmCampaign: null });
    expect(dmitry).toMatchObject({ utmSource: null, lastUtmSource: null, lastUtmMedium: null, lastUtmCampaign: null });

    // Previews: every text operator, case and ё ignored; the first touch unchanged.
    expect(await preview(ws, 'lastUtmSource', 'eq', 'vk')).toEqual([anna.id]);
    expect(await preview(ws, 'lastUtmSource', 'eq', 'yandex')).toEqual([]);
    expect(await preview(ws, 'utmSource', 'eq', 'Yandex')).toEqual([anna.id, boris.id]);
    // Negative operators take in customers without a value, as on every text field.
    expect(await preview(ws, 'lastUtmSource', 'neq', 'google')).toEqual([anna.id, vera.id, dmitry.id]);
    expect(await preview(ws, 'lastUtmCampaign', 'eq', 'ЕЛКА')).toEqual([anna.id]);
    expect(await preview(ws, 'lastUtmCampaign', 'contains', 'umm')).toEqual([boris.id]);
    expect(await preview(ws, 'lastUtmCampaign', 'notContains', 'umm')).toEqual([anna.id, vera.id, dmitry.id]);
    expect(await preview(ws, 'lastUtmSource', 'startsWith', 'tele')).toEqual([vera.id]);
    expect(await preview(ws, 'lastUtmMedium', 'in', ['CPC', 'Social'])).toEqual([anna.id, boris.id]);
    expect(await preview(ws, 'lastUtmMedium', 'notIn', ['cpc'])).toEqual([anna.id, vera.id, dmitry.id]);
    expect(await preview(ws, 'lastUtmSource', 'set')).toEqual([anna.id, boris.id, vera.id]);
    expect(await preview(ws, 'lastUtmSource', 'notSet')).toEqual([dmitry.id]);
    expect(await preview(ws, 'lastUtmCampaign', 'notSet')).toEqual([vera.id, dmitry.id]);

    // A saved segment follows the last touch as events arrive.
    const made = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: {
      name: 'Пришли из VK', rule: { kind: 'group', combinator: 'and', rules: [{ kind: 'text', field: 'lastUtmSource', op: 'eq', value: 'vk' }] },
    } });
    expect(made.statusCode, made.body).toBe(201);
    const segmentId = made.json().id as string;
    const members = async () => {
      await settleSegments(app, ws.id);
      const res = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/segments/${segmentId}/members` });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: number }[]).map((m) => m.id).sort((a, b) => a - b);
    };
    expect(await members()).toEqual([anna.id]);
    await page(ws, 'boris', 0, { campaign: campaign('vk', 'social', 'Ёлка') });
    expect(await members()).toEqual([anna.id, boris.id]);
    // An old VK visit of Dmitry's still sets his first touch… and his last, having none.
    await page(ws, 'dmitry', 10, { campaign: campaign('vk', 'social', 'winter') });
    expect(await members()).toEqual([anna.id, boris.id, dmitry.id]);
    // Anna comes from Yandex now: she leaves; an older Google visit of Boris's does not move him.
    await page(ws, 'anna', 0, { campaign: campaign('yandex', 'cpc', 'june') });
    await page(ws, 'boris', 0.2, { campaign: campaign('google', 'cpc', 'late') });
    expect(await members()).toEqual([boris.id, dmitry.id]);
    expect(await preview(ws, 'lastUtmSource', 'eq', 'vk')).toEqual([boris.id, dmitry.id]);
    expect(await profile(ws, 'dmitry')).toMatchObject({ utmSource: 'vk', lastUtmSource: 'vk', lastUtmCampaign: 'winter' });
  });

  it('keeps the later touch of two merged profiles, and forgets it on erasure', async () => {
    const ws = await newWorkspace(app);
    const phone = '+79123450077';
    await sendTracking(app, ws, '/v1/identify', { userId: 'kira', traits: { phone }, timestamp: at(4) });
    await page(ws, 'kira', 3, { campaign: campaign('yandex', 'cpc', 'spring') });
    // An anonymous visitor came from VK later, then gave the same phone: the two profiles merge.
    await sendTracking(app, ws, '/v1/page', { anonymousId: 'anon-7', name: 'Каталог', timestamp: at(1), context: { campaign: campaign('vk', 'social', 'Ёлка') } });
    await sendTracking(app, ws, '/v1/identify', { anonymousId: 'anon-7', traits: { phone }, timestamp: at(0) });
    const kira = await profile(ws, 'kira');
    expect(kira).toMatchObject({ utmSource: 'yandex', lastUtmSource: 'vk', lastUtmCampaign: 'Ёлка' });
    expect(await preview(ws, 'lastUtmSource', 'eq', 'VK')).toEqual([kira.id]);

    const erased = await withKey(app, ws.secretKey, { method: 'DELETE', url: `/api/v1/customers/${kira.id}` });
    expect(erased.statusCode, erased.body).toBeLessThan(300);
    const after = await withKey(app, ws.secretKey, { method: 'GET', url: `/api/v1/customers/${kira.id}` });
    expect(after.json()).toMatchObject({ lastUtmSource: null, lastUtmMedium: null, lastUtmCampaign: null });
  });
});
