import type { Kysely } from 'kysely';
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

  /** Failed-login counter for a key (an e-mail or an IP). */
  async loginFailures(key: string) {
    return this.db.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
  }

  /** Sets the failed-login counter for a key. */
  async setLoginFailures(key: string, windowStart: number, failures: number): Promise<void> {
    await this.db
      .insertInto('login_failures')
      .values({ key, window_start: windowStart, failures })
      .onConflict((oc) => oc.column('key').doUpdateSet({ window_start: windowStart, failures }))
      .execute();
  }

  /** Forgets the failed-login counter for a key. */
  async clearLoginFailures(key: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('key', '=', key).execute();
  }
}
