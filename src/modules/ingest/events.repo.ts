import type { Insertable, Kysely } from 'kysely';
import type { Database, EventsTable } from '../../platform/db/schema.js';

/** A new event row. */
export type NewEventRow = Insertable<EventsTable>;

/** SQL for the events table. Construct it on a transaction for atomic work. */
export class EventsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Which of these message ids the workspace has already stored. */
  async seenMessageIds(workspaceId: string, messageIds: string[]): Promise<Set<string>> {
    const seen = new Set<string>();
    // Chunks keep the statement under every engine's parameter limit.
    for (let i = 0; i < messageIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('events')
        .select('message_id')
        .where('workspace_id', '=', workspaceId)
        .where('message_id', 'in', messageIds.slice(i, i + 500))
        .execute();
      for (const r of rows) seen.add(r.message_id);
    }
    return seen;
  }

  /** Inserts events (multi-row); a message id stored meanwhile by another request is skipped. */
  async insertMany(rows: NewEventRow[]): Promise<void> {
    // 10 columns a row: 200 rows stay well under SQLite's and PostgreSQL's parameter limits.
    for (let i = 0; i < rows.length; i += 200) {
      await this.db
        .insertInto('events')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) => oc.columns(['workspace_id', 'message_id']).doNothing())
        .execute();
    }
  }
}
