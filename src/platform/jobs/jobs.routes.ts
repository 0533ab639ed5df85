import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { requirePermission } from '../http/auth.js';
import type { RouteDeps } from '../http/route-deps.js';
import { jobListQuerySchema, jobListSchema, jobParamsSchema, jobSchema } from './jobs.schemas.js';
import type { Job } from './jobs.types.js';

const tags = ['Jobs'];

function view(job: Job): z.infer<typeof jobSchema> {
  return {
    id: job.id, kind: job.kind, status: job.status, attempts: job.attempts, maxAttempts: job.maxAttempts, lastError: job.lastError,
    progress: job.progress, result: job.result, runAt: job.runAt, createdAt: job.createdAt, startedAt: job.startedAt, finishedAt: job.finishedAt,
  };
}

/** Registers the job routes: a workspace's background jobs (failed ones with their error) and retrying a failed one. */
export function registerJobRoutes(http: FastifyInstance, deps: RouteDeps): void {
  const api = http.withTypeProvider<ZodTypeProvider>();
  // Owners and admins (and secret keys, which act with an admin's data rights): the errors name internals.
  const admin = requirePermission(deps.authn, 'workspace:write');
  const jobs = deps.services.jobs;

  api.get(
    '/api/v1/jobs',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'The workspace’s background jobs, newest first',
        description: 'Filter with status=failed to see the jobs that were given up, with their last error.',
        querystring: jobListQuerySchema,
        response: { 200: jobListSchema },
      },
    },
    async (request) => {
      const { status, kind, limit } = request.query;
      const items = await jobs.list({ workspaceId: request.auth.workspaceId, status, kind, limit });
      return { items: items.map(view) };
    },
  );

  api.post(
    '/api/v1/jobs/:id/retry',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Run a failed job again',
        description: 'Queues it with fresh attempts. 409 (jobs.not_failed) when the job has not failed.',
        params: jobParamsSchema,
        response: { 200: jobSchema },
      },
    },
    async (request) => view(await jobs.retry(request.auth.workspaceId, request.params.id)),
  );
}
