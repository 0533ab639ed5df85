import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectNoPageErrors, openTab, screenshot, signIn } from './support/browser.js';
import { sampleCustomers, seedSampleShop } from './support/seed.js';
import { addMember, newShop, type Shop, type TestServer } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');

// The text of the table's body rows, spaces normalised (Intl puts no-break spaces in numbers).
async function rowTexts(page: Page): Promise<string[]> {
  const texts = await page.locator('tbody tr').allTextContents();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ');

// A manager with a name people recognise (test users are named after their generated e-mail).
async function addManager(server: TestServer, shop: Shop, name: string) {
  const manager = await addMember(server, shop, 'manager');
  await server.app.services.users.updateProfile(manager.id, { name });
  return manager;
}

const scope = (page: Page) => page.getByRole('radiogroup', { name: 'Чьи клиенты' });

describe.skipIf(!chromiumPath)('web app: managers and their customers', () => {
  const suite = browserSuite(chromiumPath);

  it('the owner assigns a customer to a manager, who then sees their own customers first', async () => {
    const shop = await newShop(suite.server, 'Платья и аксессуары');
    const ids = await seedSampleShop(suite.server, shop);
    const manager = await addManager(suite.server, shop, 'Светлана Орлова');

    const owner = await openTab(suite.browser, suite.server.url);
    await signIn(owner.page, shop.owner);
    await owner.page.goto(`/w/${shop.id}/customers`);
    // Nobody is assigned to the owner, so the owner has no "My customers" switch.
    await expect.poll(() => owner.page.locator('tbody tr').count()).toBe(sampleCustomers.length);
    expect(await scope(owner.page).count()).toBe(0);

    await owner.page.goto(`/w/${shop.id}/customers/${ids[0]}`);
    await owner.page.getByRole('heading', { name: 'Ёлкина Анна' }).waitFor();
    await owner.page.getByRole('button', { name: 'Изменить' }).click();
    const dialog = owner.page.getByRole('dialog', { name: 'Изменить клиента' });
    await dialog.getByRole('combobox', { name: 'Ответственный менеджер' }).click();
    await owner.page.getByRole('option', { name: 'Светлана Орлова' }).click();
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => text(owner.page, 'section[aria-label="Поля и свойства"]')).toContain('Ответственный менеджерСветлана Орлова');

    // The owner's list names the manager in the column chosen for it.
    await owner.page.getByRole('link', { name: 'Клиенты' }).first().click();
    await owner.page.getByRole('button', { name: 'Столбцы' }).click();
    await owner.page.getByRole('checkbox', { name: 'Менеджер' }).check();
    await owner.page.keyboard.press('Escape');
    await expect.poll(async () => (await rowTexts(owner.page)).filter((r) => r.includes('Светлана Орлова'))).toEqual([expect.stringContaining('Анна Ёлкина')]);
    expectNoPageErrors(owner);
    await owner.context.close();

    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, manager);
    await page.goto(`/w/${shop.id}/customers`);
    await expect.poll(() => rowTexts(page)).toEqual([expect.stringContaining('Анна Ёлкина')]);
    expect(await scope(page).getByRole('radio', { name: 'Мои клиенты' }).isChecked()).toBe(true);
    await screenshot(page, 'customers-manager');

    await scope(page).getByText('Все клиенты').click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(sampleCustomers.length);
    expect(page.url()).toContain('scope=all');
    await page.reload();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(sampleCustomers.length);
    expect(await scope(page).getByRole('radio', { name: 'Все клиенты' }).isChecked()).toBe(true);

    await scope(page).getByText('Мои клиенты').click();
    await expect.poll(() => rowTexts(page)).toEqual([expect.stringContaining('Анна Ёлкина')]);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('tells a manager with no customers so, and shows everyone on request', async () => {
    const shop = await newShop(suite.server, 'Новый менеджер');
    await seedSampleShop(suite.server, shop);
    const manager = await addManager(suite.server, shop, 'Иван Петров');
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, manager);
    await page.goto(`/w/${shop.id}/customers`);
    await page.getByText('За вами пока не закреплён ни один клиент').waitFor();
    await page.getByRole('button', { name: 'Показать всех клиентов' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(sampleCustomers.length);
    expect(await scope(page).getByRole('radio', { name: 'Все клиенты' }).isChecked()).toBe(true);
    expectNoPageErrors(tab);
    await tab.context.close();
  });
});
