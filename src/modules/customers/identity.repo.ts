import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Identifier } from '../../common/identifiers.js';

/** An identifier with the customer it belongs to. */
export interface OwnedIdentifier extends Identifier {
  customerId: number;
}

/** SQL for identifiers and merges. Construct it on a transaction for work that must be atomic. */
export class IdentityRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** The owners of any of the given identifiers (one indexed `kind = ? and value in (…)` query per kind). */
  async owners(workspaceId: string, ids: Identifier[]): Promise<OwnedIdentifier[]> {
    const byKind = new Map<string, string[]>();
    for (const id of ids) byKind.set(id.kind, [...(byKind.get(id.kind) ?? []), id.value]);
    const out: OwnedIdentifier[] = [];
    for (const [kind, values] of byKind) {
      const rows = await this.db
        .selectFrom('customer_identifiers')
        .select(['value', 'customer_id'])
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', kind)
        .where('value', 'in', values)
        .execute();
      for (const r of rows) out.push({ kind: kind as Identifier['kind'], value: r.value, customerId: r.customer_id });
    }
    return out;
  }

  /** External ids held by the given customers. */
  async externalIds(workspaceId: string, customerIds: number[]): Promise<Map<number, string>> {
    if (customerIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('customer_identifiers')
      .select(['customer_id', 'value'])
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', 'external_id')
      .where('customer_id', 'in', customerIds)
      .execute();
    return new Map(rows.map((r) => [r.customer_id, r.value]));
  }

  /** Attaches identifiers to a customer; ones already owned (by anyone) are left alone. */
  async attach(workspaceId: string, customerId: number, ids: Identifier[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .insertInto('customer_identifiers')
      .values(ids.map((id) => ({ workspace_id: workspaceId, kind: id.kind, value: id.value, customer_id: customerId, created_at: now })))
      .onConflict((oc) => oc.columns(['workspace_id', 'kind', 'value']).doNothing())
      .execute();
  }

  /** Removes one identifier from a customer. */
  async detach(workspaceId: string, customerId: number, id: Identifier): Promise<void> {
    await this.db
      .deleteFrom('customer_identifiers')
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId)
      .where('kind', '=', id.kind)
      .where('value', '=', id.value)
      .execute();
  }

  /** All identifiers of a customer. */
  async identifiersOf(workspaceId: string, customerId: number) {
    return this.db
      .selectFrom('customer_identifiers')
      .select(['kind', 'value', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId)
      .orderBy('created_at')
      .execute();
  }

  /** Moves every customer-scoped row of the loser to the survivor and records the merge. */
  async moveAll(workspaceId: string, survivorId: number, loserId: number, reason: string, now: number): Promise<void> {
    const db = this.db;
    for (const table of ['customer_identifiers', 'events', 'orders', 'order_items'] as const) {
      await db
        .updateTable(table)
        .set({ customer_id: survivorId })
        .where('workspace_id', '=', workspaceId)
        .where('customer_id', '=', loserId)
        .execute();
    }
    // Consent the survivor already has wins; the loser's fills the gaps.
    await sql`
      insert into customer_consents (workspace_id, customer_id, channel, status, source, updated_at)
      select workspace_id, ${survivorId}, channel, status, source, updated_at
      from customer_consents where workspace_id = ${workspaceId} and customer_id = ${loserId}
      on conflict (workspace_id, customer_id, channel) do nothing`.execute(db);
    await db.deleteFrom('customer_consents').where('workspace_id', '=', workspaceId).where('customer_id', '=', loserId).execute();
    // The survivor keeps its last device; the loser's fills the fields it has none of. The last touch
    // is the later of the two (a tie: the survivor's), its tags taken together. The order numbers are
    // recomputed from the moved orders by the caller, so the loser's stats row goes.
    const loserNewer = sql`l.last_utm_at is not null and (customer_stats.last_utm_at is null or l.last_utm_at > customer_stats.last_utm_at)`;
    const touch = ['last_utm_source', 'last_utm_medium', 'last_utm_campaign', 'last_utm_at']
      .map((c) => sql`${sql.raw(c)} = case when ${loserNewer} then ${sql.raw(`l.${c}`)} else ${sql.raw(`customer_stats.${c}`)} end`);
    await sql`
      update customer_stats set
        last_device = coalesce(customer_stats.last_device, l.last_device),
        last_os = coalesce(customer_stats.last_os, l.last_os),
        last_browser = coalesce(customer_stats.last_browser, l.last_browser),
        locale = coalesce(customer_stats.locale, l.locale),
        ${sql.join(touch)}
      from customer_stats l
      where customer_stats.workspace_id = ${workspaceId} and customer_stats.customer_id = ${survivorId}
        and l.workspace_id = ${workspaceId} and l.customer_id = ${loserId}`.execute(db);
    await db.deleteFrom('customer_stats').where('workspace_id', '=', workspaceId).where('customer_id', '=', loserId).execute();
    // Earlier losers of the loser now point straight at the survivor, so lookups take one step.
    await db
      .updateTable('customers')
      .set({ merged_into: survivorId, updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb('id', '=', loserId), eb('merged_into', '=', loserId)]))
      .execute();
    await db
      .insertInto('customer_merges')
      .values({ workspace_id: workspaceId, survivor_id: survivorId, loser_id: loserId, reason, created_at: now })
      .onConflict((oc) => oc.columns(['workspace_id', 'loser_id']).doNothing())
      .execute();
  }

  /** Merges recorded for a customer (as survivor), newest first. */
  async mergesInto(workspaceId: string, survivorId: number) {
    return this.db
      .selectFrom('customer_merges')
      .select(['loser_id', 'reason', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .where('survivor_id', '=', survivorId)
      .orderBy('created_at', 'desc')
      .execute();
  }
}
