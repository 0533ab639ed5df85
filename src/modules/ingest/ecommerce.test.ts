import { describe, expect, it } from 'vitest';
import { orderEventKind, orderFromTrack } from './ecommerce.js';
import type { NormalizedMessage } from './segment-message.js';

const rub = { currency: 'RUB' };

function track(event: string, properties: Record<string, unknown>): NormalizedMessage {
  return {
    type: 'track',
    messageId: 'm1',
    userId: 'u1',
    anonymousId: null,
    event,
    properties,
    traits: {},
    context: {},
    timestamp: Date.UTC(2024, 0, 1),
    previousId: null,
    groupId: null,
  };
}

describe('orderEventKind', () => {
  it('matches spec names case-insensitively and in snake_case', () => {
    expect(orderEventKind('Order Completed')).toBe('completed');
    expect(orderEventKind('order_completed')).toBe('completed');
    expect(orderEventKind('ORDER COMPLETED')).toBe('completed');
    expect(orderEventKind('Order Refunded')).toBe('refunded');
    expect(orderEventKind('order_cancelled')).toBe('cancelled');
    expect(orderEventKind('Order Canceled')).toBe('cancelled');
    expect(orderEventKind('Product Viewed')).toBeNull();
  });
});

describe('Order Completed', () => {
  it('sums products when no total is given', () => {
    const result = orderFromTrack(
      track('Order Completed', {
        order_id: 'A-1001',
        currency: 'rub',
        discount: 500,
        shipping: '300',
        coupon: 'SPRING',
        products: [
          { product_id: 'p1', sku: 'SKU-1', name: 'Кроссовки', category: 'Обувь', price: 4990.5, quantity: 2 },
          { product_id: 77, price: '199.99' },
        ],
      }),
      rub,
    );
    expect(result).toEqual({
      ok: true,
      command: {
        kind: 'completed',
        externalId: 'A-1001',
        // 2 × 499050 + 19999 kopecks
        total: 1018099,
        discount: 50000,
        shipping: 30000,
        tax: 0,
        currency: 'RUB',
        coupon: 'SPRING',
        storeId: null,
        channel: 'online',
        pointsUsed: null,
        items: [
          { productId: 'p1', sku: 'SKU-1', name: 'Кроссовки', category: 'Обувь', price: 499050, quantity: 2 },
          { productId: '77', sku: null, name: null, category: null, price: 19999, quantity: 1 },
        ],
      },
    });
  });

  it('prefers total, then revenue, over the products', () => {
    const withTotal = orderFromTrack(track('Order Completed', { order_id: 'A', total: 27.5, revenue: 25, products: [{ price: 10 }] }), rub);
    expect(withTotal?.ok && withTotal.command.kind === 'completed' && withTotal.command.total).toBe(2750);
    const revenueOnly = orderFromTrack(track('order_completed', { order_id: 1001, revenue: 1500 }), rub);
    expect(revenueOnly).toMatchObject({ ok: true, command: { externalId: '1001', total: 150000, items: [], currency: 'RUB' } });
  });

  it('marks store orders offline unless a channel says otherwise', () => {
    const inStore = orderFromTrack(track('Order Completed', { order_id: 'S-1', total: 100, store_id: 'msk-01', points_used: 300 }), rub);
    expect(inStore).toMatchObject({ ok: true, command: { storeId: 'msk-01', channel: 'offline', pointsUsed: 300 } });
    const pickup = orderFromTrack(track('Order Completed', { order_id: 'S-2', total: 100, store: 12, channel: 'Online' }), rub);
    expect(pickup).toMatchObject({ ok: true, command: { storeId: '12', channel: 'online' } });
  });

  it('uses the minor unit of the order currency', () => {
    const yen = orderFromTrack(track('Order Completed', { order_id: 'J', total: 1234.5, currency: 'JPY' }), rub);
    expect(yen).toMatchObject({ ok: true, command: { total: 1235, currency: 'JPY' } });
    const dinar = orderFromTrack(track('Order Completed', { order_id: 'K', total: '1.2345', currency: 'KWD' }), rub);
    expect(dinar).toMatchObject({ ok: true, command: { total: 1235, currency: 'KWD' } });
  });

  it('reports every problem with its field path', () => {
    const result = orderFromTrack(
      track('Order Completed', { currency: 'RUBL', tax: -1, points_used: 1.5, products: [{ price: 10 }, { name: 'no price' }, 'sku-3'] }),
      rub,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: 'properties.order_id', reason: 'is required' },
        { field: 'properties.currency', reason: '"RUBL" is not an ISO 4217 currency code' },
        { field: 'properties.products[2]', reason: 'must be an object' },
        { field: 'properties.products[1].price', reason: 'is required when neither total nor revenue is given' },
        { field: 'properties.tax', reason: 'must not be negative' },
        { field: 'properties.points_used', reason: 'must be a whole number from 0 to 1000000000000' },
      ],
    });
  });

  it('bounds amounts at 10^12 minor units and quantities at a million, naming the field', () => {
    const problems = (properties: Record<string, unknown>) => {
      const result = orderFromTrack(track('Order Completed', { order_id: 'B', ...properties }), rub);
      return result?.ok === false ? result.problems : [];
    };
    expect(problems({ products: [{ price: 100, quantity: 1e300 }] })).toEqual([
      { field: 'properties.products[0].quantity', reason: 'must be at most 1000000' },
    ]);
    expect(problems({ total: '90071992547409.91' })).toEqual([{ field: 'properties.total', reason: 'must be at most 10000000000' }]);
    expect(problems({ total: 1e300, discount: '1e20' })).toEqual([
      { field: 'properties.total', reason: 'must be at most 10000000000' },
      { field: 'properties.discount', reason: 'must be at most 10000000000' },
    ]);
    expect(problems({ total: '10000000000.005' })).toEqual([{ field: 'properties.total', reason: 'must be at most 10000000000' }]);
    expect(problems({ total: 'Infinity', tax: 'NaN' })).toEqual([
      { field: 'properties.total', reason: 'must be a number, e.g. 1234.50' },
      { field: 'properties.tax', reason: 'must be a number, e.g. 1234.50' },
    ]);
    // Each line within the bound, and their sum too, or the order is refused.
    expect(problems({ total: 100, products: [{ price: 20_000_000, quantity: 600 }] })).toEqual([
      { field: 'properties.products[0]', reason: 'price × quantity is more than 10000000000' },
    ]);
    expect(problems({ products: [{ price: 6_000_000_000 }, { price: 6_000_000_000 }] })).toEqual([
      { field: 'properties.products', reason: 'price × quantity adds up to more than 10000000000; send total' },
    ]);
    // The bounds themselves are fine: 10 billion roubles, a million units, 10^12 yen.
    expect(orderFromTrack(track('Order Completed', { order_id: 'C', total: '10000000000.00', products: [{ price: 0.01, quantity: 1_000_000 }] }), rub)).toMatchObject({
      ok: true,
      command: { total: 1_000_000_000_000, items: [{ price: 1, quantity: 1_000_000 }] },
    });
    expect(orderFromTrack(track('Order Completed', { order_id: 'D', total: 1e12, currency: 'JPY' }), rub)).toMatchObject({ ok: true, command: { total: 1e12 } });
  });

  it('needs some amount, and rejects negative or non-numeric ones', () => {
    expect(orderFromTrack(track('Order Completed', { order_id: 'A' }), rub)).toEqual({
      ok: false,
      problems: [{ field: 'properties.total', reason: 'is required (or revenue, or products with prices)' }],
    });
    expect(orderFromTrack(track('Order Completed', { order_id: 'A', total: -10 }), rub)).toMatchObject({
      problems: [{ field: 'properties.total', reason: 'must not be negative' }],
    });
    expect(orderFromTrack(track('Order Completed', { order_id: 'A', total: '10 руб.' }), rub)).toMatchObject({
      problems: [{ field: 'properties.total', reason: 'must be a number, e.g. 1234.50' }],
    });
    expect(orderFromTrack(track('Order Completed', { order_id: 'A', products: [{ price: -5, quantity: 0 }] }), rub)).toMatchObject({
      problems: [
        { field: 'properties.products[0].quantity', reason: 'must be a positive number' },
        { field: 'properties.products[0].price', reason: 'must not be negative' },
      ],
    });
    expect(orderFromTrack(track('Order Completed', { order_id: { id: 1 }, total: 1 }), rub)).toMatchObject({
      problems: [{ field: 'properties.order_id', reason: 'must be a string or an integer' }],
    });
  });
});

describe('Order Refunded and Order Cancelled', () => {
  it('refunds part of an order by total, revenue or products', () => {
    expect(orderFromTrack(track('Order Refunded', { order_id: 'A-1', total: 500 }), rub)).toEqual({
      ok: true,
      command: { kind: 'refunded', externalId: 'A-1', currency: 'RUB', amount: 50000 },
    });
    expect(orderFromTrack(track('order_refunded', { order_id: 'A-1', revenue: '99.90' }), rub)).toMatchObject({ command: { amount: 9990 } });
    const byProducts = orderFromTrack(track('Order Refunded', { order_id: 'A-1', products: [{ price: 100, quantity: 3 }] }), rub);
    expect(byProducts).toMatchObject({ ok: true, command: { amount: 30000 } });
  });

  it('refunds the whole order when no amount is given', () => {
    expect(orderFromTrack(track('Order Refunded', { order_id: 'A-1' }), rub)).toEqual({
      ok: true,
      command: { kind: 'refunded', externalId: 'A-1', currency: 'RUB', amount: null },
    });
  });

  it('rejects a negative refund and a refund in an unknown currency', () => {
    expect(orderFromTrack(track('Order Refunded', { order_id: 'A-1', total: -500 }), rub)).toMatchObject({
      problems: [{ field: 'properties.total', reason: 'must not be negative' }],
    });
    expect(orderFromTrack(track('Order Refunded', { order_id: 'A-1', total: 5, currency: 'XYZ' }), rub)).toMatchObject({
      problems: [{ field: 'properties.currency' }],
    });
  });

  it('cancels by order id', () => {
    expect(orderFromTrack(track('Order Cancelled', { order_id: 'A-1', reason: 'changed mind' }), rub)).toEqual({
      ok: true,
      command: { kind: 'cancelled', externalId: 'A-1' },
    });
    expect(orderFromTrack(track('Order Cancelled', { order_id: '  ' }), rub)).toEqual({
      ok: false,
      problems: [{ field: 'properties.order_id', reason: 'is required' }],
    });
  });
});

describe('other messages', () => {
  it('are not orders', () => {
    expect(orderFromTrack(track('Product Viewed', { order_id: 'A', total: 1 }), rub)).toBeNull();
    expect(orderFromTrack({ ...track('Order Completed', { order_id: 'A', total: 1 }), type: 'page' }, rub)).toBeNull();
  });
});
