import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../main.js';
import { DomainError, invalid } from '../../platform/errors.js';
import { requirePermission, requireUser, sessionCookie } from '../../platform/http/auth.js';
import { type Role, roleRank } from '../../platform/roles.js';
import { normalizeEmail } from '../customers/identifiers.js';
import { registerApiKeyRoutes } from './api-keys.routes.js';
import {
  addMemberBodySchema,
  addMemberResultSchema,
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

const noContent = z.null().meta({ description: 'Done; no body' });

/** Registers sign-in, profile, member and API key routes under /api/v1. */
export function registerUserRoutes(http: FastifyInstance, deps: RouteDeps): void {
  registerAuthRoutes(http, deps);
  registerMemberRoutes(http, deps);
  registerApiKeyRoutes(http, deps);
}

function registerAuthRoutes(http: FastifyInstance, deps: RouteDeps): void {
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
        secure: request.protocol === 'https',
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
      if (!session) throw new DomainError('unauthorized', 'Sign in first');
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
        security: [{ session: [] }],
        body: profilePatchSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const userId = currentUser(request);
      const { name, locale, password, currentPassword } = request.body;
      if (password !== undefined) await checkCurrentPassword(deps, userId, currentPassword, request.ip);
      return users.updateProfile(userId, { name, locale, password });
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
    async (request) => ({ members: await membersOf(deps, request.auth.workspaceId) }),
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
      const { role, name, password } = request.body;
      const email = normalizeEmail(request.body.email);
      if (!email.ok) throw invalid('email', email);
      // Checked before an account is created, so a refused grant leaves no user behind.
      if (actorRole && roleRank(role) < roleRank(actorRole)) {
        throw new DomainError('forbidden', `A ${actorRole} cannot grant the ${role} role`);
      }
      let user = await users.findByEmail(email.value);
      const created = user === null;
      if (user) {
        // An admin must not be able to set the password of someone who already has an account.
        if (password !== undefined) throw invalid('password', `must be left out: ${email.value} already has an account`);
        if (await users.roleOf(user.id, workspaceId)) {
          throw new DomainError('conflict', `${email.value} is already a member; change their role instead`);
        }
      } else {
        if (password === undefined) {
          throw invalid('password', `is required: nobody has the e-mail ${email.value} yet, and a first password creates the account`);
        }
        user = await users.createUser({ email: email.value, password, name });
      }
      await users.setRole(workspaceId, user.id, role, actorRole);
      return reply.status(201).send({ member: await memberOf(deps, workspaceId, user.id), created });
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
      await checkOutranks(deps, workspaceId, request.params.userId, actorRole);
      await users.setRole(workspaceId, request.params.userId, request.body.role, actorRole);
      return memberOf(deps, workspaceId, request.params.userId);
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
      await checkOutranks(deps, workspaceId, request.params.userId, actorRole);
      await users.removeMember(workspaceId, request.params.userId);
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

async function membersOf(deps: RouteDeps, workspaceId: string): Promise<z.output<typeof memberSchema>[]> {
  const members = await deps.services.users.members(workspaceId);
  return members.map((m) => ({ ...m, role: roleSchema.parse(m.role) }));
}

async function memberOf(deps: RouteDeps, workspaceId: string, userId: string): Promise<z.output<typeof memberSchema>> {
  const member = (await membersOf(deps, workspaceId)).find((m) => m.id === userId);
  if (!member) throw new DomainError('not_found', 'Member not found');
  return member;
}

// An admin may grant roles up to admin, so without this an admin could demote or remove owners.
async function checkOutranks(deps: RouteDeps, workspaceId: string, userId: string, actorRole: Role | null): Promise<void> {
  const current = await deps.services.users.roleOf(userId, workspaceId);
  if (!current) throw new DomainError('not_found', 'Member not found');
  if (actorRole && roleRank(current) < roleRank(actorRole)) {
    throw new DomainError('forbidden', `A ${actorRole} cannot change a member who is ${current}`);
  }
}

// Checked through a sign-in so a stolen session cannot guess the password faster than the login
// throttle allows; the extra session is closed at once.
async function checkCurrentPassword(deps: RouteDeps, userId: string, currentPassword: string | undefined, ip: string): Promise<void> {
  if (!currentPassword) throw invalid('currentPassword', 'is required to change the password');
  const { users } = deps.services;
  const user = await users.get(userId);
  try {
    const check = await users.login(user.email, currentPassword, ip);
    await users.logout(check.token);
  } catch (error) {
    // 401 would tell the web app the session ended; the session is fine, the field is wrong.
    if (error instanceof DomainError && error.code === 'unauthorized') throw invalid('currentPassword', 'is wrong');
    throw error;
  }
}

function sessionToken(request: FastifyRequest): string {
  const token = request.cookies[sessionCookie];
  if (!token) throw new DomainError('unauthorized', 'Sign in first');
  return token;
}

function currentUser(request: FastifyRequest): string {
  if (!request.auth.userId) throw new DomainError('unauthorized', 'Sign in first');
  return request.auth.userId;
}
