import type { Behaviour } from './demo.behaviour.js';
import { loyaltyCard, mobilePhone } from './demo.codes.js';
import { deviceTable, randomAcquisition, type DemoDeviceProfile } from './demo.devices.js';
import { emailFor, randomName, type Gender } from './demo.names.js';
import type { Rng } from './demo.random.js';
import type { DemoCustomer } from './demo.types.js';
import { demoYearMs, type DemoWorld } from './demo.world.js';

/** The stable external id of the customer with a zero-based index, e.g. "demo-000001" for index 0. */
export function demoCustomerKey(index: number): string {
  return `demo-${String(index + 1).padStart(6, '0')}`;
}

// A clothing shop's base leans female.
const femaleShare = 0.62;

/** Builds the customer record for an index, from its behaviour and an identity random stream. */
export function buildCustomer(
  world: DemoWorld,
  index: number,
  behaviour: Behaviour,
  rng: Rng,
): { customer: DemoCustomer; device: DemoDeviceProfile } {
  const gender: Gender = rng.chance(femaleShare) ? 'female' : 'male';
  const name = randomName(rng, gender);
  const hasMiddleName = rng.chance(0.4);
  // Shop tills ask for a phone, sites for an e-mail, so in-store customers leave e-mails less often.
  const hasEmail = rng.chance(behaviour.inStore ? 0.55 : 0.76);
  const hasCard = rng.chance(behaviour.inStore ? 0.85 : 0.38);
  const email = hasEmail ? emailFor(rng, name.firstName, name.lastName, world.emailNumbers(index) + 1) : null;
  const acquisition = randomAcquisition(rng, behaviour.inStore);
  const device = deviceTable.sample(rng);
  const birthDate = rng.chance(0.6) ? randomBirthDate(rng, world.end) : null;
  const customer: DemoCustomer = {
    key: demoCustomerKey(index),
    firstName: name.firstName,
    lastName: name.lastName,
    middleName: hasMiddleName ? name.middleName : null,
    gender,
    phone: mobilePhone(world.phones(index)),
    email,
    birthDate,
    city: behaviour.city.name,
    region: behaviour.city.region,
    cardNumber: hasCard ? loyaltyCard(world.cards(index)) : null,
    ...acquisition,
    createdAt: behaviour.createdAt,
    consentEmail: email !== null && rng.chance(0.62),
    consentSms: rng.chance(0.5),
    device: device.device,
    os: device.os,
    browser: device.browser,
  };
  return { customer, device };
}

/** A birth date giving an age of 18–75 on the last day of the history; most buyers are 25–45. */
function randomBirthDate(rng: Rng, end: number): string {
  // Ages 18..75.99 with a mode in the early thirties; the day inside the year is uniform.
  const age = 18 + rng.beta(2, 3.4) * 57.99;
  // A day of margin keeps the youngest at 18 and the oldest at 75 whatever the end's time of day.
  const born = end - age * demoYearMs;
  const clamped = Math.min(end - 18 * demoYearMs - 86_400_000, Math.max(end - 76 * demoYearMs + 2 * 86_400_000, born));
  return new Date(clamped).toISOString().slice(0, 10);
}
