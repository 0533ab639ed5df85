import { randomInt } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { newWorkspace, startApp, testDatabases } from '../../../test/harness.js';

// Which X-Forwarded-* headers are believed decides the address the sign-in limit counts and
// whether the session cookie is Secure; only the proxies named in TRUST_PROXY may set them.

function freshIp(prefix = '10'): string {
  return `${prefix}.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

function login(app: App, email: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) {
  return app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress, headers });
}

function secure(res: LightMyRequestResponse): boolean {
  expect(res.statusCode).toBe(200);
  return res.cookies.find((c) => c.name === 'kl_session')?.secure === true;
}

describe.each(testDatabases())('trusted proxies on $name', (database) => {
  describe('with TRUST_PROXY unset', () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(database);
    });
    afterAll(() => app.close());

    it('counts failed sign-ins by the connecting address, whatever X-Forwarded-For says', { timeout: 120_000 }, async () => {
      const ws = await newWorkspace(app);
      const ip = freshIp();
      for (let i = 0; i < 20; i++) {
        const res = await login(app, `stranger-${randomInt(1e9)}@example.com`, 'wrong password', ip, { 'x-forwarded-for': freshIp('192') });
        expect(res.statusCode).toBe(401);
      }
      expect((await login(app, ws.owner.email, ws.owner.password, ip, { 'x-forwarded-for': freshIp('192') })).statusCode).toBe(429);
    });

    it('does not mark the cookie Secure because a caller says X-Forwarded-Proto: https', async () => {
      const ws = await newWorkspace(app);
      expect(secure(await login(app, ws.owner.email, ws.owner.password, freshIp(), { 'x-forwarded-proto': 'https' }))).toBe(false);
    });
  });

  describe('with TRUST_PROXY naming the proxy', () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(database, { env: { TRUST_PROXY: '127.0.0.1, 172.16.0.0/12' } });
    });
    afterAll(() => app.close());

    it("believes the proxy's X-Forwarded-Proto, and nobody else's", async () => {
      const ws = await newWorkspace(app);
      const { email, password } = ws.owner;
      expect(secure(await login(app, email, password, '172.20.0.2', { 'x-forwarded-proto': 'https', 'x-forwarded-for': freshIp() }))).toBe(true);
      expect(secure(await login(app, email, password, '172.20.0.2', { 'x-forwarded-for': freshIp() }))).toBe(false);
      expect(secure(await login(app, email, password, freshIp(), { 'x-forwarded-proto': 'https' }))).toBe(false);
    });
  });

  describe('with an https PUBLIC_URL', () => {
    let app: App;
    beforeAll(async () => {
      app = await startApp(database, { env: { PUBLIC_URL: 'https://crm.example.ru' } });
    });
    afterAll(() => app.close());

    it('marks the cookie Secure on every sign-in', async () => {
      const ws = await newWorkspace(app);
      expect(secure(await login(app, ws.owner.email, ws.owner.password, freshIp()))).toBe(true);
    });
  });
});
