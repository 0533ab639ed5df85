import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/harness.js';
import { eventColumns } from '../../../modules/ingest/event-columns.js';
import { openDatabase } from '../database.js';
import { migrateToLatest, migrations } from '../migrator.js';
import type { Database } from '../schema.js';

const name = '2026-12-10T20-event-property-columns';
const before = Object.keys(migrations).filter((n) => n < name).at(-1) ?? '';
const migrator = (db: Kysely<Database>, list: Record<string, Migration>) => new Migrator({ db, provider: { getMigrations: async () => list } });

// Stored events of every shape get the columns ingestion would give them (eventColumns).
const shapes: { properties: unknown; context: unknown }[] = [
  { properties: { category: 'ОБУВЬ Ёлки', price: 5000 }, context: { campaign: { source: 'Yandex', medium: 'cpc' } } },
  { properties: { category: 12, price: '5000' }, context: { campaign: { source: 7 } } },
  { properties: { category: null, price: 4999.5 }, context: { campaign: 'yandex' } },
  { properties: { category: ['a'], price: true }, context: {} },
  { properties: { price: 12345678901 }, context: { campaign: { source: '' } } },
  { properties: {}, context: {} },
  { properties: { 'category.x': 'dotted', Category: 'Case' }, context: { campaign: { Source: 'x' } } },
];

describe.each(testDatabases())('event property columns migration on $name', (database) => {
  it('fills category, price and campaign source of stored events as ingestion does, and goes down and up', async () => {
    const db = openDatabase(await database.url({ fresh: true }));
    const k = db.kysely;
    try {
      await migrator(k, migrations).migrateTo(before);
      await sql`insert into workspaces (id, name, timezone, currency, phone_region, created_at, updated_at) values ('w', 'Shop', 'Europe/Moscow', 'RUB', 'RU', 0, 0)`.execute(k);
      await sql`insert into customers (id, workspace_id, traits, created_at, updated_at) values (1, 'w', '{}', 0, 0)`.execute(k);
      for (const [i, s] of shapes.entries()) {
        await sql`insert into events (workspace_id, customer_id, type, name, message_id, properties, context, timestamp, received_at)
          values ('w', 1, 'track', 'Product Viewed', ${`m${i}`}, ${JSON.stringify(s.properties)}, ${JSON.stringify(s.context)}, 0, 0)`.execute(k);
      }
      await migrateToLatest(db);
      const rows = await sql<{ message_id: string; category_key: string | null; price: number | string | null; campaign_source_key: string | null }>`
        select message_id, category_key, price, campaign_source_key from events order by message_id`.execute(k);
      expect(rows.rows.map((r) => ({ category_key: r.category_key, price: r.price === null ? null : Number(r.price), campaign_source_key: r.campaign_source_key })))
        .toEqual(shapes.map((s) => eventColumns(s.properties, s.context)));
      expect((await migrator(k, migrations).migrateTo(before)).error).toBeUndefined();
      const columns = (await k.introspection.getTables()).find((t) => t.name === 'events')?.columns.map((c) => c.name) ?? [];
      expect(columns).not.toContain('category_key');
      await migrateToLatest(db);
      expect(Number((await sql<{ n: number }>`select count(*) as n from events where category_key = 'обувь елки'`.execute(k)).rows[0]?.n)).toBe(1);
    } finally {
      await db.close();
    }
  });
});

describe('event columns of a tracked message', () => {
  it('keep a value only when it is of the column JSON type', () => {
    expect(eventColumns({ category: 'Ёлки', price: 10 }, { campaign: { source: 'VK' } })).toEqual({ category_key: 'елки', price: 10, campaign_source_key: 'vk' });
    expect(eventColumns({ category: 1, price: '10' }, { campaign: ['vk'] })).toEqual({ category_key: null, price: null, campaign_source_key: null });
    expect(eventColumns(null, 'text')).toEqual({ category_key: null, price: null, campaign_source_key: null });
    // An inherited key is not a property.
    expect(eventColumns(Object.create({ category: 'x' }), {})).toEqual({ category_key: null, price: null, campaign_source_key: null });
  });
});
