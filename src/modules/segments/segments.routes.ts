import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePermission } from '../../platform/http/auth.js';
import { DomainError } from '../../platform/errors.js';
import type { RouteDeps } from '../../platform/http/route-deps.js';
import { recordIdParam } from '../../platform/record-id.js';
import { workspaceQuery } from '../customers/customers.schemas.js';
import {
  historyPageSchema, membersPageSchema, previewInputSchema, previewSchema, segmentInputSchema, segmentPatchSchema, segmentSchema,
  sizesSchema, staticMembersInputSchema, summarySchema, uploadResultSchema,
} from './segments.schemas.js';

const tags = ['Segments'];
const idParams = z.object({ id: z.string().min(1).max(100) });
const pageQuery = z.object({
  ...workspaceQuery,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  after: recordIdParam.optional().meta({ description: 'The `next` of the previous page' }),
});

/** Registers /api/v1/segments: saved segments, rule previews, members, history, sizes and static lists. */
export function registerSegmentRoutes(http: FastifyInstance, deps: RouteDeps): void {
  const api = http.withTypeProvider<ZodTypeProvider>();
  const { segments } = deps.services;
  const read = requirePermission(deps.authn, 'read');
  const write = requirePermission(deps.authn, 'segments:write');
  const query = z.object(workspaceQuery);

  api.post('/api/v1/segments/preview', {
    onRequest: read,
    schema: {
      tags, summary: 'What a rule matches now: count, share of customers and revenue, a sample', body: previewInputSchema, querystring: query,
      description: 'Nothing is saved. Used by the rule builder while a rule is edited.',
      response: { 200: previewSchema },
    },
  }, async (request) => segments.preview(request.auth.workspaceId, request.body.rule));

  api.get('/api/v1/segments', {
    onRequest: read,
    schema: { tags, summary: 'Every segment with its size and the change of its size', querystring: query, response: { 200: z.object({ items: z.array(segmentSchema) }) } },
  }, async (request) => ({ items: await segments.list(request.auth.workspaceId) }));

  api.post('/api/v1/segments', {
    onRequest: write,
    schema: {
      tags, summary: 'Save a segment', body: segmentInputSchema, querystring: query, response: { 201: segmentSchema },
      description: 'A dynamic segment is built in the background (status "building") and then kept current as customers change.',
    },
  }, async (request, reply) => reply.code(201).send(await segments.create(request.auth.workspaceId, request.body, request.auth.userId ?? null)));

  api.get('/api/v1/segments/:id', {
    onRequest: read,
    schema: { tags, summary: 'One segment with its size (count)', params: idParams, querystring: query, response: { 200: segmentSchema } },
  }, async (request) => segments.get(request.auth.workspaceId, request.params.id));

  api.patch('/api/v1/segments/:id', {
    onRequest: write,
    schema: { tags, summary: 'Rename a segment or change its rule (its members are rebuilt)', params: idParams, body: segmentPatchSchema, querystring: query, response: { 200: segmentSchema } },
  }, async (request) => segments.update(request.auth.workspaceId, request.params.id, request.body));

  api.delete('/api/v1/segments/:id', {
    onRequest: write,
    schema: { tags, summary: 'Delete a segment (refused while another segment uses it)', params: idParams, querystring: query, response: { 204: z.null() } },
  }, async (request, reply) => {
    await segments.delete(request.auth.workspaceId, request.params.id);
    return reply.code(204).send(null);
  });

  api.get('/api/v1/segments/:id/summary', {
    onRequest: read,
    schema: { tags, summary: 'What the members are: RFM groups, stages, cities, consent, revenue and mean predicted CLV', params: idParams, querystring: query, response: { 200: summarySchema } },
  }, async (request) => segments.summary(request.auth.workspaceId, request.params.id));

  api.get('/api/v1/segments/:id/members', {
    onRequest: read,
    schema: { tags, summary: 'Members, the newest customers first', params: idParams, querystring: pageQuery, response: { 200: membersPageSchema } },
  }, async (request) => segments.members(request.auth.workspaceId, request.params.id, request.query.after ?? null, request.query.limit));

  api.get('/api/v1/segments/:id/history', {
    onRequest: read,
    schema: { tags, summary: 'Entries and exits, newest first', params: idParams, querystring: pageQuery, response: { 200: historyPageSchema } },
  }, async (request) => segments.history(request.auth.workspaceId, request.params.id, request.query.after ?? null, request.query.limit));

  api.get('/api/v1/segments/:id/sizes', {
    onRequest: read,
    schema: {
      tags, summary: 'The size at the end of each day', params: idParams,
      querystring: z.object({ ...workspaceQuery, days: z.coerce.number().int().min(1).max(730).default(90) }), response: { 200: sizesSchema },
    },
  }, async (request) => segments.sizes(request.auth.workspaceId, request.params.id, request.query.days));

  for (const action of ['add', 'remove'] as const) {
    api.post(`/api/v1/segments/:id/members/${action}`, {
      onRequest: write,
      schema: {
        tags, summary: action === 'add' ? 'Add customers to a static segment' : 'Remove customers from a static segment',
        params: idParams, body: staticMembersInputSchema, querystring: query, response: { 200: z.object({ changed: z.number().int() }) },
      },
    }, async (request) => segments.editStatic(request.auth.workspaceId, request.params.id, request.body.customerIds, action));
  }

  // A list file arrives as the request body itself (text/csv or octet-stream), up to 20 MB.
  void http.register(async (scope) => {
    scope.addContentTypeParser(['text/csv', 'text/plain', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post('/api/v1/segments/:id/members/upload', {
      onRequest: write,
      schema: {
        tags, summary: 'Add the customers a file names to a static segment',
        description: 'The body is the file (text/csv): a column of phones, e-mails, cards or ids, with or without a header, in UTF-8, Windows-1251 or UTF-16, separated by "," ";" or tab.',
        params: idParams, querystring: query, response: { 200: uploadResultSchema },
      },
    }, async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new DomainError('unsupported_media_type', 'Send the file itself as the body, with content-type text/csv');
      return segments.uploadStatic(request.auth.workspaceId, request.params.id, body);
    });
  });

  api.get('/api/v1/customers/:id/segments', {
    onRequest: read,
    schema: {
      tags, summary: 'The segments a customer is in', params: z.object({ id: recordIdParam }), querystring: query,
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), since: z.number().int() })) }) },
    },
  }, async (request) => ({ items: await segments.segmentsOf(request.auth.workspaceId, request.params.id) }));
}
