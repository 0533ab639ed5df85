import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { localDayNumber, localDayStart } from '../../platform/time.js';
import type { LifecycleStage } from '../analytics/lifecycle/lifecycle.js';
import type { RfmSegment } from '../analytics/rfm/rfm.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';
import { CustomerListRepo, type CustomerListRow, type ListFilter, type ListKeyset, type ListSortColumn } from './customer-list.repo.js';
import { cityKey } from './customer-fields.js';
import { planSearch } from './customer-search.js';
import type { customerSorts } from './customers.schemas.js';
import { badCursor, decodeCursor, encodeCursor } from './cursor.js';
import { boundInstant } from '../../common/time-bounds.js';

/** A sort order of the customer list; a leading "-" sorts descending. */
export type CustomerSort = (typeof customerSorts)[number];

/** What the customer list is asked for; money in minor units, time bounds as days or epoch ms. */
export interface CustomerListQuery {
  q?: string;
  sort?: CustomerSort;
  cursor?: string;
  limit: number;
  includeTotal?: boolean;
  minOrders?: number;
  maxOrders?: number;
  minRevenue?: number;
  maxRevenue?: number;
  /** A day `YYYY-MM-DD` in the workspace's time zone (inclusive) or epoch ms. */
  lastOrderFrom?: string;
  /** A day `YYYY-MM-DD` in the workspace's time zone (inclusive) or epoch ms (exclusive). */
  lastOrderTo?: string;
  /** Whole days from the last purchase's day to today, in the workspace's time zone: at least this many. */
  minDaysSinceLastOrder?: number;
  /** …and at most this many. */
  maxDaysSinceLastOrder?: number;
  city?: string;
  managerId?: string;
  /** Members of this saved segment. */
  segment?: string;
  hasEmail?: boolean;
  hasPhone?: boolean;
  rfmSegment?: RfmSegment[];
  stage?: LifecycleStage[];
  abcXyz?: string[];
  rfmR?: number;
  rfmF?: number;
  minPAlive?: number;
  maxPAlive?: number;
  minPredictedClv?: number;
}

/** One customer in the list. */
export interface CustomerListItem {
  id: number;
  firstName: string | null;
  lastName: string | null;
  middleName: string | null;
  phone: string | null;
  email: string | null;
  city: string | null;
  ordersCount: number;
  revenue: number;
  avgCheck: number;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  lastActivityAt: number | null;
  createdAt: number;
  managerUserId: string | null;
  /** Stored scores as of the last computation (null before it, or without purchases). */
  rfmSegment: RfmSegment | null;
  stage: LifecycleStage | null;
  abcXyz: string | null;
  pAlive: number | null;
  predictedClv: number | null;
}

/** A page of the customer list. */
export interface CustomerListPage {
  items: CustomerListItem[];
  nextCursor: string | null;
  total?: number;
}

const sortColumn: Record<string, ListSortColumn> = {
  createdAt: 'created_at',
  revenue: 'revenue',
  ordersCount: 'orders_count',
  lastOrderAt: 'last_order_at',
  avgCheck: 'avg_check',
  name: 'search_name',
};

/** The customer list: search, filters, sorting and keyset pages over any number of customers. */
export class CustomerListService {
  constructor(
    private readonly db: Db,
    private readonly workspaces: WorkspacesService,
    private readonly clock: Clock,
  ) {}

  /** A page of live customers matching the query, and the cursor of the next page (null on the last). */
  async list(workspaceId: string, query: CustomerListQuery): Promise<CustomerListPage> {
    const workspace = await this.workspaces.get(workspaceId);
    const sort = query.sort ?? '-createdAt';
    const desc = sort.startsWith('-');
    const column = sortColumn[desc ? sort.slice(1) : sort] ?? 'created_at';
    const search = query.q ? planSearch(query.q, workspace.phoneRegion) : null;
    const filter: ListFilter = {
      minOrders: query.minOrders,
      maxOrders: query.maxOrders,
      minRevenue: query.minRevenue,
      maxRevenue: query.maxRevenue,
      ...lastOrderBounds(query, workspace.timezone, this.clock.now()),
      cityPrefix: query.city === undefined ? undefined : (cityKey(query.city) ?? undefined),
      managerId: query.managerId,
      hasEmail: query.hasEmail,
      hasPhone: query.hasPhone,
      rfmSegments: query.rfmSegment,
      stages: query.stage,
      abcXyz: query.abcXyz,
      rfmR: query.rfmR,
      rfmF: query.rfmF,
      minPAlive: query.minPAlive,
      maxPAlive: query.maxPAlive,
      minPredictedClv: query.minPredictedClv,
      segmentId: query.segment,
    };
    const after = query.cursor ? readCursor(query.cursor, sort, column) : null;
    const repo = new CustomerListRepo(this.db.kysely);
    const rows = await repo.page({ workspaceId, search, filter, sort: { column, desc }, after, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > query.limit && last ? encodeCursor({ s: sort, v: last.sort_value, i: last.id }) : null;
    const total = query.includeTotal ? await repo.count(workspaceId, search, filter) : undefined;
    return { items: page.map(toItem), nextCursor, ...(total === undefined ? {} : { total }) };
  }
}

// The last-purchase range of the query: its days or instants, narrowed by the days-since bounds.
// "At least N days ago" means a last purchase on today−N or before; "at most N" on today−N or after.
function lastOrderBounds(query: CustomerListQuery, timezone: string, now: number): Pick<ListFilter, 'lastOrderFrom' | 'lastOrderTo'> {
  const today = localDayNumber(now, timezone);
  const froms: number[] = [];
  const tos: number[] = [];
  if (query.lastOrderFrom !== undefined) froms.push(boundInstant(query.lastOrderFrom, 'from', timezone));
  if (query.lastOrderTo !== undefined) tos.push(boundInstant(query.lastOrderTo, 'to', timezone));
  if (query.maxDaysSinceLastOrder !== undefined) froms.push(localDayStart(today - query.maxDaysSinceLastOrder, timezone));
  if (query.minDaysSinceLastOrder !== undefined) tos.push(localDayStart(today - query.minDaysSinceLastOrder + 1, timezone));
  return { lastOrderFrom: froms.length ? Math.max(...froms) : undefined, lastOrderTo: tos.length ? Math.min(...tos) : undefined };
}


// A cursor only continues the sort it was made for, and its value has that sort's type.
function readCursor(cursor: string, sort: CustomerSort, column: ListSortColumn): ListKeyset {
  const { s, v, i } = decodeCursor(cursor);
  const byName = column === 'search_name';
  if (s !== sort || typeof i !== 'number' || !Number.isSafeInteger(i)) throw badCursor();
  if (v === null && (byName || column === 'last_order_at')) return { value: null, id: i };
  if (typeof v === 'string' && byName) return { value: v, id: i };
  if (typeof v === 'number' && !byName && Number.isSafeInteger(v)) return { value: v, id: i };
  throw badCursor();
}

function toItem(row: CustomerListRow): CustomerListItem {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    middleName: row.middle_name,
    phone: row.phone,
    email: row.email,
    city: row.city,
    ordersCount: row.orders_count,
    revenue: row.revenue,
    avgCheck: row.avg_check,
    firstOrderAt: row.first_order_at,
    lastOrderAt: row.last_order_at,
    lastActivityAt: row.last_activity_at,
    createdAt: row.created_at,
    managerUserId: row.manager_user_id,
    rfmSegment: row.rfm_segment as RfmSegment | null,
    stage: row.stage as LifecycleStage | null,
    abcXyz: row.abc && row.xyz ? `${row.abc}${row.xyz}` : null,
    pAlive: row.p_alive === null ? null : Number(row.p_alive),
    predictedClv: row.predicted_clv === null ? null : Number(row.predicted_clv),
  };
}
