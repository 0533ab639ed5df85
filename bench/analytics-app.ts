import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../src/main.js';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/logger.js';

/**
 * Starts the platform on a database as an API process only (`--role api`): no import worker and no
 * scheduled score computation may run in the background while the benchmark times the analytics.
 */
export async function startApiApp(url: string): Promise<{ app: App; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'klientura-bench-data-'));
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DEMO: 'false', DATA_DIR: dataDir, SCORES_EVERY_HOURS: '0' });
  return { app: await createApp({ config, logger: createLogger('silent'), role: 'api' }), dataDir };
}
