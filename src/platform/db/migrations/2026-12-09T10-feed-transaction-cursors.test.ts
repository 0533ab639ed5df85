import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/harness.js';
import { ChangeFeedRepo } from '../../../modules/segments/change-feed.repo.js';
import { openDatabase } from '../database.js';
import { migrateToLatest, migrations } from '../migrator.js';
import type { Database } from '../schema.js';

// Cursors kept as row ids before this migration become (transaction, id) cursors that pass no row
// they had not read (rows they had read may come once more), and go back to ids on the way down.

const name = '2026-12-09T10-feed-transaction-cursors';
const before: Record<string, Migration> = Object.fromEntries(Object.entries(migrations).filter(([n]) => n < name));
const migrator = (db: Kysely<Database>, list: Record<string, Migration>) => new Migrator({ db, provider: { getMigrations: async () => list } });
const postgres = testDatabases().filter((d) => d.name === 'postgres');

describe.each(postgres)('feed transaction cursors migration on $name', (database) => {
  it('moves id cursors to just before the first row they had not read, and back', async () => {
    const db = openDatabase(await database.url({ fresh: true }));
    try {
      expect((await migrator(db.kysely, before).migrateToLatest()).error).toBeUndefined();
      // Ids and transactions in different orders, as concurrent writers leave them; transaction ids
      // far below any running transaction, so every row is settled.
      await sql`insert into customer_changes (id, workspace_id, customer_id, kinds, tx) values
        (1, 'w', 11, 1, '5'), (2, 'w', 12, 1, '3'), (3, 'w', 13, 1, '4'), (4, 'v', 14, 1, '1')`.execute(db.kysely);
      await sql`insert into segment_changes (id, workspace_id, segment_id, customer_id, entered, at, tx) values
        (1, 'w', 's', 11, 1, 0, '4'), (2, 'w', 's', 12, 1, 0, '3')`.execute(db.kysely);
      await sql`insert into feed_cursors (consumer, position, updated_at) values
        ('segments:w', 2, 0), ('segments:w#lease', 123, 0), ('membership:journeys', 1, 0)`.execute(db.kysely);
      await migrateToLatest(db);

      const feed = new ChangeFeedRepo(db.kysely, db.caps);
      // The evaluator had read ids 1 and 2: id 3 (tx 4) comes next, and id 1 (tx 5) once more.
      const changes = await feed.customerChanges('w', await feed.position('segments:w'), 10);
      expect(changes.map((c) => c.id)).toEqual([3, 1]);
      // The membership reader had read id 1: id 2 (tx 3) comes, then id 1 (tx 4) once more.
      const entries = await feed.membershipChanges(await feed.position('membership:journeys'), 10);
      expect(entries.map((c) => c.id)).toEqual([2, 1]);
      expect(Number((await sql<{ position: number }>`select position from feed_cursors where consumer = 'segments:w#lease'`.execute(db.kysely)).rows[0]?.position)).toBe(123);

      // The evaluator reads on to (5, 1): going down, nothing is unread and the cursor is the last id.
      await feed.advance('segments:w', { tx: '5', id: 1 }, 1);
      await feed.advance('membership:journeys', { tx: '3', id: 2 }, 1);
      expect((await migrator(db.kysely, migrations).migrateTo(Object.keys(before).at(-1) ?? '')).error).toBeUndefined();
      const positions = await sql<{ consumer: string; position: number }>`select consumer, position from feed_cursors order by consumer`.execute(db.kysely);
      // membership: id 1 (tx 4) is still unread after (3, 2), so the id cursor stops before it.
      expect(positions.rows.map((r) => [r.consumer, Number(r.position)])).toEqual([['membership:journeys', 0], ['segments:w', 3], ['segments:w#lease', 123]]);
    } finally {
      await db.close();
    }
  });
});
