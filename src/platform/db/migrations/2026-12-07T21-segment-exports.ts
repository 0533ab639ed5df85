import type { Kysely } from 'kysely';

// Audience exports (docs/segments.md, "Exports"): each export of a segment's people or hashed
// contacts is recorded — who, when, which segment, in which format, how many rows — since personal
// data leaves the system; the file itself is written by a job into DATA_DIR/exports.

/** Creates segment_exports. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('segment_exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('segment_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // queued | running | done | failed
    .addColumn('rows', 'bigint')
    .addColumn('members', 'bigint')
    .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('file_path', 'text')
    .addColumn('error', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('segment_exports_segment').on('segment_exports').columns(['workspace_id', 'segment_id', 'created_at']).execute();
}

/** Drops segment_exports. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('segment_exports').ifExists().execute();
}
