// Orders that count as purchases: completed ones and partly refunded ones (net of the refund).
// Cancelled and fully refunded orders are kept in history but are not purchases. customer_stats,
// the analytics and the demo loader all count purchases by this one list.

/** Statuses of the orders that are purchases. */
export const purchaseStatuses: readonly string[] = ['completed', 'partially_refunded'];
