import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectNoPageErrors, openTab, screenshot, signIn, type Tab } from './support/browser.js';
import { addMember, createCustomer, newShop, sendOrders, type TestServer } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// Asynchronous: the server under test runs in this process, so a blocking call would never get an answer.
const run = promisify(execFile);

// What an element says, spaces normalised (Intl puts no-break spaces in numbers and dates).
const said = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

// Opens the settings from the navigation, as a user does, then one of their tabs.
async function openSettings(page: Page, tab: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Настройки' }).click();
  await page.waitForURL(/\/settings\/workspace$/);
  if (tab !== 'Пространство') await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('tab', { name: tab, selected: true }).waitFor();
}

// A tab whose page may use the clipboard, so a test can read what a copy button copied.
async function openClipboardTab(browser: Browser, server: TestServer): Promise<Tab> {
  const tab = await openTab(browser, server.url);
  await tab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  return tab;
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

describe.skipIf(!chromiumPath)('web app: settings', () => {
  const suite = browserSuite(chromiumPath);

  const customersWith = (key: string) => fetch(`${suite.server.url}/api/v1/customers`, { headers: { authorization: `Bearer ${key}` } });

  it('creates a secret API key, shows it once, and revokes it', async () => {
    const shop = await newShop(suite.server, 'Ключи');
    const tab = await openClipboardTab(suite.browser, suite.server);
    const { page } = tab;
    await signIn(page, shop.owner);
    await openSettings(page, 'API-ключи');
    await page.locator('tbody tr', { hasText: 'Tests' }).waitFor();

    await page.getByRole('button', { name: 'Создать ключ' }).click();
    const form = page.getByRole('dialog', { name: 'Новый API-ключ' });
    await form.getByRole('textbox', { name: 'Название' }).fill('Обмен с 1С');
    await form.getByRole('radio', { name: 'Секретный' }).check();
    await form.getByRole('button', { name: 'Создать' }).click();

    const created = page.getByRole('dialog', { name: 'Ключ «Обмен с 1С» создан' });
    await created.getByText('Ключ показывается только один раз').waitFor();
    const secret = await said(created.getByLabel('Ключ', { exact: true }));
    expect(secret).toMatch(/^sk_[\w-]{30,}$/);
    await screenshot(page, 'settings-key-created');
    await created.getByRole('button', { name: 'Скопировать' }).click();
    await created.getByRole('button', { name: 'Скопировано' }).waitFor();
    expect(await clipboard(page)).toBe(secret);

    // The key shown is a working key of this workspace.
    expect((await customersWith(secret)).status).toBe(200);

    await created.getByRole('button', { name: 'Я сохранил ключ' }).click();
    await created.waitFor({ state: 'hidden' });
    const row = page.locator('tbody tr', { hasText: 'Обмен с 1С' });
    await expect.poll(() => said(row)).toContain('Действует');
    expect(await said(row)).toContain('Секретный');
    expect(await said(row)).toContain(`${secret.slice(0, 10)}…`);
    // Shown once: neither the list nor a reload brings the secret back.
    expect(await said(page.locator('body'))).not.toContain(secret);
    await page.reload();
    await expect.poll(() => said(row)).toContain('Действует');
    expect(await page.content()).not.toContain(secret);

    await row.getByRole('button', { name: 'Отозвать ключ «Обмен с 1С»' }).click();
    const confirm = page.getByRole('dialog', { name: 'Отозвать ключ «Обмен с 1С»?' });
    expect(await said(confirm)).toContain('сразу начнут получать отказ (401)');
    await confirm.getByRole('button', { name: 'Отозвать ключ' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => said(row)).toContain('Отозван');
    expect(await said(row)).not.toContain('Действует');
    expect(await row.getByRole('button', { name: /Отозвать/ }).count()).toBe(0);
    await screenshot(page, 'settings-keys');

    expect((await customersWith(secret)).status).toBe(401);
    expect((await customersWith(shop.secretKey)).status).toBe(200);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('changes the name and currency of the workspace, with the API validation on the field', async () => {
    const shop = await newShop(suite.server, 'Старое название');
    await createCustomer(suite.server, shop, { firstName: 'Анна', lastName: 'Ёлкина', phone: '+7 912 345-67-89' });
    await sendOrders(suite.server, shop, [{ phone: '+7 912 345-67-89', orderId: 'A-1', total: 4200, at: '2026-03-01T10:00:00Z' }]);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/customers`);
    await expect.poll(() => said(page.locator('tbody tr').first())).toContain('4 200 ₽');
    await openSettings(page, 'Пространство');

    const name = page.getByRole('textbox', { name: 'Название' });
    expect(await name.inputValue()).toBe('Старое название');
    await name.fill('');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('не может быть пустым').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'settings-workspace-error');

    await name.fill('Платья и аксессуары');
    const currency = page.getByRole('combobox', { name: 'Валюта' });
    expect(await currency.inputValue()).toBe('RUB — российский рубль');
    await currency.click();
    await currency.fill('USD');
    await page.getByRole('option', { name: 'USD — доллар США' }).click();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Настройки сохранены').waitFor();
    await screenshot(page, 'settings-workspace');

    // The header and the navigation show the workspace as saved, without a reload.
    await expect.poll(() => said(page.getByRole('banner'))).toContain('Платья и аксессуары');
    await expect.poll(() => said(page.getByRole('navigation'))).toContain('валюта USD');
    const saved = await fetch(`${suite.server.url}/api/v1/workspace`, { headers: { authorization: `Bearer ${shop.secretKey}` } });
    expect(await saved.json()).toMatchObject({ name: 'Платья и аксессуары', currency: 'USD', timezone: 'Europe/Moscow', phoneRegion: 'RU' });

    // Money is formatted in the new currency at once.
    await page.getByRole('navigation').getByRole('link', { name: 'Клиенты' }).click();
    await expect.poll(() => said(page.locator('tbody tr').first())).toContain('4 200 $');
    await page.reload();
    await expect.poll(() => said(page.getByRole('banner'))).toContain('Платья и аксессуары');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('adds a member with a role and a first password, changes the role and shows the refusals of the API', async () => {
    const shop = await newShop(suite.server, 'Команда');
    const tab = await openClipboardTab(suite.browser, suite.server);
    const { page } = tab;
    await signIn(page, shop.owner);
    await openSettings(page, 'Пользователи и роли');
    const ownerRow = page.locator('tbody tr', { hasText: shop.owner.email });
    await expect.poll(() => said(ownerRow)).toContain('вы');

    const email = `marina.petrova.${Date.now()}@example.ru`;
    await page.getByRole('button', { name: 'Добавить пользователя' }).click();
    const form = page.getByRole('dialog', { name: 'Добавить пользователя' });
    await form.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await form.getByRole('textbox', { name: 'Имя' }).fill('Марина Петрова');
    await form.getByRole('combobox', { name: 'Роль' }).click();
    await page.getByRole('option', { name: 'Маркетолог' }).click();
    const password = await form.getByRole('textbox', { name: 'Первый пароль' }).inputValue();
    expect(password).toMatch(/^\S{14}$/);
    await form.getByRole('button', { name: 'Добавить' }).click();

    await form.getByText(`Пользователь ${email} добавлен с ролью «Маркетолог»`).waitFor();
    await screenshot(page, 'settings-member-added');
    expect(await said(form.getByLabel('Первый пароль'))).toBe(password);
    await form.getByLabel('Первый пароль').locator('xpath=..').getByRole('button', { name: 'Скопировать' }).click();
    expect(await clipboard(page)).toBe(password);
    await form.getByRole('button', { name: 'Готово' }).click();
    await form.waitFor({ state: 'hidden' });

    const row = page.locator('tbody tr', { hasText: email });
    const role = row.getByRole('combobox', { name: 'Роль: Марина Петрова' });
    await expect.poll(() => role.inputValue()).toBe('Маркетолог');
    expect(await said(row)).toContain('Марина Петрова');
    await screenshot(page, 'settings-members');

    await role.click();
    await page.getByRole('option', { name: 'Аналитик' }).click();
    await page.getByText('Роль изменена: Марина Петрова — Аналитик').waitFor();
    const marina = await suite.server.app.services.users.findByEmail(email);
    expect(marina && (await suite.server.app.services.users.roleOf(marina.id, shop.id))).toBe('analyst');

    // The first password from the window signs the new colleague in, with the new role.
    const colleague = await openTab(suite.browser, suite.server.url);
    await signIn(colleague.page, { email, password });
    expect(await said(colleague.page.getByRole('banner'))).toContain('Аналитик');
    await colleague.context.close();

    // The only owner cannot step down: the API's refusal is shown and the role stays.
    const ownRole = ownerRow.getByRole('combobox');
    await ownRole.click();
    await page.getByRole('option', { name: 'Администратор' }).click();
    await page.getByRole('alert').filter({ hasText: 'В пространстве должен остаться хотя бы один владелец.' }).waitFor();
    await expect.poll(() => ownRole.inputValue()).toBe('Владелец');

    await row.getByRole('button', { name: 'Удалить пользователя Марина Петрова' }).click();
    const confirm = page.getByRole('dialog', { name: 'Удалить пользователя Марина Петрова из пространства?' });
    await confirm.getByRole('button', { name: 'Удалить' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => row.count()).toBe(0);
    expect(await suite.server.app.services.users.roleOf(marina?.id ?? '', shop.id)).toBeNull();
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows the write key with snippets that work against this server', async () => {
    const shop = await newShop(suite.server, 'Сайт магазина');
    const tab = await openClipboardTab(suite.browser, suite.server);
    const { page } = tab;
    await signIn(page, shop.owner);
    await openSettings(page, 'Подключение сайта');

    const keyCard = page.getByRole('region', { name: 'Ключ записи' });
    expect(await said(keyCard.getByLabel('Ключ записи', { exact: true }))).toBe(shop.writeKey);
    expect(await said(keyCard.getByLabel('Адрес приёма данных'))).toBe(`${suite.server.url}/v1`);
    const code = async (title: string) => (await page.getByRole('region', { name: title }).locator('pre').textContent()) ?? '';
    const browserSnippet = await code('Сайт: analytics.js (Segment)');
    expect(browserSnippet).toContain(`writeKey: '${shop.writeKey}'`);
    expect(browserSnippet).toContain(`apiHost: '${new URL(suite.server.url).host}/v1', protocol: 'http'`);
    expect(await code('Сайт: RudderStack JavaScript SDK')).toContain(`rudderAnalytics.load('${shop.writeKey}', '${suite.server.url}'`);
    await screenshot(page, 'settings-connect');

    // The HTTP snippet, copied with its button and run as it is, is accepted.
    const http = page.getByRole('region', { name: 'Любой язык: HTTP' });
    await http.getByRole('button', { name: 'Скопировать' }).click();
    const curl = await clipboard(page);
    expect(curl).toBe(await code('Любой язык: HTTP'));
    expect((await run('sh', ['-c', curl], { timeout: 10_000 })).stdout).toContain('"success":true');

    // So is the Node.js snippet, run with the library it names.
    const dir = join(repoRoot, 'test-results', `snippet-${process.pid}-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(join(dir, 'send.mjs'), await code('Сервер: Node.js (@segment/analytics-node)'));
      await run(process.execPath, [join(dir, 'send.mjs')], { cwd: repoRoot, timeout: 20_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const found = await fetch(`${suite.server.url}/api/v1/customers?q=client-42`, { headers: { authorization: `Bearer ${shop.secretKey}` } });
    expect(await found.json()).toMatchObject({ items: [{ phone: '+79123456789', email: 'anna@example.ru', ordersCount: 1, revenue: 420000 }] });
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('offers to create a write key when the workspace has none', async () => {
    const shop = await newShop(suite.server, 'Без ключа');
    for (const key of await suite.server.app.services.apiKeys.list(shop.id)) {
      if (key.kind === 'write') await suite.server.app.services.apiKeys.revoke(shop.id, key.id);
    }
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await openSettings(page, 'Подключение сайта');
    await page.getByText('Нет действующего ключа записи').waitFor();
    await page.getByRole('button', { name: 'Создать ключ записи' }).click();
    const form = page.getByRole('dialog', { name: 'Новый API-ключ' });
    expect(await form.getByRole('textbox', { name: 'Название' }).inputValue()).toBe('Сайт');
    expect(await form.getByRole('radio', { name: 'Запись' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Создать' }).click();
    const created = page.getByRole('dialog', { name: 'Ключ «Сайт» создан' });
    const key = await said(created.getByLabel('Ключ', { exact: true }));
    expect(key).toMatch(/^wk_/);
    await created.getByRole('button', { name: 'Закрыть' }).click();
    await expect.poll(() => said(page.getByRole('region', { name: 'Ключ записи' }).getByLabel('Ключ записи', { exact: true }))).toBe(key);
    expect(await said(page.getByRole('region', { name: 'Любой язык: HTTP' }))).toContain(`-u '${key}:'`);
    expect(key).not.toBe(shop.writeKey);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows an analyst the settings read-only', async () => {
    const shop = await newShop(suite.server, 'Только чтение');
    const analyst = await addMember(suite.server, shop, 'analyst');
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, analyst);

    await openSettings(page, 'Пространство');
    await page.getByText('Изменять эти настройки могут только владелец и администраторы.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Название' }).inputValue()).toBe('Только чтение');
    expect(await page.getByRole('textbox', { name: 'Название' }).isDisabled()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Валюта' }).isDisabled()).toBe(true);
    expect(await page.getByRole('combobox', { name: 'Часовой пояс' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Сохранить' }).count()).toBe(0);

    await page.getByRole('tab', { name: 'Пользователи и роли' }).click();
    await page.locator('tbody tr', { hasText: shop.owner.email }).waitFor();
    expect(await said(page.locator('tbody tr', { hasText: analyst.email }))).toContain('Аналитик');
    expect(await page.getByRole('button', { name: 'Добавить пользователя' }).count()).toBe(0);
    expect(await page.locator('tbody').getByRole('combobox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Удалить/ }).count()).toBe(0);

    await page.getByRole('tab', { name: 'API-ключи' }).click();
    await page.locator('tbody tr', { hasText: 'Site' }).waitFor();
    expect(await page.getByText('Только просмотр').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Создать ключ' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Отозвать/ }).count()).toBe(0);
    // Secret keys are not even listed to a role that may not manage them.
    expect(await page.locator('tbody tr', { hasText: 'Tests' }).count()).toBe(0);
    await screenshot(page, 'settings-keys-analyst');

    await page.getByRole('tab', { name: 'Подключение сайта' }).click();
    await expect.poll(() => said(page.getByRole('region', { name: 'Ключ записи' }).getByLabel('Ключ записи', { exact: true }))).toBe(shop.writeKey);
    expectNoPageErrors(tab);
    await tab.context.close();
  });
});
