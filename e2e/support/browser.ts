import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where the tests leave screenshots of the main screens; CI keeps test-results/. */
export const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** Launches headless Chromium the way it runs on servers and CI (no sandbox, GPU or background traffic). */
export function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh browser profile (no cookies, no saved settings) on a 1280×800 screen, in Russian, in Moscow. */
export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Errors the page reported: uncaught exceptions and console errors (a refused style, a failed render). */
  errors: string[];
}

/** Opens a tab in a new browser profile pointed at the server. */
export async function openTab(browser: Browser, baseURL: string): Promise<Tab> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    // An API answering 401 or 400 is logged by the browser as a failed resource; the app handles those.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`);
  });
  return { context, page, errors };
}

/** Signs in through the Russian sign-in page (opened unless the tab shows it) and waits for the landing page, the analytics overview unless told. */
export async function signIn(page: Page, user: { email: string; password: string }, options: { landing?: RegExp } = {}): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/signin')) await page.goto('/signin');
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Пароль').fill(user.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL(options.landing ?? /\/w\/[^/]+\/analytics$/);
}

/** Saves a screenshot of what the tab shows under test-results/screenshots/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  // Let transitions (modals, overlays) settle so the picture shows the screen as a person sees it.
  await page.waitForTimeout(300);
  await page.screenshot({ path });
  return path;
}

/** Fails when the page reported errors. */
export function expectNoPageErrors(tab: Tab): void {
  expect(tab.errors, 'errors reported by the page').toEqual([]);
}
