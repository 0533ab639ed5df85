import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/platform/db/schema.js';

/** The customer_changes rows one statement writes, folded per customer: customer → kinds. */
export async function changesWrittenBy(db: Kysely<Database>, statement: () => Promise<unknown>): Promise<Map<number, number>> {
  const top = Number((await sql<{ n: number | null }>`select max(id) as n from customer_changes`.execute(db)).rows[0]?.n ?? 0);
  await statement();
  const rows = (await sql<{ customer_id: number; kinds: number }>`select customer_id, kinds from customer_changes where id > ${top}`.execute(db)).rows;
  const out = new Map<number, number>();
  for (const r of rows) out.set(Number(r.customer_id), (out.get(Number(r.customer_id)) ?? 0) | Number(r.kinds));
  return out;
}
