import type { ColumnType, Generated } from 'kysely';
import type { JobsTable } from '../jobs/jobs.tables.js';

// Table types as the application sees them after normalisation (see normalize.ts):
// times are epoch milliseconds (UTC), money is integer minor units, JSON columns hold text on write
// and are parsed by the repositories on read.

/** An auto-generated integer id. */
type Id = Generated<number>;
/** A JSON column: written as a string, read back as a string (SQLite) or a parsed value (PostgreSQL). */
export type JsonColumn = ColumnType<unknown, string, string>;

export interface InstallationSettingsTable {
  key: string;
  value: string;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  timezone: string;
  currency: string;
  phone_region: string;
  created_at: number;
  updated_at: number;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: string;
  created_at: number;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: string;
  created_at: number;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface LoginFailuresTable {
  key: string;
  window_start: number;
  failures: number;
}

export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  kind: string; // 'write' | 'secret'
  name: string;
  prefix: string; // shown in listings
  token_hash: string; // sha256 of the whole key
  write_key: string | null; // write keys are public and kept readable
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface CustomersTable {
  id: Id;
  workspace_id: string;
  first_name: string | null;
  last_name: string | null;
  middle_name: string | null;
  phone: string | null;
  email: string | null;
  gender: string | null;
  birth_date: string | null; // YYYY-MM-DD
  city: string | null;
  /** The city lower-cased, ё as е (cityKey in customers/customer-fields.ts): the city filter matches its start. */
  city_key: string | null;
  region: string | null;
  country: string | null;
  source: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  preferred_channel: string | null;
  manager_user_id: string | null;
  /** "last first middle", lower-cased, ё as е: for name search on both engines. */
  search_name: string | null;
  traits: JsonColumn;
  merged_into: number | null;
  erased_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface CustomerIdentifiersTable {
  workspace_id: string;
  kind: string; // phone | email | card | external_id | anonymous_id
  value: string;
  customer_id: number;
  created_at: number;
}

export interface CustomerConsentsTable {
  workspace_id: string;
  customer_id: number;
  channel: string; // email | sms | push | messenger
  status: string; // granted | revoked
  source: string | null;
  updated_at: number;
}

export interface CustomerMergesTable {
  id: Id;
  workspace_id: string;
  survivor_id: number;
  loser_id: number;
  reason: string;
  created_at: number;
}

export interface CustomerErasuresTable {
  id: Id;
  workspace_id: string;
  customer_id: number;
  requested_by: string | null;
  reason: string | null;
  created_at: number;
}

export interface EventsTable {
  id: Id;
  workspace_id: string;
  customer_id: number;
  type: string; // track | page | screen | identify | group | alias
  name: string | null;
  message_id: string;
  properties: JsonColumn;
  context: JsonColumn;
  timestamp: number;
  received_at: number;
  /** properties.category when a JSON string, folded (migration 2026-12-10T20-event-property-columns). */
  category_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** properties.price when a JSON number. */
  price: ColumnType<number | null, number | null | undefined, number | null>;
  /** context.campaign.source when a JSON string, folded. */
  campaign_source_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OrdersTable {
  id: Id;
  workspace_id: string;
  customer_id: number;
  external_id: string;
  status: string; // completed | refunded | partially_refunded | cancelled
  total: number; // minor units, after discount
  discount: number;
  shipping: number;
  tax: number;
  refunded: number;
  points_used: number;
  currency: string;
  channel: string; // online | offline
  store_id: string | null;
  source: string; // event | import | api | demo
  ordered_at: number;
  order_day: number; // days since 1970-01-01 in the workspace timezone
  created_at: number;
  updated_at: number;
}

export interface OrderItemsTable {
  id: Id;
  workspace_id: string;
  order_id: number;
  customer_id: number;
  product_id: string | null;
  sku: string | null;
  name: string | null;
  category: string | null;
  price: number;
  quantity: number;
}

export interface CustomerStatsTable {
  workspace_id: string;
  customer_id: number;
  first_order_at: number | null;
  last_order_at: number | null;
  orders_count: number;
  order_days: number;
  revenue: number;
  avg_check: number;
  last_activity_at: number | null;
  updated_at: number;
  /** Local day numbers of the first and last purchase days, and of the purchase day before the last. */
  first_order_day: number | null;
  last_order_day: number | null;
  prev_order_day: number | null;
  /** Net value bought on the first purchase day, minor units. */
  first_day_value: number | null;
  /** Last device, OS and browser from events' context, and the locale (context or profile edits); not on customers: docs/decisions.md. */
  last_device: string | null;
  last_os: string | null;
  last_browser: string | null;
  locale: string | null;
  /** The last touch: UTM tags of the latest tracked event that came with a campaign, and its time (epoch ms). */
  last_utm_source: string | null;
  last_utm_medium: string | null;
  last_utm_campaign: string | null;
  last_utm_at: number | null;
}

/** A customer's scores as of the last computation (docs/analytics.md, "Stored scores"). */
export interface CustomerScoresTable {
  workspace_id: string;
  customer_id: number;
  rfm_r: number | null;
  rfm_f: number | null;
  rfm_m: number | null;
  rfm_segment: string | null;
  abc: string | null;
  xyz: string | null;
  stage: string;
  /** Local day number the customer entered the stage (null: before the first computation saw it). */
  stage_since: number | null;
  p_alive: number | null;
  expected_30: number | null;
  expected_90: number | null;
  expected_365: number | null;
  predicted_clv: number | null;
  computed_at: number;
  /** A 52-bit digest of the scores above (null: written before digests were kept). */
  digest: number | null;
}

export interface StageTransitionsTable {
  id: Id;
  workspace_id: string;
  customer_id: number;
  /** null: the customer's first stage (rows of computations before from_day was kept). */
  from_stage: string | null;
  to_stage: string;
  /** Local day number of the change. */
  day: number;
  /** Local day number the customer entered from_stage (null: unknown, or no from_stage). */
  from_day: number | null;
  computed_at: number;
}

export interface AnalyticsRunsTable {
  id: string;
  workspace_id: string;
  trigger: string; // schedule | request | settings
  status: string; // running | done | failed
  as_of_day: number;
  customers: number | null;
  changed: number | null;
  written: number | null;
  phases: JsonColumn | null;
  summary: JsonColumn | null;
  error: string | null;
  requested_by: string | null;
  started_at: number;
  finished_at: number | null;
}

export interface AnalyticsActivityTable {
  workspace_id: string;
  /** The last (complete) local day the index counts. */
  last_day: number;
  data: Uint8Array;
  updated_at: number;
}

export interface AnalyticsSettingsTable {
  workspace_id: string;
  settings: JsonColumn;
  updated_by: string | null;
  updated_at: number;
}

export interface ImportJobsTable {
  id: string;
  workspace_id: string;
  kind: string; // customers | orders
  status: string; // pending | queued | running | done | failed
  file_name: string;
  file_path: string;
  file_size: number;
  encoding: string;
  delimiter: string;
  mapping: JsonColumn;
  rows_total: number | null;
  rows_done: number;
  rows_ok: number;
  rows_failed: number;
  bytes_done: number;
  error: string | null;
  created_by: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  claimed_until: number | null;
  /** First file line not yet imported: a resumed job reads on from here. */
  next_line: ColumnType<number, number | undefined, number>;
  /** The process holding the job while it runs. */
  claimed_by: string | null;
  /** How many times the job was taken over after its holder stopped extending the claim. */
  attempts: ColumnType<number, number | undefined, number>;
}

export interface ImportErrorsTable {
  id: Id;
  job_id: string;
  row_number: number;
  column_name: string | null;
  reason: string;
  /** Code of the reason (platform/reasons.ts), when it has one. */
  code: string | null;
  params: JsonColumn | null;
  raw: string | null;
}

// Segments (migration 2026-12-07T20-segments, docs/segments.md).
/** A saved segment: a rule kept current (dynamic) or a list kept by hand (static). */
export interface SegmentsTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string | null;
  kind: string; // dynamic | static
  rule: JsonColumn | null;
  status: string; // building | ready | failed
  error: string | null;
  member_count: ColumnType<number, number | undefined, number>;
  /** Conditions relative to now have been re-checked up to this instant. */
  swept_until: number | null;
  built_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** A customer in a segment now, since when. */
export interface SegmentMembersTable {
  workspace_id: string;
  segment_id: string;
  customer_id: number;
  since: number;
}

/** An entry (entered = 1) or exit (0) of a customer, in order of id: the history and the feed. */
export interface SegmentChangesTable {
  id: Generated<number>;
  workspace_id: string;
  segment_id: string;
  customer_id: number;
  entered: number;
  at: number;
}

/** A segment's size at the end of a local day it changed. */
export interface SegmentSizesTable {
  segment_id: string;
  day: number;
  size: number;
}

/** How far a reader of a feed has read. */
export interface FeedCursorsTable {
  consumer: string;
  position: number;
  updated_at: number;
}

/** A customer whose data changed, with what changed (bits: profile 1, stats 2, consent 4, identifiers 8, scores 16). */
export interface CustomerChangesTable {
  id: Generated<number>;
  workspace_id: string;
  customer_id: number;
  kinds: number;
  at: ColumnType<number, number | undefined, never>;
}

/** An export of a segment's people or hashed contacts: the record of personal data leaving the system. */
export interface SegmentExportsTable {
  id: string;
  workspace_id: string;
  segment_id: string;
  /** The segment's name when exported (the record outlives a rename or deletion). */
  segment_name: string;
  format: string; // csv | yandex | vk_phone | vk_email
  language: string;
  status: string; // queued | running | done | failed
  rows: number | null;
  members: number | null;
  progress: ColumnType<number, number | undefined, number>;
  file_path: string | null;
  error: string | null;
  created_by: string | null;
  created_at: number;
  finished_at: number | null;
}

/** The whole database as Kysely sees it. */
export interface Database {
  installation_settings: InstallationSettingsTable;
  workspaces: WorkspacesTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  api_keys: ApiKeysTable;
  customers: CustomersTable;
  customer_identifiers: CustomerIdentifiersTable;
  customer_consents: CustomerConsentsTable;
  customer_merges: CustomerMergesTable;
  customer_erasures: CustomerErasuresTable;
  events: EventsTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  customer_stats: CustomerStatsTable;
  import_jobs: ImportJobsTable;
  import_errors: ImportErrorsTable;
  customer_scores: CustomerScoresTable;
  stage_transitions: StageTransitionsTable;
  analytics_runs: AnalyticsRunsTable;
  analytics_settings: AnalyticsSettingsTable;
  analytics_activity: AnalyticsActivityTable;
  jobs: JobsTable;
  segments: SegmentsTable;
  segment_members: SegmentMembersTable;
  segment_changes: SegmentChangesTable;
  segment_sizes: SegmentSizesTable;
  feed_cursors: FeedCursorsTable;
  customer_changes: CustomerChangesTable;
  segment_exports: SegmentExportsTable;
}
