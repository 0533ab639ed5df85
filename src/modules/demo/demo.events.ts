import type { Behaviour } from './demo.behaviour.js';
import { demoShopName, sampleProduct, type DemoProduct } from './demo.catalog.js';
import { otherDevice, type DemoDeviceProfile } from './demo.devices.js';
import { transliterate } from './demo.names.js';
import { upperBound, type Rng } from './demo.random.js';
import { onlineHours, timeInDay } from './demo.calendar.js';
import type { DemoCustomer, DemoEvent, DemoEventContext, DemoOrder } from './demo.types.js';
import type { DemoWorld } from './demo.world.js';

// Website activity around the orders: the funnel before an online order, carts left behind (no order
// within a day, which is what abandoned-cart journeys look for) and plain browsing. Rates are tuned so
// that eventScale 1 gives about eight events per customer.

const minute = 60_000;
const day = 86_400_000;

// Per unit of eventScale: share of online orders with a tracked funnel, carts left and visits per customer.
const funnelShare = 0.42;
const abandonedCarts = { buyer: 0.35, prospect: 0.7 };
const browseVisits = 0.42;

interface Session {
  events: DemoEvent[];
  context: DemoEventContext;
  at: number;
}

/** Builds a customer's events in time order; none when the world's eventScale is 0. */
export function buildEvents(
  world: DemoWorld,
  customer: DemoCustomer,
  device: DemoDeviceProfile,
  behaviour: Behaviour,
  orders: readonly Pick<DemoOrder, 'orderedAt' | 'channel' | 'items'>[],
  rng: Rng,
): DemoEvent[] {
  const scale = world.eventScale;
  if (scale <= 0) return [];
  const events: DemoEvent[] = [];
  const open = (at: number): Session => ({ events, context: contextFor(customer, device, rng), at });
  for (const order of orders) {
    if (order.channel !== 'online' || !rng.chance(Math.min(1, funnelShare * scale))) continue;
    const products = order.items.slice(0, 3);
    const session = open(order.orderedAt - rng.between(4, 35) * minute);
    if (session.at < world.start) continue;
    page(session, customer, rng, 'Каталог', { path: `/catalog/${slug(products[0].category)}`, category: products[0].category });
    for (const product of products) viewAndAdd(session, customer, rng, product);
    checkout(session, customer, rng, products, order.orderedAt);
  }
  // Carts are left while the customer is around: soon after signing up, or up to three months after
  // the last order for buyers.
  const last = orders.length > 0 ? orders[orders.length - 1].orderedAt : behaviour.createdAt;
  const activeEnd = Math.min(world.end - 2 * minute * 60, last + (orders.length > 0 ? 90 : 120) * day);
  const carts = rng.poisson((orders.length > 0 ? abandonedCarts.buyer : abandonedCarts.prospect) * scale);
  for (let n = 0; n < carts; n++) {
    const at = freeMoment(world, rng, behaviour.createdAt, activeEnd, orders);
    if (at === null) continue;
    const session = open(at);
    const month = new Date(at).getUTCMonth();
    const products = [sampleProduct(rng, month, false)];
    if (rng.chance(0.35)) products.push(sampleProduct(rng, month, false));
    page(session, customer, rng, 'Товар', { path: `/product/${products[0].productId}` });
    for (const product of products) viewAndAdd(session, customer, rng, product);
    // Half get as far as checkout; without an order this is the classic abandoned checkout.
    if (rng.chance(0.5)) checkout(session, customer, rng, products.map((p) => ({ ...p, quantity: 1 })), null);
  }
  const visits = rng.poisson(browseVisits * scale);
  for (let n = 0; n < visits; n++) {
    const at = momentBetween(world, rng, behaviour.createdAt, Math.max(behaviour.createdAt, activeEnd));
    const session = open(at);
    page(session, customer, rng, 'Главная', { path: '/' });
    const product = sampleProduct(rng, new Date(at).getUTCMonth(), false);
    page(session, customer, rng, 'Каталог', { path: `/catalog/${slug(product.category)}`, category: product.category });
    if (rng.chance(0.6)) track(session, customer, rng, 'Product Viewed', productProperties(product, 1));
  }
  const kept = events.filter((event) => event.timestamp >= world.start && event.timestamp <= world.end);
  kept.sort((a, b) => a.timestamp - b.timestamp);
  kept.forEach((event, n) => {
    event.messageId = `${customer.key}-e${n + 1}`;
  });
  return kept;
}

/** A moment between from and to with no order of the customer in the following day, or null. */
function freeMoment(world: DemoWorld, rng: Rng, from: number, to: number, orders: readonly { orderedAt: number }[]): number | null {
  if (to <= from) return null;
  for (let attempt = 0; attempt < 4; attempt++) {
    const at = momentBetween(world, rng, from, to);
    // A day after the session, plus the session's own length, must stay free of orders.
    if (!orders.some((order) => order.orderedAt >= at && order.orderedAt <= at + day + 30 * minute)) return at;
  }
  return null;
}

/** A moment in [from, to]: a uniform day, then an hour when people browse shops online. */
function momentBetween(world: DemoWorld, rng: Rng, from: number, to: number): number {
  const uniform = Math.floor(from + rng.next() * (to - from));
  const at = timeInDay(world.calendar, upperBound(world.calendar.midnight, uniform) - 1, onlineHours, rng);
  return Math.min(to, Math.max(from, at));
}

/** Context of a session: the customer's usual device, sometimes another; campaign tags on some visits. */
function contextFor(customer: DemoCustomer, primary: DemoDeviceProfile, rng: Rng): DemoEventContext {
  const device = rng.chance(0.85) ? primary : otherDevice(rng, primary);
  const context: DemoEventContext = { userAgent: device.userAgent, device: { type: device.device }, os: { name: device.os } };
  if (customer.utmSource && customer.utmMedium && customer.utmCampaign && rng.chance(0.25)) {
    context.campaign = { source: customer.utmSource, medium: customer.utmMedium, name: customer.utmCampaign };
  } else if (customer.consentEmail && rng.chance(0.15)) {
    context.campaign = { source: 'newsletter', medium: 'email', name: 'weekly_digest' };
  }
  return context;
}

/** Adds an event a little after the previous one in the session. */
function push(session: Session, customer: DemoCustomer, rng: Rng, type: DemoEvent['type'], name: string, properties: Record<string, unknown>): void {
  session.at += rng.between(15, 120) * 1000;
  // messageId is filled once the customer's events are sorted.
  session.events.push({ messageId: '', customerKey: customer.key, type, name, timestamp: session.at, properties, context: session.context });
}

function page(session: Session, customer: DemoCustomer, rng: Rng, name: string, properties: Record<string, unknown>): void {
  push(session, customer, rng, 'page', name, { ...properties, title: `${name} — ${demoShopName}` });
}

function track(session: Session, customer: DemoCustomer, rng: Rng, name: string, properties: Record<string, unknown>): void {
  push(session, customer, rng, 'track', name, properties);
}

function viewAndAdd(session: Session, customer: DemoCustomer, rng: Rng, product: DemoProduct): void {
  track(session, customer, rng, 'Product Viewed', productProperties(product, 1));
  track(session, customer, rng, 'Product Added', productProperties(product, 1));
}

/** Cart and checkout steps; for a completed order they end before the order time. */
function checkout(
  session: Session,
  customer: DemoCustomer,
  rng: Rng,
  products: readonly (DemoProduct & { quantity: number })[],
  orderedAt: number | null,
): void {
  const lines = products.map((p) => productProperties(p, p.quantity));
  const value = products.reduce((sum, p) => sum + p.price * p.quantity, 0) / 100;
  track(session, customer, rng, 'Cart Viewed', { products: lines, value, currency: 'RUB' });
  track(session, customer, rng, 'Checkout Started', { products: lines, value, revenue: value, currency: 'RUB' });
  if (orderedAt !== null) {
    // Squeeze the session into the minutes before the order, keeping the events' order.
    const overshoot = session.at - (orderedAt - 30_000);
    if (overshoot > 0) for (const event of session.events.slice(-(3 + 2 * products.length))) event.timestamp -= overshoot;
  }
}

/** Segment e-commerce product properties (prices in roubles). */
function productProperties(product: DemoProduct, quantity: number): Record<string, unknown> {
  return {
    product_id: product.productId, sku: product.sku, name: product.name, category: product.category,
    price: product.price / 100, quantity, currency: 'RUB',
  };
}

const slugs: Record<string, string> = {};

/** A URL slug for a category name. */
function slug(category: string): string {
  return (slugs[category] ??= category.split(/[\s,]+/).map(transliterate).filter(Boolean).join('-'));
}
