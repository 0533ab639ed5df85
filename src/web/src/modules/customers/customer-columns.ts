import type { TFunction } from 'i18next';
import type { CustomerListItem } from '../../api/types.js';
import { formatPhone, type Formatter } from '../../format/format.js';
import type { SortField } from './list-state.js';

/** A column of the customer table. */
export type ColumnId = 'name' | 'phone' | 'email' | 'orders' | 'revenue' | 'avgCheck' | 'lastOrder' | 'city' | 'manager' | 'createdAt';

/** How a column is titled, sorted and filled. */
export interface Column {
  id: ColumnId;
  label: (t: TFunction) => string;
  /** The API sort field a header click sorts by; none for columns the API cannot sort. */
  sortField?: SortField;
  /** Numbers and dates read best largest or newest first. */
  descFirst?: boolean;
  numeric?: boolean;
  /** Names and cities may wrap between words on narrow screens; numbers, dates and contacts never do. */
  wraps?: boolean;
  /** The cell's text; null shows a dash. `memberName` names a workspace member by user id. */
  text: (row: CustomerListItem, format: Formatter, memberName: (userId: string) => string) => string | null;
}

/** Every column the table can show, in display order. */
export const columns: readonly Column[] = [
  { id: 'name', label: (t) => t('customers.columns.name'), sortField: 'name', wraps: true, text: () => null },
  { id: 'phone', label: (t) => t('customers.columns.phone'), text: (r) => (r.phone ? formatPhone(r.phone) : null) },
  { id: 'email', label: (t) => t('customers.columns.email'), text: (r) => r.email },
  { id: 'orders', label: (t) => t('customers.columns.orders'), sortField: 'ordersCount', descFirst: true, numeric: true, text: (r, f) => f.number(r.ordersCount) },
  { id: 'revenue', label: (t) => t('customers.columns.revenue'), sortField: 'revenue', descFirst: true, numeric: true, text: (r, f) => f.money(r.revenue) },
  { id: 'avgCheck', label: (t) => t('customers.columns.avgCheck'), sortField: 'avgCheck', descFirst: true, numeric: true, text: (r, f) => (r.ordersCount ? f.money(r.avgCheck) : null) },
  { id: 'lastOrder', label: (t) => t('customers.columns.lastOrder'), sortField: 'lastOrderAt', descFirst: true, text: (r, f) => (r.lastOrderAt === null ? null : f.shortDate(r.lastOrderAt)) },
  { id: 'city', label: (t) => t('customers.columns.city'), wraps: true, text: (r) => r.city },
  { id: 'manager', label: (t) => t('customers.columns.manager'), wraps: true, text: (r, _f, memberName) => (r.managerUserId ? memberName(r.managerUserId) : null) },
  { id: 'createdAt', label: (t) => t('customers.columns.createdAt'), sortField: 'createdAt', descFirst: true, text: (r, f) => f.shortDate(r.createdAt) },
];

/** Columns shown until the user chooses. */
export const defaultColumns: readonly ColumnId[] = ['name', 'phone', 'email', 'orders', 'revenue', 'avgCheck', 'lastOrder', 'city'];

/** Whether a value names a column. */
export function isColumnId(value: unknown): value is ColumnId {
  return columns.some((c) => c.id === value);
}
