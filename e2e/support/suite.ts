import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startServer, type TestServer } from './server.js';

/** The platform and the browser a describe block's tests share; set before its first test. */
export class BrowserSuite {
  server!: TestServer;
  browser!: Browser;
}

/**
 * Starts the platform and Chromium before a describe block's tests and closes both after them; call
 * it inside the block. The fields are set once the block's tests run.
 */
export function browserSuite(chromiumPath: string | null): BrowserSuite {
  const suite = new BrowserSuite();
  beforeAll(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser(chromiumPath ?? '');
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
