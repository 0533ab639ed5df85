import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { DuckDBInstance } from '@duckdb/node-api';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { BenchDatabase } from './bench-support.js';
import { removeDir } from './bench-support.js';
import { csvField } from './segments-load.js';

// The yardstick of the segments benchmark: the same tables, read back from the engine the product
// runs on (so the data is exactly the same, scores included), in an in-memory DuckDB. Only the
// columns the rules read are copied; JSON properties are read out by the engine into plain columns
// (category, price, the campaign source of the context), as a columnar copy of events would hold them.

type Connection = Awaited<ReturnType<DuckDBInstance['connect']>>;

/** A table copied into DuckDB: its columns and types, and the engine's query for each engine. */
interface CopiedTable {
  name: string;
  columns: [string, string][];
  sqlite: string;
  postgres: string;
}

const tables: CopiedTable[] = [
  {
    name: 'customers', columns: [['id', 'BIGINT'], ['city', 'VARCHAR'], ['gender', 'VARCHAR'], ['birth_date', 'VARCHAR'], ['created_at', 'BIGINT'], ['tier', 'VARCHAR']],
    sqlite: `select id, city, gender, birth_date, created_at, case when json_type(traits, '$.tier') = 'text' then json_extract(traits, '$.tier') end
             from customers where workspace_id = :ws and merged_into is null and erased_at is null`,
    postgres: `select id, city, gender, birth_date, created_at, case when jsonb_typeof(traits -> 'tier') = 'string' then traits ->> 'tier' end
               from customers where workspace_id = :ws and merged_into is null and erased_at is null`,
  },
  {
    name: 'stats', columns: [['customer_id', 'BIGINT'], ['orders_count', 'BIGINT'], ['revenue', 'BIGINT'], ['avg_check', 'BIGINT'], ['last_order_at', 'BIGINT']],
    sqlite: 'select customer_id, orders_count, revenue, avg_check, last_order_at from customer_stats where workspace_id = :ws',
    postgres: 'select customer_id, orders_count, revenue, avg_check, last_order_at from customer_stats where workspace_id = :ws',
  },
  {
    name: 'scores', columns: [['customer_id', 'BIGINT'], ['rfm_segment', 'VARCHAR'], ['abc', 'VARCHAR'], ['p_alive', 'DOUBLE'], ['predicted_clv', 'BIGINT']],
    sqlite: 'select customer_id, rfm_segment, abc, p_alive, predicted_clv from customer_scores where workspace_id = :ws',
    postgres: 'select customer_id, rfm_segment, abc, p_alive, predicted_clv from customer_scores where workspace_id = :ws',
  },
  {
    name: 'customer_consents', columns: [['customer_id', 'BIGINT'], ['channel', 'VARCHAR'], ['status', 'VARCHAR']],
    sqlite: 'select customer_id, channel, status from customer_consents where workspace_id = :ws',
    postgres: 'select customer_id, channel, status from customer_consents where workspace_id = :ws',
  },
  {
    name: 'customer_identifiers', columns: [['customer_id', 'BIGINT'], ['kind', 'VARCHAR']],
    sqlite: "select customer_id, kind from customer_identifiers where workspace_id = :ws and kind in ('email', 'card')",
    postgres: "select customer_id, kind from customer_identifiers where workspace_id = :ws and kind in ('email', 'card')",
  },
  {
    name: 'orders', columns: [['id', 'BIGINT'], ['customer_id', 'BIGINT'], ['status', 'VARCHAR'], ['ordered_at', 'BIGINT']],
    sqlite: 'select id, customer_id, status, ordered_at from orders where workspace_id = :ws',
    postgres: 'select id, customer_id, status, ordered_at from orders where workspace_id = :ws',
  },
  {
    name: 'order_items', columns: [['order_id', 'BIGINT'], ['customer_id', 'BIGINT'], ['category', 'VARCHAR'], ['price', 'BIGINT'], ['quantity', 'DOUBLE']],
    sqlite: 'select order_id, customer_id, category, price, quantity from order_items where workspace_id = :ws',
    postgres: 'select order_id, customer_id, category, price, quantity from order_items where workspace_id = :ws',
  },
  {
    name: 'events', columns: [['customer_id', 'BIGINT'], ['type', 'VARCHAR'], ['name', 'VARCHAR'], ['timestamp', 'BIGINT'], ['category', 'VARCHAR'], ['price', 'DOUBLE'], ['campaign_source', 'VARCHAR']],
    sqlite: `select customer_id, type, name, timestamp,
               case when json_type(properties, '$.category') = 'text' then json_extract(properties, '$.category') end,
               case when json_type(properties, '$.price') in ('integer', 'real') then json_extract(properties, '$.price') end,
               case when json_type(context, '$.campaign.source') = 'text' then json_extract(context, '$.campaign.source') end
             from events where workspace_id = :ws`,
    postgres: `select customer_id, type, name, timestamp,
                 case when jsonb_typeof(properties -> 'category') = 'string' then properties ->> 'category' end,
                 case when jsonb_typeof(properties -> 'price') = 'number' then (properties ->> 'price')::float8 end,
                 case when jsonb_typeof(context #> '{campaign,source}') = 'string' then context #>> '{campaign,source}' end
               from events where workspace_id = :ws`,
  },
];

/** An in-memory DuckDB holding a copy of the workspace's data. */
export class DuckYardstick {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: Connection,
  ) {}

  /** Copies the workspace's tables from the engine into a new in-memory DuckDB; returns it and the time taken. */
  static async copy(database: BenchDatabase, workspaceId: string, log: (line: string) => void): Promise<DuckYardstick> {
    const dir = mkdtempSync(join(tmpdir(), 'klientura-bench-duck-'));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      for (const table of tables) {
        const t = performance.now();
        const file = join(dir, `${table.name}.csv`);
        if (database.engine === 'sqlite') await sqliteCsv(database.url, table.sqlite.replace(':ws', '?'), workspaceId, file);
        else await postgresCsv(database.url, table.postgres.replace(':ws', `'${workspaceId.replace(/'/g, "''")}'`), file);
        const columns = table.columns.map(([name, type]) => `'${name}': '${type}'`).join(', ');
        await connection.run(`create table ${table.name} as select * from read_csv('${file}', header = false, nullstr = '', columns = {${columns}})`);
        const count = await connection.runAndReadAll(`select count(*) from ${table.name}`);
        log(`  DuckDB: ${table.name} ${Number(count.getRows()[0]?.[0]).toLocaleString('en')} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      await connection.run("create macro kl(x) as replace(lower(x), 'ё', 'е')");
      return new DuckYardstick(instance, connection);
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      throw error;
    } finally {
      removeDir(dir);
    }
  }

  /** How many customers match a condition over c, s and sc, and their revenue. */
  async count(where: string): Promise<{ count: number; revenue: number }> {
    const reader = await this.connection.runAndReadAll(`select count(*), coalesce(sum(s.revenue), 0) from customers c
      left join stats s on s.customer_id = c.id left join scores sc on sc.customer_id = c.id where (${where})`);
    const row = reader.getRows()[0] ?? [];
    return { count: Number(row[0]), revenue: Number(row[1]) };
  }

  /** The query plan DuckDB chooses for a condition. */
  async explain(where: string): Promise<string> {
    const reader = await this.connection.runAndReadAll(`explain select count(*) from customers c
      left join stats s on s.customer_id = c.id left join scores sc on sc.customer_id = c.id where (${where})`);
    return reader.getRows().map((r) => String(r[1])).join('\n');
  }

  /** Frees the database. */
  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

async function sqliteCsv(url: string, query: string, workspaceId: string, file: string): Promise<void> {
  const db = new SQLite(url.slice('sqlite:'.length), { readonly: true });
  const out = createWriteStream(file);
  try {
    let lines: string[] = [];
    for (const row of db.prepare(query).raw(true).iterate(workspaceId) as Iterable<(string | number | null)[]>) {
      lines.push(row.map(csvField).join(','));
      if (lines.length === 10_000) {
        if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
        lines = [];
      }
    }
    if (lines.length > 0) out.write(`${lines.join('\n')}\n`);
  } finally {
    out.end();
    await once(out, 'finish');
    db.close();
  }
}

async function postgresCsv(url: string, query: string, file: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await pipeline(client.query(copyTo(`copy (${query}) to stdout with (format csv)`)), createWriteStream(file));
  } finally {
    await client.end();
  }
}
