import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { addUser, asUser, newWorkspace, startApp, testDatabases, withKey } from '../../../test/harness.js';

describe.each(testDatabases())('API key routes on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  it('reads the workspace with a secret key as a Bearer token', async () => {
    const ws = await newWorkspace(app, 'Key shop');
    const res = await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/workspace' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: ws.id, name: 'Key shop' });
  });

  it('refuses an unknown key and a write key used as a Bearer token with 401', async () => {
    const ws = await newWorkspace(app);
    for (const key of ['sk_unknownunknownunknownunknown', ws.writeKey, 'garbage']) {
      const res = await withKey(app, key, { method: 'GET', url: '/api/v1/workspace' });
      expect(res.statusCode, key).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
  });

  it('shows a new secret key once, lists it by prefix only, and refuses it once revoked', async () => {
    const ws = await newWorkspace(app);
    const created = await asUser(app, ws.owner, ws.id, {
      method: 'POST',
      url: '/api/v1/keys',
      payload: { kind: 'secret', name: 'ERP sync' },
    });
    expect(created.statusCode).toBe(201);
    const key = created.json();
    expect(key).toMatchObject({ kind: 'secret', name: 'ERP sync', writeKey: null, revokedAt: null });
    expect(key.key).toMatch(/^sk_/);
    expect(key.key.startsWith(key.prefix)).toBe(true);
    expect(key.prefix.length).toBeLessThan(key.key.length);

    const list = await asUser(app, ws.owner, ws.id, { method: 'GET', url: '/api/v1/keys' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(key.key);
    expect(list.body).not.toContain(ws.secretKey);
    expect(list.json().keys).toContainEqual(expect.objectContaining({ id: key.id, prefix: key.prefix, writeKey: null }));
    expect(list.json().keys.find((k: { id: string }) => k.id === key.id)).not.toHaveProperty('key');

    expect((await withKey(app, key.key, { method: 'GET', url: '/api/v1/workspace' })).statusCode).toBe(200);
    const revoked = await asUser(app, ws.owner, ws.id, { method: 'DELETE', url: `/api/v1/keys/${key.id}` });
    expect(revoked.statusCode).toBe(204);
    const refused = await withKey(app, key.key, { method: 'GET', url: '/api/v1/workspace' });
    expect(refused.statusCode).toBe(401);
    const listed = await asUser(app, ws.owner, ws.id, { method: 'GET', url: '/api/v1/keys' });
    expect(listed.json().keys.find((k: { id: string }) => k.id === key.id).revokedAt).toEqual(expect.any(Number));
    const twice = await asUser(app, ws.owner, ws.id, { method: 'DELETE', url: `/api/v1/keys/${key.id}` });
    expect(twice.statusCode).toBe(404);
  });

  it('creates a write key whose value stays visible, since it is public', async () => {
    const ws = await newWorkspace(app);
    const created = await asUser(app, ws.owner, ws.id, { method: 'POST', url: '/api/v1/keys', payload: { kind: 'write', name: 'Site' } });
    expect(created.statusCode).toBe(201);
    const key = created.json();
    expect(key.key).toMatch(/^wk_/);
    const list = await asUser(app, ws.owner, ws.id, { method: 'GET', url: '/api/v1/keys' });
    expect(list.json().keys).toContainEqual(expect.objectContaining({ id: key.id, kind: 'write', writeKey: key.key }));
  });

  it('shows an analyst and a secret key the write keys only, and lets neither create keys', async () => {
    const ws = await newWorkspace(app);
    const analyst = await addUser(app, ws.id, 'analyst');
    const asAnalyst = await asUser(app, analyst, ws.id, { method: 'GET', url: '/api/v1/keys' });
    const asKey = await withKey(app, ws.secretKey, { method: 'GET', url: '/api/v1/keys' });
    for (const res of [asAnalyst, asKey]) {
      expect(res.statusCode).toBe(200);
      expect(res.json().keys).toEqual([expect.objectContaining({ kind: 'write', writeKey: ws.writeKey })]);
    }
    const asOwner = await asUser(app, ws.owner, ws.id, { method: 'GET', url: '/api/v1/keys' });
    expect(asOwner.json().keys.map((k: { kind: string }) => k.kind).sort()).toEqual(['secret', 'write']);

    const payload = { kind: 'secret', name: 'Mine' };
    const byAnalyst = await asUser(app, analyst, ws.id, { method: 'POST', url: '/api/v1/keys', payload });
    expect(byAnalyst.statusCode).toBe(403);
    expect(byAnalyst.json().error.code).toBe('forbidden');
    const byKey = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/keys', payload });
    expect(byKey.statusCode).toBe(403);
  });

  it('cannot revoke another workspace key', async () => {
    const ws = await newWorkspace(app);
    const other = await newWorkspace(app);
    const created = await asUser(app, other.owner, other.id, { method: 'POST', url: '/api/v1/keys', payload: { kind: 'secret', name: 'x' } });
    const key = created.json();
    const res = await asUser(app, ws.owner, ws.id, { method: 'DELETE', url: `/api/v1/keys/${key.id}` });
    expect(res.statusCode).toBe(404);
    expect((await withKey(app, key.key, { method: 'GET', url: '/api/v1/workspace' })).statusCode).toBe(200);
  });

  it('rejects an unknown key kind with the field named', async () => {
    const ws = await newWorkspace(app);
    const res = await asUser(app, ws.owner, ws.id, { method: 'POST', url: '/api/v1/keys', payload: { kind: 'admin', name: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toMatch(/kind$/);
  });
});
