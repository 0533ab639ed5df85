import { type Kysely, sql } from 'kysely';
import type { Database, SessionsTable, UsersTable } from '../../platform/db/schema.js';

/** A user row. */
export type UserRow = UsersTable;

/** SQL for users, memberships, sessions and login throttling. */
export class UsersRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts a user. */
  async insertUser(row: UserRow): Promise<void> {
    await this.db.insertInto('users').values(row).execute();
  }

  /** A user by e-mail (already lower-cased). */
  async userByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  /** A user by id. */
  async userById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Changes fields of a user. */
  async updateUser(id: string, patch: Partial<Pick<UserRow, 'name' | 'locale' | 'password_hash'>>): Promise<void> {
    await this.db.updateTable('users').set(patch).where('id', '=', id).execute();
  }

  /** Whether the installation has any user at all. */
  async anyUser(): Promise<boolean> {
    return (await this.db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  /** Adds or changes a user's role in a workspace. */
  async upsertMembership(workspaceId: string, userId: string, role: string, now: number): Promise<void> {
    await this.db
      .insertInto('memberships')
      .values({ workspace_id: workspaceId, user_id: userId, role, created_at: now })
      .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet({ role }))
      .execute();
  }

  /** Removes a user from a workspace. */
  async deleteMembership(workspaceId: string, userId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('memberships')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** A user's role in a workspace. */
  async roleOf(userId: string, workspaceId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('memberships')
      .select('role')
      .where('user_id', '=', userId)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row?.role;
  }

  /** The first workspace a user joined. */
  async firstWorkspace(userId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('memberships')
      .select('workspace_id')
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    return row?.workspace_id;
  }

  /** Members of a workspace with their role. */
  async members(workspaceId: string) {
    return this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.email', 'users.name', 'memberships.role', 'memberships.created_at'])
      .where('memberships.workspace_id', '=', workspaceId)
      .orderBy('memberships.created_at')
      .execute();
  }

  /** Number of owners of a workspace. */
  async ownerCount(workspaceId: string): Promise<number> {
    const row = await this.db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Stores a session. */
  async insertSession(row: SessionsTable): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  /** A session by the hash of its token. */
  async session(id: string): Promise<SessionsTable | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Deletes a session. */
  async deleteSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** Ends every session of a user but the one with this id (all of them when null). */
  async deleteSessionsOfUser(userId: string, exceptId: string | null): Promise<void> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId !== null) query = query.where('id', '!=', exceptId);
    await query.execute();
  }

  /**
   * Counts one sign-in attempt for a key (an e-mail or an IP) in one statement, starting a new
   * window when the last one began at or before `windowEndsBefore`; returns the count and the
   * window's start. One statement, so simultaneous attempts cannot read the same count.
   */
  async reserveLoginAttempt(key: string, now: number, windowEndsBefore: number): Promise<{ attempts: number; windowStart: number }> {
    const expired = sql<boolean>`login_failures.window_start <= ${windowEndsBefore}`;
    const row = await this.db
      .insertInto('login_failures')
      .values({ key, window_start: now, failures: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          window_start: sql<number>`CASE WHEN ${expired} THEN ${now} ELSE login_failures.window_start END`,
          failures: sql<number>`CASE WHEN ${expired} THEN 1 ELSE login_failures.failures + 1 END`,
        }),
      )
      .returning(['failures', 'window_start'])
      .executeTakeFirstOrThrow();
    return { attempts: Number(row.failures), windowStart: Number(row.window_start) };
  }

  /** Gives back one attempt counted in the window that began at `windowStart` (a later window is left alone). */
  async releaseLoginAttempt(key: string, windowStart: number): Promise<void> {
    await this.db
      .updateTable('login_failures')
      .set({ failures: sql<number>`CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END` })
      .where('key', '=', key)
      .where('window_start', '=', windowStart)
      .execute();
  }

  /** Forgets the sign-in attempts counted for a key. */
  async clearLoginAttempts(key: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('key', '=', key).execute();
  }
}
