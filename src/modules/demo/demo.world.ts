import {
  acquisitionDemand, buildCalendar, buildProfile, onlineDemand, storeDemand,
  type HistoryCalendar, type IntensityProfile,
} from './demo.calendar.js';
import { createPermutation, type Permutation, mobileSubscribers } from './demo.codes.js';
import { deriveSeed } from './demo.random.js';
import type { DemoShopOptions } from './demo.types.js';

/** Length of a demo "year" in ms (365.25 days), the unit of the years option. */
export const demoYearMs = 365.25 * 86_400_000;

/** Everything shared by all customers of one generated shop, computed once. */
export interface DemoWorld {
  seed: number;
  customers: number;
  start: number;
  end: number;
  timezone: string;
  chunkSize: number;
  calendar: HistoryCalendar;
  /** Busyness of days for customers who buy online. */
  online: IntensityProfile;
  /** Busyness of days for customers who buy in the shops. */
  store: IntensityProfile;
  /** When new customers arrive. */
  acquisition: IntensityProfile;
  /** Phone subscriber numbers by customer index. */
  phones: Permutation;
  /** Numbers that make e-mail addresses unique, by customer index. */
  emailNumbers: Permutation;
  /** Loyalty card serials by customer index. */
  cards: Permutation;
  /** Multiplier of repeat purchases, 1 for the natural mix (see calibrateOrderScale). */
  orderScale: number;
  /** Multiplier of website activity, 1 for the default 8 events per customer; 0 for none. */
  eventScale: number;
}

/** The default average number of events per customer, where eventScale is 1. */
export const defaultEventsPerCustomer = 8;

const phoneSpace = mobileSubscribers;
const cardSpace = 100_000_000_000;

/**
 * A permutation of the non-negative integers that shuffles within blocks of 1000: unique numbers that
 * depend only on the index, so a customer is the same in a small demo and a large benchmark.
 */
function blockPermutation(key: number): Permutation {
  const block = 1000;
  let cachedBlock = -1;
  let inner: Permutation = (i) => i;
  return (index: number): number => {
    const b = Math.floor(index / block);
    if (b !== cachedBlock) {
      cachedBlock = b;
      inner = createPermutation(block, deriveSeed(key, b));
    }
    return b * block + inner(index % block);
  };
}

/** Validates options and builds the shared world (before order calibration). */
export function createWorld(options: DemoShopOptions): DemoWorld {
  const { customers, endDate } = options;
  const seed = options.seed ?? 1;
  const years = options.years ?? 3;
  const timezone = options.timezone ?? 'Europe/Moscow';
  const chunkSize = options.chunkSize ?? 1000;
  const eventsPerCustomer = options.eventsPerCustomer ?? defaultEventsPerCustomer;
  if (!Number.isSafeInteger(customers) || customers < 0 || customers > phoneSpace) {
    throw new RangeError(`customers must be an integer in [0, ${phoneSpace}], got ${customers}`);
  }
  if (!Number.isFinite(endDate)) throw new RangeError('endDate must be epoch milliseconds');
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  if (!(years > 0 && years <= 50)) throw new RangeError('years must be in (0, 50]');
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError('chunkSize must be a positive integer');
  if (!(eventsPerCustomer >= 0)) throw new RangeError('eventsPerCustomer must be zero or more');
  const start = Math.round(endDate - years * demoYearMs);
  const calendar = buildCalendar(start, endDate, timezone);
  return {
    seed,
    customers,
    start,
    end: endDate,
    timezone,
    chunkSize,
    calendar,
    online: buildProfile(calendar, onlineDemand),
    store: buildProfile(calendar, storeDemand),
    acquisition: buildProfile(calendar, acquisitionDemand),
    phones: createPermutation(phoneSpace, deriveSeed(seed, 101)),
    emailNumbers: blockPermutation(deriveSeed(seed, 102)),
    cards: createPermutation(cardSpace, deriveSeed(seed, 103)),
    orderScale: 1,
    eventScale: eventsPerCustomer / defaultEventsPerCustomer,
  };
}
