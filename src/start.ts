import { parseArgs } from 'node:util';
import { createApp } from './main.js';
import type { Config } from './platform/config.js';
import { ensureOwner } from './platform/first-start.js';

/** `klientura start`: migrates, creates the owner and the demo workspace on first start, serves HTTP and runs workers. */
export async function start(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { role: { type: 'string', default: 'all' } } });
  const role = values.role ?? 'all';
  if (!['all', 'api', 'worker'].includes(role)) {
    console.error('--role must be all, api or worker');
    return 2;
  }
  // The web app is served from dist/web: built here when missing or older than its sources, so
  // `klientura start` serves the same app as `npm start` (a build takes about a minute).
  if (role !== 'worker') await buildWebApp();
  const app = await createApp({ config, role: role as 'all' | 'api' | 'worker' });
  const firstStart = await ensureOwner(app.services);
  if (config.DEMO && (await app.services.workspaces.listAll()).length === 0) {
    const { createDemoWorkspace } = await import('./modules/demo/demo.service.js');
    app.logger.info('Creating the demo workspace (about 20,000 customers); this takes a little while on first start');
    const demo = await createDemoWorkspace(app, { customers: 20_000 });
    // Scores right away, so the first look at the demo has them (the schedule keeps them current).
    await app.services.scores.recompute(demo.workspaceId, 'schedule');
  }
  if (firstStart) {
    const owner = await app.services.users.findByEmail(firstStart.ownerEmail);
    for (const ws of await app.services.workspaces.listAll()) {
      if (owner) await app.services.users.setRole(ws.id, owner.id, 'owner', null);
    }
  }
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (role !== 'worker') {
    await app.http.listen({ host: config.HOST, port: config.PORT });
    const url = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
    console.log(`\nKlientura is running at ${url}  (API docs: ${url}/api/docs)`);
  } else console.log('Klientura worker is running.');
  if (firstStart) {
    console.log(`\nFirst start: sign in as ${firstStart.ownerEmail} with password ${firstStart.ownerPassword}`);
    console.log('(shown once; change it in the app, or run: klientura user password --email … --password …)\n');
  }
  // Keep running until a signal arrives.
  await new Promise<never>(() => undefined);
  return 0;
}

async function buildWebApp(): Promise<void> {
  const { buildWebIfStale } = await import('../scripts/build-web-if-stale.mjs');
  try {
    await buildWebIfStale();
  } catch (error) {
    // The API still serves; the reason is said at start rather than in a log line nobody reads.
    console.error(`Web app: could not be built (${error instanceof Error ? error.message : String(error)}); the API is served without it`);
  }
}
