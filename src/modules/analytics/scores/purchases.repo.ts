import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';
import type { Db } from '../../../platform/db/database.js';
import { readCopyBinary } from '../../../platform/db/copy-binary.js';
import { purchaseStatuses } from '../../../common/purchase-statuses.js';

// Purchases per page on SQLite: small enough to be let go young (cheap to collect).
const pageSize = 20_000;

/** SQL that reads purchases for the score computation: the churn window's sample, the KPI index. */
export class PurchasesRepo {
  private readonly db: Kysely<Database>;

  constructor(private readonly database: Db) {
    this.db = database.kysely;
  }

  /**
   * Purchase days of a systematic sample of the customers with a repeat purchase (every k-th by id,
   * so at most about `maxCustomers` of them; all when fewer), in order of customer and day.
   */
  async repeatPurchaseDays(workspaceId: string, maxCustomers: number): Promise<{ customer_id: number; order_day: number }[]> {
    const counted = await sql<{ n: number }>`select count(*) as n from customer_stats where workspace_id = ${workspaceId} and order_days >= 2`.execute(this.db);
    const step = Math.max(1, Math.ceil(Number(counted.rows[0]?.n ?? 0) / maxCustomers));
    const result = await sql<{ customer_id: number; order_day: number }>`
      select o.customer_id, o.order_day
      -- "cross join" keeps SQLite on this order (the sampled customers first, then their orders by
      -- index); left to itself it may walk every order of the workspace instead.
      from customer_stats s cross join orders o
      where s.workspace_id = ${workspaceId} and s.order_days >= 2 and s.customer_id % ${step} = 0
        and o.workspace_id = s.workspace_id and o.customer_id = s.customer_id and o.status in (${sql.join(purchaseStatuses)})
      group by o.customer_id, o.order_day
      order by o.customer_id, o.order_day`.execute(this.db);
    return result.rows.map((r) => ({ customer_id: Number(r.customer_id), order_day: Number(r.order_day) }));
  }

  /**
   * Every purchase (customer, local day, net value) up to a day, in no particular order: on
   * PostgreSQL one binary COPY; on SQLite pages of 20,000 by order id (a sequential read), as arrays.
   */
  async forEachPurchase(workspaceId: string, lastDay: number, onPurchase: (customerId: number, day: number, value: number) => void): Promise<void> {
    if (this.database.copyTo) {
      await this.database.copyTo(
        `copy (select customer_id, order_day, total - refunded from orders
               where workspace_id = current_setting('klientura.workspace_id') and order_day <= current_setting('klientura.last_day')::integer
                 and status = any(string_to_array(current_setting('klientura.statuses'), ','))) to stdout with (format binary)`,
        { workspace_id: workspaceId, last_day: String(lastDay), statuses: purchaseStatuses.join(',') },
        (chunks) => readCopyBinary(chunks, ['int8', 'int4', 'int8'], (row) => onPurchase(row[0] as number, row[1] as number, row[2] as number)),
      );
      return;
    }
    for (let after = 0; ; ) {
      const page = await this.database.arrays(
        sql`select id, customer_id, order_day, total - refunded from orders
            where workspace_id = ${workspaceId} and id > ${after} and order_day <= ${lastDay} and status in (${sql.join(purchaseStatuses)})
            order by id limit ${pageSize}`.compile(this.db),
      );
      for (const row of page) onPurchase(Number(row[1]), Number(row[2]), Number(row[3]));
      if (page.length < pageSize) return;
      after = Number(page[page.length - 1][0]);
    }
  }
}
