import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.js';
import * as core from './migrations/2026-11-24T00-core.js';
import * as imports from './migrations/2026-11-25T00-imports.js';
import * as statsActivityIndex from './migrations/2026-11-30T00-stats-activity-index.js';
import * as importErrorCodes from './migrations/2026-11-30T01-import-error-codes.js';
import * as customerScores from './migrations/2026-11-30T02-customer-scores.js';
import * as scoreDigest from './migrations/2026-11-30T03-score-digest.js';
import * as statsDevices from './migrations/2026-11-30T04-stats-devices.js';
import * as customerCityKey from './migrations/2026-12-01T10-customer-city-key.js';
import * as orderAmountRepair from './migrations/2026-12-07T00-order-amount-repair.js';
import * as jobs from './migrations/2026-12-07T10-jobs.js';
import * as segments from './migrations/2026-12-07T20-segments.js';
import * as segmentExports from './migrations/2026-12-07T21-segment-exports.js';
import * as segmentActivityIndexes from './migrations/2026-12-08T00-segment-activity-indexes.js';
import * as customerChangeTriggers from './migrations/2026-12-08T20-customer-change-triggers.js';
import * as feedTransactionCursors from './migrations/2026-12-09T10-feed-transaction-cursors.js';
import * as eventChangeKinds from './migrations/2026-12-09T20-event-change-kinds.js';
import * as lastTouchUtm from './migrations/2026-12-10T00-last-touch-utm.js';
import * as segmentMembersByCustomer from './migrations/2026-12-10T10-segment-members-by-customer.js';
import * as eventPropertyColumns from './migrations/2026-12-10T20-event-property-columns.js';
import * as eventsCustomerCovering from './migrations/2026-12-11T00-events-customer-covering.js';

// Migrations are listed here, in order, rather than read from a folder at run time, so they work the
// same from source (tsx) and from any bundle. Append-only: never edit one that has shipped.
export const migrations: Record<string, Migration> = {
  '2026-11-24T00-core': core,
  '2026-11-25T00-imports': imports,
  '2026-11-30T00-stats-activity-index': statsActivityIndex,
  '2026-11-30T01-import-error-codes': importErrorCodes,
  '2026-11-30T02-customer-scores': customerScores,
  '2026-11-30T03-score-digest': scoreDigest,
  '2026-11-30T04-stats-devices': statsDevices,
  '2026-12-01T10-customer-city-key': customerCityKey,
  '2026-12-07T00-order-amount-repair': orderAmountRepair,
  '2026-12-07T10-jobs': jobs,
  '2026-12-07T20-segments': segments,
  '2026-12-07T21-segment-exports': segmentExports,
  '2026-12-08T00-segment-activity-indexes': segmentActivityIndexes,
  '2026-12-08T20-customer-change-triggers': customerChangeTriggers,
  '2026-12-09T10-feed-transaction-cursors': feedTransactionCursors,
  '2026-12-09T20-event-change-kinds': eventChangeKinds,
  '2026-12-10T00-last-touch-utm': lastTouchUtm,
  '2026-12-10T10-segment-members-by-customer': segmentMembersByCustomer,
  '2026-12-10T20-event-property-columns': eventPropertyColumns,
  '2026-12-11T00-events-customer-covering': eventsCustomerCovering,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date. Kysely holds a lock (an advisory lock on PostgreSQL) while it runs. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
