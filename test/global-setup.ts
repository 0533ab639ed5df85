import type { TestProject } from 'vitest/node';
import { createDatabase, findPgBin, startPgCluster, type PgCluster } from './pg-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the PostgreSQL database storage tests run on, or null when only SQLite is tested. */
    pgUrl: string | null;
  }
}

const databaseName = 'klientura_test';

/** Provides the PostgreSQL URL to the suite, starting a private cluster when none is given, and returns its teardown. */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const requirePg = process.env.KLIENTURA_REQUIRE_PG === '1';
  let cluster: PgCluster | null = null;
  let pgUrl: string | null = null;
  let skipReason = '';

  const external = process.env.KLIENTURA_TEST_PG_URL;
  if (external) {
    pgUrl = external;
  } else if (process.env.KLIENTURA_TEST_PG === 'off') {
    skipReason = 'KLIENTURA_TEST_PG=off';
  } else if (findPgBin()) {
    cluster = await startPgCluster();
    pgUrl = await createDatabase(cluster.url, databaseName).catch(async (error: unknown) => {
      await cluster?.stop();
      throw error;
    });
  } else {
    skipReason = 'PostgreSQL binaries not found (install postgresql, set PG_BIN or KLIENTURA_TEST_PG_URL)';
  }

  if (!pgUrl && requirePg) {
    throw new Error(`KLIENTURA_REQUIRE_PG=1 but no PostgreSQL is available: ${skipReason}`);
  }
  if (!pgUrl) console.warn(`WARNING: the PostgreSQL pass is skipped: ${skipReason}`);

  project.provide('pgUrl', pgUrl);
  console.log(`Test databases: SQLite${pgUrl ? ` and PostgreSQL (${describe(pgUrl, cluster !== null)})` : ' only'}`);

  return async () => {
    await cluster?.stop();
  };
}

// Shows where the server is without printing a password that an external URL may carry.
function describe(url: string, temporary: boolean): string {
  const { hostname, port, pathname } = new URL(url);
  const where = `${hostname}:${port || '5432'}${pathname}`;
  return temporary ? `temporary cluster at ${where}` : where;
}
