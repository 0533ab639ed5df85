import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { withKey } from '../test/harness.js';
import { expectNoPageErrors, openTab, screenshot, signIn } from './support/browser.js';
import { seedSampleShop } from './support/seed.js';
import { newShop } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');
// Figures load after the page and the CLV ones fit a model first: waits allow for a busy machine.
const patiently = { timeout: 10_000 };

// The browser's clock is set to 2026-06-30, 12:00 in Moscow, so "the last 90 days" are 2 April to
// 30 June 2026, compared with 2 January to 1 April, whatever day the test runs on. The sample shop's
// orders (e2e/support/seed.ts, one every 7 days per customer and 23 days apart) fall on:
//   Ёлкина 2 Mar 4 200, 25 Mar 2 750, 17 Apr 6 100 · Соколов 9 Mar 12 900 · Кузнецова 16 Mar 3 100, 8 Apr 1 890
//   Волкова 30 Mar 8 800, 22 Apr 5 400, 15 May 2 100, 7 Jun 990 · Павлов 13 Apr 1 500 · Лебедева 20 Apr 2 300, 13 May 2 300
// This period: 8 orders of 5 buyers, 22 580 ₽, 2 of them new (Павлов, Лебедева), 4 of 5 with two purchase days.
// The previous one: 5 orders of 4 buyers, 31 750 ₽, all 4 new, 1 (Ёлкина) with two purchase days.
const today = new Date('2026-06-30T09:00:00Z');

// Text as shown, spaces normalised (Intl puts no-break spaces in numbers).
async function shown(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

// The cards' names are in capitals on screen, so they are compared in lower case.
const card = async (page: Page, name: string) =>
  (await shown(page.getByRole('list', { name: 'Ключевые показатели' }).getByRole('listitem', { name, exact: true }))).toLowerCase();

// Roubles as the Russian interface writes an amount in kopecks: whole ones without kopecks.
function roubles(minor: number): string {
  const digits = minor % 100 === 0 ? 0 : 2;
  return new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(minor / 100)
    .replace(/\s+/g, ' ');
}

describe.skipIf(!chromiumPath)('web app: the home screen', () => {
  const suite = browserSuite(chromiumPath);

  it('opens on the analytics overview: the KPIs against the previous period and a card per screen (hand-computed)', async () => {
    const shop = await newShop(suite.server, 'Платья и аксессуары');
    await seedSampleShop(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await page.clock.install({ time: today });
    await signIn(page, shop.owner);
    expect(page.url()).toMatch(new RegExp(`/w/${shop.id}/analytics$`));
    await page.getByRole('tab', { name: 'Обзор', selected: true }).waitFor();
    expect(await page.getByRole('radio', { name: '90 дней' }).isChecked()).toBe(true);
    await page.getByText('2 апреля 2026 г. — 30 июня 2026 г. · сравнение с периодом 2 января 2026 г. — 1 апреля 2026 г.').waitFor();

    // 22 580 ₽ against 31 750 ₽ is 28,9 % less; the average check 22 580 / 8 against 31 750 / 5.
    expect(await card(page, 'Выручка')).toBe('выручка 22 580 ₽ ▼ 28,9 % прошлый период: 31 750 ₽');
    expect(await card(page, 'Покупатели')).toBe('покупатели 5 ▲ 25 % прошлый период: 4');
    expect(await card(page, 'Новые клиенты')).toBe('новые клиенты 2 ▼ 50 % прошлый период: 4');
    expect(await card(page, 'Средний чек')).toBe('средний чек 2 822,50 ₽ ▼ 55,6 % прошлый период: 6 350 ₽');
    expect(await card(page, 'Повторные покупки')).toBe('повторные покупки 80 % ▲ 55 п. п. прошлый период: 25 %');
    // Active at the start: the 4 who bought in March; at the end all 6; (6 − 2) / 4. Nobody was active before January.
    expect(await card(page, 'Удержание клиентов')).toBe('удержание клиентов 100 % прошлый период: —');

    // RFM as of 30 June: Соколов bought nothing in the period; Павлов (13 April) and Кузнецова (8 April) sleep.
    const rfm = page.getByRole('region', { name: 'RFM-сегменты' });
    await expect.poll(() => shown(rfm), patiently).toContain('Спящие 2 · 40 %');
    // With the learned churn window of 30 days (every gap between purchase days is 23) only Волкова
    // (7 June) is still active on 30 June, loyal with four purchase days; the other five have churned.
    const lifecycle = page.getByRole('region', { name: 'Жизненный цикл клиентов' });
    await expect.poll(() => shown(lifecycle), patiently).toContain('АКТИВНЫЕ 1 УШЕДШИЕ 5 На 30 июня 2026 г., окно оттока 30 дн.');
    // First purchases in April: Павлов and Лебедева; Лебедева bought again in May. May had no first purchase.
    const cohorts = page.getByRole('region', { name: 'Удержание по когортам' });
    await expect.poll(() => shown(cohorts), patiently).toContain('50 % 1 из 2 клиентов когорт апрель 2026 г. — май 2026 г.');
    // The predicted value is the models' (fitted on the server); the card shows the API's figures for today.
    const clv = (await withKey(suite.server.app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/clv/customers?calibrationEnd=2026-06-30&unit=week&months=12&monthlyDiscount=0.01&limit=10' })).json();
    expect(clv.customers).toBe(6);
    const clvCard = page.getByRole('region', { name: 'Прогноз ценности клиентов' });
    await expect.poll(() => shown(clvCard), patiently).toContain(`ПРОГНОЗ ЦЕННОСТИ НА 12 МЕС. ${roubles(clv.totalPredictedClv)} Медианный клиент: ${roubles(clv.deciles[4])}`);
    await screenshot(page, 'home');
    await cohorts.scrollIntoViewIfNeeded();
    await screenshot(page, 'home-sections');

    // A card's title opens its screen.
    await lifecycle.getByRole('link', { name: 'Жизненный цикл клиентов' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/analytics/lifecycle$`));
    await page.getByRole('tab', { name: 'Жизненный цикл', selected: true }).waitFor();
    // The navigation keeps the customers.
    await page.getByRole('navigation').getByRole('link', { name: 'Клиенты', exact: true }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/customers$`));
    expectNoPageErrors(tab);
    await tab.context.close();
  });
});
