import type { Kysely } from 'kysely';
import type { Database, WorkspacesTable } from '../../platform/db/schema.js';

/** A workspace row. */
export type WorkspaceRow = WorkspacesTable;

/** SQL for workspaces. */
export class WorkspacesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts a workspace. */
  async insert(row: WorkspaceRow): Promise<void> {
    await this.db.insertInto('workspaces').values(row).execute();
  }

  /** One workspace by id. */
  async get(id: string): Promise<WorkspaceRow | undefined> {
    return this.db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Updates some fields of a workspace. */
  async update(id: string, patch: Partial<Omit<WorkspaceRow, 'id' | 'created_at'>>): Promise<void> {
    await this.db.updateTable('workspaces').set(patch).where('id', '=', id).execute();
  }

  /** Workspaces a user is a member of, with the user's role, oldest first. */
  async listForUser(userId: string): Promise<(WorkspaceRow & { role: string })[]> {
    return this.db
      .selectFrom('workspaces')
      .innerJoin('memberships', 'memberships.workspace_id', 'workspaces.id')
      .selectAll('workspaces')
      .select('memberships.role')
      .where('memberships.user_id', '=', userId)
      .orderBy('workspaces.created_at')
      .execute();
  }

  /** Every workspace, oldest first (installation-level views and the CLI). */
  async listAll(): Promise<WorkspaceRow[]> {
    return this.db.selectFrom('workspaces').selectAll().orderBy('created_at').execute();
  }

  /** Whether the user owns at least one workspace. */
  async ownsAny(userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('memberships')
      .select('workspace_id')
      .where('user_id', '=', userId)
      .where('role', '=', 'owner')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Whether the installation has any workspace. */
  async anyWorkspace(): Promise<boolean> {
    return (await this.db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst()) !== undefined;
  }
}
