import { configDefaults, defineConfig } from 'vitest/config';

// Set by CI to keep a machine-readable report next to the console output.
const jsonReport = process.env.KLIENTURA_TEST_JSON;

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Benchmarks are scripts, not tests.
    exclude: [...configDefaults.exclude, 'bench/**'],
    // Test databases; Chromium and a current web app bundle for the browser tests (e2e/).
    globalSetup: ['./test/global-setup.ts', './e2e/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // better-sqlite3 is a native addon, which is safer in child processes than in worker threads.
    pool: 'forks',
    reporters: jsonReport ? ['default', 'json'] : ['default'],
    outputFile: jsonReport ? { json: jsonReport } : undefined,
  },
});
