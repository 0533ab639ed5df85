import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { withKey } from '../test/harness.js';
import { expectNoPageErrors, openTab, screenshot, signIn, type Tab } from './support/browser.js';
import { sampleCustomers, seedSampleShop } from './support/seed.js';
import { createCustomer, newShop, sendOrders, type Shop } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');
// Figures load after the page and the CLV ones fit a model first: waits allow for a busy machine.
const patiently = { timeout: 10_000 };

// The sample shop's purchase days (e2e/support/seed.ts: a customer's orders 23 days apart):
//   Ёлкина 2 Mar, 25 Mar, 17 Apr (13 050 ₽) · Соколов 9 Mar (12 900 ₽) · Кузнецова 16 Mar, 8 Apr (4 990 ₽)
//   Волкова 30 Mar, 22 Apr, 15 May, 7 Jun (17 290 ₽) · Павлов 13 Apr (1 500 ₽) · Лебедева 20 Apr, 13 May (4 600 ₽)
// Морозов and Новиков never bought. Every gap between purchase days is 23 days, so the learned churn
// window is its floor, 30 days. The browser's clock says 30 June 2026, 12:00 in Moscow.
const today = new Date('2026-06-30T09:00:00Z');

// Text as shown, spaces normalised (Intl puts no-break spaces in numbers).
async function shown(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

async function rowTexts(table: Locator): Promise<string[]> {
  const texts = await table.locator('tbody tr').allInnerTexts();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

// Figures as the Russian interface writes them.
const ru = {
  roubles(minor: number): string {
    const digits = minor % 100 === 0 ? 0 : 2;
    return new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', minimumFractionDigits: digits, maximumFractionDigits: digits })
      .format(minor / 100)
      .replace(/\s+/g, ' ');
  },
  percent: (share: number) => new Intl.NumberFormat('ru-RU', { style: 'percent', maximumFractionDigits: 1 }).format(share).replace(/\s+/g, ' '),
  decimal: (value: number, places: number) => new Intl.NumberFormat('ru-RU', { maximumFractionDigits: places }).format(value).replace(/\s+/g, ' '),
  // Four significant digits, whole digits kept: how fitted parameters are shown.
  parameter: (value: number) =>
    new Intl.NumberFormat('ru-RU', { maximumSignificantDigits: 4, maximumFractionDigits: 0, roundingPriority: 'morePrecision' }).format(value).replace(/\s+/g, ' '),
};

const fullName = (i: number) => `${sampleCustomers[i]?.firstName} ${sampleCustomers[i]?.lastName}`;

describe.skipIf(!chromiumPath)('web app: lifecycle, cohorts and CLV screens', () => {
  const suite = browserSuite(chromiumPath);

  async function openShop(name: string, seeded = true): Promise<{ shop: Shop; ids: number[]; tab: Tab; page: Page }> {
    const shop = await newShop(suite.server, name);
    const ids = seeded ? await seedSampleShop(suite.server, shop) : [];
    const tab = await openTab(suite.browser, suite.server.url);
    await tab.page.clock.install({ time: today });
    await signIn(tab.page, shop.owner);
    return { shop, ids, tab, page: tab.page };
  }

  it('shows the lifecycle stages, their moves as a Sankey diagram and the rules in use (hand-computed), in both languages', async () => {
    const { shop, tab, page } = await openShop('Жизненный цикл');
    await page.getByRole('tab', { name: 'Жизненный цикл' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/analytics/lifecycle$`));
    await page.goto(`/w/${shop.id}/analytics/lifecycle?from=2026-04-01&to=2026-06-30`);

    const rules = page.getByRole('region', { name: 'Действующие правила' });
    expect(await shown(rules.getByRole('group', { name: 'Окно оттока' }))).toMatch(/^ОКНО ОТТОКА 30 дн\. Выучено по вашим заказам, пока оценки не рассчитаны/);
    expect(await shown(rules.getByRole('group', { name: 'Лояльность' }))).toMatch(/^ЛОЯЛЬНОСТЬ от 3 дней с покупками/);

    // 1 April: Ёлкина repeat (two days in March), Соколов, Кузнецова and Волкова new, Павлов and Лебедева
    // not buying yet. 30 June: Волкова loyal (7 June, four days), everyone else silent for over 30 days.
    const stages = page.getByRole('table', { name: 'Этапы в первый и последний день' });
    expect(await shown(stages.locator('thead'))).toBe('Этап 01.04.2026 30.06.2026 Изменение');
    expect(await rowTexts(stages)).toEqual([
      'Потенциальные Известны магазину, но ещё не покупали 2 0 −2',
      'Новые Активные, покупали в один день 3 0 −3',
      'Повторные Активные, покупали больше чем в один день, но ещё не лояльные 1 0 −1',
      'Лояльные Активные, от 3 дней с покупками 0 1 +1',
      'Вернувшиеся Снова купили после перерыва больше 30 дн. 0 0 0',
      'Ушедшие Не покупали больше 30 дн. 0 5 +5',
    ]);
    for (const chart of ['Клиенты по этапам жизненного цикла на конец каждого месяца', 'Диаграмма Сэнки: переходы клиентов между этапами жизненного цикла от первого до последнего дня периода']) {
      await expect.poll(() => page.getByRole('img', { name: chart }).locator('canvas').count(), { ...patiently, message: chart }).toBeGreaterThan(0);
    }
    await screenshot(page, 'analytics-lifecycle');
    await page.getByRole('table', { name: 'Этапы в первый и последний день' }).scrollIntoViewIfNeeded();
    // The Sankey diagram unrolls from left to right for a second.
    await page.waitForTimeout(1000);
    await screenshot(page, 'analytics-lifecycle-flows');

    // A window of 60 days by hand: Лебедева (13 May) is still active on 30 June, a repeat customer.
    await rules.getByRole('textbox', { name: 'Задать вручную, дней', exact: true }).fill('60');
    await page.waitForURL(/churnDays=60/);
    await expect.poll(() => shown(rules.getByRole('group', { name: 'Окно оттока' })), patiently).toBe('ОКНО ОТТОКА 60 дн. Задано вручную для этого просмотра.');
    await expect.poll(() => rowTexts(stages), patiently).toContain('Повторные Активные, покупали больше чем в один день, но ещё не лояльные 1 1 0');
    expect(await rowTexts(stages)).toContain('Ушедшие Не покупали больше 60 дн. 0 4 +4');

    // The same screen in English, and back in Russian.
    await page.getByRole('button', { name: 'Учётная запись и язык' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Lifecycle', selected: true }).waitFor();
    const english = page.getByRole('table', { name: 'Stages on the first and last day' });
    await expect.poll(() => rowTexts(english), patiently).toContain('Churned No purchase for more than 60 days 0 4 +4');
    expect(await shown(english.locator('thead'))).toBe('Stage 04/01/2026 06/30/2026 Change');
    expect(await shown(page.getByRole('group', { name: 'Churn window' }))).toBe('CHURN WINDOW 60 days Set by hand for this view.');
    // The charts redraw in English, growing their bars again for a moment.
    await page.waitForTimeout(1000);
    await screenshot(page, 'analytics-lifecycle-en');
    await page.getByRole('button', { name: 'Account and language' }).click();
    await page.getByRole('menuitem', { name: 'Русский' }).click();
    await page.getByRole('tab', { name: 'Жизненный цикл', selected: true }).waitFor();
    await expect.poll(() => rowTexts(stages), patiently).toContain('Ушедшие Не покупали больше 60 дн. 0 4 +4');
    expect(await shown(page.getByRole('tablist', { name: 'Разделы аналитики' }))).toBe('Обзор RFM ABC/XYZ Жизненный цикл Когорты CLV');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows cohort retention as a heatmap with the counts behind each share (hand-computed)', async () => {
    const { shop, tab, page } = await openShop('Когорты');
    await page.goto(`/w/${shop.id}/analytics/cohorts?from=2026-03-01&to=2026-06-30`);
    await page.getByText('1 марта 2026 г. — 30 июня 2026 г. · когорты март 2026 г. — июнь 2026 г.').waitFor();

    // March: Ёлкина, Соколов, Кузнецова, Волкова; in April three of them bought again (not Соколов), in May
    // and June only Волкова. April: Павлов and Лебедева; Лебедева bought in May. Nobody first bought in May or June.
    const heatmap = page.getByRole('table', { name: 'Удержание когорт по месяцу первой покупки' });
    await expect.poll(() => rowTexts(heatmap), patiently).toEqual(['март 2026 г. 4 100 % 75 % 25 % 25 %', 'апрель 2026 г. 2 100 % 50 % 0 %', 'май 2026 г. 0', 'июнь 2026 г. 0']);
    const cell = (row: number, month: number) => heatmap.locator('tbody tr').nth(row).locator('td').nth(month + 1);
    expect((await cell(0, 1).getAttribute('aria-label'))?.replace(/\s+/g, ' ')).toBe('март 2026 г., месяц 1: купили 3 из 4 (75 %)');
    // The colour follows the share: the best month after the first darkest, fewer buyers lighter, nobody lightest.
    const colour = (row: number, month: number) => cell(row, month).evaluate((td) => getComputedStyle(td).backgroundColor);
    const [best, half, quarter, none] = [await colour(0, 1), await colour(1, 1), await colour(0, 2), await colour(1, 2)];
    expect(new Set([best, half, quarter, none]).size).toBe(4);
    const lightness = (rgb: string) => (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, v) => sum + Number(v), 0);
    expect(lightness(best)).toBeLessThan(lightness(half));
    expect(lightness(half)).toBeLessThan(lightness(quarter));
    expect(lightness(quarter)).toBeLessThan(lightness(none));
    await screenshot(page, 'analytics-cohorts');
    await cell(1, 1).hover();
    await expect.poll(() => shown(page.getByRole('tooltip')), patiently).toBe('апрель 2026 г., месяц 1: купили 1 из 2 (50 %)');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows the CLV models, the most valuable customers and those at risk, each opening the profile', async () => {
    const { shop, ids, tab, page } = await openShop('Ценность клиентов');
    await page.getByRole('tab', { name: 'CLV' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/analytics/clv$`));
    // Orders up to today in the workspace's zone, twelve months, 1 % a month.
    expect(await page.getByRole('textbox', { name: 'Заказы по' }).inputValue()).toBe('2026-06-30');
    const api = async (query: string) =>
      (await withKey(suite.server.app, shop.secretKey, { method: 'GET', url: `/api/v1/analytics/clv/${query}` })).json();
    const model = await api('model?calibrationEnd=2026-06-30&unit=week');
    const clv = await api('customers?calibrationEnd=2026-06-30&unit=week&months=12&monthlyDiscount=0.01&limit=10');

    // Six customers bought by 30 June, four of them on more than one day; the models' figures are the API's.
    const summary = page.getByRole('list', { name: 'Прогноз ценности клиентов' });
    const figure = (name: string) => shown(summary.getByRole('listitem', { name }));
    await expect.poll(() => figure('Клиентов в модели'), patiently).toBe('КЛИЕНТОВ В МОДЕЛИ 6');
    expect(await figure('Из них покупали повторно')).toBe('ИЗ НИХ ПОКУПАЛИ ПОВТОРНО 4');
    expect(await figure('Прогноз ценности на 12 мес.')).toBe(`ПРОГНОЗ ЦЕННОСТИ НА 12 МЕС. ${ru.roubles(clv.totalPredictedClv)}`);
    expect(await figure('Медианный клиент')).toBe(`МЕДИАННЫЙ КЛИЕНТ ${ru.roubles(clv.deciles[4])}`);

    const parameters = page.getByRole('table', { name: 'Параметры модели' });
    await parameters.locator('tbody tr').first().waitFor();
    const parameterRows = await rowTexts(parameters);
    expect(parameterRows.map((r) => r.split(' ')[0])).toEqual(['r', 'α', 'a', 'b', 'p', 'q', 'γ', 'ln', 'ln']);
    expect(parameterRows[0]).toMatch(new RegExp(`^r ${ru.parameter(model.r)} Форма распределения частоты покупок`));
    expect(parameterRows[3]).toContain(`b ${ru.parameter(model.b)} В среднем после покупки клиент уходит с вероятностью ${ru.percent(model.a / (model.a + model.b))}`);
    expect(parameterRows[7]).toContain(`ln L (BG/NBD) ${ru.parameter(model.logLikelihood.bgNbd)} Логарифм правдоподобия модели покупок`);
    await expect.poll(() => page.getByRole('img', { name: 'Прогнозная ценность клиентов по децилям' }).locator('canvas').count(), patiently).toBeGreaterThan(0);

    // At risk: the repeat buyers, whom the model gives under 50 %, the most revenue so far first. Соколов
    // and Павлов bought once: BG/NBD lets nobody drop out before a repeat purchase, so they are alive.
    const atRisk = page.getByRole('table', { name: 'Ценные клиенты под угрозой ухода' });
    type Score = { customerId: number; predictedClv: number; pAlive: number; expected90: number; historicRevenue: number };
    const row = (s: Score | undefined, name: string, revenue: string) =>
      s ? [name, ru.roubles(s.predictedClv), ru.percent(s.pAlive), ru.decimal(s.expected90, 2), revenue].join(' ') : `no score for ${name}`;
    const risk = (i: number, revenue: string) => row(clv.atRisk.find((s: Score) => s.customerId === ids[i]), fullName(i), revenue);
    await expect.poll(() => rowTexts(atRisk), patiently).toEqual([risk(4, '17 290 ₽'), risk(0, '13 050 ₽'), risk(2, '4 990 ₽'), risk(6, '4 600 ₽')]);

    // The most valuable: all six buyers, in the API's order, each with the API's figures.
    const top = page.getByRole('table', { name: 'Самые ценные клиенты' });
    const names = new Map(ids.map((id, i) => [id, fullName(i)]));
    expect(clv.top).toHaveLength(6);
    expect(await rowTexts(top)).toEqual(clv.top.map((s: Score) => row(s, names.get(s.customerId) ?? '?', ru.roubles(s.historicRevenue))));
    await screenshot(page, 'analytics-clv');
    await top.scrollIntoViewIfNeeded();
    await screenshot(page, 'analytics-clv-top');
    await parameters.scrollIntoViewIfNeeded();
    await screenshot(page, 'analytics-clv-model');

    // A longer horizon predicts more, and the address keeps it.
    await page.getByRole('textbox', { name: 'Горизонт, месяцев' }).fill('24');
    await page.waitForURL(/months=24/);
    const longer = await api('customers?calibrationEnd=2026-06-30&unit=week&months=24&monthlyDiscount=0.01&limit=10');
    expect(longer.totalPredictedClv).toBeGreaterThan(clv.totalPredictedClv);
    await expect.poll(() => figure('Прогноз ценности на 24 мес.'), patiently).toBe(`ПРОГНОЗ ЦЕННОСТИ НА 24 МЕС. ${ru.roubles(longer.totalPredictedClv)}`);

    // A customer at risk opens their profile.
    await atRisk.getByRole('link', { name: fullName(4) }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/customers/${ids[4]}$`));
    await page.getByRole('heading', { name: 'Волкова Ольга' }).waitFor();
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('says why no value is predicted while nobody has bought on a second day', async () => {
    const { shop, tab, page } = await openShop('Разовые покупки', false);
    for (const [i, phone] of ['+7 900 100-00-01', '+7 900 100-00-02'].entries()) {
      await createCustomer(suite.server, shop, { firstName: `Покупатель${i + 1}`, phone });
      await sendOrders(suite.server, shop, [{ phone, orderId: `once-${i}`, total: 1000 * (i + 1), at: `2026-0${i + 4}-10T09:00:00Z` }]);
    }
    await page.goto(`/w/${shop.id}/analytics/clv`);
    const summary = page.getByRole('list', { name: 'Прогноз ценности клиентов' });
    await expect.poll(() => shown(summary.getByRole('listitem', { name: 'Из них покупали повторно' })), patiently).toBe('ИЗ НИХ ПОКУПАЛИ ПОВТОРНО 0');
    expect(await shown(summary.getByRole('listitem', { name: 'Прогноз ценности на 12 мес.' }))).toBe('ПРОГНОЗ ЦЕННОСТИ НА 12 МЕС. —');
    // Said where the distribution would be and under the parameters, whose spend part is empty.
    expect(await page.getByText('Ещё никто не покупал во второй день, поэтому суммы покупок не моделируются и ценность не прогнозируется.').count()).toBe(2);
    const parameters = await rowTexts(page.getByRole('table', { name: 'Параметры модели' }));
    expect(parameters.filter((r) => /^(p|q|γ|ln L \(Gamma-Gamma\)) — /.test(r))).toHaveLength(4);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('explains each screen of a shop without orders and leads to the imports', async () => {
    const { shop, tab, page } = await openShop('Без заказов', false);
    await page.goto(`/w/${shop.id}/analytics/lifecycle`);
    await page.getByText('К концу этого периода покупок ещё не было').waitFor();
    await page.getByRole('tab', { name: 'Когорты' }).click();
    await page.getByText('В эти месяцы никто не совершил первую покупку').waitFor();
    await page.getByRole('tab', { name: 'CLV' }).click();
    await page.getByText('До этого дня покупок нет').waitFor();
    await page.getByRole('link', { name: 'Загрузить заказы' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/imports$`));
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows the API message when a screen’s figures fail', async () => {
    const { shop, tab, page } = await openShop('Сбой когорт');
    await page.route('**/api/v1/analytics/cohorts?*', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'The database is busy' } }) }),
    );
    await page.goto(`/w/${shop.id}/analytics/cohorts`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain('The database is busy');
    expectNoPageErrors(tab);
    await tab.context.close();
  });
});
