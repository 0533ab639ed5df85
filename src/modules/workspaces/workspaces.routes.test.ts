import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { addUser, asUser, newWorkspace, startApp, testDatabases } from '../../../test/harness.js';

describe.each(testDatabases())('workspace routes on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  it('creates a workspace owned by its creator, with defaults and a working write key', async () => {
    const ws = await newWorkspace(app, 'First shop');
    const { cookie, csrf } = ws.owner;
    const res = await app.http.inject({
      method: 'POST',
      url: '/api/v1/workspaces',
      payload: { name: '  Second shop  ' },
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(res.statusCode).toBe(201);
    const { workspace, writeKey } = res.json();
    expect(workspace).toMatchObject({ name: 'Second shop', timezone: 'Europe/Moscow', currency: 'RUB', phoneRegion: 'RU', role: 'owner' });
    expect(await app.services.apiKeys.verifyWriteKey(writeKey)).toMatchObject({ workspaceId: workspace.id });

    const list = await app.http.inject({ method: 'GET', url: '/api/v1/workspaces', headers: { cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json().workspaces).toEqual([
      expect.objectContaining({ id: ws.id, name: 'First shop', role: 'owner' }),
      expect.objectContaining({ id: workspace.id, name: 'Second shop', role: 'owner' }),
    ]);
    const members = await app.http.inject({ method: 'GET', url: '/api/v1/members', headers: { cookie, 'x-workspace-id': workspace.id } });
    expect(members.json().members).toEqual([expect.objectContaining({ id: ws.owner.id, role: 'owner' })]);
  });

  it('needs a session to list or create workspaces', async () => {
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/workspaces' })).statusCode).toBe(401);
    const res = await app.http.inject({ method: 'POST', url: '/api/v1/workspaces', payload: { name: 'x' } });
    expect(res.statusCode).toBe(401);
  });

  it('lets only an owner of some workspace create one, checking that before the body', async () => {
    const ws = await newWorkspace(app, 'Owned shop');
    const admin = await addUser(app, ws.id, 'admin');
    const analyst = await addUser(app, ws.id, 'analyst');
    for (const user of [admin, analyst]) {
      const headers = { cookie: user.cookie, 'x-csrf-token': user.csrf };
      const valid = await app.http.inject({ method: 'POST', url: '/api/v1/workspaces', payload: { name: 'Mine' }, headers });
      expect(valid.statusCode).toBe(403);
      expect(valid.json().error.code).toBe('forbidden');
      const invalid = await app.http.inject({ method: 'POST', url: '/api/v1/workspaces', payload: { name: 42 }, headers });
      expect(invalid.statusCode).toBe(403);
      const list = await app.http.inject({ method: 'GET', url: '/api/v1/workspaces', headers });
      expect(list.json().workspaces).toEqual([expect.objectContaining({ id: ws.id })]);
    }
    const headers = { cookie: ws.owner.cookie, 'x-csrf-token': ws.owner.csrf };
    expect((await app.http.inject({ method: 'POST', url: '/api/v1/workspaces', payload: { name: 'Second' }, headers })).statusCode).toBe(201);
  });

  it('lets the first owner create the first workspace of an installation that has none', async () => {
    const empty = await startApp(database, { fresh: true });
    try {
      const owner = await empty.services.users.createUser({ email: 'owner@klientura.local', password: 'first start secret' });
      const session = await empty.services.users.login(owner.email, 'first start secret', '127.0.0.1');
      const headers = { cookie: `kl_session=${session.token}`, 'x-csrf-token': session.csrfToken };
      const res = await empty.http.inject({ method: 'POST', url: '/api/v1/workspaces', payload: { name: 'Первый магазин' }, headers });
      expect(res.statusCode).toBe(201);
      expect(res.json().workspace).toMatchObject({ name: 'Первый магазин', role: 'owner' });
    } finally {
      await empty.close();
    }
  });

  it('picks the workspace with x-workspace-id and refuses one the user is not in', async () => {
    const a = await newWorkspace(app, 'Shop A');
    const b = await newWorkspace(app, 'Shop B');
    const outsider = await newWorkspace(app, 'Shop C');
    const user = await addUser(app, a.id, 'analyst');
    await app.services.users.setRole(b.id, user.id, 'marketer', null);

    const inA = await asUser(app, user, a.id, { method: 'GET', url: '/api/v1/workspace' });
    expect(inA.json()).toMatchObject({ id: a.id, name: 'Shop A' });
    const inB = await asUser(app, user, b.id, { method: 'GET', url: '/api/v1/workspace' });
    expect(inB.json()).toMatchObject({ id: b.id, name: 'Shop B' });
    // Without the header, the first workspace joined.
    const byDefault = await app.http.inject({ method: 'GET', url: '/api/v1/workspace', headers: { cookie: user.cookie } });
    expect(byDefault.json()).toMatchObject({ id: a.id });

    const refused = await asUser(app, user, outsider.id, { method: 'GET', url: '/api/v1/workspace' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    const write = await asUser(app, user, outsider.id, { method: 'PATCH', url: '/api/v1/workspace', payload: { name: 'Mine now' } });
    expect(write.statusCode).toBe(403);
    const check = await asUser(app, outsider.owner, outsider.id, { method: 'GET', url: '/api/v1/workspace' });
    expect(check.json().name).toBe('Shop C');
  });

  it('lets an analyst read the workspace but not change it', async () => {
    const ws = await newWorkspace(app, 'Read-only shop');
    const analyst = await addUser(app, ws.id, 'analyst');
    const read = await asUser(app, analyst, ws.id, { method: 'GET', url: '/api/v1/workspace' });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: ws.id, name: 'Read-only shop' });
    const write = await asUser(app, analyst, ws.id, { method: 'PATCH', url: '/api/v1/workspace', payload: { name: 'Renamed' } });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('forbidden');
    const after = await asUser(app, ws.owner, ws.id, { method: 'GET', url: '/api/v1/workspace' });
    expect(after.json().name).toBe('Read-only shop');
  });

  it('changes settings for an admin and shows them afterwards', async () => {
    const ws = await newWorkspace(app);
    const admin = await addUser(app, ws.id, 'admin');
    const res = await asUser(app, admin, ws.id, {
      method: 'PATCH',
      url: '/api/v1/workspace',
      payload: { name: 'Магазин', timezone: 'Asia/Yekaterinburg', currency: 'kzt', phoneRegion: 'kz' },
    });
    expect(res.statusCode).toBe(200);
    const expected = { id: ws.id, name: 'Магазин', timezone: 'Asia/Yekaterinburg', currency: 'KZT', phoneRegion: 'KZ' };
    expect(res.json()).toMatchObject(expected);
    const read = await asUser(app, ws.owner, ws.id, { method: 'GET', url: '/api/v1/workspace' });
    expect(read.json()).toMatchObject(expected);
  });

  it.each([
    ['timezone', 'Mars/Olympus'],
    ['currency', 'RUBLES'],
    ['currency', 'XYZ'],
    ['phoneRegion', 'ZZ'],
    ['name', '   '],
  ])('rejects a bad %s (%s) with the field named, on create and on edit', async (field, value) => {
    const ws = await newWorkspace(app, 'Valid shop');
    const headers = { cookie: ws.owner.cookie, 'x-csrf-token': ws.owner.csrf };
    const create = await app.http.inject({ method: 'POST', url: '/api/v1/workspaces', payload: { name: 'New', [field]: value }, headers });
    const edit = await asUser(app, ws.owner, ws.id, { method: 'PATCH', url: '/api/v1/workspace', payload: { [field]: value } });
    for (const res of [create, edit]) {
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ field })] });
    }
    const read = await asUser(app, ws.owner, ws.id, { method: 'GET', url: '/api/v1/workspace' });
    expect(read.json()).toMatchObject({ name: 'Valid shop', timezone: 'Europe/Moscow', currency: 'RUB', phoneRegion: 'RU' });
    const list = await app.http.inject({ method: 'GET', url: '/api/v1/workspaces', headers });
    expect(list.json().workspaces).toHaveLength(1);
  });
});
