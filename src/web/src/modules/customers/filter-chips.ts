import type { TFunction } from 'i18next';
import { type Formatter, toMinorUnits } from '../../format/format.js';
import type { ListFilters } from './list-state.js';
import { goldenCells } from './score-values.js';

// The filters in use, each as a removable chip, so a filter that came with a link
// (/customers?rfmSegment=vip) is as visible as one picked in the popover.

/** One filter in use: what it reads as, and what removing it changes. */
export interface FilterChip {
  key: string;
  label: string;
  clear: Partial<ListFilters>;
}

/** The chips of the filters in use, in the order the filter popover lists them. */
export function filterChips(filters: ListFilters, t: TFunction, format: Formatter, currency: string): FilterChip[] {
  const chips: FilterChip[] = [];
  const add = (key: string, label: string | null, clear: Partial<ListFilters>) => {
    if (label !== null) chips.push({ key, label, clear });
  };
  const range = (from: number | null, to: number | null, show: (v: number) => string): string | null => {
    if (from !== null && to !== null) return t('customers.chips.between', { from: show(from), to: show(to) });
    if (from !== null) return t('customers.chips.from', { value: show(from) });
    if (to !== null) return t('customers.chips.upTo', { value: show(to) });
    return null;
  };
  const money = (major: number) => format.money(toMinorUnits(major, currency));
  const percent = (fraction: number) => format.percent(fraction, 1);

  const orders = range(filters.minOrders, filters.maxOrders, format.number);
  add('orders', orders && t('customers.chips.orders', { range: orders }), { minOrders: null, maxOrders: null });
  const revenue = range(filters.minRevenue, filters.maxRevenue, money);
  add('revenue', revenue && t('customers.chips.revenue', { range: revenue }), { minRevenue: null, maxRevenue: null });
  add('city', filters.city.trim() ? t('customers.chips.city', { city: filters.city.trim() }) : null, { city: '' });
  const days = (from: string, to: string): string | null => {
    if (from && to) return t('customers.chips.between', { from: format.shortDay(from), to: format.shortDay(to) });
    if (from) return t('customers.chips.from', { value: format.shortDay(from) });
    if (to) return t('customers.chips.upTo', { value: format.shortDay(to) });
    return null;
  };
  const lastOrderText = days(filters.lastOrderFrom, filters.lastOrderTo);
  add('lastOrder', lastOrderText && t('customerLabels.chipLastOrder', { range: lastOrderText }), { lastOrderFrom: '', lastOrderTo: '' });
  const daysSince = range(filters.minDaysSince, filters.maxDaysSince, format.number);
  add('daysSince', daysSince && t('customerLabels.chipDaysSince', { range: daysSince }), { minDaysSince: null, maxDaysSince: null });

  const segmentNames = filters.rfmSegment.map((s) => t(`analytics.segments.${s}.name`)).join(', ');
  add('rfmSegment', segmentNames ? t('customers.chips.rfmSegment', { values: segmentNames }) : null, { rfmSegment: [] });
  add('rfmR', filters.rfmR === null ? null : t('customers.chips.rfmR', { score: filters.rfmR }), { rfmR: null });
  add('rfmF', filters.rfmF === null ? null : t('customers.chips.rfmF', { score: filters.rfmF }), { rfmF: null });
  const stageNames = filters.stage.map((s) => t(`analytics.lifecycle.stages.${s}.name`)).join(', ');
  add('stage', stageNames ? t('customers.chips.stage', { values: stageNames }) : null, { stage: [] });
  const golden = filters.abcXyz.length === goldenCells.length && goldenCells.every((c) => filters.abcXyz.includes(c));
  const cells = golden ? t('customers.chips.golden') : filters.abcXyz.join(', ');
  add('abcXyz', cells ? t('customers.chips.abcXyz', { values: cells }) : null, { abcXyz: [] });
  const pAlive = range(filters.minPAlive, filters.maxPAlive, percent);
  add('pAlive', pAlive && t('customers.chips.pAlive', { range: pAlive }), { minPAlive: null, maxPAlive: null });
  add('minPredictedClv', filters.minPredictedClv === null ? null : t('customers.chips.minPredictedClv', { value: money(filters.minPredictedClv) }), { minPredictedClv: null });
  return chips;
}
