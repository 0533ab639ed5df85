import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectNoPageErrors, openTab, screenshot, signIn } from './support/browser.js';
import { moscowDay, recomputeScores, seedScoredShop, sendSokolovSecondPurchase } from './support/scored-shop.js';
import { addMember, newShop, type Shop, type TestServer } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');
// Wherever signing in lands (the home screen), the tests then open the page they need.
const anyLanding = /\/w\/[^/]+\/(analytics|customers)$/;

// The card as it reads on screen, one space between its parts (Intl puts no-break spaces in numbers and dates).
const card = (page: Page, title = 'Оценки') => page.locator(`section[aria-label="${title}"]`);
const cardText = async (page: Page, title = 'Оценки') => (await card(page, title).innerText()).replace(/\s+/g, ' ');

// A calendar day as the profile writes it in Russian: "29 ноября 2026 г.".
const ruDay = (daysAgo: number) =>
  new Intl.DateTimeFormat('ru', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(Date.parse(`${moscowDay(daysAgo)}T00:00:00Z`)).replace(/\s+/g, ' ');
const enDay = (daysAgo: number) =>
  new Intl.DateTimeFormat('en', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(Date.parse(`${moscowDay(daysAgo)}T00:00:00Z`));
const ruPercent = (fraction: number) => new Intl.NumberFormat('ru', { style: 'percent', maximumFractionDigits: 0 }).format(fraction).replace(/\s+/g, ' ');
const ruDecimal = (value: number) => new Intl.NumberFormat('ru', { maximumFractionDigits: 1 }).format(value);
// A forecast is shown in whole roubles.
const ruRoubles = (minor: number) => new Intl.NumberFormat('ru', { style: 'currency', currency: 'RUB', maximumFractionDigits: 0 }).format(minor / 100).replace(/\s+/g, ' ');

interface ApiScores {
  pAlive: number;
  expected30: number;
  expected90: number;
  expected365: number;
  predictedClv: number;
}

// The model's figures come from a fit on the whole shop; the card must show the API's own.
async function apiScores(server: TestServer, shop: Shop, id: number): Promise<ApiScores> {
  const res = await fetch(`${server.url}/api/v1/customers/${id}/scores`, { headers: { authorization: `Bearer ${shop.secretKey}` } });
  const body: unknown = await res.json();
  if (!isApiScores(body)) throw new Error(`no model scores for customer ${id}: ${JSON.stringify(body)}`);
  return body;
}

function isApiScores(value: unknown): value is ApiScores {
  if (typeof value !== 'object' || value === null) return false;
  const fields: Record<string, unknown> = { ...value };
  return ['pAlive', 'expected30', 'expected90', 'expected365', 'predictedClv'].every((key) => typeof fields[key] === 'number');
}

describe.skipIf(!chromiumPath)('web app: the customer scores on the profile', () => {
  const suite = browserSuite(chromiumPath);

  it('computes the scores from the card, then follows a new purchase into the next stage', async () => {
    const shop = await newShop(suite.server, 'Оценки');
    const ids = await seedScoredShop(suite.server, shop);
    const sokolov = ids.get('Соколов') ?? 0;
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner, { landing: anyLanding });
    await page.goto(`/w/${shop.id}/customers/${sokolov}`);

    // Before the first computation the card says so, and offers to compute.
    await card(page).getByText('Оценки ещё не рассчитывались').waitFor();
    await screenshot(page, 'customer-scores-empty');
    await card(page).getByRole('button', { name: 'Рассчитать' }).click();
    await page.getByText('Оценки пересчитаны: клиентов — 6').waitFor();
    await card(page).getByText('R 4 · F 1 · M 3').waitFor();
    let text = await cardText(page);
    expect(text).toContain('RFM-сегмент НОВЫЕ R 4 · F 1 · M 3');
    expect(text).toContain('Одна, первая покупка, и недавно — помогите вернуться за второй');
    expect(text).toContain(`Стадия жизненного цикла НОВЫЕ с ${ruDay(5)}`);
    // One purchase so far: no history beyond the current stage.
    expect(text).not.toContain('История стадий');

    // He buys again yesterday; the next computation makes him a promising repeat customer.
    await sendSokolovSecondPurchase(suite.server, shop);
    await card(page).getByRole('button', { name: 'Пересчитать' }).click();
    await card(page).getByText('R 5 · F 2 · M 4').waitFor();
    text = await cardText(page);
    expect(text).toContain('RFM-сегмент ПЕРСПЕКТИВНЫЕ R 5 · F 2 · M 4');
    expect(text).toContain('Купили недавно, но пока нечасто — развивайте до VIP');
    expect(text).toContain('ABC/XYZ AY ★ Золотой клиент');
    expect(text).toContain('A: среди тех, кто приносит 80 % выручки · Y: следующие 15 % заказов');
    expect(text).toContain(`Стадия жизненного цикла ПОВТОРНЫЕ с ${ruDay(1)}`);
    expect(text).toContain(`История стадий Новые ${ruDay(5)} Повторные ${ruDay(1)}`);
    const model = await apiScores(suite.server, shop, sokolov);
    expect(text).toContain(`P(активен) ${ruPercent(model.pAlive)}`);
    expect(text).toContain(`Прогноз CLV ${ruRoubles(model.predictedClv)}`);
    expect(text).toContain(`Ожидаемые покупки ${ruDecimal(model.expected30)} за 30 дней ${ruDecimal(model.expected90)} за 90 дней ${ruDecimal(model.expected365)} за год`);
    expect(text).toMatch(/Рассчитано \d+ [а-я]+\.? \d{4} г\., \d\d:\d\d Пересчитать$/);
    await screenshot(page, 'customer-scores');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows a VIP golden customer, a churned loyal one and one who never bought', async () => {
    const shop = await newShop(suite.server, 'Сегменты');
    const ids = await seedScoredShop(suite.server, shop);
    await sendSokolovSecondPurchase(suite.server, shop);
    await recomputeScores(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner, { landing: anyLanding });

    await page.goto(`/w/${shop.id}/customers/${ids.get('Волкова')}`);
    // Five purchase days are F 4 (the bins are 1, 2, 3, 4–5, 6+).
    await card(page).getByText('R 4 · F 4 · M 5').waitFor();
    let text = await cardText(page);
    expect(text).toContain('RFM-сегмент VIP R 4 · F 4 · M 5 Покупают недавно, часто и на большие суммы — благодарите и удерживайте');
    expect(text).toContain('ABC/XYZ AX ★ Золотой клиент A: среди тех, кто приносит 80 % выручки · X: 80 % заказов');
    expect(text).toContain(`Стадия жизненного цикла ЛОЯЛЬНЫЕ с ${ruDay(2)}`);

    await page.goto(`/w/${shop.id}/customers/${ids.get('Ёлкина')}`);
    await card(page).getByText('R 1 · F 4 · M 3').waitFor();
    text = await cardText(page);
    expect(text).toContain('RFM-сегмент УШЕДШИЕ ЛОЯЛЬНЫЕ R 1 · F 4 · M 3');
    expect(text).toContain('ABC/XYZ AX ★ Золотой клиент');
    // The churn window is 30 days: she churned on the 31st day after her last purchase.
    expect(text).toContain(`Стадия жизненного цикла УШЕДШИЕ с ${ruDay(340 - 31)}`);

    await page.goto(`/w/${shop.id}/customers/${ids.get('Павлов')}`);
    await card(page).getByText('R 2 · F 1 · M 1').waitFor();
    text = await cardText(page);
    expect(text).toContain('RFM-сегмент СПЯЩИЕ R 2 · F 1 · M 1');
    expect(text).toContain('ABC/XYZ CZ C: последние 5 % выручки · Z: последние 5 % заказов');
    expect(text).not.toContain('Золотой клиент');

    await page.goto(`/w/${shop.id}/customers/${ids.get('Кузнецова')}`);
    await card(page).getByText('Покупок пока нет: для RFM, ABC/XYZ и прогнозов нужна хотя бы одна.').waitFor();
    text = await cardText(page);
    expect(text).toContain(`Стадия жизненного цикла ПОТЕНЦИАЛЬНЫЕ с ${ruDay(0)}`);
    expect(text).not.toContain('P(активен)');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows an analyst the scores without the button to recompute them', async () => {
    const shop = await newShop(suite.server, 'Только чтение');
    const ids = await seedScoredShop(suite.server, shop);
    await recomputeScores(suite.server, shop);
    const analyst = await addMember(suite.server, shop, 'analyst');
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, analyst, { landing: anyLanding });
    await page.goto(`/w/${shop.id}/customers/${ids.get('Волкова')}`);
    await card(page).getByText('R 5 · F 4 · M 5').waitFor();
    expect(await cardText(page)).toContain('Рассчитано');
    expect(await page.getByRole('button', { name: /Пересчитать|Рассчитать/ }).count()).toBe(0);

    await page.goto(`/w/${shop.id}/customers`);
    await page.getByText('Оценки рассчитаны только что').waitFor();
    expect(await page.getByRole('button', { name: /Пересчитать|Рассчитать/ }).count()).toBe(0);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('reads in English for a user who chose English', async () => {
    const shop = await newShop(suite.server, 'English');
    const ids = await seedScoredShop(suite.server, shop);
    await sendSokolovSecondPurchase(suite.server, shop);
    await recomputeScores(suite.server, shop);
    const res = await fetch(`${suite.server.url}/api/v1/auth/me`, {
      method: 'PATCH',
      headers: { cookie: shop.owner.cookie, 'x-csrf-token': shop.owner.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ locale: 'en' }),
    });
    expect(res.status).toBe(200);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner, { landing: anyLanding });
    await page.goto(`/w/${shop.id}/customers/${ids.get('Соколов')}`);
    await card(page, 'Scores').getByText('R 5 · F 2 · M 4').waitFor();
    const text = await cardText(page, 'Scores');
    expect(text).toContain('RFM segment PROMISING R 5 · F 2 · M 4 Bought recently but not often yet: grow them into VIPs');
    expect(text).toContain('ABC/XYZ AY ★ Golden customer A: among those who bring 80% of revenue · Y: the next 15% of orders');
    expect(text).toContain(`Lifecycle stage REPEAT since ${enDay(1)}`);
    expect(text).toMatch(/P\(alive\) \d+% Predicted CLV RUB [\d,.]+ Expected purchases [\d.]+ in 30 days [\d.]+ in 90 days [\d.]+ in a year Computed /);
    expect(await card(page, 'Scores').getByRole('button', { name: 'Recompute' }).count()).toBe(1);
    await screenshot(page, 'customer-scores-en');
    expectNoPageErrors(tab);
    await tab.context.close();
  });
});
