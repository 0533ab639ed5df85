import { describe, expect, inject, it } from 'vitest';
import { expectNoPageErrors, openTab, screenshot, signIn } from './support/browser.js';
import { newShop } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');

describe.skipIf(!chromiumPath)('web app: one\'s own account', () => {
  const suite = browserSuite(chromiumPath);

  // Seven sign-ins and password checks, each a deliberate ~100 ms of scrypt (more on a busy machine).
  it('changes the password from the user menu, signs the other devices out, and signs in with the new one', { timeout: 90_000 }, async () => {
    const shop = await newShop(suite.server, 'Пароли');
    const newPassword = 'зелёный трамвай 42';
    const tab = await openTab(suite.browser, suite.server.url);
    const other = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await signIn(other.page, shop.owner);

    await page.getByRole('button', { name: 'Учётная запись и язык' }).click();
    await page.getByRole('menuitem', { name: 'Сменить пароль' }).click();
    const form = page.getByRole('dialog', { name: 'Смена пароля' });
    await form.getByLabel('Текущий пароль').fill('не тот пароль');
    await form.getByLabel(/^Новый пароль(?! ещё)/).fill(newPassword);
    await form.getByLabel('Новый пароль ещё раз').fill(newPassword);
    await form.getByRole('button', { name: 'Сменить пароль' }).click();
    await form.getByText('неверный').waitFor();

    await form.getByLabel('Текущий пароль').fill(shop.owner.password);
    await form.getByLabel(/^Новый пароль(?! ещё)/).fill('12345678');
    await form.getByLabel('Новый пароль ещё раз').fill('12345678');
    await form.getByRole('button', { name: 'Сменить пароль' }).click();
    await form.getByText('один из самых распространённых паролей', { exact: false }).waitFor();

    await form.getByLabel(/^Новый пароль(?! ещё)/).fill(newPassword);
    await form.getByLabel('Новый пароль ещё раз').fill(newPassword);
    await screenshot(page, 'account-change-password');
    await form.getByRole('button', { name: 'Сменить пароль' }).click();
    await form.waitFor({ state: 'hidden' });
    await page.getByText('Пароль изменён').waitFor();

    // This tab stays signed in; the other device has to sign in again.
    await page.reload();
    await page.getByRole('heading', { name: 'Аналитика' }).waitFor();
    await other.page.reload();
    await other.page.waitForURL(/\/signin/);

    await page.getByRole('button', { name: 'Учётная запись и язык' }).click();
    await page.getByRole('menuitem', { name: 'Выйти' }).click();
    await page.waitForURL(/\/signin$/);
    await page.getByLabel('E-mail').fill(shop.owner.email);
    await page.getByLabel('Пароль').fill(shop.owner.password);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Не удалось войти');
    await signIn(page, { email: shop.owner.email, password: newPassword });
    expect(await page.getByRole('banner').textContent()).toContain('Пароли');

    expectNoPageErrors(tab);
    expectNoPageErrors(other);
    await tab.context.close();
    await other.context.close();
  });
});
