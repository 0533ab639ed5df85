import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectNoPageErrors, openTab, screenshot, signIn } from './support/browser.js';
import { recomputeScores, scoredCustomers, seedScoredShop, sendSokolovSecondPurchase } from './support/scored-shop.js';
import { newShop } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');
const anyLanding = /\/w\/[^/]+\/(analytics|customers)$/;
const lastNames = scoredCustomers.map((c) => c.lastName);

// Who the table shows, by last name in alphabetical order, once the rows are the filtered ones.
async function shown(page: Page): Promise<string[]> {
  await page.locator('table[aria-busy="false"]').or(page.getByText('Никого не нашлось')).first().waitFor();
  const rows = await page.locator('tbody tr').allTextContents();
  return rows.map((row) => lastNames.find((name) => row.includes(name)) ?? row).sort((a, b) => a.localeCompare(b, 'ru'));
}
const expectShown = (page: Page, names: string[]) => expect.poll(() => shown(page)).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ru')));
const chips = async (page: Page) => (await page.getByRole('list', { name: 'Действующие фильтры' }).getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

async function openFilters(page: Page) {
  await page.getByRole('button', { name: /^Фильтры/ }).click();
  return page.getByRole('form', { name: 'Фильтры' });
}

describe.skipIf(!chromiumPath)('web app: the customer list by the stored scores', () => {
  const suite = browserSuite(chromiumPath);

  it('opens the links other screens make to a segment, R and F scores, a cell or a stage, each filter shown and removable', async () => {
    const shop = await newShop(suite.server, 'Ссылки');
    await seedScoredShop(suite.server, shop);
    await sendSokolovSecondPurchase(suite.server, shop);
    await recomputeScores(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner, { landing: anyLanding });
    const list = `/w/${shop.id}/customers`;

    await page.goto(`${list}?rfmSegment=vip`);
    await expectShown(page, ['Волкова']);
    expect(await chips(page)).toEqual(['RFM: VIP']);
    await page.getByText(/Клиенты 1–1 · оценки на \d+ [а-я]+\.? \d{4} г\., \d\d:\d\d/).waitFor();
    await page.getByRole('button', { name: 'Убрать фильтр «RFM: VIP»' }).click();
    await expectShown(page, lastNames);
    expect(new URL(page.url()).search).toBe('');
    // Without a score filter the count says nothing of when the scores were computed.
    expect(await page.getByText(/оценки на/).count()).toBe(0);

    await page.goto(`${list}?rfmR=5&rfmF=2`);
    await expectShown(page, ['Соколов']);
    expect(await chips(page)).toEqual(['R = 5', 'F = 2']);

    await page.goto(`${list}?abcXyz=AX,AY`);
    await expectShown(page, ['Волкова', 'Ёлкина', 'Соколов']);
    expect(await chips(page)).toEqual(['ABC/XYZ: золотые (AX, AY)']);

    await page.goto(`${list}?stage=churned`);
    await expectShown(page, ['Ёлкина', 'Павлов']);
    expect(await chips(page)).toEqual(['Стадия: Ушедшие']);

    // Павлов bought once, and a one-time buyer is alive for the model (P = 1); Ёлкина's P(alive) is about 1 %.
    await page.goto(`${list}?stage=churned,returned&minPAlive=0.5`);
    await expectShown(page, ['Лебедева', 'Павлов']);
    expect(await chips(page)).toEqual(['Стадия: Ушедшие, Вернувшиеся', 'P(активен): от 50 %']);
    await screenshot(page, 'customers-score-link');
    await page.getByRole('button', { name: 'Сбросить', exact: true }).click();
    await expectShown(page, lastNames);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('filters by segment, stage, golden cells, R, P(alive) and predicted CLV from the filter controls, and shows the scores as columns', async () => {
    const shop = await newShop(suite.server, 'Фильтры');
    await seedScoredShop(suite.server, shop);
    await sendSokolovSecondPurchase(suite.server, shop);
    await recomputeScores(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner, { landing: anyLanding });
    await page.goto(`/w/${shop.id}/customers`);
    await expectShown(page, lastNames);

    let form = await openFilters(page);
    await form.getByRole('combobox', { name: 'RFM-сегмент' }).click();
    await form.getByRole('option', { name: 'Спящие' }).click();
    await form.getByRole('option', { name: 'Ушедшие лояльные' }).click();
    await screenshot(page, 'customers-score-filters');
    await form.getByRole('button', { name: 'Применить' }).click();
    await expectShown(page, ['Ёлкина', 'Павлов']);
    expect(page.url()).toContain('?rfmSegment=churnedLoyal,sleeping');
    expect(await chips(page)).toEqual(['RFM: Ушедшие лояльные, Спящие']);

    form = await openFilters(page);
    await form.getByRole('button', { name: 'Сбросить' }).click();
    await expectShown(page, lastNames);
    form = await openFilters(page);
    await form.getByRole('combobox', { name: 'Стадия жизненного цикла' }).click();
    await form.getByRole('option', { name: 'Вернувшиеся' }).click();
    await form.getByRole('button', { name: 'Применить' }).click();
    await expectShown(page, ['Лебедева']);
    expect(page.url()).toContain('?stage=returned');

    await page.getByRole('button', { name: 'Убрать фильтр «Стадия: Вернувшиеся»' }).click();
    // The filters open on the list's current filters: wait for the removal to reach the list first.
    await expectShown(page, lastNames);
    form = await openFilters(page);
    await form.getByRole('button', { name: '★ Золотые: AX + AY' }).click();
    await form.getByRole('button', { name: 'Применить' }).click();
    await expectShown(page, ['Волкова', 'Ёлкина', 'Соколов']);
    expect(page.url()).toContain('?abcXyz=AX,AY');

    form = await openFilters(page);
    await form.getByRole('combobox', { name: 'Давность, R' }).click();
    await form.getByRole('option', { name: '5', exact: true }).click();
    await form.getByRole('button', { name: 'Применить' }).click();
    await expectShown(page, ['Соколов']);
    expect(await chips(page)).toEqual(['R = 5', 'ABC/XYZ: золотые (AX, AY)']);

    form = await openFilters(page);
    await form.getByRole('button', { name: 'Сбросить' }).click();
    await expectShown(page, lastNames);
    form = await openFilters(page);
    // P(alive) near 82 % for Волкова, Соколов and Лебедева; 100 % for Павлов, 1 % for Ёлкина.
    await form.getByLabel('P(активен) от, %').fill('50');
    await form.getByLabel('P(активен) до, %').fill('90');
    await form.getByRole('button', { name: 'Применить' }).click();
    await expectShown(page, ['Волкова', 'Лебедева', 'Соколов']);
    expect(page.url()).toContain('minPAlive=0.5&maxPAlive=0.9');

    // Predicted CLV about 20 100 ₽ for Волкова, 8 650 ₽ for Соколов, 1 600 ₽ for Лебедева.
    form = await openFilters(page);
    await form.getByLabel('Прогноз CLV от, RUB').fill('5000');
    await form.getByRole('button', { name: 'Применить' }).click();
    await expectShown(page, ['Волкова', 'Соколов']);
    expect(page.url()).toContain('minPredictedClv=5000');
    expect(await chips(page)).toEqual(['P(активен): 50 %–90 %', 'Прогноз CLV от 5 000 ₽']);

    await page.getByRole('button', { name: 'Столбцы' }).click();
    for (const column of ['RFM-сегмент', 'Стадия', 'ABC/XYZ', 'P(активен)', 'Прогноз CLV']) await page.getByRole('checkbox', { name: column, exact: true }).check();
    for (const column of ['Телефон', 'E-mail', 'Средний чек', 'Город']) await page.getByRole('checkbox', { name: column, exact: true }).uncheck();
    await page.keyboard.press('Escape');
    const volkova = (await page.locator('tbody tr', { hasText: 'Волкова' }).innerText()).replace(/\s+/g, ' ');
    expect(volkova).toMatch(/VIP Лояльные ★ AX 81 % 20 1\d\d ₽/);
    const sokolov = (await page.locator('tbody tr', { hasText: 'Соколов' }).innerText()).replace(/\s+/g, ' ');
    expect(sokolov).toMatch(/Перспективные Повторные ★ AY 82 % 8 6\d\d ₽/);
    await screenshot(page, 'customers-score-columns');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('recomputes from the list header and shows who the new computation puts in a stage', async () => {
    const shop = await newShop(suite.server, 'Пересчёт');
    await seedScoredShop(suite.server, shop);
    await recomputeScores(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner, { landing: anyLanding });
    await page.goto(`/w/${shop.id}/customers?stage=repeat`);
    await page.getByText('Никого не нашлось').waitFor();
    await page.getByText('Оценки рассчитаны только что').waitFor();

    await sendSokolovSecondPurchase(suite.server, shop);
    await page.getByRole('button', { name: 'Пересчитать' }).click();
    await expectShown(page, ['Соколов']);
    await page.getByText('Оценки пересчитаны: клиентов — 6').waitFor();
    expectNoPageErrors(tab);
    await tab.context.close();
  });
});
