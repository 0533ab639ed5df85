import { calibrateOrderScale, drawBehaviour, scaleBehaviour } from './demo.behaviour.js';
import { buildCustomer } from './demo.customers.js';
import { buildEvents } from './demo.events.js';
import { buildOrders } from './demo.orders.js';
import { deriveSeed, Rng } from './demo.random.js';
import type { DemoChunk, DemoOrder, DemoShopOptions } from './demo.types.js';
import { createWorld, type DemoWorld } from './demo.world.js';

// Each customer draws from random streams seeded by (seed, customer index, purpose), so a customer is
// the same whatever the chunk size, and website events can be switched off without changing orders.
const behaviourStream = 1;
const identityStream = 2;
const orderStream = 3;
const eventStream = 4;

/** The external id of the n-th order of the shop (1-based), e.g. "D-0000001". */
export function demoOrderId(n: number): string {
  return `D-${String(n).padStart(7, '0')}`;
}

/**
 * Generates a deterministic demo shop, «Северный ветер», lazily in chunks of consecutive customers
 * with their orders and website events; memory stays flat however many customers are asked for.
 */
export function* generateDemoShop(options: DemoShopOptions): Generator<DemoChunk, void, undefined> {
  const world = createWorld(options);
  if (options.ordersPerCustomer !== undefined) {
    if (!(options.ordersPerCustomer > 0)) throw new RangeError('ordersPerCustomer must be positive');
    world.orderScale = calibrateOrderScale(world, options.ordersPerCustomer);
  }
  let orderNumber = 0;
  for (let first = 0, index = 0; first < world.customers; first += world.chunkSize, index++) {
    const last = Math.min(world.customers, first + world.chunkSize);
    const chunk: DemoChunk = { index, customers: [], orders: [], events: [] };
    for (let i = first; i < last; i++) orderNumber = addCustomer(world, i, chunk, orderNumber);
    yield chunk;
  }
}

/** Adds customer i with its orders and events to the chunk; returns the last order number used. */
function addCustomer(world: DemoWorld, i: number, chunk: DemoChunk, orderNumber: number): number {
  const behaviour = drawBehaviour(world, new Rng(deriveSeed(world.seed, i, behaviourStream)));
  scaleBehaviour(behaviour, world.orderScale);
  const { customer, device } = buildCustomer(world, i, behaviour, new Rng(deriveSeed(world.seed, i, identityStream)));
  chunk.customers.push(customer);
  const drafts = buildOrders(world, customer.key, behaviour, new Rng(deriveSeed(world.seed, i, orderStream)));
  const orders: DemoOrder[] = drafts.map((draft) => ({ externalId: demoOrderId(++orderNumber), ...draft }));
  for (const order of orders) chunk.orders.push(order);
  if (world.eventScale > 0) {
    const events = buildEvents(world, customer, device, behaviour, orders, new Rng(deriveSeed(world.seed, i, eventStream)));
    for (const event of events) chunk.events.push(event);
  }
  return orderNumber;
}
