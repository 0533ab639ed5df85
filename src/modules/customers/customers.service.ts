import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { invalid, notFound } from '../../platform/errors.js';
import type { Role } from '../../platform/roles.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';
import { type CustomerFields, deviceFieldNames, devicesFromRow, fromRow, toColumns, touchFromRow, type TouchFields } from './customer-fields.js';
import type { IdentityCache } from './identity-cache.js';
import { type CustomerRow, CustomersRepo } from './customers.repo.js';
import { type Identifier, type IdentifierKind, isIdentifierKind, normalizeIdentifier } from '../../common/identifiers.js';
import { IdentityRepo } from './identity.repo.js';
import type { IdentityService, Resolution } from './identity.service.js';
import { type CleanProfile, cleanProfileOrThrow, type ProfileInput, writesProfileRow } from './profile-input.js';
import { type Activity, StatsRepo, type StatsRow } from './stats.repo.js';

export type { Activity } from './stats.repo.js';
import { reason } from '../../platform/reasons.js';
import { identifierRequired, identifierTaken } from './customers.errors.js';

/** A customer profile as the API shows it. */
export interface CustomerProfile extends Required<CustomerFields>, TouchFields {
  id: number;
  traits: Record<string, unknown>;
  identifiers: { kind: string; value: string; addedAt: number }[];
  consent: Record<string, { status: string; source: string | null; updatedAt: number }>;
  stats: CustomerStats;
  mergedFrom: number[];
  createdAt: number;
  updatedAt: number;
  erasedAt: number | null;
}

/** Per-customer key numbers. */
export interface CustomerStats {
  ordersCount: number;
  orderDays: number;
  revenue: number;
  avgCheck: number;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  lastActivityAt: number | null;
}

/** Options of applyProfile. */
export interface ApplyOptions {
  /** Write fields only where the profile has none (imports of people already known). */
  fillOnly?: boolean;
  /** Extra fields written only where the profile has none (e.g. a city guessed from an event's context). */
  fill?: CustomerFields;
  /** What the surrounding transaction already knows (batch ingestion). */
  cache?: IdentityCache;
}

/** Who belongs to a workspace (UsersService answers it): a responsible manager must be a member. */
export interface MemberDirectory {
  roleOf(userId: string, workspaceId: string): Promise<Role | null>;
}

/** Customer profiles: create, read, edit, erase, export; identity through IdentityService. */
export class CustomersService {
  constructor(
    private readonly db: Db,
    private readonly identity: IdentityService,
    private readonly workspaces: WorkspacesService,
    private readonly members: MemberDirectory,
    private readonly clock: Clock,
  ) {}

  /**
   * Applies what one call says about a person inside the caller's transaction: resolves (or creates,
   * or merges) the profile, then writes fields, traits and consent. Fields the call does not name
   * are left as they are.
   */
  async applyProfile(db: Kysely<Database>, workspaceId: string, profile: CleanProfile, options: ApplyOptions = {}): Promise<Resolution> {
    const cache = options.cache;
    const resolution = await this.identity.resolve(db, workspaceId, profile.identifiers, cache);
    const customers = new CustomersRepo(db);
    const fill = options.fill ?? {};
    const hasData = writesProfileRow(profile, fill);
    // A new profile is empty, so there is nothing to read back; an existing one is read only when written.
    let current = !resolution.created && hasData ? cache?.rows.get(resolution.customerId) : undefined;
    if (!current && !resolution.created && hasData) current = await customers.get(workspaceId, resolution.customerId);
    // The last-device fields are on the stats row, read only when the call names one (API edits,
    // imports; tracked events write the device with their activity). Unread, they are not compared.
    const namesDevice = deviceFieldNames.some((name) => profile.fields[name] !== undefined || fill[name] !== undefined);
    const devices = devicesFromRow(current && namesDevice ? await new StatsRepo(db).get(workspaceId, current.id) : undefined);
    const existing = current ? { ...fromRow(current), ...devices } : null;
    const fields = hasData ? this.fieldsToWrite(existing, profile, options.fillOnly ?? false, fill) : {};
    const merged = profile.traits === null ? null : { ...(current?.traits ?? {}), ...profile.traits };
    // Most events repeat what the profile already says; unchanged traits are not rewritten.
    const traits = merged && JSON.stringify(merged) !== JSON.stringify(current?.traits ?? {}) ? merged : null;
    if (Object.keys(fields).length > 0 || traits) await customers.update(workspaceId, resolution.customerId, fields, traits, this.clock.now());
    // Keep the batch's copy of the profile current; a profile not read yet is read when next needed.
    if (cache && current) cache.rows.set(current.id, { ...current, ...toColumns(fields), traits: traits ?? current.traits });
    // With fillOnly (imports), consent already recorded is never changed: re-importing an old file
    // must not grant again what the person has since withdrawn.
    const recorded = options.fillOnly && profile.consent.length > 0 && !resolution.created
      ? new Set((await customers.consents(workspaceId, resolution.customerId)).map((c) => c.channel))
      : new Set<string>();
    for (const c of profile.consent) {
      if (recorded.has(c.channel)) continue;
      await customers.setConsent(workspaceId, resolution.customerId, c.channel, c.status, c.source, c.at ?? this.clock.now());
    }
    return resolution;
  }

  /** Creates a profile (or updates the one its identifiers already name) from API input. */
  async create(workspaceId: string, input: ProfileInput): Promise<{ profile: CustomerProfile; created: boolean }> {
    const workspace = await this.workspaces.get(workspaceId);
    const clean = cleanProfileOrThrow(input, workspace.phoneRegion);
    await this.checkManager(workspaceId, clean.fields.managerUserId);
    if (clean.identifiers.length === 0) {
      throw identifierRequired();
    }
    const resolution = await this.db.kysely.transaction().execute((trx) => this.applyProfile(trx, workspaceId, clean));
    return { profile: await this.get(workspaceId, resolution.customerId), created: resolution.created };
  }

  /** Edits a profile: fields, traits (merged), consent and added identifiers. */
  async update(workspaceId: string, id: number, input: ProfileInput): Promise<CustomerProfile> {
    const workspace = await this.workspaces.get(workspaceId);
    const clean = cleanProfileOrThrow(input, workspace.phoneRegion);
    await this.checkManager(workspaceId, clean.fields.managerUserId);
    const customerId = await this.liveId(workspaceId, id);
    await this.db.kysely.transaction().execute(async (trx) => {
      const identity = new IdentityRepo(trx);
      const owners = await identity.owners(workspaceId, clean.identifiers);
      const taken = owners.find((o) => o.customerId !== customerId);
      if (taken) {
        throw identifierTaken(taken.kind, taken.value, taken.customerId);
      }
      const customers = new CustomersRepo(trx);
      const current = await customers.get(workspaceId, customerId);
      const traits = clean.traits !== null && current ? { ...current.traits, ...clean.traits } : null;
      await identity.attach(workspaceId, customerId, clean.identifiers, this.clock.now());
      await customers.update(workspaceId, customerId, clean.fields, traits, this.clock.now());
      for (const c of clean.consent) {
        await customers.setConsent(workspaceId, customerId, c.channel, c.status, c.source ?? 'manual', c.at ?? this.clock.now());
      }
    });
    return this.get(workspaceId, customerId);
  }

  /** A whole profile; a merged-away id answers with the survivor. */
  async get(workspaceId: string, id: number): Promise<CustomerProfile> {
    const customerId = await this.liveId(workspaceId, id);
    const db = this.db.kysely;
    const [row, identifiers, consents, stats, merges] = await Promise.all([
      new CustomersRepo(db).get(workspaceId, customerId),
      new IdentityRepo(db).identifiersOf(workspaceId, customerId),
      new CustomersRepo(db).consents(workspaceId, customerId),
      new StatsRepo(db).get(workspaceId, customerId),
      new IdentityRepo(db).mergesInto(workspaceId, customerId),
    ]);
    if (!row) throw notFound('Customer');
    return {
      id: row.id,
      ...fromRow(row),
      ...devicesFromRow(stats),
      ...touchFromRow(stats),
      traits: row.traits,
      identifiers: identifiers.map((i) => ({ kind: i.kind, value: i.value, addedAt: i.created_at })),
      consent: Object.fromEntries(consents.map((c) => [c.channel, { status: c.status, source: c.source, updatedAt: c.updated_at }])),
      stats: toStats(stats),
      mergedFrom: merges.map((m) => m.loser_id),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      erasedAt: row.erased_at,
    };
  }

  /** First and last names of several customers at once, for lists that give customers by id; ids not found are left out. */
  async names(workspaceId: string, ids: readonly number[]): Promise<Map<number, { firstName: string | null; lastName: string | null }>> {
    const rows = await new CustomersRepo(this.db.kysely).getMany(workspaceId, [...new Set(ids)]);
    return new Map(rows.map((row) => [row.id, { firstName: row.first_name, lastName: row.last_name }]));
  }

  /** The profile an identifier names (any format of phone, e-mail, card, external or anonymous id). */
  async lookup(workspaceId: string, kind: string, value: string): Promise<CustomerProfile> {
    if (!isIdentifierKind(kind)) throw invalid('kind', 'must be one of phone, email, card, external_id, anonymous_id');
    const workspace = await this.workspaces.get(workspaceId);
    const normalized = normalizeIdentifier(kind as IdentifierKind, value, workspace.phoneRegion);
    if (!normalized.ok) throw invalid('value', normalized.reason);
    const [owner] = await new IdentityRepo(this.db.kysely).owners(workspaceId, [{ kind: kind as IdentifierKind, value: normalized.value }]);
    if (!owner) throw notFound(`Customer with ${kind} ${normalized.value}`);
    return this.get(workspaceId, owner.customerId);
  }

  /**
   * The live customers that identifiers name, for lists people bring (a column of phones, e-mails,
   * cards or ids): each value's kind is guessed (an "@" is an e-mail, a value with 10 digits or more
   * a phone, else a card or an external id), normalised, and looked up in batches.
   */
  async resolveIdentifiers(workspaceId: string, values: readonly string[]): Promise<({ customerId: number } | { customerId: null; reason: string | null })[]> {
    const workspace = await this.workspaces.get(workspaceId);
    const guesses = values.map((raw) => guessIdentifier(raw, workspace.phoneRegion));
    const wanted: Identifier[] = [];
    for (const g of guesses) for (const id of g.ok ? g.ids : []) wanted.push(id);
    const owners = new Map<string, number>();
    const repo = new IdentityRepo(this.db.kysely);
    for (let i = 0; i < wanted.length; i += 500) {
      for (const o of await repo.owners(workspaceId, wanted.slice(i, i + 500))) owners.set(`${o.kind}:${o.value}`, o.customerId);
    }
    // Merges move identifiers to the surviving profile, so an owner is never a merged-away one.
    return guesses.map((g) => {
      if (!g.ok) return { customerId: null, reason: g.reason };
      for (const id of g.ids) {
        const owner = owners.get(`${id.kind}:${id.value}`);
        if (owner !== undefined) return { customerId: Number(owner) };
      }
      return { customerId: null, reason: null };
    });
  }

  /** Erases a customer's personal data on request and records the erasure; orders stay, anonymised. */
  async erase(workspaceId: string, id: number, requestedBy: string | null, reason: string | null): Promise<void> {
    const customerId = await this.liveId(workspaceId, id);
    await this.db.kysely.transaction().execute(async (trx) => {
      const customers = new CustomersRepo(trx);
      await customers.erase(workspaceId, customerId, this.clock.now());
      await customers.recordErasure(workspaceId, customerId, requestedBy, reason, this.clock.now());
    });
  }

  // A customer's responsible manager is a user of the same workspace (or nobody).
  private async checkManager(workspaceId: string, managerUserId: string | null | undefined): Promise<void> {
    if (!managerUserId) return;
    if ((await this.members.roleOf(managerUserId, workspaceId)) === null) {
      throw invalid('managerUserId', reason('not_a_member', {}));
    }
  }

  /** Resolves an id to the live profile it now is (following merges); throws not_found. */
  async liveId(workspaceId: string, id: number): Promise<number> {
    const repo = new CustomersRepo(this.db.kysely);
    let row: CustomerRow | undefined = await repo.get(workspaceId, id);
    // merged_into is kept flat by merges (one step), but follow a few in case of concurrent merges.
    for (let hops = 0; row && row.merged_into !== null && hops < 5; hops++) row = await repo.get(workspaceId, row.merged_into);
    if (!row || row.merged_into !== null) throw notFound('Customer');
    return row.id;
  }

  /**
   * Recomputes the order aggregates (customer_stats) of customers from their orders inside the
   * caller's transaction, after their orders changed.
   */
  async refreshOrderStats(db: Kysely<Database>, workspaceId: string, customerIds: Iterable<number>): Promise<void> {
    await new StatsRepo(db).recomputeOrders(workspaceId, [...new Set(customerIds)], this.clock.now());
  }

  /** Records when customers were last active, and their latest device, inside the caller's transaction. */
  async recordActivity(db: Kysely<Database>, workspaceId: string, activity: Map<number, Activity>, now: number): Promise<void> {
    await new StatsRepo(db).touchActivity(workspaceId, activity, now);
  }

  // Which fields to write: with fillOnly (imports of an existing person) only empty ones; and a
  // call that brings a phone or e-mail sets the primary one when the profile has none.
  private fieldsToWrite(existing: Required<CustomerFields> | null, profile: CleanProfile, fillOnly: boolean, fill: CustomerFields): CustomerFields {
    const out: CustomerFields = {};
    for (const [name, value] of Object.entries(profile.fields) as [keyof CustomerFields, string | null][]) {
      if (!existing || (fillOnly ? existing[name] === null : existing[name] !== value)) out[name] = value;
    }
    for (const [name, value] of Object.entries(fill) as [keyof CustomerFields, string | null][]) {
      if ((!existing || existing[name] === null) && out[name] === undefined && value !== null) out[name] = value;
    }
    for (const kind of ['phone', 'email'] as const) {
      const id = profile.identifiers.find((i) => i.kind === kind);
      if ((!existing || existing[kind] === null) && out[kind] === undefined && id) out[kind] = id.value;
    }
    return out;
  }
}

/** Stats of a customer, zeros when they have none yet. */
export function toStats(row: StatsRow | undefined): CustomerStats {
  return {
    ordersCount: row?.orders_count ?? 0,
    orderDays: row?.order_days ?? 0,
    revenue: row?.revenue ?? 0,
    avgCheck: row?.avg_check ?? 0,
    firstOrderAt: row?.first_order_at ?? null,
    lastOrderAt: row?.last_order_at ?? null,
    lastActivityAt: row?.last_activity_at ?? null,
  };
}

// The identifiers a bare value may be: an e-mail, a phone, else a card or an external id.
function guessIdentifier(raw: string, region: string): { ok: true; ids: Identifier[] } | { ok: false; reason: string } {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'empty' };
  if (text.includes('@')) {
    const email = normalizeIdentifier('email', text, region);
    return email.ok ? { ok: true, ids: [{ kind: 'email', value: email.value }] } : { ok: false, reason: email.reason };
  }
  const ids: Identifier[] = [];
  if (text.replace(/\D/g, '').length >= 10) {
    const phone = normalizeIdentifier('phone', text, region);
    if (phone.ok) ids.push({ kind: 'phone', value: phone.value });
  }
  for (const kind of ['card', 'external_id'] as const) {
    const id = normalizeIdentifier(kind, text, region);
    if (id.ok) ids.push({ kind, value: id.value });
  }
  return ids.length > 0 ? { ok: true, ids } : { ok: false, reason: `"${text}" is not a phone, e-mail, card or id` };
}
