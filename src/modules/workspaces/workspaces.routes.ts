import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../platform/http/route-deps.js';
import { signInRequired } from '../../platform/http/auth-errors.js';
import { requirePermission, requireUser } from '../../platform/http/auth.js';
import { roleSchema } from '../users/users.schemas.js';
import {
  createdWorkspaceSchema,
  createWorkspaceBodySchema,
  workspaceListSchema,
  workspacePatchSchema,
  workspaceSchema,
} from './workspaces.schemas.js';

/** Registers the workspace routes: the user's workspaces, creating one, and the current one's settings. */
export function registerWorkspaceRoutes(http: FastifyInstance, deps: RouteDeps): void {
  const api = http.withTypeProvider<ZodTypeProvider>();
  const { workspaces, users, apiKeys } = deps.services;
  const signedIn = requireUser(deps.authn);

  api.get(
    '/api/v1/workspaces',
    {
      onRequest: signedIn,
      schema: {
        tags: ['Workspaces'],
        summary: 'Workspaces you are a member of, with your role in each',
        security: [{ session: [] }],
        response: { 200: workspaceListSchema },
      },
    },
    async (request) => {
      const list = await workspaces.listForUser(signedInUser(request.auth.userId));
      return { workspaces: list.map((w) => ({ ...w, role: roleSchema.parse(w.role) })) };
    },
  );

  api.post(
    '/api/v1/workspaces',
    {
      // Who may create is checked before the body is read, as every permission is.
      onRequest: [signedIn, async (request) => workspaces.checkMayCreate(signedInUser(request.auth.userId))],
      schema: {
        tags: ['Workspaces'],
        summary: 'Create a workspace',
        description:
          'Only an owner of some workspace may create one (403 for anyone else). You become its owner, and it gets a first write key. ' +
          'Unset settings default to Europe/Moscow, RUB and RU.',
        security: [{ session: [] }],
        body: createWorkspaceBodySchema,
        response: { 201: createdWorkspaceSchema },
      },
    },
    async (request, reply) => {
      const userId = signedInUser(request.auth.userId);
      const workspace = await workspaces.create(request.body);
      await users.setRole(workspace.id, userId, 'owner', null);
      const writeKey = await apiKeys.create(workspace.id, 'write', 'Website', userId);
      return reply.status(201).send({ workspace: { ...workspace, role: 'owner' }, writeKey: writeKey.key });
    },
  );

  api.get(
    '/api/v1/workspace',
    {
      onRequest: requirePermission(deps.authn, 'read'),
      schema: {
        tags: ['Workspaces'],
        summary: 'The current workspace',
        description: "A secret key's workspace, or for a signed-in user the one named by the x-workspace-id header (default: the first joined).",
        response: { 200: workspaceSchema },
      },
    },
    async (request) => workspaces.get(request.auth.workspaceId),
  );

  api.patch(
    '/api/v1/workspace',
    {
      onRequest: requirePermission(deps.authn, 'workspace:write'),
      schema: {
        tags: ['Workspaces'],
        summary: "Change the current workspace's name or settings",
        body: workspacePatchSchema,
        response: { 200: workspaceSchema },
      },
    },
    async (request) => workspaces.update(request.auth.workspaceId, request.body),
  );
}

function signedInUser(userId: string | null): string {
  if (!userId) throw signInRequired();
  return userId;
}
