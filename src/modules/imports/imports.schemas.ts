import { z } from 'zod';

// Contracts of the import endpoints, shared by the server and the web app. A mapping is
// `{ field: columnIndex }` with 0-based column indexes into the file's header row.

/** What an import creates. */
export const importKindSchema = z.enum(['customers', 'orders']);

/** Text encodings a file can be read in. */
export const encodingSchema = z.enum(['utf-8', 'windows-1251', 'utf-16le']);

/** Field delimiters a file can use. */
export const delimiterSchema = z.enum([',', ';', '\t']);

/** Field -> 0-based column index. */
export const mappingSchema = z
  .record(z.string(), z.number().int().min(0))
  .meta({ description: 'Field name -> 0-based column index, e.g. {"phone": 0, "lastName": 2}' });

/** An import job with its progress. */
export const importJobSchema = z.object({
  id: z.string(),
  kind: importKindSchema,
  status: z.enum(['pending', 'queued', 'running', 'done', 'failed', 'expired']).meta({
    description: 'pending: uploaded, waiting for start; queued: waiting for a worker; running; done; failed (see error); expired: not started within 24 hours, the file was deleted',
  }),
  fileName: z.string(),
  fileSize: z.number().int().meta({ description: 'Bytes' }),
  encoding: encodingSchema,
  delimiter: delimiterSchema,
  mapping: mappingSchema,
  rowsTotal: z.number().int().nullable().meta({ description: 'Data rows in the file; null until the whole file has been read' }),
  rowsDone: z.number().int(),
  rowsOk: z.number().int(),
  rowsFailed: z.number().int(),
  bytesDone: z.number().int(),
  percent: z.number().int().min(0).max(100),
  rowsPerSecond: z.number().int(),
  createdAt: z.number().int().meta({ description: 'Epoch milliseconds' }),
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
  error: z.string().nullable().meta({ description: 'Why a failed job stopped' }),
});

/** A field the mapping screen offers. */
export const targetFieldSchema = z.object({
  field: z.string(),
  label: z.string(),
  required: z.boolean(),
  identifier: z.boolean().meta({ description: 'A customer identifier: at least one must be mapped' }),
});

/** Something that keeps a mapping from running. */
export const mappingProblemSchema = z.object({
  code: z.enum(['missing_field', 'missing_identifier', 'unknown_field', 'bad_column']),
  field: z.string().optional(),
  message: z.string(),
});

/** Response of POST /imports: the pending job and what the mapping screen shows. */
export const importPreviewSchema = importJobSchema.extend({
  headers: z.array(z.string()),
  rows: z.array(z.array(z.string())).meta({ description: 'The first data rows (up to 10), raw cells' }),
  fields: z.array(targetFieldSchema),
  problems: z.array(mappingProblemSchema).meta({ description: 'Empty when the guessed mapping can run as is' }),
});

/** Body of POST /imports/:id/start: corrections of the preview; absent values keep what was detected. */
export const startImportBodySchema = z.object({
  mapping: mappingSchema.optional(),
  encoding: encodingSchema.optional(),
  delimiter: delimiterSchema.optional(),
});

/** Path parameters of one import. */
export const importParamsSchema = z.object({ id: z.string().max(100) });

/** Query of GET /imports. */
export const importListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** Response of GET /imports: newest first. */
export const importListSchema = z.object({ items: z.array(importJobSchema) });

/** Query of GET /imports/:id/errors. */
export const importErrorsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(40).optional().meta({ description: 'nextCursor of the previous page' }),
});

/** Query of GET /imports/:id/errors.csv. */
export const importReportQuerySchema = z.object({
  lang: z.enum(['ru', 'en']).optional().meta({
    description: "Language of the report's titles and reasons; default: the signed-in user's interface language, else Accept-Language, else English",
  }),
  workspaceId: z.string().max(100).optional().meta({ description: 'The workspace, for a signed-in user following a plain link' }),
});

/** One problem of one row. */
export const importErrorSchema = z.object({
  rowNumber: z.number().int().meta({ description: 'Line in the file, the header being line 1' }),
  column: z.string().nullable().meta({ description: 'Title of the column; null when the row as a whole is at fault' }),
  reason: z.string(),
  code: z.string().nullable().optional().meta({ description: 'Stable code of the reason, for wording it in another language (see the reason codes in docs/decisions.md)' }),
  params: z.record(z.string(), z.union([z.string(), z.number()])).nullable().optional().meta({ description: 'The values the reason names' }),
  raw: z.string().nullable().meta({ description: 'The row as it was in the file; null when it could not be read' }),
});

/** Response of GET /imports/:id/errors: row problems in file order. */
export const importErrorsPageSchema = z.object({ items: z.array(importErrorSchema), nextCursor: z.string().nullable() });
