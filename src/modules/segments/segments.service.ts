import type { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { readJson, writeJson } from '../../platform/db/normalize.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import { localDayNumber } from '../../platform/time.js';
import { isoDay } from '../analytics/days.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';
import type { CustomersService } from '../customers/customers.service.js';
import { AudienceCache } from './audience-cache.js';
import { AudienceRepo } from './audience.repo.js';
import { readListFile } from './list-file.js';
import { checkRule, referencedSegments } from './rule-check.js';
import { type RuleContext, ruleSql } from './rule-sql.js';
import { type MemberRow, SegmentQueryRepo } from './segment-query.repo.js';
import { type RuleGroup, ruleGroupSchema } from './segment-rules.schemas.js';
import { listTooLong, segmentCycle, segmentKindMismatch, segmentMissing, segmentRuleRequired } from './segments.errors.js';
import { type SegmentRow, SegmentsRepo } from './segments.repo.js';
import type { memberSchema, previewSchema, segmentInputSchema, segmentPatchSchema, segmentSchema, summarySchema, uploadResultSchema } from './segments.schemas.js';

/** A segment as the API shows it. */
export type Segment = z.infer<typeof segmentSchema>;
/** A member as the API shows it. */
export type Member = z.infer<typeof memberSchema>;
/** What a preview answers. */
export type Preview = z.infer<typeof previewSchema>;

/** The job kind that computes a segment's members in full. */
export const REBUILD_JOB = 'segments.rebuild';
/** Most values a list file may hold. */
export const MAX_LIST_VALUES = 200_000;

/** Saved segments: rules, previews, members, history. The evaluator keeps members current. */
export class SegmentsService {
  constructor(
    private readonly db: Db,
    private readonly workspaces: WorkspacesService,
    private readonly customers: CustomersService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {
    this.audience = new AudienceCache(db, clock);
  }

  /** Live counts read from in-memory columns of each previewed workspace's customers. */
  private readonly audience: AudienceCache;

  private repo(): SegmentsRepo {
    return new SegmentsRepo(this.db.kysely);
  }

  /** The context a rule of the workspace is evaluated in, now. */
  async context(workspaceId: string, customerIds?: readonly number[]): Promise<RuleContext> {
    const ws = await this.workspaces.get(workspaceId);
    return { caps: this.db.caps, workspaceId, now: this.clock.now(), timezone: ws.timezone, ...(customerIds ? { customerIds } : {}) };
  }

  /** Checks a rule against the workspace: its operands, and that the segments it names exist and do not lead back to `selfId`. */
  async checkRule(workspaceId: string, rule: RuleGroup, selfId: string | null): Promise<void> {
    const problems = checkRule(rule);
    if (problems.length > 0) throw new DomainError('validation_failed', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems);
    const repo = this.repo();
    const seen = new Set<string>();
    const visit = async (ids: string[], path: string[]): Promise<void> => {
      for (const id of ids) {
        if (id === selfId) throw segmentCycle([...path, id]);
        if (seen.has(id)) continue;
        seen.add(id);
        const row = await repo.get(workspaceId, id);
        if (!row) throw segmentMissing(id);
        const inner = row.rule ? readJson<RuleGroup | null>(row.rule, null) : null;
        if (inner) await visit(referencedSegments(inner), [...path, id]);
      }
    };
    await visit(referencedSegments(rule), selfId ? [selfId] : []);
  }

  /** How many customers a rule matches now, their share of customers and revenue, and a sample. */
  async preview(workspaceId: string, rule: RuleGroup): Promise<Preview> {
    await this.checkRule(workspaceId, rule, null);
    const started = performance.now();
    const ctx = await this.context(workspaceId);
    const counts = await this.audience.answer(rule, ctx);
    const sample = await new AudienceRepo(this.db).members(workspaceId, counts.sampleIds);
    return {
      count: counts.count,
      share: counts.total > 0 ? counts.count / counts.total : 0,
      revenue: counts.revenue,
      revenueShare: counts.totalRevenue > 0 ? counts.revenue / counts.totalRevenue : 0,
      total: counts.total,
      sample: sample.map(toMember),
      tookMs: Math.round(performance.now() - started),
    };
  }

  /** Every customer a rule matches now, ascending (a full evaluation from scratch). */
  async matchingIds(workspaceId: string, rule: RuleGroup): Promise<number[]> {
    await this.checkRule(workspaceId, rule, null);
    return new SegmentQueryRepo(this.db).matchingIds(workspaceId, ruleSql(rule, await this.context(workspaceId)));
  }

  /** Every member id of a saved segment, ascending. */
  async memberIds(workspaceId: string, id: string): Promise<number[]> {
    await this.row(workspaceId, id);
    return this.repo().memberIds(workspaceId, id);
  }

  /** Saves a segment; a dynamic one starts building its members at once (a job). */
  async create(workspaceId: string, input: z.infer<typeof segmentInputSchema>, userId: string | null): Promise<Segment> {
    const rule = input.rule ?? null;
    if (input.kind === 'dynamic') {
      if (!rule) throw segmentRuleRequired();
      await this.checkRule(workspaceId, rule, null);
    } else if (rule) throw segmentKindMismatch();
    const now = this.clock.now();
    const id = newId('seg');
    await this.db.kysely.transaction().execute(async (trx) => {
      await new SegmentsRepo(trx).insert({
        id, workspace_id: workspaceId, name: input.name, description: input.description ?? null, kind: input.kind,
        rule: rule ? writeJson(rule) : null, status: input.kind === 'dynamic' ? 'building' : 'ready', error: null,
        swept_until: null, built_at: null, created_by: userId, created_at: now, updated_at: now,
      });
      if (input.kind === 'dynamic') await this.enqueueRebuild(workspaceId, id, now, trx);
    });
    this.jobs.wake();
    return this.get(workspaceId, id);
  }

  private async enqueueRebuild(workspaceId: string, id: string, version: number, within?: Db['kysely']): Promise<void> {
    await this.jobs.enqueue(REBUILD_JOB, { segmentId: id }, { workspaceId, idempotencyKey: `${id}:${version}`, ...(within ? { within } : {}) });
  }

  /** Changes a segment's name, description or rule (a new rule rebuilds its members). */
  async update(workspaceId: string, id: string, patch: z.infer<typeof segmentPatchSchema>): Promise<Segment> {
    const row = await this.row(workspaceId, id);
    if (patch.rule && row.kind !== 'dynamic') throw segmentKindMismatch();
    if (patch.rule) await this.checkRule(workspaceId, patch.rule, id);
    const now = this.clock.now();
    await this.db.kysely.transaction().execute(async (trx) => {
      await new SegmentsRepo(trx).update(workspaceId, id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.rule ? { rule: writeJson(patch.rule), status: 'building' } : {}),
        updated_at: now,
      });
      if (patch.rule) await this.enqueueRebuild(workspaceId, id, now, trx);
    });
    this.jobs.wake();
    return this.get(workspaceId, id);
  }

  /** Deletes a segment; refused while another segment's rule names it. */
  async delete(workspaceId: string, id: string): Promise<void> {
    await this.row(workspaceId, id);
    for (const other of await this.repo().list(workspaceId)) {
      const rule = other.rule ? readJson<RuleGroup | null>(other.rule, null) : null;
      if (rule && referencedSegments(rule).includes(id)) {
        throw new DomainError('conflict', `The segment "${other.name}" uses this segment in its rule`, undefined, { code: 'segments.in_use', params: { name: other.name } });
      }
    }
    await this.db.kysely.transaction().execute((trx) => new SegmentsRepo(trx).delete(workspaceId, id));
  }

  /** A stored segment row, or not found. */
  async row(workspaceId: string, id: string): Promise<SegmentRow> {
    const row = await this.repo().get(workspaceId, id);
    if (!row) throw notFound('Segment');
    return row;
  }

  /** A segment with its size and the change of its size over 7 and 30 days. */
  async get(workspaceId: string, id: string): Promise<Segment> {
    return this.present(workspaceId, await this.row(workspaceId, id));
  }

  /** Every segment of the workspace. */
  async list(workspaceId: string): Promise<Segment[]> {
    const rows = await this.repo().list(workspaceId);
    return Promise.all(rows.map((r) => this.present(workspaceId, r)));
  }

  private async present(workspaceId: string, row: SegmentRow): Promise<Segment> {
    const ws = await this.workspaces.get(workspaceId);
    const today = localDayNumber(this.clock.now(), ws.timezone);
    const createdDay = localDayNumber(row.created_at, ws.timezone);
    const repo = this.repo();
    const count = Number(row.member_count);
    const change = async (days: number): Promise<number | null> => (createdDay > today - days ? null : count - (await repo.sizeBefore(row.id, today - days + 1)));
    const rule = row.rule ? ruleGroupSchema.safeParse(readJson<unknown>(row.rule, null)) : null;
    return {
      id: row.id, name: row.name, description: row.description, kind: row.kind === 'static' ? 'static' : 'dynamic',
      rule: rule?.success ? rule.data : null, status: row.status === 'ready' ? 'ready' : row.status === 'failed' ? 'failed' : 'building',
      error: row.error, count, change7: await change(7), change30: await change(30), builtAt: row.built_at, createdAt: row.created_at, updatedAt: row.updated_at,
    };
  }

  /** What the members are: by RFM group, stage and city, consent per channel, their revenue and mean predicted CLV. */
  async summary(workspaceId: string, id: string): Promise<z.infer<typeof summarySchema>> {
    const row = await this.row(workspaceId, id);
    const query = new SegmentQueryRepo(this.db);
    const [byRfm, byStage, byCity, consent, value] = await Promise.all([
      query.membersBy(workspaceId, id, 'rfm_segment', 20), query.membersBy(workspaceId, id, 'stage', 20), query.membersBy(workspaceId, id, 'city', 10),
      query.membersConsenting(workspaceId, id), query.membersValue(workspaceId, id),
    ]);
    const channels = ['email', 'sms', 'push', 'messenger'] as const;
    return {
      count: Number(row.member_count), revenue: value.revenue, revenueShare: value.totalRevenue > 0 ? value.revenue / value.totalRevenue : 0,
      avgPredictedClv: value.avgClv, byRfm, byStage, byCity,
      consent: channels.map((channel) => ({ channel, granted: consent.find((c) => c.channel === channel)?.granted ?? 0 })),
    };
  }

  /** A page of members, newest customers first; `after` is the last id of the previous page. */
  async members(workspaceId: string, id: string, after: number | null, limit: number): Promise<{ items: Member[]; next: string | null }> {
    await this.row(workspaceId, id);
    const rows = await new SegmentQueryRepo(this.db).members(workspaceId, id, after, limit + 1);
    const items = rows.slice(0, limit).map(toMember);
    return { items, next: rows.length > limit ? String(items[items.length - 1]?.id) : null };
  }

  /** Entries and exits, newest first. */
  async history(workspaceId: string, id: string, before: number | null, limit: number): Promise<{ items: { customerId: number; entered: boolean; at: number }[]; next: string | null }> {
    await this.row(workspaceId, id);
    const rows = await this.repo().history(workspaceId, id, before, limit + 1);
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({ customerId: Number(r.customer_id), entered: Number(r.entered) === 1, at: Number(r.at) })),
      next: rows.length > limit ? String(page[page.length - 1]?.id) : null,
    };
  }

  /** The size at the end of each of the last `days` days. */
  async sizes(workspaceId: string, id: string, days: number): Promise<{ days: { day: string; size: number }[] }> {
    await this.row(workspaceId, id);
    const ws = await this.workspaces.get(workspaceId);
    const today = localDayNumber(this.clock.now(), ws.timezone);
    const from = today - days + 1;
    const repo = this.repo();
    const known = new Map((await repo.sizes(id, from)).map((r) => [r.day, r.size]));
    let size = await repo.sizeBefore(id, from);
    const out: { day: string; size: number }[] = [];
    for (let d = from; d <= today; d++) {
      size = known.get(d) ?? size;
      out.push({ day: isoDay(d), size });
    }
    return { days: out };
  }

  /** The segments a customer is in. */
  async segmentsOf(workspaceId: string, customerId: number): Promise<{ id: string; name: string; kind: string; since: number }[]> {
    return this.repo().segmentsOf(workspaceId, customerId);
  }

  /**
   * Adds the customers a file names (a column of phones, e-mails, cards or ids, as Excel or 1C
   * export it) to a static segment; says how many lines were read, matched and added, and which
   * lines named nobody or could not be read (the first hundred of each).
   */
  async uploadStatic(workspaceId: string, id: string, bytes: Buffer): Promise<z.infer<typeof uploadResultSchema>> {
    const row = await this.row(workspaceId, id);
    if (row.kind !== 'static') throw segmentKindMismatch();
    const file = readListFile(bytes);
    if (file.values.length > MAX_LIST_VALUES) throw listTooLong(file.values.length, MAX_LIST_VALUES);
    const resolved = await this.customers.resolveIdentifiers(workspaceId, file.values.map((v) => v.value));
    const ids: number[] = [];
    const notFound: { line: number; value: string; reason: string | null }[] = [];
    resolved.forEach((r, i) => {
      const v = file.values[i];
      if (r.customerId !== null) ids.push(r.customerId);
      else if (v && notFound.length < 100) notFound.push({ line: v.line, value: v.value, reason: r.reason });
    });
    const { changed } = ids.length > 0 ? await this.editStatic(workspaceId, id, ids, 'add') : { changed: 0 };
    return {
      column: file.column, lines: file.values.length, matched: ids.length, added: changed,
      notFound: resolved.filter((r) => r.customerId === null).length, notFoundLines: notFound, broken: file.broken.slice(0, 100),
    };
  }

  /** Adds customers to, or removes them from, a static segment; returns how many actually moved. */
  async editStatic(workspaceId: string, id: string, customerIds: number[], action: 'add' | 'remove'): Promise<{ changed: number }> {
    const row = await this.row(workspaceId, id);
    if (row.kind !== 'static') throw segmentKindMismatch();
    const ws = await this.workspaces.get(workspaceId);
    const now = this.clock.now();
    const unique = [...new Set(customerIds)];
    return this.db.kysely.transaction().execute(async (trx) => {
      const repo = new SegmentsRepo(trx);
      const live = action === 'add' ? await repo.liveCustomers(workspaceId, unique) : unique;
      const done = await repo.applyChanges(workspaceId, id, action === 'add' ? live : [], action === 'remove' ? live : [], now, localDayNumber(now, ws.timezone));
      return { changed: done.entered.length + done.exited.length };
    });
  }
}

function toMember(r: MemberRow): Member {
  const name = [r.last_name, r.first_name].filter(Boolean).join(' ');
  return {
    id: Number(r.id), name: name || null, phone: r.phone, email: r.email, city: r.city, ordersCount: Number(r.orders_count ?? 0),
    revenue: Number(r.revenue ?? 0), lastOrderAt: r.last_order_at === null ? null : Number(r.last_order_at), rfmSegment: r.rfm_segment, stage: r.stage,
  };
}
