import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { invalid } from '../../platform/errors.js';
import { localDayNumber } from '../../platform/time.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';
import { AnalyticsRepo } from './analytics.repo.js';
import { type Cohort, cohortRetention, monthLabel, monthOfDay } from './cohorts/cohorts.js';
import { isoDay, lastDayOfMonth } from './days.js';

/** Cohort retention over a range of first-purchase months. */
export interface CohortAnalysis {
  from: string;
  to: string;
  /** The last day counted: the end of `to`, or today (the workspace's local day) while `to` has not ended. */
  lastDay: string;
  /** Today's month when the range reaches it: its figures count the days so far, so they are not yet a month's. */
  incompleteMonth: string | null;
  cohorts: Cohort[];
}

/** Cohort retention of a workspace's customers by first-purchase month. */
export class CohortsService {
  constructor(
    private readonly db: Db,
    private readonly workspaces: WorkspacesService,
    private readonly clock: Clock,
  ) {}

  /** The cohorts of the months `from` to `to` ("YYYY-MM"), each followed up to the end of `to` or to today, whichever comes first. */
  async retention(workspaceId: string, from: string, to: string): Promise<CohortAnalysis> {
    const first = parseMonth(from, 'from');
    const last = parseMonth(to, 'to');
    if (first > last) throw invalid('from', 'must not be after to');
    if (last - first >= 120) throw invalid('from', 'at most 120 months at a time');
    const today = localDayNumber(this.clock.now(), (await this.workspaces.get(workspaceId)).timezone);
    const thisMonth = monthOfDay(today);
    const lastDay = Math.min(lastDayOfMonth(last), today);
    const byCustomer = new Map<number, number[]>();
    for (const row of await new AnalyticsRepo(this.db.kysely).purchaseDayList(workspaceId, lastDay)) {
      const days = byCustomer.get(row.customer_id);
      if (days) days.push(row.order_day);
      else byCustomer.set(row.customer_id, [row.order_day]);
    }
    return {
      from,
      to,
      lastDay: isoDay(lastDay),
      incompleteMonth: thisMonth >= first && thisMonth <= last ? monthLabel(thisMonth) : null,
      cohorts: cohortRetention(byCustomer.values(), first, last, thisMonth),
    };
  }
}
// "YYYY-MM" as months since January 1970.
function parseMonth(text: string, field: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) throw invalid(field, `"${text}" is not a month in the form YYYY-MM`);
  return Number(m[1]) * 12 + month - 1;
}
