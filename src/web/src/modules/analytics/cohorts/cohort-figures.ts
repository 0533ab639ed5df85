import type { Cohort } from '../analytics.types.js';
import type { Period } from '../period-state.js';

// Figures of the cohort screen derived from the API's answer: which months a period covers, how
// many customers a share stands for, the next-month return rate over all cohorts and the shade of
// a heatmap cell.

/** The API follows at most this many cohort months at a time. */
const maxMonths = 120;

/** The first-purchase months ("YYYY-MM") of a period's days; the last 120 of them for a longer one. */
export function cohortMonths(period: Pick<Period, 'from' | 'to'>): { from: string; to: string } {
  const to = period.to.slice(0, 7);
  const first = monthNumber(period.from.slice(0, 7));
  const last = monthNumber(to);
  return { from: last - first >= maxMonths ? monthText(last - maxMonths + 1) : period.from.slice(0, 7), to };
}

/** Customers of a cohort who bought in its k-th month (the API gives the share of its size). */
export function buyersIn(cohort: Cohort, k: number): number {
  return Math.round((cohort.retention[k] ?? 0) * cohort.customers);
}

/** How many of the customers whose cohort has a next month in view bought in it, over all such cohorts. */
export interface NextMonthReturn {
  returned: number;
  customers: number;
  /** First and last cohort month counted. */
  from: string;
  to: string;
}

/**
 * The share of new customers who came back the month after their first purchase, weighted by cohort
 * size; null when no cohort has a next month in view or none has customers. A next month still
 * running (`incompleteMonth`) is not counted: its share would read as a fall.
 */
export function nextMonthReturn(cohorts: readonly Cohort[], incompleteMonth: string | null = null): NextMonthReturn | null {
  const followed = cohorts.filter((c) => c.retention.length > 1 && !isIncomplete(c, 1, incompleteMonth));
  const customers = followed.reduce((sum, c) => sum + c.customers, 0);
  const first = followed[0];
  const last = followed[followed.length - 1];
  if (!first || !last || customers === 0) return null;
  return { returned: followed.reduce((sum, c) => sum + buyersIn(c, 1), 0), customers, from: first.month, to: last.month };
}

/** The highest retention after a cohort's own month (month 0 is always all of it), the top of the colour scale; a month still running is left out. */
export function retentionScaleMax(cohorts: readonly Cohort[], incompleteMonth: string | null = null): number {
  return Math.max(0, ...cohorts.flatMap((c) => (c.customers > 0 ? c.retention.slice(1).filter((_, k) => !isIncomplete(c, k + 1, incompleteMonth)) : [])));
}

/** Whether a cohort's k-th month is the month still running, whose figures count only the days so far. */
export function isIncomplete(cohort: Cohort, k: number, incompleteMonth: string | null): boolean {
  return incompleteMonth !== null && monthNumber(cohort.month) + k === monthNumber(incompleteMonth);
}

/** The shade (0–9 of a Mantine colour) of a cell: 0 for nobody, darker as the share nears the scale's top. */
export function cellShade(share: number, max: number): number {
  if (share <= 0 || max <= 0) return 0;
  return Math.max(1, Math.min(9, Math.round(1 + (8 * share) / max)));
}

function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthText(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}
