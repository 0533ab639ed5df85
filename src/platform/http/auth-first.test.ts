import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { App } from '../../main.js';
import { addUser, asUser, newWorkspace, startApp, testDatabases } from '../../../test/harness.js';

// Every route the API documents, read from its OpenAPI document, so a route added later is
// covered without anyone remembering to list it here.
const operationSchema = z.object({ security: z.array(z.record(z.string(), z.array(z.string()))).optional() });
const documentSchema = z.object({ paths: z.record(z.string(), z.record(z.string(), operationSchema)) });

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
}

const methods = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const isMethod = (m: string): m is Operation['method'] => methods.has(m);

// Routes that act for a session or a secret key: not sign-in (security: []) and not ingestion,
// whose write keys have checks of their own.
function authenticatedOperations(app: App): Operation[] {
  const doc = documentSchema.parse(app.http.swagger());
  const found: Operation[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [name, operation] of Object.entries(operations)) {
      const method = name.toUpperCase();
      if (!isMethod(method)) continue;
      const security = operation.security;
      if (security && (security.length === 0 || security.every((s) => Object.keys(s).every((k) => k === 'writeKey')))) continue;
      found.push({ method, path });
    }
  }
  return found;
}

// A request each route would refuse as invalid if it looked at it: malformed path parameters, a
// query of the wrong types and a body that is not even an object.
function badRequest(op: Operation) {
  const url = `${op.path.replace(/\{[^}]+\}/g, '0x1%20bad')}?limit=lots&cursor=%7B&from=yesterday&period=forever`;
  return op.method === 'GET' ? { method: op.method, url } : { method: op.method, url, payload: '[1, "two"]', headers: { 'content-type': 'application/json' } };
}

describe.each(testDatabases())('who is calling is checked before what they send, on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  it('finds the routes to check in the API document', () => {
    const ops = authenticatedOperations(app).map((op) => `${op.method} ${op.path}`);
    expect(ops).toEqual(expect.arrayContaining(['POST /api/v1/imports/{id}/start', 'GET /api/v1/imports', 'POST /api/v1/workspaces', 'PATCH /api/v1/members/{userId}']));
    expect(ops).not.toContain('POST /api/v1/auth/login');
  });

  it('answers 401 to a caller without a session or key on every authenticated route, whatever the request holds', async () => {
    const wrong: string[] = [];
    for (const op of authenticatedOperations(app)) {
      const res = await app.http.inject(badRequest(op));
      if (res.statusCode !== 401 || res.json().error?.code !== 'unauthorized') wrong.push(`${op.method} ${op.path}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to an analyst on every route that changes something, before looking at the request', async () => {
    const ws = await newWorkspace(app);
    const analyst = await addUser(app, ws.id, 'analyst');
    const wrong: string[] = [];
    // The analyst's own account (sign-out, profile, password) is theirs to change; a rule's preview
    // is a POST (the rule is a body) that only reads, which analysts may do.
    const readingPosts = ['/api/v1/segments/preview'];
    const writes = authenticatedOperations(app).filter((op) => op.method !== 'GET' && !op.path.startsWith('/api/v1/auth/') && !readingPosts.includes(op.path));
    expect(writes.length).toBeGreaterThan(8);
    for (const op of writes) {
      const res = await asUser(app, analyst, ws.id, badRequest(op));
      if (res.statusCode !== 403 || res.json().error?.code !== 'forbidden') wrong.push(`${op.method} ${op.path}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });
});
