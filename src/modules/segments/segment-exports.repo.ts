import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { Database, SegmentExportsTable } from '../../platform/db/schema.js';
import type { MemberContacts } from './audience-files.js';

/** A stored export row. */
export type ExportRow = Selectable<SegmentExportsTable>;

/** SQL of audience exports: the records, and the members' contacts in pages. */
export class SegmentExportsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records a requested export. */
  async insert(row: Insertable<SegmentExportsTable>): Promise<void> {
    await this.db.insertInto('segment_exports').values(row).execute();
  }

  /** Changes an export's status, progress or outcome. */
  async update(id: string, patch: Updateable<SegmentExportsTable>): Promise<void> {
    await this.db.updateTable('segment_exports').set(patch).where('id', '=', id).execute();
  }

  /** An export of the workspace. */
  async get(workspaceId: string, id: string): Promise<ExportRow | undefined> {
    return this.db.selectFrom('segment_exports').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  }

  /** A segment's exports, newest first. */
  async list(workspaceId: string, segmentId: string, limit: number): Promise<ExportRow[]> {
    return this.db.selectFrom('segment_exports').selectAll().where('workspace_id', '=', workspaceId).where('segment_id', '=', segmentId)
      .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /**
   * Members after `afterId` with their contacts; a phone whose customer refused SMS, or an e-mail
   * whose customer refused e-mail, reads as null.
   */
  async contacts(workspaceId: string, segmentId: string, afterId: number, limit: number): Promise<MemberContacts[]> {
    const refused = (channel: string) => sql<boolean>`exists (select 1 from customer_consents k
      where k.workspace_id = c.workspace_id and k.customer_id = c.id and k.channel = ${channel} and k.status = 'revoked')`;
    const result = await sql<{ id: number; last_name: string | null; first_name: string | null; middle_name: string | null; phone: string | null; email: string | null; city: string | null; orders_count: number | null; revenue: number | null }>`
      select c.id, c.last_name, c.first_name, c.middle_name,
        case when ${refused('sms')} then null else c.phone end as phone,
        case when ${refused('email')} then null else c.email end as email,
        c.city, s.orders_count, s.revenue
      from segment_members m
      join customers c on c.workspace_id = m.workspace_id and c.id = m.customer_id
      left join customer_stats s on s.workspace_id = c.workspace_id and s.customer_id = c.id
      where m.workspace_id = ${workspaceId} and m.segment_id = ${segmentId} and m.customer_id > ${afterId}
        and c.merged_into is null and c.erased_at is null
      order by m.customer_id limit ${limit}`.execute(this.db);
    return result.rows.map((r) => ({
      id: Number(r.id), lastName: r.last_name, firstName: r.first_name, middleName: r.middle_name, phone: r.phone, email: r.email, city: r.city,
      ordersCount: Number(r.orders_count ?? 0), revenue: Number(r.revenue ?? 0),
    }));
  }
}
