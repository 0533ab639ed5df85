import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { cityKey } from '../src/modules/customers/customer-fields.js';
import type { Shop } from './analytics-data.js';
import { PostgresShopWriter } from './analytics-load-postgres.js';
import { SqliteShopWriter } from './analytics-load-sqlite.js';
import type { BenchDatabase } from './bench-support.js';
import { benchCategories, benchCities, benchTiers, eventRow, type Events, generateEvents, generateOrderCategories, generateProfiles, isoOfDay } from './segments-data.js';

// Writes what the segments benchmark adds to a loaded analytics shop straight into the product's
// tables: profile columns and a `tier` trait, e-mail and external-id identifiers, consents, one
// order line per order and the tracking events. Secondary indexes of the tables filled are dropped
// and rebuilt (the analytics load's writers do it, from the tables' own definitions). The product's
// triggers note every written customer on customer_changes; the caller clears it afterwards, as a
// workspace that has had no segment yet would have nothing to re-evaluate.

/** Tables whose secondary indexes are rebuilt after this load. */
const filledTables = ['customer_identifiers', 'customer_consents', 'order_items', 'events'] as const;

/** Row writer of one engine: rows of a table given column by column, in one pass. */
interface RowSink {
  rows(table: string, columns: string[], count: number, row: (i: number) => (string | number | null)[]): Promise<void>;
  exec(statement: string): Promise<void>;
  close(): Promise<void>;
}

/** Timings of the phases of the load. */
export type ExtrasReport = { name: string; ms: number }[];

/** Generates and writes the extras for a shop loaded from customer id `firstCustomerId` and order id `firstOrderId`. */
export async function loadExtras(
  database: BenchDatabase, workspaceId: string, shop: Shop, events: number, ids: { customer: number; order: number }, log: (line: string) => void,
): Promise<ExtrasReport> {
  const phases: ExtrasReport = [];
  const phase = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const t = performance.now();
    const out = await work();
    const ms = performance.now() - t;
    phases.push({ name, ms });
    log(`  load: ${name} ${(ms / 1000).toFixed(1)} s`);
    return out;
  };
  const profiles = await phase('generate profiles and order lines', () => generateProfiles(shop));
  const categories = generateOrderCategories(shop, profiles);
  const generated = await phase(`generate ${events.toLocaleString('en')} events`, () => generateEvents(shop, profiles, events));
  const writer = database.engine === 'sqlite' ? SqliteShopWriter.open(database.url) : await PostgresShopWriter.open(database.url);
  const sink = database.engine === 'sqlite' ? sqliteSink(database.url) : await postgresSink(database.url);
  try {
    const recreate = await writer.dropSecondaryIndexes(filledTables);
    const n = shop.createdAt.length;
    const id = (i: number) => ids.customer + i;
    await phase('profiles (city, gender, birth date, e-mail, tier)', async () => {
      await sink.exec('create table bench_profiles (id bigint primary key, city text, city_key text, gender text, birth_date text, email text, traits text)');
      await sink.rows('bench_profiles', ['id', 'city', 'city_key', 'gender', 'birth_date', 'email', 'traits'], n, (i) => {
        const birth = profiles.birthDay[i] ?? Number.NaN;
        const tier = profiles.tier[i] ?? 0;
        const city = benchCities[profiles.city[i] ?? 0]?.[0] ?? null;
        return [
          id(i), city, cityKey(city), profiles.gender[i] === 1 ? 'female' : profiles.gender[i] === 2 ? 'male' : null,
          Number.isNaN(birth) ? null : isoOfDay(birth), profiles.hasEmail[i] === 1 ? emailOf(id(i)) : null,
          tier > 0 ? JSON.stringify({ tier: benchTiers[tier - 1] }) : '{}',
        ];
      });
      const traits = database.engine === 'sqlite' ? 'p.traits' : 'p.traits::jsonb';
      await sink.exec(`update customers set city = p.city, city_key = p.city_key, gender = p.gender, birth_date = p.birth_date, email = p.email, traits = ${traits}
        from bench_profiles p where customers.id = p.id and customers.workspace_id = '${workspaceId}'`);
      await sink.exec('drop table bench_profiles');
    });
    await phase('identifiers (e-mail, external id) and consents', async () => {
      const emails: number[] = [];
      for (let i = 0; i < n; i++) if (profiles.hasEmail[i] === 1) emails.push(i);
      await sink.rows('customer_identifiers', ['workspace_id', 'kind', 'value', 'customer_id', 'created_at'], emails.length, (k) => {
        const i = emails[k] ?? 0;
        return [workspaceId, 'email', emailOf(id(i)), id(i), shop.createdAt[i] ?? 0];
      });
      await sink.rows('customer_identifiers', ['workspace_id', 'kind', 'value', 'customer_id', 'created_at'], n, (i) => [workspaceId, 'external_id', keyOf(id(i)), id(i), shop.createdAt[i] ?? 0]);
      const consents: [number, string, number][] = [];
      for (let i = 0; i < n; i++) {
        if ((profiles.emailConsent[i] ?? 0) > 0) consents.push([i, 'email', profiles.emailConsent[i] ?? 0]);
        if ((profiles.smsConsent[i] ?? 0) > 0) consents.push([i, 'sms', profiles.smsConsent[i] ?? 0]);
      }
      await sink.rows('customer_consents', ['workspace_id', 'customer_id', 'channel', 'status', 'source', 'updated_at'], consents.length, (k) => {
        const [i, channel, status] = consents[k] ?? [0, 'email', 1];
        return [workspaceId, id(i), channel, status === 1 ? 'granted' : 'revoked', 'import', shop.createdAt[i] ?? 0];
      });
    });
    await phase(`order lines (${shop.customer.length.toLocaleString('en')})`, () =>
      sink.rows('order_items', ['workspace_id', 'order_id', 'customer_id', 'product_id', 'sku', 'name', 'category', 'price', 'quantity'], shop.customer.length, (k) => {
        const category = categories[k] ?? 0;
        return [workspaceId, ids.order + k, id(shop.customer[k] ?? 0), `p${category}`, `SKU-${category}`, `Товар ${category}`, benchCategories[category] ?? null, shop.total[k] ?? 0, 1];
      }),
    );
    await phase(`events (${events.toLocaleString('en')})`, () => writeEvents(sink, workspaceId, generated, ids.customer));
    await phase(`recreate ${recreate.length} indexes`, () => writer.execute(recreate));
    // The load's own writes are not changes a segment has to look at.
    await sink.exec('delete from customer_changes');
    await phase('analyze', () => writer.analyze([...filledTables, 'customers']));
    return phases;
  } finally {
    await sink.close();
    await writer.close();
  }
}

function writeEvents(sink: RowSink, workspaceId: string, events: Events, firstCustomerId: number): Promise<void> {
  const columns = ['workspace_id', 'customer_id', 'type', 'name', 'message_id', 'properties', 'context', 'timestamp', 'received_at', 'category_key', 'price', 'campaign_source_key'];
  return sink.rows('events', columns, events.customer.length, (e) => {
    const row = eventRow(events, e);
    const at = events.timestamp[e] ?? 0;
    return [workspaceId, firstCustomerId + (events.customer[e] ?? 0), row.type, row.name, `bench-${e}`, row.properties, row.context, at, at, row.category_key, row.price, row.campaign_source_key];
  });
}

/** The e-mail of a loaded customer. */
export function emailOf(customerId: number): string {
  return `c${customerId}@example.ru`;
}

/** The external id (the tracking API's userId) of a loaded customer. */
export function keyOf(customerId: number): string {
  return `c${customerId}`;
}

function sqliteSink(url: string): RowSink {
  const db = new SQLite(url.slice('sqlite:'.length));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  // kl_fold is not needed by this load's statements, but the triggers on customers do not call it either.
  return {
    async rows(table, columns, count, row) {
      const per = Math.max(1, Math.floor(900 / columns.length));
      const placeholders = `(${columns.map(() => '?').join(', ')})`;
      const many = db.prepare(`insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: per }, () => placeholders).join(', ')}`);
      const one = db.prepare(`insert into ${table} (${columns.join(', ')}) values ${placeholders}`);
      const step = 200_000;
      for (let start = 0; start < count; start += step) {
        const end = Math.min(count, start + step);
        db.transaction(() => {
          let i = start;
          const params: (string | number | null)[] = [];
          for (; i + per <= end; i += per) {
            params.length = 0;
            for (let r = 0; r < per; r++) params.push(...row(i + r));
            many.run(params);
          }
          for (; i < end; i++) one.run(row(i));
        })();
      }
    },
    async exec(statement) {
      db.exec(statement);
    },
    async close() {
      db.close();
    },
  };
}

async function postgresSink(url: string): Promise<RowSink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("set maintenance_work_mem = '1GB'");
  await client.query("set work_mem = '256MB'");
  return {
    async rows(table, columns, count, row) {
      const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`));
      await pipeline(Readable.from(csvLines(count, row)), stream);
    },
    async exec(statement) {
      await client.query(statement);
    },
    async close() {
      await client.end();
    },
  };
}

// CSV text in chunks of a few thousand rows (an empty unquoted field is NULL to COPY).
function* csvLines(count: number, row: (i: number) => (string | number | null)[]): Generator<string> {
  const chunk = 5000;
  for (let start = 0; start < count; start += chunk) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(count, start + chunk); i++) lines.push(row(i).map(csvField).join(','));
    yield `${lines.join('\n')}\n`;
  }
}

/** A CSV field: null empty, text quoted when it must be. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return value === '' || /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
