import type { CustomerListQuery, CustomerSort, Role } from '../../api/types.js';
import { toMinorUnits } from '../../format/format.js';
import { noScoreFilters, readScoreFilters, scoreFilterCount, type ScoreFilters, scoreFiltersQuery, writeScoreFilters } from './score-filters.js';

// The customer list's search, filters and sort live in the address (?q=…&sort=…), so a reload, a
// bookmark or the back button from a profile shows the same list. Money filters are kept in major
// units there (what the user typed) and sent to the API in minor units. "My customers / all" is
// kept only when it differs from the role's default, so a manager's plain link opens their own.
// The filters on the stored scores are read and written by score-filters.ts.

/** A sortable field of the customer list. */
export type SortField = Exclude<CustomerSort, `-${string}`>;

const sortFields: readonly SortField[] = ['createdAt', 'revenue', 'ordersCount', 'lastOrderAt', 'avgCheck', 'name'];

/** Default order: the newest customers first. */
export const defaultSort: CustomerSort = '-createdAt';

/** Whose customers the list shows: those assigned to the signed-in user, or everyone's. */
export type Scope = 'mine' | 'all';

/** The scope a role starts with: a manager works with their own customers first. */
export function defaultScope(role: Role): Scope {
  return role === 'manager' ? 'mine' : 'all';
}

/** What the customer list shows. */
export interface ListState extends ScoreFilters {
  q: string;
  sort: CustomerSort;
  minOrders: number | null;
  maxOrders: number | null;
  /** Major units of the workspace currency. */
  minRevenue: number | null;
  /** Major units of the workspace currency. */
  maxRevenue: number | null;
  city: string;
  /** Last purchase on or after this ISO day ("" for any). */
  lastOrderFrom: string;
  /** Last purchase on or before this ISO day ("" for any). */
  lastOrderTo: string;
  /** Whole days since the last purchase, at least and at most. */
  minDaysSince: number | null;
  maxDaysSince: number | null;
  scope: Scope;
}

/** The filter part of the list state (everything but search, sort and scope). */
export type ListFilters = Omit<ListState, 'q' | 'sort' | 'scope'>;

/** Filters that filter nothing. */
export const noFilters: ListFilters = {
  minOrders: null, maxOrders: null, minRevenue: null, maxRevenue: null, city: '',
  lastOrderFrom: '', lastOrderTo: '', minDaysSince: null, maxDaysSince: null, ...noScoreFilters,
};

/** Reads the list state from the address's query string; anything malformed is ignored. */
export function readListState(params: URLSearchParams, scopeByDefault: Scope): ListState {
  const scope = params.get('scope');
  return {
    q: params.get('q') ?? '',
    sort: parseSort(params.get('sort')),
    minOrders: parseNumber(params.get('minOrders')),
    maxOrders: parseNumber(params.get('maxOrders')),
    minRevenue: parseNumber(params.get('minRevenue')),
    maxRevenue: parseNumber(params.get('maxRevenue')),
    city: params.get('city') ?? '',
    lastOrderFrom: parseDay(params.get('lastOrderFrom')),
    lastOrderTo: parseDay(params.get('lastOrderTo')),
    minDaysSince: parseWhole(params.get('minDaysSince')),
    maxDaysSince: parseWhole(params.get('maxDaysSince')),
    scope: scope === 'mine' || scope === 'all' ? scope : scopeByDefault,
    ...readScoreFilters(params),
  };
}

/** Writes the list state as a query string, leaving defaults out. */
export function writeListState(state: ListState, scopeByDefault: Scope): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q);
  if (state.sort !== defaultSort) params.set('sort', state.sort);
  for (const key of ['minOrders', 'maxOrders', 'minRevenue', 'maxRevenue', 'minDaysSince', 'maxDaysSince'] as const) {
    const value = state[key];
    if (value !== null) params.set(key, String(value));
  }
  if (state.city.trim()) params.set('city', state.city.trim());
  if (state.lastOrderFrom) params.set('lastOrderFrom', state.lastOrderFrom);
  if (state.lastOrderTo) params.set('lastOrderTo', state.lastOrderTo);
  writeScoreFilters(state, params);
  if (state.scope !== scopeByDefault) params.set('scope', state.scope);
  return params;
}

/** The list state as the address's query string; commas stay readable (?abcXyz=AX,AY), as they may in a URL. */
export function listSearch(state: ListState, scopeByDefault: Scope): string {
  return writeListState(state, scopeByDefault).toString().replaceAll('%2C', ',');
}

/** Who is looking at the list, in what currency; the API query depends on both. */
export interface Viewer {
  /** The signed-in user, whose customers "mine" means. */
  userId: string;
  /** ISO code of the workspace currency the revenue bounds are typed in. */
  currency: string;
}

/** The GET /customers query for a list state and page cursor. */
export function toApiQuery(state: ListState, { userId, currency }: Viewer, cursor: string | undefined, limit: number): CustomerListQuery {
  const money = (value: number | null) => (value === null ? undefined : toMinorUnits(value, currency));
  return {
    q: state.q.trim() || undefined,
    sort: state.sort,
    minOrders: state.minOrders ?? undefined,
    maxOrders: state.maxOrders ?? undefined,
    minRevenue: money(state.minRevenue),
    maxRevenue: money(state.maxRevenue),
    city: state.city.trim() || undefined,
    lastOrderFrom: state.lastOrderFrom || undefined,
    lastOrderTo: state.lastOrderTo || undefined,
    minDaysSinceLastOrder: state.minDaysSince ?? undefined,
    maxDaysSinceLastOrder: state.maxDaysSince ?? undefined,
    managerId: state.scope === 'mine' ? userId : undefined,
    ...scoreFiltersQuery(state, currency),
    cursor,
    limit,
  };
}

/** How many filters are set. */
export function activeFilterCount(filters: ListFilters): number {
  const own =
    [filters.minOrders, filters.maxOrders, filters.minRevenue, filters.maxRevenue, filters.minDaysSince, filters.maxDaysSince].filter((v) => v !== null).length +
    [filters.city.trim(), filters.lastOrderFrom, filters.lastOrderTo].filter(Boolean).length;
  return own + scoreFilterCount(filters);
}

/** The sort after clicking a column header: flips the column's direction, or starts with its natural one. */
export function nextSort(current: CustomerSort, field: SortField, descFirst: boolean): CustomerSort {
  if (current === field) return `-${field}`;
  if (current === `-${field}`) return field;
  return descFirst ? `-${field}` : field;
}

function parseSort(value: string | null): CustomerSort {
  if (!value) return defaultSort;
  const field = value.startsWith('-') ? value.slice(1) : value;
  const known = sortFields.find((f) => f === field);
  if (!known) return defaultSort;
  return value.startsWith('-') ? `-${known}` : known;
}

// An ISO day as the date fields write it; anything else is no bound.
function parseDay(value: string | null): string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '';
}

function parseWhole(value: string | null): number | null {
  const n = parseNumber(value);
  return n !== null && Number.isInteger(n) ? n : null;
}

function parseNumber(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}
