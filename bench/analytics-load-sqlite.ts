import SQLite from 'better-sqlite3';
import { purchaseStatuses } from '../src/common/purchase-statuses.js';
import { externalId, phoneOf, type Shop, shopStatuses } from './analytics-data.js';
import { type ShopWriter, statsSql } from './analytics-load.js';

// The SQLite side of the bulk load: its own connection to the file (the app is closed meanwhile),
// prepared multi-row INSERTs of 100 rows in transactions of 200,000 rows.

const rowsPerStatement = 100;
const rowsPerTransaction = 200_000;

/** Bulk writer over a SQLite database file. */
export class SqliteShopWriter implements ShopWriter {
  private constructor(private readonly db: SQLite.Database) {}

  /** Opens the file named by a sqlite: URL for the load. */
  static open(url: string): SqliteShopWriter {
    const db = new SQLite(url.slice('sqlite:'.length));
    db.pragma('journal_mode = WAL');
    // A throwaway database: no syncing, and a page cache large enough for the index builds.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -1048576');
    db.pragma('temp_store = MEMORY');
    return new SqliteShopWriter(db);
  }

  async schema(): Promise<string[]> {
    const rows = this.db.prepare("select type, name, sql from sqlite_master where sql is not null and name not like 'sqlite_%' order by type, name").all() as { type: string; name: string; sql: string }[];
    return rows.map((r) => `${r.type} ${r.name}: ${r.sql}`);
  }

  async dropSecondaryIndexes(tables: readonly string[]): Promise<string[]> {
    // Indexes of UNIQUE and PRIMARY KEY constraints (sql is null) cannot be dropped; they stay.
    const indexes = this.db
      .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(', ')}) order by name`)
      .all(...tables) as { name: string; sql: string }[];
    for (const index of indexes) this.db.exec(`drop index "${index.name}"`);
    return indexes.map((index) => index.sql);
  }

  async nextIds(): Promise<{ customer: number; order: number }> {
    const max = (table: string) => (this.db.prepare(`select coalesce(max(id), 0) as id from ${table}`).get() as { id: number }).id;
    return { customer: max('customers') + 1, order: max('orders') + 1 };
  }

  async insertCustomers(workspaceId: string, shop: Shop, firstId: number): Promise<void> {
    const created = shop.createdAt;
    this.bulk(
      'insert into customers (id, workspace_id, phone, traits, created_at, updated_at) values',
      "(?, @ws, ?, '{}', ?, ?)",
      4,
      created.length,
      workspaceId,
      (i, p, at) => {
        p[at] = firstId + i;
        p[at + 1] = phoneOf(i);
        p[at + 2] = created[i];
        p[at + 3] = created[i];
      },
    );
    this.bulk(
      'insert into customer_identifiers (workspace_id, kind, value, customer_id, created_at) values',
      "(@ws, 'phone', ?, ?, ?)",
      3,
      created.length,
      workspaceId,
      (i, p, at) => {
        p[at] = phoneOf(i);
        p[at + 1] = firstId + i;
        p[at + 2] = created[i];
      },
    );
  }

  async insertOrders(workspaceId: string, shop: Shop, firstCustomerId: number, firstOrderId: number): Promise<void> {
    const { customer, status, total, refunded, store, orderedAt, orderDay } = shop;
    this.bulk(
      `insert into orders (id, workspace_id, customer_id, external_id, status, total, discount, shipping, tax, refunded, points_used, currency,
         channel, store_id, source, ordered_at, order_day, created_at, updated_at) values`,
      "(?, @ws, ?, ?, ?, ?, 0, 0, 0, ?, 0, 'RUB', ?, ?, 'import', ?, ?, ?, ?)",
      12,
      customer.length,
      workspaceId,
      (k, p, at) => {
        const id = firstOrderId + k;
        p[at] = id;
        p[at + 1] = firstCustomerId + customer[k];
        p[at + 2] = externalId(id);
        p[at + 3] = shopStatuses[status[k]];
        p[at + 4] = total[k];
        p[at + 5] = refunded[k];
        p[at + 6] = store[k] > 0 ? 'offline' : 'online';
        p[at + 7] = store[k] > 0 ? `store-${store[k]}` : null;
        p[at + 8] = orderedAt[k];
        p[at + 9] = orderDay[k];
        p[at + 10] = orderedAt[k];
        p[at + 11] = orderedAt[k];
      },
    );
  }

  async execute(statements: string[]): Promise<void> {
    for (const statement of statements) this.db.exec(statement);
  }

  async columns(table: string): Promise<string[]> {
    return (this.db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
  }

  async insertStats(workspaceId: string, now: number, columns: string[]): Promise<number> {
    const text = statsSql(columns).replace(':statuses', purchaseStatuses.map(() => '?').join(', ')).replaceAll(':ws', '@ws').replace(':now', '@now');
    return this.db.prepare(text).run({ ws: workspaceId, now }, ...purchaseStatuses).changes;
  }

  async analyze(): Promise<void> {
    this.db.exec('analyze');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }

  // Rows through one prepared statement of `rowsPerStatement` rows (the rest one by one), the
  // workspace bound by name, in transactions of `rowsPerTransaction` rows.
  private bulk(head: string, row: string, width: number, count: number, workspaceId: string, fill: (i: number, params: unknown[], at: number) => void): void {
    const many = this.db.prepare(`${head} ${Array.from({ length: rowsPerStatement }, () => row).join(', ')}`);
    const one = this.db.prepare(`${head} ${row}`);
    const ws = { ws: workspaceId };
    const manyParams = new Array<unknown>(width * rowsPerStatement);
    const oneParams = new Array<unknown>(width);
    for (let start = 0; start < count; start += rowsPerTransaction) {
      const end = Math.min(count, start + rowsPerTransaction);
      this.db.transaction(() => {
        let i = start;
        for (; i + rowsPerStatement <= end; i += rowsPerStatement) {
          for (let r = 0; r < rowsPerStatement; r++) fill(i + r, manyParams, r * width);
          many.run(ws, manyParams);
        }
        for (; i < end; i++) {
          fill(i, oneParams, 0);
          one.run(ws, oneParams);
        }
      })();
    }
  }
}
