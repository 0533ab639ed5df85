import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { invalid, notFound } from '../../platform/errors.js';
import { newId, sha256 } from '../../platform/ids.js';
import type { ApiKeyRow, ApiKeysRepo } from './api-keys.repo.js';
import { reason } from '../../platform/reasons.js';

/** Kinds of key: a public write key can only ingest; a secret key calls the REST API. */
export type ApiKeyKind = 'write' | 'secret';

/** An API key as listed (the secret itself is never shown again). */
export interface ApiKey {
  id: string;
  kind: ApiKeyKind;
  name: string;
  /** First characters of the key, to recognise it. */
  prefix: string;
  /** The whole key, for write keys only: they are public (they sit in a site's JavaScript). */
  writeKey: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** A just-created key with its token, shown once. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

interface CachedKey {
  workspaceId: string;
  keyId: string;
  expires: number;
}

// Ingestion checks the write key on every request; a short cache keeps that off the database,
// and revocation through this service clears it at once (other processes see it within the TTL).
const cacheTtl = 30_000;

/** Creates, lists, revokes and verifies workspace API keys. */
export class ApiKeysService {
  private readonly cache = new Map<string, CachedKey>();
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly repo: ApiKeysRepo,
    private readonly clock: Clock,
  ) {}

  /** Creates a key; the returned `key` is the only time a secret key is shown. */
  async create(workspaceId: string, kind: ApiKeyKind, name: string, createdBy: string | null): Promise<CreatedApiKey> {
    const label = name.trim() || (kind === 'write' ? 'Write key' : 'Secret key');
    if (label.length > 100) throw invalid('name', reason('too_long', { max: 100 }));
    const key = `${kind === 'write' ? 'wk' : 'sk'}_${randomBytes(24).toString('base64url')}`;
    const row: ApiKeyRow = {
      id: newId('key', 9),
      workspace_id: workspaceId,
      kind,
      name: label,
      prefix: key.slice(0, 10),
      token_hash: sha256(key),
      write_key: kind === 'write' ? key : null,
      created_by: createdBy,
      created_at: this.clock.now(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.repo.insert(row);
    return { ...toApiKey(row), key };
  }

  /** Keys of a workspace. */
  async list(workspaceId: string): Promise<ApiKey[]> {
    return (await this.repo.list(workspaceId)).map(toApiKey);
  }

  /** Revokes a key; from then on it is refused. */
  async revoke(workspaceId: string, id: string): Promise<void> {
    if (!(await this.repo.revoke(workspaceId, id, this.clock.now()))) throw notFound('Live API key');
    for (const [token, cached] of this.cache) if (cached.keyId === id) this.cache.delete(token);
  }

  /** The workspace of a live write key, or null. */
  async verifyWriteKey(token: string): Promise<{ workspaceId: string; keyId: string } | null> {
    return this.verify(token, 'write');
  }

  /** The workspace of a live secret key, or null. */
  async verifySecretKey(token: string): Promise<{ workspaceId: string; keyId: string } | null> {
    return this.verify(token, 'secret');
  }

  private async verify(token: string, kind: ApiKeyKind): Promise<{ workspaceId: string; keyId: string } | null> {
    if (!token.startsWith(kind === 'write' ? 'wk_' : 'sk_')) return null;
    const now = this.clock.now();
    const cached = this.cache.get(token);
    if (cached && cached.expires > now) return { workspaceId: cached.workspaceId, keyId: cached.keyId };
    const row = await this.repo.liveByHash(sha256(token));
    if (!row || row.kind !== kind) {
      this.cache.delete(token);
      return null;
    }
    this.cache.set(token, { workspaceId: row.workspace_id, keyId: row.id, expires: now + cacheTtl });
    // Last use is recorded at most once a minute per key.
    if ((this.touched.get(row.id) ?? 0) < now - 60_000) {
      this.touched.set(row.id, now);
      await this.repo.touch(row.id, now);
    }
    return { workspaceId: row.workspace_id, keyId: row.id };
  }
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    kind: row.kind === 'write' ? 'write' : 'secret',
    name: row.name,
    prefix: row.prefix,
    writeKey: row.write_key,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
