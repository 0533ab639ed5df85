import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../main.js';
import { fixedClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { createLogger } from '../../platform/logger.js';
import { newWorkspace, tempDir, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import { settleChanges } from '../../../test/segments.js';

// On PostgreSQL a feed row's id is taken when the row is inserted, its transaction id (tx) at the
// transaction's first write, and the two orders differ. Here T2 takes its transaction id first, T1
// then writes a change (the lower id, the higher tx), T2 writes one (the higher id, the lower tx)
// and commits, a reader reads, and only then T1 commits. Every reader of the feeds (the segment
// evaluator, the previews' audience index, the membership feed) must still read T1's change.
// SQLite has one writer, which commits in id order, so the interleaving cannot happen there.

const postgres = testDatabases().filter((d) => d.name === 'postgres');
const now = Date.UTC(2026, 5, 15, 9, 0, 0);
const gold = { kind: 'group', combinator: 'and', rules: [{ kind: 'trait', trait: 'tier', type: 'text', op: 'eq', value: 'gold' }] };

describe.each(postgres)('feed readers and transactions committing out of id order on $name', (database) => {
  let app: App;
  let url: string;
  const clients: pg.Client[] = [];
  beforeAll(async () => {
    url = await database.url({ fresh: true });
    const config = loadConfig({
      DATABASE_URL: url, LOG_LEVEL: 'silent', DEMO: 'false', DATA_DIR: tempDir(), SCORES_EVERY_HOURS: '0', JOBS_QUEUE: `order-${process.pid}-${Date.now()}`,
    });
    app = await createApp({ config, clock: fixedClock(now), logger: createLogger('silent'), role: 'api' });
  });
  afterAll(async () => {
    for (const c of clients) await c.end();
    await app.close();
  });

  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  };
  const customer = async (ws: TestWorkspace, phone: string) => {
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/customers', payload: { phone, traits: { tier: 'silver' } } });
    expect(res.statusCode, res.body).toBe(201);
    return Number(res.json().customer.id);
  };
  const settle = async (ws: TestWorkspace) => {
    await settleChanges(app, ws.id);
  };
  const preview = async (ws: TestWorkspace) => {
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments/preview', payload: { rule: gold } });
    expect(res.statusCode, res.body).toBe(200);
    return Number(res.json().count);
  };
  const toGold = (client: pg.Client, id: number) => client.query(`update customers set traits = '{"tier":"gold"}' where id = $1`, [id]);

  // Runs the interleaving: T2 takes a transaction id, T1 writes `first`, T2 writes `second` and
  // commits; `between` runs once T2's transaction is older than every transaction still running (so
  // a reader takes its row for settled), then T1 commits.
  const interleave = async (first: (t1: pg.Client) => Promise<unknown>, second: (t2: pg.Client) => Promise<unknown>, between: () => Promise<void>) => {
    const [t1, t2, observer] = [await connect(), await connect(), await connect()];
    await t2.query('begin');
    const tx2 = String((await t2.query<{ tx: string }>('select pg_current_xact_id()::text as tx')).rows[0]?.tx);
    await t1.query('begin');
    await first(t1);
    await second(t2);
    await t2.query('commit');
    for (let i = 0; ; i++) {
      const r = await observer.query<{ settled: boolean }>('select $1::xid8 < pg_snapshot_xmin(pg_current_snapshot()) as settled', [tx2]);
      if (r.rows[0]?.settled) break;
      if (i > 500) throw new Error('an older transaction stayed open');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await between();
    await t1.query('commit');
  };

  it('keeps segment members current when a change commits after a later one was read', async () => {
    const ws = await newWorkspace(app);
    const a = await customer(ws, '+79120000001');
    const b = await customer(ws, '+79120000002');
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: { name: 'Gold', rule: gold } });
    expect(res.statusCode, res.body).toBe(201);
    const segmentId: string = res.json().id;
    await app.services.segmentEvaluator.rebuild(ws.id, segmentId);
    await settle(ws);
    expect(await app.services.segments.memberIds(ws.id, segmentId)).toEqual([]);

    await interleave((t1) => toGold(t1, a), (t2) => toGold(t2, b), async () => {
      await settle(ws);
      expect(await app.services.segments.memberIds(ws.id, segmentId)).toEqual([b]);
    });
    await settle(ws);
    expect(await app.services.segments.memberIds(ws.id, segmentId)).toEqual([a, b].sort((x, y) => x - y));
  });

  it('keeps a preview current when a change commits after a later one was read', async () => {
    const ws = await newWorkspace(app);
    const a = await customer(ws, '+79120000001');
    const b = await customer(ws, '+79120000002');
    expect(await preview(ws)).toBe(0);
    await interleave((t1) => toGold(t1, a), (t2) => toGold(t2, b), async () => {
      expect(await preview(ws)).toBe(1);
    });
    expect(await preview(ws)).toBe(2);
  });

  it('hands a membership reader an entry that commits after a later one was read', async () => {
    const ws = await newWorkspace(app);
    const a = await customer(ws, '+79120000001');
    const b = await customer(ws, '+79120000002');
    const seg = (await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: { name: 'Список', kind: 'static' } })).json();
    const reader = `order-${ws.id}`;
    // The reader starts after every entry written so far (other tests' included).
    for (let page = await app.services.membershipFeed.next(reader); page.length > 0; page = await app.services.membershipFeed.next(reader)) {
      await app.services.membershipFeed.commit(reader, page[page.length - 1]?.id ?? 0);
    }
    const enter = (client: pg.Client, id: number) => client.query(
      `insert into segment_changes (workspace_id, segment_id, customer_id, entered, at) values ($1, $2, $3, 1, $4)`, [ws.id, seg.id, id, now]);
    await interleave((t1) => enter(t1, a), (t2) => enter(t2, b), async () => {
      const read = await app.services.membershipFeed.next(reader);
      expect(read.map((c) => c.customer_id)).toEqual([b]);
      await app.services.membershipFeed.commit(reader, read[0]?.id ?? 0);
    });
    expect((await app.services.membershipFeed.next(reader)).map((c) => c.customer_id)).toEqual([a]);
  });
});
