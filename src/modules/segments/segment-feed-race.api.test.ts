import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../main.js';
import { fixedClock } from '../../platform/clock.js';
import { loadConfig } from '../../platform/config.js';
import { createLogger } from '../../platform/logger.js';
import { newWorkspace, tempDir, type TestWorkspace, testDatabases, withKey } from '../../../test/harness.js';
import { settleChanges, waitForSettledChanges } from '../../../test/segments.js';

// The feed loop evaluates changed customers outside any write transaction and applies the result in
// a short one afterwards. Writes can land in between: a customer can change again after the
// evaluation read them, and another pass can apply the same changes first. Membership must still end
// equal to a full evaluation. The app runs as an API process (no worker, no feed loop of its own) on
// a database of its own, so the test alone decides when each step of a pass runs.

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const gold = { kind: 'group', combinator: 'and', rules: [{ kind: 'trait', trait: 'tier', type: 'text', op: 'eq', value: 'gold' }] };

describe.each(testDatabases())('segment feed passes racing writes on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    const config = loadConfig({
      DATABASE_URL: await database.url({ fresh: true }), LOG_LEVEL: 'silent', DEMO: 'false', DATA_DIR: tempDir(), SCORES_EVERY_HOURS: '0',
      JOBS_QUEUE: `race-${process.pid}-${Date.now()}`,
    });
    app = await createApp({ config, clock: fixedClock(Date.UTC(2026, 5, 15, 9, 0, 0)), logger: createLogger('silent'), role: 'api' });
  });
  afterAll(() => app.close());

  const identify = async (ws: TestWorkspace, tier: string) => {
    const res = await app.http.inject({
      method: 'POST', url: '/v1/identify', headers: { 'content-type': 'application/json', authorization: basic(ws.writeKey) },
      payload: JSON.stringify({ userId: 'u1', traits: { tier } }),
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const settle = async (ws: TestWorkspace) => {
    await settleChanges(app, ws.id);
  };
  // A workspace with u1 in a saved segment "tier is gold", every change applied.
  const goldMember = async () => {
    const ws = await newWorkspace(app);
    await identify(ws, 'gold');
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: { name: 'Gold', rule: gold } });
    expect(res.statusCode, res.body).toBe(201);
    const segmentId: string = res.json().id;
    await app.services.segmentEvaluator.rebuild(ws.id, segmentId);
    await settle(ws);
    const members = await app.services.segments.memberIds(ws.id, segmentId);
    expect(members).toHaveLength(1);
    return { ws, segmentId, u1: members[0] };
  };
  const expectExact = async (ws: TestWorkspace, segmentId: string) => {
    expect(await app.services.segments.memberIds(ws.id, segmentId)).toEqual(await app.services.segments.matchingIds(ws.id, gold as never));
  };

  it('evaluates again a customer written between a pass’s evaluation and its apply', async () => {
    const { ws, segmentId, u1 } = await goldMember();
    await identify(ws, 'silver');
    await waitForSettledChanges(app, ws.id);
    const pass = await app.services.segmentEvaluator.planChanges(ws.id);
    expect(pass).not.toBeNull();
    // Back to gold after the pass read u1 as silver: the pass applies a stale exit...
    await identify(ws, 'gold');
    expect(await app.services.segmentEvaluator.applyPlanned(pass ?? never())).toBeGreaterThan(0);
    expect(await app.services.segments.memberIds(ws.id, segmentId)).toEqual([]);
    // ...and the write is still on the feed after the cursor, so the next pass puts u1 back.
    await settle(ws);
    expect(await app.services.segments.memberIds(ws.id, segmentId)).toEqual([u1]);
    await expectExact(ws, segmentId);
  });

  it('applies nothing from a pass planned before another pass moved the cursor', async () => {
    const { ws, segmentId, u1 } = await goldMember();
    await identify(ws, 'silver');
    await waitForSettledChanges(app, ws.id);
    const stale = await app.services.segmentEvaluator.planChanges(ws.id);
    await identify(ws, 'gold');
    await waitForSettledChanges(app, ws.id);
    const fresh = await app.services.segmentEvaluator.planChanges(ws.id);
    expect(await app.services.segmentEvaluator.applyPlanned(fresh ?? never())).toBeGreaterThan(0);
    // The stale pass read u1 as silver and would take them out, with no later change to undo it.
    expect(await app.services.segmentEvaluator.applyPlanned(stale ?? never())).toBe(-1);
    expect(await app.services.segments.memberIds(ws.id, segmentId)).toEqual([u1]);
    expect(await app.services.segmentEvaluator.evaluateChanges(ws.id)).toBe(0);
    await expectExact(ws, segmentId);
  });
});

function never(): never {
  throw new Error('no pass was planned');
}
