import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { type App, createApp } from '../src/main.js';
import { type Clock, systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/logger.js';
import type { Role } from '../src/platform/roles.js';
import { freshDatabaseUrl } from './pg-cluster.js';

/** A database the suite runs on. Test names carry `name`, so reports show which engine a test ran on. */
export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** A database URL: a new SQLite file each call; the suite's shared PostgreSQL database, or a fresh one. */
  url(options?: { fresh?: boolean }): Promise<string>;
}

/** The databases available to this run: SQLite always, PostgreSQL when the global setup provided one. */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'sqlite', url: async () => `sqlite:${join(tempDir(), 'test.db')}` }];
  const pgUrl = inject('pgUrl');
  if (pgUrl) list.push({ name: 'postgres', url: async (o) => (o?.fresh ? freshDatabaseUrl(pgUrl) : pgUrl) });
  return list;
}

const tempDirs: string[] = [];
/** A temporary folder removed when the test process exits. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'klientura-test-'));
  tempDirs.push(dir);
  return dir;
}
process.on('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Starts an app (not listening) on a test database with no demo data and silent logs. */
export async function startApp(database: TestDatabase, options: { clock?: Clock; fresh?: boolean; env?: Record<string, string> } = {}): Promise<App> {
  const config = loadConfig({
    DATABASE_URL: await database.url({ fresh: options.fresh }),
    LOG_LEVEL: 'silent',
    DEMO: 'false',
    DATA_DIR: tempDir(),
    // Tests recompute scores when they mean to, never on a timer.
    SCORES_EVERY_HOURS: '0',
    // A job queue of its own: apps sharing the PostgreSQL test database never run each other's jobs
    // (a job run by another test's app would be run with that app's clock).
    JOBS_QUEUE: `test-${process.pid}-${Date.now()}-${counter++}`,
    ...options.env,
  });
  return createApp({ config, clock: options.clock ?? systemClock, logger: createLogger('silent') });
}

/** A signed-in user of a test workspace. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  cookie: string;
  csrf: string;
}

/** A workspace made for one test, with its keys and owner. */
export interface TestWorkspace {
  id: string;
  writeKey: string;
  secretKey: string;
  owner: TestUser;
}

let counter = 0;
/** Creates a workspace with a write key, a secret key and a signed-in owner. */
export async function newWorkspace(app: App, name = 'Test shop'): Promise<TestWorkspace> {
  const { services } = app;
  const workspace = await services.workspaces.create({ name });
  const writeKey = await services.apiKeys.create(workspace.id, 'write', 'Site', null);
  const secretKey = await services.apiKeys.create(workspace.id, 'secret', 'Tests', null);
  const owner = await addUser(app, workspace.id, 'owner');
  return { id: workspace.id, writeKey: writeKey.key, secretKey: secretKey.key, owner };
}

/** Adds a user with a role to a workspace and signs them in. */
export async function addUser(app: App, workspaceId: string, role: Role): Promise<TestUser> {
  const email = `user${process.pid}-${Date.now()}-${counter++}@example.com`;
  const password = 'correct horse battery';
  const user = await app.services.users.createUser({ email, password });
  await app.services.users.setRole(workspaceId, user.id, role, null);
  const session = await app.services.users.login(email, password, '127.0.0.1');
  return { id: user.id, email, password, cookie: `kl_session=${session.token}`, csrf: session.csrfToken };
}

/** Calls the API with a secret key. */
export function withKey(app: App, key: string, options: InjectOptions): Promise<LightMyRequestResponse> {
  return app.http.inject({ ...options, headers: { authorization: `Bearer ${key}`, ...options.headers } });
}

/** Calls the API as a signed-in user of a workspace (cookie, CSRF header and workspace header). */
export function asUser(app: App, user: TestUser, workspaceId: string, options: InjectOptions): Promise<LightMyRequestResponse> {
  return app.http.inject({
    ...options,
    headers: { cookie: user.cookie, 'x-csrf-token': user.csrf, 'x-workspace-id': workspaceId, ...options.headers },
  });
}
