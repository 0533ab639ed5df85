import { randomInt } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { newWorkspace, startApp, testDatabases } from '../../../test/harness.js';

// Failed sign-ins are throttled per IP address too, and suites share one PostgreSQL database, so
// every test that fails a sign-in does it from an address of its own.
function freshIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

function login(app: App, email: string, password: string, ip = freshIp(), headers: Record<string, string> = {}) {
  return app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip, headers });
}

function sessionCookieOf(res: LightMyRequestResponse) {
  const cookie = res.cookies.find((c) => c.name === 'kl_session');
  if (!cookie) throw new Error('no kl_session cookie in the response');
  return cookie;
}

describe.each(testDatabases())('auth routes on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  it('signs in with a session cookie, shows the user on /auth/me, and signs out', async () => {
    const ws = await newWorkspace(app, 'Cookie shop');
    const res = await login(app, ws.owner.email.toUpperCase(), ws.owner.password);
    expect(res.statusCode).toBe(200);
    const cookie = sessionCookieOf(res);
    expect(cookie.httpOnly).toBe(true);
    expect(String(cookie.sameSite).toLowerCase()).toBe('lax');
    expect(cookie.path).toBe('/');
    expect(cookie.secure).toBeFalsy();
    // The cookie lives as long as the session: 30 days.
    const expires = cookie.expires?.getTime() ?? 0;
    expect(expires).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    expect(expires).toBeLessThan(Date.now() + 31 * 24 * 3600 * 1000);
    const body = res.json();
    expect(body.user).toMatchObject({ id: ws.owner.id, email: ws.owner.email });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(body.workspaces).toEqual([expect.objectContaining({ id: ws.id, name: 'Cookie shop', role: 'owner' })]);
    expect(body.csrfToken).toEqual(expect.any(String));

    const cookieHeader = `kl_session=${cookie.value}`;
    const me = await app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookieHeader } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: ws.owner.id }, csrfToken: body.csrfToken, workspaces: [{ id: ws.id }] });

    const out = await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: cookieHeader, 'x-csrf-token': body.csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(sessionCookieOf(out).value).toBe('');
    const after = await app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookieHeader } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthorized');
  });

  it('refuses a wrong password and an unknown e-mail with 401 and sets no cookie', async () => {
    const ws = await newWorkspace(app);
    for (const res of [await login(app, ws.owner.email, 'wrong password'), await login(app, 'nobody@example.com', 'whatever1')]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
      expect(res.cookies.find((c) => c.name === 'kl_session')).toBeUndefined();
    }
  });

  it('requires the CSRF header on a state-changing request made with the cookie', async () => {
    const ws = await newWorkspace(app);
    const { cookie, csrf } = ws.owner;
    const patch = (headers: Record<string, string>) =>
      app.http.inject({ method: 'PATCH', url: '/api/v1/auth/me', payload: { name: 'Ирина' }, headers: { cookie, ...headers } });
    const wrongHeaders: Record<string, string>[] = [{}, { 'x-csrf-token': 'not-the-token' }];
    for (const headers of wrongHeaders) {
      const res = await patch(headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf_failed');
    }
    const me = await app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json().user.name).not.toBe('Ирина');
    const ok = await patch({ 'x-csrf-token': csrf });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: ws.owner.id, name: 'Ирина' });
  });

  it('locks sign-in for an e-mail after 5 wrong passwords, even with the right one, but not for other e-mails', async () => {
    const ws = await newWorkspace(app);
    const other = await newWorkspace(app);
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await login(app, ws.owner.email, `wrong-${i}-password`, ip)).statusCode).toBe(401);
    const locked = await login(app, ws.owner.email, ws.owner.password, ip);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_requests');
    expect(locked.cookies.find((c) => c.name === 'kl_session')).toBeUndefined();
    // The lock is on the e-mail, whatever the address.
    expect((await login(app, ws.owner.email, ws.owner.password)).statusCode).toBe(429);
    expect((await login(app, other.owner.email, other.owner.password, ip)).statusCode).toBe(200);
  });

  it('locks sign-in from an address after 20 failures across e-mails', async () => {
    const ws = await newWorkspace(app);
    const ip = freshIp();
    for (let i = 0; i < 20; i++) expect((await login(app, `stranger${i}@example.com`, 'wrong password', ip)).statusCode).toBe(401);
    expect((await login(app, ws.owner.email, ws.owner.password, ip)).statusCode).toBe(429);
    expect((await login(app, ws.owner.email, ws.owner.password)).statusCode).toBe(200);
  });

  it('changes the password only with the right current password', async () => {
    const ws = await newWorkspace(app);
    const { cookie, csrf, email, password } = ws.owner;
    const patch = (payload: Record<string, string>) =>
      app.http.inject({
        method: 'PATCH',
        url: '/api/v1/auth/me',
        payload,
        headers: { cookie, 'x-csrf-token': csrf },
        remoteAddress: freshIp(),
      });

    const missing = await patch({ password: 'a brand new secret' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const wrong = await patch({ password: 'a brand new secret', currentPassword: 'not my password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details).toEqual([expect.objectContaining({ field: 'currentPassword', reason: 'is wrong' })]);
    const short = await patch({ password: 'short', currentPassword: password });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details).toEqual([expect.objectContaining({ field: 'password' })]);
    expect((await login(app, email, 'a brand new secret')).statusCode).toBe(401);

    const ok = await patch({ password: 'a brand new secret', currentPassword: password, locale: 'en' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().locale).toBe('en');
    expect((await login(app, email, password)).statusCode).toBe(401);
    expect((await login(app, email, 'a brand new secret')).statusCode).toBe(200);
    // The session that made the change still works.
    expect((await app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('rejects an unknown interface language with the field named', async () => {
    const ws = await newWorkspace(app);
    const res = await app.http.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      payload: { locale: 'de' },
      headers: { cookie: ws.owner.cookie, 'x-csrf-token': ws.owner.csrf },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.details[0].field).toMatch(/locale$/);
  });

  it('answers /auth/me without a session with 401', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: 'kl_session=forged' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });
});
