import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../platform/http/auth.js';
import type { RouteDeps } from '../../platform/http/route-deps.js';
import { workspaceQuery } from '../customers/customers.schemas.js';
import { exportInputSchema, exportSchema } from './segment-exports.schemas.js';

const tags = ['Segments'];
const idParams = z.object({ id: z.string().min(1).max(100) });

/** Registers audience exports: request one, follow it, list a segment's, download the file. */
export function registerSegmentExportRoutes(http: FastifyInstance, deps: RouteDeps): void {
  const api = http.withTypeProvider<ZodTypeProvider>();
  const { segmentExports } = deps.services;
  const exporting = requirePermission(deps.authn, 'segments:export');
  const query = z.object(workspaceQuery);

  api.post('/api/v1/segments/:id/exports', {
    onRequest: exporting,
    schema: {
      tags, summary: 'Export a segment: people as CSV, or hashed contacts for Yandex Audience or VK Ads', params: idParams, body: exportInputSchema, querystring: query,
      description: 'Written in the background (202); follow it with GET /api/v1/segment-exports/:id. Every export is recorded: who, when, which segment, how many rows.',
      response: { 202: exportSchema },
    },
  }, async (request, reply) => reply.code(202).send(await segmentExports.request(request.auth.workspaceId, request.params.id, request.body.format, request.body.language, request.auth.userId ?? null)));

  api.get('/api/v1/segments/:id/exports', {
    onRequest: exporting,
    schema: { tags, summary: 'A segment’s exports, newest first', params: idParams, querystring: query, response: { 200: z.object({ items: z.array(exportSchema) }) } },
  }, async (request) => ({ items: await segmentExports.list(request.auth.workspaceId, request.params.id) }));

  api.get('/api/v1/segment-exports/:id', {
    onRequest: exporting,
    schema: { tags, summary: 'An export and how far it got', params: idParams, querystring: query, response: { 200: exportSchema } },
  }, async (request) => segmentExports.get(request.auth.workspaceId, request.params.id));

  api.get('/api/v1/segment-exports/:id/file', {
    onRequest: exporting,
    schema: { tags, summary: 'The file of a finished export', params: idParams, querystring: query },
  }, async (request, reply) => {
    const file = await segmentExports.file(request.auth.workspaceId, request.params.id);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(createReadStream(file.path));
  });
}
