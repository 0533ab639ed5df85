import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { newWorkspace, startApp, testDatabases } from '../../../test/harness.js';

// Suites share one PostgreSQL database and the limit is also per address, so each test signs in
// from an address of its own.
function freshIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

function login(app: App, email: string, password: string, ip: string) {
  return app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

describe.each(testDatabases())('sign-in limits on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  it('counts simultaneous attempts: 40 at once get at most 5 answers, and the right password sent last is refused', async () => {
    const ws = await newWorkspace(app);
    const ip = freshIp();
    const attempts = Array.from({ length: 39 }, (_, i) => login(app, ws.owner.email, `wrong password ${i}`, ip));
    attempts.push(login(app, ws.owner.email, ws.owner.password, ip));
    const statuses = (await Promise.all(attempts)).map((res) => res.statusCode);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(35);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(5);
    expect(statuses.at(-1)).toBe(429);
    // The window is spent on wrong passwords: the right one waits for it to end, from any address.
    expect((await login(app, ws.owner.email, ws.owner.password, freshIp())).statusCode).toBe(429);
  });

  // Successful sign-ins are not counted against an address: every test signs its users in from 127.0.0.1 (test/harness.ts).
  it('counts simultaneous attempts from one address across e-mails', { timeout: 90_000 }, async () => {
    const ip = freshIp();
    const attempts = Array.from({ length: 24 }, (_, i) => login(app, `stranger-${randomInt(1e9)}-${i}@example.com`, 'wrong password', ip));
    const statuses = (await Promise.all(attempts)).map((res) => res.statusCode);
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(20);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
  });

  it('takes as long for an unknown e-mail as for a known one', { timeout: 90_000 }, async () => {
    const ws = await newWorkspace(app);
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, so a burst of load on the machine slows both kinds alike.
    for (let i = 0; i < 5; i++) {
      let start = performance.now();
      expect((await login(app, ws.owner.email, ws.owner.password, freshIp())).statusCode).toBe(200);
      known.push(performance.now() - start);
      start = performance.now();
      expect((await login(app, `nobody-${randomInt(1e9)}@example.com`, ws.owner.password, freshIp())).statusCode).toBe(401);
      unknown.push(performance.now() - start);
    }
    expect(median(unknown)).toBeGreaterThanOrEqual(0.5 * median(known));
  });
});
