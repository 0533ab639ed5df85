import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { withKey } from '../test/harness.js';
import { expectNoPageErrors, openTab, screenshot, signIn, type Tab } from './support/browser.js';
import { sampleCustomers, seedSampleShop } from './support/seed.js';
import { recomputeScores } from './support/scored-shop.js';
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

  it('fits a year of months on the page, hatches the month still running, and scrolls a longer range with the cohort kept in view', async () => {
    // One customer first buying in each of the last 21 months (the 10th, or a minute ago in this month);
    // those of even months back buy again a minute ago, in the month still running.
    const shop = await newShop(suite.server, 'Когорты по месяцам');
    const now = Date.now() - 60_000;
    const moscow = new Date(now + 3 * 3_600_000);
    const monthStart = (back: number) => new Date(Date.UTC(moscow.getUTCFullYear(), moscow.getUTCMonth() - back, 1));
    const isoMonthDay = (date: Date) => date.toISOString().slice(0, 10);
    for (let back = 0; back <= 20; back++) {
      const phone = `+7 900 300-00-${String(back).padStart(2, '0')}`;
      await createCustomer(suite.server, shop, { firstName: `Когорта${back}`, phone });
      const first = back === 0 ? new Date(now) : new Date(monthStart(back).getTime() + 9 * 86_400_000 + 9 * 3_600_000);
      const again = back > 0 && back % 2 === 0 ? [{ phone, orderId: `m${back}-again`, total: 1000, at: new Date(now).toISOString() }] : [];
      await sendOrders(suite.server, shop, [{ phone, orderId: `m${back}`, total: 1000, at: first.toISOString() }, ...again]);
    }
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    const today = isoMonthDay(moscow);
    await page.goto(`/w/${shop.id}/analytics/cohorts?from=${isoMonthDay(monthStart(12))}&to=${today}`);
    const heatmap = page.getByRole('table', { name: 'Удержание когорт по месяцу первой покупки' });
    await expect.poll(() => heatmap.locator('tbody tr').count(), patiently).toBe(13);

    // Months 0 to 12 all in view at 1,280 px.
    const monthHeads = heatmap.locator('thead tr').nth(1).locator('th');
    expect(await monthHeads.allInnerTexts()).toEqual(Array.from({ length: 13 }, (_, k) => String(k)));
    const panel = await page.getByRole('region', { name: 'Удержание по когортам' }).boundingBox();
    const lastHead = await monthHeads.last().boundingBox();
    expect(lastHead && panel && lastHead.x + lastHead.width <= panel.x + panel.width).toBe(true);

    // The month still running: one cell a cohort, hatched and said to be running, kept out of the scale.
    const running = heatmap.locator('td[data-incomplete]');
    expect(await running.count()).toBe(13);
    const currentMonth = new Intl.DateTimeFormat('ru-RU', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(monthStart(0));
    expect((await running.first().getAttribute('aria-label'))?.replace(/\s+/g, ' ')).toMatch(/, месяц 12, ещё идёт: купили 1 из 1 по /);
    expect(await shown(page.getByText(/^Заштрихован/))).toMatch(new RegExp(`^Заштрихован ${currentMonth}: месяц ещё не закончился`));
    const hatched = await running.first().evaluate((td) => getComputedStyle(td).backgroundImage);
    expect(hatched).toContain('repeating-linear-gradient');
    await screenshot(page, 'analytics-cohorts-year');

    // Twenty-one months scroll sideways; the cohort and its size stay put.
    await page.goto(`/w/${shop.id}/analytics/cohorts?from=${isoMonthDay(monthStart(20))}&to=${today}`);
    await expect.poll(() => heatmap.locator('tbody tr').count(), patiently).toBe(21);
    await page.getByText('Таблица прокручивается вправо до месяца 20; месяц первой покупки и размер когорты остаются на месте.').waitFor();
    const label = heatmap.locator('tbody tr').first().locator('th');
    const before = await label.boundingBox();
    // The table's scrolling container: the nearest element that scrolls sideways.
    const scrolled = await heatmap.evaluate((table) => {
      let box = table.parentElement;
      while (box && !/auto|scroll/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
      box?.scrollTo({ left: box.scrollWidth, behavior: 'instant' });
      return (box?.scrollLeft ?? 0) > 0;
    });
    expect(scrolled).toBe(true);
    await page.waitForTimeout(200);
    const after = await label.boundingBox();
    expect(after?.x).toBe(before?.x);
    const month20 = await monthHeads.last().boundingBox();
    expect(await monthHeads.last().innerText()).toBe('20');
    expect(month20 && panel && month20.x + month20.width <= panel.x + panel.width).toBe(true);
    await screenshot(page, 'analytics-cohorts-scrolled');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows the CLV models, the most valuable customers, short histories apart and those at risk, named in one request, each opening the profile', async () => {
    const { shop, ids, tab, page } = await openShop('Ценность клиентов');
    // The lists name their customers themselves: no profile is read one by one.
    const profileReads: string[] = [];
    page.on('request', (request) => {
      if (/^\/api\/v1\/customers\/\d+$/.test(new URL(request.url()).pathname)) profileReads.push(request.url());
    });
    await page.getByRole('tab', { name: 'CLV' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/analytics/clv$`));
    // Orders up to today in the workspace's zone, twelve months, 1 % a month.
    expect(await page.getByRole('textbox', { name: 'Заказы по' }).inputValue()).toBe('30.06.2026');
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
    // The distribution is of each tenth's mean, as its name says.
    await expect.poll(() => page.getByRole('img', { name: 'Средняя прогнозная ценность клиента в каждой десятой доле клиентов' }).locator('canvas').count(), patiently).toBeGreaterThan(0);

    // At risk: repeat buyers whom the model gives 20–70 %, the most revenue so far first; each row as the API gives it.
    const atRisk = page.getByRole('table', { name: 'Ценные клиенты под угрозой ухода' });
    type Score = { customerId: number; predictedClv: number; pAlive: number; expected90: number; historicRevenue: number; observedDays: number; purchaseDays: number };
    const names = new Map(ids.map((id, i) => [id, fullName(i)]));
    const row = (s: Score, history?: string) =>
      [names.get(s.customerId) ?? '?', ...(history ? [history] : []), ru.roubles(s.predictedClv), ru.percent(s.pAlive), ru.decimal(s.expected90, 2), ru.roubles(s.historicRevenue)].join(' ');
    expect(clv.atRisk.length).toBeGreaterThan(0);
    expect(clv.atRisk.every((s: Score) => s.pAlive >= 0.2 && s.pAlive <= 0.7)).toBe(true);
    await expect.poll(() => rowTexts(atRisk), patiently).toEqual(clv.atRisk.map((s: Score) => row(s)));
    expect(await shown(page.getByRole('region', { name: 'Ценные клиенты под угрозой ухода' }))).toContain('от 20 % до 70 % шансов оставаться клиентами');

    // The most valuable: the four buyers who first bought 90 days or more before 30 June, in the API's order.
    // Павлов (6 April, 85 days) and Лебедева (13 April, 78 days: 2 purchase days) are listed apart, marked.
    const top = page.getByRole('table', { name: 'Самые ценные клиенты' });
    expect(clv.top.map((s: Score) => names.get(s.customerId)).sort()).toEqual([fullName(0), fullName(1), fullName(2), fullName(4)].sort());
    expect(await rowTexts(top)).toEqual(clv.top.map((s: Score) => row(s)));
    const short = page.getByRole('table', { name: 'Высокий прогноз по короткой истории' });
    expect(clv.topShortHistory.map((s: Score) => [names.get(s.customerId), s.observedDays, s.purchaseDays]).sort()).toEqual([
      [fullName(6), 78, 2],
      [fullName(5), 85, 1],
    ]);
    expect(await rowTexts(short)).toEqual(clv.topShortHistory.map((s: Score) => row(s, `${s.purchaseDays} дн. с покупками из ${s.observedDays}`)));
    expect(profileReads).toEqual([]);
    await screenshot(page, 'analytics-clv');
    await short.scrollIntoViewIfNeeded();
    await screenshot(page, 'analytics-clv-short-history');
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

    // A customer in a list opens their profile.
    await top.getByRole('link', { name: fullName(4) }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/customers/${ids[4]}$`));
    await page.getByRole('heading', { name: 'Волкова Ольга' }).waitFor();
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows the stored CLV lists named in one request, the customers at risk within the P(alive) band opening the same customers in the list', async () => {
    // The sample shop's orders from 120 days ago: the same shape as on 30 June, as of today.
    const shop = await newShop(suite.server, 'Ценность по расчёту');
    const ids = await seedSampleShop(suite.server, shop, Date.now() - 120 * 86_400_000);
    await recomputeScores(suite.server, shop);
    const summary = (await withKey(suite.server.app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/summary' })).json();
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    const profileReads: string[] = [];
    page.on('request', (request) => {
      if (/^\/api\/v1\/customers\/\d+$/.test(new URL(request.url()).pathname)) profileReads.push(request.url());
    });
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/analytics/clv`);
    type Listed = { customerId: number; predictedClv: number; pAlive: number; historicRevenue: number };
    const names = new Map(ids.map((id, i) => [id, fullName(i)]));
    const row = (c: Listed) => [names.get(c.customerId) ?? '?', ru.roubles(c.predictedClv), ru.percent(c.pAlive), ru.roubles(c.historicRevenue)].join(' ');
    expect(summary.clv.atRisk.length).toBeGreaterThan(0);
    expect(summary.clv.atRisk.every((c: Listed) => c.pAlive >= 0.2 && c.pAlive <= 0.7)).toBe(true);
    await expect.poll(() => rowTexts(page.getByRole('table', { name: 'Ценные клиенты под угрозой ухода' })), patiently).toEqual(summary.clv.atRisk.map(row));
    expect(await rowTexts(page.getByRole('table', { name: 'Самые ценные клиенты' }))).toEqual(summary.clv.top.map(row));
    expect(profileReads).toEqual([]);
    await screenshot(page, 'analytics-clv-stored-at-risk');

    await page.getByRole('link', { name: `Все клиенты под угрозой (${summary.clv.atRiskCustomers}): P(активен) от 20 % до 70 %` }).click();
    await page.waitForURL(/\/customers\?minPAlive=0\.2&maxPAlive=0\.7$/);
    await page.locator('table[aria-busy="false"]').first().waitFor(patiently);
    const listedNames = (await page.locator('tbody tr').allTextContents()).map((text) => summary.clv.atRisk.find((c: Listed) => text.includes(names.get(c.customerId) ?? '?'))?.customerId);
    expect(listedNames.sort()).toEqual(summary.clv.atRisk.map((c: Listed) => c.customerId).sort());
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
