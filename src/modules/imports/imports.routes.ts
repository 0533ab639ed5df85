import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../platform/http/route-deps.js';
import { DomainError } from '../../platform/errors.js';
import { requirePermission } from '../../platform/http/auth.js';
import { multipartIncomplete, multipartNoBoundary } from './imports.errors.js';
import { type ImportPreview, isImportKind } from './imports.service.js';
import {
  importErrorsPageSchema, importErrorsQuerySchema, importJobSchema, importListQuerySchema, importListSchema,
  importParamsSchema, importPreviewSchema, importReportQuerySchema, startImportBodySchema,
} from './imports.schemas.js';
import { pickReportLanguage } from './report-language.js';

/** Largest file an upload may carry. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

const tags = ['Imports'];

/** Registers the import routes: upload with preview, start, progress, list and the error report. */
export function registerImportRoutes(http: FastifyInstance, deps: RouteDeps): void {
  const { imports, users } = deps.services;
  const write = requirePermission(deps.authn, 'imports:write');
  const read = requirePermission(deps.authn, 'read');

  http.register(async (scope) => {
    // Parts are read as streams inside the handler, after the permission check, so a file goes to disk as it arrives.
    await scope.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 20 } });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/api/v1/imports',
      {
        onRequest: write,
        schema: {
          tags,
          summary: 'Upload a CSV file of customers or orders',
          description:
            'multipart/form-data with a `file` field (CSV up to 2 GB: UTF-8, Windows-1251 or UTF-16; "," ";" or tab) and a `kind` field ' +
            '(customers or orders). Creates a pending job and answers with the detected format, the first rows and a guessed mapping; ' +
            'start it with POST /api/v1/imports/{id}/start.',
          consumes: ['multipart/form-data'],
          response: { 201: importPreviewSchema },
        },
      },
      async (request, reply) => {
        const preview = await receive(request, deps);
        return reply.status(201).send(preview);
      },
    );

    api.post(
      '/api/v1/imports/:id/start',
      {
        onRequest: write,
        schema: {
          tags,
          summary: 'Start a pending import',
          description: 'Optionally corrects the mapping, encoding and delimiter. A mapping that cannot run (a required field or every identifier unmapped) is refused with 400 naming the fields.',
          params: importParamsSchema,
          body: startImportBodySchema.nullish(),
          response: { 200: importJobSchema },
        },
      },
      async (request) => imports.start(request.auth.workspaceId, request.params.id, request.body ?? {}),
    );

    api.delete(
      '/api/v1/imports/:id',
      {
        onRequest: write,
        schema: {
          tags,
          summary: 'Cancel an import that was not started',
          description: 'Deletes a pending import and its uploaded file. 409 once it has been started; uploads not started within 24 hours are deleted by the server anyway (status expired).',
          params: importParamsSchema,
          response: { 204: z.null().meta({ description: 'Cancelled' }) },
        },
      },
      async (request, reply) => {
        await imports.cancel(request.auth.workspaceId, request.params.id);
        return reply.status(204).send(null);
      },
    );

    api.get(
      '/api/v1/imports',
      { onRequest: read, schema: { tags, summary: 'Recent imports, newest first', querystring: importListQuerySchema, response: { 200: importListSchema } } },
      async (request) => ({ items: await imports.list(request.auth.workspaceId, request.query.limit) }),
    );

    api.get(
      '/api/v1/imports/:id',
      { onRequest: read, schema: { tags, summary: 'An import with its progress', params: importParamsSchema, response: { 200: importJobSchema } } },
      async (request) => imports.get(request.auth.workspaceId, request.params.id),
    );

    api.get(
      '/api/v1/imports/:id/errors',
      {
        onRequest: read,
        schema: { tags, summary: 'Rows that were not imported, and why', params: importParamsSchema, querystring: importErrorsQuerySchema, response: { 200: importErrorsPageSchema } },
      },
      async (request) => imports.errors(request.auth.workspaceId, request.params.id, request.query.limit, request.query.cursor ?? null),
    );

    api.get(
      '/api/v1/imports/:id/errors.csv',
      {
        onRequest: read,
        schema: {
          tags,
          summary: 'Download the error report as CSV',
          description:
            'Columns row, column, reason, raw; UTF-8 with a BOM, in the delimiter of the imported file, so Excel opens it as it opened the original. ' +
            'Titles and reasons are in `lang`, else the signed-in user\'s interface language, else the first of Accept-Language we write (ru, en), else English. ' +
            'Text cells starting with = + - @, tab or a line break get a leading apostrophe, so no cell runs as a formula.',
          params: importParamsSchema,
          querystring: importReportQuerySchema,
          produces: ['text/csv'],
        },
      },
      async (request, reply) => {
        const { workspaceId, userId } = request.auth;
        const saved = userId === null ? null : (await users.get(userId)).locale;
        const lang = pickReportLanguage({ explicit: request.query.lang, saved, acceptLanguage: request.headers['accept-language'] });
        const name = await imports.reportFileName(workspaceId, request.params.id);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', attachment(name))
          .header('content-language', lang)
          .send(Readable.from(imports.errorReport(workspaceId, request.params.id, lang)));
      },
    );
  });
}

// Streams the `file` part to disk and reads the `kind` field, in whichever order they come.
async function receive(request: FastifyRequest, deps: RouteDeps): Promise<ImportPreview> {
  if (!request.isMultipart()) {
    throw new DomainError('validation_failed', 'Send the file as multipart/form-data with a "file" field and a "kind" field', [
      { field: 'file', reason: 'is required' },
    ]);
  }
  // Busboy cannot read a body without a boundary; say so before it fails with a bare Error.
  if (!/;\s*boundary=("[^"]+"|[^\s;"]+)/i.test(request.headers['content-type'] ?? '')) throw multipartNoBoundary();
  const { imports } = deps.services;
  const upload = await imports.newUpload();
  let kind: unknown;
  let fileName: string | undefined;
  let partsSeen = 0;
  const discard = () => unlink(upload.path).catch(() => undefined);
  try {
    for await (const part of request.parts()) {
      partsSeen += 1;
      if (part.type === 'field') {
        if (part.fieldname === 'kind') kind = part.value;
      } else if (part.fieldname === 'file' && fileName === undefined) {
        await pipeline(part.file, createWriteStream(upload.path));
        fileName = part.filename || 'import.csv';
      } else {
        part.file.resume(); // an unexpected file part is drained and ignored
      }
    }
  } catch (error) {
    await discard();
    throw uploadError(error, partsSeen);
  }
  if (fileName === undefined) {
    throw new DomainError('validation_failed', 'No file: send it in a multipart field named "file"', [{ field: 'file', reason: 'is required' }]);
  }
  if (typeof kind !== 'string' || !isImportKind(kind)) {
    await discard();
    throw new DomainError('validation_failed', 'kind: must be customers or orders', [{ field: 'kind', reason: 'must be customers or orders' }]);
  }
  try {
    return await imports.create(request.auth.workspaceId, { id: upload.id, path: upload.path, fileName, kind, createdBy: request.auth.userId });
  } catch (error) {
    await discard();
    throw error;
  }
}

// What a failed upload tells the client. A system call failing (our disk) is our error (500); limits
// are 413; any other failure while reading the parts is a body busboy could not read (it throws
// bare Errors: "Unexpected end of multipart data", "Part terminated early…"), the client's mistake.
function uploadError(error: unknown, partsSeen: number): unknown {
  if (error instanceof Error && 'syscall' in error) return error;
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new DomainError('payload_too_large', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 ** 3} GB`);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new DomainError('payload_too_large', 'Too many parts: send one "file" part and a "kind" field');
  }
  if (code.startsWith('FST_') && code !== 'FST_MP_PREMATURE_CLOSE') return error;
  return multipartIncomplete(partsSeen);
}

// RFC 6266: an ASCII fallback for old clients and the UTF-8 name for the rest (Cyrillic file names).
function attachment(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
