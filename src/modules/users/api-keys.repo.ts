import type { Kysely } from 'kysely';
import type { ApiKeysTable, Database } from '../../platform/db/schema.js';

/** An API key row. */
export type ApiKeyRow = ApiKeysTable;

/** SQL for API keys. */
export class ApiKeysRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts a key. */
  async insert(row: ApiKeyRow): Promise<void> {
    await this.db.insertInto('api_keys').values(row).execute();
  }

  /** A live (not revoked) key by the hash of its token. */
  async liveByHash(tokenHash: string): Promise<ApiKeyRow | undefined> {
    return this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }

  /** Keys of a workspace, newest first. */
  async list(workspaceId: string): Promise<ApiKeyRow[]> {
    return this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Marks a key revoked; returns whether a live key was revoked. */
  async revoke(workspaceId: string, id: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Records when a key was last used. */
  async touch(id: string, now: number): Promise<void> {
    await this.db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
  }
}
