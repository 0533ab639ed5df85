import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { DomainError, invalid, notFound } from '../../platform/errors.js';
import type { Authenticator } from '../../platform/http/auth.js';
import { newId, sha256 } from '../../platform/ids.js';
import { isRole, type Role, roleRank } from '../../platform/roles.js';
import { normalizeEmail } from '../customers/identifiers.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import type { UserRow, UsersRepo } from './users.repo.js';

/** A user as the API shows it (never the password hash). */
export interface User {
  id: string;
  email: string;
  name: string;
  locale: string;
  createdAt: number;
}

/** A new session: the cookie token (shown once) and the CSRF token the client echoes in a header. */
export interface NewSession {
  token: string;
  csrfToken: string;
  user: User;
  expiresAt: number;
}

const sessionTtl = 30 * 24 * 3600 * 1000;
// Failed logins: at most 5 per e-mail and 20 per IP address in a 15-minute window.
const failureWindow = 15 * 60 * 1000;
const maxFailuresPerEmail = 5;
const maxFailuresPerIp = 20;

/** Users, passwords, sessions and workspace membership; also the HTTP edge's Authenticator for sessions. */
export class UsersService {
  constructor(
    private readonly repo: UsersRepo,
    private readonly clock: Clock,
  ) {}

  /** Creates a user with a password; e-mails are unique per installation. */
  async createUser(input: { email: string; password: string; name?: string; locale?: string }): Promise<User> {
    const email = normalizeEmail(input.email);
    if (!email.ok) throw invalid('email', email);
    const problem = passwordProblem(input.password);
    if (problem) throw invalid('password', problem);
    if (await this.repo.userByEmail(email.value)) throw new DomainError('conflict', `A user with e-mail ${email.value} exists`);
    const row: UserRow = {
      id: newId('usr', 9),
      email: email.value,
      name: input.name?.trim() || email.value.split('@')[0] || email.value,
      password_hash: await hashPassword(input.password),
      locale: input.locale === 'en' ? 'en' : 'ru',
      created_at: this.clock.now(),
    };
    await this.repo.insertUser(row);
    return toUser(row);
  }

  /** A user by id. */
  async get(id: string): Promise<User> {
    const row = await this.repo.userById(id);
    if (!row) throw notFound('User');
    return toUser(row);
  }

  /** A user by e-mail, or null. */
  async findByEmail(email: string): Promise<User | null> {
    const normalized = normalizeEmail(email);
    if (!normalized.ok) return null;
    const row = await this.repo.userByEmail(normalized.value);
    return row ? toUser(row) : null;
  }

  /** Changes a user's own name, interface language or password. */
  async updateProfile(id: string, patch: { name?: string; locale?: string; password?: string }): Promise<User> {
    if (patch.locale !== undefined && patch.locale !== 'ru' && patch.locale !== 'en') {
      throw invalid('locale', 'must be "ru" or "en"');
    }
    if (patch.password !== undefined) {
      const problem = passwordProblem(patch.password);
      if (problem) throw invalid('password', problem);
    }
    await this.repo.updateUser(id, {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.password !== undefined ? { password_hash: await hashPassword(patch.password) } : {}),
    });
    return this.get(id);
  }

  /** Whether the installation has any user (first start creates the owner). */
  async anyUser(): Promise<boolean> {
    return this.repo.anyUser();
  }

  /** Checks e-mail and password and opens a session; failed attempts are throttled per e-mail and IP. */
  async login(emailInput: string, password: string, ip: string): Promise<NewSession> {
    const email = emailInput.trim().toLowerCase();
    const keys = [`email:${email}`, `ip:${ip}`];
    await this.checkThrottle(keys[0], maxFailuresPerEmail);
    await this.checkThrottle(keys[1], maxFailuresPerIp);
    const row = await this.repo.userByEmail(email);
    const ok = row ? await verifyPassword(password, row.password_hash) : false;
    if (!row || !ok) {
      for (const key of keys) await this.recordFailure(key);
      throw new DomainError('unauthorized', 'Wrong e-mail or password');
    }
    await this.repo.clearLoginFailures(keys[0]);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = this.clock.now();
    const expiresAt = now + sessionTtl;
    await this.repo.insertSession({ id: sha256(token), user_id: row.id, csrf_token: csrfToken, created_at: now, expires_at: expiresAt });
    return { token, csrfToken, user: toUser(row), expiresAt };
  }

  /** Ends a session. */
  async logout(token: string): Promise<void> {
    await this.repo.deleteSession(sha256(token));
  }

  /** The user and CSRF token of a live session, or null. */
  async verifySession(token: string): Promise<{ userId: string; csrfToken: string } | null> {
    const session = await this.repo.session(sha256(token));
    if (!session || session.expires_at <= this.clock.now()) return null;
    return { userId: session.user_id, csrfToken: session.csrf_token };
  }

  /** A user's role in a workspace, or null when not a member. */
  async roleOf(userId: string, workspaceId: string): Promise<Role | null> {
    const role = await this.repo.roleOf(userId, workspaceId);
    return role && isRole(role) ? role : null;
  }

  /** The workspace a user works in by default. */
  async defaultWorkspace(userId: string): Promise<string | null> {
    return (await this.repo.firstWorkspace(userId)) ?? null;
  }

  /** Members of a workspace. */
  async members(workspaceId: string) {
    const rows = await this.repo.members(workspaceId);
    return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role, joinedAt: r.created_at }));
  }

  /** Adds a user to a workspace or changes their role; `actorRole` may not grant more than it has. */
  async setRole(workspaceId: string, userId: string, role: string, actorRole: Role | null): Promise<void> {
    if (!isRole(role)) throw invalid('role', 'must be one of owner, admin, marketer, manager, analyst');
    if (actorRole && roleRank(role) < roleRank(actorRole)) {
      throw new DomainError('forbidden', `A ${actorRole} cannot grant the ${role} role`);
    }
    await this.get(userId);
    const current = await this.repo.roleOf(userId, workspaceId);
    if (current === 'owner' && role !== 'owner') await this.keepAnOwner(workspaceId);
    await this.repo.upsertMembership(workspaceId, userId, role, this.clock.now());
  }

  /** Removes a user from a workspace; the last owner cannot be removed. */
  async removeMember(workspaceId: string, userId: string): Promise<void> {
    const current = await this.repo.roleOf(userId, workspaceId);
    if (!current) throw notFound('Member');
    if (current === 'owner') await this.keepAnOwner(workspaceId);
    await this.repo.deleteMembership(workspaceId, userId);
  }

  /** This service as the HTTP edge's Authenticator, with secret keys verified by `verifySecretKey`. */
  authenticator(verifySecretKey: Authenticator['verifySecretKey']): Authenticator {
    return {
      verifySecretKey,
      verifySession: (token) => this.verifySession(token),
      roleOf: (userId, workspaceId) => this.roleOf(userId, workspaceId),
      defaultWorkspace: (userId) => this.defaultWorkspace(userId),
    };
  }

  private async keepAnOwner(workspaceId: string): Promise<void> {
    if ((await this.repo.ownerCount(workspaceId)) <= 1) {
      throw new DomainError('conflict', 'A workspace must keep at least one owner');
    }
  }

  private async checkThrottle(key: string, max: number): Promise<void> {
    const row = await this.repo.loginFailures(key);
    const now = this.clock.now();
    if (row && now - row.window_start < failureWindow && row.failures >= max) {
      const retryIn = Math.ceil((row.window_start + failureWindow - now) / 60000);
      throw new DomainError('too_many_requests', `Too many failed sign-in attempts; try again in ${retryIn} min`);
    }
  }

  private async recordFailure(key: string): Promise<void> {
    const row = await this.repo.loginFailures(key);
    const now = this.clock.now();
    if (!row || now - row.window_start >= failureWindow) await this.repo.setLoginFailures(key, now, 1);
    else await this.repo.setLoginFailures(key, row.window_start, row.failures + 1);
  }
}

function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, locale: row.locale, createdAt: row.created_at };
}
