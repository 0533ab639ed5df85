import { type Clock, systemClock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import { type Db, openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrator.js';
import type { Authenticator } from './platform/http/auth.js';
import { createHttpServer, type HttpServer } from './platform/http/server.js';
import { createServices, type Services } from './services.js';
import { registerWebApp, webAppDir } from './platform/http/web-app.js';
import { ensureSecret } from './platform/installation.js';
import { createLogger, type Logger } from './platform/logger.js';
import { registerCustomerRoutes } from './modules/customers/customers.routes.js';
import { registerImportRoutes } from './modules/imports/imports.routes.js';
import { ImportRunner } from './modules/imports/imports.worker.js';
import { registerImportJobs } from './modules/imports/imports.jobs.js';
import { registerIngestRoutes } from './modules/ingest/ingest.routes.js';
import { registerOrderRoutes } from './modules/orders/orders.routes.js';
import { registerAnalyticsRoutes } from './modules/analytics/analytics.routes.js';
import { registerScoreJobs } from './modules/analytics/scores/scores.jobs.js';
import { registerJobRoutes } from './platform/jobs/jobs.routes.js';
import { JobWorker } from './platform/jobs/jobs.worker.js';
import { registerJobMaintenance } from './platform/jobs/jobs.maintenance.js';
import { registerScoresRoutes } from './modules/analytics/scores/scores.routes.js';
import { registerSegmentRoutes } from './modules/segments/segments.routes.js';
import { registerSegmentExportRoutes } from './modules/segments/segment-exports.routes.js';
import { registerSegmentJobs, SegmentFeedLoop, segmentJobDeps } from './modules/segments/segments.jobs.js';
import { registerUserRoutes } from './modules/users/users.routes.js';
import { registerWorkspaceRoutes } from './modules/workspaces/workspaces.routes.js';

/** A running platform: configuration, database, services and the HTTP server (not yet listening). */
export interface App {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  secret: string;
  services: Services;
  authn: Authenticator;
  http: HttpServer;
  close(): Promise<void>;
}

/** What createApp needs; tests pass their own clock and logger. */
export interface AppOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /**
   * 'all' (default) serves HTTP and runs workers; 'api' only serves; 'worker' only runs workers;
   * 'tool' is a command line tool's: no workers, no web app, logs on stderr.
   */
  role?: 'all' | 'api' | 'worker' | 'tool';
}

/** Composition root: config -> db (migrated) -> services -> HTTP routes. */
export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL, options.role === 'tool' ? 'stderr' : 'stdout');
  const runsWorkers = options.role !== 'api' && options.role !== 'tool';
  const db = openDatabase(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const secret = await ensureSecret(db.kysely, config.SECRET);
    const services = createServices(db, clock, { databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, batches: 'auto', jobsQueue: config.JOBS_QUEUE });
    const authn = services.users.authenticator((token) => services.apiKeys.verifySecretKey(token));
    const http = await createHttpServer({ logger, trustProxy: config.TRUST_PROXY });
    const deps = { services, authn, db, clock };
    registerIngestRoutes(http, deps);
    registerUserRoutes(http, deps, { alwaysSecure: config.PUBLIC_URL?.startsWith('https:') ?? false });
    registerWorkspaceRoutes(http, deps);
    registerCustomerRoutes(http, deps);
    registerOrderRoutes(http, deps);
    registerAnalyticsRoutes(http, deps);
    registerScoresRoutes(http, deps, config.SCORES_EVERY_HOURS);
    registerImportRoutes(http, deps);
    registerJobRoutes(http, deps);
    registerSegmentRoutes(http, deps);
    registerSegmentExportRoutes(http, deps);
    // The web app answers the addresses no API route claims (a catch-all), so it comes last.
    if (options.role !== 'tool') await registerWebApp(http, { dir: webAppDir });
    await http.ready();
    // The job worker runs in every process but a pure API one (`klientura start --role api`) and a tool's.
    const worker = runsWorkers ? new JobWorker(services.jobs, clock, logger, { concurrency: config.JOBS_CONCURRENCY }) : null;
    if (worker) {
      registerJobMaintenance(worker, services.jobs);
      registerImportJobs(worker, services.imports, new ImportRunner({ db, logger, ...services }));
      registerScoreJobs(worker, services.scores, logger, config.SCORES_EVERY_HOURS);
      registerSegmentJobs(worker, segmentJobDeps(db, services.segmentEvaluator, clock, logger), services.segmentExports);
      worker.start();
    }
    // Changed customers are re-evaluated against live segments a few times a second.
    const segmentFeed = runsWorkers ? new SegmentFeedLoop(segmentJobDeps(db, services.segmentEvaluator, clock, logger)) : null;
    segmentFeed?.start();
    return {
      config,
      db,
      clock,
      logger,
      secret,
      services,
      authn,
      http,
      async close() {
        await http.close();
        await services.ingest.close();
        await worker?.stop();
        await segmentFeed?.stop();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

export type { Services } from './services.js';
