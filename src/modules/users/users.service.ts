import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { invalid, notFound } from '../../platform/errors.js';
import type { Authenticator } from '../../platform/http/auth.js';
import { newId, sha256 } from '../../platform/ids.js';
import { reason } from '../../platform/reasons.js';
import { isRole, type Role } from '../../platform/roles.js';
import { normalizeEmail } from '../../common/identifiers.js';
import { LoginThrottle } from './login-throttle.js';
import { checkMayGrant, checkOutranks } from './member-rules.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import type { UserRow, UsersRepo } from './users.repo.js';
import { alreadyMember, emailTaken, lastOwner, wrongCredentials } from './users.errors.js';

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

/** A member of a workspace with their role. */
export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: number;
}

/** Who joins a workspace: an existing user by e-mail, or a new one when a first password is given. */
export interface NewMember {
  email: string;
  role: Role;
  name?: string;
  password?: string;
}

const sessionTtl = 30 * 24 * 3600 * 1000;

/** Users, passwords, sessions and workspace membership; also the HTTP edge's Authenticator for sessions. */
export class UsersService {
  private readonly throttle: LoginThrottle;
  private unknownUserHash: Promise<string> | null = null;

  constructor(
    private readonly repo: UsersRepo,
    private readonly clock: Clock,
  ) {
    this.throttle = new LoginThrottle(repo, clock);
  }

  /** Creates a user with a password; e-mails are unique per installation. */
  async createUser(input: { email: string; password: string; name?: string; locale?: string }): Promise<User> {
    const email = normalizeEmail(input.email);
    if (!email.ok) throw invalid('email', email);
    const problem = passwordProblem(input.password, email.value);
    if (problem) throw invalid('password', problem);
    if (await this.repo.userByEmail(email.value)) throw emailTaken(email.value);
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

  /** Changes a user's own name or interface language. */
  async updateProfile(id: string, patch: { name?: string; locale?: string }): Promise<User> {
    if (patch.locale !== undefined && patch.locale !== 'ru' && patch.locale !== 'en') {
      throw invalid('locale', 'must be "ru" or "en"');
    }
    const changes = {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
    };
    // An UPDATE with nothing to set is not valid SQL (a PATCH that only changed the password).
    if (Object.keys(changes).length > 0) await this.repo.updateUser(id, changes);
    return this.get(id);
  }

  /**
   * Changes a user's own password after checking the current one, counted like a sign-in attempt
   * so a stolen session cannot guess it faster; ends every other session of the user.
   */
  async changePassword(userId: string, input: { currentPassword: string; password: string }, caller: { ip: string; sessionToken: string }): Promise<void> {
    const row = await this.repo.userById(userId);
    if (!row) throw notFound('User');
    const problem = passwordProblem(input.password, row.email);
    if (problem) throw invalid('password', problem);
    const attempt = await this.throttle.reserve(row.email, caller.ip);
    const ok = await verifyPassword(input.currentPassword, row.password_hash);
    await attempt.settle(ok);
    // A field error rather than 401: the session is fine, and the web app would take 401 for a sign-out.
    if (!ok) throw invalid('currentPassword', reason('password_wrong', {}));
    await this.storePassword(userId, input.password, sha256(caller.sessionToken));
  }

  /** Sets a user's password without the current one (the installation's operator, from the CLI) and ends all their sessions. */
  async setPassword(userId: string, password: string): Promise<void> {
    const user = await this.get(userId);
    const problem = passwordProblem(password, user.email);
    if (problem) throw invalid('password', problem);
    await this.storePassword(userId, password, null);
  }

  /** Whether the installation has any user (first start creates the owner). */
  async anyUser(): Promise<boolean> {
    return this.repo.anyUser();
  }

  /** Checks e-mail and password and opens a session; attempts are limited per e-mail and IP (see LoginThrottle). */
  async login(emailInput: string, password: string, ip: string): Promise<NewSession> {
    const email = emailInput.trim().toLowerCase();
    const attempt = await this.throttle.reserve(email, ip);
    const row = await this.repo.userByEmail(email);
    // An unknown e-mail costs the same scrypt as a known one, so the answer's timing does not
    // tell which e-mails have accounts.
    const ok = await verifyPassword(password, row?.password_hash ?? (await this.hashForUnknownUsers()));
    await attempt.settle(row !== undefined && ok);
    if (!row || !ok) throw wrongCredentials();
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

  /** Members of a workspace, in the order they joined. */
  async members(workspaceId: string): Promise<Member[]> {
    const rows = await this.repo.members(workspaceId);
    return rows.flatMap((r) => (isRole(r.role) ? [{ id: r.id, email: r.email, name: r.name, role: r.role, joinedAt: r.created_at }] : []));
  }

  /** One member of a workspace; throws not_found when the user is not one. */
  async member(workspaceId: string, userId: string): Promise<Member> {
    const member = (await this.members(workspaceId)).find((m) => m.id === userId);
    if (!member) throw notFound('Member');
    return member;
  }

  /**
   * Adds a user to a workspace by e-mail. An existing account joins as it is (nobody may set
   * another user's password); a new one needs a first password. `actorRole` (null: the
   * installation's operator) may grant at most its own role.
   */
  async addMember(workspaceId: string, input: NewMember, actorRole: Role | null): Promise<{ userId: string; created: boolean }> {
    const email = normalizeEmail(input.email);
    if (!email.ok) throw invalid('email', email);
    // Checked before an account is created, so a refused grant leaves no user behind.
    checkMayGrant(actorRole, input.role);
    const existing = await this.repo.userByEmail(email.value);
    if (existing) {
      if (input.password !== undefined) throw invalid('password', `must be left out: ${email.value} already has an account`);
      if (await this.repo.roleOf(existing.id, workspaceId)) {
        throw alreadyMember(email.value);
      }
      await this.repo.upsertMembership(workspaceId, existing.id, input.role, this.clock.now());
      return { userId: existing.id, created: false };
    }
    if (input.password === undefined) {
      throw invalid('password', `is required: nobody has the e-mail ${email.value} yet, and a first password creates the account`);
    }
    const user = await this.createUser({ email: email.value, password: input.password, name: input.name });
    await this.repo.upsertMembership(workspaceId, user.id, input.role, this.clock.now());
    return { userId: user.id, created: true };
  }

  /** Changes a member's role: the actor may not grant above its own role nor change a member who outranks it; the last owner stays. */
  async changeRole(workspaceId: string, userId: string, role: Role, actorRole: Role | null): Promise<void> {
    checkMayGrant(actorRole, role);
    const current = await this.roleOf(userId, workspaceId);
    if (!current) throw notFound('Member');
    checkOutranks(actorRole, current);
    if (current === 'owner' && role !== 'owner') await this.keepAnOwner(workspaceId);
    await this.repo.upsertMembership(workspaceId, userId, role, this.clock.now());
  }

  /** Adds a user to a workspace or sets their role, for callers acting for the installation (first start, workspace creation, the demo). */
  async setRole(workspaceId: string, userId: string, role: string, actorRole: Role | null): Promise<void> {
    if (!isRole(role)) throw invalid('role', 'must be one of owner, admin, marketer, manager, analyst');
    checkMayGrant(actorRole, role);
    await this.get(userId);
    const current = await this.repo.roleOf(userId, workspaceId);
    if (current === 'owner' && role !== 'owner') await this.keepAnOwner(workspaceId);
    await this.repo.upsertMembership(workspaceId, userId, role, this.clock.now());
  }

  /** Removes a member from a workspace (the account stays): not one who outranks the actor, and not the last owner. */
  async removeMember(workspaceId: string, userId: string, actorRole: Role | null): Promise<void> {
    const current = await this.roleOf(userId, workspaceId);
    if (!current) throw notFound('Member');
    checkOutranks(actorRole, current);
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
      throw lastOwner();
    }
  }

  private async storePassword(userId: string, password: string, keepSessionId: string | null): Promise<void> {
    await this.repo.updateUser(userId, { password_hash: await hashPassword(password) });
    // Whoever knew the old password may hold a session opened with it.
    await this.repo.deleteSessionsOfUser(userId, keepSessionId);
  }

  // Made once per process with the current scrypt parameters, so it costs what a real hash costs.
  private hashForUnknownUsers(): Promise<string> {
    this.unknownUserHash ??= hashPassword(randomBytes(18).toString('base64url'));
    return this.unknownUserHash;
  }
}

function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, locale: row.locale, createdAt: row.created_at };
}
