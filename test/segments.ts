import { expect } from 'vitest';
import type { App } from '../src/main.js';
import { ChangeFeedRepo } from '../src/modules/segments/change-feed.repo.js';
import { feedConsumer } from '../src/modules/segments/segment-evaluator.js';
import type { Rng } from '../src/modules/demo/demo.random.js';
import type { Condition, RuleGroup } from '../src/modules/segments/segment-rules.schemas.js';
import type { TestWorkspace } from './harness.js';

// Helpers of the segments tests: tracking calls with the write key, waiting until saved segments
// have taken in every change (the feed loop runs in the background), and random rule trees.

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

/** Sends a tracking call (`/v1/identify`, `/v1/track`, `/v1/page`…) with the workspace's write key; expects it stored. */
export async function sendTracking(app: App, ws: TestWorkspace, path: string, body: object): Promise<void> {
  const res = await app.http.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json', authorization: basic(ws.writeKey) }, payload: JSON.stringify(body) });
  expect(res.statusCode, res.body).toBe(200);
}

/** Runs queued jobs, then evaluates waiting changes until none is left (a pass that lost its lease is tried again). */
export async function settleSegments(app: App, workspaceId: string): Promise<void> {
  await app.services.jobs.settled({});
  await settleChanges(app, workspaceId);
}

/**
 * Evaluates a workspace's waiting changes until none is left: a pass that lost its lease is tried
 * again, and on PostgreSQL changes not yet settled (another test's transaction still open) are
 * waited for, since no pass reads them until then.
 */
export async function settleChanges(app: App, workspaceId: string): Promise<void> {
  const evaluator = app.services.segmentEvaluator;
  for (;;) {
    const read = await evaluator.evaluateChanges(workspaceId);
    if (read === 0 && !(await evaluator.changesWaiting(workspaceId))) return;
    if (read <= 0) await new Promise((r) => setTimeout(r, 20));
  }
}

/** A random rule tree: 1–3 rules a group, nested at most two deep, `condition` drawing each condition. */
export function randomRuleTree(rng: Rng, condition: () => Condition, notChance: number, depth = 0): RuleGroup {
  const rules: RuleGroup['rules'] = [];
  const n = 1 + rng.int(3);
  for (let i = 0; i < n; i++) rules.push(depth < 2 && rng.chance(0.3) ? randomRuleTree(rng, condition, notChance, depth + 1) : condition());
  return { kind: 'group', combinator: rng.chance(0.5) ? 'and' : 'or', ...(rng.chance(notChance) ? { not: true } : {}), rules };
}

/**
 * Waits until every change waiting on a workspace's feed has settled (on PostgreSQL a change stays
 * unread while an older transaction, perhaps another test's, is still open), so a pass reads them all.
 */
export async function waitForSettledChanges(app: App, workspaceId: string): Promise<void> {
  const feed = new ChangeFeedRepo(app.db.kysely, app.db.caps);
  for (;;) {
    const seen = await feed.seenChanges(workspaceId, await feed.position(feedConsumer(workspaceId)), 10_000);
    if (seen.every((c) => c.settled)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}
