import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../platform/http/route-deps.js';
import { invalid } from '../../platform/errors.js';
import { requirePermission, requireUser, sessionCookie } from '../../platform/http/auth.js';
import { registerApiKeyRoutes } from './api-keys.routes.js';
import {
  addMemberBodySchema,
  addMemberResultSchema,
  changePasswordBodySchema,
  loginBodySchema,
  memberListSchema,
  memberSchema,
  profilePatchSchema,
  roleSchema,
  sessionSchema,
  setRoleBodySchema,
  userIdParamsSchema,
  userSchema,
} from './users.schemas.js';
import { signInRequired } from '../../platform/http/auth-errors.js';

const noContent = z.null().meta({ description: 'Done; no body' });

/** How the session cookie is sent. */
export interface SessionCookieOptions {
  /**
   * Mark it Secure on every response: the installation's public address is https (PUBLIC_URL).
   * Otherwise only a request that came over TLS, or through a trusted proxy that says so, gets it.
   */
  alwaysSecure: boolean;
}

/** Registers sign-in, profile, member and API key routes under /api/v1. */
export function registerUserRoutes(http: FastifyInstance, deps: RouteDeps, cookies: SessionCookieOptions): void {
  registerAuthRoutes(http, deps, cookies);
  registerMemberRoutes(http, deps);
  registerApiKeyRoutes(http, deps);
}

function registerAuthRoutes(http: FastifyInstance, deps: RouteDeps, cookies: SessionCookieOptions): void {
  const api = http.withTypeProvider<ZodTypeProvider>();
  const { users } = deps.services;
  const signedIn = requireUser(deps.authn);

  api.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['Auth'],
        summary: 'Sign in; sets the session cookie',
        description: 'Five failed attempts for one e-mail (or twenty from one address) in 15 minutes lock sign-in with 429.',
        security: [],
        body: loginBodySchema,
        response: { 200: sessionSchema },
      },
    },
    async (request, reply) => {
      const session = await users.login(request.body.email, request.body.password, request.ip);
      reply.setCookie(sessionCookie, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        // request.protocol reads X-Forwarded-Proto only from a proxy named in TRUST_PROXY.
        secure: cookies.alwaysSecure || request.protocol === 'https',
        expires: new Date(session.expiresAt),
      });
      return sessionBody(deps, session.user.id, session.csrfToken);
    },
  );

  api.post(
    '/api/v1/auth/logout',
    {
      onRequest: signedIn,
      schema: { tags: ['Auth'], summary: 'Sign out; ends the session', security: [{ session: [] }], response: { 204: noContent } },
    },
    async (request, reply) => {
      await users.logout(sessionToken(request));
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/v1/auth/me',
    {
      onRequest: signedIn,
      schema: {
        tags: ['Auth'],
        summary: 'The signed-in user, their workspaces and the CSRF token',
        security: [{ session: [] }],
        response: { 200: sessionSchema },
      },
    },
    async (request) => {
      const session = await users.verifySession(sessionToken(request));
      if (!session) throw signInRequired();
      return sessionBody(deps, session.userId, session.csrfToken);
    },
  );

  api.patch(
    '/api/v1/auth/me',
    {
      onRequest: signedIn,
      schema: {
        tags: ['Auth'],
        summary: 'Change your name, interface language or password',
        description: 'Changing the password here works as POST /api/v1/auth/password does.',
        security: [{ session: [] }],
        body: profilePatchSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const userId = currentUser(request);
      const { name, locale, password, currentPassword } = request.body;
      if (password !== undefined) {
        if (!currentPassword) throw invalid('currentPassword', 'is required to change the password');
        await users.changePassword(userId, { currentPassword, password }, { ip: request.ip, sessionToken: sessionToken(request) });
      }
      return users.updateProfile(userId, { name, locale });
    },
  );

  api.post(
    '/api/v1/auth/password',
    {
      onRequest: signedIn,
      schema: {
        tags: ['Auth'],
        summary: 'Change your password',
        description:
          'Needs the current password; wrong guesses count against the sign-in limit. The new one needs 8 to 200 characters and must not be ' +
          'a very common password or your e-mail. Every other session of yours ends; this one stays.',
        security: [{ session: [] }],
        body: changePasswordBodySchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await users.changePassword(currentUser(request), request.body, { ip: request.ip, sessionToken: sessionToken(request) });
      return reply.status(204).send(null);
    },
  );
}

function registerMemberRoutes(http: FastifyInstance, deps: RouteDeps): void {
  const api = http.withTypeProvider<ZodTypeProvider>();
  const { users } = deps.services;
  const manage = requirePermission(deps.authn, 'members:write');

  api.get(
    '/api/v1/members',
    {
      onRequest: requirePermission(deps.authn, 'read'),
      schema: { tags: ['Members'], summary: 'Members of the workspace with their roles', response: { 200: memberListSchema } },
    },
    async (request) => ({ members: await users.members(request.auth.workspaceId) }),
  );

  api.post(
    '/api/v1/members',
    {
      onRequest: manage,
      schema: {
        tags: ['Members'],
        summary: 'Add a user to the workspace',
        description:
          'Adds the user with this e-mail. When nobody has it yet, `password` is required and creates the account with that first password.',
        body: addMemberBodySchema,
        response: { 201: addMemberResultSchema },
      },
    },
    async (request, reply) => {
      const { workspaceId, role: actorRole } = request.auth;
      const { userId, created } = await users.addMember(workspaceId, request.body, actorRole);
      return reply.status(201).send({ member: await users.member(workspaceId, userId), created });
    },
  );

  api.patch(
    '/api/v1/members/:userId',
    {
      onRequest: manage,
      schema: {
        tags: ['Members'],
        summary: "Change a member's role",
        description: 'You cannot grant a role above your own, nor change a member who outranks you; the last owner stays an owner.',
        params: userIdParamsSchema,
        body: setRoleBodySchema,
        response: { 200: memberSchema },
      },
    },
    async (request) => {
      const { workspaceId, role: actorRole } = request.auth;
      await users.changeRole(workspaceId, request.params.userId, request.body.role, actorRole);
      return users.member(workspaceId, request.params.userId);
    },
  );

  api.delete(
    '/api/v1/members/:userId',
    {
      onRequest: manage,
      schema: {
        tags: ['Members'],
        summary: 'Remove a member from the workspace',
        description: 'The account itself stays; the last owner cannot be removed.',
        params: userIdParamsSchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const { workspaceId, role: actorRole } = request.auth;
      await users.removeMember(workspaceId, request.params.userId, actorRole);
      return reply.status(204).send(null);
    },
  );
}

/** The login and GET /auth/me body: the user, the CSRF token and the user's workspaces. */
async function sessionBody(deps: RouteDeps, userId: string, csrfToken: string): Promise<z.output<typeof sessionSchema>> {
  const [user, workspaces] = await Promise.all([
    deps.services.users.get(userId),
    deps.services.workspaces.listForUser(userId),
  ]);
  return { user, csrfToken, workspaces: workspaces.map((w) => ({ ...w, role: roleSchema.parse(w.role) })) };
}

function sessionToken(request: FastifyRequest): string {
  const token = request.cookies[sessionCookie];
  if (!token) throw signInRequired();
  return token;
}

function currentUser(request: FastifyRequest): string {
  if (!request.auth.userId) throw signInRequired();
  return request.auth.userId;
}
