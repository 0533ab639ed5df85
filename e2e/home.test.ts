import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectNoPageErrors, openTab, screenshot, signIn } from './support/browser.js';
import { seedSampleShop } from './support/seed.js';
import { newShop } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');
// Figures load after the page: waits allow for a busy machine.
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

describe.skipIf(!chromiumPath)('web app: the home screen', () => {
  const suite = browserSuite(chromiumPath);

  it('opens on the analytics overview: the KPIs against the previous period, counted from orders before the first computation of the scores, which it offers (hand-computed)', async () => {
    const shop = await newShop(suite.server, 'Платья и аксессуары');
    await seedSampleShop(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await page.clock.install({ time: today });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await signIn(page, shop.owner);
    expect(page.url()).toMatch(new RegExp(`/w/${shop.id}/analytics$`));
    await page.getByRole('tab', { name: 'Обзор', selected: true }).waitFor();
    expect(await page.getByRole('radio', { name: '90 дней' }).isChecked()).toBe(true);
    // Never computed: the period ends today and is counted from the orders.
    await page.getByText('2 апреля 2026 г. — 30 июня 2026 г. · сравнение с периодом 2 января 2026 г. — 1 апреля 2026 г. · по заказам в реальном времени').waitFor();

    // 22 580 ₽ against 31 750 ₽ is 28,9 % less; the average check 22 580 / 8 against 31 750 / 5.
    expect(await card(page, 'Выручка')).toBe('выручка 22 580 ₽ ▼ 28,9 % прошлый период: 31 750 ₽');
    expect(await card(page, 'Покупатели')).toBe('покупатели 5 ▲ 25 % прошлый период: 4');
    expect(await card(page, 'Новые клиенты')).toBe('новые клиенты 2 ▼ 50 % прошлый период: 4');
    expect(await card(page, 'Средний чек')).toBe('средний чек 2 822,50 ₽ ▼ 55,6 % прошлый период: 6 350 ₽');
    expect(await card(page, 'Повторные покупки')).toBe('повторные покупки 80 % ▲ 55 п. п. прошлый период: 25 %');
    // Active over the 90 days (the shop's churn window, 30 days, is shorter than the period): at the
    // start the 4 who bought in January–March; at the end all but Соколов (9 March), 5; (5 − 2) / 4.
    // Nobody was active before January.
    expect(await card(page, 'Удержание клиентов')).toBe('удержание клиентов 75 % прошлый период: —');

    // Before the first computation of the scores the home screen explains them, with the button computing them.
    const pending = page.getByRole('region', { name: 'Оценки клиентов ещё не рассчитаны' });
    expect(await shown(pending)).toContain('считаются по всем заказам и сохраняются, поэтому сводка по клиентской базе открывается сразу при любом её размере.');
    await pending.getByRole('button', { name: 'Рассчитать' }).waitFor();
    // Nothing on the home screen fits the CLV models or scores every customer on a visit.
    expect(requested.filter((path) => /\/analytics\/(clv|rfm|abc-xyz|lifecycle)/.test(path))).toEqual([]);
    // First purchases in April: Павлов and Лебедева; Лебедева bought again in May. May had no first purchase.
    const cohorts = page.getByRole('region', { name: 'Удержание по когортам' });
    await expect.poll(() => shown(cohorts), patiently).toContain('50 % 1 из 2 клиентов когорт апрель 2026 г. — май 2026 г.');
    await screenshot(page, 'home');
    await cohorts.scrollIntoViewIfNeeded();
    await screenshot(page, 'home-sections');

    // A card's title opens its screen.
    await cohorts.getByRole('link', { name: 'Удержание по когортам' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/analytics/cohorts$`));
    await page.getByRole('tab', { name: 'Когорты', selected: true }).waitFor();
    // The navigation keeps the customers.
    await page.getByRole('navigation').getByRole('link', { name: 'Клиенты', exact: true }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/customers$`));
    expectNoPageErrors(tab);
    await tab.context.close();
  });
});
