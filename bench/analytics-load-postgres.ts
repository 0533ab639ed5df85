import pg from 'pg';
import { purchaseStatuses } from '../src/common/purchase-statuses.js';
import { externalId, phoneOf, type Shop, shopStatuses } from './analytics-data.js';
import { type ShopWriter, statsSql } from './analytics-load.js';

// The PostgreSQL side of the bulk load: multi-row INSERT … SELECT FROM unnest() of array
// parameters, 50,000 rows a statement, two connections taking turns so that building the next
// batch in Node overlaps the server's insert of the last one.

const rowsPerStatement = 50_000;

/** Bulk writer over a PostgreSQL database. */
export class PostgresShopWriter implements ShopWriter {
  private constructor(private readonly clients: [pg.Client, pg.Client]) {}

  /** Connects twice to the database of a postgres:// URL. */
  static async open(url: string): Promise<PostgresShopWriter> {
    const clients: [pg.Client, pg.Client] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    for (const client of clients) {
      await client.connect();
      // Index builds and the stats aggregate sort and hash millions of rows.
      await client.query("set maintenance_work_mem = '1GB'");
      await client.query("set work_mem = '256MB'");
    }
    return new PostgresShopWriter(clients);
  }

  private get main(): pg.Client {
    return this.clients[0];
  }

  async schema(): Promise<string[]> {
    const { rows } = await this.main.query<{ line: string }>(`
      select 'index ' || tablename || '.' || indexname || ': ' || indexdef as line from pg_indexes where schemaname = current_schema()
      union all
      select 'constraint ' || conrelid::regclass::text || '.' || conname || ': ' || pg_get_constraintdef(oid)
      from pg_constraint where connamespace = current_schema()::regnamespace
      union all
      select 'column ' || table_name || '.' || column_name || ': ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
      from information_schema.columns where table_schema = current_schema()
      order by 1`);
    return rows.map((r) => r.line);
  }

  async dropSecondaryIndexes(tables: readonly string[]): Promise<string[]> {
    // Unique constraints are dropped and added back by their definition; primary keys stay (ids
    // arrive in ascending order, so keeping them costs little).
    const unique = await this.main.query<{ tbl: string; name: string; def: string }>(
      `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
       where connamespace = current_schema()::regnamespace and contype = 'u' and conrelid::regclass::text = any($1) order by conname`,
      [tables],
    );
    const plain = await this.main.query<{ name: string; def: string }>(
      `select indexname as name, indexdef as def from pg_indexes i
       where schemaname = current_schema() and tablename = any($1)
         and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
       order by indexname`,
      [tables],
    );
    for (const c of unique.rows) await this.main.query(`alter table ${c.tbl} drop constraint "${c.name}"`);
    for (const i of plain.rows) await this.main.query(`drop index "${i.name}"`);
    return [...unique.rows.map((c) => `alter table ${c.tbl} add constraint "${c.name}" ${c.def}`), ...plain.rows.map((i) => i.def)];
  }

  async nextIds(): Promise<{ customer: number; order: number }> {
    const { rows } = await this.main.query<{ customer: string; order: string }>(
      'select (select coalesce(max(id), 0) + 1 from customers) as customer, (select coalesce(max(id), 0) + 1 from orders) as "order"',
    );
    return { customer: Number(rows[0]?.customer), order: Number(rows[0]?.order) };
  }

  async insertCustomers(workspaceId: string, shop: Shop, firstId: number): Promise<void> {
    const created = shop.createdAt;
    await this.batches(created.length, (start, end) => {
      const ids = range(firstId + start, firstId + end);
      const phones = textArray(start, end, phoneOf);
      const at = `{${created.subarray(start, end).join(',')}}`;
      return [
        {
          text: `insert into customers (id, workspace_id, phone, traits, created_at, updated_at)
                 select id, $1, phone, '{}', created_at, created_at from unnest($2::bigint[], $3::text[], $4::bigint[]) as u(id, phone, created_at)`,
          values: [workspaceId, ids, phones, at],
        },
        {
          text: `insert into customer_identifiers (workspace_id, kind, value, customer_id, created_at)
                 select $1, 'phone', phone, id, created_at from unnest($2::bigint[], $3::text[], $4::bigint[]) as u(id, phone, created_at)`,
          values: [workspaceId, ids, phones, at],
        },
      ];
    });
    await this.main.query("select setval(pg_get_serial_sequence('customers', 'id'), (select max(id) from customers))");
  }

  async insertOrders(workspaceId: string, shop: Shop, firstCustomerId: number, firstOrderId: number): Promise<void> {
    const { customer, status, total, refunded, store, orderedAt, orderDay } = shop;
    await this.batches(customer.length, (start, end) => {
      const customers = new Array<number>(end - start);
      for (let k = start; k < end; k++) customers[k - start] = firstCustomerId + customer[k];
      return [
        {
          text: `insert into orders (id, workspace_id, customer_id, external_id, status, total, discount, shipping, tax, refunded, points_used, currency,
                   channel, store_id, source, ordered_at, order_day, created_at, updated_at)
                 select id, $1, customer_id, external_id, status, total, 0, 0, 0, refunded, 0, 'RUB',
                   channel, store_id, 'import', ordered_at, order_day, ordered_at, ordered_at
                 from unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::text[], $9::text[], $10::bigint[], $11::int[])
                   as u(id, customer_id, external_id, status, total, refunded, channel, store_id, ordered_at, order_day)`,
          values: [
            workspaceId,
            range(firstOrderId + start, firstOrderId + end),
            `{${customers.join(',')}}`,
            textArray(start, end, (k) => externalId(firstOrderId + k)),
            textArray(start, end, (k) => shopStatuses[status[k]]),
            `{${total.subarray(start, end).join(',')}}`,
            `{${refunded.subarray(start, end).join(',')}}`,
            textArray(start, end, (k) => (store[k] > 0 ? 'offline' : 'online')),
            textArray(start, end, (k) => (store[k] > 0 ? `store-${store[k]}` : 'NULL')),
            `{${orderedAt.subarray(start, end).join(',')}}`,
            `{${orderDay.subarray(start, end).join(',')}}`,
          ],
        },
      ];
    });
    await this.main.query("select setval(pg_get_serial_sequence('orders', 'id'), (select max(id) from orders))");
  }

  async execute(statements: string[]): Promise<void> {
    for (const statement of statements) await this.main.query(statement);
  }

  async columns(table: string): Promise<string[]> {
    const { rows } = await this.main.query<{ name: string }>(
      'select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position',
      [table],
    );
    return rows.map((r) => r.name);
  }

  async insertStats(workspaceId: string, now: number, columns: string[]): Promise<number> {
    const text = statsSql(columns).replace('status in (:statuses)', 'status = any($3)').replaceAll(':ws', '$1').replace(':now', '$2');
    const result = await this.main.query(text, [workspaceId, now, purchaseStatuses]);
    return result.rowCount ?? 0;
  }

  async analyze(tables: readonly string[]): Promise<void> {
    await this.main.query(`vacuum (analyze) ${tables.join(', ')}`);
  }

  async close(): Promise<void> {
    for (const client of this.clients) await client.end();
  }

  // Statements for consecutive slices of rows, the two connections taking turns; each connection
  // runs its statements in one transaction per slice.
  private async batches(count: number, build: (start: number, end: number) => { text: string; values: unknown[] }[]): Promise<void> {
    const running: (Promise<void> | null)[] = [null, null];
    let turn = 0;
    for (let start = 0; start < count; start += rowsPerStatement) {
      const statements = build(start, Math.min(count, start + rowsPerStatement));
      const client = this.clients[turn];
      await running[turn];
      const write = (async () => {
        await client.query('begin');
        for (const s of statements) await client.query(s.text, s.values);
        await client.query('commit');
      })();
      // A failure surfaces when the write is awaited, not as an unhandled rejection meanwhile.
      write.catch(() => undefined);
      running[turn] = write;
      turn = 1 - turn;
    }
    await Promise.all(running);
  }
}

// An array literal of consecutive integers.
function range(from: number, to: number): string {
  const values = new Array<number>(to - from);
  for (let i = 0; i < values.length; i++) values[i] = from + i;
  return `{${values.join(',')}}`;
}

// A text array literal; values are plain words and digits (no quoting needed), 'NULL' is null.
function textArray(start: number, end: number, value: (k: number) => string): string {
  const values = new Array<string>(end - start);
  for (let k = start; k < end; k++) values[k - start] = value(k);
  return `{${values.join(',')}}`;
}
