import type { TFunction } from 'i18next';
import type { Formatter } from '../../format/format.js';
import type { KpiComparison } from './analytics.types.js';

/** Where the period's KPIs were counted: "counted up to <the KPI index's last day>" or "live from orders". */
export function kpiSourceNote(comparison: KpiComparison, t: TFunction, f: Formatter): string {
  return comparison.source === 'index' && comparison.indexLastDay !== null
    ? t('analytics.scores.kpiSource.index', { day: f.day(comparison.indexLastDay) })
    : t('analytics.scores.kpiSource.orders');
}
