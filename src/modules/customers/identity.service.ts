import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/schema.js';
import { type Identifier, identifierKinds } from '../../common/identifiers.js';
import { CustomersRepo } from './customers.repo.js';
import type { IdentityCache } from './identity-cache.js';
import { IdentityRepo } from './identity.repo.js';
import { StatsRepo } from './stats.repo.js';
import { type CustomerFields, fromRow, profileFieldNames } from './customer-fields.js';

/** Outcome of resolving a set of identifiers to one profile. */
export interface Resolution {
  customerId: number;
  created: boolean;
  /** Profiles merged into customerId by this call. */
  merged: number[];
}

/**
 * Identity resolution: turns the identifiers one call carries into one profile, creating it or
 * merging the profiles the identifiers link. Rules (docs/identity.md):
 * - the oldest profile (lowest id) survives a merge; events, orders, identifiers and stats move to it;
 * - two profiles with different external ids are never merged (the shop's own system says they are
 *   two people); an identifier already owned by such a profile stays where it is;
 * - merges are recorded in customer_merges and are idempotent.
 * Every method runs on the executor it is given, so callers put it inside their transaction.
 */
export class IdentityService {
  constructor(private readonly clock: Clock) {}

  /** Finds, creates or merges the profile the identifiers name. Identifiers must be normalised. */
  async resolve(db: Kysely<Database>, workspaceId: string, ids: Identifier[], cache?: IdentityCache): Promise<Resolution> {
    const identity = new IdentityRepo(db);
    const now = this.clock.now();
    let owners = cache?.lookup(ids) ?? null;
    if (owners === null) {
      owners = await identity.owners(workspaceId, ids);
      cache?.learn(ids, owners);
    }
    const ownerIds = [...new Set(owners.map((o) => o.customerId))];
    if (ownerIds.length === 0) {
      const customerId = await new CustomersRepo(db).insert(workspaceId, {}, {}, now);
      await identity.attach(workspaceId, customerId, ids, now);
      cache?.assign(ids, customerId);
      return { customerId, created: true, merged: [] };
    }
    const fresh = ids.filter((id) => !owners.some((o) => o.kind === id.kind && o.value === id.value));
    // The common case: everything known points at one profile, and no new external id could conflict.
    if (ownerIds.length === 1 && (!ids.some((i) => i.kind === 'external_id') || owners.some((o) => o.kind === 'external_id'))) {
      const customerId = ownerIds[0] as number;
      await identity.attach(workspaceId, customerId, fresh, now);
      cache?.assign(fresh, customerId);
      return { customerId, created: false, merged: [] };
    }
    const externalIds = await identity.externalIds(workspaceId, ownerIds);
    const wantedExternal = ids.find((i) => i.kind === 'external_id')?.value;
    const anchor = this.anchor(ids, owners, externalIds, wantedExternal);
    if (anchor === null) {
      // Every owner belongs to another person of the shop's system: this is a new person.
      const customerId = await new CustomersRepo(db).insert(workspaceId, {}, {}, now);
      await identity.attach(workspaceId, customerId, fresh, now);
      cache?.assign(fresh, customerId);
      return { customerId, created: true, merged: [] };
    }
    const anchorExternal = externalIds.get(anchor) ?? wantedExternal;
    const group = ownerIds.filter((id) => {
      const ext = externalIds.get(id);
      return ext === undefined || ext === anchorExternal;
    });
    const survivor = Math.min(...group);
    const losers = group.filter((id) => id !== survivor);
    for (const loser of losers) {
      await this.merge(db, workspaceId, survivor, loser, 'identifiers linked by one call');
      cache?.merged(loser, survivor);
    }
    await identity.attach(workspaceId, survivor, fresh, now);
    cache?.assign(fresh, survivor);
    return { customerId: survivor, created: false, merged: losers };
  }

  /** Merges loser into survivor: moves everything, fills the survivor's empty fields, records it. Idempotent. */
  async merge(db: Kysely<Database>, workspaceId: string, survivorId: number, loserId: number, reason: string): Promise<void> {
    if (survivorId === loserId) return;
    const customers = new CustomersRepo(db);
    const [survivor, loser] = await Promise.all([customers.get(workspaceId, survivorId), customers.get(workspaceId, loserId)]);
    if (!survivor || !loser || loser.merged_into !== null) return;
    const now = this.clock.now();
    const fill: CustomerFields = {};
    const survivorFields = fromRow(survivor);
    const loserFields = fromRow(loser);
    // The last-device fields are filled the same way when the stats rows are merged (IdentityRepo.moveAll).
    for (const name of profileFieldNames) if (survivorFields[name] === null && loserFields[name] !== null) fill[name] = loserFields[name];
    await customers.update(workspaceId, survivorId, fill, { ...loser.traits, ...survivor.traits }, now);
    await new IdentityRepo(db).moveAll(workspaceId, survivorId, loserId, reason, now);
    await new StatsRepo(db).recomputeOrders(workspaceId, [survivorId], now);
  }

  // The profile the call is about: the owner of the strongest identifier it carries, skipping
  // owners whose external id contradicts the one the call names.
  private anchor(ids: Identifier[], owners: { kind: string; value: string; customerId: number }[], externalIds: Map<number, string>, wanted: string | undefined): number | null {
    for (const kind of identifierKinds) {
      for (const id of ids.filter((i) => i.kind === kind)) {
        const owner = owners.find((o) => o.kind === id.kind && o.value === id.value);
        if (!owner) continue;
        const ext = externalIds.get(owner.customerId);
        if (wanted === undefined || ext === undefined || ext === wanted) return owner.customerId;
      }
    }
    return null;
  }
}
