import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../platform/http/route-deps.js';
import { requirePermission } from '../../platform/http/auth.js';
import { boundInstant } from '../../common/time-bounds.js';
import { orderIdParamsSchema, orderListQuerySchema, orderListSchema, orderSchema } from './orders.schemas.js';

const tags = ['Orders'];

/** Registers the order endpoints: the list (by customer, status and time) and one order with its items. */
export function registerOrderRoutes(http: FastifyInstance, deps: RouteDeps): void {
  const api = http.withTypeProvider<ZodTypeProvider>();
  const { orders, customers, workspaces } = deps.services;
  const read = requirePermission(deps.authn, 'read');

  api.get(
    '/api/v1/orders',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'List orders, newest first',
        description: 'Cursor-paged. Money in integer kopecks, times in epoch milliseconds. A merged-away customerId lists the orders of the profile it was merged into.',
        querystring: orderListQuerySchema,
        response: { 200: orderListSchema },
      },
    },
    async (request) => {
      const { workspaceId } = request.auth;
      const { customerId, status, from, to, limit, cursor } = request.query;
      const { timezone } = await workspaces.get(workspaceId);
      const filter = {
        customerId: customerId === undefined ? undefined : await customers.liveId(workspaceId, customerId),
        status,
        from: from === undefined ? undefined : boundInstant(from, 'from', timezone),
        to: to === undefined ? undefined : boundInstant(to, 'to', timezone),
      };
      return orders.list(workspaceId, filter, limit, cursor ?? null);
    },
  );

  api.get(
    '/api/v1/orders/:id',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'One order with its items',
        description: 'Money in integer kopecks, times in epoch milliseconds.',
        params: orderIdParamsSchema,
        querystring: z.object({ workspaceId: z.string().max(100).optional() }),
        response: { 200: orderSchema },
      },
    },
    async (request) => orders.get(request.auth.workspaceId, request.params.id),
  );
}
