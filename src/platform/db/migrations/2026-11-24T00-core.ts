import type { Kysely } from 'kysely';
import { typesFor, withId } from '../migration-helpers.js';

// The platform's core tables: installation, workspaces and access, customers and identity,
// events, orders, per-customer stats and import jobs. Times are epoch milliseconds (bigint),
// money is integer minor units (bigint).

export async function up(db: Kysely<unknown>): Promise<void> {
  const t = await typesFor(db);
  await db.schema
    .createTable('installation_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('phone_region', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['workspace_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('write_key', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('api_keys_workspace').on('api_keys').columns(['workspace_id', 'kind']).execute();

  await withId(t, db.schema.createTable('customers'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('middle_name', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('gender', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('city', 'text')
    .addColumn('region', 'text')
    .addColumn('country', 'text')
    .addColumn('source', 'text')
    .addColumn('utm_source', 'text')
    .addColumn('utm_medium', 'text')
    .addColumn('utm_campaign', 'text')
    .addColumn('preferred_channel', 'text')
    .addColumn('manager_user_id', 'text')
    .addColumn('last_device', 'text')
    .addColumn('last_os', 'text')
    .addColumn('last_browser', 'text')
    .addColumn('locale', 'text')
    .addColumn('search_name', t.bytewiseText)
    .addColumn('traits', t.json, (c) => c.notNull())
    .addColumn('merged_into', 'bigint')
    .addColumn('erased_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customers_ws_id').on('customers').columns(['workspace_id', 'id']).execute();
  // Name search: "иванов", "иванов ив" (lower-cased in code: SQLite's lower() folds ASCII only).
  await db.schema.createIndex('customers_ws_search_name').on('customers').columns(['workspace_id', 'search_name']).execute();
  await db.schema.createIndex('customers_ws_created').on('customers').columns(['workspace_id', 'created_at']).execute();

  await db.schema
    .createTable('customer_identifiers')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', t.bytewiseText, (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_identifiers_pk', ['workspace_id', 'kind', 'value'])
    .execute();
  await db.schema
    .createIndex('customer_identifiers_customer')
    .on('customer_identifiers')
    .columns(['workspace_id', 'customer_id'])
    .execute();
  // Prefix search ("+7912…", "ivan@…") over identifiers in the customer list.
  await db.schema
    .createIndex('customer_identifiers_value')
    .on('customer_identifiers')
    .columns(['workspace_id', 'value'])
    .execute();

  await db.schema
    .createTable('customer_consents')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_consents_pk', ['workspace_id', 'customer_id', 'channel'])
    .execute();

  await withId(t, db.schema.createTable('customer_merges'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('survivor_id', 'bigint', (c) => c.notNull())
    .addColumn('loser_id', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('customer_merges_loser', ['workspace_id', 'loser_id'])
    .execute();

  await withId(t, db.schema.createTable('customer_erasures'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await withId(t, db.schema.createTable('events'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('properties', t.json, (c) => c.notNull())
    .addColumn('context', t.json, (c) => c.notNull())
    .addColumn('timestamp', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('events_message_id', ['workspace_id', 'message_id'])
    .execute();
  await db.schema
    .createIndex('events_customer_time')
    .on('events')
    .columns(['workspace_id', 'customer_id', 'timestamp'])
    .execute();

  await withId(t, db.schema.createTable('orders'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('discount', 'bigint', (c) => c.notNull())
    .addColumn('shipping', 'bigint', (c) => c.notNull())
    .addColumn('tax', 'bigint', (c) => c.notNull())
    .addColumn('refunded', 'bigint', (c) => c.notNull())
    .addColumn('points_used', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('store_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('ordered_at', 'bigint', (c) => c.notNull())
    .addColumn('order_day', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('orders_external_id', ['workspace_id', 'external_id'])
    .execute();
  await db.schema
    .createIndex('orders_customer_time')
    .on('orders')
    .columns(['workspace_id', 'customer_id', 'ordered_at'])
    .execute();
  await db.schema.createIndex('orders_ws_time').on('orders').columns(['workspace_id', 'ordered_at']).execute();

  await withId(t, db.schema.createTable('order_items'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('order_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('product_id', 'text')
    .addColumn('sku', 'text')
    .addColumn('name', 'text')
    .addColumn('category', 'text')
    .addColumn('price', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'real', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_items_order').on('order_items').columns(['order_id']).execute();
  await db.schema
    .createIndex('order_items_customer')
    .on('order_items')
    .columns(['workspace_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('customer_stats')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('first_order_at', 'bigint')
    .addColumn('last_order_at', 'bigint')
    .addColumn('orders_count', 'integer', (c) => c.notNull())
    .addColumn('order_days', 'integer', (c) => c.notNull())
    .addColumn('revenue', 'bigint', (c) => c.notNull())
    .addColumn('avg_check', 'bigint', (c) => c.notNull())
    .addColumn('last_activity_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_stats_pk', ['workspace_id', 'customer_id'])
    .execute();
  for (const col of ['revenue', 'orders_count', 'last_order_at', 'avg_check', 'last_activity_at'] as const) {
    await db.schema
      .createIndex(`customer_stats_${col}`)
      .on('customer_stats')
      .columns(['workspace_id', col, 'customer_id'])
      .execute();
  }

  await db.schema
    .createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_path', 'text', (c) => c.notNull())
    .addColumn('file_size', 'bigint', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('delimiter', 'text', (c) => c.notNull())
    .addColumn('mapping', t.json, (c) => c.notNull())
    .addColumn('rows_total', 'bigint')
    .addColumn('rows_done', 'bigint', (c) => c.notNull())
    .addColumn('rows_ok', 'bigint', (c) => c.notNull())
    .addColumn('rows_failed', 'bigint', (c) => c.notNull())
    .addColumn('bytes_done', 'bigint', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('claimed_until', 'bigint')
    .execute();
  await db.schema.createIndex('import_jobs_ws').on('import_jobs').columns(['workspace_id', 'created_at']).execute();
  await db.schema.createIndex('import_jobs_status').on('import_jobs').columns(['status']).execute();

  await withId(t, db.schema.createTable('import_errors'))
    .addColumn('job_id', 'text', (c) => c.notNull().references('import_jobs.id').onDelete('cascade'))
    .addColumn('row_number', 'bigint', (c) => c.notNull())
    .addColumn('column_name', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raw', 'text')
    .execute();
  await db.schema.createIndex('import_errors_job').on('import_errors').columns(['job_id', 'row_number']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'import_errors', 'import_jobs', 'customer_stats', 'order_items', 'orders', 'events', 'customer_erasures',
    'customer_merges', 'customer_consents', 'customer_identifiers', 'customers', 'api_keys', 'login_failures',
    'sessions', 'memberships', 'users', 'workspaces', 'installation_settings',
  ];
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
}
