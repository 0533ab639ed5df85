import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { freshDatabaseUrl } from './pg-cluster.js';

const pgUrl = inject('pgUrl');

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ one: number }>('select 1 as one');
    return result.rows[0].one;
  } finally {
    await client.end();
  }
}

describe('postgres test server', () => {
  it.skipIf(!pgUrl)('postgres answers queries on the suite database', async () => {
    expect(await selectOne(pgUrl ?? '')).toBe(1);
  });

  it.skipIf(!pgUrl)('postgres gives each caller a fresh empty database', async () => {
    const first = await freshDatabaseUrl(pgUrl ?? '');
    const second = await freshDatabaseUrl(pgUrl ?? '');
    expect(first).not.toBe(second);
    expect(await selectOne(first)).toBe(1);

    const client = new pg.Client({ connectionString: second });
    await client.connect();
    try {
      const tables = await client.query("select count(*)::int as n from information_schema.tables where table_schema = 'public'");
      expect(tables.rows[0]).toEqual({ n: 0 });
    } finally {
      await client.end();
    }
  });
});
