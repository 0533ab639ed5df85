import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

// Three event properties that segment rules read most are kept as columns beside the JSON:
// `category_key` (properties.category as text, folded), `price` (properties.price as a number) and
// `campaign_source_key` (context.campaign.source as text, folded). Each holds what the JSON path
// reads (json-sql.ts) — the value when it is of that JSON type, else null — and text is kept folded
// (kl_fold: lower case, ё as е) since every text operator of a rule compares folded text; so a rule
// reads the column instead of parsing every event's JSON (8–10 times slower than DuckDB over
// columns at a million customers) and folding it on every read (a function call per row on
// SQLite). Ingestion fills them (src/modules/ingest/event-columns.ts); this migration fills stored
// events that have the keys. Other views of the same keys (a numeric category, a textual price,
// "is set") still read the JSON.

/** Adds and fills the property columns of events. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = await isPostgres(db);
  await db.schema.alterTable('events').addColumn('category_key', 'text').execute();
  // SQLite: numeric affinity keeps integers exact (as json_extract returns them); PostgreSQL reads
  // JSON numbers as float8 everywhere.
  await db.schema.alterTable('events').addColumn('price', pg ? 'float8' : 'numeric').execute();
  await db.schema.alterTable('events').addColumn('campaign_source_key', 'text').execute();
  if (pg) {
    await sql`update events set
        category_key = case when jsonb_typeof(properties -> 'category') = 'string' then kl_fold(properties ->> 'category') end,
        price = case when jsonb_typeof(properties -> 'price') = 'number' then (properties ->> 'price')::float8 end,
        campaign_source_key = case when jsonb_typeof(context #> '{campaign,source}') = 'string' then kl_fold(context #>> '{campaign,source}') end
      where properties ? 'category' or properties ? 'price' or context #> '{campaign,source}' is not null`.execute(db);
  } else {
    await sql`update events set
        category_key = case when json_type(properties, '$."category"') = 'text' then kl_fold(json_extract(properties, '$."category"')) end,
        price = case when json_type(properties, '$."price"') in ('integer', 'real') then json_extract(properties, '$."price"') end,
        campaign_source_key = case when json_type(context, '$."campaign"."source"') = 'text' then kl_fold(json_extract(context, '$."campaign"."source"')) end
      where json_type(properties, '$."category"') is not null or json_type(properties, '$."price"') is not null
        or json_type(context, '$."campaign"."source"') is not null`.execute(db);
  }
}

/** Drops the property columns. */
export async function down(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite drops one at a time.
  for (const column of ['category_key', 'price', 'campaign_source_key']) await db.schema.alterTable('events').dropColumn(column).execute();
}
