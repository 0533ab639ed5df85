import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../platform/http/route-deps.js';
import type { AuthContext } from '../../platform/http/auth.js';
import { requirePermission } from '../../platform/http/auth.js';
import { roleAllows, secretKeyPermissions } from '../../platform/roles.js';
import { apiKeyListSchema, createApiKeyBodySchema, createdApiKeySchema, keyIdParamsSchema } from './users.schemas.js';

/** Registers the API key routes: list, create (shown once) and revoke. */
export function registerApiKeyRoutes(http: FastifyInstance, deps: RouteDeps): void {
  const api = http.withTypeProvider<ZodTypeProvider>();
  const { apiKeys } = deps.services;
  const manage = requirePermission(deps.authn, 'keys:write');

  api.get(
    '/api/v1/keys',
    {
      onRequest: requirePermission(deps.authn, 'read'),
      schema: {
        tags: ['API keys'],
        summary: 'API keys of the workspace',
        description:
          'Everyone who may read the workspace sees its write keys in full (they are public: they sit in the site snippet). ' +
          'Secret keys are listed only to those who may manage keys, and only by prefix.',
        response: { 200: apiKeyListSchema },
      },
    },
    async (request) => {
      const keys = await apiKeys.list(request.auth.workspaceId);
      return { keys: mayManageKeys(request.auth) ? keys : keys.filter((k) => k.kind === 'write') };
    },
  );

  api.post(
    '/api/v1/keys',
    {
      onRequest: manage,
      schema: {
        tags: ['API keys'],
        summary: 'Create an API key',
        description: 'A write key only ingests events; a secret key calls this REST API. The `key` field is the only time a secret key is shown.',
        body: createApiKeyBodySchema,
        response: { 201: createdApiKeySchema },
      },
    },
    async (request, reply) => {
      const { workspaceId, userId } = request.auth;
      const key = await apiKeys.create(workspaceId, request.body.kind, request.body.name, userId);
      return reply.status(201).send(key);
    },
  );

  api.delete(
    '/api/v1/keys/:id',
    {
      onRequest: manage,
      schema: {
        tags: ['API keys'],
        summary: 'Revoke an API key',
        description: 'From then on the key is refused with 401.',
        params: keyIdParamsSchema,
        response: { 204: z.null().meta({ description: 'Revoked; no body' }) },
      },
    },
    async (request, reply) => {
      await apiKeys.revoke(request.auth.workspaceId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}

function mayManageKeys(auth: AuthContext): boolean {
  if (auth.via === 'secret_key') return secretKeyPermissions.includes('keys:write');
  return auth.role !== null && roleAllows(auth.role, 'keys:write');
}
