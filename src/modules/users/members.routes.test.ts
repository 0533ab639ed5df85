import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { addUser, asUser, newWorkspace, startApp, testDatabases, withKey } from '../../../test/harness.js';

function uniqueEmail(): string {
  return `invitee-${Date.now()}-${randomInt(1e9)}@example.com`;
}

describe.each(testDatabases())('member routes on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  it('lists members with their roles to anyone who may read', async () => {
    const ws = await newWorkspace(app);
    const analyst = await addUser(app, ws.id, 'analyst');
    const res = await asUser(app, analyst, ws.id, { method: 'GET', url: '/api/v1/members' });
    expect(res.statusCode).toBe(200);
    expect(res.json().members).toEqual([
      expect.objectContaining({ id: ws.owner.id, email: ws.owner.email, role: 'owner' }),
      expect.objectContaining({ id: analyst.id, role: 'analyst' }),
    ]);
  });

  it('invites a new user with a first password, who can then sign in to the workspace', async () => {
    const ws = await newWorkspace(app, 'Invite shop');
    const email = uniqueEmail();
    const res = await asUser(app, ws.owner, ws.id, {
      method: 'POST',
      url: '/api/v1/members',
      payload: { email: `  ${email.toUpperCase()} `, role: 'marketer', name: 'Мария', password: 'first password 1' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ created: true, member: { email, name: 'Мария', role: 'marketer' } });

    const login = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: 'first password 1' } });
    expect(login.statusCode).toBe(200);
    expect(login.json().workspaces).toEqual([expect.objectContaining({ id: ws.id, name: 'Invite shop', role: 'marketer' })]);
  });

  it('adds an existing user by e-mail without touching their password', async () => {
    const ws = await newWorkspace(app);
    const elsewhere = await newWorkspace(app);
    const { email, password, id } = elsewhere.owner;
    const withPassword = await asUser(app, ws.owner, ws.id, {
      method: 'POST',
      url: '/api/v1/members',
      payload: { email, role: 'analyst', password: 'taken over 123' },
    });
    expect(withPassword.statusCode).toBe(400);
    expect(withPassword.json().error.details).toEqual([expect.objectContaining({ field: 'password' })]);

    const res = await asUser(app, ws.owner, ws.id, { method: 'POST', url: '/api/v1/members', payload: { email, role: 'analyst' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ created: false, member: { id, role: 'analyst' } });
    const login = await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    expect(login.statusCode).toBe(200);

    const again = await asUser(app, ws.owner, ws.id, { method: 'POST', url: '/api/v1/members', payload: { email, role: 'manager' } });
    expect(again.statusCode).toBe(409);
  });

  it('asks for a password when nobody has the e-mail yet', async () => {
    const ws = await newWorkspace(app);
    const res = await asUser(app, ws.owner, ws.id, {
      method: 'POST',
      url: '/api/v1/members',
      payload: { email: uniqueEmail(), role: 'analyst' },
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([expect.objectContaining({ field: 'password', reason: expect.stringContaining('creates the account') })]);
    const bad = await asUser(app, ws.owner, ws.id, {
      method: 'POST',
      url: '/api/v1/members',
      payload: { email: 'not-an-email', role: 'analyst', password: 'first password 1' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([expect.objectContaining({ field: 'email' })]);
  });

  it('does not let a manager add members', async () => {
    const ws = await newWorkspace(app);
    const manager = await addUser(app, ws.id, 'manager');
    const res = await asUser(app, manager, ws.id, {
      method: 'POST',
      url: '/api/v1/members',
      payload: { email: uniqueEmail(), role: 'analyst', password: 'first password 1' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    const members = await asUser(app, ws.owner, ws.id, { method: 'GET', url: '/api/v1/members' });
    expect(members.json().members).toHaveLength(2);
  });

  it('does not let a secret key manage members', async () => {
    const ws = await newWorkspace(app);
    const res = await withKey(app, ws.secretKey, {
      method: 'POST',
      url: '/api/v1/members',
      payload: { email: uniqueEmail(), role: 'analyst', password: 'first password 1' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('does not let an admin grant owner, nor demote or remove an owner', async () => {
    const ws = await newWorkspace(app);
    const admin = await addUser(app, ws.id, 'admin');
    const second = await addUser(app, ws.id, 'owner');
    const analyst = await addUser(app, ws.id, 'analyst');
    const email = uniqueEmail();

    const invite = await asUser(app, admin, ws.id, {
      method: 'POST',
      url: '/api/v1/members',
      payload: { email, role: 'owner', password: 'first password 1' },
    });
    expect(invite.statusCode).toBe(403);
    // The refused invite left no account behind. (A failed sign-in counts against its address,
    // and suites share the database, so it comes from an address of its own.)
    const login = await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'first password 1' },
      remoteAddress: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
    });
    expect(login.statusCode).toBe(401);

    const promote = await asUser(app, admin, ws.id, { method: 'PATCH', url: `/api/v1/members/${analyst.id}`, payload: { role: 'owner' } });
    expect(promote.statusCode).toBe(403);
    const demote = await asUser(app, admin, ws.id, { method: 'PATCH', url: `/api/v1/members/${second.id}`, payload: { role: 'analyst' } });
    expect(demote.statusCode).toBe(403);
    const remove = await asUser(app, admin, ws.id, { method: 'DELETE', url: `/api/v1/members/${second.id}` });
    expect(remove.statusCode).toBe(403);

    const ok = await asUser(app, admin, ws.id, { method: 'PATCH', url: `/api/v1/members/${analyst.id}`, payload: { role: 'marketer' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: analyst.id, role: 'marketer' });
  });

  it('keeps the last owner: neither demoted nor removed (409), until another owner exists', async () => {
    const ws = await newWorkspace(app);
    const { owner } = ws;
    const demote = await asUser(app, owner, ws.id, { method: 'PATCH', url: `/api/v1/members/${owner.id}`, payload: { role: 'admin' } });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('conflict');
    const remove = await asUser(app, owner, ws.id, { method: 'DELETE', url: `/api/v1/members/${owner.id}` });
    expect(remove.statusCode).toBe(409);
    const members = await asUser(app, owner, ws.id, { method: 'GET', url: '/api/v1/members' });
    expect(members.json().members).toEqual([expect.objectContaining({ id: owner.id, role: 'owner' })]);

    const admin = await addUser(app, ws.id, 'admin');
    const promote = await asUser(app, owner, ws.id, { method: 'PATCH', url: `/api/v1/members/${admin.id}`, payload: { role: 'owner' } });
    expect(promote.statusCode).toBe(200);
    const leave = await asUser(app, owner, ws.id, { method: 'DELETE', url: `/api/v1/members/${owner.id}` });
    expect(leave.statusCode).toBe(204);
    const gone = await asUser(app, owner, ws.id, { method: 'GET', url: '/api/v1/workspace' });
    expect(gone.statusCode).toBe(403);
  });

  it('answers 404 for someone who is not a member', async () => {
    const ws = await newWorkspace(app);
    const stranger = await newWorkspace(app);
    const patch = await asUser(app, ws.owner, ws.id, {
      method: 'PATCH',
      url: `/api/v1/members/${stranger.owner.id}`,
      payload: { role: 'analyst' },
    });
    expect(patch.statusCode).toBe(404);
    const del = await asUser(app, ws.owner, ws.id, { method: 'DELETE', url: `/api/v1/members/${stranger.owner.id}` });
    expect(del.statusCode).toBe(404);
    const roles = await asUser(app, stranger.owner, stranger.id, { method: 'GET', url: '/api/v1/workspace' });
    expect(roles.statusCode).toBe(200);
  });

  it('rejects an unknown role with the field named', async () => {
    const ws = await newWorkspace(app);
    const analyst = await addUser(app, ws.id, 'analyst');
    const res = await asUser(app, ws.owner, ws.id, { method: 'PATCH', url: `/api/v1/members/${analyst.id}`, payload: { role: 'god' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toMatch(/role$/);
  });
});
