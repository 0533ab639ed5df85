import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { DomainError } from '../errors.js';
import { type Permission, type Role, roleAllows, secretKeyPermissions } from '../roles.js';
import { notMember, roleForbids, signInRequired, unknownApiKey } from './auth-errors.js';

/** Who is calling and in which workspace; set by requirePermission. */
export interface AuthContext {
  workspaceId: string;
  /** The signed-in user, or null for a secret API key. */
  userId: string | null;
  /** The user's role in the workspace; null for a secret API key. */
  role: Role | null;
  via: 'session' | 'secret_key';
}

/** What the HTTP edge needs from the users module to authenticate a request. */
export interface Authenticator {
  /** The workspace of a live secret key, or null. Marks the key as used. */
  verifySecretKey(token: string): Promise<{ workspaceId: string; keyId: string } | null>;
  /** The user and CSRF token of a live session cookie, or null. */
  verifySession(token: string): Promise<{ userId: string; csrfToken: string } | null>;
  /** The user's role in a workspace, or null when not a member. */
  roleOf(userId: string, workspaceId: string): Promise<Role | null>;
  /** The workspace a user works in when the request names none (their only or first one). */
  defaultWorkspace(userId: string): Promise<string | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
}

/** Name of the session cookie. */
export const sessionCookie = 'kl_session';
/** Header that carries the CSRF token on state-changing requests with a session. */
export const csrfHeader = 'x-csrf-token';
/** Header (or `workspaceId` query parameter) that picks the workspace for a signed-in user. */
export const workspaceHeader = 'x-workspace-id';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Creates an onRequest hook that authenticates the request (secret key or session) and checks a
 * permission. It runs before body parsing and validation, so an unauthenticated caller learns
 * nothing but 401/403, and an upload is refused before it is read.
 */
export function requirePermission(authn: Authenticator, permission: Permission): onRequestAsyncHookHandler {
  return async function checkAccess(request: FastifyRequest, _reply: FastifyReply) {
    request.auth = await authenticate(authn, request);
    const allowed =
      request.auth.via === 'secret_key'
        ? secretKeyPermissions.includes(permission)
        : request.auth.role !== null && roleAllows(request.auth.role, permission);
    if (!allowed) throw roleForbids(permission);
  };
}

/** Creates an onRequest hook that only requires a signed-in user (no workspace); sets request.auth.userId. */
export function requireUser(authn: Authenticator): onRequestAsyncHookHandler {
  return async function checkUser(request: FastifyRequest) {
    const session = await sessionOf(authn, request);
    if (!session) throw signInRequired();
    request.auth = { workspaceId: '', userId: session.userId, role: null, via: 'session' };
  };
}

async function sessionOf(authn: Authenticator, request: FastifyRequest) {
  const token = request.cookies[sessionCookie];
  if (!token) return null;
  const session = await authn.verifySession(token);
  if (!session) return null;
  if (!safeMethods.has(request.method) && request.headers[csrfHeader] !== session.csrfToken) {
    throw new DomainError('csrf_failed', `Missing or wrong ${csrfHeader} header`);
  }
  return session;
}

async function authenticate(authn: Authenticator, request: FastifyRequest): Promise<AuthContext> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const key = await authn.verifySecretKey(header.slice('Bearer '.length).trim());
    if (!key) throw unknownApiKey();
    return { workspaceId: key.workspaceId, userId: null, role: null, via: 'secret_key' };
  }
  const session = await sessionOf(authn, request);
  if (!session) throw signInRequired('Sign in or pass a secret key as "Authorization: Bearer sk_…"');
  const query = request.query as Record<string, unknown> | undefined;
  const asked = request.headers[workspaceHeader] ?? (typeof query?.workspaceId === 'string' ? query.workspaceId : undefined);
  const workspaceId = typeof asked === 'string' && asked ? asked : await authn.defaultWorkspace(session.userId);
  if (!workspaceId) throw notMember(true);
  const role = await authn.roleOf(session.userId, workspaceId);
  if (!role) throw notMember(false);
  return { workspaceId, userId: session.userId, role, via: 'session' };
}
