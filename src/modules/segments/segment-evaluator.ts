import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { readJson } from '../../platform/db/normalize.js';
import { localDayNumber } from '../../platform/time.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';
import { activityConditions, countValues, referencedSegments } from './rule-check.js';
import { dependencyMask, timeSources } from './rule-deps.js';
import { type RuleContext, ruleSql } from './rule-sql.js';
import { cartEvents } from './rule-sql-activity.js';
import { ChangeFeedRepo } from './change-feed.repo.js';
import { SegmentQueryRepo } from './segment-query.repo.js';
import { type RuleGroup, ruleGroupSchema } from './segment-rules.schemas.js';
import { type SegmentRow, SegmentsRepo } from './segments.repo.js';

// Keeps saved segments' members current (docs/segments.md):
// - rebuild: every member from scratch (a new or changed rule), applied as a difference, then the
//   customers that changed meanwhile are checked again;
// - evaluateChanges: the customers on customer_changes since the workspace's cursor, against only
//   the segments whose conditions read what changed, in one transaction with the cursor's move;
// - sweep: customers who crossed a threshold of a condition relative to now since the last sweep.

// Customers evaluated per statement.
const evalChunk = 1000;
// Changes read per pass.
const changesPerPass = 5000;

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
    if (upTo > from) await this.evaluateSegment(workspaceId, parsed.data, segmentId, await feed.changedBetween(workspaceId, from, upTo), this.db.kysely);
    await repo.update(workspaceId, segmentId, { status: 'ready', error: null, built_at: this.clock.now(), swept_until: now });
    return repo.memberCount(workspaceId, segmentId);
  }

  // Re-checks the moved customers against the segments whose rules name this one, and so on down.
  private async cascade(workspaceId: string, segmentId: string, moved: readonly number[], depth = 0): Promise<void> {
    if (moved.length === 0 || depth > 50) return;
    for (const seg of await this.live(new SegmentsRepo(this.db.kysely), workspaceId)) {
      if (!seg.refs.includes(segmentId)) continue;
      const next = await this.evaluateSegment(workspaceId, seg.rule, seg.row.id, moved, this.db.kysely);
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

  // Evaluates one segment for some customers and applies the difference; returns who moved.
  private async evaluateSegment(workspaceId: string, rule: RuleGroup, segmentId: string, ids: readonly number[], db: Db['kysely']): Promise<number[]> {
    const moved: number[] = [];
    const repo = new SegmentsRepo(db);
    const query = new SegmentQueryRepo({ ...this.db, kysely: db });
    const now = this.clock.now();
    // Each event or order condition repeats the ids in its subquery: keep a statement's bound
    // values well under SQLite's 32,766.
    const step = evalStep(rule);
    for (let i = 0; i < ids.length; i += step) {
      const part = ids.slice(i, i + step);
      const ctx = await this.ctx(workspaceId, now, part);
      const matching = await query.matchingAmong(workspaceId, ruleSql(rule, ctx), part);
      const current = await repo.membersAmong(workspaceId, segmentId, part);
      const enter = part.filter((id) => matching.has(id) && !current.has(id));
      const exit = part.filter((id) => current.has(id) && !matching.has(id));
      if (enter.length === 0 && exit.length === 0) continue;
      const done = await repo.applyChanges(workspaceId, segmentId, enter, exit, now, localDayNumber(now, ctx.timezone));
      moved.push(...done.entered, ...done.exited);
    }
    return moved;
  }

  /**
   * Takes the next changes of a workspace's customers off its feed and re-evaluates them against
   * the segments that read what changed, moving the cursor in the same transaction; returns how many
   * changes were read: 0 when none is waiting, -1 when another process holds the workspace.
   */
  async evaluateChanges(workspaceId: string): Promise<number> {
    return this.db.kysely.transaction().execute(async (trx) => {
      const feed = new ChangeFeedRepo(trx, this.db.caps);
      const consumer = `segments:${workspaceId}`;
      const now = this.clock.now();
      const cursor = await feed.cursor(consumer, 0, now, true);
      if (cursor === null) return -1;
      const changes = await feed.customerChanges(workspaceId, cursor, changesPerPass);
      if (changes.length === 0) return 0;
      const kinds = new Map<number, number>();
      for (const c of changes) kinds.set(c.customer_id, (kinds.get(c.customer_id) ?? 0) | c.kinds);
      const repo = new SegmentsRepo(trx);
      const moved = new Map<string, number[]>();
      const segments = await this.live(repo, workspaceId);
      // Segments that name no other segment are evaluated together, a column each in one pass.
      const changedKinds = [...kinds.values()].reduce((a, k) => a | k, 0);
      const together = segments.filter((s) => s.refs.length === 0 && (s.mask & changedKinds) !== 0);
      for (const [id, list] of await this.evaluateMany(workspaceId, together, [...kinds.keys()], trx, now)) moved.set(id, list);
      for (const seg of segments) {
        if (seg.refs.length === 0) continue;
        const ids = new Set<number>();
        for (const [id, k] of kinds) if (k & seg.mask) ids.add(id);
        for (const ref of seg.refs) for (const id of moved.get(ref) ?? []) ids.add(id);
        if (ids.size === 0) continue;
        moved.set(seg.row.id, await this.evaluateSegment(workspaceId, seg.rule, seg.row.id, [...ids], trx));
      }
      await this.leaveStaticLists(repo, workspaceId, [...kinds.keys()], now);
      const last = changes[changes.length - 1];
      if (last) await feed.advance(consumer, last.id, now);
      return changes.length;
    });
  }

  // Evaluates several segments for the same customers: each group of segments (packed so a
  // statement's bound values stay well under SQLite's limit) is one query per slice of customers,
  // plus one read of who is in which; then each segment's difference is applied.
  private async evaluateMany(workspaceId: string, segments: LiveSegment[], ids: readonly number[], db: Db['kysely'], now: number): Promise<Map<string, number[]>> {
    const moved = new Map<string, number[]>();
    const repo = new SegmentsRepo(db);
    const query = new SegmentQueryRepo({ ...this.db, kysely: db });
    const budget = 15_000;
    const groups: LiveSegment[][] = [];
    let group: LiveSegment[] = [];
    let cost = 0;
    for (const seg of segments) {
      const own = countValues(seg.rule) + activityConditions(seg.rule) * 50 + 20;
      if (group.length > 0 && (cost + own > budget || group.length >= 25)) {
        groups.push(group);
        group = [];
        cost = 0;
      }
      group.push(seg);
      cost += own;
    }
    if (group.length > 0) groups.push(group);
    const day = localDayNumber(now, (await this.workspaces.get(workspaceId)).timezone);
    for (const g of groups) {
      const values = g.reduce((n, s) => n + countValues(s.rule) + 20, 0);
      const activity = g.reduce((n, s) => n + activityConditions(s.rule), 0);
      const step = Math.max(20, Math.min(evalChunk, Math.floor(Math.max(0, budget - values) / (activity + 1))));
      for (let i = 0; i < ids.length; i += step) {
        const part = ids.slice(i, i + step);
        const ctx = await this.ctx(workspaceId, now, part);
        const matching = await query.matchingManyAmong(workspaceId, g.map((s) => ruleSql(s.rule, ctx)), part);
        const current = await repo.membershipsAmong(workspaceId, g.map((s) => s.row.id), part);
        for (const [k, seg] of g.entries()) {
          const match = matching[k] ?? new Set<number>();
          const members = current.get(seg.row.id) ?? new Set<number>();
          const enter = part.filter((id) => match.has(id) && !members.has(id));
          const exit = part.filter((id) => members.has(id) && !match.has(id));
          if (enter.length === 0 && exit.length === 0) continue;
          const done = await repo.applyChanges(workspaceId, seg.row.id, enter, exit, now, day);
          moved.set(seg.row.id, [...(moved.get(seg.row.id) ?? []), ...done.entered, ...done.exited]);
        }
      }
    }
    return moved;
  }

  /**
   * After a pass failed: evaluates each live segment on its own against the waiting changes and
   * marks the ones that fail as failed (with the error on the segment), so one bad segment cannot
   * hold up every other. Returns the segments marked.
   */
  async isolateFailures(workspaceId: string): Promise<string[]> {
    const feed = new ChangeFeedRepo(this.db.kysely, this.db.caps);
    const cursor = (await feed.cursor(`segments:${workspaceId}`, 0, this.clock.now())) ?? 0;
    const ids = [...new Set((await feed.customerChanges(workspaceId, cursor, changesPerPass)).map((c) => c.customer_id))];
    const failed: string[] = [];
    const query = new SegmentQueryRepo(this.db);
    for (const seg of await this.live(new SegmentsRepo(this.db.kysely), workspaceId)) {
      try {
        const step = evalStep(seg.rule);
        for (let i = 0; i < ids.length; i += step) {
          const part = ids.slice(i, i + step);
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
  private async leaveStaticLists(repo: SegmentsRepo, workspaceId: string, ids: number[], now: number): Promise<void> {
    const gone = await repo.goneCustomers(workspaceId, ids);
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
    const moved = await this.evaluateSegment(workspaceId, parsed.data, segmentId, [...ids], this.db.kysely);
    await this.cascade(workspaceId, segmentId, moved);
    await repo.update(workspaceId, segmentId, { swept_until: t1 });
    return ids.size;
  }
}

// Customers per statement for one rule: each event or order condition repeats the ids in its
// subquery, so a statement's bound values stay well under SQLite's 32,766.
function evalStep(rule: RuleGroup): number {
  return Math.max(50, Math.min(evalChunk, Math.floor(15_000 / (activityConditions(rule) + 1))));
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
