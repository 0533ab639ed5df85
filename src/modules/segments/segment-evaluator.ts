import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { readJson } from '../../platform/db/normalize.js';
import { localDayNumber } from '../../platform/time.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';
import { countValues, referencedSegments } from './rule-check.js';
import { changeKinds, dependencyMask, timeSources } from './rule-deps.js';
import { type RuleContext, ruleSql } from './rule-sql.js';
import { cartEvents } from './rule-sql-activity.js';
import { scannedConditions } from './activity-scans.js';
import { activityAmong, countActivity } from './activity-counts.js';
import { ChangeFeedRepo, type FeedPosition, feedStart, positionAfter, samePosition } from './change-feed.repo.js';
import { SegmentQueryRepo } from './segment-query.repo.js';
import { type RuleGroup, ruleGroupSchema } from './segment-rules.schemas.js';
import { type SegmentRow, SegmentsRepo } from './segments.repo.js';

// Keeps saved segments' members current (docs/segments.md):
// - rebuild: every member from scratch (a new or changed rule), applied as a difference, then the
//   customers that changed meanwhile are checked again;
// - evaluateChanges: the customers on customer_changes since the workspace's cursor, against only
//   the segments whose conditions read what changed. The evaluation only reads, outside any write
//   transaction (on SQLite a write transaction holds the one writer that ingestion needs); the
//   differences are then applied in short transactions that first check the cursor has not moved,
//   and the last one moves it. A write made between the evaluation and the apply is on the feed
//   after the changes read, so the next pass evaluates its customer again;
// - sweep: customers who crossed a threshold of a condition relative to now since the last sweep.

// Customers evaluated per statement (bound as one value: inIds).
const evalChunk = 1000;
// Changes read per pass.
const changesPerPass = 5000;
// How long a pass may hold a workspace before another process may take it over.
const passLeaseMs = 120_000;

/** Who enters and who exits one segment. */
interface Difference {
  enter: number[];
  exit: number[];
}

/** A pass over a workspace's changes, evaluated and not yet applied (planChanges, applyPlanned). */
export interface PlannedPass {
  workspaceId: string;
  /** The cursor's position the changes were read after. */
  from: FeedPosition;
  /** The last change read. */
  to: FeedPosition;
  /** How many changes were read. */
  read: number;
  /** The changed customers with what changed about each. */
  kinds: Map<number, number>;
  now: number;
  /** The differences of the segments that name no other segment. */
  independent: Map<string, Difference>;
  /** The changed customers merged into another (with the survivor) or erased: they leave static lists. */
  gone: { id: number; survivor: number | null }[];
}

interface LiveSegment {
  row: SegmentRow;
  rule: RuleGroup;
  mask: number;
  refs: string[];
}

/** The members' keeper; its methods are safe to run again and from several processes. */
export class SegmentEvaluator {
  constructor(
    private readonly db: Db,
    private readonly workspaces: WorkspacesService,
    private readonly clock: Clock,
  ) {}

  private async ctx(workspaceId: string, now: number, customerIds?: readonly number[]): Promise<RuleContext> {
    const ws = await this.workspaces.get(workspaceId);
    return { caps: this.db.caps, workspaceId, now, timezone: ws.timezone, ...(customerIds ? { customerIds } : {}) };
  }

  /** The workspace's dynamic segments, each after the segments its rule names. */
  private async live(repo: SegmentsRepo, workspaceId: string): Promise<LiveSegment[]> {
    const byId = new Map<string, LiveSegment>();
    for (const row of await repo.list(workspaceId)) {
      // A segment whose rule failed to evaluate waits for its rule to change (a rebuild).
      if (row.kind !== 'dynamic' || !row.rule || row.status === 'failed') continue;
      const parsed = ruleGroupSchema.safeParse(readJson<unknown>(row.rule, null));
      if (!parsed.success) continue;
      byId.set(row.id, { row, rule: parsed.data, mask: dependencyMask(parsed.data), refs: referencedSegments(parsed.data) });
    }
    const ordered: LiveSegment[] = [];
    const placed = new Set<string>();
    const place = (s: LiveSegment, depth: number): void => {
      if (placed.has(s.row.id) || depth > 50) return;
      for (const ref of s.refs) {
        const inner = byId.get(ref);
        if (inner) place(inner, depth + 1);
      }
      placed.add(s.row.id);
      ordered.push(s);
    };
    for (const s of byId.values()) place(s, 0);
    return ordered;
  }

  /** Computes a segment's members from scratch and applies the difference; returns the member count. */
  async rebuild(workspaceId: string, segmentId: string): Promise<number> {
    const repo = new SegmentsRepo(this.db.kysely);
    const row = await repo.get(workspaceId, segmentId);
    if (!row || row.kind !== 'dynamic' || !row.rule) return 0;
    const parsed = ruleGroupSchema.safeParse(readJson<unknown>(row.rule, null));
    if (!parsed.success) {
      await repo.update(workspaceId, segmentId, { status: 'failed', error: 'The stored rule cannot be read' });
      return 0;
    }
    const feed = new ChangeFeedRepo(this.db.kysely, this.db.caps);
    const from = await feed.horizon(workspaceId);
    const now = this.clock.now();
    const ctx = await this.ctx(workspaceId, now);
    const matching = await new SegmentQueryRepo(this.db).matchingIds(workspaceId, ruleSql(parsed.data, ctx));
    const current = await repo.memberIds(workspaceId, segmentId);
    const { enter, exit } = sortedDifference(matching, current);
    await this.apply(workspaceId, segmentId, enter, exit, now, ctx.timezone);
    await this.cascade(workspaceId, segmentId, [...enter, ...exit]);
    // Customers whose data changed while the members were computed are checked again.
    const upTo = await feed.horizon(workspaceId);
    if (positionAfter(upTo, from)) await this.evaluateSegment(workspaceId, parsed.data, segmentId, await feed.changedBetween(workspaceId, from, upTo));
    await repo.update(workspaceId, segmentId, { status: 'ready', error: null, built_at: this.clock.now(), swept_until: now });
    return repo.memberCount(workspaceId, segmentId);
  }

  // Re-checks the moved customers against the segments whose rules name this one, and so on down.
  private async cascade(workspaceId: string, segmentId: string, moved: readonly number[], depth = 0): Promise<void> {
    if (moved.length === 0 || depth > 50) return;
    for (const seg of await this.live(new SegmentsRepo(this.db.kysely), workspaceId)) {
      if (!seg.refs.includes(segmentId)) continue;
      const next = await this.evaluateSegment(workspaceId, seg.rule, seg.row.id, moved);
      await this.cascade(workspaceId, seg.row.id, next, depth + 1);
    }
  }

  /** Records a failed rebuild on the segment, so its page says why. */
  async markFailed(workspaceId: string, segmentId: string, error: string): Promise<void> {
    await new SegmentsRepo(this.db.kysely).update(workspaceId, segmentId, { status: 'failed', error });
  }

  private async apply(workspaceId: string, segmentId: string, enter: number[], exit: number[], now: number, timezone: string): Promise<void> {
    const day = localDayNumber(now, timezone);
    const step = 5000;
    for (let i = 0; i < Math.max(enter.length, exit.length); i += step) {
      await this.db.kysely.transaction().execute((trx) =>
        new SegmentsRepo(trx).applyChanges(workspaceId, segmentId, enter.slice(i, i + step), exit.slice(i, i + step), now, day),
      );
    }
  }

  // Evaluates one segment for some customers (reads only), then applies the difference in one
  // short transaction; returns who moved.
  private async evaluateSegment(workspaceId: string, rule: RuleGroup, segmentId: string, ids: readonly number[]): Promise<number[]> {
    const now = this.clock.now();
    const difference = await this.differenceOf(workspaceId, rule, segmentId, ids, now);
    if (difference.enter.length === 0 && difference.exit.length === 0) return [];
    const day = localDayNumber(now, (await this.workspaces.get(workspaceId)).timezone);
    return this.db.kysely.transaction().execute(async (trx) => {
      const done = await new SegmentsRepo(trx).applyChanges(workspaceId, segmentId, difference.enter, difference.exit, now, day);
      return [...done.entered, ...done.exited];
    });
  }

  // Who of `ids` should enter and exit one segment, by its rule now: reads only.
  private async differenceOf(workspaceId: string, rule: RuleGroup, segmentId: string, ids: readonly number[], now: number): Promise<Difference> {
    const repo = new SegmentsRepo(this.db.kysely);
    const query = new SegmentQueryRepo(this.db);
    const out: Difference = { enter: [], exit: [] };
    const conditions = scannedConditions(rule);
    const counted = await countActivity(this.db, await this.ctx(workspaceId, now), [{ conditions, ids }]);
    for (let i = 0; i < ids.length; i += evalChunk) {
      if (i > 0) await yieldToEventLoop();
      const part = ids.slice(i, i + evalChunk);
      const ctx = { ...(await this.ctx(workspaceId, now, part)), activity: activityAmong(conditions, counted, part) };
      const matching = await query.matchingAmong(workspaceId, ruleSql(rule, ctx), part);
      const current = await repo.membersAmong(workspaceId, segmentId, part);
      for (const id of part) {
        if (matching.has(id) && !current.has(id)) out.enter.push(id);
        else if (current.has(id) && !matching.has(id)) out.exit.push(id);
      }
    }
    return out;
  }

  /**
   * Takes the next changes of a workspace's customers off its feed and re-evaluates them against
   * the segments that read what changed, then moves the cursor; while `more()` says so, goes on with
   * the next changes under the same lease (renewed halfway), so a busy feed costs no lease write per
   * pass. Returns how many changes were read: 0 when none is waiting, -1 when another process holds
   * the workspace or moved its cursor meanwhile.
   */
  async evaluateChanges(workspaceId: string, more: () => boolean = () => false): Promise<number> {
    const consumer = feedConsumer(workspaceId);
    const feed = new ChangeFeedRepo(this.db.kysely, this.db.caps);
    // Nothing waiting costs no write (the loop asks several times a second).
    const position = await feed.position(consumer);
    if ((await feed.customerChanges(workspaceId, position, 1)).length === 0) return 0;
    let lease = await feed.lease(consumer, this.clock.now(), passLeaseMs);
    if (lease === null) return -1;
    let total = 0;
    try {
      for (;;) {
        const pass = await this.planChanges(workspaceId);
        if (pass === null) return total;
        const read = await this.applyPlanned(pass);
        if (read < 0) return total > 0 ? total : -1;
        total += read;
        if (!more()) return total;
        if (this.clock.now() > lease - passLeaseMs / 2) {
          const renewed = await feed.renew(consumer, lease, this.clock.now(), passLeaseMs);
          if (renewed === null) return total;
          lease = renewed;
        }
      }
    } finally {
      await feed.release(consumer, lease, this.clock.now());
    }
  }

  /**
   * Whether any committed change of a workspace's customers waits after its cursor, including, on
   * PostgreSQL, ones not yet settled (an older transaction still open), which no pass reads yet.
   */
  async changesWaiting(workspaceId: string): Promise<boolean> {
    const feed = new ChangeFeedRepo(this.db.kysely, this.db.caps);
    return (await feed.seenChanges(workspaceId, await feed.position(feedConsumer(workspaceId)), 1)).length > 0;
  }

  /**
   * Reads the next changes of a workspace and evaluates the segments that name no other segment for
   * their customers, writing nothing; null when no change is waiting. applyPlanned applies it.
   */
  async planChanges(workspaceId: string): Promise<PlannedPass | null> {
    const feed = new ChangeFeedRepo(this.db.kysely, this.db.caps);
    const from = await feed.position(feedConsumer(workspaceId));
    const changes = await feed.customerChanges(workspaceId, from, changesPerPass);
    const last = changes[changes.length - 1];
    if (!last) return null;
    const now = this.clock.now();
    const kinds = new Map<number, number>();
    for (const c of changes) kinds.set(c.customer_id, (kinds.get(c.customer_id) ?? 0) | c.kinds);
    const changedKinds = [...kinds.values()].reduce((a, k) => a | k, 0);
    const segments = await this.live(new SegmentsRepo(this.db.kysely), workspaceId);
    // Segments that name no other segment are evaluated together, a column each in one pass.
    const together = segments.filter((s) => s.refs.length === 0 && (s.mask & changedKinds) !== 0);
    const independent = await this.evaluateMany(workspaceId, together, kinds, now);
    // Merges and erasures change the customer row; they are never undone, so reading them before
    // the apply's transaction is safe (a later one is a change after this pass's).
    const profiles = [...kinds].filter(([, k]) => (k & changeKinds.profile) !== 0).map(([id]) => id);
    const gone = await new SegmentsRepo(this.db.kysely).goneCustomers(this.db.caps, workspaceId, profiles);
    return { workspaceId, from, to: { tx: last.tx, id: last.id }, read: changes.length, kinds, now, independent, gone };
  }

  /**
   * Applies a planned pass: the independent segments' differences, then each segment that names
   * others, evaluated once those it names are applied, and moves the cursor past the changes read.
   * Each write is a short transaction that first checks the cursor is still where the pass read it,
   * so a pass planned from a position another pass has since moved past applies nothing (-1).
   * Returns how many changes were read.
   */
  async applyPlanned(pass: PlannedPass): Promise<number> {
    const { workspaceId, kinds, now } = pass;
    const day = localDayNumber(now, (await this.workspaces.get(workspaceId)).timezone);
    const segments = await this.live(new SegmentsRepo(this.db.kysely), workspaceId);
    const dependent = segments.filter((s) => s.refs.length > 0);
    // A segment naming others is re-checked for every customer whose change any of them reads (so a
    // pass that stopped between two writes loses no one who moved in a segment it names).
    const masks = new Map<string, number>();
    for (const s of segments) masks.set(s.row.id, s.refs.reduce((m, ref) => m | (masks.get(ref) ?? 0), s.mask));
    const changed = [...kinds.keys()];
    if (!(await this.commitPass(pass, pass.independent, day, dependent.length === 0))) return -1;
    for (const [i, seg] of dependent.entries()) {
      const mask = masks.get(seg.row.id) ?? seg.mask;
      const ids = changed.filter((id) => ((kinds.get(id) ?? 0) & mask) !== 0);
      const difference = ids.length > 0 ? await this.differenceOf(workspaceId, seg.rule, seg.row.id, ids, now) : { enter: [], exit: [] };
      if (!(await this.commitPass(pass, new Map([[seg.row.id, difference]]), day, i === dependent.length - 1))) return -1;
    }
    return pass.read;
  }

  // One short write of a pass: checks the cursor is still where the pass read it, applies the
  // differences (segments in id order, members in id order, so concurrent writers lock rows alike)
  // and, for the last write, lets merged and erased customers leave static lists and moves the cursor.
  private async commitPass(pass: PlannedPass, differences: Map<string, Difference>, day: number, last: boolean): Promise<boolean> {
    const { workspaceId, now } = pass;
    const work = [...differences].filter(([, d]) => d.enter.length > 0 || d.exit.length > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (work.length === 0 && !last) return true;
    return this.db.kysely.transaction().execute(async (trx) => {
      const feed = new ChangeFeedRepo(trx, this.db.caps);
      const consumer = feedConsumer(workspaceId);
      const at = await feed.cursor(consumer, feedStart, now, true);
      if (at === null || !samePosition(at, pass.from)) return false;
      const repo = new SegmentsRepo(trx);
      for (const [segmentId, d] of work) await repo.applyChanges(workspaceId, segmentId, d.enter, d.exit, now, day);
      if (last) {
        await this.leaveStaticLists(repo, workspaceId, pass.gone, now);
        await feed.advance(consumer, pass.to, now);
      }
      return true;
    });
  }

  // Evaluates several segments for the changed customers, reading only. Segments that read the same
  // kinds of change are evaluated together (groups packed so a statement's bound values stay well
  // under SQLite's limit), each group for the customers whose change it reads: one query per slice
  // of them, with a column per segment, plus one read of who is in which.
  private async evaluateMany(workspaceId: string, segments: LiveSegment[], kinds: ReadonlyMap<number, number>, now: number): Promise<Map<string, Difference>> {
    const out = new Map<string, Difference>(segments.map((s) => [s.row.id, { enter: [], exit: [] }]));
    const repo = new SegmentsRepo(this.db.kysely);
    const query = new SegmentQueryRepo(this.db);
    const budget = 15_000;
    const groups: LiveSegment[][] = [];
    let group: LiveSegment[] = [];
    let cost = 0;
    for (const seg of [...segments].sort((a, b) => a.mask - b.mask)) {
      const own = countValues(seg.rule) + 20;
      if (group.length > 0 && (cost + own > budget || group.length >= 25 || group[0]?.mask !== seg.mask)) {
        groups.push(group);
        group = [];
        cost = 0;
      }
      group.push(seg);
      cost += own;
    }
    if (group.length > 0) groups.push(group);
    const work = groups.map((g) => {
      const mask = g[0]?.mask ?? 0;
      return { segments: g, ids: [...kinds].filter(([, k]) => (k & mask) !== 0).map(([id]) => id), conditions: g.flatMap((s) => scannedConditions(s.rule)) };
    });
    // Every group's event and purchase conditions over the same rows are counted in one scan, and
    // who is in which segment is read once for every customer evaluated.
    const counted = await countActivity(this.db, await this.ctx(workspaceId, now), work);
    const evaluated = [...new Set(work.flatMap((w) => w.ids))];
    const current = await repo.membershipsOf(this.db.caps, workspaceId, evaluated);
    for (const { segments: g, ids, conditions } of work) {
      for (let i = 0; i < ids.length; i += evalChunk) {
        // On SQLite each statement holds this thread: let waiting requests in between.
        await yieldToEventLoop();
        const part = ids.slice(i, i + evalChunk);
        const ctx = { ...(await this.ctx(workspaceId, now, part)), activity: activityAmong(conditions, counted, part) };
        const matching = await query.matchingManyAmong(workspaceId, g.map((s) => ruleSql(s.rule, ctx)), part);
        for (const [k, seg] of g.entries()) {
          const match = matching[k] ?? new Set<number>();
          const members = current.get(seg.row.id) ?? new Set<number>();
          const d = out.get(seg.row.id);
          if (!d) continue;
          for (const id of part) {
            if (match.has(id) && !members.has(id)) d.enter.push(id);
            else if (members.has(id) && !match.has(id)) d.exit.push(id);
          }
        }
      }
    }
    return out;
  }

  /**
   * After a pass failed: evaluates each live segment on its own against the waiting changes and
   * marks the ones that fail as failed (with the error on the segment), so one bad segment cannot
   * hold up every other. Returns the segments marked.
   */
  async isolateFailures(workspaceId: string): Promise<string[]> {
    const feed = new ChangeFeedRepo(this.db.kysely, this.db.caps);
    const cursor = await feed.position(feedConsumer(workspaceId));
    const ids = [...new Set((await feed.customerChanges(workspaceId, cursor, changesPerPass)).map((c) => c.customer_id))];
    const failed: string[] = [];
    const query = new SegmentQueryRepo(this.db);
    for (const seg of await this.live(new SegmentsRepo(this.db.kysely), workspaceId)) {
      try {
            for (let i = 0; i < ids.length; i += evalChunk) {
          const part = ids.slice(i, i + evalChunk);
          await query.matchingAmong(workspaceId, ruleSql(seg.rule, await this.ctx(workspaceId, this.clock.now(), part)), part);
        }
      } catch (error) {
        await this.markFailed(workspaceId, seg.row.id, `The rule could not be evaluated: ${error instanceof Error ? error.message : String(error)}`);
        failed.push(seg.row.id);
      }
    }
    return failed;
  }

  // Merged and erased customers leave static lists; a merged one's survivor takes its place.
  private async leaveStaticLists(repo: SegmentsRepo, workspaceId: string, gone: PlannedPass['gone'], now: number): Promise<void> {
    if (gone.length === 0) return;
    const day = localDayNumber(now, (await this.workspaces.get(workspaceId)).timezone);
    for (const seg of await repo.list(workspaceId)) {
      if (seg.kind !== 'static') continue;
      const members = await repo.membersAmong(workspaceId, seg.id, gone.map((g) => g.id));
      if (members.size === 0) continue;
      const survivors = gone.filter((g) => members.has(g.id) && g.survivor !== null).map((g) => g.survivor ?? 0);
      await repo.applyChanges(workspaceId, seg.id, await repo.liveCustomers(workspaceId, survivors), [...members], now, day);
    }
  }

  /**
   * Moves customers whose membership changed only because time passed since the segment's last
   * sweep: those who crossed one of its thresholds (range scans), or, for rules on calendar days,
   * everyone once the day changes. Returns how many customers were checked.
   */
  async sweep(workspaceId: string, segmentId: string): Promise<number> {
    const repo = new SegmentsRepo(this.db.kysely);
    const row = await repo.get(workspaceId, segmentId);
    if (!row || row.kind !== 'dynamic' || !row.rule || row.status !== 'ready') return 0;
    const parsed = ruleGroupSchema.safeParse(readJson<unknown>(row.rule, null));
    if (!parsed.success) return 0;
    const sources = timeSources(parsed.data, cartEvents);
    const t0 = row.swept_until ?? row.created_at;
    const t1 = this.clock.now();
    if (sources.length === 0 || t1 <= t0) {
      await repo.update(workspaceId, segmentId, { swept_until: t1 });
      return 0;
    }
    const tz = (await this.workspaces.get(workspaceId)).timezone;
    if (sources.some((s) => s.on === 'daily') && localDayNumber(t0, tz) !== localDayNumber(t1, tz)) {
      await this.rebuild(workspaceId, segmentId);
      return Number(row.member_count);
    }
    const query = new SegmentQueryRepo(this.db);
    const ids = new Set<number>();
    for (const source of sources) {
      if (source.on === 'daily') continue;
      for (const id of await query.crossing(workspaceId, source, t0, t1, tz)) ids.add(id);
    }
    const moved = await this.evaluateSegment(workspaceId, parsed.data, segmentId, [...ids]);
    await this.cascade(workspaceId, segmentId, moved);
    await repo.update(workspaceId, segmentId, { swept_until: t1 });
    return ids.size;
  }
}

/** The change feed's reader of a workspace's segments. */
export function feedConsumer(workspaceId: string): string {
  return `segments:${workspaceId}`;
}

// Lets the event loop run what waits (on SQLite every statement holds this thread until it ends).
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** What enters and what exits, from two ascending id lists. */
export function sortedDifference(next: readonly number[], current: readonly number[]): { enter: number[]; exit: number[] } {
  const enter: number[] = [];
  const exit: number[] = [];
  let i = 0;
  let j = 0;
  while (i < next.length || j < current.length) {
    const a = next[i];
    const b = current[j];
    if (b === undefined || (a !== undefined && a < b)) {
      if (a !== undefined) enter.push(a);
      i++;
    } else if (a === undefined || b < a) {
      exit.push(b);
      j++;
    } else {
      i++;
      j++;
    }
  }
  return { enter, exit };
}
