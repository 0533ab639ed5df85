import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { DomainError } from '../../platform/errors.js';
import { newWorkspace, startApp, testDatabases } from '../../../test/harness.js';
import type { Workspace } from '../workspaces/workspaces.service.js';
import { IngestService } from './ingest.service.js';
import { ThreadedBatchStore } from './ingest-writer.js';

// The writer thread (SQLite only): batches cross a thread boundary, so what must hold is that each
// is stored whole or not at all, in order, that errors keep their kind, and that closing finishes
// what was sent.

const sqlite = testDatabases().find((d) => d.name === 'sqlite');
if (!sqlite) throw new Error('the SQLite test database is always available');

describe('ingestion writer thread on sqlite', () => {
  let app: App;
  let workspace: Workspace;
  let store: ThreadedBatchStore;
  let ingest: IngestService;
  beforeAll(async () => {
    app = await startApp(sqlite);
    const ws = await newWorkspace(app);
    workspace = await app.services.workspaces.get(ws.id);
    store = new ThreadedBatchStore(app.config.DATABASE_URL);
    ingest = new IngestService(store, app.services.workspaces, app.clock);
  });
  afterAll(async () => {
    await store.close();
    await app.close();
  });

  const page = (run: string, i: number, userId: string) => ({ type: 'page', messageId: `${run}-${i}`, userId, name: 'Каталог', timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() });
  // Events stored whose message id starts with a prefix.
  const count = async (prefix: string) => {
    const row = await app.db.kysely
      .selectFrom('events')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspace.id)
      .where('message_id', 'like', `${prefix}%`)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('stores batches sent at once, each whole, and closing waits for the ones still queued', async () => {
    const local = new ThreadedBatchStore(app.config.DATABASE_URL);
    const service = new IngestService(local, app.services.workspaces, app.clock);
    const calls = Array.from({ length: 12 }, (_, b) =>
      service.ingest(workspace.id, Array.from({ length: 50 }, (_, i) => page('burst', b * 50 + i, `u-${i % 7}`)), { receivedAt: Date.now() }),
    );
    const closed = local.close();
    const results = await Promise.all(calls);
    await closed;
    expect(results.every((r) => r.accepted === 50 && r.rejected.length === 0)).toBe(true);
    expect(await count('burst-')).toBe(600);
    // Seven people, one profile each, and their last activity is their latest event.
    const profile = await app.services.customers.lookup(workspace.id, 'external_id', 'u-0');
    expect(profile.stats.lastActivityAt).toBe(Date.UTC(2026, 0, 1) + 599 * 1000);
  });

  it('hands a domain error back as one, and stores nothing of that batch', async () => {
    await ingest.ingest(workspace.id, [{ type: 'track', messageId: 'o-1', userId: 'buyer', event: 'Order Completed', properties: { order_id: 'R-1', total: 100 } }], { receivedAt: Date.now() });
    const { prepared } = ingest.validate(workspace, [page('dom', 1, 'buyer'), { type: 'track', messageId: 'dom-2', userId: 'buyer', event: 'Order Refunded', properties: { order_id: 'R-1', total: 10 } }], { receivedAt: Date.now() });
    const refund = prepared[1]?.order;
    if (refund?.kind !== 'refunded') throw new Error('expected a refund');
    // Validation never lets a negative refund through; the store's own check must still surface as a 400.
    refund.amount = -500;
    const error = await store.store(workspace, prepared, Date.now()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'validation_failed', details: [{ field: 'amount', reason: 'must not be negative' }] });
    expect(await count('dom-')).toBe(0);
  });

  it('hands a database error back with its code, stores nothing of that batch, and goes on', async () => {
    const { prepared } = ingest.validate(workspace, [page('db', 1, 'x'), page('db', 2, 'y')], { receivedAt: Date.now() });
    const broken = prepared[1];
    if (!broken) throw new Error('expected two messages');
    (broken.event as { type: unknown }).type = null; // events.type is NOT NULL
    const error = await store.store(workspace, prepared, Date.now()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(DomainError);
    expect((error as { code?: string }).code).toBe('SQLITE_CONSTRAINT_NOTNULL');
    expect(await count('db-')).toBe(0);
    const next = await ingest.ingest(workspace.id, [page('db', 3, 'x')], { receivedAt: Date.now() });
    expect(next.accepted).toBe(1);
  });

  it('lets the HTTP thread write while the writer thread is busy (both wait for the write lock)', async () => {
    const ws = await newWorkspace(app, 'Busy shop');
    const ingestCalls = Array.from({ length: 20 }, (_, b) =>
      ingest.ingest(ws.id, Array.from({ length: 100 }, (_, i) => page('busy', b * 100 + i, `b-${i}`)), { receivedAt: Date.now() }),
    );
    const edits = Array.from({ length: 20 }, (_, i) => app.services.customers.create(ws.id, { identifiers: [{ kind: 'external_id', value: `api-${i}` }], fields: { firstName: 'Ольга' } }));
    const [ingested, created] = await Promise.all([Promise.all(ingestCalls), Promise.all(edits)]);
    expect(ingested.reduce((sum, r) => sum + r.accepted, 0)).toBe(2000);
    expect(created.every((c) => c.created)).toBe(true);
  });
});
