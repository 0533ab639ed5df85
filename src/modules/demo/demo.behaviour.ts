import { dayAtOp, opAt, profileTotal, timeInDay, onlineHours, storeHours } from './demo.calendar.js';
import { cityTable, storesByCity, type DemoCity } from './demo.places.js';
import { deriveSeed, Rng, type WeightedTable } from './demo.random.js';
import type { DemoWorld } from './demo.world.js';

// The buying story of one customer, after the BG/NBD model: while active, a customer buys at a personal
// Poisson rate (gamma-distributed across customers) and after each purchase quits for good with a
// personal probability (beta-distributed). This gives one-time buyers, a long loyal tail and customers
// who stop coming, which is what RFM, lifecycle and P(alive) screens need to look alive.

/** Hidden traits that drive a customer's orders. */
export interface Behaviour {
  city: DemoCity;
  /** Shops of the customer's city, or null where the chain has none. */
  stores: WeightedTable<string> | null;
  homeStore: string | null;
  /** Registered at a shop's till and buys mostly there. */
  inStore: boolean;
  createdAt: number;
  /** Null for customers who never bought. */
  firstOrderAt: number | null;
  /** Purchases per operational day while active. */
  rate: number;
  /** Probability of quitting after each purchase. */
  dropout: number;
  /** Basket level: 1 is an average basket, VIPs reach 3 and more. */
  spend: number;
}

// Probabilities tuned so that about 15% never buy and about half buy exactly once.
const inStoreShare = 0.38;
const neverBuyShare = 0.19;
const ratePerYear = { shape: 0.5, mean: 9, max: 20 };
const dropoutBeta = { a: 0.4, b: 0.5 };

/** Draws a customer's traits at the natural order level (orderScale is applied by scaleBehaviour). */
export function drawBehaviour(world: DemoWorld, rng: Rng): Behaviour {
  const city = cityTable.sample(rng);
  const stores = storesByCity.get(city.name) ?? null;
  const inStore = stores !== null && rng.chance(inStoreShare);
  const homeStore = stores ? stores.sample(rng) : null;
  const { calendar, acquisition } = world;
  const day = dayAtOp(acquisition, rng.next() * profileTotal(acquisition));
  const createdAt = timeInDay(calendar, day, inStore ? storeHours : onlineHours, rng);
  let firstOrderAt: number | null = null;
  if (inStore) firstOrderAt = createdAt; // registered at the till while paying
  else if (!rng.chance(neverBuyShare)) {
    // Many buy in the session they sign up in; the rest come back within days.
    const delay = rng.chance(0.45) ? rng.between(2, 40) * 60_000 : Math.round(rng.exponential(5 * 86_400_000));
    if (createdAt + delay <= world.end) firstOrderAt = createdAt + delay;
  }
  // Nobody buys clothes more than twice a month for years; the cap keeps the loyal tail believable.
  const rate = Math.min(ratePerYear.max, rng.gamma(ratePerYear.shape, ratePerYear.mean / ratePerYear.shape)) / 365.25;
  const dropout = Math.min(0.999, Math.max(0.001, rng.beta(dropoutBeta.a, dropoutBeta.b)));
  // Frequent buyers also spend more per order (the VIP basket), on top of personal taste.
  const spend = rng.gamma(1.5, 1 / 1.5) * Math.pow(1 + rate * 365.25, 0.4);
  return { city, stores, homeStore, inStore, createdAt, firstOrderAt, rate, dropout, spend };
}

/**
 * Scales repeat purchases by m exactly in expectation: the odds of staying after a purchase grow m-fold
 * and the rate grows so that rate*dropout (the quitting hazard in time) is unchanged.
 */
export function scaleBehaviour(behaviour: Behaviour, m: number): void {
  if (m === 1) return;
  const odds = ((1 - behaviour.dropout) / behaviour.dropout) * m;
  const dropout = 1 / (1 + odds);
  behaviour.rate = (behaviour.rate * behaviour.dropout) / dropout;
  behaviour.dropout = dropout;
}

/** The operational-time profile a customer's purchases follow. */
export function purchaseProfile(world: DemoWorld, behaviour: Behaviour): DemoWorld['online'] {
  return behaviour.inStore ? world.store : world.online;
}

/** Expected repeat orders before the history ends: (q/p)(1 - exp(-rate*p*window)), q = 1 - p. */
export function expectedRepeatOrders(world: DemoWorld, behaviour: Behaviour): number {
  if (behaviour.firstOrderAt === null) return 0;
  const profile = purchaseProfile(world, behaviour);
  const window = profileTotal(profile) - opAt(world.calendar, profile, behaviour.firstOrderAt);
  const p = behaviour.dropout;
  return ((1 - p) / p) * (1 - Math.exp(-behaviour.rate * p * window));
}

/**
 * The repeat-purchase multiplier that makes the average orders per customer hit the target, from the
 * closed-form expectation over a fixed pilot sample (cheap: no orders are generated).
 */
export function calibrateOrderScale(world: DemoWorld, ordersPerCustomer: number, pilot = 20_000): number {
  let buyers = 0;
  let repeat = 0;
  for (let i = 0; i < pilot; i++) {
    const behaviour = drawBehaviour(world, new Rng(deriveSeed(world.seed, i, 9)));
    if (behaviour.firstOrderAt === null) continue;
    buyers++;
    repeat += expectedRepeatOrders(world, behaviour);
  }
  // Below the share of buyers the target is out of reach; the smallest multiplier comes closest.
  return Math.max(0.01, (ordersPerCustomer * pilot - buyers) / Math.max(repeat, 1e-9));
}
