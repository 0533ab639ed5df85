import type { Kysely } from 'kysely';
import { readJson, writeJson } from '../../platform/db/normalize.js';
import type { CustomersTable, Database } from '../../platform/db/schema.js';
import { type CustomerFields, searchName, toColumns, toDeviceColumns } from './customer-fields.js';

/** A customer row with traits parsed. */
export type CustomerRow = Omit<CustomersTable, 'id' | 'traits'> & { id: number; traits: Record<string, unknown> };

/** A consent row. */
export interface ConsentRow {
  channel: string;
  status: string;
  source: string | null;
  updated_at: number;
}

/** SQL for customer profiles and consent. Construct it on a transaction for atomic work. */
export class CustomersRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Inserts a profile with a zero stats row (so lists sort by stats through one index) and returns its
   * id. The stats row also holds the last-device fields.
   */
  async insert(workspaceId: string, fields: CustomerFields, traits: Record<string, unknown>, now: number): Promise<number> {
    const row = await this.db
      .insertInto('customers')
      .values({
        workspace_id: workspaceId,
        ...toColumns(fields),
        search_name: searchName(fields.lastName ?? null, fields.firstName ?? null, fields.middleName ?? null),
        traits: writeJson(traits),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto('customer_stats')
      .values({
        workspace_id: workspaceId, customer_id: row.id, first_order_at: null, last_order_at: null, orders_count: 0,
        order_days: 0, revenue: 0, avg_check: 0, last_activity_at: null, updated_at: now,
        first_order_day: null, last_order_day: null, prev_order_day: null, first_day_value: null,
        ...toDeviceColumns(fields),
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'customer_id']).doNothing())
      .execute();
    return row.id;
  }

  /** One profile by id (merged profiles included: see merged_into). */
  async get(workspaceId: string, id: number): Promise<CustomerRow | undefined> {
    const row = await this.db
      .selectFrom('customers')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { ...row, traits: readJson(row.traits, {}) } : undefined;
  }

  /** Several profiles by id. */
  async getMany(workspaceId: string, ids: number[]): Promise<CustomerRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
    return rows.map((row) => ({ ...row, traits: readJson(row.traits, {}) }));
  }

  /**
   * Writes fields and, when given, the whole traits object; keeps the name-search column in step.
   * The last-device fields go to the customer's stats row, where tracking writes them too.
   */
  async update(workspaceId: string, id: number, fields: CustomerFields, traits: Record<string, unknown> | null, now: number): Promise<void> {
    await this.db
      .updateTable('customers')
      .set({ ...toColumns(fields), ...(traits ? { traits: writeJson(traits) } : {}), updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
    const devices = toDeviceColumns(fields);
    if (Object.keys(devices).length > 0) {
      await this.db
        .updateTable('customer_stats')
        .set({ ...devices, updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('customer_id', '=', id)
        .execute();
    }
    if (fields.firstName !== undefined || fields.lastName !== undefined || fields.middleName !== undefined) {
      const names = await this.db
        .selectFrom('customers')
        .select(['last_name', 'first_name', 'middle_name'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (names) {
        await this.db
          .updateTable('customers')
          .set({ search_name: searchName(names.last_name, names.first_name, names.middle_name) })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .execute();
      }
    }
  }

  /** Consent per channel of a customer. */
  async consents(workspaceId: string, customerId: number): Promise<ConsentRow[]> {
    return this.db
      .selectFrom('customer_consents')
      .select(['channel', 'status', 'source', 'updated_at'])
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', customerId)
      .execute();
  }

  /** Sets consent for a channel. */
  async setConsent(workspaceId: string, customerId: number, channel: string, status: string, source: string | null, at: number): Promise<void> {
    await this.db
      .insertInto('customer_consents')
      .values({ workspace_id: workspaceId, customer_id: customerId, channel, status, source, updated_at: at })
      .onConflict((oc) => oc.columns(['workspace_id', 'customer_id', 'channel']).doUpdateSet({ status, source, updated_at: at }))
      .execute();
  }

  /** Erases a profile's personal data, keeping an anonymous shell so orders still add up in analytics. */
  async erase(workspaceId: string, id: number, now: number): Promise<void> {
    const db = this.db;
    const blank: CustomerFields = {
      firstName: null, lastName: null, middleName: null, phone: null, email: null, gender: null, birthDate: null,
      city: null, region: null, country: null, lastDevice: null, lastOs: null, lastBrowser: null, managerUserId: null,
      source: null, utmSource: null, utmMedium: null, utmCampaign: null, preferredChannel: null, locale: null,
    };
    await db
      .updateTable('customers')
      .set({ ...toColumns(blank), search_name: null, traits: writeJson({}), erased_at: now, updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .execute();
    // The stats row keeps the order numbers (orders stay, anonymous) but not the device or the last touch.
    await db
      .updateTable('customer_stats')
      .set({ ...toDeviceColumns(blank), last_utm_source: null, last_utm_medium: null, last_utm_campaign: null, last_utm_at: null, updated_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('customer_id', '=', id)
      .execute();
    await db.deleteFrom('customer_identifiers').where('workspace_id', '=', workspaceId).where('customer_id', '=', id).execute();
    await db.deleteFrom('customer_consents').where('workspace_id', '=', workspaceId).where('customer_id', '=', id).execute();
    // Events carry free-form personal data (traits, IPs, URLs); they go. Orders stay without the person.
    await db.deleteFrom('events').where('workspace_id', '=', workspaceId).where('customer_id', '=', id).execute();
  }

  /** Records an erasure request. */
  async recordErasure(workspaceId: string, customerId: number, requestedBy: string | null, reason: string | null, now: number): Promise<void> {
    await this.db
      .insertInto('customer_erasures')
      .values({ workspace_id: workspaceId, customer_id: customerId, requested_by: requestedBy, reason, created_at: now })
      .execute();
  }
}

