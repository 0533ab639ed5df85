import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { withKey } from '../test/harness.js';
import { expectNoPageErrors, openTab, screenshot, signIn } from './support/browser.js';
import { moscowDay, moscowToday, recomputeScores, scoredCustomers, seedScoredShop, sendSokolovSecondPurchase } from './support/scored-shop.js';
import { addMember, newShop } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');
const patiently = { timeout: 15_000 };
const lastNames = scoredCustomers.map((c) => c.lastName);

// The scored shop (e2e/support/scored-shop.ts) after Соколов's second purchase, computed today, its
// figures worked out there by hand: VIP Волкова (25 500 ₽), promising Соколов (15 000 ₽), needs
// attention Лебедева, sleeping Павлов, churned loyal Ёлкина (13 050 ₽); golden (AX + AY) Волкова,
// Ёлкина, Соколов with 53 550 ₽ of 59 650 ₽ (89,8 %); stages: Волкова loyal, Соколов repeat, Лебедева
// returned, Ёлкина and Павлов churned, Кузнецова potential, with a churn window of 30 days.
// Lifetimes: Ёлкина 400 → 340 days ago (60 days), Павлов one day (0): 30 days on average; tenure
// 80, 5, 400, 500 and 300 days: 257 on average.
// The KPI index counts up to yesterday, so the default last 90 days end there: Волкова's 17 orders
// (25 500 ₽), Соколов's two (12 900 + 2 100 ₽) and Лебедева's one (2 300 ₽): 3 buyers, 42 800 ₽.

// Text as shown, spaces normalised (Intl puts no-break spaces in numbers).
async function shown(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

// Who the customer list shows, by last name in alphabetical order, once the rows are the filtered ones.
async function listed(page: Page): Promise<string[]> {
  await page.locator('table[aria-busy="false"]').or(page.getByText('Никого не нашлось')).first().waitFor();
  const rows = await page.locator('tbody tr').allTextContents();
  return rows.map((row) => lastNames.find((name) => row.includes(name)) ?? row).sort((a, b) => a.localeCompare(b, 'ru'));
}
const expectListed = (page: Page, names: string[]) => expect.poll(() => listed(page), patiently).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ru')));

const roubles = (minor: number) =>
  new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', minimumFractionDigits: minor % 100 === 0 ? 0 : 2, maximumFractionDigits: minor % 100 === 0 ? 0 : 2 })
    .format(minor / 100)
    .replace(/\s+/g, ' ');
const percent = (share: number) => new Intl.NumberFormat('ru-RU', { style: 'percent', maximumFractionDigits: 1 }).format(share).replace(/\s+/g, ' ');
const ruDay = (isoDay: string) => new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${isoDay}T00:00:00Z`));

describe.skipIf(!chromiumPath)('web app: the customer base as of the last computation of the scores', () => {
  const suite = browserSuite(chromiumPath);

  it('computes the scores from the home screen, then shows the cards from the summary, the KPIs from the index, and opens the customers of a group', async () => {
    const shop = await newShop(suite.server, 'Сводка');
    await seedScoredShop(suite.server, shop);
    await sendSokolovSecondPurchase(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    const today = moscowToday();
    const yesterday = moscowDay(1, today);

    // Before the first computation: the last 90 days end today, counted from orders, and the home
    // screen says what the scores are, with the button computing them.
    const periodLine = page.getByText(/^\d+ [а-я]+ \d{4} г\. — \d+ [а-я]+ \d{4} г\. · сравнение/);
    await expect.poll(async () => (await shown(periodLine)).startsWith(`${ruDay(moscowDay(89, today))} — ${ruDay(today)} ·`), patiently).toBe(true);
    expect(await shown(periodLine)).toMatch(/ · по заказам в реальном времени$/);
    const pending = page.getByRole('region', { name: 'Оценки клиентов ещё не рассчитаны' });
    // The test platform computes only on request.
    expect(await shown(pending)).toContain('Рассчитайте их сейчас; дальше — когда попросите.');
    await screenshot(page, 'home-scores-pending');
    await pending.getByRole('button', { name: 'Рассчитать' }).click();

    // After it: the period ends yesterday, the KPI index's last day, and is counted from it.
    const base = page.getByRole('region', { name: 'Клиентская база' });
    await base.waitFor(patiently);
    await expect.poll(() => shown(periodLine), patiently).toBe(
      `${ruDay(moscowDay(90, today))} — ${ruDay(yesterday)} · сравнение с периодом ${ruDay(moscowDay(180, today))} — ${ruDay(moscowDay(91, today))} · посчитано по ${ruDay(yesterday)} включительно`,
    );
    const kpi = (name: string) => page.getByRole('list', { name: 'Ключевые показатели' }).getByRole('listitem', { name, exact: true });
    await expect.poll(async () => (await shown(kpi('Выручка'))).toLowerCase(), patiently).toMatch(/^выручка 42 800 ₽ /);
    expect((await shown(kpi('Покупатели'))).toLowerCase()).toMatch(/^покупатели 3 /);
    expect(await shown(base)).toMatch(/Вся история на \d+ [а-я]+\.? \d{4} г\., \d\d:\d\d/);

    const rfm = base.getByRole('region', { name: 'RFM-сегменты' });
    expect(await shown(rfm.getByRole('group', { name: 'Самый высокий CLV' }))).toBe('САМЫЙ ВЫСОКИЙ CLV VIP клиентов: 1 · в среднем 25 500 ₽');
    const abc = base.getByRole('region', { name: 'ABC/XYZ-анализ' });
    expect(await shown(abc.getByRole('group', { name: 'Золотые клиенты' }))).toBe('ЗОЛОТЫЕ КЛИЕНТЫ 3 доля выручки: 89,8 %');
    const lifecycle = base.getByRole('region', { name: 'Жизненный цикл клиентов' });
    expect((await lifecycle.getByRole('list', { name: 'Клиенты по этапам' }).getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))).toEqual([
      'Потенциальные 1',
      'Повторные 1',
      'Лояльные 1',
      'Ушедшие 2',
      'Вернувшиеся 1',
    ]);
    expect(await shown(lifecycle)).toContain('Ушедшие — без покупок больше 30 дн. (окно оттока)');
    expect(await shown(lifecycle.getByRole('group', { name: 'Средний срок жизни клиента' }))).toBe(
      'СРЕДНИЙ СРОК ЖИЗНИ КЛИЕНТА 30 дн. от первой до последней покупки ушедших клиентов; покупатели с магазином в среднем 257 дн.',
    );
    // The CLV figures are the computation's (fitted on the server), read from the same summary.
    const summary = (await withKey(suite.server.app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/summary' })).json();
    expect(summary.buyers).toBe(5);
    const clv = base.getByRole('region', { name: 'Прогноз ценности клиентов' });
    expect(await shown(clv.getByRole('group', { name: 'Прогноз ценности всех клиентов' }))).toBe(
      `ПРОГНОЗ ЦЕННОСТИ ВСЕХ КЛИЕНТОВ ${roubles(summary.clv.totalPredictedClv)} Медианный покупатель: ${roubles(summary.clv.deciles[4])}`,
    );
    await screenshot(page, 'home-scores');
    await base.scrollIntoViewIfNeeded();
    await screenshot(page, 'home-scores-cards');

    // Each group opens exactly its customers.
    await abc.getByRole('link', { name: '3', exact: true }).click();
    await page.waitForURL(/\/customers\?abcXyz=AX,AY$/);
    await expectListed(page, ['Волкова', 'Ёлкина', 'Соколов']);
    await page.goBack();
    await lifecycle.getByRole('link', { name: 'Ушедшие', exact: true }).click();
    await page.waitForURL(/\/customers\?stage=churned$/);
    await expectListed(page, ['Ёлкина', 'Павлов']);
    await page.goBack();
    await rfm.getByRole('group', { name: 'Самый высокий CLV' }).getByRole('link', { name: 'VIP', exact: true }).click();
    await page.waitForURL(/\/customers\?rfmSegment=vip$/);
    await expectListed(page, ['Волкова']);

    // A period of one's own reaching today is counted from the orders, and says so.
    await page.goto(`/w/${shop.id}/analytics?from=${moscowDay(29, today)}&to=${today}`);
    await expect.poll(() => shown(periodLine), patiently).toMatch(/ · по заказам в реальном времени$/);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows RFM and ABC/XYZ over all history by default, a heatmap cell, segment, matrix cell or the golden customers opening exactly their customers, and the period on request', async () => {
    const shop = await newShop(suite.server, 'Переходы');
    await seedScoredShop(suite.server, shop);
    await sendSokolovSecondPurchase(suite.server, shop);
    await recomputeScores(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    const rfmScreen = `/w/${shop.id}/analytics/rfm`;
    await page.goto(rfmScreen);
    expect(await page.getByRole('radio', { name: 'Вся история' }).isChecked()).toBe(true);
    await page.getByText(/^Все покупки до расчёта \d+ [а-я]+\.? \d{4} г\., \d\d:\d\d; каждая группа открывает своих клиентов\.$/).waitFor();

    // The segments of all history; VIP (Волкова, 25 500 ₽ from 17 orders) has the highest CLV and stands out.
    const table = page.getByRole('table', { name: 'Сегменты' });
    const rows = (await table.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(rows).toContain('VIP САМЫЙ ВЫСОКИЙ CLV Покупают недавно, часто и на большие суммы — благодарите и удерживайте 1 20 % 25 500 ₽ 42,7 % 1 500 ₽ 25 500 ₽');
    expect(rows).toContain('Ушедшие лояльные Покупали часто, но не возвращаются дольше окна оттока — верните персональным предложением 1 20 % 13 050 ₽ 21,9 % 3 262,50 ₽ 13 050 ₽');
    // The map explains F and the segments by the shop's rules.
    expect(await shown(page.getByText('F — по числу дней с покупками', { exact: false }))).toContain('F 1 — 1, F 2 — 2, F 3 — 3, F 4 — 4–5, F 5 — 6+');
    expect(await shown(page.getByText('Не покупали дольше окна оттока', { exact: false }))).toContain('(30 дн.)');
    expect(await table.locator('tr[data-highest-clv]').innerText()).toMatch(/^VIP/);
    await screenshot(page, 'analytics-rfm-stored');
    await table.getByRole('link', { name: 'Показать клиентов: VIP' }).click();
    await page.waitForURL(/\/customers\?rfmSegment=vip$/);
    await expectListed(page, ['Волкова']);
    await page.goBack();

    // The cell R 5 · F 2 of the heatmap (frequency along, recency up; the chart's grid is inset 44 px
    // left, 8 right, 8 top, 44 bottom): Соколов.
    const heatmap = page.getByRole('img', { name: 'Тепловая карта RFM: клиенты по давности и частоте покупок' });
    await expect.poll(() => heatmap.locator('canvas').count(), patiently).toBeGreaterThan(0);
    const box = await heatmap.boundingBox();
    if (!box) throw new Error('the heatmap is not on screen');
    const cell = (r: number, f: number) => ({ x: 44 + ((f - 0.5) * (box.width - 52)) / 5, y: 8 + ((5 - r + 0.5) * (box.height - 52)) / 5 });
    await heatmap.click({ position: cell(5, 2) });
    await page.waitForURL(/\/customers\?rfmR=5&rfmF=2$/);
    await expectListed(page, ['Соколов']);
    await page.goBack();
    await heatmap.click({ position: cell(1, 4) });
    await page.waitForURL(/\/customers\?rfmR=1&rfmF=4$/);
    await expectListed(page, ['Ёлкина']);
    await page.goBack();

    // The period from orders on request: its picker, no links to the customers.
    await page.locator('label', { hasText: 'Период, по заказам' }).click();
    await page.waitForURL(/\?view=period$/);
    expect(await page.getByRole('radio', { name: '90 дней' }).isChecked()).toBe(true);
    await page.getByText('Считается по заказам периода по запросу.', { exact: false }).waitFor();
    await expect.poll(() => table.locator('tbody tr').count(), patiently).toBe(7);
    expect(await table.getByRole('link').count()).toBe(0);

    // ABC/XYZ of all history: AX Волкова and Ёлкина, AY Соколов; golden all three.
    await page.getByRole('tab', { name: 'ABC/XYZ' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/analytics/abc-xyz$`));
    const matrix = page.getByRole('table', { name: 'Матрица ABC/XYZ' });
    await expect.poll(async () => (await matrix.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()), patiently).toEqual([
      'A — 80 % выручки ★2 38 550 ₽ ★1 15 000 ₽ 0 —',
      'B — 15 % 0 — 1 4 600 ₽ 0 —',
      'C — 5 % 0 — 0 — 1 1 500 ₽',
    ]);
    await screenshot(page, 'analytics-abc-xyz-stored');
    await matrix.getByRole('link', { name: 'Показать клиентов: AY' }).click();
    await page.waitForURL(/\/customers\?abcXyz=AY$/);
    await expectListed(page, ['Соколов']);
    await page.goBack();
    await page.getByRole('link', { name: 'Показать золотых клиентов' }).click();
    await page.waitForURL(/\/customers\?abcXyz=AX,AY$/);
    await expectListed(page, ['Волкова', 'Ёлкина', 'Соколов']);

    // In English.
    await page.getByRole('button', { name: 'Учётная запись и язык' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Analytics', exact: true }).waitFor();
    await page.goto(rfmScreen);
    expect(await page.getByRole('radio', { name: 'All history' }).isChecked()).toBe(true);
    const english = page.getByRole('table', { name: 'Segments' });
    await english.getByRole('link', { name: 'Show the customers: VIP' }).waitFor();
    expect(await english.locator('tr[data-highest-clv]').innerText()).toMatch(/^VIP\s+HIGHEST CLV/);
    await page.goto(`/w/${shop.id}/analytics`);
    const base = page.getByRole('region', { name: 'Customer base' });
    expect(await shown(base.getByRole('group', { name: 'Average customer lifetime' }))).toBe(
      'AVERAGE CUSTOMER LIFETIME 30 days first to last purchase of the churned customers; buyers have been with the shop 257 days on average',
    );
    await expect.poll(() => shown(page.getByText(/^\w+ \d+, \d{4} – \w+ \d+, \d{4} · compared/)), patiently).toMatch(/ · counted up to \w+ \d+, \d{4}$/);
    await screenshot(page, 'home-scores-en');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows the CLV of the last computation without fitting a model, nobody at risk when the one who lapsed has gone, and the stages now on the lifecycle screen', async () => {
    const shop = await newShop(suite.server, 'Ценность');
    const ids = await seedScoredShop(suite.server, shop);
    await sendSokolovSecondPurchase(suite.server, shop);
    await recomputeScores(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/analytics/clv`);
    const summary = (await withKey(suite.server.app, shop.secretKey, { method: 'GET', url: '/api/v1/analytics/summary' })).json();
    const figures = page.getByRole('list', { name: 'Прогноз ценности клиентов' });
    await expect.poll(() => shown(figures.getByRole('listitem', { name: 'Прогноз ценности всех клиентов' })), patiently).toBe(
      `ПРОГНОЗ ЦЕННОСТИ ВСЕХ КЛИЕНТОВ ${roubles(summary.clv.totalPredictedClv)}`,
    );
    expect(await shown(figures.getByRole('listitem', { name: 'Оценено покупателей' }))).toBe('ОЦЕНЕНО ПОКУПАТЕЛЕЙ 5');

    // At risk (P(alive) from 20 % to 70 %): nobody. Ёлкина, silent for 340 days after four purchases 20 days
    // apart, has about 1 %: gone rather than at risk. The most valuable are the summary's, in its order.
    const names = new Map([...ids].map(([lastName, id]) => [id, scoredCustomers.find((c) => c.lastName === lastName)]));
    const fullName = (id: number) => `${names.get(id)?.firstName} ${names.get(id)?.lastName}`;
    type Listed = { customerId: number; predictedClv: number; pAlive: number; historicRevenue: number };
    const row = (c: Listed) => [fullName(c.customerId), roubles(c.predictedClv), percent(c.pAlive), roubles(c.historicRevenue)].join(' ');
    expect(summary.clv.atRisk).toEqual([]);
    const elkina = (await withKey(suite.server.app, shop.secretKey, { method: 'GET', url: `/api/v1/customers/${ids.get('Ёлкина')}/scores` })).json();
    expect(elkina.pAlive).toBeLessThan(0.2);
    await expect
      .poll(() => shown(page.getByRole('region', { name: 'Ценные клиенты под угрозой ухода' })), patiently)
      .toContain('Никто не под угрозой: ни у одного повторного покупателя P(активен) не от 20 % до 70 %.');
    const top = page.getByRole('table', { name: 'Самые ценные клиенты' });
    expect((await top.locator('tbody tr').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(summary.clv.top.map(row));
    await screenshot(page, 'analytics-clv-stored');
    // Nothing was fitted for the visit.
    expect(requested.filter((path) => path.startsWith('/api/v1/analytics/clv'))).toEqual([]);

    // A fit for a day of one's choice on request.
    await page.goto(`/w/${shop.id}/analytics/clv?view=period`);
    await page.getByRole('table', { name: 'Параметры модели' }).locator('tbody tr').first().waitFor(patiently);
    expect(requested.some((path) => path === '/api/v1/analytics/clv/model')).toBe(true);

    // The lifecycle screen starts with the stages now, each opening its customers.
    await page.getByRole('tab', { name: 'Жизненный цикл' }).click();
    const now = page.getByRole('region', { name: 'Клиенты по этапам сейчас' });
    await expect.poll(async () => (await now.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ')), patiently).toEqual([
      'Потенциальные 1',
      'Повторные 1',
      'Лояльные 1',
      'Ушедшие 2',
      'Вернувшиеся 1',
    ]);
    await now.getByRole('link', { name: 'Вернувшиеся', exact: true }).click();
    await page.waitForURL(/\/customers\?stage=returned$/);
    await expectListed(page, ['Лебедева']);
    await page.goBack();
    await now.getByRole('link', { name: 'Потенциальные', exact: true }).click();
    await page.waitForURL(/\/customers\?stage=potential$/);
    await expectListed(page, ['Кузнецова']);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('tells an analyst, who may not compute the scores, that they come on request', async () => {
    const shop = await newShop(suite.server, 'Аналитик');
    await seedScoredShop(suite.server, shop);
    const analyst = await addMember(suite.server, shop, 'analyst');
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, analyst);
    const pending = page.getByRole('region', { name: 'Оценки клиентов ещё не рассчитаны' });
    await expect.poll(() => shown(pending), patiently).toMatch(/Их рассчитывает по запросу администратор или маркетолог; сводка появится после первого расчёта\.$/);
    expect(await pending.getByRole('button').count()).toBe(0);
    expectNoPageErrors(tab);
    await tab.context.close();
  });
});
