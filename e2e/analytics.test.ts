import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { fiveCustomersOrdersCsv } from '../test/fixtures/five-customers.js';
import { withKey } from '../test/harness.js';
import { multipart } from '../test/multipart.js';
import { expectNoPageErrors, openTab, screenshot, signIn } from './support/browser.js';
import { newShop, type Shop, type TestServer } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');

// The orders of src/modules/analytics/segments.api.test.ts, whose figures are worked out there by
// hand. The screen is looked at for 2026-04-01 to 2026-06-30, where c1 (4 orders on 3 days,
// 2 000 ₽), c3 (150 ₽) and c5 (400 ₽) bought: 3 buyers, 2 of them new (c1, c3), 6 orders, 2 550 ₽.
// The second quarter compares with the first, which holds one order of c5 (100 ₽). The workspace's
// churn window, learned from the gaps between purchases, is 50 days: the KPIs' activity window too.
const ordersCsv = fiveCustomersOrdersCsv;

// Imports the orders through the API with the workspace's secret key, as an integration would.
async function importOrders(server: TestServer, shop: Shop): Promise<void> {
  const call = (options: Parameters<typeof withKey>[2]) => withKey(server.app, shop.secretKey, options);
  const upload = await call({ method: 'POST', url: '/api/v1/imports', ...multipart([{ name: 'kind', value: 'orders' }, { name: 'file', value: ordersCsv, filename: 'orders.csv' }]) });
  if (upload.statusCode !== 201) throw new Error(`upload failed: ${upload.body}`);
  const id: string = upload.json().id;
  await call({ method: 'POST', url: `/api/v1/imports/${id}/start` });
  for (let i = 0; ; i++) {
    const job = (await call({ method: 'GET', url: `/api/v1/imports/${id}` })).json();
    if (job.status === 'done') return;
    if (job.status === 'failed' || i > 400) throw new Error(`the import did not finish: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// Text as shown, spaces normalised (Intl puts no-break spaces in numbers).
async function shown(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

const card = (page: Page, name: string) => page.getByRole('list', { name: /Ключевые показатели|Key figures/ }).getByRole('listitem', { name, exact: true });

async function rowTexts(page: Page, selector: string): Promise<string[]> {
  const texts = await page.locator(`${selector} tbody tr`).allInnerTexts();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

describe.skipIf(!chromiumPath)('web app: analytics', () => {
  const suite = browserSuite(chromiumPath);

  it('shows the KPIs, RFM segments and ABC/XYZ of a period (hand-computed)', async () => {
    const shop = await newShop(suite.server, 'Платья и аксессуары');
    await importOrders(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await page.getByRole('link', { name: 'Аналитика', exact: true }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/analytics$`));
    expect(await page.getByRole('radio', { name: '90 дней' }).isChecked()).toBe(true);

    await page.goto(`/w/${shop.id}/analytics?from=2026-04-01&to=2026-06-30`);
    expect(await page.getByRole('radio', { name: 'Свой период' }).isChecked()).toBe(true);
    await page.getByText('1 апреля 2026 г. — 30 июня 2026 г. · сравнение с периодом 1 января 2026 г. — 31 марта 2026 г.').waitFor();
    await card(page, 'Выручка').waitFor();
    // Current, change, previous: 2 550 ₽ against 100 ₽. The quarters are longer than the 50-day churn
    // window, so activity counts over 91 days: before 1 April c5, in the second quarter c1, c3 (both
    // new) and c5: retention (3 − 2) / 1; before 1 January c2, in the first quarter c5 (new): (1 − 1) / 1.
    const cards = {
      'Удержание клиентов': 'Удержание клиентов 100 % ▲ 100 п. п. Прошлый период: 0 %',
      'Отток за период': 'Отток за период 0 % ▼ 100 п. п. Прошлый период: 100 %',
      'Повторные покупки': 'Повторные покупки 66,7 % ▲ 66,7 п. п. Прошлый период: 0 %',
      'Средний чек': 'Средний чек 425 ₽ ▲ 325 % Прошлый период: 100 ₽',
      'Частота покупок': 'Частота покупок 2 ▲ 100 % Прошлый период: 1',
      'Выручка на покупателя': 'Выручка на покупателя 850 ₽ ▲ 750 % Прошлый период: 100 ₽',
      Покупатели: 'Покупатели 3 ▲ 200 % Прошлый период: 1',
      'Новые клиенты': 'Новые клиенты 2 ▲ 100 % Прошлый период: 1',
      Выручка: 'Выручка 2 550 ₽ ▲ 2 450 % Прошлый период: 100 ₽',
    };
    // The cards' names are in capitals on screen, so the texts are compared in lower case.
    for (const [name, text] of Object.entries(cards)) expect((await shown(card(page, name))).toLowerCase(), name).toBe(text.toLowerCase());
    expect(await card(page, 'Повторные покупки').locator('[data-tone="better"]').count()).toBe(1);
    await screenshot(page, 'analytics');

    // RFM of the period as of 2026-06-30: c1 R 4, 3 purchase days (F 3), M 4: loyal; c3 bought 5 days ago,
    // within the window, R 2: needs attention; c5 90 days ago, past it: sleeping. Its own tab keeps the period.
    await page.getByRole('tab', { name: 'RFM' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/analytics/rfm\\?from=2026-04-01&to=2026-06-30$`));
    const heatmap = page.getByRole('img', { name: 'Тепловая карта RFM: клиенты по давности и частоте покупок' });
    await expect.poll(() => heatmap.locator('canvas').count()).toBeGreaterThan(0);
    const segments = 'table[aria-label="Сегменты"]';
    const rows = await rowTexts(page, segments);
    expect(rows).toHaveLength(7);
    // The loyal segment has the highest historic CLV, and the table says so.
    expect(rows).toContain('Лояльные САМЫЙ ВЫСОКИЙ CLV Покупают часто и ещё не ушли — предложите рекомендовать вас друзьям 1 33,3 % 2 000 ₽ 78,4 % 500 ₽ 2 000 ₽');
    expect(await page.locator(`${segments} tr[data-highest-clv]`).count()).toBe(1);
    expect(rows).toContain('Требуют внимания Ещё не ушли, но давно не покупали — напомните о себе 1 33,3 % 150 ₽ 5,9 % 150 ₽ 150 ₽');
    expect(rows).toContain('Спящие Покупали редко и не возвращаются дольше окна оттока — попробуйте реактивировать 1 33,3 % 400 ₽ 15,7 % 400 ₽ 400 ₽');
    expect(rows).toContain('VIP Покупают недавно, часто и на большие суммы — благодарите и удерживайте 0 0 % 0 ₽ 0 % — —');
    // The map's guide names the purchase days of each F and the churn window the segments follow.
    expect(await shown(page.getByText('Не покупали дольше окна оттока', { exact: false }))).toContain('(50 дн.)');
    await screenshot(page, 'analytics-rfm');

    // ABC by revenue: c1 2 000, c5 400 (78 % before it: A), c3 150 (94 % before it: B). XYZ by orders:
    // c1 4, then c3 and c5 with 1 each (ties by customer id: c3 first, X; c5 Y). Golden: c1 and c5.
    await page.getByRole('tab', { name: 'ABC/XYZ' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/analytics/abc-xyz\\?from=2026-04-01&to=2026-06-30$`));
    const matrix = page.locator('table[aria-label="Матрица ABC/XYZ"]');
    await matrix.scrollIntoViewIfNeeded();
    expect(await rowTexts(page, 'table[aria-label="Матрица ABC/XYZ"]')).toEqual([
      'A — 80 % выручки ★1 2 000 ₽ ★1 400 ₽ 0 —',
      'B — 15 % 1 150 ₽ 0 — 0 —',
      'C — 5 % 0 — 0 — 0 —',
    ]);
    expect(await matrix.locator('td[data-golden]').count()).toBe(2);
    // The labels are in capitals on screen.
    expect(await shown(page.getByRole('group', { name: 'Золотые клиенты (AX + AY)' }))).toContain('КЛИЕНТЫ 2 ВЫРУЧКА 2 400 ₽ ДОЛЯ ВЫРУЧКИ 94,1 %');
    await expect.poll(() => page.getByRole('img', { name: 'Кривая Парето: доля выручки в зависимости от доли клиентов' }).locator('canvas').count()).toBeGreaterThan(0);
    await screenshot(page, 'analytics-abc-xyz');

    // A period nobody was active before: no retention to speak of, and the screen says why.
    await page.getByRole('tab', { name: 'Обзор' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/analytics\\?from=2026-04-01&to=2026-06-30$`));
    await page.getByRole('textbox', { name: 'Начало периода' }).fill('01.06.2025');
    await page.getByRole('textbox', { name: 'Конец периода' }).fill('31.08.2025');
    await page.waitForURL(/from=2025-06-01&to=2025-08-31/);
    // The dates apply one after the other (1 June 2025 to 30 June 2026 first), so the cards are read
    // once the revenue is the final period's: c4's 90 ₽, its cancelled order left out.
    await expect.poll(() => shown(card(page, 'Выручка')), { timeout: 10_000 }).toMatch(/^Выручка 90 ₽ /i);
    expect(await shown(card(page, 'Удержание клиентов'))).toContain('— На начало периода не было активных клиентов');

    // In English the same screen names the segments in English.
    await page.getByRole('button', { name: 'Учётная запись и язык' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Analytics', exact: true }).waitFor();
    await page.goto(`/w/${shop.id}/analytics/rfm?from=2026-04-01&to=2026-06-30`);
    await expect.poll(() => rowTexts(page, 'table[aria-label="Segments"]')).toContain('Loyal HIGHEST CLV Buy often and have not left: ask them to recommend you to friends 1 33.3% RUB 2,000 78.4% RUB 500 RUB 2,000');
    await page.getByRole('tab', { name: 'Overview' }).click();
    expect(await shown(card(page, 'Churn in the period'))).toContain('100%');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('invites a shop without purchases to import its orders', async () => {
    const shop = await newShop(suite.server, 'Пустой магазин');
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/analytics`);
    await page.getByText('За этот период покупок нет').waitFor();
    await page.locator('label', { hasText: '365 дней' }).click();
    await page.waitForURL(/\?period=365$/);
    await page.getByText('За этот период покупок нет').waitFor();
    await page.getByRole('link', { name: 'Загрузить заказы' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/imports$`));
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows the API message in the overview card of a part that fails', async () => {
    const shop = await newShop(suite.server, 'Сбой');
    await importOrders(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await page.route('**/api/v1/analytics/cohorts?*', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: { code: 'internal', message: 'The database is busy' } }) }),
    );
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/analytics?from=2026-04-01&to=2026-06-30`);
    const alert = page.getByRole('region', { name: 'Удержание по когортам' }).getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain('The database is busy');
    expect(await shown(card(page, 'Выручка'))).toContain('2 550 ₽');
    expectNoPageErrors(tab);
    await tab.context.close();
  });
});
