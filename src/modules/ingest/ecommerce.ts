import type { FieldProblem } from '../../platform/errors.js';
import { MAX_ITEM_QUANTITY, MAX_ORDER_AMOUNT } from '../orders/order-bounds.js';
import { fromMinorUnits, isCurrencyCode, toMinorUnits } from '../../common/money.js';
import type { NormalizedMessage } from './segment-message.js';

// Segment e-commerce spec v2: the track events that create, refund and cancel orders. Amounts
// arrive as decimals in the order's currency and leave as integer minor units.

/** One order line; price is per unit in minor units, null when the client did not send one. */
export interface OrderItem {
  productId: string | null;
  sku: string | null;
  name: string | null;
  category: string | null;
  price: number | null;
  /** Units bought; may be fractional for goods sold by weight. */
  quantity: number;
}

/** "Order Completed": record a paid order, online or in a store. */
export interface CompletedOrder {
  kind: 'completed';
  externalId: string;
  /** What the customer paid, minor units. */
  total: number;
  discount: number;
  shipping: number;
  tax: number;
  /** ISO 4217, upper case. */
  currency: string;
  coupon: string | null;
  storeId: string | null;
  channel: 'online' | 'offline';
  /** Loyalty points spent on the order. */
  pointsUsed: number | null;
  items: OrderItem[];
}

/** "Order Refunded": money returned; amount null means the whole order. */
export interface RefundedOrder {
  kind: 'refunded';
  externalId: string;
  currency: string;
  amount: number | null;
}

/** "Order Cancelled": the order will not be paid or delivered. */
export interface CancelledOrder {
  kind: 'cancelled';
  externalId: string;
}

/** What an order-related track event asks the orders module to do. */
export type OrderCommand = CompletedOrder | RefundedOrder | CancelledOrder;

/** An order command, or every problem found, each naming its field path. */
export type OrderResult = { ok: true; command: OrderCommand } | { ok: false; problems: FieldProblem[] };

const eventKinds: Record<string, OrderCommand['kind']> = {
  'order completed': 'completed',
  'order refunded': 'refunded',
  'order cancelled': 'cancelled',
  'order canceled': 'cancelled',
};

/** Which order command a track event name stands for ("Order Completed", "order_completed"…), or null. */
export function orderEventKind(event: string): OrderCommand['kind'] | null {
  return eventKinds[event.trim().toLowerCase().replace(/[\s_]+/g, ' ')] ?? null;
}

/** Maps an order track event to an order command; null for messages that are not about orders. */
export function orderFromTrack(message: NormalizedMessage, defaults: { currency: string }): OrderResult | null {
  const kind = message.type === 'track' && message.event ? orderEventKind(message.event) : null;
  if (!kind) return null;
  const props = message.properties;
  const problems: FieldProblem[] = [];
  const externalId = readId(props, 'order_id', problems, true);
  let command: OrderCommand;
  if (kind === 'cancelled') {
    command = { kind, externalId: externalId ?? '' };
  } else {
    const currency = readCurrency(props, defaults.currency, problems);
    const reader: Reader = { props, currency, problems };
    command = kind === 'completed' ? completed(reader, externalId ?? '') : refunded(reader, externalId ?? '');
  }
  return problems.length ? { ok: false, problems } : { ok: true, command };
}

interface Reader {
  props: Record<string, unknown>;
  currency: string;
  problems: FieldProblem[];
}

function completed(r: Reader, externalId: string): CompletedOrder {
  const { props, problems } = r;
  const items = readItems(r);
  let total = readAmount(r, props.total, 'properties.total');
  if (total === undefined) total = readAmount(r, props.revenue, 'properties.revenue');
  if (total === undefined) total = sumOfItems(r, items);
  if (total === undefined && items.length === 0) {
    problems.push({ field: 'properties.total', reason: 'is required (or revenue, or products with prices)' });
  }
  const storeKey = props.store_id != null ? 'store_id' : 'store';
  const storeId = readId(props, storeKey, problems, false);
  const channel = typeof props.channel === 'string' ? props.channel.trim().toLowerCase() : null;
  return {
    kind: 'completed',
    externalId,
    total: total ?? 0,
    discount: readAmount(r, props.discount, 'properties.discount') ?? 0,
    shipping: readAmount(r, props.shipping, 'properties.shipping') ?? 0,
    tax: readAmount(r, props.tax, 'properties.tax') ?? 0,
    currency: r.currency,
    coupon: text(props.coupon),
    storeId,
    // An explicit channel wins; other channel values ("web", "app") say nothing about a store.
    channel: channel === 'online' || channel === 'offline' ? channel : storeId ? 'offline' : 'online',
    pointsUsed: readPoints(props.points_used, problems),
    items,
  };
}

function refunded(r: Reader, externalId: string): RefundedOrder {
  let amount = readAmount(r, r.props.total, 'properties.total');
  if (amount === undefined) amount = readAmount(r, r.props.revenue, 'properties.revenue');
  if (amount === undefined) amount = sumOfItems(r, readItems(r));
  return { kind: 'refunded', externalId, currency: r.currency, amount: amount ?? null };
}

// Sum of price × quantity, or undefined when there are no items or some price is missing
// (each missing price then becomes a problem, since the total cannot be known).
function sumOfItems(r: Reader, items: OrderItem[]): number | null | undefined {
  if (items.length === 0) return undefined;
  let sum = 0;
  items.forEach((item, i) => {
    const field = `properties.products[${i}].price`;
    if (item.price === null) {
      // A price that was sent but invalid already has its own problem.
      if (!r.problems.some((problem) => problem.field === field)) {
        r.problems.push({ field, reason: 'is required when neither total nor revenue is given' });
      }
    } else {
      sum += Math.round(item.price * item.quantity);
    }
  });
  if (items.some((item) => item.price === null)) return null;
  // A line over the bound already has its own problem.
  if (sum > MAX_ORDER_AMOUNT && !r.problems.some((problem) => problem.field.startsWith('properties.products['))) {
    r.problems.push({ field: 'properties.products', reason: `price × quantity adds up to more than ${maxAmount(r)}; send total` });
    return null;
  }
  return sum;
}

function readItems(r: Reader): OrderItem[] {
  const products = r.props.products;
  if (products == null) return [];
  if (!Array.isArray(products)) {
    r.problems.push({ field: 'properties.products', reason: 'must be an array' });
    return [];
  }
  const items: OrderItem[] = [];
  products.forEach((product: unknown, i) => {
    const path = `properties.products[${i}]`;
    if (typeof product !== 'object' || product === null || Array.isArray(product)) {
      r.problems.push({ field: path, reason: 'must be an object' });
      return;
    }
    const p: Record<string, unknown> = { ...product };
    const raw = p.quantity;
    const quantity = raw == null ? 1 : typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(quantity) || quantity <= 0) {
      r.problems.push({ field: `${path}.quantity`, reason: 'must be a positive number' });
    } else if (quantity > MAX_ITEM_QUANTITY) {
      r.problems.push({ field: `${path}.quantity`, reason: `must be at most ${MAX_ITEM_QUANTITY}` });
    }
    // Spec v2 says product_id; v1 clients still send id.
    const idKey = p.product_id != null ? 'product_id' : 'id';
    const item: OrderItem = {
      productId: readId(p, idKey, r.problems, false, `${path}.`),
      sku: text(p.sku),
      name: text(p.name),
      category: text(p.category),
      price: readAmount(r, p.price, `${path}.price`) ?? null,
      quantity: Number.isFinite(quantity) && quantity > 0 && quantity <= MAX_ITEM_QUANTITY ? quantity : 1,
    };
    if (item.price !== null && item.price * item.quantity > MAX_ORDER_AMOUNT) {
      r.problems.push({ field: path, reason: `price × quantity is more than ${maxAmount(r)}` });
    }
    items.push(item);
  });
  return items;
}

// The amount bound in the order's currency, as a client writes amounts (10000000000 for RUB).
function maxAmount(r: Reader): string {
  return String(fromMinorUnits(MAX_ORDER_AMOUNT, r.currency));
}

// Minor units; undefined when absent, null when invalid (a problem is then recorded).
function readAmount(r: Reader, value: unknown, field: string): number | null | undefined {
  if (value == null || value === '') return undefined;
  if (typeof value !== 'number' && typeof value !== 'string') {
    r.problems.push({ field, reason: 'must be a number' });
    return null;
  }
  // Told apart from text that is no number, so that 1e300 is named for its size.
  const decimal = typeof value === 'number' ? value : Number(value.trim());
  if (Number.isFinite(decimal) && Math.abs(decimal) > fromMinorUnits(MAX_ORDER_AMOUNT, r.currency)) {
    r.problems.push({ field, reason: `must be at most ${maxAmount(r)}` });
    return null;
  }
  let minor: number;
  try {
    minor = toMinorUnits(value, r.currency);
  } catch {
    r.problems.push({ field, reason: 'must be a number, e.g. 1234.50' });
    return null;
  }
  // Checked on the decimal too, since -0.001 rounds to 0 minor units but is still a negative amount.
  if (minor < 0 || Number(value) < 0) {
    r.problems.push({ field, reason: 'must not be negative' });
    return null;
  }
  // 10000000000.004 RUB rounds to the bound; .005 rounds past it.
  if (minor > MAX_ORDER_AMOUNT) {
    r.problems.push({ field, reason: `must be at most ${maxAmount(r)}` });
    return null;
  }
  return minor;
}

function readCurrency(props: Record<string, unknown>, fallback: string, problems: FieldProblem[]): string {
  const value = props.currency;
  if (value == null || value === '') return fallback.trim().toUpperCase();
  if (typeof value === 'string' && isCurrencyCode(value)) return value.trim().toUpperCase();
  problems.push({ field: 'properties.currency', reason: `${JSON.stringify(value)} is not an ISO 4217 currency code` });
  return fallback.trim().toUpperCase();
}

function readId(
  props: Record<string, unknown>,
  key: string,
  problems: FieldProblem[],
  required: boolean,
  prefix = 'properties.',
): string | null {
  const value = props[key];
  const id = typeof value === 'string' ? value.trim() : Number.isSafeInteger(value) ? String(value) : null;
  if (id) return id;
  if (value == null || value === '' || id === '') {
    if (required) problems.push({ field: `${prefix}${key}`, reason: 'is required' });
  } else {
    problems.push({ field: `${prefix}${key}`, reason: 'must be a string or an integer' });
  }
  return null;
}

function readPoints(value: unknown, problems: FieldProblem[]): number | null {
  if (value == null || value === '') return null;
  const points = typeof value === 'number' || typeof value === 'string' ? Number(value) : Number.NaN;
  if (Number.isSafeInteger(points) && points >= 0 && points <= MAX_ORDER_AMOUNT) return points;
  problems.push({ field: 'properties.points_used', reason: `must be a whole number from 0 to ${MAX_ORDER_AMOUNT}` });
  return null;
}

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
