import { randomInt } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../main.js';
import { runCli } from '../../cli.js';
import { newWorkspace, startApp, tempDir, testDatabases, type TestUser } from '../../../test/harness.js';

function freshIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

describe.each(testDatabases())('changing a password on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  const login = (email: string, password: string) =>
    app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: freshIp() });
  const me = (cookie: string) => app.http.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
  const change = (user: TestUser, payload: Record<string, string>, ip = freshIp()) =>
    app.http.inject({ method: 'POST', url: '/api/v1/auth/password', payload, headers: { cookie: user.cookie, 'x-csrf-token': user.csrf }, remoteAddress: ip });
  const cookieOf = async (email: string, password: string) => {
    const res = await login(email, password);
    expect(res.statusCode).toBe(200);
    return `kl_session=${res.cookies.find((c) => c.name === 'kl_session')?.value}`;
  };

  it('changes one\'s own password with the current one, keeps this session and ends the others', async () => {
    const ws = await newWorkspace(app);
    const { email, password } = ws.owner;
    const otherDevice = await cookieOf(email, password);

    const wrong = await change(ws.owner, { currentPassword: 'not my password', password: 'a brand new secret' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details).toEqual([expect.objectContaining({ field: 'currentPassword', code: 'password_wrong' })]);
    const common = await change(ws.owner, { currentPassword: password, password: 'qwerty123' });
    expect(common.statusCode).toBe(400);
    expect(common.json().error.details).toEqual([expect.objectContaining({ field: 'password', code: 'password_too_common' })]);
    const own = await change(ws.owner, { currentPassword: password, password: email });
    expect(own.json().error.details).toEqual([expect.objectContaining({ field: 'password', code: 'password_like_email' })]);
    // Nothing changed so far.
    expect((await me(otherDevice)).statusCode).toBe(200);

    const ok = await change(ws.owner, { currentPassword: password, password: 'a brand new secret' });
    expect(ok.statusCode).toBe(204);
    expect((await me(ws.owner.cookie)).statusCode).toBe(200);
    expect((await me(otherDevice)).statusCode).toBe(401);
    expect((await login(email, password)).statusCode).toBe(401);
    expect((await login(email, 'a brand new secret')).statusCode).toBe(200);
  });

  it('ends the other sessions when the password is changed through PATCH /auth/me too', async () => {
    const ws = await newWorkspace(app);
    const otherDevice = await cookieOf(ws.owner.email, ws.owner.password);
    const res = await app.http.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      payload: { currentPassword: ws.owner.password, password: 'another new secret' },
      headers: { cookie: ws.owner.cookie, 'x-csrf-token': ws.owner.csrf },
      remoteAddress: freshIp(),
    });
    expect(res.statusCode).toBe(200);
    expect((await me(otherDevice)).statusCode).toBe(401);
    expect((await me(ws.owner.cookie)).statusCode).toBe(200);
  });

  it('counts wrong current passwords against the sign-in limit', async () => {
    const ws = await newWorkspace(app);
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await change(ws.owner, { currentPassword: `guess ${i}`, password: 'a brand new secret' }, ip)).statusCode).toBe(400);
    const locked = await change(ws.owner, { currentPassword: ws.owner.password, password: 'a brand new secret' }, ip);
    expect(locked.statusCode).toBe(429);
    expect((await login(ws.owner.email, ws.owner.password)).statusCode).toBe(429);
  });

  it('klientura user password sets the password and ends every session of the user', async () => {
    const ws = await newWorkspace(app);
    const otherDevice = await cookieOf(ws.owner.email, ws.owner.password);
    vi.stubEnv('DATABASE_URL', app.config.DATABASE_URL);
    vi.stubEnv('DATA_DIR', tempDir());
    vi.stubEnv('DEMO', 'false');
    vi.stubEnv('SCORES_EVERY_HOURS', '0');
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);

    expect(await runCli(['user', 'password', '--email', ws.owner.email, '--password', 'set by the operator'])).toBe(0);
    expect(out.mock.calls.join('\n')).toContain('sessions have ended');
    expect((await me(ws.owner.cookie)).statusCode).toBe(401);
    expect((await me(otherDevice)).statusCode).toBe(401);
    expect((await login(ws.owner.email, 'set by the operator')).statusCode).toBe(200);
  });
});
