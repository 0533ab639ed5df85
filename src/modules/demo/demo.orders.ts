import { purchaseProfile, type Behaviour } from './demo.behaviour.js';
import { blackFridayDay, dayAtOp, onlineHours, opAt, profileTotal, storeHours, timeInDay } from './demo.calendar.js';
import { sampleProduct } from './demo.catalog.js';
import { upperBound, type Rng } from './demo.random.js';
import type { DemoOrder, DemoOrderItem } from './demo.types.js';
import type { DemoWorld } from './demo.world.js';

// A safety cap for benchmark scales; no natural demo customer comes near it.
const maxOrdersPerCustomer = 2000;

/** Everything of an order except its external id, which is numbered across the whole shop. */
export type DraftOrder = Omit<DemoOrder, 'externalId'>;

/** Generates a customer's orders in time order (external ids are assigned by the caller). */
export function buildOrders(world: DemoWorld, customerKey: string, behaviour: Behaviour, rng: Rng): DraftOrder[] {
  const first = behaviour.firstOrderAt;
  if (first === null) return [];
  const { calendar } = world;
  const profile = purchaseProfile(world, behaviour);
  const total = profileTotal(profile);
  const orders: DraftOrder[] = [];
  let at = first;
  let op = opAt(calendar, profile, first);
  let day = upperBound(calendar.midnight, first) - 1;
  // The first order happens where the customer signed up: at the till or on the site.
  let channel: DemoOrder['channel'] = behaviour.inStore ? 'offline' : 'online';
  for (;;) {
    orders.push(buildOrder(customerKey, at, calendar.days[day].month, channel, behaviour, rng, isSaleDay(world, day)));
    if (orders.length >= maxOrdersPerCustomer || rng.chance(behaviour.dropout)) break;
    op += rng.exponential(1 / behaviour.rate);
    if (op >= total) break;
    day = dayAtOp(profile, op);
    channel = nextChannel(behaviour, rng);
    let next = timeInDay(calendar, day, channel === 'offline' ? storeHours : onlineHours, rng);
    // Two orders on one day may draw their hours in any order; keep the sequence moving forward.
    if (next <= at) next = at + rng.between(10, 180) * 60_000;
    if (next > world.end) break;
    at = next;
  }
  return orders;
}

/** Channel of a repeat order: mostly the customer's usual one. */
function nextChannel(behaviour: Behaviour, rng: Rng): DemoOrder['channel'] {
  if (behaviour.inStore) return rng.chance(0.85) ? 'offline' : 'online';
  return behaviour.stores !== null && rng.chance(0.1) ? 'offline' : 'online';
}

/** True on Black Friday and the four days around it, when discounts are everywhere. */
function isSaleDay(world: DemoWorld, day: number): boolean {
  const { month, dayOfMonth, year } = world.calendar.days[day];
  if (month !== 10) return false;
  const offset = dayOfMonth - blackFridayDay(year);
  return offset >= -1 && offset <= 3;
}

/** One order: a basket from the month's assortment, a discount and a status. */
function buildOrder(
  customerKey: string,
  orderedAt: number,
  month: number,
  channel: DemoOrder['channel'],
  behaviour: Behaviour,
  rng: Rng,
  sale: boolean,
): DraftOrder {
  const items: DemoOrderItem[] = [];
  const more = Math.min(0.65, 0.1 * behaviour.spend);
  const premium = Math.min(0.9, 0.015 * behaviour.spend * behaviour.spend);
  let subtotal = 0;
  for (let n = 0; n === 0 || (n < 6 && rng.chance(more)); n++) {
    const product = sampleProduct(rng, month, rng.chance(premium));
    const quantity = product.price < 100_000 ? rng.between(1, 2) : rng.chance(0.06) ? 2 : 1;
    const existing = items.find((item) => item.productId === product.productId);
    if (existing) existing.quantity += quantity;
    else items.push({ ...product, quantity });
    subtotal += product.price * quantity;
  }
  const discount = rng.chance(sale ? 0.8 : month === 11 ? 0.4 : 0.25) ? discountFor(subtotal, sale, rng) : 0;
  const roll = rng.next();
  const status: DemoOrder['status'] = roll < 0.03 ? 'cancelled' : roll < 0.05 ? 'refunded' : 'completed';
  return {
    customerKey,
    orderedAt,
    channel,
    storeId: channel === 'offline' ? pickStore(behaviour, rng) : null,
    status,
    total: subtotal - discount,
    discount,
    items,
  };
}

/** A promo-code or sale discount in whole roubles. */
function discountFor(subtotal: number, sale: boolean, rng: Rng): number {
  const percent = sale ? rng.pick([20, 25, 30]) : rng.pick([5, 10, 10, 15, 20]);
  return Math.floor((subtotal * percent) / 100 / 100) * 100;
}

/** The customer's home shop most of the time, another shop of the city sometimes. */
function pickStore(behaviour: Behaviour, rng: Rng): string | null {
  if (behaviour.stores === null) return null;
  return behaviour.homeStore !== null && rng.chance(0.8) ? behaviour.homeStore : behaviour.stores.sample(rng);
}
