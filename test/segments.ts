import { expect } from 'vitest';
import type { App } from '../src/main.js';
import type { TestWorkspace } from './harness.js';

// Helpers of the segments tests: tracking calls with the write key, and waiting until saved
// segments have taken in every change (the feed loop runs in the background).

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

/** Sends a tracking call (`/v1/identify`, `/v1/track`, `/v1/page`…) with the workspace's write key; expects it stored. */
export async function sendTracking(app: App, ws: TestWorkspace, path: string, body: object): Promise<void> {
  const res = await app.http.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json', authorization: basic(ws.writeKey) }, payload: JSON.stringify(body) });
  expect(res.statusCode, res.body).toBe(200);
}

/** Runs queued jobs, then evaluates waiting changes until none is left (a pass that lost its lease is tried again). */
export async function settleSegments(app: App, workspaceId: string): Promise<void> {
  await app.services.jobs.settled({});
  for (let read = -1; read !== 0; read = await app.services.segmentEvaluator.evaluateChanges(workspaceId)) if (read < 0) await new Promise((r) => setTimeout(r, 20));
}
