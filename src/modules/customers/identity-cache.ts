import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Identifier } from '../../common/identifiers.js';
import { type CustomerRow, CustomersRepo } from './customers.repo.js';
import { IdentityRepo, type OwnedIdentifier } from './identity.repo.js';

/**
 * What one transaction already knows about identifiers and profiles. A batch of events mostly
 * concerns people already known; reading all their identifiers and profiles in two queries up front,
 * instead of two per event, is what makes batch ingestion fast on PostgreSQL, where every statement
 * is a round trip. It lives for one transaction only: nothing outside it may change the rows it holds.
 */
export class IdentityCache {
  private readonly owners = new Map<string, number | null>();
  /** Profiles read or written in this transaction, by id. */
  readonly rows = new Map<number, CustomerRow>();

  /**
   * Reads the owners of all the identifiers, and the profiles of the owners of `profilesOf` (by
   * default all of them): a message that will not write its profile need not read it.
   */
  async prefetch(db: Kysely<Database>, workspaceId: string, ids: Identifier[], profilesOf: Identifier[] = ids): Promise<void> {
    const unknown = unique(ids.filter((id) => !this.owners.has(key(id))));
    const identity = new IdentityRepo(db);
    for (let i = 0; i < unknown.length; i += 200) {
      const chunk = unknown.slice(i, i + 200);
      this.learn(chunk, await identity.owners(workspaceId, chunk));
    }
    const owners = profilesOf.map((id) => this.owners.get(key(id)));
    const customerIds = [...new Set(owners.filter((v): v is number => v !== undefined && v !== null && !this.rows.has(v)))];
    const customers = new CustomersRepo(db);
    for (let i = 0; i < customerIds.length; i += 500) {
      for (const row of await customers.getMany(workspaceId, customerIds.slice(i, i + 500))) this.rows.set(row.id, row);
    }
  }

  /** The owners of the identifiers, or null when some identifier has not been looked up yet. */
  lookup(ids: Identifier[]): OwnedIdentifier[] | null {
    const out: OwnedIdentifier[] = [];
    for (const id of ids) {
      const owner = this.owners.get(key(id));
      if (owner === undefined) return null;
      if (owner !== null) out.push({ ...id, customerId: owner });
    }
    return out;
  }

  /** Records the result of an owners query: the found owners, and that the rest have none. */
  learn(queried: Identifier[], found: OwnedIdentifier[]): void {
    for (const id of queried) this.owners.set(key(id), null);
    for (const o of found) this.owners.set(key(o), o.customerId);
  }

  /** Records that identifiers now belong to a customer. */
  assign(ids: Identifier[], customerId: number): void {
    for (const id of ids) if (!this.owners.get(key(id))) this.owners.set(key(id), customerId);
  }

  /** After a merge: everything the loser owned is the survivor's, and both profiles must be read again. */
  merged(loserId: number, survivorId: number): void {
    for (const [k, owner] of this.owners) if (owner === loserId) this.owners.set(k, survivorId);
    this.rows.delete(loserId);
    this.rows.delete(survivorId);
  }
}

function key(id: Identifier): string {
  return `${id.kind}\u0000${id.value}`;
}

function unique(ids: Identifier[]): Identifier[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(key(id)) ? false : (seen.add(key(id)), true)));
}
