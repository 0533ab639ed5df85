// Shapes of /api/v1/segments as the web app sees them, taken from the server's own zod contracts
// so the two cannot drift apart. Type-only imports: nothing of the server is bundled.
import type { z } from 'zod';
import type { Condition, PropertyCondition, RuleGroup, RuleWindow } from '../../../../modules/segments/segment-rules.schemas.js';
import type {
  historyPageSchema, memberSchema, membersPageSchema, previewSchema, segmentInputSchema, segmentPatchSchema, segmentSchema, sizesSchema, summarySchema, uploadResultSchema,
} from '../../../../modules/segments/segments.schemas.js';
import type { exportInputSchema, exportSchema } from '../../../../modules/segments/segment-exports.schemas.js';

export type { Condition, PropertyCondition, RuleGroup, RuleWindow };

/** A saved segment with its size and the change of its size. */
export type Segment = z.output<typeof segmentSchema>;
/** Body of POST /segments. */
export type SegmentInput = z.input<typeof segmentInputSchema>;
/** Body of PATCH /segments/:id. */
export type SegmentPatch = z.input<typeof segmentPatchSchema>;
/** POST /segments/preview: what a rule matches now. */
export type Preview = z.output<typeof previewSchema>;
/** A customer in a preview or a member list. */
export type SegmentMember = z.output<typeof memberSchema>;
/** GET /segments/:id/members. */
export type MembersPage = z.output<typeof membersPageSchema>;
/** GET /segments/:id/history. */
export type HistoryPage = z.output<typeof historyPageSchema>;
/** GET /segments/:id/sizes. */
export type Sizes = z.output<typeof sizesSchema>;
/** One entry of GET /customers/:id/segments. */
export interface CustomerSegment {
  id: string;
  name: string;
  kind: string;
  since: number;
}

/** POST /segments/:id/members/upload: what a list file added. */
export type UploadResult = z.output<typeof uploadResultSchema>;
/** A value of a breakdown with its number of members (key null: no value). */
export type Share = SegmentSummary['byRfm'][number];
/** GET /segments/:id/summary: who the members are. */
export type SegmentSummary = z.output<typeof summarySchema>;
/** An audience export: a job writing a file of the members. */
export type SegmentExport = z.output<typeof exportSchema>;
/** A file format of an audience export. */
export type ExportFormat = SegmentExport['format'];
/** Body of POST /segments/:id/exports. */
export type ExportInput = z.input<typeof exportInputSchema>;
