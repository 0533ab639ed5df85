import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../../platform/http/route-deps.js';
import { requirePermission } from '../../../platform/http/auth.js';
import { customerIdParamsSchema } from '../../customers/customers.schemas.js';
import { analyticsSettingsSchema } from './analytics-settings.js';
import { customerScoresSchema, scoresRunSchema, scoresStatusSchema, scoresSummarySchema } from './scores.schemas.js';

const tags = ['Analytics'];

/** Registers the stored-scores routes: status, recomputation, settings, one customer's scores. */
export function registerScoresRoutes(http: FastifyInstance, deps: RouteDeps, everyHours: number): void {
  const api = http.withTypeProvider<ZodTypeProvider>();
  const read = requirePermission(deps.authn, 'read');
  const write = requirePermission(deps.authn, 'analytics:write');
  const scores = deps.services.scores;

  api.get(
    '/api/v1/analytics/scores',
    {
      onRequest: read,
      schema: { tags, summary: 'The computations of the stored customer scores, newest first', response: { 200: scoresStatusSchema } },
    },
    async (request) => {
      const runs = await scores.runs(request.auth.workspaceId);
      const lastDone = runs.find((r) => r.status === 'done');
      return { running: runs.some((r) => r.status === 'running'), lastComputedAt: lastDone?.finishedAt ?? null, everyHours, runs };
    },
  );

  api.get(
    '/api/v1/analytics/summary',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'The workspace at a glance as of the last computation of the scores: RFM, ABC/XYZ, lifecycle stages, predicted CLV',
        description: 'Read from the stored computation, so it answers at once at any size; null before the first one. The analyses by period compute from orders.',
        response: { 200: scoresSummarySchema },
      },
    },
    async (request) => scores.summary(request.auth.workspaceId),
  );

  api.post(
    '/api/v1/analytics/scores/recompute',
    {
      onRequest: write,
      schema: {
        tags,
        summary: 'Recompute every customer’s RFM, ABC/XYZ, lifecycle stage and CLV scores now',
        description: 'Starts the computation in the background (202); follow it with GET /analytics/scores. A 409 while one is running.',
        response: { 202: scoresRunSchema },
      },
    },
    async (request, reply) => reply.code(202).send(await scores.request(request.auth.workspaceId, 'request', request.auth.userId ?? null)),
  );

  api.get(
    '/api/v1/analytics/settings',
    { onRequest: read, schema: { tags, summary: 'The workspace’s analytics rules: RFM thresholds, ABC/XYZ cuts, lifecycle rules, CLV horizon', response: { 200: analyticsSettingsSchema } } },
    async (request) => scores.settings(request.auth.workspaceId),
  );

  api.put(
    '/api/v1/analytics/settings',
    {
      onRequest: write,
      schema: {
        tags,
        summary: 'Change the analytics rules; the stored scores are recomputed with them',
        body: analyticsSettingsSchema,
        response: { 200: z.object({ settings: analyticsSettingsSchema, run: scoresRunSchema.nullable() }) },
      },
    },
    async (request) => scores.saveSettings(request.auth.workspaceId, request.body, request.auth.userId ?? null),
  );

  api.get(
    '/api/v1/customers/:id/scores',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'A customer’s stored scores and lifecycle stage history (null before the first computation)',
        params: customerIdParamsSchema,
        response: { 200: customerScoresSchema.nullable() },
      },
    },
    async (request) => {
      // A merged-away id answers with the profile it was merged into, as the profile does.
      const profile = await deps.services.customers.get(request.auth.workspaceId, request.params.id);
      return scores.forCustomer(request.auth.workspaceId, profile.id);
    },
  );
}
