import type { Db } from '../../platform/db/database.js';
import { activityScanSql, activityScans, frequencyHolds, type ScannedCondition } from './activity-scans.js';
import type { RuleContext } from './rule-sql.js';
import { SegmentQueryRepo } from './segment-query.repo.js';
import type { Condition } from './segment-rules.schemas.js';

// The segment evaluator's counts of event and purchase conditions for the customers it re-checks
// (activity-scans.ts makes the scans' SQL): who of them each condition holds for, handed to each
// segment's rule as RuleContext.activity.

// Customers per scan statement (bound as one value).
const idsPerScan = 1000;

/** Some conditions to count, for these customers. */
export interface ActivityWork {
  conditions: readonly ScannedCondition[];
  ids: readonly number[];
}

/**
 * Counts event and purchase conditions for sets of customers, each condition for its set, in one
 * scan of the rows they read over the union of the sets that read them; returns who of its set
 * each condition holds for. `base` gives the workspace, now and the time zone.
 */
export async function countActivity(db: Db, base: RuleContext, work: readonly ActivityWork[]): Promise<Map<Condition, Set<number>>> {
  const out = new Map<Condition, Set<number>>();
  const idsOf = new Map<ScannedCondition, readonly number[]>();
  for (const w of work) for (const c of w.conditions) idsOf.set(c, w.ids);
  const query = new SegmentQueryRepo(db);
  for (const scan of activityScans([...idsOf.keys()])) {
    const conditions: readonly ScannedCondition[] = scan.conditions;
    const covered = new Set<number>();
    for (const c of conditions) for (const id of idsOf.get(c) ?? []) covered.add(id);
    const ids = [...covered];
    const holding = conditions.map((c) => {
      const set = new Set<number>();
      out.set(c, set);
      return set;
    });
    for (let i = 0; i < ids.length; i += idsPerScan) {
      // On SQLite each statement holds this thread: let waiting requests in between.
      await new Promise((resolve) => setImmediate(resolve));
      const part = ids.slice(i, i + idsPerScan);
      const measured = new Map<number, unknown[]>();
      for (const row of await query.rows(activityScanSql(scan, { ...base, customerIds: part }))) measured.set(Number(row[0]), row);
      for (const id of part) {
        const row = measured.get(id);
        conditions.forEach((c, k) => {
          if (frequencyHolds(c, row ? Number(row[k + 1] ?? 0) : 0)) holding[k]?.add(id);
        });
      }
    }
  }
  return out;
}

/** Who of `part` each counted condition holds for (RuleContext.activity). */
export function activityAmong(conditions: readonly ScannedCondition[], counted: ReadonlyMap<Condition, ReadonlySet<number>>, part: readonly number[]): Map<Condition, number[]> {
  const out = new Map<Condition, number[]>();
  for (const c of conditions) {
    const set = counted.get(c);
    if (set) out.set(c, part.filter((id) => set.has(id)));
  }
  return out;
}
