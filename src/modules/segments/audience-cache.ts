import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { type ColumnSpec, type FlagSpec, MAX_RULE_TRAITS, ruleColumns, type SqlColumn, tableGroup } from './audience-columns.js';
import { evaluateRule, type Mask } from './audience-eval.js';
import { AudienceIndex, DictionaryColumn, FlagColumn, NumberColumn, TraitColumn } from './audience-index.js';
import { AudienceRepo, type CustomerColumns, type ReadColumn } from './audience.repo.js';
import { ChangeFeedRepo, type FeedPosition } from './change-feed.repo.js';
import { activityMembers } from './rule-sql-activity.js';
import type { RuleContext } from './rule-sql.js';
import type { Condition, RuleGroup } from './segment-rules.schemas.js';

// The audience index of each workspace that previews rules, kept current before every answer:
// the customers changed since the index last looked (customer_changes, written by triggers on
// every table a rule reads) are read again. The feed keeps changes for an hour after its reader
// passes them (segments.jobs.ts), so an index that has not looked for half that long is built
// again rather than trusted. A few workspaces are kept, the least recently used dropped first;
// an index costs about 8 bytes per customer per number column and 4 per text column.

const chunkRows = 50_000;
const changesPage = 10_000;
/** More changed customers than this since the last look: build the index again. */
const rebuildAbove = 200_000;
/** An index not refreshed for this long may have missed pruned changes: build it again. */
const staleAfterMs = 30 * 60_000;
/** Workspaces whose index is kept. */
const keptWorkspaces = 4;
const sampleSize = 20;

/** What a preview reads from the index: matches, their revenue, the totals, and the newest matching ids. */
export interface AudienceAnswer {
  count: number;
  revenue: number;
  total: number;
  totalRevenue: number;
  sampleIds: number[];
}

interface Entry {
  index: AudienceIndex;
  specs: Map<string, ColumnSpec>;
  cursor: FeedPosition;
  refreshedAt: number;
  refreshedMono: number;
  usedMono: number;
}

/** Audience indexes by workspace, for previews. */
export class AudienceCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(private readonly db: Db, private readonly clock: Clock) {}

  private repo(): AudienceRepo {
    return new AudienceRepo(this.db);
  }

  private feed(): ChangeFeedRepo {
    return new ChangeFeedRepo(this.db.kysely, this.db.caps);
  }

  /** Counts a rule over the workspace's live customers, with a sample of the newest matching ids. */
  async answer(rule: RuleGroup, ctx: RuleContext): Promise<AudienceAnswer> {
    // One answer at a time per workspace: refreshing and loading columns change the index.
    const previous = this.pending.get(ctx.workspaceId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.answerNow(rule, ctx));
    this.pending.set(ctx.workspaceId, run);
    try {
      return await run;
    } finally {
      if (this.pending.get(ctx.workspaceId) === run) this.pending.delete(ctx.workspaceId);
    }
  }

  private async answerNow(rule: RuleGroup, ctx: RuleContext): Promise<AudienceAnswer> {
    const specs = ruleColumns(rule);
    let entry = this.usable(ctx.workspaceId);
    if (!entry) entry = await this.build(ctx.workspaceId, specs);
    else await this.load(ctx.workspaceId, entry, specs);
    if (!(await this.refresh(ctx.workspaceId, entry))) entry = await this.build(ctx.workspaceId, [...entry.specs.values(), ...specs]);
    const index = entry.index;
    const sets = await this.sets(rule, ctx, index);
    const mask = evaluateRule(index, rule, ctx, sets);
    return summarise(index, mask);
  }

  // The workspace's index when it can still be trusted, else null (dropped).
  private usable(workspaceId: string): Entry | null {
    const now = performance.now();
    for (const [ws, e] of this.entries) if (now - e.usedMono > staleAfterMs) this.entries.delete(ws);
    const entry = this.entries.get(workspaceId);
    if (!entry) return null;
    if (now - entry.refreshedMono > staleAfterMs || Math.abs(this.clock.now() - entry.refreshedAt) > staleAfterMs) {
      this.entries.delete(workspaceId);
      return null;
    }
    entry.usedMono = now;
    return entry;
  }

  private async build(workspaceId: string, specs: readonly ColumnSpec[]): Promise<Entry> {
    this.entries.delete(workspaceId);
    // Changes at or before the horizon are committed, so the rows read next include them; later
    // ones are read again by the next refresh.
    const cursor = await this.feed().horizon(workspaceId);
    const entry: Entry = {
      index: new AudienceIndex(), specs: new Map(), cursor, refreshedAt: this.clock.now(), refreshedMono: performance.now(), usedMono: performance.now(),
    };
    // The rows come with the customers' own columns when the rule reads any (one scan instead of two).
    const first = specs.find((s): s is SqlColumn => s.source === 'sql' && s.table === 'customers');
    const read = first ? tableGroup(first) : [];
    const repo = this.repo();
    for (const s of read) {
      addColumn(entry.index, s, repo.foldsText());
      entry.specs.set(s.key, s);
    }
    let after = 0;
    for (;;) {
      const rows = await repo.chunk(workspaceId, read, after, chunkRows);
      for (const r of rows) put(entry.index, read, r);
      if (rows.length < chunkRows) break;
      after = rows[rows.length - 1]?.id ?? after;
    }
    await this.load(workspaceId, entry, specs);
    while (this.entries.size >= keptWorkspaces) {
      const oldest = [...this.entries.entries()].sort((a, b) => a[1].usedMono - b[1].usedMono)[0];
      if (!oldest) break;
      this.entries.delete(oldest[0]);
    }
    this.entries.set(workspaceId, entry);
    return entry;
  }

  // Columns the index does not hold yet, read for every row it has: one scan per table, with the
  // other columns of the same table (audience-columns.ts tableGroup).
  private async load(workspaceId: string, entry: Entry, specs: readonly ColumnSpec[]): Promise<void> {
    const index = entry.index;
    const repo = this.repo();
    const wanted = new Map<string, ColumnSpec>();
    for (const s of specs) {
      const group = s.source === 'sql' ? tableGroup(s) : [s];
      for (const g of group) if (!entry.specs.has(g.key)) wanted.set(g.key, g);
    }
    if (wanted.size === 0) return;
    this.forgetTraits(entry, specs, [...wanted.values()].filter((s) => s.source === 'trait').length);
    for (const table of ['customers', 'stats', 'scores'] as const) {
      const read = [...wanted.values()].filter((s): s is ReadColumn => (s.source === 'sql' && s.table === table) || (s.source === 'trait' && table === 'customers'));
      if (read.length === 0) continue;
      const columns = read.map((s) => addColumn(index, s, repo.foldsText()));
      let after = 0;
      for (;;) {
        const rows = await repo.tableChunk(workspaceId, table, read, after, chunkRows);
        for (const r of rows) {
          // A customer the index has not seen yet comes with the next refresh, all columns at once.
          const row = index.rowOf.get(r.id);
          if (row !== undefined) columns.forEach((c, i) => setValue(c, row, r.values[i]));
        }
        if (rows.length < chunkRows) break;
        after = rows[rows.length - 1]?.id ?? after;
      }
    }
    for (const s of wanted.values()) {
      if (s.source !== 'identifier' && s.source !== 'consent') continue;
      const column = index.addColumn(s.key, 'flag');
      if (!(column instanceof FlagColumn)) continue;
      for (const [id, code] of await repo.flags(workspaceId, s)) {
        const row = index.rowOf.get(id);
        if (row !== undefined) column.values[row] = code;
      }
    }
    for (const s of wanted.values()) entry.specs.set(s.key, s);
  }

  // Traits are custom, so a workspace may have any number of them: the index keeps the columns of
  // at most MAX_RULE_TRAITS, forgetting the ones loaded first that this rule does not read.
  private forgetTraits(entry: Entry, reading: readonly ColumnSpec[], adding: number): void {
    const needed = new Set(reading.map((s) => s.key));
    const held = [...entry.specs.values()].filter((s) => s.source === 'trait' && !needed.has(s.key));
    let excess = held.length + reading.filter((s) => s.source === 'trait' && entry.specs.has(s.key)).length + adding - MAX_RULE_TRAITS;
    for (const s of held) {
      if (excess <= 0) break;
      entry.specs.delete(s.key);
      entry.index.columns.delete(s.key);
      excess--;
    }
  }

  // Reads the customers changed since the last look again; false when too many changed (build again).
  // Every change this process can see is read, so a preview shows what SQL shows now, but the cursor
  // moves only past settled ones (change-feed.repo.ts), so a change committed later is never behind it.
  private async refresh(workspaceId: string, entry: Entry): Promise<boolean> {
    const changed = new Set<number>();
    let cursor = entry.cursor;
    let read = entry.cursor;
    let open = false;
    for (;;) {
      const page = await this.feed().seenChanges(workspaceId, read, changesPage);
      for (const c of page) {
        changed.add(c.customerId);
        if (!c.settled) open = true;
        if (!open) cursor = { tx: c.tx, id: c.id };
        read = { tx: c.tx, id: c.id };
      }
      if (changed.size > rebuildAbove) return false;
      if (page.length < changesPage) break;
    }
    const index = entry.index;
    const specs = [...entry.specs.values()];
    const columns = specs.filter((s): s is ReadColumn => s.source !== 'identifier' && s.source !== 'consent');
    const flags = specs.filter((s): s is FlagSpec => s.source === 'identifier' || s.source === 'consent');
    const repo = this.repo();
    const ids = [...changed];
    for (let i = 0; i < ids.length; i += 500) {
      const slice = ids.slice(i, i + 500);
      const rows = await repo.among(workspaceId, columns, slice);
      const seen = new Set<number>();
      for (const r of rows) {
        put(index, columns, r);
        seen.add(r.id);
      }
      for (const id of slice) {
        const row = index.rowOf.get(id);
        if (row !== undefined && !seen.has(id)) index.live[row] = 0;
      }
      for (const spec of flags) {
        const column = index.columns.get(spec.key);
        if (!(column instanceof FlagColumn)) continue;
        for (const id of slice) {
          const row = index.rowOf.get(id);
          if (row !== undefined) column.values[row] = 0;
        }
        for (const [id, code] of await repo.flags(workspaceId, spec, slice)) {
          const row = index.rowOf.get(id);
          if (row !== undefined) column.values[row] = code;
        }
      }
    }
    entry.cursor = cursor;
    entry.refreshedAt = this.clock.now();
    entry.refreshedMono = performance.now();
    return true;
  }

  // The masks of the conditions on what customers did and on other segments: sets of ids from SQL.
  private async sets(rule: RuleGroup, ctx: RuleContext, index: AudienceIndex): Promise<Map<Condition, Mask>> {
    const out = new Map<Condition, Mask>();
    const repo = this.repo();
    const visit = async (group: RuleGroup): Promise<void> => {
      for (const r of group.rules) {
        if (r.kind === 'group') await visit(r);
        else if (r.kind === 'segment') out.set(r, maskOf(index, await repo.segmentMembers(ctx.workspaceId, r.segmentId), !r.member));
        else if (r.kind === 'event' || r.kind === 'purchase' || r.kind === 'cartAbandoned') {
          const members = activityMembers(r, ctx);
          out.set(r, members.kind === 'all' ? new Uint8Array(index.size).fill(1) : maskOf(index, await repo.ids(members.ids), members.kind === 'notIn'));
        }
      }
    };
    await visit(rule);
    return out;
  }
}

function maskOf(index: AudienceIndex, ids: readonly number[], complement: boolean): Mask {
  const mask = new Uint8Array(index.size);
  for (const id of ids) {
    const row = index.rowOf.get(id);
    if (row !== undefined) mask[row] = 1;
  }
  if (complement) for (let i = 0; i < mask.length; i++) mask[i] ^= 1;
  return mask;
}

function addColumn(index: AudienceIndex, spec: ReadColumn, engineFolds: boolean) {
  return index.addColumn(spec.key, spec.source === 'trait' ? 'json' : spec.kind, engineFolds);
}

function setValue(column: ReturnType<typeof addColumn>, row: number, value: unknown): void {
  if (column instanceof DictionaryColumn || column instanceof NumberColumn || column instanceof TraitColumn) column.set(row, value);
}

// A live customer's row, read from SQL, into the index.
function put(index: AudienceIndex, read: readonly ReadColumn[], r: CustomerColumns): void {
  const row = index.row(r.id);
  index.live[row] = 1;
  index.revenue[row] = r.revenue;
  read.forEach((s, i) => {
    const column = index.columns.get(s.key);
    if (column) setValue(column, row, r.values[i]);
  });
}

// Live matches, their revenue, the live totals, and the newest matching ids.
function summarise(index: AudienceIndex, mask: Mask): AudienceAnswer {
  let count = 0;
  let revenue = 0;
  let total = 0;
  let totalRevenue = 0;
  const sample: number[] = [];
  for (let i = 0; i < index.size; i++) {
    if (index.live[i] !== 1) continue;
    total++;
    totalRevenue += index.revenue[i];
    if (mask[i] !== 1) continue;
    count++;
    revenue += index.revenue[i];
    const id = index.ids[i];
    if (sample.length < sampleSize || id > (sample[sample.length - 1] ?? 0)) {
      let at = sample.length;
      while (at > 0 && (sample[at - 1] ?? 0) < id) at--;
      sample.splice(at, 0, id);
      if (sample.length > sampleSize) sample.pop();
    }
  }
  return { count, revenue, total, totalRevenue, sampleIds: sample };
}
