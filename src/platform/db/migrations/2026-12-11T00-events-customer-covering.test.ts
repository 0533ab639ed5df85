import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/harness.js';
import { activityScanSql, activityScans } from '../../../modules/segments/activity-scans.js';
import type { EventCondition } from '../../../modules/segments/segment-rules.schemas.js';
import { openDatabase } from '../database.js';
import { migrateToLatest, migrations } from '../migrator.js';
import type { Database } from '../schema.js';

const name = '2026-12-11T00-events-customer-covering';
const before = Object.keys(migrations).filter((n) => n < name).at(-1) ?? '';
const migrator = (db: Kysely<Database>, list: Record<string, Migration>) => new Migrator({ db, provider: { getMigrations: async () => list } });

const viewed = (where: EventCondition['where']): EventCondition => ({
  kind: 'event', type: 'track', name: 'Product Viewed', where, frequency: { op: 'atLeast', count: 1 }, window: { kind: 'lastDays', days: 30 },
});

describe.each(testDatabases())('covering customer index of events on $name', (database) => {
  it('lets a re-check read customers\u2019 events of a name, category and price from the index alone', async () => {
    const db = openDatabase(await database.url({ fresh: true }));
    try {
      await migrateToLatest(db);
      const [scan] = activityScans([viewed([{ path: 'category', op: 'eq', value: 'Обувь' }]), viewed([{ path: 'price', op: 'gte', value: 5000 }])]);
      if (!scan) throw new Error('expected a scan');
      const ctx = { caps: db.caps, workspaceId: 'w', now: Date.UTC(2026, 11, 1), timezone: 'Europe/Moscow', customerIds: [1, 2, 3] };
      if (db.caps.name === 'sqlite') {
        const plan = await sql<{ detail: string }>`explain query plan ${activityScanSql(scan, ctx)}`.execute(db.kysely);
        expect(plan.rows.map((r) => r.detail).join('; ')).toMatch(/SEARCH e USING COVERING INDEX events_customer_time \(workspace_id=\? AND customer_id=\? AND timestamp>\?\)/);
      } else {
        const def = await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = 'events_customer_time'`.execute(db.kysely);
        expect(def.rows[0]?.indexdef).toMatch(/\(workspace_id, customer_id, "timestamp"\) INCLUDE \(type, name, category_key, price, campaign_source_key\)/);
      }
      // The scan runs (and finds nothing in an empty workspace).
      expect(await db.arrays(activityScanSql(scan, ctx).compile(db.kysely))).toEqual([]);
      expect((await migrator(db.kysely, migrations).migrateTo(before)).error).toBeUndefined();
      await migrateToLatest(db);
    } finally {
      await db.close();
    }
  });
});
