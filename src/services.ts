import type { Clock } from './platform/clock.js';
import type { Db } from './platform/db/database.js';
import { JobQueue } from './platform/jobs/jobs.service.js';
import { SegmentEvaluator } from './modules/segments/segment-evaluator.js';
import { SegmentsService } from './modules/segments/segments.service.js';
import { SegmentExportsService } from './modules/segments/segment-exports.service.js';
import { MembershipFeed } from './modules/segments/membership-feed.js';
import { CustomerExportService } from './modules/customers/customer-export.js';
import { CustomerListService } from './modules/customers/customer-list.service.js';
import { CustomersService } from './modules/customers/customers.service.js';
import { TimelineService } from './modules/customers/timeline.service.js';
import { IdentityService } from './modules/customers/identity.service.js';
import { ImportsService } from './modules/imports/imports.service.js';
import { IngestService } from './modules/ingest/ingest.service.js';
import { IngestStore } from './modules/ingest/ingest-store.js';
import { ThreadedBatchStore } from './modules/ingest/ingest-writer.js';
import { OrdersService } from './modules/orders/orders.service.js';
import { ClvModelService } from './modules/analytics/clv-model.service.js';
import { RfmService } from './modules/analytics/rfm.service.js';
import { AbcXyzService } from './modules/analytics/abc-xyz.service.js';
import { KpiService } from './modules/analytics/kpi.service.js';
import { LifecycleService } from './modules/analytics/lifecycle.service.js';
import { CohortsService } from './modules/analytics/cohorts.service.js';
import { ScoresService } from './modules/analytics/scores/scores.service.js';
import { ApiKeysRepo } from './modules/users/api-keys.repo.js';
import { ApiKeysService } from './modules/users/api-keys.service.js';
import { UsersRepo } from './modules/users/users.repo.js';
import { UsersService } from './modules/users/users.service.js';
import { WorkspacesRepo } from './modules/workspaces/workspaces.repo.js';
import { WorkspacesService } from './modules/workspaces/workspaces.service.js';

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
  jobs: JobQueue;
  segments: SegmentsService;
  segmentEvaluator: SegmentEvaluator;
  segmentExports: SegmentExportsService;
  membershipFeed: MembershipFeed;
}

/** What createServices needs beyond the database and the clock. */
export interface ServiceOptions {
  /** The database's URL (the ingestion writer thread opens its own connection to it). */
  databaseUrl: string;
  /** Where uploaded import files are kept. */
  dataDir: string;
  /**
   * Where ingestion batches are stored: 'auto' hands them to the writer thread on SQLite in a file
   * and stores them here otherwise; 'here' always stores them on this thread (the writer thread's own).
   */
  batches: 'auto' | 'here';
  /** The job queue's name (JOBS_QUEUE; default 'main'): processes sharing a database and this name share jobs. */
  jobsQueue?: string;
}

/**
 * Wires every service of the platform once, for the HTTP process (main.ts) and the ingestion writer
 * thread alike, so both run the same services on their own connections.
 */
export function createServices(db: Db, clock: Clock, options: ServiceOptions): Services {
  const jobs = new JobQueue(db, clock, options.jobsQueue ?? 'main');
  const workspaces = new WorkspacesService(new WorkspacesRepo(db.kysely), clock);
  const users = new UsersService(new UsersRepo(db.kysely), clock);
  const apiKeys = new ApiKeysService(new ApiKeysRepo(db.kysely), clock);
  const identity = new IdentityService(clock);
  const customers = new CustomersService(db, identity, workspaces, users, clock);
  const orders = new OrdersService(db, customers, clock);
  // SQLite in a file: batches are stored by a writer thread with its own connection.
  const inThread = options.batches === 'auto' && db.caps.blockingStatements && !options.databaseUrl.endsWith(':memory:');
  const batches = inThread ? new ThreadedBatchStore(options.databaseUrl) : new IngestStore(db, customers, orders);
  const ingest = new IngestService(batches, workspaces, clock);
  const imports = new ImportsService(db, workspaces, clock, options.dataDir, jobs);
  const customerList = new CustomerListService(db, workspaces, clock);
  const timeline = new TimelineService(db, workspaces, customers);
  const customerExport = new CustomerExportService(db, customers, orders, clock);
  const clvModel = new ClvModelService(db, workspaces, customers);
  const rfm = new RfmService(db);
  const abcXyz = new AbcXyzService(db);
  const kpis = new KpiService(db);
  const lifecycle = new LifecycleService(db, workspaces);
  const cohorts = new CohortsService(db, workspaces, clock);
  const scores = new ScoresService(db, workspaces, clock, customers, jobs);
  const segments = new SegmentsService(db, workspaces, customers, jobs, clock);
  const segmentEvaluator = new SegmentEvaluator(db, workspaces, clock);
  const segmentExports = new SegmentExportsService(db, segments, workspaces, jobs, clock, options.dataDir);
  const membershipFeed = new MembershipFeed(db, clock);
  return {
    workspaces, users, apiKeys, identity, customers, customerList, timeline, customerExport, orders, ingest, imports,
    clvModel, rfm, abcXyz, kpis, lifecycle, cohorts, scores, jobs, segments, segmentEvaluator, segmentExports, membershipFeed,
  };
}
