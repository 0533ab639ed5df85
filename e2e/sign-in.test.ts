import { describe, expect, inject, it } from 'vitest';
import { expectNoPageErrors, openTab, screenshot, signIn } from './support/browser.js';
import { newShop } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');

describe.skipIf(!chromiumPath)('web app: signing in and the shell', () => {
  const suite = browserSuite(chromiumPath);

  it('signs in, shows the API message for a wrong password, keeps the session on reload and signs out', async () => {
    const shop = await newShop(suite.server, 'Обувь на Тверской');
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;

    await page.goto('/');
    await page.waitForURL(/\/signin$/);
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await screenshot(page, 'sign-in');

    await page.getByLabel('E-mail').fill(shop.owner.email);
    await page.getByLabel('Пароль').fill('not the password');
    await page.getByRole('button', { name: 'Войти' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Не удалось войти');
    // The API's per-domain code (users.wrong_credentials) is worded in the interface language.
    expect(await alert.textContent()).toContain('Неверный e-mail или пароль.');

    await page.getByLabel('Пароль').fill(shop.owner.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    // The home screen: the workspace's analytics overview.
    await page.waitForURL(new RegExp(`/w/${shop.id}/analytics$`));
    await page.getByRole('heading', { name: 'Аналитика' }).waitFor();
    expect(await page.getByRole('banner').textContent()).toContain('Обувь на Тверской');

    await page.reload();
    await page.getByRole('heading', { name: 'Аналитика' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/w/${shop.id}/analytics$`));

    await page.getByRole('button', { name: 'Учётная запись и язык' }).click();
    await page.getByRole('menuitem', { name: 'Выйти' }).click();
    await page.waitForURL(/\/signin$/);
    await page.reload();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('returns to the page that asked for sign-in', async () => {
    const shop = await newShop(suite.server, 'Цветы');
    const tab = await openTab(suite.browser, suite.server.url);
    await tab.page.goto(`/w/${shop.id}/customers?q=anna`);
    await tab.page.waitForURL(/\/signin\?next=/);
    await signIn(tab.page, shop.owner, { landing: /\/customers\?q=anna$/ });
    expect(await tab.page.getByRole('textbox', { name: 'Поиск клиентов' }).inputValue()).toBe('anna');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('switches the language at once and remembers it for the user on another device', async () => {
    const shop = await newShop(suite.server, 'Книги');
    const tab = await openTab(suite.browser, suite.server.url);
    await signIn(tab.page, shop.owner);
    await tab.page.getByRole('button', { name: 'Учётная запись и язык' }).click();
    await tab.page.getByRole('menuitem', { name: 'English' }).click();
    await tab.page.getByRole('heading', { name: 'Analytics' }).waitFor();
    expect(await tab.page.getByRole('navigation').textContent()).toContain('API documentation');
    expect(await tab.page.locator('html').getAttribute('lang')).toBe('en');

    // Another browser profile: the sign-in page follows the device, the app the user's saved choice.
    const other = await openTab(suite.browser, suite.server.url);
    await signIn(other.page, shop.owner);
    await other.page.getByRole('heading', { name: 'Analytics' }).waitFor();
    await other.page.getByRole('button', { name: 'Account and language' }).click();
    await other.page.getByRole('menuitem', { name: 'Русский' }).click();
    await other.page.getByRole('heading', { name: 'Аналитика' }).waitFor();
    await other.page.reload();
    await other.page.getByRole('heading', { name: 'Аналитика' }).waitFor();
    expectNoPageErrors(tab);
    expectNoPageErrors(other);
    await tab.context.close();
    await other.context.close();
  });
});
