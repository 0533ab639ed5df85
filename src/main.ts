import type { FastifyInstance } from 'fastify';
import { type Clock, systemClock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import { type Db, openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrator.js';
import type { Authenticator } from './platform/http/auth.js';
import { createHttpServer } from './platform/http/server.js';
import { registerWebApp, webAppDir } from './platform/http/web-app.js';
import { ensureSecret } from './platform/installation.js';
import { createLogger, type Logger } from './platform/logger.js';
import { CustomerExportService } from './modules/customers/customer-export.js';
import { CustomerListService } from './modules/customers/customer-list.service.js';
import { CustomersService } from './modules/customers/customers.service.js';
import { TimelineService } from './modules/customers/timeline.service.js';
import { IdentityService } from './modules/customers/identity.service.js';
import { registerCustomerRoutes } from './modules/customers/customers.routes.js';
import { registerImportRoutes } from './modules/imports/imports.routes.js';
import { ImportsService } from './modules/imports/imports.service.js';
import { ImportRunner, ImportsWorker } from './modules/imports/imports.worker.js';
import { IngestService } from './modules/ingest/ingest.service.js';
import { IngestStore } from './modules/ingest/ingest-store.js';
import { ThreadedBatchStore } from './modules/ingest/ingest-writer.js';
import { registerIngestRoutes } from './modules/ingest/ingest.routes.js';
import { OrdersService } from './modules/orders/orders.service.js';
import { registerOrderRoutes } from './modules/orders/orders.routes.js';
import { registerAnalyticsRoutes } from './modules/analytics/analytics.routes.js';
import { ClvModelService } from './modules/analytics/clv-model.service.js';
import { RfmService } from './modules/analytics/rfm.service.js';
import { AbcXyzService } from './modules/analytics/abc-xyz.service.js';
import { KpiService } from './modules/analytics/kpi.service.js';
import { LifecycleService } from './modules/analytics/lifecycle.service.js';
import { CohortsService } from './modules/analytics/cohorts.service.js';
import { ScoresService } from './modules/analytics/scores/scores.service.js';
import { AnalyticsRunsRepo } from './modules/analytics/scores/analytics-runs.repo.js';
import { ScoresScheduler } from './modules/analytics/scores/scores.scheduler.js';
import { registerScoresRoutes } from './modules/analytics/scores/scores.routes.js';
import { ApiKeysRepo } from './modules/users/api-keys.repo.js';
import { ApiKeysService } from './modules/users/api-keys.service.js';
import { UsersRepo } from './modules/users/users.repo.js';
import { UsersService } from './modules/users/users.service.js';
import { registerUserRoutes } from './modules/users/users.routes.js';
import { WorkspacesRepo } from './modules/workspaces/workspaces.repo.js';
import { WorkspacesService } from './modules/workspaces/workspaces.service.js';
import { registerWorkspaceRoutes } from './modules/workspaces/workspaces.routes.js';

/** Every service of the platform, wired once here. */
export interface Services {
  workspaces: WorkspacesService;
  users: UsersService;
  apiKeys: ApiKeysService;
  identity: IdentityService;
  customers: CustomersService;
  customerList: CustomerListService;
  timeline: TimelineService;
  customerExport: CustomerExportService;
  orders: OrdersService;
  ingest: IngestService;
  imports: ImportsService;
  clvModel: ClvModelService;
  rfm: RfmService;
  abcXyz: AbcXyzService;
  kpis: KpiService;
  lifecycle: LifecycleService;
  cohorts: CohortsService;
  scores: ScoresService;
}

/** A running platform: configuration, database, services and the HTTP server (not yet listening). */
export interface App {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  secret: string;
  services: Services;
  authn: Authenticator;
  http: FastifyInstance;
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
    const services = createServices(db, clock, config);
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
    // The web app answers the addresses no API route claims (a catch-all), so it comes last.
    if (options.role !== 'tool') await registerWebApp(http, { dir: webAppDir });
    await http.ready();
    // Workers run in every process but a pure API one (`klientura start --role api`) and a tool's.
    const importsWorker = !runsWorkers ? null : new ImportsWorker(services.imports, new ImportRunner({ db, clock, logger, ...services }), logger);
    importsWorker?.start();
    const scoresScheduler = !runsWorkers ? null : new ScoresScheduler(services.scores, new AnalyticsRunsRepo(db.kysely), clock, logger, config.SCORES_EVERY_HOURS);
    scoresScheduler?.start();
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
        await importsWorker?.stop();
        await scoresScheduler?.stop();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

function createServices(db: Db, clock: Clock, config: Config): Services {
  const workspaces = new WorkspacesService(new WorkspacesRepo(db.kysely), clock);
  const users = new UsersService(new UsersRepo(db.kysely), clock);
  const apiKeys = new ApiKeysService(new ApiKeysRepo(db.kysely), clock);
  const identity = new IdentityService(clock);
  const customers = new CustomersService(db, identity, workspaces, users, clock);
  const orders = new OrdersService(db, clock);
  // SQLite in a file: batches are stored by a writer thread with its own connection.
  const inThread = db.caps.blockingStatements && !config.DATABASE_URL.endsWith(':memory:');
  const batches = inThread ? new ThreadedBatchStore(config.DATABASE_URL) : new IngestStore(db, customers, orders);
  const ingest = new IngestService(batches, workspaces, clock);
  const imports = new ImportsService(db, workspaces, clock, config.DATA_DIR);
  const customerList = new CustomerListService(db, workspaces, clock);
  const timeline = new TimelineService(db, workspaces, customers);
  const customerExport = new CustomerExportService(db, customers, orders, clock);
  const clvModel = new ClvModelService(db, workspaces);
  const rfm = new RfmService(db);
  const abcXyz = new AbcXyzService(db);
  const kpis = new KpiService(db);
  const lifecycle = new LifecycleService(db, workspaces);
  const cohorts = new CohortsService(db);
  const scores = new ScoresService(db, workspaces, clock);
  return {
    workspaces, users, apiKeys, identity, customers, customerList, timeline, customerExport, orders, ingest, imports,
    clvModel, rfm, abcXyz, kpis, lifecycle, cohorts, scores,
  };
}

/** Dependencies route modules receive. */
export interface RouteDeps {
  services: Services;
  authn: Authenticator;
  db: Db;
  clock: Clock;
}
