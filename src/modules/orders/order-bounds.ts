import type { FieldProblem } from '../../platform/errors.js';

// The largest amounts and quantities an order may carry, whatever brings it in (tracking API,
// CSV import). Money is kept as integer minor units and summed per customer and per workspace;
// those sums must stay integers that a double (JavaScript's number, SQLite's REAL fallback) holds
// exactly, i.e. at most 2^53 − 1. The bounds are far above any real purchase and far below that.

/**
 * Largest amount of one order, order line, discount, tax, shipping or refund, in minor units:
 * 10^12, i.e. 10 billion roubles or dollars (10^12 yen). 9,007 such orders still add up exactly.
 */
export const MAX_ORDER_AMOUNT = 1_000_000_000_000;

/** Largest quantity of one order line (pieces, or kilograms for goods sold by weight). */
export const MAX_ITEM_QUANTITY = 1_000_000;

/** Largest sum of the amounts of one customer's orders, in minor units: 2^53 − 1, the largest exact integer of a double. */
export const MAX_CUSTOMER_TOTAL = Number.MAX_SAFE_INTEGER;

/** The amounts of one order as the orders service records them; money in minor units. */
export interface BoundedOrder {
  total: number;
  discount?: number;
  shipping?: number;
  tax?: number;
  pointsUsed?: number;
  items?: { price: number; quantity: number }[];
}

/**
 * Names every amount of an order that is not a whole number of minor units within ±MAX_ORDER_AMOUNT,
 * every quantity beyond ±MAX_ITEM_QUANTITY and every line whose price × quantity passes the amount
 * bound. Signs are the callers' rules (ingestion refuses negative amounts; an imported line may be a
 * negative correction).
 */
export function orderBoundProblems(order: BoundedOrder): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const amount = (field: string, value: number | undefined) => {
    if (value === undefined) return;
    if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_ORDER_AMOUNT) {
      problems.push({ field, reason: `must be a whole number of minor units of at most ${MAX_ORDER_AMOUNT}` });
    }
  };
  amount('total', order.total);
  amount('discount', order.discount);
  amount('shipping', order.shipping);
  amount('tax', order.tax);
  amount('pointsUsed', order.pointsUsed);
  (order.items ?? []).forEach((item, i) => {
    amount(`items[${i}].price`, item.price);
    if (!Number.isFinite(item.quantity) || Math.abs(item.quantity) > MAX_ITEM_QUANTITY) {
      problems.push({ field: `items[${i}].quantity`, reason: `must be a number of at most ${MAX_ITEM_QUANTITY}` });
    } else if (Math.abs(item.price * item.quantity) > MAX_ORDER_AMOUNT) {
      problems.push({ field: `items[${i}]`, reason: `price × quantity must be at most ${MAX_ORDER_AMOUNT} minor units` });
    }
  });
  return problems;
}
