// Shapes of the API as the web app sees them, taken from the server's own zod contracts so the
// two cannot drift apart. Type-only imports: nothing of the server ends up in the bundle.
import type { z } from 'zod';
import type {
  customerListItemSchema,
  customerListQuerySchema,
  customerListSchema,
  customerProfileSchema,
  customerSorts,
  customerWriteSchema,
  timelineItemSchema,
  timelineSchema,
  timelineTypes,
} from '../../../modules/customers/customers.schemas.js';
import type { memberSchema, sessionSchema, userSchema } from '../../../modules/users/users.schemas.js';
import type {
  delimiterSchema,
  encodingSchema,
  importErrorSchema,
  importErrorsPageSchema,
  importJobSchema,
  importKindSchema,
  importListSchema,
  importPreviewSchema,
  mappingProblemSchema,
  startImportBodySchema,
  targetFieldSchema,
} from '../../../modules/imports/imports.schemas.js';
import type { workspaceWithRoleSchema } from '../../../modules/workspaces/workspaces.schemas.js';
import type { customerScoresSchema, scoresRunSchema, scoresStatusSchema } from '../../../modules/analytics/scores/scores.schemas.js';

/** GET /auth/me and POST /auth/login. */
export type Session = z.output<typeof sessionSchema>;
/** The signed-in user. */
export type User = z.output<typeof userSchema>;
/** A workspace with the user's role in it. */
export type Workspace = z.output<typeof workspaceWithRoleSchema>;
/** A role in a workspace. */
export type Role = Workspace['role'];
/** A member of the workspace (GET /members): id, name, e-mail and role. */
export type Member = z.output<typeof memberSchema>;

// The list filters travel as comma-separated text ("vip,loyal"); the server's output type has them split.
type ListFilterParams = 'rfmSegment' | 'stage' | 'abcXyz';
/** GET /customers query parameters (all optional; the server applies defaults). */
export type CustomerListQuery = Partial<Omit<z.output<typeof customerListQuerySchema>, ListFilterParams> & Record<ListFilterParams, string>>;
/** A sort order of the customer list. */
export type CustomerSort = (typeof customerSorts)[number];
/** GET /customers. */
export type CustomerList = z.output<typeof customerListSchema>;
/** A row of the customer list. */
export type CustomerListItem = z.output<typeof customerListItemSchema>;
/** GET /customers/:id. */
export type CustomerProfile = z.output<typeof customerProfileSchema>;
/** Body of PATCH /customers/:id. */
export type CustomerWrite = z.input<typeof customerWriteSchema>;
/** GET /customers/:id/timeline. */
export type Timeline = z.output<typeof timelineSchema>;
/** One timeline entry. */
export type TimelineItem = z.output<typeof timelineItemSchema>;
/** A kind of timeline entry. */
export type TimelineType = (typeof timelineTypes)[number];

/** GET /customers/:id/scores: a customer's stored scores and stage history (null before the first computation). */
export type CustomerScores = z.output<typeof customerScoresSchema>;
/** A named RFM segment. */
export type RfmSegment = NonNullable<CustomerScores['rfm']>['segment'];
/** A lifecycle stage. */
export type LifecycleStage = CustomerScores['stage'];
/** GET /analytics/scores: whether the scores are being computed, and the latest computations. */
export type ScoresStatus = z.output<typeof scoresStatusSchema>;
/** One computation of the stored scores. */
export type ScoresRun = z.output<typeof scoresRunSchema>;

/** What an import creates: customers or orders. */
export type ImportKind = z.output<typeof importKindSchema>;
/** A text encoding an import file can be read in. */
export type ImportEncoding = z.output<typeof encodingSchema>;
/** A field delimiter of an import file. */
export type ImportDelimiter = z.output<typeof delimiterSchema>;
/** GET /imports/:id: an import job with its progress. */
export type ImportJob = z.output<typeof importJobSchema>;
/** POST /imports: the pending job with its preview and guessed mapping. */
export type ImportPreview = z.output<typeof importPreviewSchema>;
/** A field the mapping screen offers. */
export type ImportTargetField = z.output<typeof targetFieldSchema>;
/** Something that keeps a mapping from running. */
export type MappingProblem = z.output<typeof mappingProblemSchema>;
/** Body of POST /imports/:id/start. */
export type StartImportBody = z.input<typeof startImportBodySchema>;
/** GET /imports. */
export type ImportList = z.output<typeof importListSchema>;
/** GET /imports/:id/errors. */
export type ImportErrorsPage = z.output<typeof importErrorsPageSchema>;
/** One problem of one imported row. */
export type ImportRowError = z.output<typeof importErrorSchema>;
