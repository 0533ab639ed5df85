import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectNoPageErrors, openTab, screenshot, signIn } from './support/browser.js';
import { seedSampleShop } from './support/seed.js';
import { createCustomer, newShop, sendOrders } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');

// The text of the table's body rows, spaces normalised (Intl puts no-break spaces in numbers).
async function rowTexts(page: Page): Promise<string[]> {
  const texts = await page.locator('tbody tr').allTextContents();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

describe.skipIf(!chromiumPath)('web app: the customer list', () => {
  const suite = browserSuite(chromiumPath);

  it('finds a customer by a phone typed in another format', async () => {
    const shop = await newShop(suite.server, 'Платья и аксессуары');
    await seedSampleShop(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    // The home screen is the analytics overview; the customers are one click away.
    await page.getByRole('link', { name: 'Клиенты', exact: true }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(8);
    await screenshot(page, 'customers');

    await page.getByRole('textbox', { name: 'Поиск клиентов' }).fill('89123456789');
    await expect.poll(() => rowTexts(page)).toEqual([expect.stringContaining('Анна Ёлкина')]);
    const [row] = await rowTexts(page);
    expect(row).toContain('+7 912 345-67-89');
    expect(row).toContain('anna.yolkina@example.ru');
    expect(row).toContain('13 050 ₽'); // 4 200 + 2 750 + 6 100
    expect(page.url()).toContain('q=89123456789');

    await page.getByRole('textbox', { name: 'Поиск клиентов' }).fill('нет такого');
    await page.getByText('Никого не нашлось').waitFor();
    await page.getByRole('button', { name: 'Сбросить поиск и фильтры' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(8);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('works on a tablet: the navigation folds behind a button and the table scrolls inside its card', async () => {
    const shop = await newShop(suite.server, 'Планшет');
    await seedSampleShop(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await page.setViewportSize({ width: 820, height: 1180 });
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/customers`);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(8);
    const nav = page.getByRole('navigation', { name: 'Разделы' });
    const toggle = page.getByRole('button', { name: 'Показать или скрыть меню' });
    expect(await toggle.isVisible()).toBe(true);
    // Folded away: the navigation is moved off the left edge of the screen.
    const onScreen = async () => {
      const box = await nav.boundingBox();
      return box !== null && box.x + box.width > 0;
    };
    expect(await onScreen()).toBe(false);
    // The page itself never scrolls sideways; a wide table scrolls within its own card.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
    await screenshot(page, 'customers-tablet');
    await toggle.click();
    await expect.poll(onScreen).toBe(true);
    await nav.getByRole('link', { name: 'Импорт' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/imports$`));
    // Choosing a section folds the navigation again.
    await expect.poll(onScreen).toBe(false);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('sorts by a column, filters on the server and remembers the chosen columns', async () => {
    const shop = await newShop(suite.server, 'Сортировка');
    await seedSampleShop(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/customers`);

    // Revenue: Волкова 17 290 ₽, Ёлкина 13 050, Соколов 12 900, Кузнецова 4 990, Лебедева 4 600, Павлов 1 500,
    // Морозов and Новиков 0 (a tie, broken by the customer id in the same direction).
    const names = async () => (await rowTexts(page)).map((r) => r.split('+7')[0]);
    await page.getByRole('button', { name: 'Выручка' }).click();
    await expect.poll(names).toEqual(['Ольга Волкова', 'Анна Ёлкина', 'Дмитрий Соколов', 'Мария Кузнецова', 'Екатерина Лебедева', 'Сергей Павлов', 'Иван Новиков', 'Алексей Морозов']);
    await page.getByRole('button', { name: 'Выручка' }).click();
    await expect.poll(names).toEqual(['Алексей Морозов', 'Иван Новиков', 'Сергей Павлов', 'Екатерина Лебедева', 'Мария Кузнецова', 'Дмитрий Соколов', 'Анна Ёлкина', 'Ольга Волкова']);
    expect(page.url()).toContain('sort=revenue');

    await page.getByRole('button', { name: 'Фильтры' }).click();
    await page.getByLabel('Заказов от').fill('2');
    await page.getByLabel('Город').fill('Екатеринбург');
    await page.getByRole('button', { name: 'Применить' }).click();
    await expect.poll(() => rowTexts(page)).toEqual([expect.stringContaining('Екатерина Лебедева'), expect.stringContaining('Анна Ёлкина')]);

    await page.getByRole('button', { name: 'Столбцы' }).click();
    await page.getByRole('checkbox', { name: 'E-mail' }).uncheck();
    await page.keyboard.press('Escape');
    expect(await page.locator('thead').textContent()).not.toContain('E-mail');
    await page.reload();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    expect(await page.locator('thead').textContent()).not.toContain('E-mail');
    expect(await page.locator('thead').textContent()).toContain('Телефон');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('at 1,280 px in Russian: the table fits, counts the customers, finds a city in any case and filters by the last purchase day typed as ДД.ММ.ГГГГ', async () => {
    const shop = await newShop(suite.server, 'Ширина и фильтры');
    await seedSampleShop(suite.server, shop);
    await createCustomer(suite.server, shop, {
      firstName: 'Александра', lastName: 'Константинопольская', phone: '+7 901 000-00-01',
      email: 'aleksandra.konstantinopolskaya1987@yandex.ru', city: 'Санкт-Петербург',
    });
    // A browser in English, the app in Russian: a native date field would follow the browser (MM/DD/YYYY).
    const context = await suite.browser.newContext({ baseURL: suite.server.url, viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'Europe/Moscow' });
    await context.addInitScript(() => localStorage.setItem('klientura.language', 'ru'));
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/customers`);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(9);
    await page.getByTestId('customer-total').getByText('9 клиентов').waitFor();

    // The default columns fit beside the navigation: nothing scrolls sideways, not even the table.
    const overflow = await page.evaluate(() => {
      const table = document.querySelector('table');
      const box = table?.parentElement;
      return { page: document.documentElement.scrollWidth, table: box ? box.scrollWidth - box.clientWidth : -1 };
    });
    expect(overflow).toEqual({ page: 1280, table: 0 });
    await screenshot(page, 'customers-1280');

    await page.getByRole('button', { name: 'Фильтры' }).click();
    await page.getByLabel('Город').fill('екатер');
    await page.getByRole('button', { name: 'Применить' }).click();
    await expect.poll(() => rowTexts(page)).toEqual([expect.stringContaining('Екатерина Лебедева'), expect.stringContaining('Анна Ёлкина')]);
    await page.getByTestId('customer-total').getByText('2 клиента').waitFor();
    await page.getByRole('button', { name: 'Убрать фильтр «Город: екатер»' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(9);

    await page.getByRole('button', { name: 'Фильтры' }).click();
    const from = page.getByRole('textbox', { name: 'С', exact: true });
    expect(await from.getAttribute('placeholder')).toBe('ДД.ММ.ГГГГ');
    await from.fill('01.05.2026');
    await from.blur();
    expect(await from.inputValue()).toBe('01.05.2026');
    await screenshot(page, 'customers-filters-last-purchase');
    await page.getByRole('button', { name: 'Применить' }).click();
    // Last purchases: Волкова 07.06.2026, Лебедева 06.05.2026; the others before May.
    await expect.poll(() => rowTexts(page)).toEqual([expect.stringContaining('Екатерина Лебедева'), expect.stringContaining('Ольга Волкова')]);
    await page.getByText('Последняя покупка: от 01.05.2026').waitFor();
    await page.getByTestId('customer-total').getByText('2 клиента').waitFor();
    expect(page.url()).toContain('lastOrderFrom=2026-05-01');

    // A day that does not exist is said so, in the field's own words.
    await page.getByRole('button', { name: 'Фильтры' }).click();
    const to = page.getByRole('textbox', { name: 'По', exact: true });
    await to.fill('31.02.2026');
    await to.blur();
    await page.getByText('Такой даты нет: введите как ДД.ММ.ГГГГ').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pages through the list with next and previous', async () => {
    const shop = await newShop(suite.server, 'Много клиентов');
    // 53 customers whose revenue orders them: 1 000 ₽, 2 000 ₽ … 53 000 ₽.
    for (let i = 1; i <= 53; i++) await createCustomer(suite.server, shop, { firstName: `Покупатель${i}`, phone: `+7900000${String(i).padStart(4, '0')}` });
    await sendOrders(
      suite.server,
      shop,
      Array.from({ length: 53 }, (_, k) => ({ phone: `+7900000${String(k + 1).padStart(4, '0')}`, orderId: `o-${k + 1}`, total: (k + 1) * 1000, at: '2026-05-01T10:00:00Z' })),
    );
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/customers`);
    await page.getByRole('button', { name: 'Выручка' }).click();
    // The newest customer is also the richest here: wait for the sorted page itself, not the first row.
    await page.waitForURL(/sort=-revenue/);
    await expect.poll(() => page.locator('table[aria-busy="true"]').count()).toBe(0);
    await expect.poll(async () => (await rowTexts(page))[0]).toContain('Покупатель53');
    expect(await page.locator('tbody tr').count()).toBe(50);
    expect(await page.getByRole('button', { name: '← Назад' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Дальше →' }).click();
    // The next page is a request: on a busy machine it takes longer than a poll's default second.
    await expect.poll(() => rowTexts(page), { timeout: 10_000 }).toEqual(['Покупатель3', 'Покупатель2', 'Покупатель1'].map((n) => expect.stringContaining(n)));
    await page.getByText('Клиенты 51–53').waitFor();
    expect(await page.getByRole('button', { name: 'Дальше →' }).isDisabled()).toBe(true);

    // The profile and back: the same page of the list.
    await page.getByRole('link', { name: 'Покупатель2', exact: true }).click();
    await page.getByRole('heading', { name: 'Покупатель2' }).waitFor();
    await page.goBack();
    await page.getByText('Клиенты 51–53').waitFor();

    await page.getByRole('button', { name: '← Назад' }).click();
    await expect.poll(async () => (await rowTexts(page))[0]).toContain('Покупатель53');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('switches between the workspaces of a user', async () => {
    const first = await newShop(suite.server, 'Первый магазин');
    const second = await newShop(suite.server, 'Второй магазин');
    await suite.server.app.services.users.setRole(second.id, first.owner.id, 'analyst', null);
    await createCustomer(suite.server, first, { firstName: 'Клиент', lastName: 'Первого', phone: '+7 900 111-11-11' });
    await createCustomer(suite.server, second, { firstName: 'Клиент', lastName: 'Второго', phone: '+7 900 222-22-22' });
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, first.owner);
    await page.goto(`/w/${first.id}/customers`);
    await expect.poll(() => rowTexts(page)).toEqual([expect.stringContaining('Клиент Первого')]);

    // Another workspace opens on its home screen.
    await page.getByRole('combobox', { name: 'Пространство' }).click();
    await page.getByRole('option', { name: 'Второй магазин' }).click();
    await page.waitForURL(new RegExp(`/w/${second.id}/analytics$`));
    await page.getByRole('link', { name: 'Клиенты', exact: true }).click();
    await expect.poll(() => rowTexts(page)).toEqual([expect.stringContaining('Клиент Второго')]);
    expect(await page.getByRole('banner').textContent()).toContain('Аналитик');

    // "/" opens the workspace used last.
    await page.goto('/');
    await page.waitForURL(new RegExp(`/w/${second.id}/analytics$`));
    expectNoPageErrors(tab);
    await tab.context.close();
  });
});
