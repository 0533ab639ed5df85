import type { TFunction } from 'i18next';
import type { CustomerListItem } from '../../api/types.js';
import { formatPhone, type Formatter } from '../../format/format.js';
import type { SortField } from './list-state.js';
import { isGolden, wholeUnits } from './score-values.js';

/** A column of the customer table. */
export type ColumnId =
  | 'name' | 'phone' | 'email' | 'orders' | 'revenue' | 'avgCheck' | 'lastOrder' | 'city' | 'manager' | 'createdAt'
  | 'rfmSegment' | 'stage' | 'abcXyz' | 'pAlive' | 'predictedClv';

/** What filling a cell may need besides its row. */
export interface CellContext {
  format: Formatter;
  t: TFunction;
  /** Names a workspace member by user id. */
  memberName: (userId: string) => string;
  /** ISO code of the workspace currency. */
  currency: string;
}

/** How a column is titled, sorted and filled. */
export interface Column {
  id: ColumnId;
  label: (t: TFunction) => string;
  /** The API sort field a header click sorts by; none for columns the API cannot sort. */
  sortField?: SortField;
  /** Numbers and dates read best largest or newest first. */
  descFirst?: boolean;
  numeric?: boolean;
  /** Names and cities may wrap between words on narrow screens; numbers, dates and phones never do. */
  wraps?: boolean;
  /** E-mail addresses break before their "@" (and anywhere when still too long), so one long address does not widen the table past the screen. */
  breaksAt?: '@';
  /** The cell's text; null shows a dash. */
  text: (row: CustomerListItem, cell: CellContext) => string | null;
}

/** Every column the table can show, in display order. */
export const columns: readonly Column[] = [
  { id: 'name', label: (t) => t('customers.columns.name'), sortField: 'name', wraps: true, text: () => null },
  { id: 'phone', label: (t) => t('customers.columns.phone'), text: (r) => (r.phone ? formatPhone(r.phone) : null) },
  { id: 'email', label: (t) => t('customers.columns.email'), breaksAt: '@', text: (r) => r.email },
  { id: 'orders', label: (t) => t('customers.columns.orders'), sortField: 'ordersCount', descFirst: true, numeric: true, text: (r, { format }) => format.number(r.ordersCount) },
  { id: 'revenue', label: (t) => t('customers.columns.revenue'), sortField: 'revenue', descFirst: true, numeric: true, text: (r, { format }) => format.money(r.revenue) },
  { id: 'avgCheck', label: (t) => t('customers.columns.avgCheck'), sortField: 'avgCheck', descFirst: true, numeric: true, text: (r, { format }) => (r.ordersCount ? format.money(r.avgCheck) : null) },
  { id: 'lastOrder', label: (t) => t('customers.columns.lastOrder'), sortField: 'lastOrderAt', descFirst: true, text: (r, { format }) => (r.lastOrderAt === null ? null : format.shortDate(r.lastOrderAt)) },
  { id: 'city', label: (t) => t('customers.columns.city'), wraps: true, text: (r) => r.city },
  { id: 'manager', label: (t) => t('customers.columns.manager'), wraps: true, text: (r, { memberName }) => (r.managerUserId ? memberName(r.managerUserId) : null) },
  { id: 'createdAt', label: (t) => t('customers.columns.createdAt'), sortField: 'createdAt', descFirst: true, text: (r, { format }) => format.shortDate(r.createdAt) },
  // The stored scores (not sortable by the API); a dash for customers not scored or without purchases.
  { id: 'rfmSegment', label: (t) => t('customers.columns.rfmSegment'), wraps: true, text: (r, { t }) => (r.rfmSegment ? t(`analytics.segments.${r.rfmSegment}.name`) : null) },
  { id: 'stage', label: (t) => t('customers.columns.stage'), wraps: true, text: (r, { t }) => (r.stage ? t(`analytics.lifecycle.stages.${r.stage}.name`) : null) },
  { id: 'abcXyz', label: (t) => t('customers.columns.abcXyz'), text: (r) => (r.abcXyz ? (isGolden(r.abcXyz) ? `★ ${r.abcXyz}` : r.abcXyz) : null) },
  { id: 'pAlive', label: (t) => t('customers.columns.pAlive'), numeric: true, text: (r, { format }) => (r.pAlive === null ? null : format.percent(r.pAlive, 0)) },
  { id: 'predictedClv', label: (t) => t('customers.columns.predictedClv'), numeric: true, text: (r, { format, currency }) => (r.predictedClv === null ? null : format.money(wholeUnits(r.predictedClv, currency))) },
];

/** Columns shown until the user chooses. */
export const defaultColumns: readonly ColumnId[] = ['name', 'phone', 'email', 'orders', 'revenue', 'avgCheck', 'lastOrder', 'city'];

/** Whether a value names a column. */
export function isColumnId(value: unknown): value is ColumnId {
  return columns.some((c) => c.id === value);
}
