import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectNoPageErrors, openTab, screenshot, signIn } from './support/browser.js';
import { addMember, createCustomer, ingest, newShop, sendOrders, type Shop, shopUserId, type TestServer } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');
const phone = '+7 912 345-67-89';

// A customer with contacts, consent, traits, two orders and two events on the site.
async function seedAnna(server: TestServer, shop: Shop): Promise<number> {
  const id = await createCustomer(server, shop, {
    firstName: 'Анна', lastName: 'Ёлкина', middleName: 'Сергеевна', phone, email: 'anna@example.ru', city: 'Екатеринбург',
    gender: 'female', birthDate: '1990-04-12', cardNumber: '2000123456789',
    traits: { clothingSize: 'M', favouriteColour: 'зелёный' },
    consent: { email: { granted: true, source: 'форма на сайте' }, sms: { granted: false } },
  });
  await sendOrders(server, shop, [
    { phone, orderId: 'A-1001', total: 4200, at: '2026-03-14T10:00:00Z', products: [{ product_id: 'p1', name: 'Платье', price: 4200, quantity: 1 }] },
    { phone, orderId: 'A-1002', total: 2750.5, at: '2026-04-02T15:30:00Z', products: [{ product_id: 'p2', name: 'Шарф', price: 2750.5, quantity: 1 }] },
  ]);
  await ingest(server, shop, [
    { type: 'page', userId: shopUserId(phone), name: 'Каталог', messageId: 'pv-1', timestamp: '2026-04-02T15:20:00Z', properties: { url: 'https://shop.example/catalog' } },
    { type: 'track', userId: shopUserId(phone), event: 'Product Viewed', messageId: 'tr-1', timestamp: '2026-04-02T15:25:00Z', properties: { product_id: 'p2' } },
  ]);
  return id;
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ');

describe.skipIf(!chromiumPath)('web app: the customer profile', () => {
  const suite = browserSuite(chromiumPath);

  it('shows the 360° profile, filters the timeline and edits a field with the API validation message', async () => {
    const shop = await newShop(suite.server, 'Платья и аксессуары');
    const id = await seedAnna(suite.server, shop);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/customers`);
    await page.locator('tbody tr', { hasText: 'Ёлкина' }).click();
    await page.waitForURL(new RegExp(`/customers/${id}$`));
    await page.getByRole('heading', { name: 'Ёлкина Анна Сергеевна' }).waitFor();

    const numbers = await text(page, '[aria-label="Ключевые показатели"]');
    expect(numbers).toContain('Заказы2');
    expect(numbers).toContain('Выручка6 950,50 ₽');
    expect(numbers).toContain('Средний чек3 475,25 ₽');
    expect(numbers).toContain('Первый заказ14.03.2026');
    expect(numbers).toContain('Последний заказ02.04.2026');
    expect(await text(page, 'section[aria-label="Идентификаторы"]')).toContain('2000123456789');
    const consent = await text(page, 'section[aria-label="Согласия"]');
    expect(consent).toMatch(/E-mail.*форма на сайте.*Дано/);
    expect(consent).toMatch(/SMS.*Отозвано/);
    const fields = await text(page, 'section[aria-label="Поля и свойства"]');
    expect(fields).toContain('12 апреля 1990 г.');
    expect(fields).toContain('clothingSize');
    const timeline = page.locator('section[aria-label="Заказы и события"]');
    await timeline.getByText('Заказ A-1002 на 2 750,50 ₽').waitFor();
    expect(await timeline.getByText('Product Viewed').count()).toBe(1);
    await screenshot(page, 'customer-profile');

    await timeline.getByRole('combobox', { name: 'Показать' }).click();
    await page.getByRole('option', { name: 'Заказы' }).click();
    await expect.poll(() => timeline.getByText('Product Viewed').count()).toBe(0);
    expect(await timeline.getByText(/^Заказ A-100/).count()).toBe(2);

    await page.getByRole('button', { name: 'Изменить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Изменить клиента' });
    await dialog.getByRole('textbox', { name: 'E-mail' }).fill('anna@@example');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('«anna@@example» — не адрес электронной почты').waitFor();
    await screenshot(page, 'customer-edit-error');

    await dialog.getByRole('textbox', { name: 'E-mail' }).fill('anna.yolkina@example.ru');
    await dialog.getByLabel('Город').fill('Казань');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('anna.yolkina@example.ru · Казань').waitFor();
    await page.reload();
    await page.getByText('anna.yolkina@example.ru · Казань').waitFor();
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('names codes in Russian: standard events, country, language, device, traffic source and store', async () => {
    const shop = await newShop(suite.server, 'Коды');
    const customerPhone = '+7 913 000-11-22';
    const userId = shopUserId(customerPhone);
    const id = await createCustomer(suite.server, shop, {
      firstName: 'Вера', lastName: 'Кодова', phone: customerPhone, country: 'RU', locale: 'ru-RU',
      source: 'yandex_direct', utmSource: 'yandex', utmMedium: 'cpc', utmCampaign: 'catalog_shoes',
    });
    await ingest(suite.server, shop, [
      {
        type: 'track', userId, event: 'Product Added', messageId: 'pa-1', timestamp: '2026-04-02T15:25:00Z', properties: { product_id: 'p2' },
        context: { device: { type: 'mobile' }, campaign: { source: 'vk', medium: 'social', name: 'winter_sale' } },
      },
      { type: 'track', userId, event: 'checkout_started', messageId: 'cs-1', timestamp: '2026-04-02T15:27:00Z', properties: {} },
      { type: 'track', userId, event: 'Подписка на акции', messageId: 'own-1', timestamp: '2026-04-02T15:28:00Z', properties: {} },
      {
        type: 'track', userId, event: 'Order Completed', messageId: 'oc-1', timestamp: '2026-04-03T12:00:00Z',
        context: { traits: { phone: customerPhone } },
        properties: { order_id: 'S-77', total: 1500, currency: 'RUB', store_id: 'msk-02', products: [{ product_id: 'p2', name: 'Шарф', price: 1500, quantity: 1 }] },
      },
    ]);
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/customers/${id}`);
    await page.getByRole('heading', { name: 'Кодова Вера' }).waitFor();
    const fields = page.locator('section[aria-label="Поля и свойства"]');
    await fields.getByText('ru-RU', { exact: true }).waitFor();
    const said = await text(page, 'section[aria-label="Поля и свойства"]');
    // Each name with its code beside it (textContent runs them together).
    for (const words of ['СтранаРоссияRU', 'ЯзыкРусский (Россия)ru-RU', 'УстройствоСмартфонmobile', 'ИсточникЯндекс Директyandex_direct', 'UTM source (первый переход)Яндексyandex',
      'UTM medium (первый переход)Оплата за кликиcpc', 'catalog_shoes', 'UTM source (последний переход)ВКонтактеvk', 'UTM medium (последний переход)Соцсетиsocial', 'winter_sale']) {
      expect(said).toContain(words);
    }
    const timeline = page.locator('section[aria-label="Заказы и события"]');
    await timeline.getByText('Товар добавлен в корзину').waitFor();
    const events = await text(page, 'section[aria-label="Заказы и события"]');
    expect(events).toContain('Товар добавлен в корзинуProduct Added');
    expect(events).toContain('Начато оформление заказаcheckout_started');
    expect(events).toContain('Подписка на акции'); // the shop's own event, as it was sent
    expect(events).toContain('магазин с кодом msk-02');
    await screenshot(page, 'customer-profile-codes');

    // The profile's address takes the id in its own spelling only.
    await page.goto(`/w/${shop.id}/customers/0x${id.toString(16)}`);
    await page.getByText('Страница не найдена').waitFor();
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('erases a customer after a confirmation that says what is deleted and what stays', async () => {
    const shop = await newShop(suite.server, 'Удаление');
    const id = await seedAnna(suite.server, shop);
    await createCustomer(suite.server, shop, { firstName: 'Борис', phone: '+7 900 000-00-01' });
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/customers/${id}`);
    await page.getByRole('button', { name: 'Удалить данные' }).click();
    const dialog = page.getByRole('dialog');
    const said = ((await dialog.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(said).toContain('Удалить данные клиента Анна Ёлкина?');
    expect(said).toContain('идентификаторы (4)'); // phone, e-mail, card and the shop's own id from the site
    expect(said).toContain('согласия на все каналы');
    expect(said).toContain('все события');
    expect(said).toContain('Заказы (2) останутся');
    await dialog.getByLabel('Причина').fill('Запрос клиента по e-mail');
    await dialog.getByRole('button', { name: 'Удалить данные' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/customers$`));
    await expect.poll(() => page.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('Борис')]);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('lets an analyst see the profile but not edit or erase it', async () => {
    const shop = await newShop(suite.server, 'Аналитика');
    const id = await seedAnna(suite.server, shop);
    const analyst = await addMember(suite.server, shop, 'analyst');
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, analyst);
    await page.goto(`/w/${shop.id}/customers`);
    await page.locator('tbody tr', { hasText: 'Ёлкина' }).click();
    await page.waitForURL(new RegExp(`/customers/${id}$`));
    await page.getByRole('heading', { name: 'Ёлкина Анна Сергеевна' }).waitFor();
    await page.getByText('Только просмотр').waitFor();
    expect(await page.getByRole('button', { name: 'Изменить' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Удалить данные' }).count()).toBe(0);
    expect(await text(page, '[aria-label="Ключевые показатели"]')).toContain('Заказы2');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows the API message when a customer does not exist', async () => {
    const shop = await newShop(suite.server, 'Пусто');
    const tab = await openTab(suite.browser, suite.server.url);
    await signIn(tab.page, shop.owner);
    await tab.page.goto(`/w/${shop.id}/customers`);
    await tab.page.getByText('Клиентов пока нет').waitFor();
    await tab.page.goto(`/w/${shop.id}/customers/999999`);
    const alert = tab.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Не найдено.*not found/i);
    expectNoPageErrors(tab);
    await tab.context.close();
  });
});
