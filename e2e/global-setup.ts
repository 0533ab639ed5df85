import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Chromium for the browser tests, or null when they are skipped. */
    chromiumPath: string | null;
  }
}

/** Debian's Chromium, which the browser tests drive through playwright-core. */
const chromiumPath = '/usr/bin/chromium';
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Finds Chromium and brings the web app's bundle up to date once, before any browser test runs. */
export function setup(project: TestProject): void {
  if (!existsSync(chromiumPath)) {
    const reason = `${chromiumPath} not found (Debian: apt-get install chromium)`;
    if (process.env.KLIENTURA_REQUIRE_BROWSER === '1') throw new Error(`KLIENTURA_REQUIRE_BROWSER=1 but the browser tests cannot run: ${reason}`);
    console.warn(`WARNING: the browser tests are skipped: ${reason}`);
    project.provide('chromiumPath', null);
    return;
  }
  // The same script `npm start` runs first: it builds only when the sources changed.
  execFileSync(process.execPath, ['scripts/build-web-if-stale.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  project.provide('chromiumPath', chromiumPath);
}
