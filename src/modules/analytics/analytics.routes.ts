import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../main.js';
import { requirePermission } from '../../platform/http/auth.js';
import { clvModelQuerySchema, clvModelSchema } from './analytics.schemas.js';

const tags = ['Analytics'];

/** Registers the analytics routes. */
export function registerAnalyticsRoutes(http: FastifyInstance, deps: RouteDeps): void {
  const api = http.withTypeProvider<ZodTypeProvider>();
  const read = requirePermission(deps.authn, 'read');

  api.get(
    '/api/v1/analytics/clv/model',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'Fit the predictive CLV models (BG/NBD and Gamma-Gamma) on the orders up to a day',
        description:
          'Repeat purchases are counted by distinct purchase days (orders of one day are one purchase); x, t_x and T are taken per customer ' +
          'from the first purchase day, fitted by maximum likelihood. See docs/analytics.md.',
        querystring: clvModelQuerySchema,
        response: { 200: clvModelSchema },
      },
    },
    async (request) => deps.services.clvModel.fit(request.auth.workspaceId, request.query.calibrationEnd, request.query.unit),
  );
}
